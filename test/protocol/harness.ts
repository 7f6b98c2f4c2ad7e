// A language client for protocol tests: starts `node dist/server.js --stdio` as a child process and talks
// LSP to it over a real JSON-RPC connection, the way an editor does. It answers the server's requests
// (workspace/configuration from a settings object the test sets, client/registerCapability,
// window/workDoneProgress/create, workspace/inlayHint/refresh, workspace/applyEdit, recorded and applied),
// collects what the server pushes (diagnostics, precedent/indexStatus, log messages) and keeps the server's
// stderr for failure messages.

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  ApplyWorkspaceEditRequest,
  ConfigurationRequest,
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  InlayHintRefreshRequest,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  WorkDoneProgress,
  WorkDoneProgressCreateRequest,
  type ApplyWorkspaceEditParams,
  type ClientCapabilities,
  type InitializeResult,
  type LogMessageParams,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Registration,
  type SymbolKind,
  type TextDocumentContentChangeEvent,
  type TextEdit,
  type WorkspaceFolder,
} from 'vscode-languageserver-protocol/node';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SERVER_JS = join(REPO_ROOT, 'dist', 'server.js');
export const SEEDS_DIR = join(REPO_ROOT, 'seeds');

export function seedUri(name: string): string {
  return pathToFileURL(join(SEEDS_DIR, name)).href;
}

/** What VS Code 1.9x tells a language server it can do (the subset that matters to Precedent). */
export function vscodeCapabilities(options: { configuration?: boolean; watchedFiles?: boolean } = {}): ClientCapabilities {
  return {
    workspace: {
      applyEdit: true,
      workspaceEdit: { documentChanges: true, resourceOperations: ['create', 'rename', 'delete'], failureHandling: 'textOnlyTransactional', normalizesLineEndings: true },
      didChangeConfiguration: { dynamicRegistration: true },
      didChangeWatchedFiles: { dynamicRegistration: options.watchedFiles ?? true, relativePatternSupport: true },
      symbol: { dynamicRegistration: true, symbolKind: { valueSet: ALL_SYMBOL_KINDS }, resolveSupport: { properties: ['location.range'] } },
      executeCommand: { dynamicRegistration: true },
      configuration: options.configuration ?? true,
      workspaceFolders: true,
      inlayHint: { refreshSupport: true },
    },
    textDocument: {
      publishDiagnostics: { relatedInformation: true, versionSupport: true, tagSupport: { valueSet: [1, 2] }, codeDescriptionSupport: true, dataSupport: true },
      synchronization: { dynamicRegistration: true, willSave: true, willSaveWaitUntil: true, didSave: true },
      completion: {
        dynamicRegistration: true,
        contextSupport: true,
        completionItem: {
          snippetSupport: true,
          commitCharactersSupport: true,
          documentationFormat: ['markdown', 'plaintext'],
          deprecatedSupport: true,
          preselectSupport: true,
          insertReplaceSupport: true,
          resolveSupport: { properties: ['documentation', 'detail', 'additionalTextEdits'] },
          labelDetailsSupport: true,
        },
        completionList: { itemDefaults: ['commitCharacters', 'editRange', 'insertTextFormat', 'insertTextMode', 'data'] },
      },
      hover: { dynamicRegistration: true, contentFormat: ['markdown', 'plaintext'] },
      definition: { dynamicRegistration: true, linkSupport: true },
      references: { dynamicRegistration: true },
      documentSymbol: { dynamicRegistration: true, hierarchicalDocumentSymbolSupport: true, labelSupport: true, symbolKind: { valueSet: ALL_SYMBOL_KINDS } },
      codeAction: {
        dynamicRegistration: true,
        isPreferredSupport: true,
        disabledSupport: true,
        dataSupport: true,
        resolveSupport: { properties: ['edit'] },
        codeActionLiteralSupport: { codeActionKind: { valueSet: ['', 'quickfix', 'refactor', 'refactor.extract', 'refactor.inline', 'refactor.rewrite', 'source', 'source.organizeImports', 'source.fixAll'] } },
        honorsChangeAnnotations: true,
      },
      onTypeFormatting: { dynamicRegistration: true },
      inlayHint: { dynamicRegistration: true, resolveSupport: { properties: ['tooltip', 'textEdits', 'label.tooltip', 'label.location', 'label.command'] } },
    },
    window: { workDoneProgress: true, showMessage: { messageActionItem: { additionalPropertiesSupport: true } }, showDocument: { support: true } },
    general: { positionEncodings: ['utf-16'], markdown: { parser: 'marked', version: '1.1.0' } },
  };
}

const ALL_SYMBOL_KINDS = Array.from({ length: 26 }, (_, i) => (i + 1) as SymbolKind);

export interface InitializeOptions {
  capabilities?: ClientCapabilities;
  initializationOptions?: unknown;
  workspaceFolders?: WorkspaceFolder[] | null;
}

type Waiter = () => boolean;

export class LspClient {
  readonly connection: ProtocolConnection;
  /** Every publishDiagnostics, in the order received, per URI. */
  readonly diagnostics = new Map<string, PublishDiagnosticsParams[]>();
  readonly indexStatuses: { state: string; documents: number; items: number; skipped: { path: string; reason: string }[] }[] = [];
  readonly logs: LogMessageParams[] = [];
  readonly appliedEdits: ApplyWorkspaceEditParams[] = [];
  readonly registrations: Registration[] = [];
  readonly configurationRequests: unknown[] = [];
  /** How many workspace/inlayHint/refresh requests the server sent. */
  inlayHintRefreshes = 0;
  /** Tokens of window/workDoneProgress/create, and the $/progress reports sent on them. */
  readonly progressTokens: (string | number)[] = [];
  readonly progress: { token: string | number; value: { kind: string; title?: string; message?: string; percentage?: number } }[] = [];
  /** What workspace/configuration answers, by section: `{ precedent: { ... } }`. */
  configuration: Record<string, unknown> = {};
  private readonly texts = new Map<string, string>();
  private readonly versions = new Map<string, number>();
  private readonly waiters = new Set<Waiter>();
  private stderr = '';
  private exited = false;
  /** The server's exit code once it has exited (null when killed by a signal). */
  exitCode: number | null = null;

  /** The server process's id (for /proc/<pid>/status in soak tests). */
  get pid(): number {
    return this.child.pid!;
  }

  private constructor(private readonly child: ChildProcess) {
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => (this.stderr += chunk));
    child.on('exit', (code) => {
      this.exitCode = code;
      this.exited = true;
      this.poke();
    });
    this.connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    this.connection.onRequest(ConfigurationRequest.type, (params) => {
      this.configurationRequests.push(params);
      return params.items.map((item) => this.configurationFor(item.section));
    });
    this.connection.onRequest(InlayHintRefreshRequest.type, () => {
      this.inlayHintRefreshes++;
      this.poke();
    });
    this.connection.onRequest(RegistrationRequest.type, (params) => {
      this.registrations.push(...params.registrations);
    });
    this.connection.onRequest(WorkDoneProgressCreateRequest.type, (params) => {
      const token = params.token;
      this.progressTokens.push(token);
      this.connection.onProgress(WorkDoneProgress.type, token, (value) => {
        this.progress.push({ token, value });
        this.poke();
      });
    });
    this.connection.onRequest(ApplyWorkspaceEditRequest.type, (params) => {
      this.appliedEdits.push(params);
      // Versioned edits are refused, as VS Code refuses them, when the document has moved on since.
      for (const change of params.edit.documentChanges ?? []) {
        if (!('edits' in change)) continue;
        const version = change.textDocument.version;
        if (version !== null && version !== this.versions.get(change.textDocument.uri)) return { applied: false, failureReason: `version ${version} is stale` };
      }
      const edits: [string, TextEdit[]][] = [
        ...Object.entries(params.edit.changes ?? {}),
        ...(params.edit.documentChanges ?? []).flatMap((change) => ('edits' in change ? [[change.textDocument.uri, change.edits.filter((edit): edit is TextEdit => 'range' in edit)] as [string, TextEdit[]]] : [])),
      ];
      for (const [uri, textEdits] of edits) {
        const text = this.texts.get(uri);
        if (text !== undefined) this.texts.set(uri, applyEdits(text, textEdits));
      }
      this.poke();
      return { applied: true };
    });
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      const list = this.diagnostics.get(params.uri) ?? [];
      list.push(params);
      this.diagnostics.set(params.uri, list);
      this.poke();
    });
    this.connection.onNotification('precedent/indexStatus', (status: LspClient['indexStatuses'][number]) => {
      this.indexStatuses.push(status);
      this.poke();
    });
    this.connection.onNotification(LogMessageNotification.type, (params) => {
      this.logs.push(params);
      this.poke();
    });
    this.connection.listen();
  }

  static start(options: { cwd?: string } = {}): LspClient {
    const child = spawn(process.execPath, [SERVER_JS, '--stdio'], { cwd: options.cwd ?? REPO_ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    return new LspClient(child);
  }

  /** initialize + initialized. Defaults to VS Code's capabilities, with the configuration request. */
  async initialize(options: InitializeOptions = {}): Promise<InitializeResult> {
    const result = await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      clientInfo: { name: 'precedent-protocol-tests', version: '1.0.0' },
      locale: 'en',
      rootUri: options.workspaceFolders?.[0]?.uri ?? null,
      capabilities: options.capabilities ?? vscodeCapabilities(),
      initializationOptions: options.initializationOptions,
      workspaceFolders: options.workspaceFolders ?? null,
      trace: 'off',
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
    return result;
  }

  async open(uri: string, text: string, languageId = 'recommendation', version = 1): Promise<void> {
    this.texts.set(uri, text);
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version, text } });
  }

  /** Incremental changes (ranges against the text as it was), or `{ text }` for the whole document. */
  async change(uri: string, version: number, edits: TextDocumentContentChangeEvent[]): Promise<void> {
    let text = this.texts.get(uri) ?? '';
    for (const edit of edits) text = 'range' in edit ? applyEdits(text, [{ range: edit.range, newText: edit.text }]) : edit.text;
    this.texts.set(uri, text);
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: edits });
  }

  async close(uri: string): Promise<void> {
    this.texts.delete(uri);
    this.versions.delete(uri);
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  /** The client's copy of an open document (after the workspace/applyEdit edits it accepted). */
  textOf(uri: string): string | undefined {
    return this.texts.get(uri);
  }

  latestDiagnostics(uri: string): PublishDiagnosticsParams | undefined {
    return this.diagnostics.get(uri)?.at(-1);
  }

  /** The latest diagnostics of `uri` once they satisfy `predicate` (already received, or the next ones that do). */
  waitForDiagnostics(uri: string, predicate: (params: PublishDiagnosticsParams) => boolean = () => true, timeout = 10_000): Promise<PublishDiagnosticsParams> {
    return this.waitFor(`diagnostics of ${uri}`, () => {
      const latest = this.latestDiagnostics(uri);
      return latest && predicate(latest) ? latest : undefined;
    }, timeout);
  }

  /** Diagnostics of `uri` published after this call that satisfy `predicate`. Call it before the message that causes them. */
  nextDiagnostics(uri: string, predicate: (params: PublishDiagnosticsParams) => boolean = () => true, timeout = 10_000): Promise<PublishDiagnosticsParams> {
    const seen = this.diagnostics.get(uri)?.length ?? 0;
    return this.waitFor(`new diagnostics of ${uri}`, () => (this.diagnostics.get(uri) ?? []).slice(seen).filter(predicate).at(-1), timeout);
  }

  /** The index is ready: the latest precedent/indexStatus says so. */
  waitForIndexReady(timeout = 15_000): Promise<LspClient['indexStatuses'][number]> {
    return this.waitFor('precedent/indexStatus ready', () => {
      const latest = this.indexStatuses.at(-1);
      return latest?.state === 'ready' ? latest : undefined;
    }, timeout);
  }

  /** A rebuild that starts after this call has finished (indexing, then ready). Call it before the message that causes it. */
  nextIndexRebuilt(timeout = 15_000): Promise<LspClient['indexStatuses'][number]> {
    const seen = this.indexStatuses.length;
    return this.waitFor('a new index rebuild', () => {
      const fresh = this.indexStatuses.slice(seen);
      const indexing = fresh.findIndex((status) => status.state === 'indexing');
      return indexing >= 0 ? fresh.slice(indexing).find((status) => status.state === 'ready') : undefined;
    }, timeout);
  }

  /** A precedent/indexStatus sent after this call. */
  nextIndexStatus(timeout = 10_000): Promise<LspClient['indexStatuses'][number]> {
    const seen = this.indexStatuses.length;
    return this.waitFor('a new precedent/indexStatus', () => this.indexStatuses[seen], timeout);
  }

  /** A workspace/applyEdit received after this call. */
  nextAppliedEdit(timeout = 10_000): Promise<ApplyWorkspaceEditParams> {
    const seen = this.appliedEdits.length;
    return this.waitFor('workspace/applyEdit', () => this.appliedEdits[seen], timeout);
  }

  /** The server's stderr and log messages, for failure messages. */
  serverOutput(): string {
    const logs = this.logs.map((log) => `[log] ${log.message}`).join('\n');
    return `--- server stderr ---\n${this.stderr || '(empty)'}\n--- window/logMessage ---\n${logs || '(none)'}`;
  }

  /** The editor went away without a word: closes the server's input and waits for the process to end. */
  async closeInput(timeout = 5_000): Promise<number | null> {
    const exited = new Promise<void>((resolve) => (this.exited ? resolve() : this.child.once('exit', () => resolve())));
    this.child.stdin!.end();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeout)));
    const outcome = await Promise.race([exited, deadline]);
    clearTimeout(timer);
    this.connection.dispose();
    if (outcome === 'timeout') {
      this.child.kill('SIGKILL');
      throw new Error(`The server did not exit within ${timeout} ms of its input closing.\n${this.serverOutput()}`);
    }
    return this.exitCode;
  }

  /** shutdown, then exit; kills the server if it has not exited within `timeout`. Says which happened. */
  async shutdown(timeout = 3_000): Promise<'exited' | 'killed'> {
    if (this.exited) {
      this.connection.dispose();
      return 'exited';
    }
    const exited = new Promise<void>((resolve) => (this.exited ? resolve() : this.child.once('exit', () => resolve())));
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeout)));
    try {
      const done = await Promise.race([
        (async () => {
          await this.connection.sendRequest(ShutdownRequest.type);
          await this.connection.sendNotification(ExitNotification.type);
          await exited;
          return 'exited' as const;
        })().catch(() => 'failed' as const),
        deadline,
      ]);
      if (done !== 'exited') this.child.kill('SIGKILL');
      return done === 'exited' ? 'exited' : 'killed';
    } finally {
      clearTimeout(timer);
      this.connection.dispose();
    }
  }

  private configurationFor(section: string | undefined): unknown {
    if (!section) return this.configuration;
    let value: unknown = this.configuration;
    for (const key of section.split('.')) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
    return value ?? null;
  }

  private waitFor<T>(what: string, check: () => T | undefined, timeout: number): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const first = check();
      if (first !== undefined) return resolve(first);
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`Timed out after ${timeout} ms waiting for ${what}.\n${this.serverOutput()}`));
      }, timeout);
      const waiter: Waiter = () => {
        if (this.exited) {
          clearTimeout(timer);
          reject(new Error(`The server exited while waiting for ${what}.\n${this.serverOutput()}`));
          return true;
        }
        const value = check();
        if (value === undefined) return false;
        clearTimeout(timer);
        resolve(value);
        return true;
      };
      this.waiters.add(waiter);
    });
  }

  private poke(): void {
    for (const waiter of [...this.waiters]) if (waiter()) this.waiters.delete(waiter);
  }
}

/** Applies LSP TextEdits (ranges against the original text, non-overlapping) the way an editor does. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const starts = lineStarts(text);
  const offset = (position: { line: number; character: number }) => {
    if (position.line >= starts.length) return text.length;
    const lineEnd = position.line + 1 < starts.length ? starts[position.line + 1]! : text.length;
    return Math.min(starts[position.line]! + position.character, lineEnd);
  };
  const sorted = edits
    .map((edit, order) => ({ start: offset(edit.range.start), end: offset(edit.range.end), text: edit.newText, order }))
    .sort((a, b) => b.start - a.start || b.order - a.order);
  let out = text;
  let limit = Infinity;
  for (const edit of sorted) {
    if (edit.end > limit) throw new Error(`Overlapping edits at offset ${edit.start}..${edit.end}`);
    out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
    limit = edit.start;
  }
  return out;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\r' && text[i + 1] === '\n') continue;
    if (ch === '\n' || ch === '\r') starts.push(i + 1);
  }
  return starts;
}

/** A temporary folder under os.tmpdir() holding the given files; `remove()` deletes it. */
export class TempWorkspace {
  readonly path: string;

  constructor(files: Record<string, string> = {}) {
    this.path = mkdtempSync(join(tmpdir(), 'precedent-protocol-'));
    for (const [name, text] of Object.entries(files)) this.write(name, text);
  }

  file(name: string): string {
    return join(this.path, name);
  }

  uri(name = ''): string {
    return pathToFileURL(name ? this.file(name) : this.path).href;
  }

  folder(): WorkspaceFolder {
    return { uri: this.uri(), name: 'workspace' };
  }

  write(name: string, text: string): string {
    const path = this.file(name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    return path;
  }

  remove(): void {
    rmSync(this.path, { recursive: true, force: true });
  }
}
