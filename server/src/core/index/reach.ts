// Prefix filtering for questions with a high floor: the precedent-reuse check asks for one answer of at least
// 0.6 (or, when an item has the question's very text, of at least that item's score).
//
// The sealed terms are put in one order, rarest first (shortest row). An item's reach at one of its terms t is
// the norm of the rest of its unit vector from t on in that order, ‖y_{≥t}‖. For the unit vectors x (the
// question) and y (an item) and their first shared term j in that order, x·y = x_{≥j}·y_{≥j} ≤ ‖x_{≥j}‖·‖y_{≥j}‖
// (Cauchy–Schwarz; both norms are taken over the terms from j on). So an item reaches a floor f only if, at its
// first term shared with the question, the question's rest times the item's reach is at least f. The question's
// terms are walked in that order: a posting whose reach is below f / ‖x_{≥t}‖ cannot start a candidate, and no
// posting can once ‖x_{≥t}‖ < f. Nearly all of an item's postings in the rows of a question's rare terms fail
// that test when the item has rarer terms of its own that the question lacks; the walk reads the reach, one
// byte per posting in row order, and touches only the items that pass it (see reachSearcher.ts).
// Reach depends on the rarity weights and the rows: it is worked out again after either changes (one pass over
// the postings).
// Pure: typed arrays in, typed arrays out.

/** Reach is stored as a byte, rounded up to a multiple of 1 / REACH_STEPS: never below the true reach. */
export const REACH_STEPS = 255;

/** The stored reach of a norm whose square is `squares`: rounded up, with room for the sums' rounding. */
function reachByte(squares: number): number {
  return Math.min(REACH_STEPS, Math.ceil(Math.sqrt(squares) * REACH_STEPS * (1 + 1e-9)));
}

/** The sealed terms rarest first (shortest row first, then lower term id), and each term's place in that order. */
export function termOrder(rowStart: Int32Array, terms: number): { order: Int32Array; rank: Int32Array } {
  // Counting sort by row length; terms in id order within a length.
  let longest = 0;
  for (let t = 0; t < terms; t++) longest = Math.max(longest, rowStart[t + 1]! - rowStart[t]!);
  const next = new Int32Array(longest + 2);
  for (let t = 0; t < terms; t++) next[rowStart[t + 1]! - rowStart[t]! + 1]!++;
  for (let length = 0; length <= longest; length++) next[length + 1]! += next[length]!;
  const order = new Int32Array(terms);
  const rank = new Int32Array(terms);
  for (let t = 0; t < terms; t++) {
    const r = next[rowStart[t + 1]! - rowStart[t]!]!++;
    order[r] = t;
    rank[t] = r;
  }
  return { order, rank };
}

/** What `reachOfRows` reads: the sealed rows, the terms' order, the rarity weights and the items' norms. */
export interface ReachInput {
  rowStart: Int32Array;
  rowSlots: Int32Array;
  rowCodes: Uint16Array;
  /** The sealed terms rarest first (`termOrder`). */
  order: Int32Array;
  slotCount: number;
  weightValues: Float64Array;
  idf: Float64Array;
  /** An item's norm at records[slot × stride + normAt]. */
  records: Float64Array;
  stride: number;
  normAt: number;
}

/**
 * The reach of every posting of the rows (in row order). The rows are walked commonest term first, each item's
 * squared unit weights summed as its postings come: at each posting, the sum is the item's squared norm from
 * that term on. Each row is read and written in order; only one number per item is looked up at random.
 */
export function reachOfRows(input: ReachInput): Uint8Array {
  const { rowStart, rowSlots, rowCodes, order, slotCount, weightValues, idf, records, stride, normAt } = input;
  const reach = new Uint8Array(rowSlots.length);
  // Per item, side by side (one random read per posting): [1 / its norm, its squared unit weights so far].
  const perItem = new Float64Array(slotCount * 2);
  for (let slot = 0; slot < slotCount; slot++) {
    const norm = records[slot * stride + normAt]!;
    perItem[slot * 2] = norm > 0 ? 1 / norm : 0;
  }
  for (let r = order.length - 1; r >= 0; r--) {
    const term = order[r]!;
    const termIdf = idf[term]!;
    for (let p = rowStart[term]!, end = rowStart[term + 1]!; p < end; p++) {
      const at = rowSlots[p]! * 2;
      const u = weightValues[rowCodes[p]!]! * termIdf * perItem[at]!;
      reach[p] = reachByte((perItem[at + 1] = perItem[at + 1]! + u * u));
    }
  }
  return reach;
}

/**
 * The reach of one item's postings, by position in its term list (`ids`/`codes` from `from` to `end`), worked
 * out as `reachOfRows` does (the same sums in the same order): to check a stored reach against.
 */
export function reachOfList(ids: Int32Array, codes: Uint16Array, from: number, end: number, rank: Int32Array, weightValues: Float64Array, idf: Float64Array,
  norm: number): Uint8Array {
  const positions = Array.from({ length: end - from }, (_, i) => from + i).sort((a, b) => rank[ids[b]!]! - rank[ids[a]!]!);
  const inverseNorm = norm > 0 ? 1 / norm : 0;
  const reach = new Uint8Array(end - from);
  let sum = 0;
  for (const at of positions) {
    const u = weightValues[codes[at]!]! * idf[ids[at]!]! * inverseNorm;
    sum += u * u;
    reach[at - from] = reachByte(sum);
  }
  return reach;
}
