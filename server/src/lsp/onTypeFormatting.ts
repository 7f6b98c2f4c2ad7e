// Enter after an item starts the next one: the next label in the list's style is typed on the new line, flush
// with the list (where its labels stand), whether the item is one line or wrapped over indented or flush
// continuation lines. Enter on an item that has only its label (an empty item) ends the list instead, as
// Markdown editors do.
//
// VS Code's onEnterRules (language-configuration.json) already continue a one-line bulleted item ("- " typed
// as the line breaks); the new line then has text and nothing is added here, so the two never double up. They
// cannot follow numbers or a wrapped item's continuation line: that is done here.

import type { DocumentOnTypeFormattingParams, TextEdit } from 'vscode-languageserver/node';
import { matchLabel } from '../core/document/labels';
import type { Item } from '../core/document/model';
import { nextItem } from '../core/features/nextLabel';
import type { ServerContext } from './context';

export function provideOnTypeFormatting(context: ServerContext, params: DocumentOnTypeFormattingParams): TextEdit[] {
  if (params.ch !== '\n') return [];
  const draft = context.draft(params.textDocument.uri);
  if (!draft) return [];
  const line = params.position.line;
  if (line === 0) return [];
  const lineText = (n: number) => draft.text.getText({ start: { line: n, character: 0 }, end: { line: n + 1, character: 0 } }).replace(/\r?\n$|\r$/, '');
  const previous = lineText(line - 1);
  const current = lineText(line);
  // Enter inside a line moved text down (or the editor typed a bullet already): nothing to add.
  if (current.trim().length > 0) return [];
  // The draft as parsed for its diagnostics (cached per version): the new line is blank in it, so the items
  // above it are as they were before Enter, and items start above a line whatever follows it.
  const { document } = draft;
  const style = context.settings().numbering.style;
  // A label alone is no item to the parser (it needs words after it): read the line as if it had one.
  const bare = previous.trim().length > 0 ? matchLabel(`${previous.trimEnd()} x`) : null;
  if (bare && previous.slice(bare.end).trim().length === 0) {
    // Enter on an empty item (the label that was typed for it, and nothing else): remove the label and end the
    // list. A lone "12." that is not the list's next label (a page number) is left alone.
    const expected = nextItem(document, line - 1, style);
    if (expected?.label !== bare.label) return [];
    return [{ range: { start: { line: line - 1, character: 0 }, end: { line: line - 1, character: previous.length } }, newText: '' }];
  }
  // Enter at the end of a wrapped item's first line, its continuation below: the item goes on, no new item.
  if (document.items.some((item) => item.range.start.line < line && item.range.end.line > line)) return [];
  // The item just finished: the last one that starts above the new line, if it ends on the line above.
  let finished: Item | undefined;
  for (const item of document.items) {
    if (item.range.start.line >= line) break;
    finished = item;
  }
  if (!finished || finished.list < 0 || finished.range.end.line !== line - 1) return [];
  const next = nextItem(document, line, style);
  if (next === null) return [];
  const labelLine = lineText(finished.range.start.line);
  // The indentation of the list's own label line (tabs kept), not that of the continuation line above.
  const indent = next.column === finished.labelRange.start.character ? labelLine.slice(0, next.column) : ' '.repeat(next.column);
  return [{ range: { start: { line, character: 0 }, end: { line, character: current.length } }, newText: `${indent}${next.label} ` }];
}
