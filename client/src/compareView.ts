// `Precedent: Compare with Earlier Document…`: a quick pick of the library's documents most like the draft (from
// the server's precedent/similarDocuments), or any file; the server compares the two (precedent/compare) and the
// answer is shown in a webview rendered by the core's pure renderer (the page the CLI writes with --format html,
// in the editor's colours, under a strict Content-Security-Policy). Links in the page open an item at its line; a
// reworded pair opens in VS Code's diff editor. No comparison logic here.

import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { comparisonHtml, type ComparisonViewMessage } from '../../server/src/core/features/compare/comparisonHtml';
import {
  COMPARE_REQUEST,
  SIMILAR_DOCUMENTS_REQUEST,
  type CompareParams,
  type CompareResult,
  type SimilarDocumentResult,
  type SimilarDocumentsParams,
} from '../../server/src/lsp/protocol';
import type { ReadyClient } from './commands';
import type { OpenPrecedent } from './precedentViews';
import { LANGUAGE_ID } from './statusBar';

export const COMPARE_COMMAND = 'precedent.compareWithEarlier';
/** Scheme of the read-only documents the diff editor shows: one item's text each. */
const ITEM_SCHEME = 'precedent-compare';
const FILE_FILTERS = { 'Recommendation documents': ['txt', 'md', 'markdown', 'rec', 'pdf', 'docx', 'html', 'htm'] };

interface DocumentPick extends vscode.QuickPickItem {
  uri: string | null;
}

export function registerCompareView(ready: ReadyClient, open: OpenPrecedent): vscode.Disposable[] {
  const items = new ItemDocuments();
  return [
    vscode.workspace.registerTextDocumentContentProvider(ITEM_SCHEME, items),
    // Arguments (optional): the draft's URI (explorer, editor title) and the earlier document's, which skips the
    // pick. Returns the comparison shown, for tests and other extensions.
    vscode.commands.registerCommand(COMPARE_COMMAND, async (draftArgument?: unknown, earlierArgument?: unknown) => {
      try {
        return await compareWithEarlier(ready, items, open, draftArgument, earlierArgument);
      } catch (error) {
        void vscode.window.showErrorMessage(`Precedent: ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
      }
    }),
  ];
}

async function compareWithEarlier(ready: ReadyClient, items: ItemDocuments, open: OpenPrecedent, draftArgument: unknown, earlierArgument: unknown): Promise<CompareResult | undefined> {
  const draft = draftArgument instanceof vscode.Uri ? draftArgument : vscode.window.activeTextEditor?.document.languageId === LANGUAGE_ID ? vscode.window.activeTextEditor.document.uri : undefined;
  if (!draft) {
    void vscode.window.showInformationMessage('Precedent: open a recommendation document (*.rec.md, *.rec.txt, *.rec) to compare it.');
    return undefined;
  }
  const client = await ready();
  const draftUri = client.code2ProtocolConverter.asUri(draft);
  const earlierUri = earlierArgument instanceof vscode.Uri ? client.code2ProtocolConverter.asUri(earlierArgument) : await pickEarlier(ready, draftUri);
  if (!earlierUri) return undefined;
  const params: CompareParams = { uri: draftUri, earlierUri };
  const record = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: 'Precedent: comparing…' },
    () => client.sendRequest<CompareResult>(COMPARE_REQUEST, params),
  );
  showComparison(record, items, open);
  return record;
}

async function pickEarlier(ready: ReadyClient, draftUri: string): Promise<string | undefined> {
  const client = await ready();
  const chooseFile: DocumentPick = { label: '$(folder-opened) Choose a file…', detail: 'Text, Markdown, PDF, Word or a web page', uri: null, alwaysShow: true };
  const params: SimilarDocumentsParams = { uri: draftUri, limit: 50 };
  const documents = client.sendRequest<SimilarDocumentResult[]>(SIMILAR_DOCUMENTS_REQUEST, params).then((list) => [
    ...list.map(toPick),
    { label: '', kind: vscode.QuickPickItemKind.Separator, uri: null },
    chooseFile,
  ]);
  const picked = await vscode.window.showQuickPick(documents, {
    title: 'Compare with Earlier Document',
    placeHolder: 'The library\'s documents most like this draft come first',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (!picked) return undefined;
  if (picked.uri !== null) return picked.uri;
  const [file] = (await vscode.window.showOpenDialog({ canSelectMany: false, openLabel: 'Compare', filters: FILE_FILTERS })) ?? [];
  return file ? client.code2ProtocolConverter.asUri(file) : undefined;
}

function toPick(document: SimilarDocumentResult): DocumentPick {
  const date = document.date ?? 'no date';
  return {
    label: document.title ?? document.name,
    description: [document.country, document.forum, date].filter(Boolean).join(' · '),
    detail: `${Math.round(document.score * 100)}% alike: ${document.itemsMatched} of the draft's items have a counterpart among its ${document.items} · ${document.name}`,
    uri: document.uri,
  };
}

function showComparison(record: CompareResult, items: ItemDocuments, open: OpenPrecedent): void {
  const panel = vscode.window.createWebviewPanel('precedent.comparison', `Changes since ${record.earlier.title ?? fileName(record.earlier.file)}`, vscode.ViewColumn.Beside, {
    enableScripts: true,
    // The page loads nothing: its style and script are inline, allowed by a nonce.
    localResourceRoots: [],
  });
  const nonce = randomBytes(16).toString('base64');
  panel.webview.html = comparisonHtml(record, { mode: 'webview', nonce });
  const shown: vscode.Uri[] = [];
  panel.onDidDispose(() => items.forget(shown));
  panel.webview.onDidReceiveMessage(async (message: ComparisonViewMessage) => {
    const pair = typeof message?.pair === 'number' ? record.pairs[message.pair] : undefined;
    if (!pair) return;
    if (message.kind === 'open') {
      const item = message.side === 'draft' ? pair.draft : pair.earlier;
      if (!item) return;
      const line = new vscode.Range(item.line - 1, 0, item.line - 1, 0);
      await open(vscode.Uri.parse(item.file), line, { viewColumn: vscode.ViewColumn.One });
    } else if (pair.draft && pair.earlier) {
      const left = items.add(pair.earlier.text, `earlier-${message.pair}`);
      const right = items.add(pair.draft.text, `draft-${message.pair}`);
      shown.push(left, right);
      await vscode.commands.executeCommand('vscode.diff', left, right, `${label(pair.earlier)} ↔ ${label(pair.draft)} (reworded)`, { viewColumn: vscode.ViewColumn.One });
    }
  });
}

/** The items shown in the diff editor, one sentence per line so that its line diff follows the wording. */
class ItemDocuments implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private count = 0;

  add(text: string, name: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: ITEM_SCHEME, path: `/${name}.txt`, query: String(++this.count) });
    this.texts.set(uri.toString(), text.replace(/([.;:])\s+/g, '$1\n'));
    return uri;
  }

  /** The texts of a closed comparison's diffs (a diff editor still open on them shows them empty). */
  forget(uris: readonly vscode.Uri[]): void {
    for (const uri of uris) this.texts.delete(uri.toString());
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }
}

function label(item: { file: string; line: number; label: string | null }): string {
  return `${fileName(item.file)}:${item.line}${item.label ? ` ${item.label}` : ''}`;
}

function fileName(uri: string): string {
  return decodeURIComponent(uri.split('/').pop() ?? uri);
}
