// The editor features of the core, as plain data: renumbering edits, the next label, completion candidates,
// the corpus vocabulary, hover cards, the outline, the consistency report, Markdown escaping, settings.

import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { checkNumbering } from '../../server/src/core/checks/numbering';
import { parseDocument } from '../../server/src/core/document/parse';
import { completionsAt } from '../../server/src/core/features/completion';
import { hoverCard } from '../../server/src/core/features/hoverCard';
import { describeIndexing } from '../../server/src/core/features/indexSummary';
import { escapeMarkdown, escapeTableCell } from '../../server/src/core/features/markdown';
import { nextItem, nextLabel } from '../../server/src/core/features/nextLabel';
import { outline } from '../../server/src/core/features/outline';
import { shortSource } from '../../server/src/core/document/provenance';
import { reuseHints } from '../../server/src/core/features/reuseHints';
import { convertListEdits, renumberEdits } from '../../server/src/core/features/renumber';
import { consistencyReport } from '../../server/src/core/features/report';
import { applyEdits } from '../../server/src/core/features/textEdit';
import { buildVocabulary, termsStartingWith } from '../../server/src/core/features/vocabulary';
import { PrecedentIndex } from '../../server/src/core/index/precedentIndex';
import { readSettings } from '../../server/src/core/settings';
import { createAnalyser } from '../../server/src/core/text/analyser';
import { emptyThesaurus } from '../../server/src/core/text/thesaurus';
import { seedThesaurus } from './support/documentChecks';

const seedsDir = resolve(__dirname, '..', '..', 'seeds');
const seeds = readdirSync(seedsDir).filter((file) => file.endsWith('.txt')).map((file) => parseDocument(readFileSync(join(seedsDir, file), 'utf8'), join(seedsDir, file)));
const index = new PrecedentIndex(createAnalyser(seedThesaurus()));
for (const document of seeds) index.addDocument(document);
const vocabulary = buildVocabulary(seeds);

function renumbered(text: string, style: 'auto' | 'restartPerSection' | 'continuous' = 'auto', list?: number): string {
  return applyEdits(text, renumberEdits(parseDocument(text, 'draft'), style, list));
}

describe('renumbering', () => {
  it('fixes a gap, a repeat and an order slip, and leaves the numbering check silent', () => {
    for (const text of ['1. a\n2. b\n4. c\n', '1. a\n2. b\n2. c\n', '1. a\n3. b\n2. c\n', '2. a\n3. b\n']) {
      const fixed = renumbered(text);
      assert.match(fixed, /^1\. a\n2\. b\n3\. c\n$|^1\. a\n2\. b\n$/);
      assert.deepEqual(checkNumbering(parseDocument(fixed, 'draft')), [], fixed);
    }
  });

  it('keeps the list style, restarts per section or continues as the document does, and unifies mixed markers', () => {
    assert.equal(renumbered('(a) x\n(c) y\n'), '(a) x\n(b) y\n');
    assert.equal(renumbered('1) x\n3) y\n'), '1) x\n2) y\n');
    assert.equal(renumbered('# A\n\n1. x\n3. y\n\n# B\n\n1. z\n'), '# A\n\n1. x\n2. y\n\n# B\n\n1. z\n');
    assert.equal(renumbered('# A\n\n1. x\n2. y\n\n# B\n\n4. z\n', 'continuous'), '# A\n\n1. x\n2. y\n\n# B\n\n3. z\n');
    assert.equal(renumbered('1. x\n2) y\n- z\n'), '1. x\n2. y\n3. z\n');
  });

  it('renumbers only the list asked for', () => {
    const text = '# A\n\n1. x\n3. y\n\n# B\n\n1. z\n3. w\n';
    const document = parseDocument(text, 'draft');
    const secondList = document.items[2]!.list;
    assert.equal(renumbered(text, 'auto', secondList), '# A\n\n1. x\n3. y\n\n# B\n\n1. z\n2. w\n');
  });

  it('converts a list between bullets and numbers', () => {
    const bullets = parseDocument('- x\n- y\n', 'draft');
    assert.equal(applyEdits('- x\n- y\n', convertListEdits(bullets, bullets.items[0]!.list, 'numbers')), '1. x\n2. y\n');
    const numbers = parseDocument('1. x\n2. y\n', 'draft');
    assert.equal(applyEdits('1. x\n2. y\n', convertListEdits(numbers, numbers.items[0]!.list, 'bullets')), '- x\n- y\n');
  });

  it('leaves an indented number that continues its list as it is (a reader sees the next item, not a nested list)', () => {
    const text = '1. a\n2. Require agencies to publish their fees\n   until the end.\n   3. c\n4. d\n';
    assert.equal(renumbered(text), text);
    assert.equal(renumbered('1. a\n2. b\n   3. c\n   5. d\n'), '1. a\n2. b\n   3. c\n   4. d\n');
    assert.equal(renumbered('1. a\n2. Require agencies to publish their fees\n   until the end.\n   4. c\n'), '1. a\n2. Require agencies to publish their fees\n   until the end.\n   3. c\n');
  });

  it('edits CRLF text without touching its line ends', () => {
    assert.equal(renumbered('1. a\r\n3. b\r\n'), '1. a\r\n2. b\r\n');
  });
});

describe('next label', () => {
  it('follows the list on the line above, in its style', () => {
    assert.equal(nextLabel(parseDocument('13. a\n14. b\n', 'd'), 2), '15.');
    assert.equal(nextLabel(parseDocument('- a\n- b\n', 'd'), 2), '-');
    assert.equal(nextLabel(parseDocument('(a) a\n(b) b\n', 'd'), 2), '(c)');
    assert.equal(nextLabel(parseDocument('iii. a\n', 'd'), 1), 'iv.');
  });

  it('starts a new section at 1, or continues when the document numbers continuously', () => {
    assert.equal(nextLabel(parseDocument('# A\n\n1. a\n2. b\n\n# B\n\n', 'd'), 7), '1.');
    assert.equal(nextLabel(parseDocument('# A\n\n1. a\n2. b\n\n# B\n\n', 'd'), 7, 'continuous'), '3.');
  });

  it('stands flush with the list after a wrapped item, whatever the continuation line\'s indentation; a nested list keeps its own', () => {
    assert.deepEqual(nextItem(parseDocument('8. Require agencies to publish their fees\n   until the end.\n', 'd'), 2), { label: '9.', column: 0 });
    assert.deepEqual(nextItem(parseDocument('  - Require agencies to publish their fees\n      until the end.\n', 'd'), 2), { label: '-', column: 2 });
    assert.deepEqual(nextItem(parseDocument('1. Protect workers:\n   (a) in recruitment;\n', 'd'), 2), { label: '(b)', column: 3 });
  });

  it('has nothing to follow in a document without lists', () => {
    assert.equal(nextLabel(parseDocument('Just a paragraph.\n', 'd'), 1), null);
  });
});

describe('completion candidates', () => {
  const context = { precedents: index, vocabulary, numberingStyle: 'auto' as const, minScore: 0.1 };

  it('at the start of an item line: the next label first, then corpus headings', () => {
    const text = 'Sub-theme 1: Impact\n\n1. a\n2. b\n';
    const candidates = completionsAt(parseDocument(text, 'draft'), '', { line: 4, character: 0 }, context);
    assert.equal(candidates[0]!.kind, 'label');
    assert.equal(candidates[0]!.insertText, '3. ');
    assert.ok(candidates.some((candidate) => candidate.kind === 'heading' && candidate.insertText.startsWith('Sub-theme 1: Impact of COVID-19')));
  });

  it('while an item is typed: the precedent it matches, replacing what was typed, with its source', () => {
    const line = '14. Consider repayment of, or morat';
    const text = `Recommendations\n\n13. a\n${line}\n`;
    const candidates = completionsAt(parseDocument(text, 'draft'), line, { line: 3, character: line.length }, context);
    const precedent = candidates.find((candidate) => candidate.kind === 'precedent');
    assert.ok(precedent);
    assert.match(precedent.insertText, /^Consider repayment of, or moratorium on, loan repayments\/debt from migration\.$|^Consider repayment of, or moratorium of/);
    assert.deepEqual(precedent.replace, { start: { line: 3, character: 4 }, end: { line: 3, character: line.length } });
    assert.equal(precedent.filterText, 'Consider repayment of, or morat');
    assert.match(precedent.detail, /%/);
  });

  it('frequent corpus terms continue the last words typed', () => {
    const line = '- Enable portab';
    const candidates = completionsAt(parseDocument(line, 'draft'), line, { line: 0, character: line.length }, context);
    const term = candidates.find((candidate) => candidate.kind === 'term');
    assert.ok(term, JSON.stringify(candidates.map((candidate) => candidate.label)));
    assert.equal(term.insertText, 'portability of social protection');
    assert.deepEqual(term.replace.start, { line: 0, character: 9 });
  });
});

describe('reuse inlay hints', () => {
  const draftText = 'Recommendations\n\n- Paint every labour office in the capital green.\n- Reduce costs and increase the availability and accessibility of remittance services, including digital services.\n';

  it('at the end of a reused item: the short source, the precedent\'s label and the similarity; the full source in the tooltip', () => {
    const hints = reuseHints(parseDocument(draftText, 'draft'), index);
    assert.deepEqual(hints.map((hint) => [hint.label, hint.position]), [['↩ Viet Nam 2020 · 6 · 100%', { line: 3, character: draftText.split('\n')[3]!.length }]]);
    assert.match(hints[0]!.tooltip, /^100% similar to Viet Nam · 13th AFML · 28 Sep 2020 · .*item 6:\n“Reduce costs/);
  });

  it('only for the items ending on the lines asked for', () => {
    assert.deepEqual(reuseHints(parseDocument(draftText, 'draft'), index, 0, 2), []);
  });

  it('short sources: a numbered item by its label, a bullet by its place in its list', () => {
    const source = parseDocument('---\ncountry: Lao PDR\ndate: 2020-10-01\n---\nRecommendations\n\n- One.\n- Two.\n\nOther\n\n(a) Three.\n', 'lao');
    assert.equal(shortSource(source, source.items[1]!), 'Lao PDR 2020, 2nd item');
    assert.equal(shortSource(source, source.items[2]!), 'Lao PDR 2020, item (a)');
    assert.equal(shortSource(source, source.items[2]!, 'compact'), 'Lao PDR 2020 · (a)');
  });
});

describe('index summary', () => {
  it('says what was indexed and how long it took, as people read it', () => {
    assert.equal(describeIndexing({ documents: 6, items: 123, milliseconds: 412 }), 'Indexed 6 documents, 123 items in 0.4 s.');
    assert.equal(describeIndexing({ documents: 1, items: 1, milliseconds: 40 }), 'Indexed 1 document, 1 item in < 0.1 s.');
    assert.equal(describeIndexing({ documents: 12000, items: 100000, milliseconds: 3960, skipped: 2 }), 'Indexed 12,000 documents, 100,000 items in 4.0 s; 2 files skipped.');
  });
});

describe('corpus vocabulary', () => {
  it('collects headings and complete multi-word terms repeated across documents', () => {
    assert.ok(vocabulary.headings.some((heading) => heading.title.startsWith('Sub-theme 2: Inclusive and responsive labour migration policy') && heading.count === 2));
    const keys = vocabulary.terms.map((term) => term.key);
    assert.ok(keys.includes('portability of social protection'));
    assert.ok(keys.includes('social protection'));
    assert.ok(!keys.includes('portability of social'), 'a fragment that is always continued is not a term');
    assert.deepEqual(termsStartingWith(vocabulary, 'x').length, 0);
  });
});

describe('hover card', () => {
  it('quotes each precedent with its source, percentage and a link, best first', () => {
    const lao = seeds.find((document) => document.id.endsWith('lao-pdr-afml13-2020.txt'))!;
    const item = lao.items.find((candidate) => candidate.text.startsWith('Reduce remittance costs'))!;
    const matches = index.query(item.text, { limit: 3, excludeDocuments: new Set([lao.id]) });
    const card = hoverCard(item, matches, (match) => `file://${match.document.id}#L${match.item.range.start.line + 1}`);
    assert.match(card, /\*\*\d+% similar\*\* · Viet Nam · 13th AFML · 28 Sep 2020 · Sub-theme 1/);
    assert.match(card, /\[Open precedent\]\(<file:\/\/.*viet-nam-afml13-2020\.txt#L27>\)/);
    assert.ok(card.indexOf('viet-nam-afml13-2020') < card.lastIndexOf('Open precedent'));
    assert.match(card, /^\*\*Precedents\*\* for this item \(closest first\)/);
    const numbered = parseDocument('14. Reduce remittance costs.\n', 'draft').items[0]!;
    assert.match(hoverCard(numbered, matches, () => 'file:///x#L1'), /^\*\*Precedents\*\* for item 14 \(closest first\)/);
  });

  it('escapes corpus text so it cannot become a link, HTML or a command', () => {
    const hostile = parseDocument('- [click](command:workbench.action.terminal.new) <img src=x onerror=alert(1)> `code` *bold*\n', 'hostile');
    const card = hoverCard(hostile.items[0]!, [{ document: hostile, item: hostile.items[0]!, score: 1 }], () => 'file:///x#L1');
    assert.doesNotMatch(card, /(?<!\\)\]\(command:/, 'no link can form: its bracket is escaped');
    assert.ok(!card.includes('<img'), card);
    // Brackets escaped, a link cannot form: parentheses stay as written.
    assert.ok(card.includes('\\[click\\](command:workbench.action.terminal.new)'));
    assert.ok(card.includes('&lt;img src=x onerror=alert(1)&gt;'));
    assert.equal(escapeMarkdown('a_b*c`d|e (f)'), 'a\\_b\\*c\\`d|e (f)');
    assert.equal(escapeTableCell('a|b'), 'a\\|b');
  });
});

describe('outline', () => {
  it('puts items under their sections and nested items under their parent', () => {
    const document = parseDocument('Sub-theme 1: A\n\n1. Protect workers:\n(a) wages\n2. Return\n\nSub-theme 2: B\n\n1. Data\n', 'draft');
    const nodes = outline(document);
    assert.deepEqual(nodes.map((node) => [node.name, node.children.length]), [['Sub-theme 1: A', 2], ['Sub-theme 2: B', 1]]);
    assert.deepEqual(nodes.map((node) => node.detail), ['2 items', '1 item']);
    assert.deepEqual(nodes[0]!.children.map((child) => [child.name, child.detail]), [['1. Protect workers:', '1 sub-item'], ['2. Return', '']]);
    assert.deepEqual(nodes[0]!.children[0]!.children.map((child) => child.name), ['(a) wages']);
    for (const node of nodes) for (const child of node.children) assert.ok(child.range.start.line >= node.range.start.line && child.range.end.line <= node.range.end.line);
  });

  it('names an item by its label and first words, cut between words; a bullet by its words alone', () => {
    const document = parseDocument('Recommendations\n\n8. Require licensed recruitment agencies to publish their fees and to keep contact with the workers they place.\n\nOther\n\n- Reduce remittance costs.\n', 'draft');
    const items = outline(document).flatMap((node) => node.children);
    assert.deepEqual(items.map((item) => item.name), ['8. Require licensed recruitment agencies to publish their fees…', 'Reduce remittance costs.']);
  });
});

describe('consistency report', () => {
  it('lists findings and each item with its closest precedent, escaping corpus text', () => {
    const draft = parseDocument('---\ntitle: Draft recommendations\n---\nRecommendations\n\n1. Reduce costs of remittance services, including digital services.\n3. Paint the [ministry](command:x) blue.\n', 'draft');
    const findings = checkNumbering(draft);
    const markdown = consistencyReport({ document: draft, displayName: 'draft.rec.md', findings, precedents: index, minScore: 0.3 });
    assert.match(markdown, /^# Consistency report: Draft recommendations\n/);
    assert.match(markdown, /\| 7 \| warning \| numbering-gap \| Numbering skips "2\."/);
    assert.match(markdown, /Closest precedent, \d+% similar: “Reduce costs and increase the availability and accessibility of remittance services/);
    assert.match(markdown, /No earlier precedent above the similarity threshold/);
    assert.doesNotMatch(markdown, /(?<!\\)\]\(command:/);
  });
});

describe('settings', () => {
  it('has the defaults of SPEC §6', () => {
    const { settings, problems } = readSettings(undefined);
    assert.deepEqual(problems, []);
    assert.deepEqual(settings.corpus, { paths: [], includeSeeds: true });
    assert.equal(settings.similarity.threshold, 0.3);
    assert.equal(settings.duplicates.threshold, 0.85);
    assert.equal(settings.numbering.style, 'auto');
    assert.equal(settings.hover.maxResults, 3);
    assert.equal(settings.diagnostics.precedentReuse, true);
    assert.equal(settings.inlayHints.precedentReuse, true);
  });

  it('reads inlayHints.precedentReuse, and reports a value that is not a boolean', () => {
    assert.equal(readSettings({ inlayHints: { precedentReuse: false } }).settings.inlayHints.precedentReuse, false);
    const { settings, problems } = readSettings({ inlayHints: { precedentReuse: 'no' } });
    assert.equal(settings.inlayHints.precedentReuse, true);
    assert.deepEqual(problems, ['precedent.inlayHints.precedentReuse: expected true or false; using the default.']);
  });

  it('keeps good values and reports bad ones by key, falling back to the default', () => {
    const { settings, problems } = readSettings({ duplicates: { threshold: 0.9 }, hover: { maxResults: 'many' }, numbering: { style: 'roman' }, diagnostics: { severity: { 'numbering-gap': 'error', 'made-up': 'off' } }, thesaurus: { paths: ['my.yaml'] } });
    assert.equal(settings.duplicates.threshold, 0.9);
    assert.equal(settings.hover.maxResults, 3);
    assert.equal(settings.numbering.style, 'auto');
    assert.equal(settings.diagnostics.severity['numbering-gap'], 'error');
    assert.deepEqual(settings.thesaurus.paths, ['my.yaml']);
    assert.equal(problems.length, 3);
    assert.ok(problems.some((problem) => problem.startsWith('precedent.hover.maxResults')));
    assert.ok(problems.some((problem) => problem.includes('made-up')));
  });
});

describe('the report lists what to act on first', () => {
  it('warnings before hints in the findings table', () => {
    const draft = parseDocument('Recommendations\n\n1. Reduce remittance costs.\n3. Reduce remittance costs.\n', 'draft');
    const index = new PrecedentIndex(createAnalyser(emptyThesaurus()));
    const at = (line: number) => ({ start: { line, character: 0 }, end: { line, character: 5 } });
    const findings = [
      { code: 'precedent-reuse' as const, severity: 'hint' as const, message: 'Reuses a precedent.', range: at(2), related: [] },
      { code: 'numbering-gap' as const, severity: 'warning' as const, message: 'Numbering skips "2.".', range: at(3), related: [] },
    ];
    const markdown = consistencyReport({ document: draft, displayName: 'draft.rec.md', findings, precedents: index, minScore: 0.3 });
    assert.ok(markdown.indexOf('| warning | numbering-gap') < markdown.indexOf('| hint | precedent-reuse'), markdown);
  });
});
