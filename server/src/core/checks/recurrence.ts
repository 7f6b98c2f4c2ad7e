// Recurring recommendation (hint, off by default): an item asked at N or more occasions of the precedent library
// (precedent.recurrence.minOccasions, default 3). The ILO reviews what came of AFML recommendations; a call
// repeated forum after forum is what such reviews look for, so the finding names every occasion and points at
// each one's item, for a reviewer to check progress before the call is made again.

import type { Item, RecDocument } from '../document/model';
import { describeRecurrence, OCCASION_MATCH_LIMIT, recurrenceFromMatches, type Recurrence } from './occasions';
import { describeSourceBriefly } from '../document/provenance';
import type { Finding } from './finding';
import { draftPrecedentsOfEach, type PrecedentLookup } from './lookup';

export const DEFAULT_MIN_OCCASIONS = 3;

export interface RecurrenceCheckOptions {
  /** Lowest similarity at which a precedent is the item asked again (precedent.similarity.threshold). */
  minScore: number;
  /** Occasions from which an item is reported. */
  minOccasions: number;
}

export function checkRecurringRecommendations(document: RecDocument, precedents: PrecedentLookup, options: RecurrenceCheckOptions): Finding[] {
  return itemsRecurrence(document, document.items, precedents, options).filter((finding): finding is Finding => finding !== null);
}

/** The finding of each of `items` of `document`, or null where it was asked at fewer occasions (the server checks a few items at a time). */
export function itemsRecurrence(document: RecDocument, items: readonly Item[], precedents: PrecedentLookup, options: RecurrenceCheckOptions): Array<Finding | null> {
  const answers = draftPrecedentsOfEach(precedents, document, items.map((item) => item.text), { limit: OCCASION_MATCH_LIMIT, minScore: options.minScore });
  return items.map((item, i) => {
    const matches = answers[i]!;
    const recurrence = recurrenceFromMatches(matches, { complete: matches.length < OCCASION_MATCH_LIMIT, draftDate: document.metadata.date });
    return recurrence.occasions.length >= options.minOccasions ? recurringFinding(item, recurrence) : null;
  });
}

function recurringFinding(item: Item, recurrence: Recurrence): Finding {
  return {
    code: 'recurring-recommendation',
    severity: 'hint',
    message: `${describeRecurrence(recurrence, Infinity)}. Check what came of the earlier calls before repeating this one.`,
    range: item.range,
    related: recurrence.occasions.map((occasion) => ({
      documentId: occasion.best.document.id,
      range: occasion.best.item.range,
      message: `Asked at ${describeSourceBriefly(occasion.best.document)}${occasion.date === null ? ' (date unknown)' : ''}: ${truncate(occasion.best.item.text, 120)}`,
    })),
    item: item.index,
  };
}

function truncate(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length - 1).trimEnd()}…`;
}
