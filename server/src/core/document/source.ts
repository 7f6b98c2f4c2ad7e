// Questions about an extracted document's original: the page an item is on, whether its label was written by
// the authoring program. Plain answers from the model's `source`; a text file has no pages and typed labels.

import type { Item, RecDocument } from './model';

/** The 1-based page of the original on which an item starts, or null (a text file, or no page map). */
export function pageOf(document: RecDocument, item: Item): number | null {
  return pageAtLine(document, item.range.start.line);
}

/** The 1-based page of the original that a line of the text is on, or null (a text file, or no page map). */
export function pageAtLine(document: RecDocument, line: number): number | null {
  const starts = document.source?.pageStarts;
  if (!starts || starts.length === 0) return null;
  let low = 0;
  let high = starts.length - 1;
  // The last page whose first line is at or before the item's line.
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle]! <= line) low = middle;
    else high = middle - 1;
  }
  return low + 1;
}

/** Whether an item's label was written by the authoring program (Word's automatic numbering), not typed. */
export function hasGeneratedLabel(document: RecDocument, item: Item): boolean {
  const lines = document.source?.generatedLabelLines;
  if (!lines || lines.length === 0) return false;
  const line = item.labelRange.start.line;
  let low = 0;
  let high = lines.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (lines[middle]! < line) low = middle + 1;
    else high = middle;
  }
  return lines[low] === line;
}
