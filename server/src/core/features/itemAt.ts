// The item under a position: the one whose lines hold it (label, text, or continuation lines).

import type { Item, Position, RecDocument } from '../document/model';

export function itemAt(document: RecDocument, position: Position): Item | null {
  for (const item of document.items) {
    const { start, end } = item.range;
    if (position.line < start.line) return null;
    if (position.line <= end.line) return item;
  }
  return null;
}
