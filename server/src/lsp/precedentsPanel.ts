// precedent/precedents: the precedents of the item at a position, for a panel that follows the cursor. Glue:
// the core builds the answer, this names documents as the client's URIs and says whether the index is complete.

import { DEFAULT_PANEL_PRECEDENTS, MAX_PANEL_PRECEDENTS, precedentsPanel, type PanelPrecedent } from '../core/features/precedentsPanel';
import type { ServerContext } from './context';
import type { PrecedentEntry, PrecedentsParams, PrecedentsResult } from './protocol';

export function providePrecedents(context: ServerContext, params: PrecedentsParams): PrecedentsResult {
  const uri = String(params?.textDocument?.uri ?? '');
  const draft = context.draft(uri);
  const { library } = context;
  const state = library.indexState();
  const empty = { state, version: draft?.text.version ?? null, item: null, recurrence: '', occasions: [], precedents: [] };
  if (!draft) return { ...empty, reason: 'not-open' };
  const requested = Number(params.limit);
  const limit = Number.isFinite(requested) ? Math.min(Math.max(Math.floor(requested), 1), MAX_PANEL_PRECEDENTS) : DEFAULT_PANEL_PRECEDENTS;
  const position = { line: Math.max(0, Math.floor(Number(params.position?.line) || 0)), character: Math.max(0, Math.floor(Number(params.position?.character) || 0)) };
  const panel = precedentsPanel(draft.document, position, library.precedents(draft.document.id), { minScore: context.settings().similarity.threshold, limit });
  if (!panel.item) return { ...empty, reason: 'no-item' };
  const entry = (precedent: PanelPrecedent): PrecedentEntry => {
    const { documentId, ...rest } = precedent;
    return { ...rest, uri: context.uriOf(documentId) };
  };
  return {
    state,
    reason: null,
    version: draft.text.version,
    item: panel.item,
    recurrence: panel.recurrence,
    occasions: panel.occasions.map((occasion) => ({ ...occasion, best: entry(occasion.best) })),
    precedents: panel.precedents.map(entry),
  };
}
