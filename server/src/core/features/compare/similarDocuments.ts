// The library's documents most like a draft, for picking the earlier document to compare it with: a document
// scores by how much of the draft it covers, the mean over the draft's items of the best similarity of any of its
// items (an item with nothing similar enough in it adds 0). The country's own previous recommendations, written
// from the same template, come first; a document sharing one topic with the draft comes far below.

import { draftPrecedentsOfEach, type PrecedentLookup } from '../../checks/lookup';
import type { RecDocument } from '../../document/model';

export interface SimilarDocument {
  document: RecDocument;
  /** 0..1: the mean best similarity of the draft's items in this document. */
  score: number;
  /** How many of the draft's items have a counterpart above the floor in this document. */
  itemsMatched: number;
}

export interface SimilarDocumentsOptions {
  /** Lowest similarity that counts as a counterpart (the compare threshold). */
  minScore: number;
  /** Most documents returned. */
  limit: number;
  /** Matches asked for per draft item: enough to reach several documents for each. */
  perItem?: number;
}

export function similarDocuments(draft: RecDocument, lookup: PrecedentLookup, options: SimilarDocumentsOptions): SimilarDocument[] {
  const texts = draft.items.map((item) => item.text);
  if (texts.length === 0) return [];
  const answers = draftPrecedentsOfEach(lookup, draft, texts, { limit: options.perItem ?? 20, minScore: options.minScore });
  const byDocument = new Map<string, { document: RecDocument; sum: number; matched: number }>();
  for (const matches of answers) {
    // The best match of this draft item in each document.
    const best = new Map<string, { document: RecDocument; score: number }>();
    for (const { document, score } of matches) {
      const seen = best.get(document.id);
      if (!seen || score > seen.score) best.set(document.id, { document, score });
    }
    for (const [id, { document, score }] of best) {
      const total = byDocument.get(id) ?? { document, sum: 0, matched: 0 };
      total.sum += score;
      total.matched++;
      byDocument.set(id, total);
    }
  }
  return [...byDocument.values()]
    .map(({ document, sum, matched }) => ({ document, score: sum / texts.length, itemsMatched: matched }))
    .sort((a, b) => b.score - a.score || (a.document.id < b.document.id ? -1 : a.document.id > b.document.id ? 1 : 0))
    .slice(0, options.limit);
}
