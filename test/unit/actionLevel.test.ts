// The action scale (UPR Info's five levels) on the seeds: agreement with hand labels (at least 90%, with the
// confusion matrix printed), the readings the rules promise on written examples, and the verb lists as data
// that users extend.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { actionLevel } from '../../server/src/core/text/actionLevel';
import { mergeActionVerbs, parseActionVerbs } from '../../server/src/core/text/actionVerbs';
import { parseDocument } from '../../server/src/core/document/parse';
import { readActionVerbs } from '../../server/src/node/actionVerbsFile';
import { outline } from '../../server/src/core/features/outline';
import { consistencyReport } from '../../server/src/core/features/report';
import { PrecedentIndex } from '../../server/src/core/index/precedentIndex';
import { createAnalyser } from '../../server/src/core/text/analyser';
import { seedThesaurus } from './support/documentChecks';
import { ACTION_LABELS } from './support/actionLevelLabels';

const SEEDS = fileURLToPath(new URL('../../seeds/', import.meta.url));

describe('action level (UPR Info scale)', () => {
  const { verbs, problems } = readActionVerbs();

  it('reads the shipped verb lists without a problem', () => {
    assert.deepEqual(problems, []);
    assert.ok(verbs.byFirstWord.size > 100);
  });

  it('agrees with the hand labels of at least 40 seed items on 90% or more; prints the confusion matrix', () => {
    assert.ok(ACTION_LABELS.length >= 40);
    const matrix = Array.from({ length: 6 }, () => Array.from({ length: 6 }, () => 0));
    const misses: string[] = [];
    for (const label of ACTION_LABELS) {
      const document = parseDocument(readFileSync(`${SEEDS}${label.seed}.txt`, 'utf8'), label.seed);
      const items = document.items.filter((item) => item.text.startsWith(label.start));
      assert.equal(items.length, 1, `one item of ${label.seed} starts with "${label.start}"`);
      const reading = actionLevel(items[0]!.text, verbs);
      matrix[label.level]![reading?.level ?? 0]!++;
      if (reading?.level !== label.level) misses.push(`${label.start}… labelled ${label.level}, read ${reading?.level ?? 'none'} (${reading?.verb ?? 'no verb'})`);
    }
    const agreement = (ACTION_LABELS.length - misses.length) / ACTION_LABELS.length;
    console.log(`      agreement ${(agreement * 100).toFixed(1)}% (${ACTION_LABELS.length - misses.length}/${ACTION_LABELS.length}); rows: hand label, columns: read (— = none)`);
    console.log(`             —   1   2   3   4   5`);
    for (let level = 1; level <= 5; level++) console.log(`        ${level}  ${matrix[level]!.map((n) => String(n).padStart(3)).join(' ')}`);
    for (const miss of misses) console.log(`        miss: ${miss}`);
    assert.ok(agreement >= 0.9, `agreement ${agreement}`);
  });

  it('reads each level from its verb, the modal, the participle, a slash, an instrument, a figure or a deadline', () => {
    const level = (text: string) => actionLevel(text, verbs)?.level ?? null;
    assert.equal(level('Urge destination countries to regularise undocumented migrant workers.'), 1);
    assert.equal(level('Maintain the moratorium on recruitment fees.'), 2);
    assert.equal(level('Explore the feasibility of a regional skills passport.'), 3);
    assert.equal(level('Governments should consider ratifying ILO Convention No. 189.'), 3);
    assert.equal(level('Strengthen cooperation among labour inspectorates.'), 4);
    assert.equal(level('Strengthening cooperation among labour inspectorates.'), 4);
    assert.equal(level('Ratify ILO Convention No. 189 on domestic workers.'), 5);
    assert.equal(level('Develop a national action plan on fair recruitment.'), 5);
    assert.equal(level('Develop better services for returnees.'), 4);
    assert.equal(level('Reduce recruitment costs by 50% by 2027.'), 5);
    assert.equal(level('Recognising the role of unions, member states should amend their labour laws.'), 5);
    assert.equal(level('Governments should develop/amend/revise relevant laws.'), 5);
    assert.equal(level('In light of this, establish a regional fund.'), 5);
    assert.equal(level('Migrant workers and their families.'), null);
    assert.equal(actionLevel('Consider to sign bilateral MOU on supporting heavily impacted migrant workers.', verbs)?.verb, 'consider');
  });

  it('verb lists are data: a user file adds verbs and moves one to another level; a bad file is refused with its reason', () => {
    const user = parseActionVerbs('levels:\n  5: [strengthen]\n  3: [pilot]\n', 'mine.yaml');
    assert.ok(user.ok);
    const merged = mergeActionVerbs([verbs, user.verbs]);
    assert.equal(actionLevel('Strengthen labour inspection.', merged)?.level, 5);
    assert.equal(actionLevel('Pilot a skills passport.', merged)?.level, 3);
    assert.equal(actionLevel('Strengthen labour inspection.', verbs)?.level, 4);
    const bad = parseActionVerbs('levels:\n  7: [do]\n', 'bad.yaml');
    assert.ok(!bad.ok && /level `7` is not one of 1, 2, 3, 4, 5/.test(bad.error));
  });
});

describe('action level in the outline and the report', () => {
  const { verbs } = readActionVerbs();
  const draft = parseDocument('Recommendations\n\n1. Consider a regional skills passport.\n2. Continue the dialogue with countries of destination.\n3. Adopt a national action plan on fair recruitment by 2027.\n4. Strengthen labour inspection in fishing.\n', 'draft');

  it('the outline gives each item its level', () => {
    const [section] = outline(draft, verbs);
    assert.deepEqual(section!.children.map((node) => node.detail), ['level 3: consider change', 'level 2: continuity', 'level 5: specific action', 'level 4: general action']);
    assert.deepEqual(outline(draft)[0]!.children.map((node) => node.detail), ['', '', '', ''], 'without verb lists, no level');
  });

  it('the report counts the items that only ask to consider or continue, and gives each item its level', () => {
    const index = new PrecedentIndex(createAnalyser(seedThesaurus()));
    const markdown = consistencyReport({ document: draft, displayName: 'draft.rec.md', findings: [], precedents: index, minScore: 0.3, actionVerbs: verbs });
    assert.match(markdown, /^- Action: 2 of 4 items only ask others, to continue or to consider \(levels 1–3\); 1 general action; 1 specific action$/m);
    assert.match(markdown, /Adopt a national action plan on fair recruitment by 2027\. \(line 5; action level 5, specific action\)/);
    assert.doesNotMatch(consistencyReport({ document: draft, displayName: 'draft.rec.md', findings: [], precedents: index, minScore: 0.3 }), /Action:/);
  });
});
