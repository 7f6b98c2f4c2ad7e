// Comparing a draft with an earlier document over LSP: `precedent/compare` answers the record the CLI prints as
// JSON (files as URIs), `precedent/similarDocuments` the library's documents most like a draft, for the picker.
// Glue only: documents come from the library, every answer from the core.

import { ErrorCodes, ResponseError } from 'vscode-languageserver/node';
import { compareOnIndex } from '../core/features/compare/comparison';
import { comparisonRecord } from '../core/features/compare/record';
import { similarDocuments } from '../core/features/compare/similarDocuments';
import type { ServerContext } from './context';
import { canonicalId } from '../node/fileUri';
import type { CompareParams, CompareResult, SimilarDocumentResult, SimilarDocumentsParams } from './protocol';

export async function compare(context: ServerContext, params: CompareParams): Promise<CompareResult> {
  const draftUri = String(params?.uri ?? '');
  const earlierUri = String(params?.earlierUri ?? '');
  const library = context.library;
  const draft = context.draft(draftUri)?.document ?? (await readable(library.documentAt(draftUri), draftUri));
  const earlier = await readable(library.documentAt(earlierUri), earlierUri);
  const comparison = compareOnIndex(library.precedents(), draft, earlier, context.settings().compare.threshold);
  // An earlier PDF, Word file or web page outside the library is shown, like the library's, as the text view of its
  // extraction (where its lines are).
  const outside = library.document(earlier.id) === undefined && earlier.source !== undefined;
  return comparisonRecord(comparison, (id) => (outside && id === earlier.id ? library.viewUriOf(id, earlier) ?? id : context.uriOf(id)));
}

export function similarDocumentsOf(context: ServerContext, params: SimilarDocumentsParams): SimilarDocumentResult[] {
  const uri = String(params?.uri ?? '');
  const { library } = context;
  const id = canonicalId(uri);
  const draft = context.draft(uri)?.document ?? library.document(id);
  if (!draft) throw new ResponseError(ErrorCodes.InvalidParams, `${uri} is neither an open draft nor a library document.`);
  const limit = Math.min(Math.max(Math.floor(Number(params.limit ?? 20)) || 20, 1), 200);
  return similarDocuments(draft, library.precedents(id), { minScore: context.settings().compare.threshold, limit }).map(({ document, score, itemsMatched }) => ({
    uri: context.uriOf(document.id),
    title: document.metadata.title,
    country: document.metadata.country,
    forum: document.metadata.forum,
    date: document.metadata.date,
    name: library.displayName(document.id),
    score: Math.round(score * 1e4) / 1e4,
    itemsMatched,
    items: document.items.length,
  }));
}

async function readable(read: ReturnType<ServerContext['library']['documentAt']>, uri: string) {
  const result = await read;
  if (!result.ok) throw new ResponseError(ErrorCodes.InvalidParams, `cannot read ${uri}: ${result.reason}`);
  return result.document;
}
