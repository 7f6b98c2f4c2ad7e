// textDocument/inlayHint: the short source of each reused precedent at the end of the item that reuses it
// (core/features/reuseHints.ts), unless `precedent.inlayHints.precedentReuse` is false.

import type { InlayHint, InlayHintParams } from 'vscode-languageserver/node';
import { reuseHints } from '../core/features/reuseHints';
import type { ServerContext } from './context';

export function provideInlayHints(context: ServerContext, params: InlayHintParams): InlayHint[] {
  if (!context.settings().inlayHints.precedentReuse) return [];
  const draft = context.draft(params.textDocument.uri);
  if (!draft) return [];
  const library = context.libraryFor(draft.document.id);
  return reuseHints(draft.document, library.index, params.range.start.line, params.range.end.line).map((hint): InlayHint => ({
    position: hint.position,
    label: hint.label,
    tooltip: hint.tooltip,
    paddingLeft: true,
  }));
}
