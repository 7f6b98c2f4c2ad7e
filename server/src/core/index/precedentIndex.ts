// The precedent index: every item of every corpus document, searchable by similarity of wording.
// Terms come from the analyser (stems, phrases, thesaurus concepts); weights are the analyser's weight × IDF;
// the score is the cosine of the two weighted vectors (identical texts → 1, nothing shared → 0).
//
// Layout (lean at 100,000+ items: no per-item Map or object beyond the documents themselves):
// - terms are interned to ids; an item's analyser weight is interned to a 16-bit code (the analyser gives few
//   distinct weights: kind weight × (1 + ln count));
// - the forward index: each item slot's sorted term ids and weight codes, in two pooled typed arrays; items with
//   the same text (and abbreviations) share one term list (drafts and templates repeat precedents word for word);
// - per slot, one record (a cache line): a question's accumulators beside the item's norm and band norms;
// - the inverted index: postings of every term in compressed rows (CSR: one Int32Array of item slots, one
//   Uint16Array of weight codes, one offset per term), built in one counting-sort pass ("sealing") from the
//   forward index; of the items sharing one term list, only the first has postings, the others are linked to
//   it. Items added since the last seal ("recent") are scored exactly from the forward index; the rows are
//   rebuilt once the recent items are more than a few percent of the index. Removed items are tombstoned
//   (their document ordinal is -1) until the next seal drops them.
// Queries: exact top-k with pruning. Terms are visited from the heaviest (rarest) query term down; once no
// item not yet seen can reach the k-th best partial score (or `minScore`), by two bounds — the sum of the
// remaining terms' highest normalised weights (MaxScore) and the norm of the remaining query (Cauchy–Schwarz:
// an item's remaining contribution is at most ‖q_rest‖·‖d_rest‖ ≤ ‖q_rest‖·√(1 − ‖d_seen‖²)) — no new
// candidates are taken and hopeless candidates are dropped; the rest are scored in full from the forward index,
// the highest bound first, until no bound reaches the k-th best full score. A question for one answer above a
// floor (the precedent-reuse check) starts from the score of an item with its very text, when there is one, and
// is answered by prefix filtering instead (reach.ts, `accumulateByReach`), scoring in full the best partial
// candidate after each term (a rising floor). A shared term list is scored once. Whether an item may answer
// (date, exclusions) is asked of the candidates left, not at every posting. The same results as visiting every
// posting.
// Rarity weights (IDF) come in generations: exact after every change below `exactBelow` items, refreshed after
// 5% churn above it; queries and norms of one generation always agree, so identical texts still score 1. A
// loaded state may bring its first generation (`Scoring`), so that a warm start does no pass over the postings.
// Batches of questions (`queryEach`) can be shared with a replica of the index in another thread, which reads
// the same arrays in shared memory (see questionBatch.ts).
// Pure: no I/O, no timers; results depend only on the documents in the index (and, above `exactBelow`, on
// when the rarity weights were last refreshed) and the query.
import type { Item, RecDocument } from '../document/model';
import { findDefinedAbbreviations } from '../text/abbreviations';
import type { AnalysisParts, Analyser, TermWeights } from '../text/analyser';
import type { StemTable } from '../text/stemTable';
import { createAnalyser } from '../text/analyser';
import { emptyThesaurus, mergeThesauri, type ThesaurusGroup } from '../text/thesaurus';
import { NumberTable } from './numberTable';
import { answer, claim, inSharedMemory, packBatch, vectorOf, type QueryVector, type QuestionBatch } from './questionBatch';
import { REACH_STEPS, reachOfList, reachOfRows, termOrder } from './reach';

export interface PrecedentMatch {
  document: RecDocument;
  item: Item;
  /** Cosine similarity in 0..1: 1 for the same wording, near 0 for unrelated texts. */
  score: number;
}

export interface QueryOptions {
  /** Most matches returned (default 10). */
  limit?: number;
  /** Lowest score returned (default: anything above 0). */
  minScore?: number;
  /** Ids of documents whose items are never returned (e.g. the draft itself). */
  excludeDocuments?: ReadonlySet<string>;
  /**
   * The draft's date (ISO 8601). When it and a precedent's `metadata.date` are both known and the precedent
   * is dated after the draft, the precedent is not returned: only earlier precedents are.
   */
  draftDate?: string | null;
}

export interface PrecedentIndexOptions {
  /**
   * Learn the abbreviations each document defines ("Department of Overseas Labour (DoLAB)"): its own items are
   * analysed with them, and queries with those of the whole corpus. Default true.
   */
  learnAbbreviations?: boolean;
  /**
   * Below this many items, rarity weights (IDF) are exact after every change; above it they are refreshed
   * once the corpus has changed by `staleFraction` of its items since the last refresh. Default 20,000.
   */
  exactBelow?: number;
  /** Default 0.05. */
  staleFraction?: number;
  /**
   * From how many postings (summed over a query's terms) a query uses pruning instead of visiting every
   * posting. Same results either way; default 20,000. `Infinity` turns pruning off, 0 always prunes.
   */
  pruneFromPostings?: number;
}

/**
 * Another thread that answers some of a `queryEach`'s questions on a replica of the index. `start` hands it a
 * batch (one chunk of the questions), from whose counter it claims questions as the index does; the returned
 * function, called once the index has claimed its last question, returns when the helper has stopped (the
 * index then answers whatever the helper left unanswered, if it failed).
 */
export interface QuestionHelper {
  /** `state` null: the same as with the previous batch (the chunks of one `queryEach`). */
  start(state: ReplicaState | null, batch: QuestionBatch): () => void;
}

/**
 * What a replica answers from: the index's arrays for scoring, in shared memory, read-only while a batch is
 * answered (the index does not change then: `queryEach` returns only after the helper has stopped).
 */
export interface ReplicaState {
  /** A copy of the per-slot records (norms, band norms; the replica's accumulators start at zero). */
  records: Float64Array;
  slotOrdinal: Int32Array;
  slotNormGen: Int32Array;
  nextCopy: Int32Array;
  slotItem: Int32Array;
  slotStart: Int32Array;
  slotLength: Int32Array;
  fwdIds: Int32Array;
  fwdCodes: Uint16Array;
  weightValues: Float64Array;
  rowStart: Int32Array;
  rowSlots: Int32Array;
  rowCodes: Uint16Array;
  /** Each posting's reach and each sealed term's rank (reach.ts), for these rows and rarity weights. */
  rowReach: Uint8Array;
  termRank: Int32Array;
  ub: Float64Array;
  recent: Int32Array;
  ranks: Int32Array;
  sealedTerms: number;
  idfGen: number;
  pruneFromPostings: number;
}

export interface IndexStats {
  documents: number;
  items: number;
}

interface DocEntry {
  doc: RecDocument;
  /** Slot of each item, by item index. */
  slots: number[];
  date: string | null;
  abbreviations: ThesaurusGroup[];
  /** Fingerprint of `abbreviations`: analysis of an unchanged item can be reused while it is the same. */
  abbreviationKey: string;
  /** Position in `docList` (for per-query flags). */
  ordinal: number;
  /** When the document was first added (kept when it is replaced): the order of `documents()`. */
  sequence: number;
}

/**
 * Everything the index holds, as plain arrays: what `serialise.ts` writes and reads. Documents in `documents()`
 * order; item i (items in document order) has the term list `itemList[i]`, whose terms are
 * `termIds`/`weightCodes[listStart[l] .. listStart[l + 1])`, sorted by term id. Items with the same text (and
 * abbreviations) share one list.
 */
export interface IndexState {
  documents: Array<{ doc: RecDocument; abbreviations: ThesaurusGroup[] }>;
  terms: string[];
  weights: Float64Array;
  listStart: Int32Array;
  itemList: Int32Array;
  termIds: Int32Array;
  weightCodes: Uint16Array;
  /**
   * Optional: the inverted rows of these items (item numbers as above), as `invertState` makes them: the postings
   * of the first item of each term list (the others with that list share them, as after `seal`); with them a
   * loaded index answers at once, without sealing.
   */
  rows?: { start: Int32Array; items: Int32Array; codes: Uint16Array };
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

/** Rarity weights of a state's terms and what pruning needs of them (`scoringOf`). */
export interface Scoring {
  /** Each term's rarity weight (IDF). */
  idf: Float64Array;
  /** Each term list's norm, and its BANDS band norms (list l: listBands[l * BANDS + b]). */
  listNorm: Float64Array;
  listBands: Float64Array;
  /** Each term's highest weight in a list, divided by that list's norm. */
  termBound: Float64Array;
}

/** The rarity weight (IDF) of a term found in `df` of `n` items. */
function rarity(df: number, n: number): number {
  const total = Math.max(n, df);
  return Math.log(1 + (total - df + 0.5) / (df + 0.5));
}

/** The scoring of a state as a fresh index of its items computes it (exact rarity weights, norms, bounds). */
export function scoringOf(state: IndexState): Scoring {
  const nTerms = state.terms.length;
  const { listStart, itemList, termIds, weightCodes, weights } = state;
  const lists = listStart.length - 1;
  const df = new Int32Array(nTerms);
  for (const l of itemList) for (let k = listStart[l]!; k < listStart[l + 1]!; k++) df[termIds[k]!]!++;
  const idf = new Float64Array(nTerms);
  for (let t = 0; t < nTerms; t++) idf[t] = rarity(df[t]!, itemList.length);
  const listNorm = new Float64Array(lists);
  const listBands = new Float64Array(lists * BANDS);
  const termBound = new Float64Array(nTerms);
  const used = new Uint8Array(lists);
  for (const l of itemList) used[l] = 1;
  for (let l = 0; l < lists; l++) {
    const norm = (listNorm[l] = normOfList(termIds, weightCodes, weights, idf, listStart[l]!, listStart[l + 1]!));
    if (used[l] === 1) boundList(termIds, weightCodes, weights, idf, listStart[l]!, listStart[l + 1]!, norm, termBound, listBands, l * BANDS);
  }
  return { idf, listNorm, listBands, termBound };
}

/** The norm of a term list with these rarity weights (the one way norms are summed: seals and states agree). */
function normOfList(ids: Int32Array, codes: Uint16Array, weights: Float64Array, idf: Float64Array, start: number, end: number): number {
  let sum = 0;
  for (let k = start; k < end; k++) {
    const w = weights[codes[k]!]! * idf[ids[k]!]!;
    sum += w * w;
  }
  return Math.sqrt(sum);
}

/**
 * What pruning needs of one term list of norm `norm`: raises each term's bound in `termBound` to the list's
 * weight of it over the norm, and writes the list's BANDS band norms to `bands` from `at`.
 */
function boundList(ids: Int32Array, codes: Uint16Array, weights: Float64Array, idf: Float64Array, start: number, end: number, norm: number,
  termBound: Float64Array, bands: Float64Array, at: number): void {
  let b0 = 0, b1 = 0, b2 = 0, b3 = 0;
  if (norm > 0) {
    for (let k = start; k < end; k++) {
      const id = ids[k]!;
      const v = (weights[codes[k]!]! * idf[id]!) / norm;
      if (v > termBound[id]!) termBound[id] = v;
      const band = bandOf(idf[id]!);
      if (band === 0) b0 += v * v;
      else if (band === 1) b1 += v * v;
      else if (band === 2) b2 += v * v;
      else b3 += v * v;
    }
  }
  bands[at] = Math.sqrt(b0);
  bands[at + 1] = Math.sqrt(b1);
  bands[at + 2] = Math.sqrt(b2);
  bands[at + 3] = Math.sqrt(b3);
}

/** The reach of a state's rows (`invertState`) with its scoring (`scoringOf`): see reach.ts. */
export function reachOfState(state: IndexState, rows: NonNullable<IndexState['rows']>, scoring: Scoring): StoredReach {
  const { order, rank } = termOrder(rows.start, state.terms.length);
  const norms = Float64Array.from(state.itemList, (l) => scoring.listNorm[l]!);
  const values = reachOfRows({ rowStart: rows.start, rowSlots: rows.items, rowCodes: rows.codes, order, slotCount: state.itemList.length,
    weightValues: state.weights, idf: scoring.idf, records: norms, stride: 1, normAt: 0 });
  return { rank, values };
}

/**
 * The inverted rows of a state (counting sort by term of its items' terms, items in order): the postings of the
 * first item of each term list only (see `seal`).
 */
export function invertState(state: IndexState): NonNullable<IndexState['rows']> {
  const nTerms = state.terms.length;
  const { listStart, itemList, termIds, weightCodes } = state;
  const first = firstOfLists(itemList, listStart.length - 1);
  const start = new Int32Array(nTerms + 1);
  for (let i = 0; i < itemList.length; i++) {
    if (first[i] === 0) continue;
    const l = itemList[i]!;
    for (let k = listStart[l]!; k < listStart[l + 1]!; k++) start[termIds[k]! + 1]!++;
  }
  for (let t = 0; t < nTerms; t++) start[t + 1]! += start[t]!;
  const fill = start.slice(0, nTerms);
  const items = new Int32Array(start[nTerms]!);
  const codes = new Uint16Array(start[nTerms]!);
  for (let i = 0; i < itemList.length; i++) {
    if (first[i] === 0) continue;
    const l = itemList[i]!;
    for (let k = listStart[l]!; k < listStart[l + 1]!; k++) {
      const at = fill[termIds[k]!]!++;
      items[at] = i;
      codes[at] = weightCodes[k]!;
    }
  }
  return { start, items, codes };
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

const ISO_DATE = /^\d{4}(?:-\d{2}(?:-\d{2})?)?/;
/** Weight codes are 16-bit; a weight beyond the table is rounded to the nearest one (never in practice). */
const MAX_WEIGHT_CODES = 0x10000;
/** Seal again once the items added since the last seal exceed this many plus `RESEAL_FRACTION` of the index. */
const RESEAL_ITEMS = 1000;
const RESEAL_FRACTION = 0.04;
const RESEAL_ITEMS_CHANGING = 5000;
const RESEAL_FRACTION_CHANGING = 0.25;
/** Remembered query answers, cleared when full. */
const ANSWER_CACHE = 8192;
/**
 * When a batch of questions is worth sharing with a helper thread: below these, handing the state over (a copy
 * of the records) costs more than the questions.
 */
export const PARALLEL_FROM = { questions: 32, items: 20_000 };
/** Questions per chunk of a batch handed to the helper (the first chunk's preparation is all it waits for). */
const BATCH_CHUNK = 64;
/** Cached vectors for `similarity` (a draft's items compared pairwise), cleared when full. */
const VECTOR_CACHE = 4096;
/** Item texts remembered for reusing their analysis (repeated wording across documents), cleared when full. */
const ANALYSIS_CACHE = 400_000;
const EPSILON = 1e-9;
/** Rarity bands of terms (by idf): common words carry little of an item's length, which bounds them tightly. */
const BANDS = 4;
/**
 * Doubles per slot in `records`, one cache line: [dot, seen squares] of the current question (zero between
 * questions), then the item's norm (of the generation `slotNormGen` says) and its BANDS band norms as of the
 * last bounds pass (`ubGen`). What a question reads of a candidate is on the line its posting already brought in.
 * In a walk by reach (`accumulateByReach`), SEEN holds instead the norm of the item's unit vector after its last
 * term seen.
 */
const RECORD = 8;
const DOT = 0;
const SEEN = 1;
const NORM = 2;
const BAND = 3;
/** Candidates' bounds are ordered in steps of 2^-20, with room for 2^24 candidates beside them (exact below 2^53). */
const BOUND_STEPS = 2 ** 20;
const POSITIONS = 2 ** 24;

function bandOf(idf: number): number {
  return idf < 1.5 ? 0 : idf < 3 ? 1 : idf < 5 ? 2 : 3;
}

function datePrefix(date: string | null | undefined): string | null {
  if (date === null || date === undefined) return null;
  const m = ISO_DATE.exec(date.trim());
  return m === null ? null : m[0];
}

/**
 * An independent copy of a string for a cache key: a query's text may be a slice of a whole draft, which a
 * remembered slice would keep alive (every version of a draft being typed).
 */
function ownCopy(text: string): string {
  return (text + ' ').slice(0, -1);
}

function abbreviationKeyOf(abbreviations: readonly ThesaurusGroup[]): string {
  return abbreviations.length === 0 ? '' : JSON.stringify(abbreviations);
}

/** True when `precedent` is known to be later than `draft` (compared at their common precision). */
function isAfter(precedent: string | null, draft: string | null): boolean {
  if (precedent === null || draft === null) return false;
  const n = Math.min(precedent.length, draft.length);
  return precedent.slice(0, n) > draft.slice(0, n);
}

/** The k-th largest value (1-based) of `values[0 .. n)`, which it reorders (quickselect, O(n) on average). */
function kthLargest(values: Float64Array, n: number, k: number): number {
  let lo = 0;
  let hi = n - 1;
  const target = n - k;
  while (lo < hi) {
    const pivot = values[(lo + hi) >> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
      if (i <= j) {
        const t = values[i]!;
        values[i] = values[j]!;
        values[j] = t;
        i++;
        j--;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else break;
  }
  return values[target]!;
}

function grow<T extends Int32Array | Float64Array | Uint16Array | Uint8Array>(array: T, size: number, fill?: number): T {
  if (array.length >= size) return array;
  let length = Math.max(16, array.length);
  while (length < size) length *= 2;
  const next = new (array.constructor as new (n: number) => T)(length);
  if (fill !== undefined) next.fill(fill);
  next.set(array);
  return next;
}

/** An answer by item slot. */
interface ScoredSlot {
  slot: number;
  score: number;
}

/** A remembered query answer, valid while `stillValid` says so. */
interface Answer {
  matches: PrecedentMatch[];
  change: number;
  generation: number;
  analyser: Analyser | null;
}

/** An analysed text for `similarity`: sorted ids (known terms, then negative ids for unknown ones), weights × idf. */
interface Vector {
  ids: Int32Array;
  weights: Float64Array;
  norm: number;
  generation: number;
}

/** The best `k` scores seen so far (descending): `kth()` is 0 until there are `k`. */
class TopScores {
  private readonly scores: number[] = [];
  constructor(private readonly k: number) {}

  add(score: number): void {
    const s = this.scores;
    if (s.length === this.k && score <= s[this.k - 1]!) return;
    let pos = s.length === this.k ? this.k - 1 : s.length;
    while (pos > 0 && s[pos - 1]! < score) {
      s[pos] = s[pos - 1]!;
      pos--;
    }
    s[pos] = score;
  }

  kth(): number {
    return this.scores.length === this.k ? this.scores[this.k - 1]! : 0;
  }
}

export class PrecedentIndex {
  private readonly learnAbbreviations: boolean;
  private readonly exactBelow: number;
  private readonly staleFraction: number;
  private readonly pruneFromPostings: number;

  // Documents.
  private readonly docs = new Map<string, DocEntry>();
  private docList: Array<DocEntry | null> = [];
  private nextSequence = 0;
  /** Bumped when a document is added or removed (cached per-query masks are then rebuilt). */
  private docVersion = 0;
  private allowedCache: { date: string | null; version: number; mask: Uint8Array } | null = null;
  private idRankCache: { version: number; ranks: Int32Array } | null = null;
  /** Analyses of recent query texts (a draft's items are asked again and again), for `queryAnalyserCache`. */
  private readonly queryTerms = new Map<string, TermWeights>();

  // Terms (interned) and weights (interned to 16-bit codes).
  private readonly termIds = new Map<string, number>();
  private termNames: string[] = [];
  private df = new Int32Array(1024);
  private idf = new Float64Array(1024).fill(NaN);
  /** Highest normalised weight (weight × idf / item norm) of each term over the sealed items, for generation `ubGen`. */
  private ub: Float64Array = new Float64Array(1024);
  private ubGen = -1;
  private weightValues: Float64Array = new Float64Array(64);
  /** Phrase terms by their two stems' term ids (see `pairId`). */
  private pairFirst = new Int32Array(1 << 12).fill(-1);
  private pairSecond = new Int32Array(1 << 12);
  private pairIds = new Int32Array(1 << 12);
  private pairCount = 0;
  private stemScratch = new Int32Array(256);
  /** Term ids by stem number, per stem table the analysers number stems with (tables are few and long-lived). */
  private readonly stemTerms = new WeakMap<StemTable, { ids: Int32Array }>();
  private readonly weightCodes = new Map<number, number>();

  // Item slots.
  private slotEntry: Array<DocEntry | null> = [];
  private slotCount = 0;
  private slotItem: Int32Array = new Int32Array(1024);
  /** Ordinal (position in `docList`) of each slot's document; -1 for a free or removed slot. */
  private slotOrdinal: Int32Array = new Int32Array(1024).fill(-1);
  /**
   * Copies (items with one shared term list) in the sealed rows: only the first of them (the representative)
   * has postings; each links to the next copy here (-1: none). Any copy may answer where it does.
   */
  private nextCopy: Int32Array = new Int32Array(1024).fill(-1);
  /** The rarity-weight generation of each slot's norm in `records` (-1: none yet). */
  private slotNormGen: Int32Array = new Int32Array(1024).fill(-1);
  /** Forward index: the slot's terms are `fwdIds/fwdCodes[slotStart .. slotStart + slotLength)`, sorted by id. */
  private slotStart: Int32Array = new Int32Array(1024);
  private slotLength: Int32Array = new Int32Array(1024);
  private fwdIds: Int32Array = new Int32Array(1 << 16);
  private fwdCodes: Uint16Array = new Uint16Array(1 << 16);
  private fwdUsed = 0;
  private fwdGarbage = 0;
  /** Slots free for reuse (not in the sealed rows). */
  private freeSlots: number[] = [];
  /** Removed slots still in the sealed rows (freed at the next seal). */
  private deadSlots: number[] = [];
  private liveItems = 0;

  // Inverted index (sealed rows) and the items added since.
  private rowStart: Int32Array = new Int32Array(1);
  private rowSlots: Int32Array = new Int32Array(0);
  private rowCodes: Uint16Array = new Uint16Array(0);
  /** Terms with a row (ids below this). */
  private sealedTerms = 0;
  private sealedItems = 0;
  /** Counts the rows built (sealed or loaded): what `rowReach` was worked out for. */
  private rowsVersion = 0;
  /** Reach of every posting of the rows (reach.ts), for the rarity weights `reachGen` and the rows `reachRows`. */
  private rowReach: Uint8Array = new Uint8Array(0);
  private termRank: Int32Array = new Int32Array(0);
  private reachGen = -1;
  private reachRows = -1;
  /** A walk by reach's candidates, one bit per slot (looked up at every posting: small enough to stay cached). */
  private candidateBits = new Int32Array(64);
  private recent: number[] = [];

  // Rarity weights.
  private idfGen = 0;
  private snapshotItems = 0;
  private changesSinceSnapshot = 0;
  /** Changes so far, and the document of each of the last ones (for `answers`). */
  private changeCount = 0;
  private readonly changeLog: string[] = new Array(1024).fill('');
  private readonly answers = new Map<string, Answer>();
  /** Whether the index changed since the last query (a corpus being indexed while requests come in). */
  private changedSinceQuery = false;
  private changing = false;

  // Query analyser (base + abbreviations learnt from the corpus), rebuilt when those change.
  private queryAnalyserCache: Analyser | null = null;
  /** Analysers extended with a document's abbreviations, by their fingerprint. */
  private readonly extendedAnalysers = new Map<string, Analyser>();
  /** Item text (by abbreviation fingerprint) → a live slot holding its analysis. */
  private readonly analysed = new Map<string, number>();
  /** A number for each abbreviation fingerprint met (for `analysisKey`). */
  private readonly abbreviationNumbers = new Map<string, number>();
  /**
   * After a load, each loaded item's term list until the items are remembered in `analysed` (when a document
   * is first added: not on a warm start's path).
   */
  private loadedLists: Int32Array | null = null;
  private readonly vectors = new Map<string, Vector>();
  private readonly unknownTerms = new Map<string, number>();

  /**
   * Per slot (RECORD doubles, grown with the slots): a question's raw dot product and seen squared weights
   * (zero between questions), the item's norm (see `normOf`), and, valid with `ub`, the length of its unit
   * vector within each rarity band (`bandOf`): what the question's remaining terms of a band can add to its
   * cosine is at most their norm × that.
   */
  private records: Float64Array = new Float64Array(1024 * RECORD);
  // Scratch for queries: the slots touched.
  private touched = new Int32Array(1024);
  private touchedCount = 0;
  private scratch = new Float64Array(1024);
  private helper: QuestionHelper | null = null;
  private parallelFrom = { questions: Infinity, items: Infinity };
  /** The records' copy a replica accumulates in (see `helperState`), of the records at `recordsVersion`. */
  private replicaRecords: Float64Array | null = null;
  /** Bumped whenever the records' norms or band norms are written (the replica's copy is then out of date). */
  private recordsVersion = 0;
  private replicaRecordsVersion = -1;
  /** A question's weight × idf by term id while its candidates are scored in full. */
  private readonly factorByTerm = new NumberTable();
  /** The dot products of the question with the term lists scored so far (by their start: copies share one). */
  private readonly dotByTerms = new NumberTable();

  constructor(private readonly analyser: Analyser, options: PrecedentIndexOptions = {}) {
    this.learnAbbreviations = options.learnAbbreviations ?? true;
    this.exactBelow = options.exactBelow ?? 20_000;
    this.staleFraction = options.staleFraction ?? 0.05;
    this.pruneFromPostings = options.pruneFromPostings ?? 20_000;
  }

  // ── Documents ────────────────────────────────────────────────────────────────────────────────────────

  /** Adds a document; a document with the same id is replaced. */
  addDocument(doc: RecDocument): void {
    if (this.docs.has(doc.id)) {
      this.replaceDocument(doc);
      return;
    }
    this.insert(doc, null);
  }

  /** Replaces the document with the same id (or adds it); items whose text is unchanged are not re-analysed. */
  replaceDocument(doc: RecDocument): void {
    const old = this.docs.get(doc.id);
    if (old === undefined) {
      this.insert(doc, null);
      return;
    }
    // The old items' terms stay in the forward pool until the next seal: they can be copied after removal.
    const reuse = new Map<string, number>();
    old.doc.items.forEach((item, i) => reuse.set(item.text, old.slots[i]!));
    const sequence = old.sequence;
    const abbreviationKey = old.abbreviationKey;
    // Churn (for the rarity weights' refresh) is what changed: a draft edited in one item changes two items,
    // not all of them.
    const before = new Map<string, number>();
    for (const item of old.doc.items) before.set(item.text, (before.get(item.text) ?? 0) + 1);
    let kept = 0;
    for (const item of doc.items) {
      const n = before.get(item.text) ?? 0;
      if (n > 0) {
        kept++;
        before.set(item.text, n - 1);
      }
    }
    const analyser = this.queryAnalyserCache;
    this.remove(old, false);
    this.insert(doc, { abbreviationKey, slots: reuse, sequence }, false);
    // The same abbreviations defined as before: the corpus's learnt abbreviations, and so queries, are unchanged.
    if (this.docs.get(doc.id)!.abbreviationKey === abbreviationKey) this.queryAnalyserCache = analyser;
    this.changed(old.doc.items.length + doc.items.length - 2 * kept, doc.id);
  }

  /** Removes a document; returns false when there was none with that id. Its items are never returned again. */
  removeDocument(id: string): boolean {
    const entry = this.docs.get(id);
    if (entry === undefined) return false;
    this.remove(entry);
    return true;
  }

  getDocument(id: string): RecDocument | undefined {
    return this.docs.get(id)?.doc;
  }

  /** The indexed documents, in the order they were first added (a replaced document keeps its place). */
  documents(): RecDocument[] {
    return this.orderedEntries().map((e) => e.doc);
  }

  stats(): IndexStats {
    return { documents: this.docs.size, items: this.liveItems };
  }

  // ── Queries ──────────────────────────────────────────────────────────────────────────────────────────

  /** The items closest to `text`, best first. Empty or stop-word-only text → []. */
  query(text: string, options: QueryOptions = {}): PrecedentMatch[] {
    const limit = options.limit ?? 10;
    if (limit <= 0 || this.liveItems === 0) return [];
    // A draft's diagnostics ask the same questions after every edit of the draft: an answer stays right while
    // the rarity weights are the same and only documents the question excludes have changed.
    this.refreshWeights();
    const key = this.answerKey(text, options, limit);
    const cached = this.answers.get(key);
    if (cached !== undefined && this.stillValid(cached, options.excludeDocuments)) return cached.matches.slice();
    return this.remember(key, this.search(text, options, limit));
  }

  /**
   * `query(text, options)` for each of `texts`, the same answers. With a helper (`useHelper`) and enough
   * questions on a large index, another thread answers some of them meanwhile. `meanwhile` is work of the
   * caller's own (a draft's other checks) done on this thread while the helper has started on the questions;
   * it must not change the index.
   */
  queryEach(texts: readonly string[], options: QueryOptions = {}, meanwhile: () => void = () => {}): PrecedentMatch[][] {
    const limit = options.limit ?? 10;
    if (limit <= 0 || this.liveItems === 0) {
      meanwhile();
      return texts.map(() => []);
    }
    this.refreshWeights();
    const keys = texts.map((text) => this.answerKey(text, options, limit));
    const results: Array<PrecedentMatch[] | undefined> = keys.map((key) => {
      const cached = this.answers.get(key);
      return cached !== undefined && this.stillValid(cached, options.excludeDocuments) ? cached.matches.slice() : undefined;
    });
    const asked = texts.flatMap((_, i) => (results[i] === undefined ? [i] : []));
    this.settleForQuestions();
    const helper = asked.length >= this.parallelFrom.questions && this.liveItems >= this.parallelFrom.items ? this.helper : null;
    const state = helper === null ? null : this.helperState();
    const minScore = options.minScore ?? 0;
    const allowed = this.allowedDocuments(datePrefix(options.draftDate), options.excludeDocuments);
    // The questions go out in chunks as they are prepared, so that the helper starts on the first at once.
    const chunks: Array<{ batch: QuestionBatch; asked: number[]; finish: () => void }> = [];
    let vectors: QueryVector[] = [];
    let floors: number[] = [];
    let chunk: number[] = [];
    const send = (): void => {
      if (chunk.length === 0) return;
      const batch = packBatch(vectors, floors, limit, minScore, allowed, state !== null);
      // The replica's state goes with the first chunk; the later ones are answered from it too.
      const finish = helper !== null && state !== null ? helper.start(chunks.length === 0 ? state : null, batch) : () => {};
      chunks.push({ batch, asked: chunk, finish });
      vectors = [];
      floors = [];
      chunk = [];
    };
    try {
      for (const i of asked) {
        const query = this.queryVector(this.analyseQuery(texts[i]!));
        if (query.norm === 0 || query.ids.length === 0) {
          results[i] = this.remember(keys[i]!, []);
          continue;
        }
        vectors.push(query);
        floors.push(this.floorOf(texts[i]!, query, allowed, limit, minScore));
        chunk.push(i);
        if (chunk.length === BATCH_CHUNK) send();
      }
      send();
      meanwhile();
      for (const { batch } of chunks) this.answerClaimed(batch);
    } finally {
      // The helper has stopped on every chunk before this returns (or throws): the index may change again.
      for (const { finish } of chunks) finish();
    }
    for (const { batch, asked: indexes } of chunks) {
      // Whatever the helper left unanswered (it failed on a question, or stopped), answered here.
      for (let q = 0; q < batch.count; q++) if (Atomics.load(batch.found, q) === -1) this.answerQuestion(batch, q);
      indexes.forEach((i, q) => {
        const at = q * limit;
        const found: ScoredSlot[] = [];
        for (let k = 0; k < batch.found[q]!; k++) found.push({ slot: batch.slots[at + k]!, score: batch.scores[at + k]! });
        results[i] = this.remember(keys[i]!, this.matchesOf(found));
      });
    }
    return results as PrecedentMatch[][];
  }

  /**
   * Another thread's help with `queryEach` (null: none). The helper answers on a replica of this index
   * (`PrecedentIndex.replica`) over shared memory; `from` sets when a batch is worth it.
   */
  useHelper(helper: QuestionHelper | null, from: { questions: number; items: number } = PARALLEL_FROM): void {
    this.helper = helper;
    this.parallelFrom = from;
  }

  /**
   * The replica's state, or null when it cannot have one: the bounds are out of date while the index keeps
   * changing (then `accumulate` works without them, computing norms as it goes, which a replica must not).
   * Arrays not yet in shared memory move there (once, and again after they grow); every live item's norm is
   * made current first, so that a replica only reads.
   */
  private helperState(): ReplicaState | null {
    if (this.changing && this.ubGen !== this.idfGen) return null;
    this.ensureBounds();
    this.ensureReach();
    // The items added since (the bounds pass did the rest); a replica only reads norms.
    for (const slot of this.recent) this.normOf(slot);
    if (this.replicaRecords === null || this.replicaRecords.length !== this.records.length) {
      this.replicaRecords = new Float64Array(new SharedArrayBuffer(this.records.byteLength));
      this.replicaRecordsVersion = -1;
    }
    if (this.replicaRecordsVersion !== this.recordsVersion) {
      // Between questions every accumulator is zero, here and in the replica's copy: the copy starts clean.
      this.replicaRecords.set(this.records);
      this.replicaRecordsVersion = this.recordsVersion;
    }
    this.slotOrdinal = inSharedMemory(this.slotOrdinal);
    this.slotNormGen = inSharedMemory(this.slotNormGen);
    this.nextCopy = inSharedMemory(this.nextCopy);
    this.slotItem = inSharedMemory(this.slotItem);
    this.slotStart = inSharedMemory(this.slotStart);
    this.slotLength = inSharedMemory(this.slotLength);
    this.fwdIds = inSharedMemory(this.fwdIds);
    this.fwdCodes = inSharedMemory(this.fwdCodes);
    this.weightValues = inSharedMemory(this.weightValues);
    this.rowStart = inSharedMemory(this.rowStart);
    this.rowSlots = inSharedMemory(this.rowSlots);
    this.rowCodes = inSharedMemory(this.rowCodes);
    this.rowReach = inSharedMemory(this.rowReach);
    this.termRank = inSharedMemory(this.termRank);
    this.ub = inSharedMemory(this.ub);
    const ranks = inSharedMemory(this.idRanks());
    this.idRankCache = { version: this.docVersion, ranks };
    return {
      records: this.replicaRecords,
      slotOrdinal: this.slotOrdinal, slotNormGen: this.slotNormGen, nextCopy: this.nextCopy, slotItem: this.slotItem,
      slotStart: this.slotStart, slotLength: this.slotLength, fwdIds: this.fwdIds, fwdCodes: this.fwdCodes,
      weightValues: this.weightValues, rowStart: this.rowStart, rowSlots: this.rowSlots, rowCodes: this.rowCodes,
      rowReach: this.rowReach, termRank: this.termRank, ub: this.ub, recent: Int32Array.from(this.recent), ranks,
      sealedTerms: this.sealedTerms, idfGen: this.idfGen, pruneFromPostings: this.pruneFromPostings,
    };
  }

  /**
   * An index that answers batches (`answerClaimed`) from another index's `ReplicaState`, in another thread:
   * no documents, no analysis, nothing written but its own accumulators. `previous` (a replica) is reused.
   */
  static replica(state: ReplicaState, previous?: PrecedentIndex): PrecedentIndex {
    const index = previous !== undefined && previous.pruneFromPostings === state.pruneFromPostings
      ? previous
      : new PrecedentIndex(createAnalyser(emptyThesaurus()), { pruneFromPostings: state.pruneFromPostings });
    index.records = state.records;
    index.slotOrdinal = state.slotOrdinal;
    index.slotNormGen = state.slotNormGen;
    index.nextCopy = state.nextCopy;
    index.slotItem = state.slotItem;
    index.slotStart = state.slotStart;
    index.slotLength = state.slotLength;
    index.fwdIds = state.fwdIds;
    index.fwdCodes = state.fwdCodes;
    index.weightValues = state.weightValues;
    index.rowStart = state.rowStart;
    index.rowSlots = state.rowSlots;
    index.rowCodes = state.rowCodes;
    index.rowReach = state.rowReach;
    index.termRank = state.termRank;
    index.ub = state.ub;
    index.recent = Array.from(state.recent);
    index.sealedTerms = state.sealedTerms;
    // Current bounds and norms (see `helperState`): the replica's questions never compute any.
    index.idfGen = state.idfGen;
    index.ubGen = state.idfGen;
    index.reachGen = state.idfGen;
    index.reachRows = index.rowsVersion;
    index.changing = false;
    index.idRankCache = { version: index.docVersion, ranks: state.ranks };
    return index;
  }

  /** Answers the batch's questions it can claim until none is left (the index and its replicas alike). */
  answerClaimed(batch: QuestionBatch): void {
    for (let q = claim(batch); q !== -1; q = claim(batch)) this.answerQuestion(batch, q);
  }

  private answerQuestion(batch: QuestionBatch, q: number): void {
    answer(batch, q, this.answerVector(vectorOf(batch, q), batch.allowed, batch.limit, batch.minScore, batch.floor[q]!));
  }

  private answerKey(text: string, options: QueryOptions, limit: number): string {
    return `${limit}\u0000${options.minScore ?? 0}\u0000${options.draftDate ?? ''}\u0000${options.excludeDocuments ? [...options.excludeDocuments].sort().join('\u0001') : ''}\u0000${text}`;
  }

  private remember(key: string, matches: PrecedentMatch[]): PrecedentMatch[] {
    if (this.answers.size >= ANSWER_CACHE) this.answers.clear();
    this.answers.set(ownCopy(key), { matches, change: this.changeCount, generation: this.idfGen, analyser: this.queryAnalyserCache });
    return matches.slice();
  }

  /** Whether a remembered answer still holds: same weights and analyser, no change outside its exclusions. */
  private stillValid(answer: Answer, exclude: ReadonlySet<string> | undefined): boolean {
    if (answer.generation !== this.idfGen || answer.analyser !== this.queryAnalyserCache) return false;
    if (answer.change === this.changeCount) return true;
    if (this.changeCount - answer.change > this.changeLog.length) return false;
    for (let c = answer.change; c < this.changeCount; c++) {
      if (!exclude?.has(this.changeLog[c % this.changeLog.length]!)) return false;
    }
    return true;
  }

  /** Before questions: whether the index changed since the last ones, current rarity weights, the rows sealed. */
  private settleForQuestions(): void {
    this.changing = this.changedSinceQuery;
    this.changedSinceQuery = false;
    this.refreshWeights();
    this.ensureSealed(this.changing);
  }

  private search(text: string, options: QueryOptions, limit: number): PrecedentMatch[] {
    this.settleForQuestions();
    const query = this.queryVector(this.analyseQuery(text));
    if (query.norm === 0 || query.ids.length === 0) return [];
    const allowed = this.allowedDocuments(datePrefix(options.draftDate), options.excludeDocuments);
    const minScore = options.minScore ?? 0;
    return this.matchesOf(this.answerVector(query, allowed, limit, minScore, this.floorOf(text, query, allowed, limit, minScore)));
  }

  /** The score the best answer is known to reach before the search (one answer wanted, pruning): see `sameTextScore`. */
  private floorOf(text: string, query: QueryVector, allowed: Uint8Array, limit: number, minScore: number): number {
    return limit === 1 && query.postings >= this.pruneFromPostings ? Math.max(minScore, this.sameTextScore(text, query, allowed)) : minScore;
  }

  /** The best `limit` items of the sealed rows and the recent items, at least `minScore`; `floor` as `floorOf`. */
  private answerVector(query: QueryVector, allowed: Uint8Array, limit: number, minScore: number, floor: number): ScoredSlot[] {
    try {
      const exact = this.scoreRecent(query, allowed);
      const prune = query.postings >= this.pruneFromPostings;
      const candidates = this.accumulate(query, allowed, limit, floor, exact, prune);
      return this.best(candidates, exact, query.norm, limit, minScore, allowed);
    } finally {
      this.clearQuestion();
    }
  }

  /**
   * The score of an item that may answer and has the question's very text (drafts copy precedents word for
   * word), else 0: the best answer scores at least that, which prunes nearly everything else at once.
   */
  private sameTextScore(text: string, query: QueryVector, allowed: Uint8Array): number {
    const slot = this.analysedSlot(text, '');
    if (slot === undefined || allowed[this.slotOrdinal[slot]! + 1] === 0) return 0;
    return this.cosine(this.dotFromForward(slot, query), query.norm, this.normOf(slot));
  }

  /**
   * Which documents may answer (indexed by ordinal + 1: removed slots have ordinal -1 → never allowed). The
   * mask for a draft date is kept until the documents change; exclusions are applied to a copy.
   */
  private allowedDocuments(draftDate: string | null, exclude: ReadonlySet<string> | undefined): Uint8Array {
    let mask = this.allowedCache?.date === draftDate && this.allowedCache.version === this.docVersion ? this.allowedCache.mask : null;
    if (mask === null) {
      mask = new Uint8Array(this.docList.length + 1);
      for (const entry of this.docList) {
        if (entry !== null && !isAfter(entry.date, draftDate)) mask[entry.ordinal + 1] = 1;
      }
      this.allowedCache = { date: draftDate, version: this.docVersion, mask };
    }
    if (exclude === undefined || exclude.size === 0) return mask;
    let copy: Uint8Array | null = null;
    for (const id of exclude) {
      const entry = this.docs.get(id);
      if (entry === undefined || mask[entry.ordinal + 1] === 0) continue;
      copy ??= mask.slice();
      copy[entry.ordinal + 1] = 0;
    }
    return copy ?? mask;
  }

  /**
   * Pairs of `texts` at least `threshold` similar, as `[i, j, score]` with i < j, the score exactly what
   * `similarity(texts[i], texts[j])` gives. Prefix filtering: a text's heaviest terms, up to where the rest of
   * its unit vector is shorter than the threshold, must meet the other text for the pair to reach it
   * (Cauchy–Schwarz); only such pairs are scored.
   */
  similarPairs(texts: readonly string[], threshold: number): Array<[number, number, number]> {
    this.refreshWeights();
    const vectors = texts.map((t) => this.vectorOf(t));
    const pairs: Array<[number, number, number]> = [];
    const holders = new Map<number, number[]>();
    const seen = new Int32Array(texts.length).fill(-1);
    const cut = threshold * (1 - EPSILON);
    for (let j = 0; j < vectors.length; j++) {
      const b = vectors[j]!;
      if (b.norm > 0) {
        // The prefix: heaviest terms first, until the rest of the unit vector is shorter than the threshold.
        const order = Array.from(b.ids.keys()).sort((x, y) => b.weights[y]! - b.weights[x]!);
        let rest = 1;
        for (const k of order) {
          if (threshold > 0 && Math.sqrt(Math.max(0, rest)) < cut) break;
          const u = b.weights[k]! / b.norm;
          rest -= u * u;
          for (const i of holders.get(b.ids[k]!) ?? []) {
            if (seen[i] === j) continue;
            seen[i] = j;
            const score = this.similarityOf(vectors[i]!, b);
            if (score >= threshold && score > 0) pairs.push([i, j, score]);
          }
        }
        for (const id of b.ids) {
          let list = holders.get(id);
          if (list === undefined) holders.set(id, (list = []));
          list.push(j);
        }
      }
    }
    return pairs.sort((x, y) => x[1] - y[1] || x[0] - y[0]);
  }

  /**
   * Similarity of two texts in 0..1 (cosine of their term vectors, weighted by the corpus's rarity weights),
   * on the same scale as `query` scores. Either text empty → 0.
   */
  similarity(textA: string, textB: string): number {
    this.refreshWeights();
    return this.similarityOf(this.vectorOf(textA), this.vectorOf(textB));
  }

  private similarityOf(a: Vector, b: Vector): number {
    if (a.norm === 0 || b.norm === 0) return 0;
    let dot = 0;
    const ai = a.ids;
    const bi = b.ids;
    for (let i = 0, j = 0; i < ai.length && j < bi.length;) {
      const x = ai[i]!;
      const y = bi[j]!;
      if (x === y) dot += a.weights[i++]! * b.weights[j++]!;
      else if (x < y) i++;
      else j++;
    }
    return this.cosine(dot, a.norm, b.norm);
  }

  private analyseQuery(text: string): TermWeights {
    const analyser = this.queryAnalyser();
    let terms = this.queryTerms.get(text);
    if (terms === undefined) {
      terms = analyser.analyse(text);
      if (this.queryTerms.size >= VECTOR_CACHE) this.queryTerms.clear();
      this.queryTerms.set(ownCopy(text), terms);
    }
    return terms;
  }

  /** The analyser queries use: the index's analyser plus the abbreviations the corpus defines. */
  queryAnalyser(): Analyser {
    if (this.queryAnalyserCache === null) {
      this.queryTerms.clear();
      this.vectors.clear();
      // Documents defining the same abbreviations (a template reused across countries) count once.
      const byKey = new Map<string, DocEntry>();
      for (const e of this.docs.values()) {
        if (e.abbreviations.length === 0) continue;
        const other = byKey.get(e.abbreviationKey);
        if (other === undefined || e.doc.id < other.doc.id) byKey.set(e.abbreviationKey, e);
      }
      const learnt = [...byKey.values()].sort((a, b) => (a.doc.id < b.doc.id ? -1 : a.doc.id > b.doc.id ? 1 : 0));
      this.queryAnalyserCache = learnt.length === 0
        ? this.analyser
        : this.analyser.extend(mergeThesauri(learnt.map((e) => ({ spelling: new Map(), groups: e.abbreviations, sources: [e.doc.id] }))));
    }
    return this.queryAnalyserCache;
  }

  // ── State (for serialise.ts) ─────────────────────────────────────────────────────────────────────────

  /** The index's contents as plain arrays; `include` picks the documents (default all). */
  exportState(include: (doc: RecDocument) => boolean = () => true): IndexState {
    const entries = this.orderedEntries().filter((e) => include(e.doc));
    // The term lists these items use (shared lists once: by their start in the pool), in first-use order.
    const listOf = new Map<number, number>();
    const starts: number[] = [];
    const itemList: number[] = [];
    let postings = 0;
    for (const e of entries) {
      for (const slot of e.slots) {
        const start = this.slotLength[slot]! === 0 ? -1 : this.slotStart[slot]!;
        let l = listOf.get(start);
        if (l === undefined) {
          l = starts.length;
          listOf.set(start, l);
          starts.push(slot);
          postings += this.slotLength[slot]!;
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
    const used = new Uint8Array(this.termNames.length);
    for (const slot of starts) {
      const start = this.slotStart[slot]!;
      const end = start + this.slotLength[slot]!;
      for (let k = start; k < end; k++) used[this.fwdIds[k]!] = 1;
    }
    const remap = new Int32Array(this.termNames.length).fill(-1);
    const terms: string[] = [];
    for (let id = 0; id < used.length; id++) {
      if (used[id] === 0) continue;
      remap[id] = terms.length;
      terms.push(this.termNames[id]!);
    }
    let p = 0;
    starts.forEach((slot, l) => {
      listStart[l] = p;
      const start = this.slotStart[slot]!;
      const end = start + this.slotLength[slot]!;
      for (let k = start; k < end; k++) {
        termIds[p] = remap[this.fwdIds[k]!]!;
        weightCodes[p++] = this.fwdCodes[k]!;
      }
    });
    listStart[starts.length] = p;
    return {
      documents: entries.map((e) => ({ doc: e.doc, abbreviations: e.abbreviations })),
      terms,
      weights: this.weightValues.slice(0, this.weightCodes.size),
      listStart,
      itemList: Int32Array.from(itemList),
      termIds,
      weightCodes,
    };
  }

  /**
   * An index holding `state` (as `exportState` gave it), analysed with `analyser` — which must be the analyser
   * the state was made with: the caller checks that (serialise.ts keys it). Throws on an inconsistent state.
   */
  static fromState(analyser: Analyser, state: IndexState, options: PrecedentIndexOptions = {}): PrecedentIndex {
    const index = new PrecedentIndex(analyser, options);
    index.loadState(state);
    return index;
  }

  private loadState(state: IndexState): void {
    const nTerms = state.terms.length;
    const fail = (what: string): never => {
      throw new Error(`inconsistent index state: ${what}`);
    };
    if (state.weights.length > MAX_WEIGHT_CODES) fail('too many weights');
    this.weightValues = grow(this.weightValues, state.weights.length);
    state.weights.forEach((w, code) => {
      this.weightValues[code] = w;
      this.weightCodes.set(w, code);
    });
    this.termNames = state.terms.slice();
    state.terms.forEach((t, id) => this.termIds.set(t, id));
    if (this.termIds.size !== nTerms) fail('repeated terms');
    this.growTerms(nTerms);
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
          this.df[id]! += n;
          rowLength[id]!++;
        }
      }
      if (n > 0) postings += end - start;
    }
    this.fwdIds = state.termIds;
    this.fwdCodes = state.weightCodes;
    this.fwdUsed = state.termIds.length;
    this.growSlots(items);
    // The first item of each term list holds the list's postings in the rows; the others are linked to it.
    const first = firstOfLists(itemList, lists);
    const lastOf = new Int32Array(lists).fill(-1);
    let item = 0;
    for (const { doc, abbreviations } of state.documents) {
      if (this.docs.has(doc.id)) fail(`repeated document ${doc.id}`);
      const entry: DocEntry = { doc, slots: [], date: datePrefix(doc.metadata.date), abbreviations, abbreviationKey: abbreviationKeyOf(abbreviations),
        ordinal: this.docList.length, sequence: this.nextSequence++ };
      this.docList.push(entry);
      this.docs.set(doc.id, entry);
      for (let i = 0; i < doc.items.length; i++) {
        if (item >= items) fail('fewer item term lists than items');
        const slot = this.slotCount++;
        this.slotEntry.push(entry);
        this.slotItem[slot] = i;
        this.slotOrdinal[slot] = entry.ordinal;
        const l = itemList[item]!;
        const start = listStart[l]!;
        const end = listStart[l + 1]!;
        this.slotStart[slot] = start;
        this.slotLength[slot] = end - start;
        if (first[item] === 0 && end > start) this.nextCopy[lastOf[l]!] = slot;
        lastOf[l] = slot;
        entry.slots.push(slot);
        if (state.rows === undefined) this.recent.push(slot);
        this.liveItems++;
        item++;
      }
      if (abbreviations.length > 0) this.queryAnalyserCache = null;
    }
    if (item !== items) fail('more item term lists than items');
    this.loadedLists = itemList;
    if (state.rows !== undefined) {
      // The stored rows, checked for shape (slots are the item numbers: slot i holds item i; only the first
      // item of each term list has postings).
      const { start, items: rowItems, codes } = state.rows;
      if (start.length !== nTerms + 1 || start[0] !== 0 || start[nTerms] !== postings || rowItems.length !== postings || codes.length !== postings) fail('rows');
      for (let t = 0; t < nTerms; t++) if (start[t + 1]! < start[t]! || start[t + 1]! - start[t]! !== rowLength[t]) fail('row lengths');
      for (let k = 0; k < postings; k++) if (first[rowItems[k]!] !== 1 || codes[k]! >= state.weights.length) fail('row entries');
      this.rowStart = start;
      this.rowSlots = rowItems;
      this.rowCodes = codes;
      this.rowsVersion++;
      this.sealedTerms = nTerms;
      this.sealedItems = items;
    }
    this.changed(items, '');
    if (state.rows !== undefined && state.scoring !== undefined) {
      this.adoptScoring(state.scoring, listStart, itemList);
      if (state.reach !== undefined) {
        this.checkReach(state, state.rows, state.scoring, state.reach, first);
        this.termRank = state.reach.rank;
        this.rowReach = state.reach.values;
        this.reachGen = this.idfGen;
        this.reachRows = this.rowsVersion;
      }
    }
  }

  /**
   * Refuses a loaded reach that does not fit the rows, or whose sample (the postings of every 64th item or so,
   * of those that have postings: `first`) differs from what `reachOfList` works out: a reach too low would lose
   * answers silently.
   */
  private checkReach(state: IndexState, rows: NonNullable<IndexState['rows']>, scoring: Scoring, reach: StoredReach, first: Uint8Array): void {
    const nTerms = state.terms.length;
    const fail = (): never => {
      throw new Error('inconsistent index state: reach');
    };
    if (reach.rank.length !== nTerms || reach.values.length !== rows.items.length) fail();
    const seen = new Uint8Array(nTerms);
    for (const r of reach.rank) {
      if (!(r >= 0 && r < nTerms) || seen[r] === 1) fail();
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
        if (rows.items[lo] !== item || reach.values[lo] !== value) fail();
      });
    }
  }

  /**
   * Takes a loaded state's scoring as the first generation of rarity weights (instead of a pass over every
   * posting at the first question). Checked for shape, and a sample recomputed: a wrong scoring is refused.
   */
  private adoptScoring(scoring: Scoring, listStart: Int32Array, itemList: Int32Array): void {
    const { idf, listNorm, listBands, termBound } = scoring;
    const nTerms = this.termNames.length;
    const lists = listStart.length - 1;
    if (idf.length !== nTerms || termBound.length !== nTerms || listNorm.length !== lists || listBands.length !== lists * BANDS) {
      throw new Error('inconsistent index state: scoring');
    }
    const items = itemList.length;
    const step = Math.max(1, Math.floor(nTerms / 64));
    for (let t = 0; t < nTerms; t += step) if (idf[t] !== rarity(this.df[t]!, items)) throw new Error('inconsistent index state: rarity weights');
    for (let l = 0; l < lists; l += Math.max(1, Math.floor(lists / 64))) {
      if (listNorm[l] !== normOfList(this.fwdIds, this.fwdCodes, this.weightValues, idf, listStart[l]!, listStart[l + 1]!)) throw new Error('inconsistent index state: norms');
    }
    this.snapshotItems = items;
    this.changesSinceSnapshot = 0;
    this.idfGen++;
    this.vectors.clear();
    this.idf.set(idf);
    const records = this.records;
    for (let slot = 0; slot < items; slot++) {
      const l = itemList[slot]!;
      this.slotNormGen[slot] = this.idfGen;
      records[slot * RECORD + NORM] = listNorm[l]!;
      for (let b = 0; b < BANDS; b++) records[slot * RECORD + BAND + b] = listBands[l * BANDS + b]!;
    }
    this.recordsVersion++;
    this.ub.set(termBound);
    this.ubGen = this.idfGen;
  }

  // ── Internals: documents and slots ─────────────────────────────────────────────────────────────────

  private orderedEntries(): DocEntry[] {
    return [...this.docs.values()].sort((a, b) => a.sequence - b.sequence);
  }

  private cosine(dot: number, normA: number, normB: number): number {
    if (dot <= 0 || normA === 0 || normB === 0) return 0;
    const s = dot / (normA * normB);
    return s > 1 - 1e-12 ? 1 : s;
  }

  private insert(doc: RecDocument, previous: { abbreviationKey: string; slots: Map<string, number>; sequence: number } | null, count = true): void {
    this.rememberLoaded();
    let abbreviations: ThesaurusGroup[] = [];
    if (this.learnAbbreviations) {
      abbreviations = findDefinedAbbreviations(doc.items.map((i) => i.text).join('\n'));
    }
    const abbreviationKey = abbreviationKeyOf(abbreviations);
    const reuse = previous !== null && previous.abbreviationKey === abbreviationKey ? previous.slots : null;
    const analyser = this.analyserFor(abbreviations, abbreviationKey, doc.id);

    const entry: DocEntry = { doc, slots: [], date: datePrefix(doc.metadata.date), abbreviations, abbreviationKey,
      ordinal: this.docList.length, sequence: previous?.sequence ?? this.nextSequence++ };
    this.docList.push(entry);
    this.docs.set(doc.id, entry);
    for (const item of doc.items) {
      const slot = this.newSlot(entry, item.index);
      const known = this.analysedSlot(item.text, abbreviationKey);
      const from = reuse?.get(item.text) ?? known;
      if (from !== undefined) this.copyTerms(from, slot);
      else this.internParts(analyser.analyseParts(item.text), slot);
      // The first item with a text stays the remembered one (a precedent, before the drafts that copy it).
      if (known === undefined) this.rememberAnalysis(item.text, abbreviationKey, slot);
      entry.slots.push(slot);
    }
    if (abbreviations.length > 0) this.queryAnalyserCache = null;
    if (count) this.changed(doc.items.length, doc.id);
  }

  /** The base analyser, extended with a document's abbreviations (shared between documents defining the same). */
  private analyserFor(abbreviations: ThesaurusGroup[], key: string, id: string): Analyser {
    if (abbreviations.length === 0) return this.analyser;
    let analyser = this.extendedAnalysers.get(key);
    if (analyser === undefined) {
      if (this.extendedAnalysers.size >= 256) this.extendedAnalysers.clear();
      analyser = this.analyser.extend({ spelling: new Map(), groups: abbreviations, sources: [id] });
      this.extendedAnalysers.set(key, analyser);
    }
    return analyser;
  }

  /** A live slot whose item has this text and was analysed with the same abbreviations, if remembered. */
  private analysedSlot(text: string, abbreviationKey: string): number | undefined {
    const slot = this.analysed.get(this.analysisKey(text, abbreviationKey));
    if (slot === undefined || this.slotOrdinal[slot] === -1) return undefined;
    const entry = this.slotEntry[slot];
    if (!entry || entry.abbreviationKey !== abbreviationKey || entry.doc.items[this.slotItem[slot]!]?.text !== text) return undefined;
    return slot;
  }

  /** Remembers the analyses of the items a state brought, the first item with a text for each text. */
  private rememberLoaded(): void {
    const lists = this.loadedLists;
    if (lists === null) return;
    this.loadedLists = null;
    // Loaded slot i is item i; the first item of each term list stands for its text.
    const seen = new Uint8Array(lists.length);
    for (let slot = 0; slot < lists.length; slot++) {
      if (seen[lists[slot]!] === 1 || this.slotOrdinal[slot] === -1) continue;
      seen[lists[slot]!] = 1;
      const entry = this.slotEntry[slot]!;
      const text = entry.doc.items[this.slotItem[slot]!]!.text;
      if (this.analysedSlot(text, entry.abbreviationKey) === undefined) this.rememberAnalysis(text, entry.abbreviationKey, slot);
    }
  }

  /**
   * The key of `analysed`: the text, after a short number for the abbreviations it was analysed with, if any
   * (their fingerprint is a JSON text of ~200 characters: put before every such item's text, it was copied and
   * hashed at each look-up).
   */
  private analysisKey(text: string, abbreviationKey: string): string {
    if (abbreviationKey === '') return text;
    let n = this.abbreviationNumbers.get(abbreviationKey);
    if (n === undefined) this.abbreviationNumbers.set(abbreviationKey, (n = this.abbreviationNumbers.size));
    return `${n}\u0000${text}`;
  }

  private rememberAnalysis(text: string, abbreviationKey: string, slot: number): void {
    if (this.analysed.size >= ANALYSIS_CACHE) this.analysed.clear();
    this.analysed.set(this.analysisKey(text, abbreviationKey), slot);
  }

  private remove(entry: DocEntry, count = true): void {
    // Forget the analyses remembered from these items (the map holds live items only: no old draft kept alive).
    entry.doc.items.forEach((item, i) => {
      const key = this.analysisKey(item.text, entry.abbreviationKey);
      if (this.analysed.get(key) === entry.slots[i]) this.analysed.delete(key);
    });
    for (const slot of entry.slots) this.removeSlot(slot);
    this.docs.delete(entry.doc.id);
    this.docList[entry.ordinal] = null;
    if (this.docList.length > 64 && this.docList.length > 2 * this.docs.size) {
      this.docList = this.docList.filter((e): e is DocEntry => e !== null);
      this.docList.forEach((e, i) => {
        if (e === null) return;
        e.ordinal = i;
        for (const slot of e.slots) this.slotOrdinal[slot] = i;
      });
    }
    if (entry.abbreviations.length > 0) this.queryAnalyserCache = null;
    if (count) this.changed(entry.slots.length, entry.doc.id);
  }

  private newSlot(entry: DocEntry, itemIndex: number): number {
    let slot = this.freeSlots.pop();
    if (slot === undefined) {
      slot = this.slotCount++;
      this.slotEntry.push(null);
      this.growSlots(this.slotCount);
    }
    this.slotEntry[slot] = entry;
    this.slotOrdinal[slot] = entry.ordinal;
    this.slotItem[slot] = itemIndex;
    this.slotNormGen[slot] = -1;
    this.slotLength[slot] = 0;
    this.recent.push(slot);
    this.liveItems++;
    return slot;
  }

  private growSlots(size: number): void {
    if (size <= this.slotItem.length) return;
    this.slotItem = grow(this.slotItem, size);
    this.slotOrdinal = grow(this.slotOrdinal, size, -1);
    this.slotNormGen = grow(this.slotNormGen, size, -1);
    this.nextCopy = grow(this.nextCopy, size, -1);
    this.records = grow(this.records, size * RECORD);
    this.recordsVersion++;
    this.slotStart = grow(this.slotStart, size);
    this.slotLength = grow(this.slotLength, size);
  }

  private reserveForward(n: number): number {
    if (this.fwdUsed + n > this.fwdIds.length) {
      this.fwdIds = grow(this.fwdIds, this.fwdUsed + n);
      this.fwdCodes = grow(this.fwdCodes, this.fwdUsed + n);
    }
    const start = this.fwdUsed;
    this.fwdUsed += n;
    return start;
  }

  private weightCode(weight: number): number {
    // Few distinct weights: a scan of the table, without boxing the number for a Map.
    const known = this.weightCodes.size;
    if (known <= 64) {
      const values = this.weightValues;
      for (let c = 0; c < known; c++) if (values[c] === weight) return c;
    }
    let code = this.weightCodes.get(weight);
    if (code === undefined) {
      if (this.weightCodes.size >= MAX_WEIGHT_CODES) {
        // Never in practice (the analyser gives a few hundred distinct weights): the nearest weight known.
        let best = 0;
        for (let c = 1; c < MAX_WEIGHT_CODES; c++) if (Math.abs(this.weightValues[c]! - weight) < Math.abs(this.weightValues[best]! - weight)) best = c;
        return best;
      }
      code = this.weightCodes.size;
      this.weightValues = grow(this.weightValues, code + 1);
      this.weightValues[code] = weight;
      this.weightCodes.set(weight, code);
    }
    return code;
  }

  private termId(term: string): number {
    let id = this.termIds.get(term);
    if (id === undefined) {
      id = this.termNames.length;
      this.termIds.set(term, id);
      this.termNames.push(term);
      this.growTerms(id + 1);
    }
    return id;
  }

  private growTerms(size: number): void {
    if (size <= this.df.length) return;
    this.df = grow(this.df, size);
    this.idf = grow(this.idf, size, NaN);
    this.ub = grow(this.ub, size);
  }

  /** Stores an analysis as the slot's sorted terms (phrases interned by their stems' ids: no phrase strings). */
  private internParts(parts: AnalysisParts, slot: number): void {
    const nStems = parts.stems.length;
    const nPairs = parts.pairWeights.length;
    const n = nStems + nPairs + parts.concepts.length;
    if (this.stemScratch.length < nStems) this.stemScratch = new Int32Array(nStems * 2);
    const stemIds = this.stemScratch;
    const termOf = this.termsOfStems(parts.stemTable);
    for (let i = 0; i < nStems; i++) {
      const n = parts.stemNumbers[i]!;
      let id = termOf.ids[n]!;
      if (id === -1) id = termOf.ids[n] = this.termId(parts.stems[i]!);
      stemIds[i] = id;
    }
    const start = this.reserveForward(n);
    const ids = this.fwdIds;
    const codes = this.fwdCodes;
    let k = 0;
    // Insertion by id (items have tens of terms; sorted ids make merges and binary searches possible).
    const put = (id: number, weight: number): void => {
      const code = this.weightCode(weight);
      let i = start + k;
      while (i > start && ids[i - 1]! > id) {
        ids[i] = ids[i - 1]!;
        codes[i] = codes[i - 1]!;
        i--;
      }
      ids[i] = id;
      codes[i] = code;
      k++;
    };
    for (let i = 0; i < nStems; i++) put(stemIds[i]!, parts.stemWeights[i]!);
    for (let p = 0; p < nPairs; p++) {
      const a = parts.pairFirst[p]!;
      const b = parts.pairSecond[p]!;
      put(this.pairId(stemIds[a]!, stemIds[b]!, parts.stems[a]!, parts.stems[b]!), parts.pairWeights[p]!);
    }
    parts.concepts.forEach((concept, i) => put(this.termId(concept), parts.conceptWeights[i]!));
    this.slotStart[slot] = start;
    this.slotLength[slot] = n;
    for (let i = start; i < start + n; i++) this.df[ids[i]!]!++;
  }

  /** The term ids of a stem table's stems, by stem number (-1 until met), grown to the table's size. */
  private termsOfStems(table: StemTable): { ids: Int32Array } {
    let entry = this.stemTerms.get(table);
    if (entry === undefined) this.stemTerms.set(table, (entry = { ids: new Int32Array(0) }));
    if (entry.ids.length < table.names.length) entry.ids = grow(entry.ids, table.names.length, -1);
    return entry;
  }

  /** The term id of the phrase "stemA stemB", by the stems' ids (open addressing; the string only when new). */
  private pairId(a: number, b: number, stemA: string, stemB: string): number {
    const mask = this.pairFirst.length - 1;
    for (let i = (Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 1, 0x85ebca77)) & mask; ; i = (i + 1) & mask) {
      const first = this.pairFirst[i]!;
      if (first === a && this.pairSecond[i] === b) return this.pairIds[i]!;
      if (first === -1) {
        const id = this.termId(`${stemA} ${stemB}`);
        this.pairFirst[i] = a;
        this.pairSecond[i] = b;
        this.pairIds[i] = id;
        if (++this.pairCount * 2 > this.pairFirst.length) this.growPairs();
        return id;
      }
    }
  }

  private growPairs(): void {
    const first = this.pairFirst;
    const second = this.pairSecond;
    const ids = this.pairIds;
    this.pairFirst = new Int32Array(first.length * 2).fill(-1);
    this.pairSecond = new Int32Array(first.length * 2);
    this.pairIds = new Int32Array(first.length * 2);
    const mask = this.pairFirst.length - 1;
    for (let j = 0; j < first.length; j++) {
      const a = first[j]!;
      if (a === -1) continue;
      const b = second[j]!;
      let i = (Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 1, 0x85ebca77)) & mask;
      while (this.pairFirst[i] !== -1) i = (i + 1) & mask;
      this.pairFirst[i] = a;
      this.pairSecond[i] = b;
      this.pairIds[i] = ids[j]!;
    }
  }

  /**
   * Gives `slot` the term list of `from` (the same text, analysed alike): shared, not copied. Term lists are
   * never changed in place, so sharing is safe; a question scores a shared list once.
   */
  private copyTerms(from: number, slot: number): void {
    const start = this.slotStart[from]!;
    const n = this.slotLength[from]!;
    this.slotStart[slot] = start;
    this.slotLength[slot] = n;
    for (let i = start; i < start + n; i++) this.df[this.fwdIds[i]!]!++;
  }

  private removeSlot(slot: number): void {
    const start = this.slotStart[slot]!;
    const end = start + this.slotLength[slot]!;
    for (let i = start; i < end; i++) this.df[this.fwdIds[i]!]!--;
    this.fwdGarbage += end - start;
    this.slotEntry[slot] = null;
    this.slotOrdinal[slot] = -1;
    this.deadSlots.push(slot);
    this.liveItems--;
  }

  // ── Internals: sealing ─────────────────────────────────────────────────────────────────────────────

  /**
   * Rebuilds the inverted rows when the items added (or removed) since the last seal are too many: a few
   * percent while the index is steady, a quarter while it is changing between queries (a corpus being indexed
   * in the background: every seal would soon be out of date again).
   */
  private ensureSealed(changing: boolean): void {
    const fraction = changing ? RESEAL_FRACTION_CHANGING : RESEAL_FRACTION;
    const limit = (changing ? RESEAL_ITEMS_CHANGING : RESEAL_ITEMS) + fraction * this.sealedItems;
    if (this.recent.length <= limit && this.deadSlots.length <= limit) return;
    this.seal();
  }

  /**
   * Counting sort of the forward index: every live slot's postings, by term, in slot order — but one
   * representative's for the copies of a term list, the others linked to it (`nextCopy`); the terms' bounds
   * for the current rarity weights on the way.
   */
  private seal(): void {
    if (this.fwdGarbage > this.fwdUsed / 3) this.compactForward();
    const nTerms = this.termNames.length;
    const start = new Int32Array(nTerms + 1);
    const slots = this.slotCount;
    const ordinal = this.slotOrdinal;
    const ids = this.fwdIds;
    const nextCopy = this.nextCopy;
    nextCopy.fill(-1);
    /** The last copy so far of each shared term list, by its start. */
    const lastCopy = new Map<number, number>();
    const represents = new Uint8Array(slots);
    for (let s = 0; s < slots; s++) {
      if (ordinal[s] === -1) continue;
      this.normOf(s);
      if (this.slotLength[s] === 0) continue;
      const last = lastCopy.get(this.slotStart[s]!);
      lastCopy.set(this.slotStart[s]!, s);
      if (last !== undefined) {
        nextCopy[last] = s;
        continue;
      }
      represents[s] = 1;
      for (let k = this.slotStart[s]!, end = k + this.slotLength[s]!; k < end; k++) start[ids[k]! + 1]!++;
    }
    for (let t = 0; t < nTerms; t++) start[t + 1]! += start[t]!;
    const total = start[nTerms]!;
    const rowSlots = new Int32Array(total);
    const rowCodes = new Uint16Array(total);
    const fill = start.slice(0, nTerms);
    const codes = this.fwdCodes;
    const ub = this.ub;
    ub.fill(0);
    const records = this.records;
    for (let s = 0; s < slots; s++) {
      if (represents[s] === 0) continue;
      const from = this.slotStart[s]!;
      const end = from + this.slotLength[s]!;
      for (let k = from; k < end; k++) {
        const at = fill[ids[k]!]!++;
        rowSlots[at] = s;
        rowCodes[at] = codes[k]!;
      }
      // (normOf above worked out the norm and the rarity weights of these terms.)
      boundList(ids, codes, this.weightValues, this.idf, from, end, records[s * RECORD + NORM]!, ub, records, s * RECORD + BAND);
    }
    this.recordsVersion++;
    this.rowStart = start;
    this.rowSlots = rowSlots;
    this.rowCodes = rowCodes;
    this.rowsVersion++;
    this.sealedTerms = nTerms;
    this.sealedItems = this.liveItems;
    this.recent = [];
    for (const slot of this.deadSlots) this.freeSlots.push(slot);
    this.deadSlots = [];
    this.ubGen = this.idfGen;
  }

  /** Copies the live slots' term lists to a fresh pool (removed items leave holes); shared lists stay shared. */
  private compactForward(): void {
    const moved = new Map<number, number>();
    let live = 0;
    for (let s = 0; s < this.slotCount; s++) {
      if (this.slotOrdinal[s] === -1 || this.slotLength[s] === 0 || moved.has(this.slotStart[s]!)) continue;
      moved.set(this.slotStart[s]!, -1);
      live += this.slotLength[s]!;
    }
    const ids = new Int32Array(Math.max(1 << 16, Math.ceil(live * 1.25)));
    const codes = new Uint16Array(ids.length);
    let used = 0;
    for (let s = 0; s < this.slotCount; s++) {
      if (this.slotOrdinal[s] === -1 || this.slotLength[s] === 0) {
        this.slotStart[s] = 0;
        this.slotLength[s] = 0;
        continue;
      }
      const from = this.slotStart[s]!;
      const to = moved.get(from)!;
      if (to !== -1) {
        this.slotStart[s] = to;
        continue;
      }
      const n = this.slotLength[s]!;
      ids.set(this.fwdIds.subarray(from, from + n), used);
      codes.set(this.fwdCodes.subarray(from, from + n), used);
      moved.set(from, used);
      this.slotStart[s] = used;
      used += n;
    }
    this.fwdIds = ids;
    this.fwdCodes = codes;
    this.fwdUsed = used;
    this.fwdGarbage = 0;
  }

  // ── Internals: rarity weights and norms ────────────────────────────────────────────────────────────

  private changed(items: number, id: string): void {
    this.changeLog[this.changeCount % this.changeLog.length] = id;
    this.changeCount++;
    this.docVersion++;
    this.changesSinceSnapshot += Math.max(1, items);
    this.changedSinceQuery = true;
  }

  /** Starts a new generation of rarity weights when the corpus changed enough (always, for small corpora). */
  private refreshWeights(): void {
    if (this.changesSinceSnapshot === 0) return;
    if (this.liveItems >= this.exactBelow && this.changesSinceSnapshot < this.liveItems * this.staleFraction) return;
    this.snapshotItems = this.liveItems;
    this.changesSinceSnapshot = 0;
    this.idf.fill(NaN);
    this.idfGen++;
    this.vectors.clear();
  }

  /** IDF of a term in the current generation (computed once per generation, so queries and norms agree). */
  private idfOf(id: number): number {
    let v = this.idf[id]!;
    if (v !== v) {
      v = this.idfFor(this.df[id]!);
      this.idf[id] = v;
    }
    return v;
  }

  private idfFor(df: number): number {
    return rarity(df, this.snapshotItems);
  }

  /** The item's vector length in the current generation (computed lazily, cached per slot). */
  private normOf(slot: number): number {
    if (this.slotNormGen[slot] === this.idfGen) return this.records[slot * RECORD + NORM]!;
    const start = this.slotStart[slot]!;
    const end = start + this.slotLength[slot]!;
    for (let k = start; k < end; k++) this.idfOf(this.fwdIds[k]!);
    const norm = normOfList(this.fwdIds, this.fwdCodes, this.weightValues, this.idf, start, end);
    this.records[slot * RECORD + NORM] = norm;
    this.recordsVersion++;
    this.slotNormGen[slot] = this.idfGen;
    return norm;
  }

  /** Every term's bound over the sealed items for the current generation (once per generation and seal, O(postings)). */
  private ensureBounds(): void {
    if (this.ubGen === this.idfGen) return;
    this.ub.fill(0);
    const records = this.records;
    const bound = (s: number): void => {
      const norm = this.normOf(s);
      const from = this.slotStart[s]!;
      boundList(this.fwdIds, this.fwdCodes, this.weightValues, this.idf, from, from + this.slotLength[s]!, norm, this.ub, records, s * RECORD + BAND);
    };
    for (let s = 0; s < this.slotCount; s++) if (this.slotOrdinal[s] !== -1) bound(s);
    // Removed since the last seal but still in the rows (their term lists too): a removed item that holds
    // the postings of its copies still stands for them (`nextCopy`), with this generation's norm and bands.
    for (const s of this.deadSlots) bound(s);
    this.recordsVersion++;
    this.ubGen = this.idfGen;
  }

  /** The rows' reach (reach.ts) for the current rarity weights: once per generation and rows, O(postings). */
  private ensureReach(): void {
    if (this.reachGen === this.idfGen && this.reachRows === this.rowsVersion) return;
    // The norms of every item in the rows, this generation's.
    this.ensureBounds();
    const { order, rank } = termOrder(this.rowStart, this.sealedTerms);
    this.termRank = rank;
    this.rowReach = reachOfRows({
      rowStart: this.rowStart, rowSlots: this.rowSlots, rowCodes: this.rowCodes, order, slotCount: this.slotCount,
      weightValues: this.weightValues, idf: this.idf, records: this.records, stride: RECORD, normAt: NORM,
    });
    this.reachGen = this.idfGen;
    this.reachRows = this.rowsVersion;
  }

  // ── Internals: queries ─────────────────────────────────────────────────────────────────────────────

  /** Query terms known to the index (sorted by id, with their query-side weight × idf) and the query's norm. */
  private queryVector(terms: TermWeights): QueryVector {
    const ids = new Int32Array(terms.size);
    const weightOf = new Float64Array(terms.size);
    let n = 0;
    let sum = 0;
    let postings = 0;
    for (const [term, weight] of terms) {
      const id = this.termIds.get(term);
      if (id !== undefined && this.df[id]! > 0) {
        // Insertion by id: a question has tens of terms.
        let i = n++;
        for (; i > 0 && ids[i - 1]! > id; i--) {
          ids[i] = ids[i - 1]!;
          weightOf[i] = weightOf[i - 1]!;
        }
        ids[i] = id;
        weightOf[i] = weight;
        postings += this.df[id]!;
      } else {
        const qw = weight * this.idfFor(0);
        sum += qw * qw;
      }
    }
    const qw = new Float64Array(n);
    const idf = new Float64Array(n);
    const factor = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      idf[i] = this.idfOf(ids[i]!);
      qw[i] = weightOf[i]! * idf[i]!;
      factor[i] = qw[i]! * idf[i]!;
      sum += qw[i]! * qw[i]!;
    }
    return { ids: ids.subarray(0, n), qw, idf, factor, norm: Math.sqrt(sum), postings };
  }

  /** Raw dot product of a slot with the query (merge of the sorted term lists). */
  private dotFromForward(slot: number, query: QueryVector): number {
    const qIds = query.ids;
    const qFactor = query.factor;
    const ids = this.fwdIds;
    const codes = this.fwdCodes;
    const weights = this.weightValues;
    let k = this.slotStart[slot]!;
    const end = k + this.slotLength[slot]!;
    let dot = 0;
    for (let i = 0; i < qIds.length && k < end;) {
      const a = qIds[i]!;
      const b = ids[k]!;
      if (a === b) dot += qFactor[i++]! * weights[codes[k++]!]!;
      else if (a < b) i++;
      else k++;
    }
    return dot;
  }

  /** Exact raw dot products of the items added since the last seal (they have no postings yet). */
  private scoreRecent(query: QueryVector, allowed: Uint8Array): number[] {
    const exact: number[] = [];
    if (this.recent.length === 0) return exact;
    for (const slot of this.recent) {
      if (allowed[this.slotOrdinal[slot]! + 1] === 0) continue;
      const dot = this.dotFromForward(slot, query);
      if (dot <= 0) continue;
      this.records[slot * RECORD + DOT] = dot;
      this.touch(slot);
      exact.push(slot);
    }
    return exact;
  }

  private touch(slot: number): void {
    if (this.touchedCount === this.touched.length) this.touched = grow(this.touched, this.touchedCount + 1);
    this.touched[this.touchedCount++] = slot;
  }

  /**
   * Accumulates the sealed rows' contributions; returns the sealed candidates with their exact raw dot products
   * in `records`. With `prune`, terms are visited heaviest first and, once no unseen item can reach the threshold
   * (the k-th best score so far, or `minScore`), only the surviving candidates' scores are completed.
   */
  private accumulate(query: QueryVector, allowed: Uint8Array, limit: number, minScore: number, exact: readonly number[], prune: boolean): number[] {
    if (prune && limit === 1 && (this.ubGen === this.idfGen || !this.changing)) return this.accumulateByReach(query, allowed, minScore, exact);
    const n = query.ids.length;
    const qNorm = query.norm;
    const records = this.records;
    const weights = this.weightValues;
    const rowStart = this.rowStart;
    const rowSlots = this.rowSlots;
    const rowCodes = this.rowCodes;
    const recentTouched = this.touchedCount;

    // Visit order (pruning): the most query weight per posting first.
    const order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    if (prune) {
      // The most query weight per posting first (any order is exact). Rare rows overlap (variants of one text
      // share their rare words): this order, rather than weight squared per posting, touches ~20% fewer items
      // of the benchmark's questions before no unseen item can reach the threshold.
      const gains = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const id = query.ids[i]!;
        const length = id < this.sealedTerms ? rowStart[id + 1]! - rowStart[id]! : 0;
        gains[i] = query.qw[i]! / (length + 64);
      }
      // Insertion sort (a question has tens of terms): higher gain first, then lower term id.
      for (let i = 1; i < n; i++) {
        const x = order[i]!;
        let k = i - 1;
        for (; k >= 0; k--) {
          const y = order[k]!;
          if (gains[y]! > gains[x]! || (gains[y] === gains[x] && query.ids[y]! < query.ids[x]!)) break;
          order[k + 1] = y;
        }
        order[k + 1] = x;
      }
    }
    // What the terms from position j on can still add to any item's cosine: min(Σ q·ub, ‖q_rest‖).
    const restNorm = new Float64Array(n + 1);
    const restBound = new Float64Array(n + 1);
    /** Norm of the query's terms from position j on, per rarity band: restBand[j * BANDS + b]. */
    const restBand = new Float64Array((n + 1) * BANDS);
    let bounds = false;
    if (prune) {
      // The terms' bounds cost a pass over every posting when the rarity weights change: while the index is
      // changing between queries, the Cauchy–Schwarz bound alone (exact results all the same).
      bounds = this.ubGen === this.idfGen || !this.changing;
      if (bounds) this.ensureBounds();
      let squares = 0;
      let sum = 0;
      const bandSquares = [0, 0, 0, 0];
      for (let j = n - 1; j >= 0; j--) {
        const i = order[j]!;
        const q = query.qw[i]! / qNorm;
        squares += q * q;
        const id = query.ids[i]!;
        sum += q * (id < this.sealedTerms ? (bounds ? this.ub[id]! : 1) : 0);
        restNorm[j] = Math.sqrt(squares);
        restBound[j] = Math.min(sum, restNorm[j]!);
        bandSquares[bandOf(query.idf[i]!)]! += q * q;
        for (let b = 0; b < BANDS; b++) restBand[j * BANDS + b] = Math.sqrt(bandSquares[b]!);
      }
    }
    let threshold = minScore;
    if (prune && exact.length >= limit) threshold = Math.max(threshold, this.kthPartial(0, recentTouched, limit, qNorm, allowed));

    // The k-th best partial score raises the threshold now and then (each time the remaining bound halves). (One
    // answer with current bounds is `accumulateByReach`'s, which scores the best partial in full instead.)
    let j = 0;
    let nextCheck = restBound[0]! / 2;
    for (; j < n; j++) {
      if (prune && restBound[j]! < threshold * (1 - EPSILON)) break;
      const i = order[j]!;
      const id = query.ids[i]!;
      if (id >= this.sealedTerms) continue;
      const idf = query.idf[i]!;
      const qw = query.qw[i]!;
      for (let p = rowStart[id]!, end = rowStart[id + 1]!; p < end; p++) {
        const slot = rowSlots[p]!;
        const a = slot * RECORD;
        if (records[a + DOT] === 0) {
          // First touch. Whether the item may answer is asked later, of the few candidates left (one random
          // read fewer per item here).
          if (this.touchedCount === this.touched.length) this.touched = grow(this.touched, this.touchedCount + 1);
          this.touched[this.touchedCount++] = slot;
        }
        // The item's weight × idf: its square tells how much of the item's length has been seen.
        const v = weights[rowCodes[p]!]! * idf;
        records[a + DOT] += qw * v;
        records[a + SEEN] += v * v;
      }
      if (prune && restBound[j + 1]! <= nextCheck && this.touchedCount >= limit) {
        threshold = Math.max(threshold, this.kthPartial(0, this.touchedCount, limit, qNorm, allowed));
        nextCheck = restBound[j + 1]! / 2;
      }
    }
    const sealed: number[] = [];
    if (j === n) {
      for (let t = recentTouched; t < this.touchedCount; t++) {
        const slot = this.touched[t]!;
        if (this.mayAnswer(slot, allowed)) sealed.push(slot);
      }
      return sealed;
    }

    // The candidates that can still reach the threshold, by their partial score plus what the remaining terms
    // can add (`survivors`), scored in full.
    const candidates: number[] = [];
    for (let t = recentTouched; t < this.touchedCount; t++) candidates.push(this.touched[t]!);
    const bound = this.survivors(candidates, allowed, threshold, qNorm, restBound[j]!, restNorm[j]!, bounds ? restBand.subarray(j * BANDS, j * BANDS + BANDS) : null);
    return this.scoreInFull(query, candidates, bound, threshold, exact, limit, allowed, bounds);
  }

  /**
   * `accumulate` for one answer at least `floor`, by prefix filtering (reach.ts; norms and bounds current). The
   * question's terms are walked rarest first. A posting starts a candidate only if its reach times the
   * question's rest reaches the threshold; a candidate's later postings add to its partial score whatever their
   * reach (one bit per slot tells candidates apart, so a posting that fails costs no look at its item). The
   * threshold rises as in `accumulate`: the best partial candidate is scored in full after each term. An item
   * that fails at its first term shared with the question fails at every later one (both rests only shrink), so
   * a candidate's partial score is exact over the terms walked; what the others can add is at most the
   * question's rest after the walk times the item's own rest after its last term seen. Candidates whose partial
   * cosine plus that reaches the threshold are scored in full (`scoreInFull`).
   */
  private accumulateByReach(query: QueryVector, allowed: Uint8Array, floor: number, exact: readonly number[]): number[] {
    this.ensureReach();
    const qNorm = query.norm;
    const records = this.records;
    const weights = this.weightValues;
    const { rowStart, rowSlots, rowCodes, rowReach, termRank, ub } = this;
    const recentTouched = this.touchedCount;
    // By the records' size, not `slotCount`: a replica has the records but no slots of its own.
    const words = (this.records.length / RECORD >> 5) + 1;
    if (this.candidateBits.length < words) this.candidateBits = new Int32Array(words * 2);
    const bits = this.candidateBits;

    // The question's sealed terms (the others meet no sealed item), rarest first; insertion: tens of terms.
    const n = query.ids.length;
    const order = new Int32Array(n);
    let m = 0;
    for (let i = 0; i < n; i++) {
      const id = query.ids[i]!;
      if (id >= this.sealedTerms) continue;
      const r = termRank[id]!;
      let k = m++;
      for (; k > 0 && termRank[query.ids[order[k - 1]!]!]! > r; k--) order[k] = order[k - 1]!;
      order[k] = i;
    }
    // rest[j]: the norm of the question's unit vector from position j on; restBound[j]: at most Σ q·ub too.
    const rest = new Float64Array(m + 1);
    const restBound = new Float64Array(m + 1);
    let squares = 0;
    let sum = 0;
    for (let j = m - 1; j >= 0; j--) {
      const i = order[j]!;
      const q = query.qw[i]! / qNorm;
      squares += q * q;
      sum += q * ub[query.ids[i]!]!;
      rest[j] = Math.sqrt(squares);
      restBound[j] = Math.min(sum, rest[j]!);
    }
    let threshold = floor;
    if (exact.length > 0) threshold = Math.max(threshold, this.kthPartial(0, recentTouched, 1, qNorm, allowed));

    let bestRaw = 0;
    let bestSlot = -1;
    let probed = -1;
    let j = 0;
    for (; j < m; j++) {
      if (bestSlot !== probed) {
        // The item with the best partial score so far, scored in full: an answer at least that good exists.
        probed = bestSlot;
        if (this.mayAnswer(bestSlot, allowed)) {
          const score = this.cosine(this.dotFromForward(bestSlot, query), qNorm, records[bestSlot * RECORD + NORM]!);
          if (score > threshold) threshold = score;
        }
      }
      const cut = threshold * (1 - EPSILON);
      if (restBound[j]! < cut) break;
      // A new candidate needs reach / REACH_STEPS ≥ cut / rest[j].
      const least = (cut / rest[j]!) * REACH_STEPS;
      const i = order[j]!;
      const id = query.ids[i]!;
      const idf = query.idf[i]!;
      const qw = query.qw[i]!;
      for (let p = rowStart[id]!, end = rowStart[id + 1]!; p < end; p++) {
        const slot = rowSlots[p]!;
        const word = slot >> 5;
        const bit = 1 << (slot & 31);
        if ((bits[word]! & bit) === 0) {
          if (rowReach[p]! < least) continue;
          bits[word] = bits[word]! | bit;
          if (this.touchedCount === this.touched.length) this.touched = grow(this.touched, this.touchedCount + 1);
          this.touched[this.touchedCount++] = slot;
        }
        const a = slot * RECORD;
        const norm = records[a + NORM]!;
        const v = weights[rowCodes[p]!]! * idf;
        const u = v / norm;
        const reach = rowReach[p]! / REACH_STEPS;
        const dot = (records[a + DOT] += qw * v);
        // What the item has left after this term (its reach is its norm from the term on).
        records[a + SEEN] = Math.sqrt(Math.max(0, reach * reach - u * u));
        if (dot > bestRaw * norm) {
          bestRaw = dot / norm;
          bestSlot = slot;
        }
      }
    }
    const restAtEnd = rest[j]!;
    const cut = threshold * (1 - EPSILON);
    const candidates: number[] = [];
    const bound = new Float64Array(this.touchedCount - recentTouched);
    for (let t = recentTouched; t < this.touchedCount; t++) {
      const slot = this.touched[t]!;
      const a = slot * RECORD;
      const b = records[a + DOT]! / (qNorm * records[a + NORM]!) + restAtEnd * records[a + SEEN]!;
      if (b >= cut && this.mayAnswer(slot, allowed)) {
        bound[candidates.length] = b;
        candidates.push(slot);
      }
    }
    return this.scoreInFull(query, candidates, bound.subarray(0, candidates.length), threshold, exact, 1, allowed, true);
  }

  /**
   * Scores `candidates` in full from the forward index, the highest `bound` first: once a bound falls below the
   * `limit`-th best full score (or `threshold`), so do all the later ones. One pass over each candidate's own
   * sorted terms costs less than looking each remaining term up in every candidate, and the best-first order
   * usually finds the answer among the first few. Returns the candidates that reach the cut, with their exact
   * raw dot products in `records`. `normsCurrent`: the records' norms are this generation's (else `normOf`).
   */
  private scoreInFull(query: QueryVector, candidates: readonly number[], bound: Float64Array, threshold: number, exact: readonly number[], limit: number,
    allowed: Uint8Array, normsCurrent: boolean): number[] {
    const n = query.ids.length;
    const qNorm = query.norm;
    const records = this.records;
    const weights = this.weightValues;
    const sealed: number[] = [];
    // Best first: each candidate's bound, rounded down to a multiple of 2^-20, packed with its position into one
    // number; a typed array sorts those natively. The loop stops once a rounded bound plus that step is below
    // the cut (then so are all the later true bounds).
    const keys = new Float64Array(candidates.length);
    for (let k = 0; k < keys.length; k++) keys[k] = -(Math.floor(bound[k]! * BOUND_STEPS) * POSITIONS + k);
    keys.sort();
    // The question's weight × idf by term: a candidate's full score is one pass over its own terms.
    const factors = this.factorByTerm;
    factors.reset(n);
    for (let i = 0; i < n; i++) factors.set(query.ids[i]!, query.factor[i]!);
    // Items with the same text share one term list (see `copyTerms`): scored once.
    const dots = this.dotByTerms;
    dots.reset(Math.min(keys.length, 1024));
    const { slotStart, slotLength, fwdIds, fwdCodes } = this;
    const top = new TopScores(limit);
    for (const slot of exact) top.add(this.cosine(records[slot * RECORD + DOT]!, qNorm, this.normOf(slot)));
    for (const key of keys) {
      const cut = Math.max(threshold, top.kth()) * (1 - EPSILON);
      const rounded = Math.floor(-key / POSITIONS);
      if ((rounded + 1) / BOUND_STEPS < cut) break;
      const slot = candidates[-key - rounded * POSITIONS]!;
      const start = slotStart[slot]!;
      let dot = dots.get(start);
      if (dot !== dot) {
        dot = factors.dot(fwdIds, fwdCodes, weights, start, start + slotLength[slot]!);
        dots.set(start, dot);
      }
      records[slot * RECORD + DOT] = dot;
      const score = this.cosine(dot, qNorm, normsCurrent ? records[slot * RECORD + NORM]! : this.normOf(slot));
      if (score < cut) continue;
      sealed.push(slot);
      // As many answers as it has copies that may answer.
      for (let c = this.answering(slot, allowed, limit); c > 0; c--) top.add(score);
    }
    return sealed;
  }

  /**
   * Keeps the candidates that may answer (`allowed`) and whose partial score plus what the remaining terms can add reaches the threshold:
   * min(Σ q·ub, ‖q_rest‖·√(1 − ‖d_seen‖²), Σ_band ‖q_rest,band‖·‖d_band‖); returns those bounds, in the order
   * of the kept candidates.
   */
  private survivors(candidates: number[], allowed: Uint8Array, threshold: number, qNorm: number, restBound: number, restNorm: number, restBand: Float64Array | null): Float64Array {
    const cut = threshold * (1 - EPSILON);
    const records = this.records;
    const bounds = new Float64Array(candidates.length);
    let w = 0;
    for (let c = 0; c < candidates.length; c++) {
      const slot = candidates[c]!;
      const r = slot * RECORD;
      const dot = records[r + DOT]!;
      const norm = restBand !== null ? records[r + NORM]! : this.normOf(slot);
      const seen = records[r + SEEN]! / (norm * norm);
      const unseen = Math.sqrt(Math.max(0, 1 - seen));
      let rest = Math.min(restBound, restNorm * unseen);
      const partial = dot / (qNorm * norm);
      if (partial + rest < cut) continue;
      if (restBand !== null) {
        // Band by band: the remaining query terms of a band meet at most the item's length in that band.
        let banded = 0;
        for (let b = 0; b < BANDS; b++) banded += restBand[b]! * Math.min(records[r + BAND + b]!, unseen);
        if (banded < rest) rest = banded;
      }
      if (partial + rest >= cut && this.mayAnswer(slot, allowed)) {
        bounds[w] = partial + rest;
        candidates[w++] = slot;
      }
    }
    candidates.length = w;
    return bounds.subarray(0, w);
  }


  /** The `k`-th best partial cosine among touched[from .. to) (a lower bound of the final `k`-th best). */
  private kthPartial(from: number, to: number, k: number, qNorm: number, allowed: Uint8Array): number {
    let n = 0;
    for (let i = from; i < to; i++) {
      const slot = this.touched[i]!;
      // Each copy that may answer is an answer of its own (up to k of them).
      const copies = this.answering(slot, allowed, k);
      if (copies === 0) continue;
      if (this.scratch.length < n + copies) this.scratch = grow(this.scratch, n + copies);
      const score = this.records[slot * RECORD + DOT]! / (qNorm * this.normOf(slot));
      for (let c = 0; c < copies; c++) this.scratch[n++] = score;
    }
    return n < k ? 0 : kthLargest(this.scratch, n, k);
  }

  /** Whether the item or one of its copies (`nextCopy`) may answer. */
  private mayAnswer(slot: number, allowed: Uint8Array): boolean {
    for (let m = slot; m !== -1; m = this.nextCopy[m]!) if (allowed[this.slotOrdinal[m]! + 1] === 1) return true;
    return false;
  }

  /** How many of the item and its copies may answer, counted up to `max`. */
  private answering(slot: number, allowed: Uint8Array, max: number): number {
    let count = 0;
    for (let m = slot; m !== -1 && count < max; m = this.nextCopy[m]!) if (allowed[this.slotOrdinal[m]! + 1] === 1) count++;
    return count;
  }

  /**
   * Exact scores of the candidates; the best `limit` above `minScore`, in order. Each sealed candidate stands for
   * its copies too (`nextCopy`): every one of them that may answer is considered, with the same score.
   */
  private best(sealed: readonly number[], recent: readonly number[], queryNorm: number, limit: number, minScore: number, allowed: Uint8Array): ScoredSlot[] {
    type Scored = ScoredSlot & { ordinal: number; itemIndex: number };
    // Higher score first, then lower document id, then lower item index (deterministic). Equal scores are
    // mostly copies of one text; the documents' order by id is looked up only then.
    const better = (a: Scored, b: Scored): boolean => {
      if (a.score !== b.score) return a.score > b.score;
      if (a.ordinal === b.ordinal) return a.itemIndex < b.itemIndex;
      const ranks = this.idRanks();
      return ranks[a.ordinal]! < ranks[b.ordinal]!;
    };
    const order = (a: Scored, b: Scored): number => (better(a, b) ? -1 : 1);
    const small = limit <= 64;
    const top: Scored[] = [];
    const scoreOf = (slot: number): number => this.cosine(this.records[slot * RECORD + DOT]!, queryNorm, this.normOf(slot));
    const consider = (slot: number, score: number): void => {
      if (score <= 0 || score < minScore) return;
      if (small && top.length === limit && score < top[top.length - 1]!.score) return;
      const scored: Scored = { slot, score, ordinal: this.slotOrdinal[slot]!, itemIndex: this.slotItem[slot]! };
      if (!small) {
        top.push(scored);
        return;
      }
      // A short sorted list: insertion is cheaper than sorting every candidate.
      if (top.length === limit) {
        if (!better(scored, top[top.length - 1]!)) return;
        top.pop();
      }
      let pos = top.length;
      while (pos > 0 && better(scored, top[pos - 1]!)) pos--;
      top.splice(pos, 0, scored);
    };
    for (const slot of recent) consider(slot, scoreOf(slot));
    for (const slot of sealed) {
      const score = scoreOf(slot);
      // Below the last of a full short list: so are all its copies.
      if (small && top.length === limit && score < top[top.length - 1]!.score) continue;
      for (let m = slot; m !== -1; m = this.nextCopy[m]!) if (allowed[this.slotOrdinal[m]! + 1] === 1) consider(m, score);
    }
    if (!small) {
      top.sort(order);
      if (top.length > limit) top.length = limit;
    }
    return top.map(({ slot, score }) => ({ slot, score }));
  }

  private matchesOf(answers: readonly ScoredSlot[]): PrecedentMatch[] {
    return answers.map(({ slot, score }) => {
      const document = this.slotEntry[slot]!.doc;
      return { document, item: document.items[this.slotItem[slot]!]!, score };
    });
  }


  /** Each document's place in the order of document ids, by ordinal; sorted again after the documents change. */
  private idRanks(): Int32Array {
    if (this.idRankCache?.version === this.docVersion) return this.idRankCache.ranks;
    const live = this.docList.filter((e): e is DocEntry => e !== null).sort((a, b) => (a.doc.id < b.doc.id ? -1 : a.doc.id > b.doc.id ? 1 : 0));
    const ranks = new Int32Array(this.docList.length);
    live.forEach((e, i) => {
      ranks[e.ordinal] = i;
    });
    this.idRankCache = { version: this.docVersion, ranks };
    return ranks;
  }

  /** Zeroes the question's part of the touched records, and their candidate bits (`accumulateByReach`). */
  private clearQuestion(): void {
    for (let t = 0; t < this.touchedCount; t++) {
      const slot = this.touched[t]!;
      const r = slot * RECORD;
      this.records[r + DOT] = 0;
      this.records[r + SEEN] = 0;
      this.candidateBits[slot >> 5] = 0;
    }
    this.touchedCount = 0;
  }

  /** A text's weighted vector for `similarity`, cached per generation of rarity weights. */
  private vectorOf(text: string): Vector {
    const cached = this.vectors.get(text);
    if (cached !== undefined && cached.generation === this.idfGen) return cached;
    const terms = this.analyseQuery(text);
    const entries: Array<[number, number]> = [];
    let sum = 0;
    for (const [term, weight] of terms) {
      let id = this.termIds.get(term);
      let idf: number;
      if (id === undefined || this.df[id] === 0) {
        idf = this.idfFor(0);
        // Terms the corpus does not have still match each other: a negative id of their own.
        if (id === undefined) {
          id = this.unknownTerms.get(term);
          if (id === undefined) {
            if (this.unknownTerms.size >= 1_000_000) {
              this.unknownTerms.clear();
              this.vectors.clear();
            }
            id = -1 - this.unknownTerms.size;
            this.unknownTerms.set(term, id);
          }
        }
      } else {
        idf = this.idfOf(id);
      }
      const w = weight * idf;
      entries.push([id, w]);
      sum += w * w;
    }
    entries.sort((a, b) => a[0] - b[0]);
    const vector: Vector = {
      ids: Int32Array.from(entries, (e) => e[0]),
      weights: Float64Array.from(entries, (e) => e[1]),
      norm: Math.sqrt(sum),
      generation: this.idfGen,
    };
    if (this.vectors.size >= VECTOR_CACHE) this.vectors.clear();
    this.vectors.set(ownCopy(text), vector);
    return vector;
  }
}
