// What the checks need from the precedent index: ranked matches for a text. The index satisfies it
// structurally; the checks do not depend on how the index stores or scores anything.

import type { Item, RecDocument } from '../document/model';

export interface PrecedentQuery {
  limit?: number;
  minScore?: number;
  excludeDocuments?: ReadonlySet<string>;
  /** The draft's date: precedents dated after it are not earlier precedents. */
  draftDate?: string | null;
}

export interface PrecedentMatch {
  document: RecDocument;
  item: Item;
  score: number;
}

export interface PrecedentLookup {
  query(text: string, options: PrecedentQuery): PrecedentMatch[];
  /**
   * `query` for each text, the same answers; an index may answer a batch faster (on two threads). It calls
   * `meanwhile` (work that does not change the index) once, while another thread may be answering.
   */
  queryEach?(texts: readonly string[], options: PrecedentQuery, meanwhile?: () => void): PrecedentMatch[][];
}
