// Document symbols (the draft's outline) and workspace symbols (the precedent library, searched fuzzily).

import { SymbolKind, type DocumentSymbol, type DocumentSymbolParams, type WorkspaceSymbol, type WorkspaceSymbolParams } from 'vscode-languageserver/node';
import { outline, type OutlineNode } from '../core/features/outline';
import { describeSourceBriefly } from '../core/document/provenance';
import type { ServerContext } from './context';

const MAX_WORKSPACE_SYMBOLS = 100;

export function provideDocumentSymbols(context: ServerContext, params: DocumentSymbolParams): DocumentSymbol[] {
  const draft = context.draft(params.textDocument.uri);
  return draft ? outline(draft.document, context.library.actionVerbs()).map(toSymbol) : [];
}

function toSymbol(node: OutlineNode): DocumentSymbol {
  return {
    name: node.name,
    detail: node.detail,
    // Kinds whose icons read as parts of a document, not as code: a page for a section, a list entry for an
    // item (Namespace shows "{ }", String "abc" with the tooltip "(string)").
    kind: node.kind === 'section' ? SymbolKind.File : SymbolKind.EnumMember,
    range: node.range,
    selectionRange: node.selectionRange,
    children: node.children.map(toSymbol),
  };
}

export function provideWorkspaceSymbols(context: ServerContext, params: WorkspaceSymbolParams): WorkspaceSymbol[] {
  return context.library.search().search(params.query, MAX_WORKSPACE_SYMBOLS).map(({ document, item }) => ({
    name: item.text.length > 120 ? `${item.text.slice(0, 119)}…` : item.text,
    kind: SymbolKind.String,
    containerName: `${describeSourceBriefly(document)}${item.label ? ` · ${item.label}` : ''}`,
    location: { uri: context.uriOf(document.id), range: item.range },
  }));
}
