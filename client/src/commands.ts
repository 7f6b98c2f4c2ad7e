// The palette commands. Each one asks the server (custom requests of protocol.ts, `workspace/executeCommand`,
// or a standard LSP feature through VS Code) and only presents the answer: no language logic here.

import * as path from 'node:path';
import * as vscode from 'vscode';
import { ExecuteCommandRequest, type LanguageClient } from 'vscode-languageclient/node';
import {
  PRECEDENTS_REQUEST,
  REPORT_REQUEST,
  SEARCH_REQUEST,
  SERVER_COMMANDS,
  type RebuildIndexResult,
  type PrecedentEntry,
  type PrecedentsParams,
  type PrecedentsResult,
  type ReportParams,
  type ReportResult,
  type SearchParams,
  type SearchResult,
} from '../../server/src/lsp/protocol';
import type { OpenPrecedent } from './precedentViews';
import { LANGUAGE_ID } from './statusBar';

export const COMMANDS = {
  searchPrecedents: 'precedent.searchPrecedents',
  showSimilar: 'precedent.showSimilar',
  renumberLists: 'precedent.renumberLists',
  exportReport: 'precedent.exportReport',
  rebuildIndex: 'precedent.rebuildIndex',
} as const;

const SEARCH_DEBOUNCE_MS = 150;
const SEARCH_LIMIT = 50;

/** The client once it is running (rejects when the server cannot start). */
export type ReadyClient = () => Promise<LanguageClient>;

export function registerCommands(ready: ReadyClient, open: OpenPrecedent): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(COMMANDS.searchPrecedents, () => guarded(() => searchPrecedents(ready, open))),
    vscode.commands.registerCommand(COMMANDS.showSimilar, () => guarded(() => showSimilar(ready, open))),
    vscode.commands.registerCommand(COMMANDS.renumberLists, (uri?: unknown) => guarded(() => renumberLists(ready, uri))),
    vscode.commands.registerCommand(COMMANDS.exportReport, (uri?: unknown) => guarded(() => exportReport(ready, uri))),
    vscode.commands.registerCommand(COMMANDS.rebuildIndex, () => guarded(() => rebuildIndex(ready))),
  ];
}

// ---- Search Precedents… -------------------------------------------------------------------------------------

interface ResultItem extends vscode.QuickPickItem {
  result: SearchResult;
}

function openButton(): vscode.QuickInputButton {
  return { iconPath: new vscode.ThemeIcon('go-to-file'), tooltip: 'Open the precedent where it was said' };
}

async function searchPrecedents(ready: ReadyClient, open: OpenPrecedent): Promise<void> {
  // The editor to insert into is the one active when the command starts.
  const editor = vscode.window.activeTextEditor;
  const client = await ready();
  // The draft being written is not its own precedent: searching with its selected words would list that very item first.
  const draftUri = editor ? client.code2ProtocolConverter.asUri(editor.document.uri) : undefined;
  const picked = await pickPrecedent(client, initialQuery(editor), draftUri);
  if (!picked) return;
  if (picked.action === 'open') return openPrecedent(client, picked.result, open);

  const canInsert = editor !== undefined && !editor.document.isClosed;
  if (!canInsert) return openPrecedent(client, picked.result, open);
  const insert = { label: '$(insert) Insert at cursor', description: path.basename(editor.document.fileName), action: 'insert' as const };
  const openIt = { label: '$(go-to-file) Open precedent', description: picked.result.source, action: 'open' as const };
  // Drafting: inserting is what the user most likely wants; elsewhere opening comes first.
  const choices = editor.document.languageId === LANGUAGE_ID ? [insert, openIt] : [openIt, insert];
  const choice = await vscode.window.showQuickPick(choices, {
    title: `Precedent: ${truncate(picked.result.text, 80)}`,
    placeHolder: 'Insert its wording at the cursor, or open it where it was said',
  });
  if (!choice) return;
  if (choice.action === 'open') return openPrecedent(client, picked.result, open);
  await insertAtCursor(editor, picked.result.text);
}

function pickPrecedent(client: LanguageClient, initial: string, excludeUri: string | undefined): Promise<{ result: SearchResult; action: 'accept' | 'open' } | undefined> {
  return new Promise((resolve) => {
    const quickPick = vscode.window.createQuickPick<ResultItem>();
    quickPick.title = 'Search Precedents';
    quickPick.placeholder = 'Words of a recommendation, a topic, a country or a forum (fuzzy)';
    // Results come from the server's own (fuzzy) search; VS Code only highlights the typed words in labels.
    quickPick.matchOnDescription = false;
    quickPick.matchOnDetail = false;
    let outcome: { result: SearchResult; action: 'accept' | 'open' } | undefined;
    let request: vscode.CancellationTokenSource | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let lastQuery: string | undefined;

    const search = (query: string): void => {
      // Setting the initial value also fires onDidChangeValue: one request per distinct query is enough.
      if (query === lastQuery) return;
      lastQuery = query;
      request?.cancel();
      request?.dispose();
      request = undefined;
      if (query.trim().length === 0) {
        quickPick.items = [];
        quickPick.busy = false;
        quickPick.title = 'Search Precedents';
        return;
      }
      const source = (request = new vscode.CancellationTokenSource());
      quickPick.busy = true;
      // The server leaves the active draft out: searching with its selected words would list that very item.
      const params: SearchParams = { query, limit: SEARCH_LIMIT, ...(excludeUri ? { excludeUri } : {}) };
      client.sendRequest<SearchResult[] | null>(SEARCH_REQUEST, params, source.token).then(
        (results) => {
          if (source.token.isCancellationRequested) return;
          const list = results ?? [];
          quickPick.items = list.map(toItem);
          quickPick.busy = false;
          quickPick.title = list.length === 0 ? `Search Precedents: nothing matches “${truncate(query, 40)}”` : `Search Precedents (${list.length})`;
        },
        (error: unknown) => {
          if (source.token.isCancellationRequested) return;
          quickPick.busy = false;
          quickPick.items = [];
          quickPick.title = `Search Precedents: ${errorMessage(error)}`;
        },
      );
    };

    quickPick.onDidChangeValue((value) => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => search(value), SEARCH_DEBOUNCE_MS);
    });
    quickPick.onDidAccept(() => {
      const item = quickPick.selectedItems[0] ?? quickPick.activeItems[0];
      if (!item) return;
      outcome = { result: item.result, action: 'accept' };
      quickPick.hide();
    });
    quickPick.onDidTriggerItemButton((event) => {
      outcome = { result: event.item.result, action: 'open' };
      quickPick.hide();
    });
    quickPick.onDidHide(() => {
      if (timer) clearTimeout(timer);
      request?.cancel();
      request?.dispose();
      quickPick.dispose();
      resolve(outcome);
    });

    quickPick.value = initial;
    quickPick.show();
    if (initial) search(initial);
  });
}

function toItem(result: SearchResult): ResultItem {
  return {
    label: oneLine(result.text),
    description: oneLine(result.source),
    // How close and whose, on a line of its own: a long item's label leaves no room for the description.
    detail: `${Math.round(Math.max(0, Math.min(1, result.score)) * 100)}% · ${oneLine(result.detail)}`,
    // The server has already matched (fuzzily); the quick pick must not filter its answer out again.
    alwaysShow: true,
    buttons: [openButton()],
    result,
  };
}

/** The selected text (one line) starts the search; otherwise the box starts empty. */
function initialQuery(editor: vscode.TextEditor | undefined): string {
  if (!editor || editor.selection.isEmpty) return '';
  return truncate(oneLine(editor.document.getText(editor.selection)), 200);
}

async function openPrecedent(client: LanguageClient, result: Pick<SearchResult, 'uri' | 'range'>, open: OpenPrecedent): Promise<void> {
  await open(client.protocol2CodeConverter.asUri(result.uri), client.protocol2CodeConverter.asRange(result.range));
}

async function insertAtCursor(editor: vscode.TextEditor, text: string): Promise<void> {
  const shown = await vscode.window.showTextDocument(editor.document, editor.viewColumn);
  const applied = await shown.edit((builder) => {
    for (const selection of shown.selections) builder.replace(selection, text);
  });
  if (!applied) throw new Error('the precedent could not be inserted (the document changed meanwhile?)');
}

// ---- Show Similar Precedents -----------------------------------------------------------------------------------

async function showSimilar(ready: ReadyClient, open: OpenPrecedent): Promise<void> {
  const editor = recommendationEditor();
  if (!editor) return;
  const client = await ready();
  // Best first, each with its similarity and source (the references peek groups by file and hides the scores).
  const params: PrecedentsParams = { textDocument: { uri: client.code2ProtocolConverter.asUri(editor.document.uri) }, position: editor.selection.active, limit: 50 };
  const answer = await client.sendRequest<PrecedentsResult>(PRECEDENTS_REQUEST, params);
  if (answer.item === null) {
    void vscode.window.showInformationMessage('Precedent: put the cursor on an item of the draft to see its precedents.');
    return;
  }
  if (answer.precedents.length === 0) {
    void vscode.window.showInformationMessage('Precedent: no similar precedent for the item at the cursor (above precedent.similarity.threshold).');
    return;
  }
  type Row = vscode.QuickPickItem & { entry: PrecedentEntry };
  const rows: Row[] = answer.precedents.map((entry) => ({
    label: oneLine(entry.text),
    description: `${Math.round(entry.similarity * 100)}%`,
    detail: oneLine(entry.citation),
    entry,
  }));
  const picked = await vscode.window.showQuickPick(rows, {
    title: `Precedents of ${answer.item.label ? `item ${answer.item.label.replace(/[.)]$/, '')}` : 'this item'}${answer.recurrence ? ` · ${answer.recurrence}` : ''}`,
    placeHolder: 'Best first; choose one to open it where it was said',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (!picked) return;
  await openPrecedent(client, { uri: picked.entry.uri, range: picked.entry.range }, open);
}

// ---- Renumber Lists --------------------------------------------------------------------------------------------

async function renumberLists(ready: ReadyClient, argument: unknown): Promise<void> {
  const document = await targetDocument(argument);
  if (!document) return;
  const client = await ready();
  // The server computes the edits and sends them back as workspace/applyEdit, which the client applies.
  // It answers `{ applied, edits }` (not part of protocol.ts: read defensively).
  const result: unknown = await client.sendRequest(ExecuteCommandRequest.type, {
    command: SERVER_COMMANDS.renumberLists,
    arguments: [client.code2ProtocolConverter.asUri(document.uri)],
  });
  const answer = typeof result === 'object' && result !== null ? (result as { applied?: unknown; edits?: unknown }) : {};
  if (answer.edits === 0) {
    void vscode.window.showInformationMessage('Precedent: every list is already numbered consistently.');
  } else if (answer.applied === false) {
    throw new Error('the renumbering was not applied (was the document changed meanwhile?).');
  }
}

// ---- Export Consistency Report ---------------------------------------------------------------------------------

async function exportReport(ready: ReadyClient, argument: unknown): Promise<void> {
  const document = await targetDocument(argument);
  if (!document) return;
  const client = await ready();
  const params: ReportParams = { uri: client.code2ProtocolConverter.asUri(document.uri) };
  const report = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: 'Precedent: writing the consistency report…' },
    () => client.sendRequest<ReportResult>(REPORT_REQUEST, params),
  );
  // The report as a reader sees it: the rendered Markdown preview, not its source (an untitled buffer to edit).
  const markdown = await vscode.workspace.openTextDocument({ language: 'markdown', content: report.markdown });
  await vscode.commands.executeCommand('markdown.showPreviewToSide', markdown.uri);
  // The offer to save stays while the user reads; the command is done once the report is shown.
  void offerToSave(document, report.markdown).catch((error: unknown) => vscode.window.showErrorMessage(`Precedent: ${errorMessage(error)}`));
}

async function offerToSave(document: vscode.TextDocument, markdown: string): Promise<void> {
  const name = path.basename(document.fileName).replace(/\.rec(\.md|\.txt)?$|\.(md|txt)$/, '');
  const choice = await vscode.window.showInformationMessage(`Precedent: consistency report of ${path.basename(document.fileName)}.`, 'Save as Markdown…', 'Save as HTML…');
  if (choice === undefined) return;
  const html = choice === 'Save as HTML…';
  const target = await vscode.window.showSaveDialog({
    defaultUri: vscode.Uri.joinPath(document.uri, '..', `${name}-report.${html ? 'html' : 'md'}`),
    filters: html ? { 'Web page': ['html'] } : { Markdown: ['md'] },
    title: 'Save the consistency report',
  });
  if (!target) return;
  const content = html ? reportPage(`Consistency report: ${path.basename(document.fileName)}`, await vscode.commands.executeCommand<string>('markdown.api.render', markdown)) : markdown;
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(content));
  void vscode.window.showInformationMessage(`Precedent: report saved to ${vscode.workspace.asRelativePath(target)}.`);
}

/** A self-contained web page around the rendered report: one file a reviewer can mail. */
function reportPage(title: string, body: string): string {
  const escaped = title.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escaped}</title>
<style>
body { font: 15px/1.5 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #1f2328; }
table { border-collapse: collapse; } th, td { border: 1px solid #d0d7de; padding: 0.3rem 0.6rem; text-align: left; vertical-align: top; }
code { background: #f6f8fa; padding: 0 0.2rem; }
</style>
</head>
<body>
${body}
</body>
</html>
`;
}

// ---- Rebuild Index ---------------------------------------------------------------------------------------------

async function rebuildIndex(ready: ReadyClient): Promise<void> {
  const client = await ready();
  // A notification with progress while the library is read again, then what is indexed: the command is given
  // by hand, so its outcome is said (a status bar change alone goes unnoticed).
  const result = (await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Precedent: rebuilding the index…' },
    () => client.sendRequest(ExecuteCommandRequest.type, { command: SERVER_COMMANDS.rebuildIndex, arguments: [] }),
  )) as Partial<RebuildIndexResult> | null;
  const message = typeof result?.message === 'string' ? result.message : 'The index was rebuilt.';
  void vscode.window.showInformationMessage(`Precedent: ${message}`);
}

// ---- helpers ---------------------------------------------------------------------------------------------------

/** The active editor when it holds a recommendation document; otherwise says why nothing happens. */
function recommendationEditor(): vscode.TextEditor | undefined {
  const editor = vscode.window.activeTextEditor;
  if (editor?.document.languageId === LANGUAGE_ID) return editor;
  void vscode.window.showInformationMessage('Precedent: open a recommendation document (*.rec.md, *.rec.txt, *.rec) first.');
  return undefined;
}

/** The document a command applies to: a URI argument (explorer, editor title), else the active recommendation editor. */
async function targetDocument(argument: unknown): Promise<vscode.TextDocument | undefined> {
  if (argument instanceof vscode.Uri) return vscode.workspace.openTextDocument(argument);
  return recommendationEditor()?.document;
}

/** Runs a command, showing a failure as an error message instead of a silent rejected promise. */
async function guarded(run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (error) {
    void vscode.window.showErrorMessage(`Precedent: ${errorMessage(error)}`);
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
