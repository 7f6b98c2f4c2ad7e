// Enter after an item starts the next one: the next label in the list's style is typed on the new line.
// Enter on an item that has only its label (an empty item) ends the list instead, as Markdown editors do.

import type { DocumentOnTypeFormattingParams, TextEdit } from 'vscode-languageserver/node';
import { matchLabel } from '../core/document/labels';
import { parseDocument } from '../core/document/parse';
import { nextLabel } from '../core/features/nextLabel';
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
  const label = matchLabel(previous);
  if (!label || current.trim().length > 0) return [];
  if (previous.slice(label.end).trim().length === 0) {
    // Enter on an empty item: remove its label and end the list.
    return [{ range: { start: { line: line - 1, character: 0 }, end: { line: line - 1, character: previous.length } }, newText: '' }];
  }
  // The parse of the text before the new line: its last item is the one just finished.
  const document = parseDocument(draft.text.getText({ start: { line: 0, character: 0 }, end: { line, character: 0 } }), draft.document.id);
  const next = nextLabel(document, line, context.settings().numbering.style);
  if (next === null) return [];
  const indent = previous.slice(0, label.start);
  return [{ range: { start: { line, character: 0 }, end: { line, character: current.length } }, newText: `${indent}${next} ` }];
}
