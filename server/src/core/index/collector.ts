// Top-k collection: the k-th best score while a question is walked (`TopScores`, `kthLargest`), and the final
// best `limit` answers in their one deterministic order (`collectBest`): higher score first, then lower
// document id, then lower item index. Each sealed candidate stands for its copies (`nextCopy`): every one of
// them that may answer is an answer of its own, with the same score.
import type { Segment } from './segment';

/** An answer by item slot. */
export interface ScoredSlot {
  slot: number;
  score: number;
}

/** The best `k` scores seen so far (descending): `kth()` is 0 until there are `k`. */
export class TopScores {
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

/** The k-th largest value (1-based) of `values[0 .. n)`, which it reorders (quickselect, O(n) on average). */
export function kthLargest(values: Float64Array, n: number, k: number): number {
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

/**
 * The best `limit` of the scored candidates (sealed ones standing for their copies, and recent ones), at least
 * `minScore` and above 0, in order. `scoreOf` gives a slot's exact score; `idRanks` each document's place in
 * the order of document ids, by ordinal (asked only to break ties between documents).
 */
export function collectBest(segment: Segment, sealed: readonly number[], recent: readonly number[], scoreOf: (slot: number) => number,
  limit: number, minScore: number, allowed: Uint8Array, idRanks: () => Int32Array): ScoredSlot[] {
  type Scored = ScoredSlot & { ordinal: number; itemIndex: number };
  const { nextCopy, slotOrdinal, slotItem } = segment;
  // Equal scores are mostly copies of one text; the documents' order by id is looked up only then.
  const better = (a: Scored, b: Scored): boolean => {
    if (a.score !== b.score) return a.score > b.score;
    if (a.ordinal === b.ordinal) return a.itemIndex < b.itemIndex;
    const ranks = idRanks();
    return ranks[a.ordinal]! < ranks[b.ordinal]!;
  };
  const order = (a: Scored, b: Scored): number => (better(a, b) ? -1 : 1);
  const small = limit <= 64;
  const top: Scored[] = [];
  const consider = (slot: number, score: number): void => {
    if (score <= 0 || score < minScore) return;
    if (small && top.length === limit && score < top[top.length - 1]!.score) return;
    const scored: Scored = { slot, score, ordinal: slotOrdinal[slot]!, itemIndex: slotItem[slot]! };
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
    for (let m = slot; m !== -1; m = nextCopy[m]!) if (allowed[slotOrdinal[m]! + 1] === 1) consider(m, score);
  }
  if (!small) {
    top.sort(order);
    if (top.length > limit) top.length = limit;
  }
  return top.map(({ slot, score }) => ({ slot, score }));
}
