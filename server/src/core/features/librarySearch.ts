// Fuzzy search over the whole precedent library, for workspace symbols and the "Search Precedents…" picker.
// Fuse.js tolerates typos and partial words; the index's word search ranks whole-word matches by rarity.
// Both are asked (Fuse.js only up to FUZZY_ITEM_LIMIT items), word matches first, so that "remitance cost" and
// "remittance services" both find the remittance items.

import Fuse from 'fuse.js';
import type { PrecedentLookup, PrecedentMatch } from '../checks/lookup';
import type { Item, RecDocument } from '../document/model';

export interface LibraryEntry {
  document: RecDocument;
  item: Item;
}

/**
 * Above this many items, Fuse.js is not asked: it scans every item for every query (seconds at 100,000 items,
 * see `npm run bench`), and the index's word search answers alone.
 */
export const FUZZY_ITEM_LIMIT = 20_000;

export class LibrarySearch {
  private readonly fuse: Fuse<LibraryEntry> | null;

  constructor(documents: readonly RecDocument[], private readonly precedents: PrecedentLookup, fuzzyLimit: number = FUZZY_ITEM_LIMIT) {
    const items = documents.reduce((n, d) => n + d.items.length, 0);
    const entries = items > fuzzyLimit ? [] : documents.flatMap((document) => document.items.map((item) => ({ document, item })));
    this.fuse = items > fuzzyLimit ? null : new Fuse(entries, { keys: ['item.text'], ignoreLocation: true, threshold: 0.35, includeScore: true, minMatchCharLength: 2 });
  }

  /** The best matches of `query`, never from `excludeDocuments` (the draft a search was started from). */
  search(query: string, limit: number, excludeDocuments: ReadonlySet<string> = new Set()): PrecedentMatch[] {
    const trimmed = query.trim();
    if (trimmed.length === 0) return [];
    const results: PrecedentMatch[] = [];
    const seen = new Set<string>();
    const add = (match: PrecedentMatch) => {
      const key = `${match.document.id}#${match.item.index}`;
      if (seen.has(key) || results.length >= limit || excludeDocuments.has(match.document.id)) return;
      seen.add(key);
      results.push(match);
    };
    for (const match of this.precedents.query(trimmed, { limit, minScore: 0.05, excludeDocuments })) add(match);
    for (const result of this.fuse?.search(trimmed, { limit: limit + 50 }) ?? []) add({ document: result.item.document, item: result.item.item, score: 1 - (result.score ?? 1) });
    return results;
  }
}
