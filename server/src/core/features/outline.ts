// The outline of a draft: its sections, each with its items (nested items under their parent item), as
// plain data for document symbols.

import type { Item, Range, RecDocument } from '../document/model';

export interface OutlineNode {
  name: string;
  detail: string;
  kind: 'section' | 'item';
  range: Range;
  selectionRange: Range;
  children: OutlineNode[];
}

const NAME_LENGTH = 80;

export function outline(document: RecDocument): OutlineNode[] {
  const roots: OutlineNode[] = [];
  const sectionNodes = new Map<number, OutlineNode>();
  for (const section of document.sections) {
    if (section.index === 0) continue;
    const items = document.items.filter((item) => item.section === section.index);
    const end = items.length > 0 ? items[items.length - 1]!.range.end : section.range.end;
    const node: OutlineNode = { name: section.title, detail: `${items.length} ${items.length === 1 ? 'item' : 'items'}`, kind: 'section', range: { start: section.range.start, end }, selectionRange: section.range, children: [] };
    sectionNodes.set(section.index, node);
    roots.push(node);
  }
  // Items nest under the closest earlier item of a smaller depth, or under their section.
  const stack: { item: Item; node: OutlineNode }[] = [];
  for (const item of document.items) {
    const node: OutlineNode = { name: shorten(item.text), detail: item.label, kind: 'item', range: item.range, selectionRange: item.labelRange.end.character > item.labelRange.start.character ? item.labelRange : item.range, children: [] };
    while (stack.length > 0 && (stack[stack.length - 1]!.item.depth >= item.depth || stack[stack.length - 1]!.item.section !== item.section)) stack.pop();
    const parent = stack[stack.length - 1]?.node ?? sectionNodes.get(item.section);
    if (parent) {
      parent.children.push(node);
      parent.range = { start: parent.range.start, end: maxPosition(parent.range.end, item.range.end) };
    } else {
      roots.push(node);
    }
    stack.push({ item, node });
  }
  return roots;
}

function shorten(text: string): string {
  const name = text.length <= NAME_LENGTH ? text : `${text.slice(0, NAME_LENGTH - 1).trimEnd()}…`;
  return name || '(empty item)';
}

function maxPosition(a: Range['end'], b: Range['end']): Range['end'] {
  return a.line > b.line || (a.line === b.line && a.character >= b.character) ? a : b;
}
