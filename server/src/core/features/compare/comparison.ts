// A draft compared with an earlier document, item by item (issue 19). Items are renumbered, reordered across
// sections, merged, split and reworded between editions, so a line diff says little; instead the items of the two
// documents are paired one to one by the index's similarity (alignment.ts), and each pair and leftover classified:
// - unchanged: the same words once case, accents, punctuation and spelling variants are set aside;
// - reworded: paired, with a word-level diff;
// - merged: a draft item that covers two or more earlier items (a leftover earlier item close to, and mostly
//   contained in, a paired draft item); each of those earlier items is one `merged` entry with that draft item;
// - split: an earlier item covered by two or more draft items, the other way round;
// - new: a draft item with no earlier counterpart; dropped: an earlier item with none in the draft.
// Paired items also tell whether they left the section their neighbours went to, and whether they moved against
// the order of the others (moves.ts).

import type { Item, RecDocument } from '../../document/model';
import type { Analyser } from '../../text/analyser';
import type { SimilarPairs } from '../../checks/duplicates';
import { alignOptimally, crossSimilarities } from './alignment';
import { movedPositions } from './moves';
import { correspondingSections } from './sections';
import { sameWords, wordDiff, type WordChange } from './wordDiff';

export type ChangeClass = 'unchanged' | 'reworded' | 'merged' | 'split' | 'new' | 'dropped';
export const CHANGE_CLASSES: readonly ChangeClass[] = ['unchanged', 'reworded', 'merged', 'split', 'new', 'dropped'];

export interface ComparisonEntry {
  class: ChangeClass;
  /** The draft's item (null for `dropped`). */
  draft: Item | null;
  /** The earlier document's item (null for `new`). */
  earlier: Item | null;
  /** Similarity of the two items (0..1); null for `new` and `dropped`. */
  score: number | null;
  /** From the earlier item's words to the draft item's; null for `new` and `dropped`. */
  diff: WordChange[] | null;
  /** The draft item is not in the section that continues the earlier item's section. */
  sectionChanged: boolean;
  /** The item moved against the order of the other paired items (renumbering alone is not a move). */
  moved: boolean;
}

export interface Comparison {
  draft: RecDocument;
  earlier: RecDocument;
  threshold: number;
  /** In the draft's order; a dropped item follows the entry of the earlier item before it. */
  entries: ComparisonEntry[];
  counts: Record<ChangeClass, number>;
}

export interface CompareOptions {
  /** Lowest similarity at which two items are the same item (the `precedent.compare.threshold` setting). */
  threshold: number;
  /** The index's pair finder: the similarity every other feature uses (`PrecedentIndex.similarPairs`). */
  similarPairs: SimilarPairs;
  /** The analyser of that index (its spelling variants and stems). */
  analyser: Pick<Analyser, 'words' | 'thesaurus'>;
}

/**
 * Share of a leftover item's words (stems, stop words aside) that its partner must contain for the two to be one
 * merge or split: a fragment of an item shares most of its words with the whole, a neighbouring item on the same
 * topic shares a few.
 */
const CONTAINED = 0.6;

/** What a comparison on the precedent index takes of it: its pair finder and its analyser. */
export interface ComparisonIndex {
  similarPairs: SimilarPairs;
  queryAnalyser(): CompareOptions['analyser'];
}

/**
 * A draft compared with an earlier document on the index's similarity, as the server and the CLI compare them: the
 * documents are not added to the index (a word the corpus lacks weighs as the rarest words do, on both sides alike).
 */
export function compareOnIndex(index: ComparisonIndex, draft: RecDocument, earlier: RecDocument, threshold: number): Comparison {
  return compareDocuments(draft, earlier, { threshold, similarPairs: (texts, floor) => index.similarPairs(texts, floor), analyser: index.queryAnalyser() });
}

export function compareDocuments(draft: RecDocument, earlier: RecDocument, options: CompareOptions): Comparison {
  const { threshold, analyser } = options;
  const spelling = analyser.thesaurus.spelling;
  const similarities = crossSimilarities(draft.items.map((item) => item.text), earlier.items.map((item) => item.text), threshold, options.similarPairs);
  const aligned = alignOptimally(similarities);
  const partnerOfDraft = new Map(aligned.map((pair) => [pair.draft, pair]));
  const partnerOfEarlier = new Map(aligned.map((pair) => [pair.earlier, pair]));

  // Leftovers mostly contained in an item already paired on the other side.
  const contained = (part: string, whole: string) => {
    const words = new Set(analyser.words(part));
    if (words.size === 0) return false;
    const within = new Set(analyser.words(whole));
    let shared = 0;
    for (const word of words) if (within.has(word)) shared++;
    return shared / words.size >= CONTAINED;
  };
  const mergedInto = new Map<number, { draft: number; score: number }>();
  earlier.items.forEach((item, e) => {
    if (partnerOfEarlier.has(e)) return;
    const best = similarities.byEarlier[e]!.filter(({ draft: d }) => partnerOfDraft.has(d) && contained(item.text, draft.items[d]!.text)).sort((a, b) => b.score - a.score || a.draft - b.draft)[0];
    if (best) mergedInto.set(e, best);
  });
  const splitFrom = new Map<number, { earlier: number; score: number }>();
  draft.items.forEach((item, d) => {
    if (partnerOfDraft.has(d)) return;
    const best = similarities.byDraft[d]!.filter(({ earlier: e }) => partnerOfEarlier.has(e) && contained(item.text, earlier.items[e]!.text)).sort((a, b) => b.score - a.score || a.earlier - b.earlier)[0];
    if (best) splitFrom.set(d, best);
  });
  const mergedDrafts = new Set([...mergedInto.values()].map((into) => into.draft));
  const splitEarliers = new Set([...splitFrom.values()].map((from) => from.earlier));

  const correspond = correspondingSections(earlier, draft, aligned.map((pair) => ({ earlierSection: earlier.items[pair.earlier]!.section, draftSection: draft.items[pair.draft]!.section })));
  const sectionChanged = (d: Item, e: Item) => correspond[e.section] !== d.section;
  // Order is judged among the pairs that stayed in their section: a change of section is reported as such.
  const inPlace = aligned.filter((pair) => !sectionChanged(draft.items[pair.draft]!, earlier.items[pair.earlier]!));
  const moved = new Set([...movedPositions(inPlace.map((pair) => pair.earlier))].map((k) => inPlace[k]!.draft));

  const pairEntry = (cls: ChangeClass, d: Item, e: Item, score: number, isPrimary: boolean): ComparisonEntry => ({
    class: cls,
    draft: d,
    earlier: e,
    score,
    diff: wordDiff(e.text, d.text, spelling),
    sectionChanged: sectionChanged(d, e),
    moved: isPrimary && moved.has(d.index),
  });

  // Entries keyed for sorting: [draft position, then earlier position]; a dropped item goes after the draft
  // entry of the nearest earlier item before it that has one.
  const keyed: Array<{ key: [number, number]; entry: ComparisonEntry }> = [];
  for (const pair of aligned) {
    const d = draft.items[pair.draft]!;
    const e = earlier.items[pair.earlier]!;
    const cls: ChangeClass = mergedDrafts.has(pair.draft) ? 'merged' : splitEarliers.has(pair.earlier) ? 'split' : sameWords(d.text, e.text, spelling) ? 'unchanged' : 'reworded';
    keyed.push({ key: [pair.draft, pair.earlier], entry: pairEntry(cls, d, e, pair.score, true) });
  }
  for (const [e, into] of mergedInto) keyed.push({ key: [into.draft, e], entry: pairEntry('merged', draft.items[into.draft]!, earlier.items[e]!, into.score, false) });
  for (const [d, from] of splitFrom) keyed.push({ key: [d, from.earlier], entry: pairEntry('split', draft.items[d]!, earlier.items[from.earlier]!, from.score, false) });
  draft.items.forEach((item, d) => {
    if (!partnerOfDraft.has(d) && !splitFrom.has(d)) keyed.push({ key: [d, -1], entry: oneSided('new', item, null) });
  });
  const draftOfEarlier = (e: number) => partnerOfEarlier.get(e)?.draft ?? mergedInto.get(e)?.draft;
  earlier.items.forEach((item, e) => {
    if (partnerOfEarlier.has(e) || mergedInto.has(e)) return;
    let before = e - 1;
    while (before >= 0 && draftOfEarlier(before) === undefined) before--;
    keyed.push({ key: [before < 0 ? -1 : draftOfEarlier(before)!, e], entry: oneSided('dropped', null, item) });
  });
  keyed.sort((a, b) => a.key[0] - b.key[0] || a.key[1] - b.key[1]);
  const entries = keyed.map((k) => k.entry);

  const counts = Object.fromEntries(CHANGE_CLASSES.map((cls) => [cls, 0])) as Record<ChangeClass, number>;
  for (const entry of entries) counts[entry.class]++;
  return { draft, earlier, threshold, entries, counts };
}

function oneSided(cls: 'new' | 'dropped', draft: Item | null, earlier: Item | null): ComparisonEntry {
  return { class: cls, draft, earlier, score: null, diff: null, sectionChanged: false, moved: false };
}
