// One-to-one alignment of two lists of texts: the pairing that maximises the sum of similarities, among pairs at
// least `threshold` similar (the assignment problem, solved by the Hungarian algorithm of `munkres`).
// Only pairs above the threshold can be paired, so the bipartite graph they make falls apart into connected
// components (a sub-theme's items rarely resemble another's); each component is solved on its own, which keeps the
// cubic algorithm on small matrices even for two 500-item documents.

import { munkres } from 'munkres';
import type { SimilarPairs } from '../../checks/duplicates';

export interface AlignedPair {
  /** Index in the draft's list. */
  draft: number;
  /** Index in the earlier document's list. */
  earlier: number;
  score: number;
}

export interface CrossSimilarities {
  /** Every pair at least at the threshold: for each draft index, its earlier partners and their scores. */
  byDraft: Array<Array<{ earlier: number; score: number }>>;
  byEarlier: Array<Array<{ draft: number; score: number }>>;
}

/** The similarities across the two lists at least `threshold`, from one pass of the pair finder over both. */
export function crossSimilarities(draft: readonly string[], earlier: readonly string[], threshold: number, similarPairs: SimilarPairs): CrossSimilarities {
  const byDraft: CrossSimilarities['byDraft'] = draft.map(() => []);
  const byEarlier: CrossSimilarities['byEarlier'] = earlier.map(() => []);
  const n = draft.length;
  for (const [i, j, score] of similarPairs([...draft, ...earlier], threshold)) {
    // i < j: a cross pair has its draft text first.
    if (i >= n || j < n) continue;
    byDraft[i]!.push({ earlier: j - n, score });
    byEarlier[j - n]!.push({ draft: i, score });
  }
  return { byDraft, byEarlier };
}

/**
 * Among pairings of equal similarity (an item written twice, two items that say the same), the one that keeps the
 * documents' order: each pair's cost grows by this much times the distance of the two items' relative positions,
 * too little to outweigh any real difference of similarity.
 */
const ORDER_TIE_BREAK = 1e-6;

/** The optimal one-to-one pairing over the given similarities, in draft order. */
export function alignOptimally(similarities: CrossSimilarities): AlignedPair[] {
  const { byDraft, byEarlier } = similarities;
  const pairs: AlignedPair[] = [];
  const seenDraft = new Uint8Array(byDraft.length);
  const seenEarlier = new Uint8Array(byEarlier.length);
  for (let start = 0; start < byDraft.length; start++) {
    if (seenDraft[start] || byDraft[start]!.length === 0) continue;
    // The connected component of `start`, walked breadth-first across both sides.
    const rows: number[] = [];
    const cols: number[] = [];
    const queue: Array<['d' | 'e', number]> = [['d', start]];
    seenDraft[start] = 1;
    while (queue.length > 0) {
      const [side, at] = queue.pop()!;
      if (side === 'd') {
        rows.push(at);
        for (const { earlier } of byDraft[at]!) if (!seenEarlier[earlier]) (seenEarlier[earlier] = 1, queue.push(['e', earlier]));
      } else {
        cols.push(at);
        for (const { draft } of byEarlier[at]!) if (!seenDraft[draft]) (seenDraft[draft] = 1, queue.push(['d', draft]));
      }
    }
    rows.sort((a, b) => a - b);
    cols.sort((a, b) => a - b);
    pairs.push(...solveComponent(rows, cols, similarities));
  }
  return pairs.sort((a, b) => a.draft - b.draft);
}

function solveComponent(rows: readonly number[], cols: readonly number[], similarities: CrossSimilarities): AlignedPair[] {
  const { byDraft, byEarlier } = similarities;
  if (rows.length === 1 && cols.length === 1) {
    const score = byDraft[rows[0]!]![0]!.score;
    return [{ draft: rows[0]!, earlier: cols[0]!, score }];
  }
  const column = new Map(cols.map((col, k) => [col, k]));
  // Cost 1 − score; a pair below the threshold costs 1 (score 0), so choosing it gains nothing and it is dropped.
  const costs = rows.map(() => new Float64Array(cols.length).fill(1));
  const scores = rows.map(() => new Float64Array(cols.length));
  rows.forEach((row, r) => {
    for (const { earlier, score } of byDraft[row]!) {
      const c = column.get(earlier)!;
      costs[r]![c] = 1 - score + ORDER_TIE_BREAK * Math.abs(row / byDraft.length - earlier / byEarlier.length);
      scores[r]![c] = score;
    }
  });
  const out: AlignedPair[] = [];
  for (const [r, c] of munkres(costs)) {
    const score = scores[r]![c]!;
    if (score > 0) out.push({ draft: rows[r]!, earlier: cols[c]!, score });
  }
  return out;
}
