// The reach walk: a question for one answer above a floor (the precedent-reuse check), by prefix filtering
// (reach.ts), over the same segment as the MaxScore walk. It starts from the score of an item with the
// question's very text, when there is one, and scores in full the best partial candidate after each term (a
// rising floor). The same results as visiting every posting.
import type { Candidates } from './candidates';
import type { QueryVector } from './questionBatch';
import * as reach from './reach';
import * as scoring from './scoring';
import type { RarityWeights } from './scoring';
import * as layout from './segment';
import type { Segment } from './segment';

// Module constants rather than imported bindings in the hot loops: where modules run as CommonJS (tsx: the tests
// and the benchmark), every read of an imported binding calls a getter.
const { REACH_STEPS } = reach;
const { cosine, EPSILON } = scoring;
const { DOT, grow, NORM, RECORD, SEEN } = layout;

export class ReachSearcher {
  constructor(private readonly segment: Segment, private readonly weights: RarityWeights, private readonly candidates: Candidates) {}

  /**
   * The walk for one answer at least `floor`, by prefix filtering (reach.ts; norms and bounds current). The
   * question's terms are walked rarest first. A posting starts a candidate only if its reach times the
   * question's rest reaches the threshold; a candidate's later postings add to its partial score whatever their
   * reach (one bit per slot tells candidates apart, so a posting that fails costs no look at its item). The
   * threshold rises as in the MaxScore walk: the best partial candidate is scored in full after each term. An item
   * that fails at its first term shared with the question fails at every later one (both rests only shrink), so
   * a candidate's partial score is exact over the terms walked; what the others can add is at most the
   * question's rest after the walk times the item's own rest after its last term seen. Candidates whose partial
   * cosine plus that reaches the threshold are scored in full (`scoreInFull`).
   */
  search(query: QueryVector, allowed: Uint8Array, floor: number, exact: readonly number[]): number[] {
    const s = this.segment;
    const c = this.candidates;
    this.weights.ensureReach();
    const qNorm = query.norm;
    const records = s.records;
    const weights = s.weightValues;
    const { rowStart, rowSlots, rowCodes, rowReach, termRank, ub } = s;
    const recentTouched = c.count;
    // By the records' size, not `slotCount`: a replica has the records but no slots of its own.
    const words = (s.records.length / RECORD >> 5) + 1;
    if (c.bits.length < words) c.bits = new Int32Array(words * 2);
    const bits = c.bits;

    // The question's sealed terms (the others meet no sealed item), rarest first; insertion: tens of terms.
    const n = query.ids.length;
    const order = new Int32Array(n);
    let m = 0;
    for (let i = 0; i < n; i++) {
      const id = query.ids[i]!;
      if (id >= s.sealedTerms) continue;
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
    if (exact.length > 0) threshold = Math.max(threshold, c.kthPartial(0, recentTouched, 1, qNorm, allowed));

    let bestRaw = 0;
    let bestSlot = -1;
    let probed = -1;
    let j = 0;
    for (; j < m; j++) {
      if (bestSlot !== probed) {
        // The item with the best partial score so far, scored in full: an answer at least that good exists.
        probed = bestSlot;
        if (c.mayAnswer(bestSlot, allowed)) {
          const score = cosine(c.dotFromForward(bestSlot, query), qNorm, records[bestSlot * RECORD + NORM]!);
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
          if (c.count === c.touched.length) c.touched = grow(c.touched, c.count + 1);
          c.touched[c.count++] = slot;
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
    const bound = new Float64Array(c.count - recentTouched);
    for (let t = recentTouched; t < c.count; t++) {
      const slot = c.touched[t]!;
      const a = slot * RECORD;
      const b = records[a + DOT]! / (qNorm * records[a + NORM]!) + restAtEnd * records[a + SEEN]!;
      if (b >= cut && c.mayAnswer(slot, allowed)) {
        bound[candidates.length] = b;
        candidates.push(slot);
      }
    }
    return c.scoreInFull(query, candidates, bound.subarray(0, candidates.length), threshold, exact, 1, allowed, true);
  }
}
