// Recurrence: how often an item was asked before, by whom, since when. An item's precedents are grouped by
// occasion — one earlier document, named by its country (or, lacking one, its title or file), forum and
// date — so that a call made at three forums reads as a history, not as three unrelated matches. Several
// near-identical items of one document (Viet Nam 2020's items 14 and 16) are one occasion, which keeps its
// best item. An undated document counts, as "date unknown", and is never called earlier or later.

import { withRelatedness, type PrecedentLookup, type PrecedentMatch, type PrecedentQuery } from './lookup';
import type { RecDocument } from '../document/model';
import { pageOf } from '../document/source';
import { author, shortForum } from '../document/provenance';

/**
 * Matches asked for to find an item's occasions: enough for any real history (an occasion is a document), few
 * enough for a hover on a 100,000-item library. When the index has more above the floor, the count is a floor.
 */
export const OCCASION_MATCH_LIMIT = 100;

export interface Occasion {
  /** What makes two documents one occasion: who, forum and date when the document says who and when, else the document. */
  key: string;
  /** Country, else the document's title, else its file name (provenance's `author`). */
  who: string;
  forum: string | null;
  /** ISO 8601, or null: "date unknown". */
  date: string | null;
  title: string | null;
  /** The occasion's closest item. */
  best: PrecedentMatch;
  /** Every item of the occasion above the floor, best first (the best included). */
  matches: PrecedentMatch[];
}

export interface Recurrence {
  /** Oldest first; undated occasions last. */
  occasions: Occasion[];
  /** The precedents the occasions were grouped from, best first. */
  matches: PrecedentMatch[];
  /** False when the index held more matches than were asked for: the occasions are then at least these. */
  complete: boolean;
  /**
   * Whether every occasion is known to be earlier: the draft and every occasion are dated (precedents dated
   * after the draft are never asked for). Only then does the summary say "before".
   */
  earlier: boolean;
}

/** The occasions of a text's precedents, asked of the index with `query` (its floor, exclusions, draft date). */
export function recurrenceOf(lookup: PrecedentLookup, text: string, query: PrecedentQuery): Recurrence {
  const limit = query.limit ?? OCCASION_MATCH_LIMIT;
  const matches = withRelatedness(lookup, text, lookup.query(text, { ...query, limit }));
  return recurrenceFromMatches(matches, { complete: matches.length < limit, draftDate: query.draftDate ?? null });
}

/**
 * The occasions of matches already asked for (best first). A loosely related precedent (one that shares only
 * general words) is no occasion: the item was not asked there.
 */
export function recurrenceFromMatches(matches: readonly PrecedentMatch[], options: { complete: boolean; draftDate: string | null }): Recurrence {
  const asked = matches.filter((match) => !match.loose);
  const occasions = groupOccasions(asked);
  return {
    occasions,
    matches: asked,
    complete: options.complete,
    earlier: options.draftDate !== null && occasions.every((occasion) => occasion.date !== null),
  };
}

/** Matches grouped by occasion, oldest first (undated last; ties: the closer occasion first). */
export function groupOccasions(matches: readonly PrecedentMatch[]): Occasion[] {
  const byKey = new Map<string, Occasion>();
  for (const match of matches) {
    const key = occasionKey(match.document);
    const known = byKey.get(key);
    if (known) {
      known.matches.push(match);
      if (match.score > known.best.score) known.best = match;
      continue;
    }
    const { forum, date, title } = match.document.metadata;
    byKey.set(key, { key, who: author(match.document), forum, date, title, best: match, matches: [match] });
  }
  for (const occasion of byKey.values()) occasion.matches.sort((a, b) => b.score - a.score);
  return [...byKey.values()].sort((a, b) => {
    if (a.date !== b.date) {
      if (a.date === null) return 1;
      if (b.date === null) return -1;
      return a.date < b.date ? -1 : 1;
    }
    return b.best.score - a.best.score || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  });
}

/**
 * One occasion per document, except that documents naming the same who and date are one occasion (the PDF and
 * the Word file of one national recommendation). A document that does not say both stands alone: two undated
 * texts of one country are not assumed to be the same meeting.
 */
export function occasionKey(document: RecDocument): string {
  const { country, forum, date, title } = document.metadata;
  const who = country ?? title;
  if (who === null || date === null) return `document\u0000${document.id}`;
  return ['occasion', who.toLowerCase(), (forum ?? '').toLowerCase(), date].join('\u0000');
}

/**
 * The recurrence as one sentence (plain text: callers that show Markdown escape it):
 * "Asked 3 times before, since 2020: Viet Nam (13th AFML, 2020, item 4), Lao PDR (13th AFML, 2020), ILO (2020, item 3)".
 * Empty when there is no occasion. `maxNamed` occasions are named, the rest counted.
 */
export function describeRecurrence(recurrence: Recurrence, maxNamed = 6): string {
  const { occasions } = recurrence;
  if (occasions.length === 0) return '';
  const count = `${recurrence.complete ? '' : 'at least '}${times(occasions.length)}`;
  const dated = occasions.filter((occasion) => occasion.date !== null);
  const undated = occasions.length - dated.length;
  // Each undated occasion says "date unknown" itself; the sentence only spans the dated ones.
  let when = '';
  if (dated.length > 0) {
    const since = dated[0]!.date!.slice(0, 4);
    when = occasions.length === 1 ? `, in ${since}` : `, since ${since}`;
    if (undated > 0) when += ` (${undated} of unknown date)`;
  }
  const named = occasions.slice(0, maxNamed).map(describeOccasion);
  const more = occasions.length - named.length;
  return `Asked ${count}${recurrence.earlier ? ' before' : ''}${when}: ${named.join(', ')}${more > 0 ? `, and ${more} more` : ''}`;
}

/** "Viet Nam (13th AFML, 2020, item 4)"; "Lao PDR (13th AFML, 2020)" for a bulleted item; "ILO (date unknown, item 3)". */
export function describeOccasion(occasion: Occasion): string {
  const { document, item } = occasion.best;
  const page = pageOf(document, item);
  const place = item.number !== null ? `item ${item.label.replace(/\.$/, '')}` : page !== null ? `p. ${page}` : null;
  const parts = [shortForum(document), occasion.date === null ? 'date unknown' : occasion.date.slice(0, 4), place];
  return `${occasion.who} (${parts.filter((part): part is string => part !== null).join(', ')})`;
}

function times(count: number): string {
  return count === 1 ? 'once' : count === 2 ? 'twice' : `${count} times`;
}
