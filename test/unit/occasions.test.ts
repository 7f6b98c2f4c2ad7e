// Recurrence on the real seeds and the example draft: an item's precedents grouped by occasion (one earlier
// document), the sentence a hover starts with, and what undated documents may and may not claim.

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { checkContext, checkDocument } from '../../server/src/core/checks/checkDocument';
import type { PrecedentMatch } from '../../server/src/core/checks/lookup';
import { checkRecurringRecommendations } from '../../server/src/core/checks/recurrence';
import type { RecDocument } from '../../server/src/core/document/model';
import { parseDocument } from '../../server/src/core/document/parse';
import { hoverCard } from '../../server/src/core/features/hoverCard';
import { consistencyReport } from '../../server/src/core/features/report';
import { describeRecurrence, groupOccasions, recurrenceOf } from '../../server/src/core/checks/occasions';
import { precedentsPanel, wordingRange } from '../../server/src/core/features/precedentsPanel';
import { PrecedentIndex } from '../../server/src/core/index/precedentIndex';
import { readSettings } from '../../server/src/core/settings';
import { createAnalyser } from '../../server/src/core/text/analyser';
import { readSeed, SEED_NAMES, SEEDS_DIR, seedThesaurus } from './support/documentChecks';

const seeds = SEED_NAMES.map((name) => parseDocument(readSeed(name), SEEDS_DIR + name));
const index = new PrecedentIndex(createAnalyser(seedThesaurus()));
for (const document of seeds) index.addDocument(document);
const draft = parseDocument(readFileSync(fileURLToPath(new URL('../../examples/draft-afml17.rec.md', import.meta.url)), 'utf8'), 'examples/draft-afml17.rec.md');
const seed = (name: string) => seeds.find((document) => document.id.endsWith(name))!;

/** The recurrence of a draft item, asked as the server and the CLI ask it (similarity threshold 0.3). */
function recurrenceOfItem(document: RecDocument, startsWith: string) {
  const item = document.items.find((candidate) => candidate.text.startsWith(startsWith));
  assert.ok(item, `an item starting "${startsWith}"`);
  return recurrenceOf(index, item.text, { minScore: 0.3, excludeDocuments: new Set([document.id]), draftDate: document.metadata.date });
}

describe('occasions: an item asked before, grouped by earlier document', () => {
  it('"Encourage job retention…" of the example draft was asked twice before, by Viet Nam and by Lao PDR, both 2020', () => {
    const recurrence = recurrenceOfItem(draft, 'Encourage job retention');
    assert.deepEqual(recurrence.occasions.map((occasion) => [occasion.who, occasion.forum, occasion.date]), [
      ['Viet Nam', '13th ASEAN Forum on Migrant Labour', '2020-09-28'],
      ['Lao PDR', '13th ASEAN Forum on Migrant Labour', '2020-10-23'],
    ]);
    assert.equal(describeRecurrence(recurrence), 'Asked twice before, since 2020: Viet Nam (13th AFML, 2020, item 4), Lao PDR (13th AFML, 2020)');
  });

  it("Viet Nam 2020's items 14 and 16 are one occasion, which keeps its best item", () => {
    const recurrence = recurrenceOfItem(draft, 'Enhance the role of labor management board');
    assert.equal(recurrence.matches.filter((match) => match.document === seed('viet-nam-afml13-2020.txt')).length, 2, 'both items are precedents');
    assert.equal(recurrence.occasions.length, 1);
    const [occasion] = recurrence.occasions;
    assert.deepEqual(occasion!.matches.map((match) => match.item.label).sort(), ['14.', '16.']);
    assert.equal(occasion!.best, occasion!.matches[0]);
    assert.equal(describeRecurrence(recurrence), `Asked once before, in 2020: Viet Nam (13th AFML, 2020, item ${occasion!.best.item.label.replace('.', '')})`);
  });

  it('an undated document counts, as "date unknown", and the summary then never says "before"', () => {
    const recurrence = recurrenceOfItem(draft, 'Develop better systems to match returned migrant workers');
    assert.equal(recurrence.occasions.length, 1);
    assert.equal(recurrence.occasions[0]!.date, null);
    assert.equal(recurrence.earlier, false);
    // The ILO seed names no country, title or date: it is named by its file.
    assert.equal(describeRecurrence(recurrence), 'Asked once: recommendations-recruitment-reintegration.txt (date unknown, item 5)');
  });

  it('dated and undated occasions together (a Lao PDR 2020 item): dated first, undated last, counted apart from "since"', () => {
    const recurrence = recurrenceOfItem(seed('lao-pdr-afml13-2020.txt'), 'Extend social protection/support for migrant workers');
    assert.deepEqual(recurrence.occasions.map((occasion) => occasion.date), ['2020-09-28', null]);
    assert.equal(recurrence.earlier, false);
    assert.equal(describeRecurrence(recurrence), 'Asked twice, since 2020 (1 of unknown date): Viet Nam (13th AFML, 2020, item 6), recommendations-recruitment-reintegration.txt (date unknown, item 3)');
  });

  it('orders occasions oldest first whatever their scores, undated last', () => {
    const [vietNam, lao, ilo] = ['viet-nam-afml13-2020.txt', 'lao-pdr-afml13-2020.txt', 'recommendations-recruitment-reintegration.txt'].map(seed);
    const matches: PrecedentMatch[] = [
      { document: ilo!, item: ilo!.items[4]!, score: 0.95 },
      { document: lao!, item: lao!.items[0]!, score: 0.9 },
      { document: vietNam!, item: vietNam!.items[3]!, score: 0.5 },
    ];
    assert.deepEqual(groupOccasions(matches).map((occasion) => occasion.who), ['Viet Nam', 'Lao PDR', 'recommendations-recruitment-reintegration.txt']);
  });

  it('a draft without a date is not told "before", even by dated precedents', () => {
    const undatedDraft = parseDocument('1. Encourage job retention, remote/flexible arrangements, alternative employment, job creation.\n', 'undated.rec.md');
    const recurrence = recurrenceOfItem(undatedDraft, 'Encourage job retention');
    assert.equal(describeRecurrence(recurrence), 'Asked twice, since 2020: Viet Nam (13th AFML, 2020, item 4), Lao PDR (13th AFML, 2020)');
  });

  it('two files of one document (same country, forum and date) are one occasion; undated ones of one country are not', () => {
    const text = readSeed('viet-nam-afml13-2020.txt');
    const pdfText = parseDocument(text, '/library/viet-nam-afml13-2020.pdf');
    const wordText = parseDocument(text, '/library/viet-nam-afml13-2020.docx');
    const same = groupOccasions([pdfText, wordText].map((document) => ({ document, item: document.items[0]!, score: 0.8 })));
    assert.equal(same.length, 1);
    assert.equal(same[0]!.matches.length, 2);
    const undatedA = parseDocument('---\ncountry: Viet Nam\n---\n1. Extend social protection.\n', 'a.md');
    const undatedB = parseDocument('---\ncountry: Viet Nam\n---\n1. Extend social protection.\n', 'b.md');
    assert.equal(groupOccasions([undatedA, undatedB].map((document) => ({ document, item: document.items[0]!, score: 0.8 }))).length, 2);
  });

  it('says "at least" when the index held more matches than were asked for', () => {
    const recurrence = recurrenceOf(index, 'migrant workers', { minScore: 0.01, limit: 3 });
    assert.equal(recurrence.complete, false);
    assert.match(describeRecurrence(recurrence), /^Asked at least (once|twice|\d+ times)/);
  });
});

describe('hover card with recurrence', () => {
  it('starts with the recurrence line, then quotes the precedents as before', () => {
    const item = draft.items.find((candidate) => candidate.text.startsWith('Encourage job retention'))!;
    const recurrence = recurrenceOf(index, item.text, { minScore: 0.3, excludeDocuments: new Set([draft.id]), draftDate: draft.metadata.date });
    const card = hoverCard(item, recurrence.matches.slice(0, 3), () => 'file:///x#L1', () => null, recurrence);
    const lines = card.split('\n');
    assert.equal(lines[0], 'Asked twice before, since 2020: Viet Nam (13th AFML, 2020, item 4), Lao PDR (13th AFML, 2020)');
    assert.equal(lines[2], '**Precedents** for item 3 (closest first)');
    assert.match(card, /> Encourage job retention/);
  });

  it('escapes a hostile country or forum in the recurrence line', () => {
    const hostile = parseDocument('---\ncountry: "[click](command:workbench.action.terminal.new)"\nforum: "<img src=x onerror=alert(1)>"\ndate: 2020-01-01\n---\n1. Extend social protection.\n', 'hostile.md');
    const match = { document: hostile, item: hostile.items[0]!, score: 0.9 };
    const recurrence = recurrenceOf({ query: () => [match] }, 'x', { draftDate: '2024-01-01' });
    const first = hoverCard(hostile.items[0]!, [match], () => 'file:///x#L1', () => null, recurrence).split('\n')[0]!;
    assert.equal(first, 'Asked once before, in 2020: \\[click\\](command:workbench.action.terminal.new) (&lt;img src=x onerror=alert(1)&gt;, 2020, item 1)');
  });
});

describe('consistency report with occasions', () => {
  const markdown = consistencyReport({ document: draft, displayName: 'examples/draft-afml17.rec.md', findings: [], precedents: index, minScore: 0.3 });

  it('gives each item its occasions under its closest precedent', () => {
    const lines = markdown.split('\n');
    const item = lines.findIndex((line) => line.startsWith('- `3.` Encourage job retention'));
    assert.match(lines[item + 1]!, /^ {2}- Closest precedent, 100% similar/);
    assert.equal(lines[item + 2], '  - Asked twice before, since 2020: Viet Nam (13th AFML, 2020, item 4), Lao PDR (13th AFML, 2020)');
  });

  it('counts the draft\'s items by earlier occasion, oldest first, undated last', () => {
    const section = markdown.slice(markdown.indexOf('## Recommendations repeated from earlier forums'));
    assert.match(section, /15 of 20 items were asked at 4 occasions of the precedent library/);
    const rows = section.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| Occasion'));
    assert.deepEqual(rows.map((row) => row.split(' | ').slice(0, 2).join(' | ')), [
      '| Viet Nam, 13th ASEAN Forum on Migrant Labour | 28 September 2020',
      '| Lao PDR, 13th ASEAN Forum on Migrant Labour | 23 October 2020',
      '| Viet Nam, 15th ASEAN Forum on Migrant Labour | 10 October 2022',
      '| recommendations-recruitment-reintegration.txt | date unknown',
    ]);
    assert.match(rows[0]!, /\| 9: .*`3\.` line 16/);
  });

  it('says so when no item was asked before', () => {
    const fresh = parseDocument('1. Publish the workshop photos on the ministry website.\n', 'fresh.rec.md');
    const report = consistencyReport({ document: fresh, displayName: 'fresh.rec.md', findings: [], precedents: index, minScore: 0.3 });
    assert.match(report, /## Recommendations repeated from earlier forums\n\nNo item of this draft was asked at an occasion of the precedent library\./);
  });
});

describe('recurring-recommendation (hint, off by default)', () => {
  it('reports an item asked at minOccasions or more occasions, naming them, with each one\'s item as related', () => {
    const findings = checkRecurringRecommendations(draft, index, { minScore: 0.3, minOccasions: 2 });
    const retention = findings.find((finding) => finding.range.start.line === 15);
    assert.ok(retention, JSON.stringify(findings.map((finding) => finding.range.start.line)));
    assert.equal(retention.code, 'recurring-recommendation');
    assert.equal(retention.severity, 'hint');
    assert.equal(retention.message, 'Asked twice before, since 2020: Viet Nam (13th AFML, 2020, item 4), Lao PDR (13th AFML, 2020). Check what came of the earlier calls before repeating this one.');
    assert.deepEqual(retention.related.map((related) => [related.documentId, related.range.start.line]), [[seed('viet-nam-afml13-2020.txt').id, 24], [seed('lao-pdr-afml13-2020.txt').id, 23]]);
    // Asked once only (Viet Nam 2020's items 14 and 16 are one occasion): not reported at 2.
    assert.equal(findings.find((finding) => finding.range.start.line === 16), undefined);
  });

  it('counts undated occasions: the Lao PDR item asked by Viet Nam 2020 and by the undated ILO text', () => {
    const lao = seed('lao-pdr-afml13-2020.txt');
    const findings = checkRecurringRecommendations(lao, index, { minScore: 0.3, minOccasions: 2 });
    assert.equal(findings.length, 1);
    assert.match(findings[0]!.message, /^Asked twice, since 2020 \(1 of unknown date\): Viet Nam .*recommendations-recruitment-reintegration\.txt \(date unknown, item 3\)/);
  });

  it('is off by default, on with precedent.diagnostics.recurringRecommendation, at precedent.recurrence.minOccasions (default 3)', () => {
    const codes = (raw: unknown) => checkDocument(draft, checkContext(index, readSettings(raw).settings)).filter((finding) => finding.code === 'recurring-recommendation').length;
    assert.equal(readSettings(undefined).settings.recurrence.minOccasions, 3);
    assert.equal(codes(undefined), 0, 'off by default');
    assert.equal(codes({ diagnostics: { recurringRecommendation: true } }), 0, 'no item of the example draft was asked at 3 occasions of the seeds');
    assert.equal(codes({ diagnostics: { recurringRecommendation: true }, recurrence: { minOccasions: 2 } }), 7, 'the 7 items asked twice (precedent history shows the same)');
    assert.deepEqual(readSettings({ recurrence: { minOccasions: 0 } }).problems, ['precedent.recurrence.minOccasions: expected a number from 1 to 1000; using the default.']);
  });
});

describe('the Precedents panel\'s answer (core)', () => {
  it('the item at the position, its recurrence, occasions and precedents; nothing on a heading', () => {
    const line = draft.items.find((item) => item.text.startsWith('Encourage job retention'))!.range.start.line;
    const panel = precedentsPanel(draft, { line, character: 10 }, index, { minScore: 0.3, limit: 1 });
    assert.equal(panel.item?.label, '3.');
    assert.equal(panel.recurrence, 'Asked twice before, since 2020: Viet Nam (13th AFML, 2020, item 4), Lao PDR (13th AFML, 2020)');
    assert.equal(panel.precedents.length, 1, 'limit lists fewer precedents…');
    assert.equal(panel.occasions.length, 2, '…but the occasions count them all');
    assert.deepEqual(panel.occasions.map((occasion) => [occasion.summary, occasion.best.citation.startsWith(`${occasion.who} · 13th AFML · `)]), [
      ['Viet Nam (13th AFML, 2020, item 4)', true],
      ['Lao PDR (13th AFML, 2020)', true],
    ]);
    assert.deepEqual(precedentsPanel(draft, { line: line - 3, character: 0 }, index, { minScore: 0.3, limit: 20 }), { item: null, recurrence: '', occasions: [], precedents: [] });
  });

  it('the wording range starts after the label and its spaces, and covers continuation lines', () => {
    const document = parseDocument('14.   Enhance the role\n    of labour boards.\n- Bulleted item\n\nA paragraph without label.\n', 'draft');
    const [numbered, bulleted] = document.items;
    assert.deepEqual(wordingRange(numbered!), { start: { line: 0, character: 6 }, end: numbered!.range.end });
    assert.equal(numbered!.range.end.line, 1);
    assert.deepEqual(wordingRange(bulleted!).start, { line: 2, character: 2 });
    const prose = parseDocument('A paragraph without a label, long enough to be one.\n', 'prose').items[0]!;
    assert.deepEqual(wordingRange(prose), prose.range);
  });
});
