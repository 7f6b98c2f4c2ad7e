// The precedents of a draft's text for a request about that draft: the core's rule (`draftPrecedents`) at the
// similarity threshold of the settings, asked of the library with every other open draft's newest text in it.

import { draftPrecedents, type PrecedentMatch } from '../core/checks/lookup';
import type { RecDocument } from '../core/document/model';
import type { ServerContext } from './context';

export function closestPrecedents(context: ServerContext, draft: RecDocument, text: string, limit: number): PrecedentMatch[] {
  return draftPrecedents(context.library.precedents(draft.id), draft, text, { limit, minScore: context.settings().similarity.threshold });
}
