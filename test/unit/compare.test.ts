// Comparing a draft with an earlier document (issue 19), on the real seeds: the Lao PDR 2020 recommendations
// against Viet Nam's of the same year (one template, paraphrased), Viet Nam 2022 against 2020, and a draft made
// from the 2020 seed by a script with one change of each kind.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Item, RecDocument } from '../../server/src/core/document/model';
import { parseDocument } from '../../server/src/core/document/parse';
import { alignOptimally, crossSimilarities } from '../../server/src/core/features/compare/alignment';
import { compareDocuments, type Comparison, type ComparisonEntry } from '../../server/src/core/features/compare/comparison';
import { comparisonHtml } from '../../server/src/core/features/compare/comparisonHtml';
import { comparisonMarkdownDocument } from '../../server/src/core/features/compare/comparisonMarkdown';
import { movedPositions } from '../../server/src/core/features/compare/moves';
import { comparisonRecord } from '../../server/src/core/features/compare/record';
import { sameWords, wordDiff } from '../../server/src/core/features/compare/wordDiff';
import { PrecedentIndex } from '../../server/src/core/index/precedentIndex';
import { defaultSettings, readSettings } from '../../server/src/core/settings';
import { createAnalyser } from '../../server/src/core/text/analyser';
import { readSeed, SEED_NAMES, seedThesaurus } from './support/documentChecks';
import { LAO_PAIRS } from './support/relevanceData';
import { scriptedDraft } from './support/scriptedDraft';
import { unsafeParts } from '../support/markdownSafety';

const LAO = 'lao-pdr-afml13-2020.txt';
const VN2020 = 'viet-nam-afml13-2020.txt';
const VN2022 = 'viet-nam-afml15-2022.txt';

const seed = (name: string): RecDocument => parseDocument(readSeed(name), name);

describe('compare: a draft against an earlier document', function () {
  this.timeout(20000);
  let index: PrecedentIndex;
  const threshold = defaultSettings().compare.threshold;

  before(() => {
    index = new PrecedentIndex(createAnalyser(seedThesaurus()));
    for (const name of SEED_NAMES) index.addDocument(seed(name));
  });

  const compare = (draft: RecDocument, earlier: RecDocument): Comparison =>
    compareDocuments(draft, earlier, { threshold, similarPairs: (texts, floor) => index.similarPairs(texts, floor), analyser: index.queryAnalyser() });

  /** "Sub-theme 2 item 6", as the relevance labels name the Viet Nam items. */
  const vnKey = (document: RecDocument, item: Item) => `Sub-theme ${/^Sub-theme (\d+)/.exec(document.sections[item.section]!.title)![1]} item ${item.number}`;

  describe('Lao PDR 2020 against Viet Nam 2020 (one template)', () => {
    let comparison: Comparison;
    let vn: RecDocument;
    before(() => {
      vn = seed(VN2020);
      comparison = compare(seed(LAO), vn);
    });

    it('aligns the labelled template pairs together', () => {
      // A Lao item is aligned with its counterpart when one of its entries (a pair, or a merge or split) holds one
      // of the Viet Nam items it was labelled with. Several Lao items share one Viet Nam item, so one-to-one
      // pairing cannot hold them all.
      const together = LAO_PAIRS.filter((pair) => comparison.entries.some((entry) => entry.draft?.text.startsWith(pair.lao) && entry.earlier !== null && pair.vn.includes(vnKey(vn, entry.earlier))));
      const distinctCounterparts = new Set(LAO_PAIRS.flatMap((pair) => pair.vn)).size;
      console.log(`      labelled template pairs aligned together: ${together.length} of ${LAO_PAIRS.length} (${distinctCounterparts} distinct Viet Nam items)`);
      assert.ok(together.length >= 13, `only ${together.length} labelled pairs aligned together`);
    });

    it('pairs no Lao item with a Viet Nam item it was not labelled with, but for one', () => {
      const wrong = comparison.entries.filter((entry) => entry.draft && entry.earlier && LAO_PAIRS.some((pair) => entry.draft!.text.startsWith(pair.lao)) && !LAO_PAIRS.some((pair) => entry.draft!.text.startsWith(pair.lao) && pair.vn.includes(vnKey(vn, entry.earlier!))));
      assert.ok(wrong.length <= 1, wrong.map(show).join('\n'));
    });

    it('calls every Viet Nam item with no Lao counterpart "dropped"', () => {
      const labelled = new Set(LAO_PAIRS.flatMap((pair) => pair.vn));
      const unmatched = vn.items.filter((item) => !labelled.has(vnKey(vn, item)));
      assert.equal(unmatched.length, 13);
      for (const item of unmatched) {
        const entries = comparison.entries.filter((entry) => entry.earlier === item);
        assert.deepEqual(entries.map((entry) => entry.class), ['dropped'], `${vnKey(vn, item)}: ${entries.map(show).join('; ')}`);
      }
    });

    it('finds the Lao item that merges two Viet Nam items (a preparedness plan, and health care in crises)', () => {
      const merged = comparison.entries.filter((entry) => entry.class === 'merged');
      assert.deepEqual(merged.map((entry) => vnKey(vn, entry.earlier!)).sort(), ['Sub-theme 2 item 7', 'Sub-theme 2 item 8']);
      assert.ok(merged.every((entry) => entry.draft!.text.startsWith('Institute a preparedness plan on emergency')));
    });
  });

  it('Viet Nam 2022 against Viet Nam 2020: few items carried over, counted per class', () => {
    const comparison = compare(seed(VN2022), seed(VN2020));
    assert.deepEqual(comparison.counts, { unchanged: 0, reworded: 3, merged: 0, split: 0, new: 18, dropped: 26 });
    // Every item of both documents appears in exactly one entry, or in several only as a merge or a split.
    assert.equal(comparison.entries.filter((entry) => entry.draft).length, comparison.draft.items.length);
    assert.equal(comparison.entries.filter((entry) => entry.earlier).length, comparison.earlier.items.length);
    const reworded = comparison.entries.filter((entry) => entry.class === 'reworded');
    assert.ok(reworded.some((entry) => entry.draft!.text.startsWith('Expanding insurance coverage and social security') && entry.earlier!.text.startsWith('Extend social protection coverage')));
  });

  describe('a draft made from the Viet Nam 2020 seed by a script', () => {
    let comparison: Comparison;
    let script: ReturnType<typeof scriptedDraft>;
    before(() => {
      const earlier = seed(VN2020);
      script = scriptedDraft(earlier);
      comparison = compare(parseDocument(script.text, 'draft.rec.md'), earlier);
    });
    const changed = () => comparison.entries.filter((entry) => entry.class !== 'unchanged' || entry.moved || entry.sectionChanged);

    it('finds every change: reordered, merged, split, reworded, deleted, added', () => {
      const { changes } = script;
      const find = (cls: string, draft: string | null, earlier: string | null) =>
        changed().find((entry) => entry.class === cls && (entry.draft?.text ?? null) === draft && (entry.earlier?.text ?? null) === earlier);
      // Of the two swapped neighbours, the one that now comes first moved; numbers changed everywhere else.
      const moved = changed().filter((entry) => entry.moved);
      assert.deepEqual(moved.map((entry) => [entry.class, entry.draft!.text, entry.earlier!.text]), [['unchanged', changes.swapped[1], changes.swapped[1]]]);
      assert.ok(find('merged', changes.merged.draft, changes.merged.earlier[0]));
      assert.ok(find('merged', changes.merged.draft, changes.merged.earlier[1]));
      assert.ok(find('split', changes.split.draft[0], changes.split.earlier));
      assert.ok(find('split', changes.split.draft[1], changes.split.earlier));
      const reworded = find('reworded', changes.reworded.draft, changes.reworded.earlier);
      assert.ok(reworded);
      assert.deepEqual(reworded.diff!.filter((change) => change.op !== 'kept').map((change) => `${change.op}: ${change.text.trim()}`), [
        'removed: Reduce', 'added: Lower the', 'removed: increase', 'added: widen', 'removed: including', 'added: among them.',
      ]);
      assert.ok(find('dropped', null, changes.deleted));
      assert.ok(find('new', changes.added, null));
    });

    it('finds nothing else', () => {
      assert.deepEqual(comparison.counts, { unchanged: comparison.earlier.items.length - 5, reworded: 1, merged: 2, split: 2, new: 1, dropped: 1 });
      assert.equal(changed().length, 8, changed().map(show).join('\n'));
      assert.ok(comparison.entries.every((entry) => !entry.sectionChanged));
    });

    it('lists the entries in the draft\'s order, a dropped item where it was', () => {
      const lines = comparison.entries.filter((entry) => entry.draft).map((entry) => entry.draft!.range.start.line);
      assert.deepEqual(lines, [...lines].sort((a, b) => a - b));
      const at = comparison.entries.findIndex((entry) => entry.class === 'dropped');
      assert.equal(comparison.entries[at - 1]!.earlier!.number, 11);
    });
  });

  it('accounts for every item of both documents, whatever the draft (random drafts from the seed\'s items)', () => {
    const earlier = seed(VN2020);
    const spelling = index.queryAnalyser().thesaurus.spelling;
    const texts = earlier.items.map((item) => item.text);
    const draftOf = fc.array(fc.record({ from: fc.nat(texts.length - 1), edit: fc.constantFrom('keep', 'lower', 'cut', 'join', 'other') }), { maxLength: 35 });
    fc.assert(fc.property(draftOf, (picks) => {
      const lines = picks.map(({ from, edit }, i) => {
        const text = texts[from]!;
        if (edit === 'lower') return text.toLowerCase();
        if (edit === 'cut') return text.split(' ').slice(0, 6).join(' ');
        if (edit === 'join') return `${text} ${texts[(from + 1) % texts.length]}`;
        if (edit === 'other') return `Ratify convention number ${i} on the rights of domestic workers.`;
        return text;
      });
      const draft = parseDocument(['Recommendations', '', ...lines.map((line, i) => `${i + 1}. ${line}`), ''].join('\n'), 'random.rec.md');
      const { entries, counts } = compare(draft, earlier);
      assert.equal(Object.values(counts).reduce((sum, count) => sum + count, 0), entries.length);
      // An item is in several entries only as one side of a merge or a split (an earlier item split in two whose
      // first part also took in another earlier item is in a `merged` pair and a `split` one).
      for (const [side, items, shared] of [['draft', draft.items, ['merged']], ['earlier', earlier.items, ['merged', 'split']]] as const) {
        for (const item of items) {
          const holding = entries.filter((entry) => entry[side] === item);
          assert.ok(holding.length >= 1, `${side} item ${item.label} is in no entry`);
          if (holding.length > 1) assert.ok(holding.every((entry) => (shared as readonly string[]).includes(entry.class)), `${side} item ${item.label} is in ${holding.map((entry) => entry.class).join(', ')}`);
        }
      }
      for (const entry of entries) {
        if (entry.score !== null) assert.ok(entry.score >= threshold * (1 - 1e-9), show(entry));
        if (entry.class === 'unchanged') assert.ok(sameWords(entry.draft!.text, entry.earlier!.text, spelling), show(entry));
      }
    }), { numRuns: 40 });
  });

  it('renders corpus text as text: no link, markup or script of its own in the Markdown and HTML', () => {
    const hostile = (words: string) => `Ensure <img src=x onerror=alert(1)> access to [help](command:workbench.action.terminal.new) and https://evil.example ${words} for migrant workers.`;
    const earlier = parseDocument(`Recommendations\n\n1. ${hostile('remittance services')}\n2. Reduce recruitment fees <script>alert(2)</script> for migrant workers.\n`, 'earlier.rec.md');
    const draft = parseDocument(`Recommendations\n\n1. ${hostile('cheaper remittance services')}\n`, 'draft.rec.md');
    const record = comparisonRecord(compare(draft, earlier), (id) => id);
    assert.deepEqual(record.counts, { unchanged: 0, reworded: 1, merged: 0, split: 0, new: 0, dropped: 1 });
    // ~~struck~~ words render as <s>: ours.
    assert.deepEqual(unsafeParts(comparisonMarkdownDocument(record)).filter((part) => part !== '<s>'), []);
    for (const html of [comparisonHtml(record, { mode: 'standalone' }), comparisonHtml(record, { mode: 'webview', nonce: 'n0nce' })]) {
      assert.doesNotMatch(html, /<img|<script>alert|href="command:|href="https:/);
      assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;/);
    }
    const webview = comparisonHtml(record, { mode: 'webview', nonce: 'n0nce' });
    assert.match(webview, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-n0nce'; script-src 'nonce-n0nce';">/);
    assert.deepEqual(webview.match(/<script[^>]*>/g), ['<script nonce="n0nce">']);
    assert.deepEqual(webview.match(/<style[^>]*>/g), ['<style nonce="n0nce">']);
  });

  it('notes an item that went to another section', () => {
    const earlier = parseDocument('Sub-theme 1: Recovery\n\n1. Reduce remittance costs for migrant workers.\n2. Extend social protection to all migrant workers.\n\nSub-theme 2: Protection\n\n1. Strengthen labour inspection of recruitment agencies.\n2. Collect sex-disaggregated data on labour migration.\n', 'earlier.rec.md');
    const draft = parseDocument('Sub-theme 1: Recovery\n\n1. Reduce remittance costs for migrant workers.\n\nSub-theme 2: Protection\n\n1. Extend social protection to all migrant workers.\n2. Strengthen labour inspection of recruitment agencies.\n3. Collect sex-disaggregated data on labour migration.\n', 'draft.rec.md');
    const comparison = compare(draft, earlier);
    assert.deepEqual(comparison.entries.map((entry) => [entry.class, entry.draft?.text.slice(0, 16), entry.sectionChanged, entry.moved]), [
      ['unchanged', 'Reduce remittanc', false, false],
      ['unchanged', 'Extend social pr', true, false],
      ['unchanged', 'Strengthen labou', false, false],
      ['unchanged', 'Collect sex-disa', false, false],
    ]);
  });
});

describe('compare: the parts', () => {
  const spelling = seedThesaurus().spelling;

  it('reads precedent.compare.threshold from the settings (0.25 by default; a wrong value is reported and ignored)', () => {
    assert.equal(readSettings(undefined).settings.compare.threshold, 0.25);
    assert.equal(readSettings({ compare: { threshold: 0.4 } }).settings.compare.threshold, 0.4);
    const wrong = readSettings({ compare: { threshold: 2 } });
    assert.equal(wrong.settings.compare.threshold, 0.25);
    assert.deepEqual(wrong.problems, ['precedent.compare.threshold: expected a number from 0 to 1; using the default.']);
  });

  it('treats case, accents, punctuation and spelling variants as the same words, and nothing more', () => {
    assert.ok(sameWords('Enhance the role of Labour Management Boards.', 'enhance the role of labor management boards', spelling));
    assert.ok(sameWords('Hỗ trợ người lao động', 'ho tro nguoi lao dong', spelling));
    assert.ok(!sameWords('Enhance the role of labour management boards', 'Enhance the role of labour management board', spelling));
    assert.ok(!sameWords('Consider a moratorium of loans', 'Consider a moratorium on loans', spelling));
  });

  it('diffs by words: kept and added give the draft, kept (as they were) and removed the earlier text', () => {
    const earlier = 'Extend affordable healthcare benefits, including free access to testing, to all Migrant Workers.';
    const draft = 'Extend healthcare benefits, including free testing and vaccination, to all migrant workers and their families.';
    // "Migrant Workers." is kept, written otherwise: the segment says how it was.
    const diff = wordDiff(earlier, draft, spelling);
    assert.equal(diff.filter((change) => change.op !== 'removed').map((change) => change.text).join(''), draft);
    assert.equal(diff.filter((change) => change.op !== 'added').map((change) => change.was ?? change.text).join(''), earlier);
    assert.deepEqual(diff.filter((change) => change.op !== 'kept').map((change) => `${change.op}: ${change.text.trim()}`), [
      'removed: affordable', 'removed: access to', 'added: and vaccination,', 'added: and their families.',
    ]);
    assert.deepEqual(diff.filter((change) => change.was !== undefined).map((change) => [change.was, change.text]), [['testing, ', 'testing '], ['to all Migrant Workers.', 'to all migrant workers ']]);
  });

  it('moves: renumbering and deletions are not moves; of a swap, the item now first moved', () => {
    assert.deepEqual([...movedPositions([0, 1, 2, 5, 6, 9])], []);
    assert.deepEqual([...movedPositions([0, 1, 3, 2, 4])], [2]);
    assert.deepEqual([...movedPositions([4, 0, 1, 2, 3])], [0]);
    assert.deepEqual([...movedPositions([])], []);
  });

  it('aligns optimally: the highest total similarity of any one-to-one pairing', () => {
    // Random sparse similarities between small lists, checked against every possible pairing.
    const arbitrary = fc.record({ rows: fc.integer({ min: 1, max: 5 }), cols: fc.integer({ min: 1, max: 5 }), scores: fc.array(fc.option(fc.double({ min: 0.3, max: 1, noNaN: true }), { nil: null }), { minLength: 25, maxLength: 25 }) });
    fc.assert(fc.property(arbitrary, ({ rows, cols, scores }) => {
      const score = (r: number, c: number) => scores[r * 5 + c] ?? null;
      const byDraft = Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => ({ earlier: c, score: score(r, c) })).filter((p): p is { earlier: number; score: number } => p.score !== null));
      const byEarlier = Array.from({ length: cols }, (_, c) => Array.from({ length: rows }, (_, r) => ({ draft: r, score: score(r, c) })).filter((p): p is { draft: number; score: number } => p.score !== null));
      const pairs = alignOptimally({ byDraft, byEarlier });
      assert.equal(new Set(pairs.map((p) => p.draft)).size, pairs.length);
      assert.equal(new Set(pairs.map((p) => p.earlier)).size, pairs.length);
      for (const pair of pairs) assert.equal(pair.score, score(pair.draft, pair.earlier));
      const total = pairs.reduce((sum, pair) => sum + pair.score, 0);
      assert.ok(Math.abs(total - bestTotal(rows, cols, score)) < 1e-4, `${total} is not the best total`);
    }), { numRuns: 300 });
  });

  it('finds the similarities across the lists only (not within one)', () => {
    const index = new PrecedentIndex(createAnalyser(seedThesaurus()));
    const cross = crossSimilarities(['Reduce remittance costs.', 'Reduce remittance costs now.'], ['Reduce the cost of remittances.'], 0.2, (texts, floor) => index.similarPairs(texts, floor));
    assert.deepEqual(cross.byDraft.map((list) => list.map((p) => p.earlier)), [[0], [0]]);
    assert.deepEqual(cross.byEarlier.map((list) => list.map((p) => p.draft)), [[0, 1]]);
  });
});

/** The best total of any one-to-one pairing, by trying them all (lists of up to 5). */
function bestTotal(rows: number, cols: number, score: (r: number, c: number) => number | null, r = 0, used = 0): number {
  if (r === rows) return 0;
  let best = bestTotal(rows, cols, score, r + 1, used);
  for (let c = 0; c < cols; c++) {
    const s = score(r, c);
    if (s !== null && !(used & (1 << c))) best = Math.max(best, s + bestTotal(rows, cols, score, r + 1, used | (1 << c)));
  }
  return best;
}

function show(entry: ComparisonEntry): string {
  return `${entry.class} ${entry.score?.toFixed(2) ?? ''} ${entry.draft?.label ?? '-'} ${entry.draft?.text.slice(0, 40) ?? ''} | ${entry.earlier?.label ?? '-'} ${entry.earlier?.text.slice(0, 40) ?? ''}`;
}
