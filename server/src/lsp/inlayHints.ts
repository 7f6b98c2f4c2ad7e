// textDocument/inlayHint: the short source of each reused precedent at the end of the item that reuses it
// (core/features/reuseHints.ts), unless `precedent.inlayHints.precedentReuse` is false or reuse is not reported
// at all (`diagnostics.precedentReuse: false`, or its severity "off").

import type { InlayHint, InlayHintParams } from 'vscode-languageserver/node';
import { reuseHints } from '../core/features/reuseHints';
import type { ServerContext } from './context';

export function provideInlayHints(context: ServerContext, params: InlayHintParams): InlayHint[] {
  const settings = context.settings();
  // Reuse turned off altogether (the check, or its code) takes its hints with it.
  if (!settings.inlayHints.precedentReuse || !settings.diagnostics.precedentReuse || settings.diagnostics.severity['precedent-reuse'] === 'off') return [];
  const draft = context.draft(params.textDocument.uri);
  if (!draft) return [];
  return reuseHints(draft.document, context.library.precedents(draft.document.id), params.range.start.line, params.range.end.line).map((hint): InlayHint => ({
    position: hint.position,
    label: hint.label,
    tooltip: hint.tooltip,
    paddingLeft: true,
  }));
}
