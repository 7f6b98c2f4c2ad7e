// Which aligned items changed place in a way a reader should hear of. Renumbering, and the shifts that insertions
// and deletions cause, keep the relative order of the items: those are not moves. The items kept in order are the
// longest run of pairs whose earlier positions increase along the draft (a longest increasing subsequence); the
// fewest items that explain the new order are the others, and those are reported as moved.

/**
 * Of `positions` (each aligned draft item's position in the earlier document, in draft order), the indexes of
 * those outside one longest increasing subsequence (the one with the smallest earlier positions at every length):
 * of two swapped neighbours, the one that now comes first is the moved one.
 */
export function movedPositions(positions: readonly number[]): Set<number> {
  const n = positions.length;
  // tails[k]: index of the smallest last value of an increasing run of length k + 1 (patience sorting).
  const tails: number[] = [];
  const previous = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const value = positions[i]!;
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (positions[tails[mid]!]! < value) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) previous[i] = tails[lo - 1]!;
    if (lo === tails.length) tails.push(i);
    else tails[lo] = i;
  }
  const kept = new Set<number>();
  for (let at = tails.length > 0 ? tails[tails.length - 1]! : -1; at >= 0; at = previous[at]!) kept.add(at);
  const moved = new Set<number>();
  for (let i = 0; i < n; i++) if (!kept.has(i)) moved.add(i);
  return moved;
}
