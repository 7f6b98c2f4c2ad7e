// The MaxScore walk (as Lucene's MaxScoreBulkScorer): exact top-k with pruning. Terms are visited from the
// most query weight per posting down; once no item not yet seen can reach the k-th best partial score (or
// `minScore`), by two bounds — the sum of the remaining terms' highest normalised weights (MaxScore) and the norm
// of the remaining query (Cauchy–Schwarz: an item's remaining contribution is at most ‖q_rest‖·‖d_rest‖ ≤
// ‖q_rest‖·√(1 − ‖d_seen‖²)) — no new candidates are taken and hopeless candidates are dropped; the rest are
// scored in full from the forward index, the highest bound first, until no bound reaches the k-th best full
// score. The same results as visiting every posting.
import type { Candidates } from './candidates';
import type { QueryVector } from './questionBatch';
import * as scoring from './scoring';
import type { RarityWeights } from './scoring';
import * as layout from './segment';
import type { Segment } from './segment';

// Module constants rather than imported bindings in the hot loops: where modules run as CommonJS (tsx: the tests
// and the benchmark), every read of an imported binding calls a getter.
const { bandOf, EPSILON } = scoring;
const { BAND, BANDS, DOT, grow, NORM, RECORD, SEEN } = layout;

export class MaxScoreSearcher {
  constructor(private readonly segment: Segment, private readonly weights: RarityWeights, private readonly candidates: Candidates) {}

  /**
   * Accumulates the sealed rows' contributions; returns the sealed candidates with their exact raw dot products
   * in `records`. With `prune`, terms are visited heaviest first and, once no unseen item can reach the threshold
   * (the k-th best score so far, or `minScore`), only the surviving candidates' scores are completed. `changing`:
   * the index changed since the last questions (then bounds out of date are not worked out again).
   */
  search(query: QueryVector, allowed: Uint8Array, limit: number, minScore: number, exact: readonly number[], prune: boolean, changing: boolean): number[] {
    const s = this.segment;
    const c = this.candidates;
    const n = query.ids.length;
    const qNorm = query.norm;
    const records = s.records;
    const weights = s.weightValues;
    const rowStart = s.rowStart;
    const rowSlots = s.rowSlots;
    const rowCodes = s.rowCodes;
    const recentTouched = c.count;

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
        const length = id < s.sealedTerms ? rowStart[id + 1]! - rowStart[id]! : 0;
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
      bounds = this.weights.boundsGeneration === this.weights.generation || !changing;
      if (bounds) this.weights.ensureBounds();
      let squares = 0;
      let sum = 0;
      const bandSquares = [0, 0, 0, 0];
      for (let j = n - 1; j >= 0; j--) {
        const i = order[j]!;
        const q = query.qw[i]! / qNorm;
        squares += q * q;
        const id = query.ids[i]!;
        sum += q * (id < s.sealedTerms ? (bounds ? s.ub[id]! : 1) : 0);
        restNorm[j] = Math.sqrt(squares);
        restBound[j] = Math.min(sum, restNorm[j]!);
        bandSquares[bandOf(query.idf[i]!)]! += q * q;
        for (let b = 0; b < BANDS; b++) restBand[j * BANDS + b] = Math.sqrt(bandSquares[b]!);
      }
    }
    let threshold = minScore;
    if (prune && exact.length >= limit) threshold = Math.max(threshold, c.kthPartial(0, recentTouched, limit, qNorm, allowed));

    // The k-th best partial score raises the threshold now and then (each time the remaining bound halves). (One
    // answer with current bounds is the reach walk's (reachSearcher.ts), which scores the best partial in full instead.)
    let j = 0;
    let nextCheck = restBound[0]! / 2;
    for (; j < n; j++) {
      if (prune && restBound[j]! < threshold * (1 - EPSILON)) break;
      const i = order[j]!;
      const id = query.ids[i]!;
      if (id >= s.sealedTerms) continue;
      const idf = query.idf[i]!;
      const qw = query.qw[i]!;
      for (let p = rowStart[id]!, end = rowStart[id + 1]!; p < end; p++) {
        const slot = rowSlots[p]!;
        const a = slot * RECORD;
        if (records[a + DOT] === 0) {
          // First touch. Whether the item may answer is asked later, of the few candidates left (one random
          // read fewer per item here).
          if (c.count === c.touched.length) c.touched = grow(c.touched, c.count + 1);
          c.touched[c.count++] = slot;
        }
        // The item's weight × idf: its square tells how much of the item's length has been seen.
        const v = weights[rowCodes[p]!]! * idf;
        records[a + DOT] += qw * v;
        records[a + SEEN] += v * v;
      }
      if (prune && restBound[j + 1]! <= nextCheck && c.count >= limit) {
        threshold = Math.max(threshold, c.kthPartial(0, c.count, limit, qNorm, allowed));
        nextCheck = restBound[j + 1]! / 2;
      }
    }
    const sealed: number[] = [];
    if (j === n) {
      for (let t = recentTouched; t < c.count; t++) {
        const slot = c.touched[t]!;
        if (c.mayAnswer(slot, allowed)) sealed.push(slot);
      }
      return sealed;
    }

    // The candidates that can still reach the threshold, by their partial score plus what the remaining terms
    // can add (`survivors`), scored in full.
    const candidates: number[] = [];
    for (let t = recentTouched; t < c.count; t++) candidates.push(c.touched[t]!);
    const bound = this.survivors(candidates, allowed, threshold, qNorm, restBound[j]!, restNorm[j]!, bounds ? restBand.subarray(j * BANDS, j * BANDS + BANDS) : null);
    return c.scoreInFull(query, candidates, bound, threshold, exact, limit, allowed, bounds);
  }


  /**
   * Keeps the candidates that may answer (`allowed`) and whose partial score plus what the remaining terms can add reaches the threshold:
   * min(Σ q·ub, ‖q_rest‖·√(1 − ‖d_seen‖²), Σ_band ‖q_rest,band‖·‖d_band‖); returns those bounds, in the order
   * of the kept candidates.
   */
  private survivors(candidates: number[], allowed: Uint8Array, threshold: number, qNorm: number, restBound: number, restNorm: number, restBand: Float64Array | null): Float64Array {
    const cut = threshold * (1 - EPSILON);
    const records = this.segment.records;
    const bounds = new Float64Array(candidates.length);
    let w = 0;
    for (let c = 0; c < candidates.length; c++) {
      const slot = candidates[c]!;
      const r = slot * RECORD;
      const dot = records[r + DOT]!;
      const norm = restBand !== null ? records[r + NORM]! : this.weights.normOf(slot);
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
      if (partial + rest >= cut && this.candidates.mayAnswer(slot, allowed)) {
        bounds[w] = partial + rest;
        candidates[w++] = slot;
      }
    }
    candidates.length = w;
    return bounds.subarray(0, w);
  }
}
