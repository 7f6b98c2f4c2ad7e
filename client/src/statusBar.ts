// The status bar item: the size and state of the precedent index (from the server's `precedent/indexStatus`
// notification), shown while a recommendation document is the active editor. Clicking it searches the library.

import * as vscode from 'vscode';
import type { IndexStatus } from '../../server/src/lsp/protocol';

export const LANGUAGE_ID = 'recommendation';
const MAX_SKIPPED_SHOWN = 15;

export type ServerState = 'starting' | 'running' | 'stopped';

export class IndexStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly subscriptions: vscode.Disposable[] = [];
  private status: IndexStatus | undefined;
  private server: ServerState = 'starting';

  constructor(searchCommand: string) {
    this.item = vscode.window.createStatusBarItem('precedent.index', vscode.StatusBarAlignment.Right, 100);
    this.item.name = 'Precedent Index';
    this.item.command = searchCommand;
    this.subscriptions.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.updateVisibility()),
      // Changing an editor's language mode closes and reopens its document.
      vscode.workspace.onDidOpenTextDocument(() => this.updateVisibility()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.render()),
    );
    this.render();
    this.updateVisibility();
  }

  /** The last status the server sent, if any. */
  get lastStatus(): IndexStatus | undefined {
    return this.status;
  }

  setStatus(status: IndexStatus): void {
    this.status = status;
    this.render();
  }

  setServerState(state: ServerState): void {
    this.server = state;
    if (state !== 'running') this.status = undefined;
    this.render();
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.item.dispose();
  }

  private updateVisibility(): void {
    if (vscode.window.activeTextEditor?.document.languageId === LANGUAGE_ID) this.item.show();
    else this.item.hide();
  }

  private render(): void {
    const status = this.status;
    const tooltip = new vscode.MarkdownString(undefined, true);
    if (this.server === 'stopped') {
      this.item.text = '$(circle-slash) Precedent: stopped';
      tooltip.appendMarkdown('The Precedent language server is not running. See the **Precedent** output channel.');
    } else if (!status || status.state === 'indexing') {
      this.item.text = '$(sync~spin) Precedent: indexing…';
      tooltip.appendMarkdown(status ? 'Indexing the precedent library…' : 'Starting the Precedent language server…');
      if (status) tooltip.appendMarkdown(`\n\n${status.documents} documents · ${status.items} items so far`);
    } else {
      this.item.text = `$(book) Precedent: ${plural(status.documents, 'doc')} · ${plural(status.items, 'item')}`;
      tooltip.appendMarkdown(`**Precedent index**: ${plural(status.documents, 'document')}, ${plural(status.items, 'item')}.`);
    }
    const library = status?.library;
    if (library) {
      if (library.state === 'offline' && library.schema) {
        // Reachable, but at another schema version: no network problem, a librarian's `library init` (tooltip).
        this.item.text += ` · $(warning) library schema ${library.schema.library ?? 'missing'}, needs ${library.schema.needed}`;
      } else if (library.state === 'offline') {
        const since = library.offlineSince ? ` since ${clock(library.offlineSince)}` : '';
        this.item.text += ` · $(debug-disconnect) library offline${since}`;
      }
      // The URL comes without its password (the server redacts it); shown as code, which can never become a link
      // (as text, `alice@host` would be linked as an e-mail address), markup or a command.
      tooltip.appendMarkdown('\n\n**Shared library** ');
      tooltip.appendMarkdown(codeSpan(library.url));
      tooltip.appendText(`: ${library.state === 'online' ? 'online' : library.state === 'connecting' ? 'connecting…' : `offline${library.offlineSince ? ` since ${clock(library.offlineSince)}` : ''}, answering from the local replica`} (${plural(library.documents, 'document')}, change ${library.seq})`);
      if (library.reason) appendPlain(tooltip, ` — ${oneLine(library.reason)}`);
      if (library.readFrom && library.readFrom !== library.url) {
        tooltip.appendText('; reading from ');
        tooltip.appendMarkdown(codeSpan(library.readFrom));
      }
    }
    if (status && status.skipped.length > 0) {
      tooltip.appendMarkdown(`\n\n${plural(status.skipped.length, 'file')} skipped:\n\n`);
      for (const skipped of status.skipped.slice(0, MAX_SKIPPED_SHOWN)) {
        // Paths and reasons come from the disk: appended as text, so they can never become links or markup.
        tooltip.appendMarkdown('- ');
        tooltip.appendText(`${oneLine(skipped.path)} — ${oneLine(skipped.reason)}`);
        tooltip.appendMarkdown('\n');
      }
      const more = status.skipped.length - MAX_SKIPPED_SHOWN;
      if (more > 0) tooltip.appendMarkdown(`- … and ${more} more\n`);
    }
    if (!vscode.workspace.isTrusted) {
      tooltip.appendMarkdown('\n\n$(shield) Restricted Mode: corpus paths from workspace settings are ignored.');
    }
    tooltip.appendMarkdown('\n\nClick to search the precedent library.');
    this.item.tooltip = tooltip;
  }
}

function plural(count: number, noun: string): string {
  return `${count.toLocaleString('en')} ${noun}${count === 1 ? '' : 's'}`;
}

/** HH:MM in the user's time zone. */
function clock(iso: string): string {
  const date = new Date(iso);
  return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
}

/**
 * Text that no renderer turns into anything but text: escaped as `appendText` does, and its `@` written as an entity,
 * so that `alice@host` in a driver's message is not linked as an e-mail address.
 */
function appendPlain(markdown: vscode.MarkdownString, text: string): void {
  text.split('@').forEach((part, index) => {
    if (index > 0) markdown.appendMarkdown('&#64;');
    markdown.appendText(part);
  });
}

/** `text` as one Markdown code span: its fence longer than any run of backticks inside, its lines joined. */
function codeSpan(text: string): string {
  const line = oneLine(text);
  const longest = Math.max(0, ...(line.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence} ${line} ${fence}`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
