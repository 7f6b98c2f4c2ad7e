// The Precedents view (Explorer): the precedents of the item under the cursor, from the server's
// `precedent/precedents` request, asked again (debounced) when the cursor moves to another item or the draft
// changes. Its message says how often the item was asked before, "Indexing…" while the library is built, and
// why it is empty outside recommendation documents. Click opens a precedent; its actions insert its wording,
// replace the item with it, or copy its citation. No language logic here: the server answers everything.

import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { PRECEDENTS_REQUEST, type IndexStatus, type PrecedentEntry, type PrecedentsParams, type PrecedentsResult } from '../../server/src/lsp/protocol';
import type { ReadyClient } from './commands';
import type { OpenPrecedent } from './precedentViews';
import { LANGUAGE_ID } from './statusBar';

export const PRECEDENTS_VIEW = 'precedent.precedents';
export const PANEL_COMMANDS = {
  open: 'precedent.precedents.open',
  insert: 'precedent.precedents.insertWording',
  replace: 'precedent.precedents.replaceItem',
  copyCitation: 'precedent.precedents.copyCitation',
  refresh: 'precedent.precedents.refresh',
} as const;

/** Cursor moves within this are one question: typing or arrowing through a draft does not flood the server. */
const DEBOUNCE_MS = 200;

const OUTSIDE = 'Open a recommendation document (*.rec.md, *.rec.txt, *.rec) to see the precedents of the item at the cursor.';
const NO_ITEM = 'Put the cursor on an item to see its precedents.';

/** What the view shows, for editor tests: its message and each entry's label and description. */
export interface PrecedentsViewSnapshot {
  message: string;
  entries: { label: string; description: string }[];
}

export class PrecedentsPanel implements vscode.TreeDataProvider<PrecedentEntry>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly view: vscode.TreeView<PrecedentEntry>;
  private readonly subscriptions: vscode.Disposable[] = [];
  private result: PrecedentsResult | null = null;
  /** The draft the answer is about, and its editor (where "insert" types). */
  private draft: vscode.TextEditor | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private request: vscode.CancellationTokenSource | undefined;
  private indexing = false;

  constructor(
    private readonly ready: ReadyClient,
    private readonly openPrecedent: OpenPrecedent,
  ) {
    this.view = vscode.window.createTreeView(PRECEDENTS_VIEW, { treeDataProvider: this, showCollapseAll: false });
    this.subscriptions.push(
      this.view,
      this.changed,
      vscode.window.onDidChangeActiveTextEditor(() => this.schedule(0)),
      vscode.window.onDidChangeTextEditorSelection((event) => {
        if (event.textEditor === vscode.window.activeTextEditor && !this.onSameItem(event.textEditor)) this.schedule(DEBOUNCE_MS);
      }),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.document === vscode.window.activeTextEditor?.document && event.contentChanges.length > 0) this.schedule(DEBOUNCE_MS);
      }),
      // A hidden view asks nothing; it catches up when shown.
      this.view.onDidChangeVisibility((event) => event.visible && this.schedule(0)),
      vscode.commands.registerCommand(PANEL_COMMANDS.open, (entry?: PrecedentEntry) => this.guarded(() => this.open(entry))),
      vscode.commands.registerCommand(PANEL_COMMANDS.insert, (entry?: PrecedentEntry) => this.guarded(() => this.insert(entry))),
      vscode.commands.registerCommand(PANEL_COMMANDS.replace, (entry?: PrecedentEntry) => this.guarded(() => this.replace(entry))),
      vscode.commands.registerCommand(PANEL_COMMANDS.copyCitation, (entry?: PrecedentEntry) => this.guarded(() => this.copyCitation(entry))),
      vscode.commands.registerCommand(PANEL_COMMANDS.refresh, () => this.schedule(0)),
    );
    this.schedule(0);
  }

  /** The server's index status: "Indexing…" while it builds, and a fresh answer once it is ready. */
  indexStatusChanged(status: IndexStatus): void {
    const wasIndexing = this.indexing;
    this.indexing = status.state === 'indexing';
    if (wasIndexing !== this.indexing) this.schedule(0);
  }

  snapshot(): PrecedentsViewSnapshot {
    return {
      message: this.view.message ?? '',
      entries: (this.result?.precedents ?? []).map((entry) => {
        const item = this.getTreeItem(entry);
        return { label: typeof item.label === 'string' ? item.label : item.label?.label ?? '', description: String(item.description ?? '') };
      }),
    };
  }

  getTreeItem(entry: PrecedentEntry): vscode.TreeItem {
    // The source first: a narrow sidebar keeps the start of a row, and precedents often begin with the same words.
    const similarity = percent(entry.similarity);
    const loose = entry.loose ? ' · loosely related' : '';
    const item = new vscode.TreeItem(`${similarity}${loose} · ${entry.citation}`, vscode.TreeItemCollapsibleState.None);
    item.description = oneLine(entry.text);
    // Plain text only: corpus text never becomes Markdown here.
    const tooltip = new vscode.MarkdownString();
    tooltip.appendText(`${similarity} similar${entry.loose ? ', loosely related (shares only general words)' : ''} · ${entry.citation}\n\n“${oneLine(entry.text)}”`);
    item.tooltip = tooltip;
    item.accessibilityInformation = { label: `${similarity} similar, ${entry.citation}: ${oneLine(entry.text)}`, role: 'treeitem' };
    item.iconPath = new vscode.ThemeIcon('quote');
    item.contextValue = 'precedent';
    item.command = { command: PANEL_COMMANDS.open, title: 'Open Precedent', arguments: [entry] };
    return item;
  }

  getChildren(entry?: PrecedentEntry): PrecedentEntry[] {
    return entry ? [] : this.result?.precedents ?? [];
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.request?.cancel();
    this.request?.dispose();
    for (const subscription of this.subscriptions) subscription.dispose();
  }

  private schedule(delay: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), delay);
  }

  /** Whether the cursor is still on the item the view shows, in the version it was answered for. */
  private onSameItem(editor: vscode.TextEditor): boolean {
    const item = this.result?.item;
    if (!item || editor !== this.draft || editor.document.version !== this.result?.version) return false;
    const line = editor.selection.active.line;
    return line >= item.range.start.line && line <= item.range.end.line;
  }

  private async refresh(): Promise<void> {
    this.request?.cancel();
    this.request?.dispose();
    this.request = undefined;
    if (!this.view.visible) return;
    const editor = vscode.window.activeTextEditor;
    if (editor?.document.languageId !== LANGUAGE_ID) {
      // Focus in the view itself, or in an output panel, keeps the last draft's answer.
      if (editor === undefined && this.draft && !this.draft.document.isClosed) return;
      return this.show(null, undefined, OUTSIDE);
    }
    const source = (this.request = new vscode.CancellationTokenSource());
    let client: LanguageClient;
    try {
      client = await this.ready();
    } catch {
      return this.show(null, undefined, 'The Precedent language server is not running.');
    }
    if (source.token.isCancellationRequested) return;
    const params: PrecedentsParams = { textDocument: { uri: client.code2ProtocolConverter.asUri(editor.document.uri) }, position: client.code2ProtocolConverter.asPosition(editor.selection.active) };
    try {
      const result = await client.sendRequest<PrecedentsResult>(PRECEDENTS_REQUEST, params, source.token);
      if (!source.token.isCancellationRequested) this.show(result, editor, messageOf(result));
    } catch (error) {
      if (!source.token.isCancellationRequested) this.show(null, editor, `Precedents could not be found: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private show(result: PrecedentsResult | null, editor: vscode.TextEditor | undefined, message: string): void {
    this.result = result;
    this.draft = editor;
    this.view.message = message;
    this.view.description = result?.item ? itemName(result.item.label, result.item.range.start.line) : undefined;
    this.changed.fire();
  }

  private async open(entry: PrecedentEntry | undefined): Promise<void> {
    if (!entry) return;
    const client = await this.ready();
    // Beside the draft, which keeps its place: the view follows the draft, not the precedent.
    await this.openPrecedent(client.protocol2CodeConverter.asUri(entry.uri), client.protocol2CodeConverter.asRange(entry.range), { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true });
  }

  private async insert(entry: PrecedentEntry | undefined): Promise<void> {
    const editor = this.liveDraft();
    if (!entry || !editor) return;
    const shown = await vscode.window.showTextDocument(editor.document, editor.viewColumn);
    if (!(await shown.edit((builder) => shown.selections.forEach((selection) => builder.replace(selection, entry.text))))) throw new Error('the wording could not be inserted.');
  }

  private async replace(entry: PrecedentEntry | undefined): Promise<void> {
    const editor = this.liveDraft();
    const item = this.result?.item;
    if (!entry || !editor || !item) return;
    // The ranges are for the version the server answered about; a draft edited since is asked again instead.
    if (editor.document.version !== this.result?.version) {
      this.schedule(0);
      throw new Error('the draft changed since the precedents were found; try again.');
    }
    const client = await this.ready();
    const edit = new vscode.WorkspaceEdit();
    edit.replace(editor.document.uri, client.protocol2CodeConverter.asRange(item.wordingRange), entry.text);
    if (!(await vscode.workspace.applyEdit(edit))) throw new Error('the item could not be replaced.');
  }

  private async copyCitation(entry: PrecedentEntry | undefined): Promise<void> {
    if (!entry) return;
    await vscode.env.clipboard.writeText(entry.citation);
    vscode.window.setStatusBarMessage(`Precedent: copied “${truncate(entry.citation, 80)}”`, 3000);
  }

  private liveDraft(): vscode.TextEditor | undefined {
    if (this.draft && !this.draft.document.isClosed) return this.draft;
    void vscode.window.showInformationMessage('Precedent: the draft these precedents are for is closed.');
    return undefined;
  }

  private async guarded(run: () => Promise<void>): Promise<void> {
    try {
      await run();
    } catch (error) {
      void vscode.window.showErrorMessage(`Precedent: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

function messageOf(result: PrecedentsResult): string {
  const indexing = result.state === 'indexing' ? 'Indexing precedents… ' : '';
  if (result.reason === 'not-open') return `${indexing}${OUTSIDE}`;
  if (!result.item) return `${indexing}${NO_ITEM}`;
  // Precedents and occasions are the same matches, so a listed precedent always comes with a recurrence line.
  if (result.precedents.length === 0) return `${indexing}No precedent above the similarity threshold (precedent.similarity.threshold).`;
  return `${indexing}${result.recurrence}`;
}

function itemName(label: string, line: number): string {
  return /\d|^\(?[a-z]{1,4}[.)]/i.test(label) ? `item ${label.replace(/\.$/, '')}` : `line ${line + 1}`;
}

function percent(score: number): string {
  return `${score >= 0.9995 ? 100 : Math.min(99, Math.round(score * 100))}%`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
