// Renumbering: the quick fix of every numbering and marker finding, and the "fix all" of a draft.
// Each list is numbered from its expected start in the style of its first item; a bullet in a numbered list
// gets a number and a number in a bulleted list becomes a bullet, which also fixes mixed markers.

import { continuesAcrossSections, type NumberingStyle } from '../checks/numbering';
import { formatLabel, labelFamily } from '../document/labels';
import { listsOf } from '../document/lists';
import type { RecDocument } from '../document/model';
import type { TextEdit } from './textEdit';

/** Edits that renumber every list of the document, or only list `onlyList`. */
export function renumberEdits(document: RecDocument, style: NumberingStyle = 'auto', onlyList?: number): TextEdit[] {
  const edits: TextEdit[] = [];
  const continuous = continuesAcrossSections(document, style);
  let previousTopLevel: { section: number; family: string; last: number } | null = null;
  for (const items of listsOf(document)) {
    const head = items[0]!;
    const family = labelFamily(head.marker.kind);
    const counted = family !== 'bullet' && family !== 'paragraph';
    const continues: boolean = continuous && counted && head.depth === 0 && previousTopLevel !== null && previousTopLevel.family === family && previousTopLevel.section !== head.section;
    let value: number = continues ? previousTopLevel!.last + 1 : 1;
    for (const item of items) {
      const label = counted ? formatLabel(head.marker, value++) : head.marker.style;
      if (label !== item.label && (onlyList === undefined || onlyList === item.list)) edits.push({ range: item.labelRange, newText: label });
    }
    if (head.depth === 0 && counted) previousTopLevel = { section: head.section, family, last: value - 1 };
  }
  return edits;
}

/** Edits that turn a list's bullets into numbers (`1.`), or its numbers into bullets (`-`). */
export function convertListEdits(document: RecDocument, list: number, to: 'numbers' | 'bullets'): TextEdit[] {
  const items = document.items.filter((item) => item.list === list);
  return items.flatMap((item, index) => {
    const label = to === 'numbers' ? `${index + 1}.` : '-';
    return label === item.label ? [] : [{ range: item.labelRange, newText: label }];
  });
}
