// A reader's list of precedents says each text of an occasion once: a document that says one thing twice (Viet Nam
// 2020's items 14 and 16), and two files of one document (its text and its PDF, one occasion), give one precedent.
// The hover card lists precedents so (the Precedents panel lists every place, each to open); the occasions still
// count every match.

import type { PrecedentMatch } from '../checks/lookup';
import { occasionKey } from '../checks/occasions';

/** A precedent, and the same text in the other files of its occasion (the PDF of a document also held as text). */
export interface DistinctPrecedent {
  match: PrecedentMatch;
  copies: PrecedentMatch[];
}

/**
 * One precedent per text of an occasion: a document that says one thing twice (Viet Nam 2020's items 14 and 16),
 * and two files of one document (its text and its PDF: one occasion, see occasionKey), give one precedent. The
 * first, best, is kept, in the order given, with the same text in the occasion's other files as its copies.
 */
export function distinctPrecedents(matches: readonly PrecedentMatch[]): DistinctPrecedent[] {
  const kept = new Map<string, DistinctPrecedent>();
  for (const match of matches) {
    const key = `${occasionKey(match.document)}\u0000${match.item.text.replace(/\s+/g, ' ').toLowerCase()}`;
    const known = kept.get(key);
    if (known === undefined) kept.set(key, { match, copies: [] });
    else if (known.match.document.id !== match.document.id && known.copies.every((copy) => copy.document.id !== match.document.id)) known.copies.push(match);
  }
  return [...kept.values()];
}
