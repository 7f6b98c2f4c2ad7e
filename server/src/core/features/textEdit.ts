// An edit to a document as plain data; the server turns it into an LSP TextEdit, a test applies it to text.

import type { Range } from '../document/model';

export interface TextEdit {
  range: Range;
  newText: string;
}

/** Applies non-overlapping edits to `text` (positions in UTF-16 code units; LF, CRLF or CR line ends). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 13 && text.charCodeAt(i + 1) === 10) i++;
    if (ch === 10 || ch === 13) lineStarts.push(i + 1);
  }
  const offset = (line: number, character: number) => Math.min(text.length, (lineStarts[line] ?? text.length) + character);
  const sorted = [...edits].sort((a, b) => offset(b.range.start.line, b.range.start.character) - offset(a.range.start.line, a.range.start.character));
  let out = text;
  for (const edit of sorted) {
    out = out.slice(0, offset(edit.range.start.line, edit.range.start.character)) + edit.newText + out.slice(offset(edit.range.end.line, edit.range.end.character));
  }
  return out;
}
