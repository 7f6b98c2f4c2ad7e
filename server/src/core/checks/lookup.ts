// What the checks need from the precedent index: ranked matches for a text. The index satisfies it
// structurally; the checks do not depend on how the index stores or scores anything.

import type { Item, RecDocument } from '../document/model';

export interface PrecedentQuery {
  /** Most matches returned (default 10). */
  limit?: number;
  /** Lowest score returned (default: anything above 0). */
  minScore?: number;
  /** Ids of documents whose items are never returned (e.g. the draft itself). */
  excludeDocuments?: ReadonlySet<string>;
  /**
   * The draft's date (ISO 8601). When it and a precedent's `metadata.date` are both known and the precedent
   * is dated after the draft, the precedent is not returned: only earlier precedents are.
   */
  draftDate?: string | null;
}

export interface PrecedentMatch {
  document: RecDocument;
  item: Item;
  /** Cosine similarity in 0..1: 1 for the same wording, near 0 for unrelated texts. */
  score: number;
  /**
   * It shares only general words with the text (how, not what: see text/generalTerms.ts): loosely related,
   * never the closest precedent, never reuse. Set by the draft's precedents rule; absent: not judged.
   */
  loose?: boolean;
}

export interface PrecedentLookup {
  query(text: string, options: PrecedentQuery): PrecedentMatch[];
  /**
   * `query` for each text, the same answers; an index may answer a batch faster (on two threads). It calls
   * `meanwhile` (work that does not change the index) once, while another thread may be answering.
   */
  queryEach?(texts: readonly string[], options: PrecedentQuery, meanwhile?: () => void): PrecedentMatch[][];
  /** Whether `match` shares only general words with `text`; absent: no precedent is judged loosely related. */
  sharesOnlyGeneralTerms?(text: string, match: PrecedentMatch): boolean;
}

/** How many of a draft's precedents are asked for, and the lowest similarity that counts as one. */
export interface DraftPrecedentOptions {
  limit: number;
  minScore: number;
}

/**
 * The question for a draft's precedents: above `minScore`, never from the draft itself (its own items would
 * match themselves), never dated after it (a later document is no precedent). Every check and feature asks
 * for a draft's precedents through this, so the rule is the same everywhere.
 */
export function draftPrecedentQuery(draft: RecDocument, options: DraftPrecedentOptions): PrecedentQuery {
  return { limit: options.limit, minScore: options.minScore, excludeDocuments: new Set([draft.id]), draftDate: draft.metadata.date };
}

/**
 * The precedents of `text` of `draft` (see `draftPrecedentQuery`): those that name a measure of the text best
 * first, then the loosely related ones (marked `loose`), best first.
 */
export function draftPrecedents(lookup: PrecedentLookup, draft: RecDocument, text: string, options: DraftPrecedentOptions): PrecedentMatch[] {
  return withRelatedness(lookup, text, lookup.query(text, draftPrecedentQuery(draft, options)));
}

/** `matches` of `text` marked `loose` where they share only general words, and listed after the others. */
export function withRelatedness(lookup: PrecedentLookup, text: string, matches: PrecedentMatch[]): PrecedentMatch[] {
  if (!lookup.sharesOnlyGeneralTerms || matches.length === 0) return matches;
  const marked = matches.map((match) => ({ ...match, loose: lookup.sharesOnlyGeneralTerms!(text, match) }));
  // Stable: each group keeps the index's order.
  return [...marked.filter((match) => !match.loose), ...marked.filter((match) => match.loose)];
}

/**
 * The precedents of each of `texts` of `draft`, as `draftPrecedents` gives them; a batch, which an index may
 * answer on two threads. `meanwhile` (work that does not change the index) is called once either way.
 */
export function draftPrecedentsOfEach(lookup: PrecedentLookup, draft: RecDocument, texts: readonly string[], options: DraftPrecedentOptions, meanwhile?: () => void): PrecedentMatch[][] {
  const query = draftPrecedentQuery(draft, options);
  let answers: PrecedentMatch[][];
  if (lookup.queryEach) answers = lookup.queryEach(texts, query, meanwhile);
  else {
    meanwhile?.();
    answers = texts.map((text) => lookup.query(text, query));
  }
  return answers.map((matches, i) => withRelatedness(lookup, texts[i]!, matches));
}
