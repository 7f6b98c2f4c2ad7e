// The inlay hints of precedent reuse: at the end of an item that reuses an earlier precedent, its short source
// and similarity ("↩ Viet Nam 2020 · 14 · 100%"). Reuse is shown quietly this way (its diagnostic is a hint
// by default), so that a draft that reuses much does not look covered in errors.

import { DEFAULT_REUSE_THRESHOLD, reusedPrecedents } from '../checks/reuse';
import type { PrecedentLookup } from '../checks/lookup';
import type { Position, RecDocument } from '../document/model';
import { describeSource, shortSource, similarityPercent } from '../document/provenance';

export interface ReuseHint {
  /** Where the hint stands: the end of the item's last line. */
  position: Position;
  /** "↩ Viet Nam 2020 · 14 · 100%". */
  label: string;
  /** Plain text (never Markdown: corpus text is untrusted): the full source and the precedent's words. */
  tooltip: string;
  /** The draft's item. */
  item: number;
}

/** The reuse hints of the items that end on lines `fromLine`..`toLine` (the part of the draft on screen). */
export function reuseHints(document: RecDocument, precedents: PrecedentLookup, fromLine = 0, toLine = Infinity, threshold = DEFAULT_REUSE_THRESHOLD): ReuseHint[] {
  const items = document.items.filter((item) => item.range.end.line >= fromLine && item.range.end.line <= toLine);
  const matches = reusedPrecedents(document, items, precedents, threshold);
  const hints: ReuseHint[] = [];
  items.forEach((item, i) => {
    const match = matches[i];
    if (!match) return;
    hints.push({
      position: item.range.end,
      label: `↩ ${shortSource(match.document, match.item, 'compact')} · ${similarityPercent(match.score)}`,
      tooltip: `${similarityPercent(match.score)} similar to ${describeSource(match.document, match.item)}:\n“${match.item.text}”`,
      item: item.index,
    });
  });
  return hints;
}
