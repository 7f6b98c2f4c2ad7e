// Precedent reuse (a hint by default): an item that repeats, or closely paraphrases, an earlier precedent.
// Drafters reuse on purpose; the point is to show where the words come from, so the finding names the source.

import type { Item, RecDocument } from '../document/model';
import { describeSource, similarityPercent } from '../document/provenance';
import { DEFAULT_SEVERITIES, type Finding } from './finding';
import { draftPrecedentsOfEach, type PrecedentLookup, type PrecedentMatch } from './lookup';

/** Below this, a match is a related precedent, not a reuse of its wording. */
export const DEFAULT_REUSE_THRESHOLD = 0.6;

/** `meanwhile`: other work done while the index has a second thread answer (see `PrecedentLookup.queryEach`). */
export function checkPrecedentReuse(document: RecDocument, precedents: PrecedentLookup, threshold: number = DEFAULT_REUSE_THRESHOLD, meanwhile?: () => void): Finding[] {
  return itemsReuse(document, document.items, precedents, threshold, meanwhile).filter((finding): finding is Finding => finding !== null);
}

/** The reuse finding of each of `items` of `document`, or null where it reuses no precedent (the server checks a few items at a time). */
export function itemsReuse(document: RecDocument, items: readonly Item[], precedents: PrecedentLookup, threshold: number = DEFAULT_REUSE_THRESHOLD, meanwhile: () => void = () => {}): Array<Finding | null> {
  const matches = reusedPrecedents(document, items, precedents, threshold, meanwhile);
  return items.map((item, i) => {
    const match = matches[i];
    return match ? reuseFinding(item, match.document, match.item, match.score) : null;
  });
}

/**
 * The precedent each of `items` reuses, or null: the same questions as the findings ask (so an index that
 * remembers answers gives the inlay hints of the reuse for free after the check).
 */
export function reusedPrecedents(document: RecDocument, items: readonly Item[], precedents: PrecedentLookup, threshold: number = DEFAULT_REUSE_THRESHOLD, meanwhile: () => void = () => {}): Array<PrecedentMatch | null> {
  const answers = draftPrecedentsOfEach(precedents, document, items.map((item) => item.text), { limit: 1, minScore: threshold }, meanwhile);
  // A precedent that shares only general words is never reuse, however high its score.
  return answers.map((answer) => answer.find((match) => !match.loose) ?? null);
}

function reuseFinding(item: Item, source: RecDocument, precedent: Item, score: number): Finding {
  const kind = score >= 0.95 ? 'Reuses' : 'Paraphrases';
  return {
    code: 'precedent-reuse',
    severity: DEFAULT_SEVERITIES['precedent-reuse'],
    message: `${kind} a precedent (${similarityPercent(score)} similar): ${describeSource(source, precedent)}.`,
    range: item.range,
    related: [{ documentId: source.id, range: precedent.range, message: `Precedent: ${truncate(precedent.text, 120)}` }],
    item: item.index,
  };
}

function truncate(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length - 1).trimEnd()}…`;
}
