// Sealing: the segment's rows rebuilt from its forward index (inversion.ts), once the items added or removed
// since the last seal are too many to score exactly at every question.
import { invert } from './inversion';
import type { RarityWeights } from './scoring';
import type { Segment } from './segment';

/** Seal again once the items added since the last seal exceed this many plus `RESEAL_FRACTION` of the index. */
const RESEAL_ITEMS = 1000;
const RESEAL_FRACTION = 0.04;
const RESEAL_ITEMS_CHANGING = 5000;
const RESEAL_FRACTION_CHANGING = 0.25;

/**
 * Seals when the items added (or removed) since the last seal are too many: a few percent while the index is
 * steady, a quarter while it is changing between queries (a corpus being indexed in the background: every seal
 * would soon be out of date again).
 */
export function ensureSealed(segment: Segment, weights: RarityWeights, terms: number, changing: boolean): void {
  const fraction = changing ? RESEAL_FRACTION_CHANGING : RESEAL_FRACTION;
  const limit = (changing ? RESEAL_ITEMS_CHANGING : RESEAL_ITEMS) + fraction * segment.sealedItems;
  if (segment.recent.length <= limit && segment.deadSlots.length <= limit) return;
  seal(segment, weights, terms);
}

/**
 * Every live slot's postings, by term, in slot order — but one representative's for the copies of a term list,
 * the others linked to it (`nextCopy`); the terms' bounds for the current rarity weights on the way.
 */
function seal(segment: Segment, weights: RarityWeights, terms: number): void {
  if (segment.fwdGarbage > segment.fwdUsed / 3) segment.compactForward();
  for (let s = 0; s < segment.slotCount; s++) if (segment.slotOrdinal[s] !== -1) weights.normOf(s);
  const represents = segment.linkCopies();
  segment.setRows(invert(terms, represents, segment.slotStart, segment.slotLength, segment.fwdIds, segment.fwdCodes), terms);
  segment.ub.fill(0);
  for (let s = 0; s < represents.length; s++) if (represents[s] === 1) weights.bound(s);
  segment.recordsVersion++;
  weights.boundsGeneration = weights.generation;
}
