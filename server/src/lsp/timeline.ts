// precedent/timeline: the occasions of the item at a position, or of every item of a draft, as chart marks.
// Glue: the core builds the timeline, this names documents as the client's URIs.

import { itemAt } from '../core/features/itemAt';
import { timeline } from '../core/features/timeline';
import type { ServerContext } from './context';
import type { TimelineParams, TimelineResult } from './protocol';

export function provideTimeline(context: ServerContext, params: TimelineParams): TimelineResult {
  const draft = context.draft(String(params?.textDocument?.uri ?? ''));
  if (!draft) throw new Error(`${String(params?.textDocument?.uri)} is not an open draft.`);
  const { document } = draft;
  const item = params.position ? itemAt(document, params.position) : null;
  const scope = params.scope === 'draft' || item === null ? 'draft' : 'item';
  const items = scope === 'item' && item ? [item] : document.items;
  const chart = timeline(document, items, context.library.precedents(document.id), context.settings().similarity.threshold, scope);
  return {
    scope,
    title: chart.title,
    marks: chart.marks.map(({ documentId, ...mark }) => ({ ...mark, uri: context.uriOf(documentId) })),
  };
}
