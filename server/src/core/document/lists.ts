// A document's lists: its items grouped by list id, lists in order of their first item.

import type { Item, RecDocument } from './model';

/** Items grouped by list, in document order; paragraphs belong to no list. */
export function listsOf(document: RecDocument): Item[][] {
  const byList = new Map<number, Item[]>();
  for (const item of document.items) {
    if (item.list < 0) continue;
    let items = byList.get(item.list);
    if (!items) byList.set(item.list, (items = []));
    items.push(item);
  }
  return [...byList.values()];
}
