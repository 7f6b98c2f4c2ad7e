// Go to definition (the closest precedent of the item that is not loosely related) and find references (every
// precedent above the similarity threshold, those naming a measure of the item first).

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

/** A loosely related precedent (see PrecedentMatch.loose) is a reference, never the definition. */
const DEFINITION_CANDIDATES = 10;

function precedentLocations(context: ServerContext, uri: string, position: DefinitionParams['position'], limit: number): Location[] {
  const draft = context.draft(uri);
  if (!draft) return [];
  const item = itemAt(draft.document, position);
  if (!item) return [];
  const precedents = limit === 1
    ? closestPrecedents(context, draft.document, item.text, DEFINITION_CANDIDATES).filter((match) => !match.loose).slice(0, 1)
    : closestPrecedents(context, draft.document, item.text, limit);
  return precedents.map((match) => ({ uri: context.uriOf(match.document.id), range: match.item.range }));
}
