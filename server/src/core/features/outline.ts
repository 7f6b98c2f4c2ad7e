// The outline of a draft: its sections, each with its items (nested items under their parent item), as
// plain data for document symbols. Named for people reading the outline: a section by its heading with its
// item count beside it, an item by its label and first words ("8. Require licensed recruitment agencies to…").

import type { Item, Range, RecDocument } from '../document/model';
import { actionLevel, ACTION_LEVEL_NAMES } from '../text/actionLevel';
import type { ActionVerbs } from '../text/actionVerbs';

export interface OutlineNode {
  /** What the outline shows: the section's heading; the item's label and first words. */
  name: string;
  /** Shown beside the name: a section's count of items (sub-items counted under their item); an item's count of sub-items and its action level. */
  detail: string;
  kind: 'section' | 'item';
  range: Range;
  selectionRange: Range;
  children: OutlineNode[];
}

/** An item's name: its label and about this many characters of its first words (cut between words). */
const NAME_LENGTH = 60;

/** The outline; with the action scale's verb lists, an item's detail also says how actionable it is. */
export function outline(document: RecDocument, actionVerbs?: ActionVerbs): OutlineNode[] {
  const roots: OutlineNode[] = [];
  const sectionNodes = new Map<number, OutlineNode>();
  for (const section of document.sections) {
    if (section.index === 0) continue;
    const items = document.items.filter((item) => item.section === section.index);
    const end = items.length > 0 ? items[items.length - 1]!.range.end : section.range.end;
    const node: OutlineNode = { name: section.title, detail: count(items.filter((item) => item.depth === 0).length, 'item'), kind: 'section', range: { start: section.range.start, end }, selectionRange: section.range, children: [] };
    sectionNodes.set(section.index, node);
    roots.push(node);
  }
  // Items nest under the closest earlier item of a smaller depth, or under their section.
  const stack: { item: Item; node: OutlineNode }[] = [];
  for (const item of document.items) {
    const reading = actionVerbs ? actionLevel(item.text, actionVerbs) : null;
    const node: OutlineNode = { name: itemName(item), detail: reading ? `level ${reading.level}: ${ACTION_LEVEL_NAMES[reading.level]}` : '', kind: 'item', range: item.range, selectionRange: item.labelRange.end.character > item.labelRange.start.character ? item.labelRange : item.range, children: [] };
    while (stack.length > 0 && (stack[stack.length - 1]!.item.depth >= item.depth || stack[stack.length - 1]!.item.section !== item.section)) stack.pop();
    const parentItem = stack[stack.length - 1]?.node;
    const parent = parentItem ?? sectionNodes.get(item.section);
    if (parent) {
      parent.children.push(node);
      if (parentItem) parentItem.detail = [count(parentItem.children.length, 'sub-item'), parentItem.detail.replace(/^\d+ sub-items?(?: · )?/, '')].filter(Boolean).join(' · ');
      parent.range = { start: parent.range.start, end: maxPosition(parent.range.end, item.range.end) };
    } else {
      roots.push(node);
    }
    stack.push({ item, node });
  }
  return roots;
}

/** "8. Require licensed recruitment agencies to publish their…"; a bullet's character is left out (it says nothing). */
function itemName(item: Item): string {
  const words = firstWords(item.text) || '(empty item)';
  return item.number !== null && item.label ? `${item.label} ${words}` : words;
}

function firstWords(text: string): string {
  if (text.length <= NAME_LENGTH) return text;
  const cut = text.slice(0, NAME_LENGTH);
  const space = cut.lastIndexOf(' ');
  return `${(space > NAME_LENGTH / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function maxPosition(a: Range['end'], b: Range['end']): Range['end'] {
  return a.line > b.line || (a.line === b.line && a.character >= b.character) ? a : b;
}
