// The index's contents as plain arrays (`IndexState`: what serialise.ts writes and reads), made from a live
// index and loaded into an empty one. Loading never trusts a state: an inconsistent one throws, and loaded rows,
// scoring and reach are checked for shape and on a sample against what a fresh index would compute.
import type { RecDocument } from '../document/model';
import type { ThesaurusGroup } from '../text/thesaurus';
import { abbreviationKeyOf, type CorpusAnalysis } from './corpusAnalysis';
import type { DocumentTable } from './documentTable';
import { invert, type Rows } from './inversion';
import { reachOfList, reachOfRows, termOrder } from './reach';
import { BANDS, type Segment } from './segment';
import { normOfList, rarity, type RarityWeights, type Scoring, type TermLists } from './scoring';
import { MAX_WEIGHT_CODES, type TermDictionary } from './termDictionary';
import type { TextLists } from './textLists';

/**
 * Everything the index holds, as plain arrays. Documents in `documents()` order; item i (items in document
 * order) has the term list `itemList[i]`, whose terms are `termIds`/`weightCodes[listStart[l] .. listStart[l + 1])`,
 * sorted by term id. Items with the same text (and abbreviations) share one list.
 */
export interface IndexState extends TermLists {
  documents: Array<{ doc: RecDocument; abbreviations: ThesaurusGroup[] }>;
  terms: string[];
  /**
   * Optional: the inverted rows of these items (item numbers as above), as `invertState` makes them: the postings
   * of the first item of each term list (the others with that list share them, as after sealing); with them a
   * loaded index answers at once, without sealing.
   */
  rows?: Rows;
  /**
   * Optional, with `rows`: the rarity weights of these items (every item counted) and what follows from them,
   * as `scoringOf` makes them; with them a loaded index answers its first question without a pass over every
   * posting.
   */
  scoring?: Scoring;
  /**
   * Optional, with `rows` and `scoring`: each posting's reach for them and the terms' order it was worked out in
   * (`reachOfState`); with it, a loaded index's first question for one answer needs no pass over the postings.
   */
  reach?: StoredReach;
}

/** Each posting's reach (reach.ts), in the order of `IndexState.rows`, and each term's rank it was worked out by. */
export interface StoredReach {
  rank: Int32Array;
  values: Uint8Array;
}

/** The parts of an index a state is made from and loaded into. */
export interface IndexParts {
  segment: Segment;
  weights: RarityWeights;
  terms: TermDictionary;
  documents: DocumentTable;
  analysis: CorpusAnalysis;
  texts: TextLists;
}

/** 1 for each item that is the first with its term list (item order), else 0. */
function firstOfLists(itemList: Int32Array, lists: number): Uint8Array {
  const seen = new Uint8Array(lists);
  const first = new Uint8Array(itemList.length);
  for (let i = 0; i < itemList.length; i++) {
    const l = itemList[i]!;
    // (Out-of-range list numbers are the loader's to refuse.)
    if (l >= 0 && l < lists && seen[l] === 0) {
      seen[l] = 1;
      first[i] = 1;
    }
  }
  return first;
}

/** The inverted rows of a state (inversion.ts): the postings of the first item of each term list only. */
export function invertState(state: IndexState): Rows {
  const { listStart, itemList } = state;
  const itemStart = Int32Array.from(itemList, (l) => listStart[l]!);
  const itemLength = Int32Array.from(itemList, (l) => listStart[l + 1]! - listStart[l]!);
  return invert(state.terms.length, firstOfLists(itemList, listStart.length - 1), itemStart, itemLength, state.termIds, state.weightCodes);
}

/** The reach of a state's rows (`invertState`) with its scoring (`scoringOf`): see reach.ts. */
export function reachOfState(state: IndexState, rows: Rows, scoring: Scoring): StoredReach {
  const { order, rank } = termOrder(rows.start, state.terms.length);
  const norms = Float64Array.from(state.itemList, (l) => scoring.listNorm[l]!);
  const values = reachOfRows({ rowStart: rows.start, rowSlots: rows.items, rowCodes: rows.codes, order, slotCount: state.itemList.length,
    weightValues: state.weights, idf: scoring.idf, records: norms, stride: 1, normAt: 0 });
  return { rank, values };
}

/** The contents of an index (`parts`) as a state; `include` picks the documents. */
export function exportState(parts: IndexParts, include: (doc: RecDocument) => boolean): IndexState {
  const { segment, terms: dictionary } = parts;
  const { slotStart, slotLength, fwdIds, fwdCodes } = segment;
  const entries = parts.documents.ordered().filter((e) => include(e.doc));
  // The term lists these items use (shared lists once: by their start in the pool), in first-use order.
  const listOf = new Map<number, number>();
  const starts: number[] = [];
  const itemList: number[] = [];
  let postings = 0;
  for (const e of entries) {
    for (const slot of e.slots) {
      const start = slotLength[slot]! === 0 ? -1 : slotStart[slot]!;
      let l = listOf.get(start);
      if (l === undefined) {
        l = starts.length;
        listOf.set(start, l);
        starts.push(slot);
        postings += slotLength[slot]!;
      }
      itemList.push(l);
    }
  }
  const listStart = new Int32Array(starts.length + 1);
  const termIds = new Int32Array(postings);
  const weightCodes = new Uint16Array(postings);
  // Only the terms these documents use, renumbered densely in the order of their ids here. The renumbering
  // must keep that order: each term list is sorted by id, and a stored list out of order is refused as
  // corrupt. (First-use order is not the same: a replaced document keeps its early place among the documents
  // but may now use terms that a later document brought in.)
  const names = dictionary.terms;
  const used = new Uint8Array(names.length);
  for (const slot of starts) {
    for (let k = slotStart[slot]!, end = k + slotLength[slot]!; k < end; k++) used[fwdIds[k]!] = 1;
  }
  const remap = new Int32Array(names.length).fill(-1);
  const terms: string[] = [];
  for (let id = 0; id < used.length; id++) {
    if (used[id] === 0) continue;
    remap[id] = terms.length;
    terms.push(names[id]!);
  }
  let p = 0;
  starts.forEach((slot, l) => {
    listStart[l] = p;
    for (let k = slotStart[slot]!, end = k + slotLength[slot]!; k < end; k++) {
      termIds[p] = remap[fwdIds[k]!]!;
      weightCodes[p++] = fwdCodes[k]!;
    }
  });
  listStart[starts.length] = p;
  return {
    documents: entries.map((e) => ({ doc: e.doc, abbreviations: e.abbreviations })),
    terms,
    weights: segment.weightValues.slice(0, dictionary.weightCount),
    listStart,
    itemList: Int32Array.from(itemList),
    termIds,
    weightCodes,
  };
}

function fail(what: string): never {
  throw new Error(`inconsistent index state: ${what}`);
}

/**
 * Loads `state` into the empty index `parts`; `changed(items)` is told of its items once they are in (before a
 * loaded scoring starts the first generation of rarity weights). Throws on an inconsistent state.
 */
export function loadState(parts: IndexParts, state: IndexState, changed: (items: number) => void): void {
  const { segment, weights, documents } = parts;
  const nTerms = state.terms.length;
  if (state.weights.length > MAX_WEIGHT_CODES) fail('too many weights');
  if (!parts.terms.load(state.terms, state.weights)) fail('repeated terms');
  const { listStart, itemList } = state;
  const lists = listStart.length - 1;
  const items = itemList.length;
  if (lists < 0 || listStart[0] !== 0 || listStart[lists] !== state.termIds.length || state.weightCodes.length !== state.termIds.length) fail('list offsets');
  /** How many items use each term list. */
  const uses = new Int32Array(lists);
  for (const l of itemList) {
    if (!(l >= 0 && l < lists)) fail('list numbers');
    uses[l]!++;
  }
  // One pass over the lists: checked, and each term counted once per item using it (its document frequency)
  // and once per list in use (its row's length: the first item of each list holds the list's postings).
  const rowLength = new Int32Array(nTerms);
  let postings = 0;
  for (let l = 0; l < lists; l++) {
    const start = listStart[l]!;
    const end = listStart[l + 1]!;
    if (end < start) fail('list offsets');
    const n = uses[l]!;
    for (let k = start, previous = -1; k < end; k++) {
      const id = state.termIds[k]!;
      if (id <= previous || id >= nTerms) fail('term ids');
      if (state.weightCodes[k]! >= state.weights.length) fail('weight codes');
      previous = id;
      if (n > 0) {
        weights.df[id]! += n;
        rowLength[id]!++;
      }
    }
    if (n > 0) postings += end - start;
  }
  segment.fwdIds = state.termIds;
  segment.fwdCodes = state.weightCodes;
  segment.fwdUsed = state.termIds.length;
  segment.growSlots(items);
  // The first item of each term list holds the list's postings in the rows; the others are linked to it.
  const first = firstOfLists(itemList, lists);
  const lastOf = new Int32Array(lists).fill(-1);
  let item = 0;
  for (const { doc, abbreviations } of state.documents) {
    if (documents.get(doc.id) !== undefined) fail(`repeated document ${doc.id}`);
    const entry = documents.add(doc, abbreviations, abbreviationKeyOf(abbreviations));
    for (let i = 0; i < doc.items.length; i++) {
      if (item >= items) fail('fewer item term lists than items');
      const slot = segment.slotCount++;
      documents.place(slot, entry);
      segment.slotItem[slot] = i;
      segment.slotOrdinal[slot] = entry.ordinal;
      const l = itemList[item]!;
      const start = listStart[l]!;
      const end = listStart[l + 1]!;
      segment.slotStart[slot] = start;
      segment.slotLength[slot] = end - start;
      if (first[item] === 0 && end > start) segment.nextCopy[lastOf[l]!] = slot;
      lastOf[l] = slot;
      entry.slots.push(slot);
      if (state.rows === undefined) segment.recent.push(slot);
      segment.liveItems++;
      item++;
    }
    parts.analysis.learn(doc.id, abbreviations, entry.abbreviationKey);
  }
  if (item !== items) fail('more item term lists than items');
  parts.texts.loaded(itemList);
  if (state.rows !== undefined) {
    // The stored rows, checked for shape (slots are the item numbers: slot i holds item i; only the first
    // item of each term list has postings).
    const { start, items: rowItems, codes } = state.rows;
    if (start.length !== nTerms + 1 || start[0] !== 0 || start[nTerms] !== postings || rowItems.length !== postings || codes.length !== postings) fail('rows');
    for (let t = 0; t < nTerms; t++) if (start[t + 1]! < start[t]! || start[t + 1]! - start[t]! !== rowLength[t]) fail('row lengths');
    for (let k = 0; k < postings; k++) if (first[rowItems[k]!] !== 1 || codes[k]! >= state.weights.length) fail('row entries');
    segment.setRows(state.rows, nTerms);
  }
  changed(items);
  if (state.rows !== undefined && state.scoring !== undefined) {
    checkScoring(parts, state, state.scoring);
    weights.adopt(state.scoring, itemList);
    if (state.reach !== undefined) {
      checkReach(state, state.rows, state.scoring, state.reach, first);
      segment.termRank = state.reach.rank;
      segment.rowReach = state.reach.values;
      weights.reachGeneration = weights.generation;
      weights.reachRows = segment.rowsVersion;
    }
  }
}

/** Refuses a loaded scoring that does not fit the state, or whose sample differs from what a fresh index computes. */
function checkScoring(parts: IndexParts, state: IndexState, scoring: Scoring): void {
  const { idf, listNorm, listBands, termBound } = scoring;
  const { listStart, itemList } = state;
  const nTerms = state.terms.length;
  const lists = listStart.length - 1;
  if (idf.length !== nTerms || termBound.length !== nTerms || listNorm.length !== lists || listBands.length !== lists * BANDS) fail('scoring');
  const df = parts.weights.df;
  const step = Math.max(1, Math.floor(nTerms / 64));
  for (let t = 0; t < nTerms; t += step) if (idf[t] !== rarity(df[t]!, itemList.length)) fail('rarity weights');
  const { fwdIds, fwdCodes, weightValues } = parts.segment;
  for (let l = 0; l < lists; l += Math.max(1, Math.floor(lists / 64))) {
    if (listNorm[l] !== normOfList(fwdIds, fwdCodes, weightValues, idf, listStart[l]!, listStart[l + 1]!)) fail('norms');
  }
}

/**
 * Refuses a loaded reach that does not fit the rows, or whose sample (the postings of every 64th item or so,
 * of those that have postings: `first`) differs from what `reachOfList` works out: a reach too low would lose
 * answers silently.
 */
function checkReach(state: IndexState, rows: Rows, scoring: Scoring, reach: StoredReach, first: Uint8Array): void {
  const nTerms = state.terms.length;
  if (reach.rank.length !== nTerms || reach.values.length !== rows.items.length) fail('reach');
  const seen = new Uint8Array(nTerms);
  for (const r of reach.rank) {
    if (!(r >= 0 && r < nTerms) || seen[r] === 1) fail('reach');
    seen[r] = 1;
  }
  const { listStart, itemList, termIds, weightCodes } = state;
  for (let item = 0; item < itemList.length; item += Math.max(1, Math.floor(itemList.length / 64))) {
    if (first[item] === 0) continue;
    const l = itemList[item]!;
    const from = listStart[l]!;
    const expected = reachOfList(termIds, weightCodes, from, listStart[l + 1]!, reach.rank, state.weights, scoring.idf, scoring.listNorm[l]!);
    expected.forEach((value, k) => {
      // The item's posting in its term's row (items in order there).
      const term = termIds[from + k]!;
      let lo = rows.start[term]!;
      let hi = rows.start[term + 1]!;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (rows.items[mid]! < item) lo = mid + 1;
        else hi = mid;
      }
      if (rows.items[lo] !== item || reach.values[lo] !== value) fail('reach');
    });
  }
}
