// Server commands (workspace/executeCommand) and Precedent's own requests: renumber every list of a draft,
// rebuild the index, search the library, the consistency report, the original of an extracted text view, the
// titles of library documents.

import type { ExecuteCommandParams } from 'vscode-languageserver/node';
import { checkContext, checkDocument } from '../core/checks/checkDocument';
import { describeIndexing } from '../core/features/indexSummary';
import { consistencyReport } from '../core/features/report';
import { describeSource, describeSourceBriefly } from '../core/document/provenance';
import { renumberEdits } from '../core/features/renumber';
import { pageAtLine } from '../core/document/source';
import type { DocumentTitlesParams, DocumentTitlesResult, OriginalParams, OriginalResult, RebuildIndexResult, ReportParams, ReportResult, SearchParams, SearchResult } from './protocol';
import { SERVER_COMMANDS } from './protocol';
import type { ServerContext } from './context';
import { isDraftFileName } from '../node/corpusDefinition';
import { canonicalId } from '../node/fileUri';

export async function executeCommand(context: ServerContext, params: ExecuteCommandParams, rebuild: () => Promise<void>): Promise<unknown> {
  switch (params.command) {
    case SERVER_COMMANDS.renumberLists: {
      const uri = params.arguments?.[0];
      const draft = typeof uri === 'string' ? context.draft(uri) : null;
      if (!draft) throw new Error(`${SERVER_COMMANDS.renumberLists} needs the URI of an open draft as its argument.`);
      const edits = renumberEdits(draft.document, context.settings().numbering.style);
      if (edits.length === 0) return { applied: true, edits: 0 };
      // Versioned where the client allows: if the user typed meanwhile, the client refuses the edit instead of
      // renumbering the wrong lines.
      const edit = context.versionedEdits()
        ? { documentChanges: [{ textDocument: { uri: draft.text.uri, version: draft.text.version }, edits }] }
        : { changes: { [draft.text.uri]: edits } };
      const result = await context.connection.workspace.applyEdit({ label: 'Renumber lists', edit });
      return { applied: result.applied, edits: edits.length };
    }
    case SERVER_COMMANDS.rebuildIndex: {
      const started = performance.now();
      await rebuild();
      const status = context.library.status();
      const milliseconds = Math.round(performance.now() - started);
      // The message is the client's to show as it is ("Indexed 6 documents, 123 items in 0.4 s").
      const result: RebuildIndexResult = { ...status, milliseconds, message: describeIndexing({ ...status, milliseconds, skipped: status.skipped.length }) };
      return result;
    }
    default:
      throw new Error(`Unknown command ${params.command}.`);
  }
}

export function search(context: ServerContext, params: SearchParams): SearchResult[] {
  const limit = Math.min(Math.max(params.limit ?? 50, 1), 500);
  const exclude = new Set(typeof params.excludeUri === 'string' ? [canonicalId(params.excludeUri)] : []);
  return context.library.search().search(String(params.query ?? ''), limit, exclude).map(({ document, item, score }) => ({
    text: item.text,
    source: describeSourceBriefly(document),
    detail: describeSource(document, item),
    uri: context.uriOf(document.id),
    range: item.range,
    score,
  }));
}

/** The original file of a text view the library linked to, and the page of a line in it. */
export function original(context: ServerContext, params: OriginalParams): OriginalResult | null {
  const document = context.library.documentOfView(String(params.uri ?? ''));
  if (!document?.source) return null;
  return { uri: document.id, page: pageAtLine(document, Math.max(0, Math.floor(Number(params.line) || 0))), format: document.source.format };
}

export function documentTitles(context: ServerContext, params: DocumentTitlesParams): DocumentTitlesResult {
  const library = context.library;
  return (Array.isArray(params?.uris) ? params.uris : []).map((uri) => {
    const view = library.documentOfView(String(uri));
    // A draft, open or not, stays the user's to edit: only precedents get a title to be read under.
    if (!view && (context.draft(String(uri)) !== null || isDraftFileName(String(uri)))) return null;
    const document = view ?? library.document(canonicalId(String(uri)));
    // A PDF, Word file or web page itself is no text to show: its text view is the precedent.
    if (!document || (!view && document.source !== undefined)) return null;
    const brief = describeSourceBriefly(document);
    return document.source === undefined ? brief : `${brief} · ${library.displayName(document.id)}`;
  });
}

export function report(context: ServerContext, params: ReportParams): ReportResult {
  const draft = context.draft(params.uri);
  if (!draft) throw new Error(`${params.uri} is not an open draft.`);
  const settings = context.settings();
  const { library } = context;
  const precedents = library.precedents();
  const findings = checkDocument(draft.document, checkContext(precedents, settings, library.actionVerbs()));
  const markdown = consistencyReport({
    document: draft.document,
    displayName: library.displayName(draft.document.id),
    findings,
    precedents,
    minScore: settings.similarity.threshold,
    displayPrecedent: (id) => library.displayName(id),
    actionVerbs: library.actionVerbs(),
  });
  return { markdown };
}
