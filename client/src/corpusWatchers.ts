// File watching for the precedent corpus. The workspace itself is watched through the language client's
// `synchronize.fileEvents`; corpus folders outside the workspace (an absolute path, `../shared/corpus`, or a
// glob under such a folder) are watched here and forwarded as `workspace/didChangeWatchedFiles`, and the set
// of watchers follows the `precedent.corpus.paths` setting (restricted in untrusted workspaces).

import * as vscode from 'vscode';
import { DidChangeWatchedFilesNotification, FileChangeType, type FileEvent, type LanguageClient } from 'vscode-languageclient/node';
import { outsidePatterns } from './corpusPatterns';

export class CorpusWatchers implements vscode.Disposable {
  private watchers: vscode.Disposable[] = [];
  private pending: FileEvent[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly client: LanguageClient) {}

  /** Replaces the watchers with ones for `corpusPaths` that lie outside every workspace folder. */
  update(corpusPaths: readonly string[]): void {
    this.disposeWatchers();
    for (const pattern of outsidePatterns(corpusPaths)) {
      const watcher = vscode.workspace.createFileSystemWatcher(pattern);
      watcher.onDidCreate((uri) => this.queue(uri, FileChangeType.Created));
      watcher.onDidChange((uri) => this.queue(uri, FileChangeType.Changed));
      watcher.onDidDelete((uri) => this.queue(uri, FileChangeType.Deleted));
      this.watchers.push(watcher);
    }
  }

  dispose(): void {
    this.disposeWatchers();
    if (this.timer) clearTimeout(this.timer);
  }

  private disposeWatchers(): void {
    for (const watcher of this.watchers) watcher.dispose();
    this.watchers = [];
  }

  private queue(uri: vscode.Uri, type: FileChangeType): void {
    this.pending.push({ uri: this.client.code2ProtocolConverter.asUri(uri), type });
    // A copy of a whole folder is one notification, not hundreds.
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      const changes = this.pending;
      this.pending = [];
      this.timer = undefined;
      if (this.client.isRunning() && changes.length > 0) {
        this.client.sendNotification(DidChangeWatchedFilesNotification.type, { changes }).catch(() => undefined);
      }
    }, 200);
  }
}
