// Go to definition (the closest precedent of the item) and find references (every precedent above the
// similarity threshold, best first).

import type { DefinitionParams, Location, ReferenceParams } from 'vscode-languageserver/node';
import { itemAt } from '../core/features/itemAt';
import type { ServerContext } from './context';
import { closestPrecedents } from './precedents';

const MAX_REFERENCES = 200;

export function provideDefinition(context: ServerContext, params: DefinitionParams): Location[] {
  return precedentLocations(context, params.textDocument.uri, params.position, 1);
}

export function provideReferences(context: ServerContext, params: ReferenceParams): Location[] {
  return precedentLocations(context, params.textDocument.uri, params.position, MAX_REFERENCES);
}

function precedentLocations(context: ServerContext, uri: string, position: DefinitionParams['position'], limit: number): Location[] {
  const draft = context.draft(uri);
  if (!draft) return [];
  const item = itemAt(draft.document, position);
  if (!item) return [];
  return closestPrecedents(context, draft.document, item.text, limit).map((match) => ({ uri: context.uriOf(match.document.id), range: match.item.range }));
}
