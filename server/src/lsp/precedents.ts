// The one way the server asks for the precedents of a draft's text: above the similarity threshold, never
// from the draft itself, never dated after it.

import type { PrecedentMatch } from '../core/checks/lookup';
import type { RecDocument } from '../core/document/model';
import type { ServerContext } from './context';

export function closestPrecedents(context: ServerContext, draft: RecDocument, text: string, limit: number): PrecedentMatch[] {
  return context.libraryFor(draft.id).index.query(text, {
    limit,
    minScore: context.settings().similarity.threshold,
    excludeDocuments: new Set([draft.id]),
    draftDate: draft.metadata.date,
  });
}
