// Rarity weights (IDF), norms and bounds: the one place they are computed, for a live index (`RarityWeights`,
// over a segment) and for a saved state (`scoringOf`), by the same functions, so that the two agree exactly.
// Weights come in generations: exact after every change below `exactBelow` items, refreshed after
// `staleFraction` churn above it; queries and norms of one generation always agree, so identical texts still
// score 1. A loaded state may bring its first generation (`Scoring`), so that a warm start does no pass over
// the postings.
import { reachOfRows, termOrder } from './reach';
import * as layout from './segment';
import type { Segment } from './segment';

// Module constants rather than imported bindings in the hot loops: where modules run as CommonJS (tsx: the tests
// and the benchmark), every read of an imported binding calls a getter.
const { BAND, BANDS, grow, NORM, RECORD } = layout;

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

/** Relative slack of every comparison of a bound with a threshold: sums of the same terms in other orders round apart. */
export const EPSILON = 1e-9;

/** The rarity weight (IDF) of a term found in `df` of `n` items. */
export function rarity(df: number, n: number): number {
  const total = Math.max(n, df);
  return Math.log(1 + (total - df + 0.5) / (df + 0.5));
}

export function bandOf(idf: number): number {
  return idf < 1.5 ? 0 : idf < 3 ? 1 : idf < 5 ? 2 : 3;
}

/** The norm of a term list with these rarity weights (the one way norms are summed: seals and states agree). */
export function normOfList(ids: Int32Array, codes: Uint16Array, weights: Float64Array, idf: Float64Array, start: number, end: number): number {
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
export function boundList(ids: Int32Array, codes: Uint16Array, weights: Float64Array, idf: Float64Array, start: number, end: number, norm: number,
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

/** The cosine of two vectors from their raw dot product and norms (1 for the same direction, up to rounding). */
export function cosine(dot: number, normA: number, normB: number): number {
  if (dot <= 0 || normA === 0 || normB === 0) return 0;
  const s = dot / (normA * normB);
  return s > 1 - 1e-12 ? 1 : s;
}

/** A saved state's term lists, as `IndexState` holds them (list l of item i: `itemList[i]`). */
export interface TermLists {
  terms: readonly string[];
  weights: Float64Array;
  listStart: Int32Array;
  itemList: Int32Array;
  termIds: Int32Array;
  weightCodes: Uint16Array;
}

/** The scoring of a state as a fresh index of its items computes it (exact rarity weights, norms, bounds). */
export function scoringOf(state: TermLists): Scoring {
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

/**
 * The rarity weights of a live index's segment: each term's document frequency, the current generation's
 * weights (computed once per term and generation), and the segment's norms, bounds and reach for them.
 */
export class RarityWeights {
  df = new Int32Array(1024);
  idf = new Float64Array(1024).fill(NaN);
  generation = 0;
  /** The generation of the segment's bounds (`ub` and the band norms), and of its reach and the rows it is for. */
  boundsGeneration = -1;
  reachGeneration = -1;
  reachRows = -1;
  private snapshotItems = 0;
  private changesSinceSnapshot = 0;

  constructor(private readonly segment: Segment, private readonly exactBelow = 20_000, private readonly staleFraction = 0.05) {}

  growTerms(size: number): void {
    if (size <= this.df.length) return;
    this.df = grow(this.df, size);
    this.idf = grow(this.idf, size, NaN);
    this.segment.growTerms(size);
  }

  /** Counts (`by` 1) or uncounts (-1) the terms of a slot's list in their document frequencies. */
  count(slot: number, by: number): void {
    const { fwdIds, slotStart, slotLength } = this.segment;
    for (let k = slotStart[slot]!, end = k + slotLength[slot]!; k < end; k++) this.df[fwdIds[k]!]! += by;
  }

  /** `items` items changed (the churn a refresh waits for). */
  changed(items: number): void {
    this.changesSinceSnapshot += Math.max(1, items);
  }

  /** Starts a new generation when the corpus changed enough (always, for small corpora); true when it did. */
  refresh(liveItems: number): boolean {
    if (this.changesSinceSnapshot === 0) return false;
    if (liveItems >= this.exactBelow && this.changesSinceSnapshot < liveItems * this.staleFraction) return false;
    this.snapshotItems = liveItems;
    this.changesSinceSnapshot = 0;
    this.idf.fill(NaN);
    this.generation++;
    return true;
  }

  /** IDF of a term in the current generation (computed once per generation, so queries and norms agree). */
  idfOf(id: number): number {
    let v = this.idf[id]!;
    if (v !== v) {
      v = this.idfFor(this.df[id]!);
      this.idf[id] = v;
    }
    return v;
  }

  idfFor(df: number): number {
    return rarity(df, this.snapshotItems);
  }

  /** The item's vector length in the current generation (computed lazily, cached per slot). */
  normOf(slot: number): number {
    const segment = this.segment;
    // The usual case apart, small enough to be inlined where candidates are scored.
    return segment.slotNormGen[slot] === this.generation ? segment.records[slot * RECORD + NORM]! : this.computeNorm(slot);
  }

  private computeNorm(slot: number): number {
    const segment = this.segment;
    const start = segment.slotStart[slot]!;
    const end = start + segment.slotLength[slot]!;
    for (let k = start; k < end; k++) this.idfOf(segment.fwdIds[k]!);
    const norm = normOfList(segment.fwdIds, segment.fwdCodes, segment.weightValues, this.idf, start, end);
    segment.records[slot * RECORD + NORM] = norm;
    segment.recordsVersion++;
    segment.slotNormGen[slot] = this.generation;
    return norm;
  }

  /** Raises the terms' bounds to a slot's and writes its band norms (its norm current). */
  bound(slot: number): void {
    const s = this.segment;
    const from = s.slotStart[slot]!;
    boundList(s.fwdIds, s.fwdCodes, s.weightValues, this.idf, from, from + s.slotLength[slot]!, this.normOf(slot), s.ub, s.records, slot * RECORD + BAND);
  }

  /** Every term's bound over the sealed items for the current generation (once per generation and seal, O(postings)). */
  ensureBounds(): void {
    if (this.boundsGeneration === this.generation) return;
    const segment = this.segment;
    segment.ub.fill(0);
    for (let s = 0; s < segment.slotCount; s++) if (segment.slotOrdinal[s] !== -1) this.bound(s);
    // Removed since the last seal but still in the rows (their term lists too): a removed item that holds
    // the postings of its copies still stands for them (`nextCopy`), with this generation's norm and bands.
    for (const s of segment.deadSlots) this.bound(s);
    segment.recordsVersion++;
    this.boundsGeneration = this.generation;
  }

  /** The rows' reach (reach.ts) for the current rarity weights: once per generation and rows, O(postings). */
  ensureReach(): void {
    const segment = this.segment;
    if (this.reachGeneration === this.generation && this.reachRows === segment.rowsVersion) return;
    // The norms of every item in the rows, this generation's.
    this.ensureBounds();
    const { order, rank } = termOrder(segment.rowStart, segment.sealedTerms);
    segment.termRank = rank;
    segment.rowReach = reachOfRows({
      rowStart: segment.rowStart, rowSlots: segment.rowSlots, rowCodes: segment.rowCodes, order, slotCount: segment.slotCount,
      weightValues: segment.weightValues, idf: this.idf, records: segment.records, stride: RECORD, normAt: NORM,
    });
    this.reachGeneration = this.generation;
    this.reachRows = segment.rowsVersion;
  }

  /**
   * Takes a loaded state's scoring as a new generation (its items are slots 0 .. n, item i with list
   * `itemList[i]`), every item's norm and band norms and every term's bound from it.
   */
  adopt(scoring: Scoring, itemList: Int32Array): void {
    const segment = this.segment;
    this.snapshotItems = itemList.length;
    this.changesSinceSnapshot = 0;
    this.generation++;
    this.idf.set(scoring.idf);
    const records = segment.records;
    for (let slot = 0; slot < itemList.length; slot++) {
      const l = itemList[slot]!;
      segment.slotNormGen[slot] = this.generation;
      records[slot * RECORD + NORM] = scoring.listNorm[l]!;
      for (let b = 0; b < BANDS; b++) records[slot * RECORD + BAND + b] = scoring.listBands[l * BANDS + b]!;
    }
    segment.recordsVersion++;
    segment.ub.set(scoring.termBound);
    this.boundsGeneration = this.generation;
  }

  /** Marks the segment's norms, bounds and reach current for `generation` (a replica: its state says they are). */
  assumeCurrent(generation: number): void {
    this.generation = generation;
    this.boundsGeneration = generation;
    this.reachGeneration = generation;
    this.reachRows = this.segment.rowsVersion;
  }
}
