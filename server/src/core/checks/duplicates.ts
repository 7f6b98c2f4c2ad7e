// Duplicate items within one draft: the same item twice (seed 001's items 14 and 16), or nearly the same
// after small edits ("labor management board" / "labour management boards"). The later item is reported,
// pointing at the earlier one, so that removing the reported item keeps the first occurrence.

import type { Item, RecDocument } from '../document/model';
import { itemName, similarityPercent } from '../document/provenance';
import type { Finding } from './finding';

/** Similarity of two texts on the index's 0..1 scale (rarity-weighted, after normalisation). */
export type TextSimilarity = (a: string, b: string) => number;

/**
 * Every pair of `texts` at least `threshold` similar, as `[i, j, score]` (i < j), with exactly the scores
 * `TextSimilarity` gives (`PrecedentIndex.similarPairs`): lets a long draft skip the pairs that cannot be
 * near-duplicates instead of scoring all n² of them.
 */
export type SimilarPairs = (texts: readonly string[], threshold: number) => Array<[number, number, number]>;

export function checkDuplicates(document: RecDocument, similarity: TextSimilarity, threshold: number, similarPairs?: SimilarPairs): Finding[] {
  const findings: Finding[] = [];
  const items = document.items.filter((item) => exactKey(item).length > 0);
  // With a pair finder (and a threshold above 0, where every pair counts), only the pairs above the threshold.
  let above: Array<Array<[number, number]>> | null = null;
  if (similarPairs !== undefined && threshold > 0) {
    above = items.map(() => []);
    for (const [i, j, score] of similarPairs(items.map((item) => item.text), threshold)) above[j]!.push([i, score]);
  }
  const firstByKey = new Map<string, Item>();
  for (let j = 0; j < items.length; j++) {
    const item = items[j]!;
    const key = exactKey(item);
    const exact = firstByKey.get(key);
    if (exact) {
      findings.push(duplicateFinding(document, item, exact, `Duplicate item: the same text as ${describe(exact)}.`));
      continue;
    }
    firstByKey.set(key, item);
    let best: { item: Item; score: number } | null = null;
    if (above !== null) {
      for (const [i, score] of above[j]!) if (score >= threshold && (!best || score > best.score)) best = { item: items[i]!, score };
    } else {
      for (let i = 0; i < j; i++) {
        const earlier = items[i]!;
        const score = similarity(earlier.text, item.text);
        if (score >= threshold && (!best || score > best.score)) best = { item: earlier, score };
      }
    }
    if (best) {
      const how = best.score >= 0.9995 ? 'the same words as' : `${similarityPercent(best.score)} similar to`;
      findings.push(duplicateFinding(document, item, best.item, `Near-duplicate item: ${how} ${describe(best.item)}${best.score >= 0.9995 ? ', but for spelling and word forms' : ''}.`));
    }
  }
  return findings;
}

/** Texts equal once case, spacing and trailing punctuation are set aside count as the same item. */
function exactKey(item: Item): string {
  return item.text.toLowerCase().replace(/\s+/g, ' ').replace(/[\s.;,:]+$/u, '').trim();
}

function describe(item: Item): string {
  return item.number !== null ? `${itemName(item)} (line ${item.range.start.line + 1})` : itemName(item);
}

function duplicateFinding(document: RecDocument, item: Item, original: Item, message: string): Finding {
  return {
    code: 'duplicate-item',
    severity: 'warning',
    message,
    range: item.range,
    related: [{ documentId: document.id, range: original.range, message: `First occurrence (${original.label || 'paragraph'})` }],
    item: item.index,
  };
}
