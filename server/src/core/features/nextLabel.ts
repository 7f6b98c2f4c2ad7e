// The label a new item line should start with, in the list's own style: `15. ` after item 14, `- ` in a
// bulleted list, `(c) ` after `(b)`. Used by completion at the start of a line and on Enter.

import { continuesAcrossSections, type NumberingStyle } from '../checks/numbering';
import { formatLabel } from '../document/labels';
import type { Item, RecDocument } from '../document/model';

/** Where a new item goes: its label, and the column of the list it joins (its items' labels start there). */
export interface NextItem {
  label: string;
  column: number;
}

/** The label for a new item on 0-based `line`, or null when no list is around to follow. */
export function nextLabel(document: RecDocument, line: number, style: NumberingStyle = 'auto'): string | null {
  return nextItem(document, line, style)?.label ?? null;
}

/**
 * The label and column for a new item on 0-based `line`. The column is that of the item followed, not of the
 * line above: after a wrapped item whose continuation lines are indented, the next label stands flush with
 * the list, where a reader expects it (indented, it reads as a nested list).
 */
export function nextItem(document: RecDocument, line: number, style: NumberingStyle = 'auto'): NextItem | null {
  const section = sectionAt(document, line);
  let previous: Item | undefined;
  for (const item of document.items) {
    // Items that start above the line; the line itself may have been read as the previous item's continuation.
    if (item.range.start.line >= line) break;
    if (item.list >= 0) previous = item;
  }
  if (!previous) return null;
  const column = previous.labelRange.start.character;
  if (previous.section === section) return { label: labelAfter(previous), column };
  // A new section's first item: restart or continue as the document does.
  if (previous.depth === 0) {
    if (previous.number === null) return { label: previous.marker.style, column };
    return { label: formatLabel(previous.marker, continuesAcrossSections(document, style) ? previous.number + 1 : 1), column };
  }
  return null;
}

function labelAfter(item: Item): string {
  return item.number === null ? item.marker.style : formatLabel(item.marker, item.number + 1);
}

function sectionAt(document: RecDocument, line: number): number {
  let section = 0;
  for (const candidate of document.sections) if (candidate.index > 0 && candidate.range.start.line <= line) section = candidate.index;
  return section;
}
