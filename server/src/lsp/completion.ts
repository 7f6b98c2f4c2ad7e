// Completion: next label, corpus headings, precedent wording and corpus terms (candidates from the core).
// A precedent's full text and provenance are Markdown documentation filled in on completionItem/resolve.

import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem, type CompletionList, type CompletionParams } from 'vscode-languageserver/node';
import { completionsAt, type CandidateKind } from '../core/features/completion';
import { precedentCard } from '../core/features/hoverCard';
import { rangeLink } from './convert';
import type { ServerContext } from './context';

const KIND: Record<CandidateKind, CompletionItemKind> = {
  label: CompletionItemKind.Enum,
  heading: CompletionItemKind.Module,
  precedent: CompletionItemKind.Text,
  term: CompletionItemKind.Keyword,
};

interface PrecedentData {
  documentId: string;
  item: number;
  score: number;
}

export function provideCompletion(context: ServerContext, params: CompletionParams): CompletionList {
  const draft = context.draft(params.textDocument.uri);
  if (!draft) return { isIncomplete: false, items: [] };
  const { line } = params.position;
  // A copy, not a slice of the document's text (getText slices it): the words typed become query text that the
  // index remembers, and a slice would keep that whole version of the draft alive with it.
  const lineText = (' ' + draft.text.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } })).slice(1).replace(/\r?\n$|\r$/, '');
  const settings = context.settings();
  const { library } = context;
  const candidates = completionsAt(draft.document, lineText, params.position, {
    precedents: library.precedents(draft.document.id),
    vocabulary: library.vocabulary(draft.document.id),
    numberingStyle: settings.numbering.style,
    minScore: settings.similarity.threshold,
  });
  const items = candidates.map((candidate): CompletionItem => ({
    label: candidate.label,
    kind: KIND[candidate.kind],
    detail: candidate.detail,
    filterText: candidate.filterText,
    sortText: String(candidate.rank).padStart(5, '0'),
    textEdit: { range: candidate.replace, newText: candidate.insertText },
    insertTextFormat: InsertTextFormat.PlainText,
    preselect: candidate.kind === 'label' || candidate.rank === 100 ? true : undefined,
    data: candidate.match ? ({ documentId: candidate.match.document.id, item: candidate.match.item.index, score: candidate.match.score } satisfies PrecedentData) : undefined,
  }));
  // More typing changes which precedents match: ask again on every keystroke.
  return { isIncomplete: true, items };
}

export function resolveCompletion(context: ServerContext, item: CompletionItem): CompletionItem {
  const data = item.data as PrecedentData | undefined;
  if (!data || typeof data.documentId !== 'string') return item;
  const document = context.library.document(data.documentId);
  const precedent = document?.items[data.item];
  if (!document || !precedent) return item;
  const link = rangeLink(context.uriOf(document.id), precedent.range);
  item.documentation = { kind: MarkupKind.Markdown, value: precedentCard({ document, item: precedent, score: data.score }, link) };
  return item;
}
