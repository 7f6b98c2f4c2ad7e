// One question's candidates, for both searchers (maxScoreSearcher.ts, reachSearcher.ts): the slots it touched,
// whose accumulators (the DOT and SEEN of their records) are non-zero until `clear`, and the steps both walks
// share: the recent items scored exactly, the candidates left after a walk scored in full, the k-th best
// partial score. Whether an item may answer (date, exclusions) is asked of the candidates, not at every posting.
import { kthLargest, TopScores } from './collector';
import { NumberTable } from './numberTable';
import type { QueryVector } from './questionBatch';
import * as scoring from './scoring';
import type { RarityWeights } from './scoring';
import * as layout from './segment';
import type { Segment } from './segment';

// Module constants rather than imported bindings in the hot loops: where modules run as CommonJS (tsx: the tests
// and the benchmark), every read of an imported binding calls a getter.
const { cosine, EPSILON } = scoring;
const { DOT, grow, NORM, RECORD, SEEN } = layout;

/** Candidates' bounds are ordered in steps of 2^-20, with room for 2^24 candidates beside them (exact below 2^53). */
const BOUND_STEPS = 2 ** 20;
const POSITIONS = 2 ** 24;

export class Candidates {
  /** The slots touched: touched[0 .. count). */
  touched = new Int32Array(1024);
  count = 0;
  /** A walk by reach's candidates, one bit per slot (looked up at every posting: small enough to stay cached). */
  bits = new Int32Array(64);
  private scratch = new Float64Array(1024);
  /** A question's weight × idf by term id while its candidates are scored in full. */
  private readonly factorByTerm = new NumberTable();
  /** The dot products of the question with the term lists scored so far (by their start: copies share one). */
  private readonly dotByTerms = new NumberTable();

  constructor(private readonly segment: Segment, private readonly weights: RarityWeights) {}

  touch(slot: number): void {
    if (this.count === this.touched.length) this.touched = grow(this.touched, this.count + 1);
    this.touched[this.count++] = slot;
  }

  /** Zeroes the question's part of the touched records, and their candidate bits. */
  clear(): void {
    const records = this.segment.records;
    for (let t = 0; t < this.count; t++) {
      const slot = this.touched[t]!;
      const r = slot * RECORD;
      records[r + DOT] = 0;
      records[r + SEEN] = 0;
      this.bits[slot >> 5] = 0;
    }
    this.count = 0;
  }

  /** Raw dot product of a slot with the query (merge of the sorted term lists). */
  dotFromForward(slot: number, query: QueryVector): number {
    const qIds = query.ids;
    const qFactor = query.factor;
    const { fwdIds: ids, fwdCodes: codes, weightValues: weights } = this.segment;
    let k = this.segment.slotStart[slot]!;
    const end = k + this.segment.slotLength[slot]!;
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
  scoreRecent(query: QueryVector, allowed: Uint8Array): number[] {
    const exact: number[] = [];
    const segment = this.segment;
    if (segment.recent.length === 0) return exact;
    for (const slot of segment.recent) {
      if (allowed[segment.slotOrdinal[slot]! + 1] === 0) continue;
      const dot = this.dotFromForward(slot, query);
      if (dot <= 0) continue;
      segment.records[slot * RECORD + DOT] = dot;
      this.touch(slot);
      exact.push(slot);
    }
    return exact;
  }

  /**
   * Scores `candidates` in full from the forward index, the highest `bound` first: once a bound falls below the
   * `limit`-th best full score (or `threshold`), so do all the later ones. One pass over each candidate's own
   * sorted terms costs less than looking each remaining term up in every candidate, and the best-first order
   * usually finds the answer among the first few. Returns the candidates that reach the cut, with their exact
   * raw dot products in `records`. `normsCurrent`: the records' norms are this generation's (else `normOf`).
   */
  scoreInFull(query: QueryVector, candidates: readonly number[], bound: Float64Array, threshold: number, exact: readonly number[], limit: number,
    allowed: Uint8Array, normsCurrent: boolean): number[] {
    const n = query.ids.length;
    const qNorm = query.norm;
    const segment = this.segment;
    const records = segment.records;
    const weights = segment.weightValues;
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
    // Items with the same text share one term list: scored once.
    const dots = this.dotByTerms;
    dots.reset(Math.min(keys.length, 1024));
    const { slotStart, slotLength, fwdIds, fwdCodes } = segment;
    const top = new TopScores(limit);
    for (const slot of exact) top.add(cosine(records[slot * RECORD + DOT]!, qNorm, this.weights.normOf(slot)));
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
      const score = cosine(dot, qNorm, normsCurrent ? records[slot * RECORD + NORM]! : this.weights.normOf(slot));
      if (score < cut) continue;
      sealed.push(slot);
      // As many answers as it has copies that may answer.
      for (let c = this.answering(slot, allowed, limit); c > 0; c--) top.add(score);
    }
    return sealed;
  }

  /** The `k`-th best partial cosine among touched[from .. to) (a lower bound of the final `k`-th best). */
  kthPartial(from: number, to: number, k: number, qNorm: number, allowed: Uint8Array): number {
    const { records, nextCopy, slotOrdinal } = this.segment;
    let n = 0;
    for (let i = from; i < to; i++) {
      const slot = this.touched[i]!;
      // Each copy that may answer is an answer of its own (up to k of them).
      const copies = answeringOf(nextCopy, slotOrdinal, slot, allowed, k);
      if (copies === 0) continue;
      if (this.scratch.length < n + copies) this.scratch = grow(this.scratch, n + copies);
      const score = records[slot * RECORD + DOT]! / (qNorm * this.weights.normOf(slot));
      for (let c = 0; c < copies; c++) this.scratch[n++] = score;
    }
    return n < k ? 0 : kthLargest(this.scratch, n, k);
  }

  /** Whether the item or one of its copies (`nextCopy`) may answer. */
  mayAnswer(slot: number, allowed: Uint8Array): boolean {
    const { nextCopy, slotOrdinal } = this.segment;
    for (let m = slot; m !== -1; m = nextCopy[m]!) if (allowed[slotOrdinal[m]! + 1] === 1) return true;
    return false;
  }

  /** How many of the item and its copies may answer, counted up to `max`. */
  answering(slot: number, allowed: Uint8Array, max: number): number {
    return answeringOf(this.segment.nextCopy, this.segment.slotOrdinal, slot, allowed, max);
  }
}

/** How many of the item at `slot` and its copies (`nextCopy`) may answer, counted up to `max`. */
function answeringOf(nextCopy: Int32Array, slotOrdinal: Int32Array, slot: number, allowed: Uint8Array, max: number): number {
  let count = 0;
  for (let m = slot; m !== -1 && count < max; m = nextCopy[m]!) if (allowed[slotOrdinal[m]! + 1] === 1) count++;
  return count;
}
