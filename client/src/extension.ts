// The VS Code extension: a thin client. It starts the Precedent language server (dist/server.js over Node IPC),
// hands it the settings (restricted in untrusted workspaces), forwards corpus file changes, and binds the
// palette commands and the status bar to the server's requests. All language logic lives in the server.

import * as fs from 'node:fs';
import * as vscode from 'vscode';
import {
  DidChangeConfigurationNotification,
  LanguageClient,
  State,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { INDEX_STATUS_NOTIFICATION, type IndexStatus } from '../../server/src/lsp/protocol';
import { COMMANDS, registerCommands } from './commands';
import { registerCompareView } from './compareView';
import { CorpusWatchers } from './corpusWatchers';
import { registerPrecedentViews } from './precedentViews';
import { PrecedentsPanel, type PrecedentsViewSnapshot } from './precedentsPanel';
import { registerTimeline, type TimelineDrawing } from './timeline';
import { IndexStatusBar, LANGUAGE_ID } from './statusBar';
import { LibraryPassword } from './libraryPassword';
import { allowedCorpusPaths, configurationMiddleware, effectiveSettings, SECTION } from './trustedSettings';
import { providerMiddleware } from './whenRunning';

/** What `activate` returns: the extension's API, for editor tests and other extensions. */
export interface PrecedentApi {
  readonly client: LanguageClient;
  /** Settles when the server has (re)started: resolves once `initialize` is answered, rejects if it cannot start. */
  readonly ready: Promise<void>;
  /** The last `precedent/indexStatus` the server sent, if any. */
  indexStatus(): IndexStatus | undefined;
  /** What the Precedents view shows now (its message and entries). */
  precedentsView(): PrecedentsViewSnapshot;
  /** What the timeline webview last drew, if it drew. */
  timelineDrawing(): TimelineDrawing | undefined;
}

let client: LanguageClient | undefined;
/** Set once the extension is deactivated (a window reload): no provider request is sent any more. */
let stopping = false;

export function activate(context: vscode.ExtensionContext): PrecedentApi {
  const activated = Date.now();
  stopping = false;
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };

  // Precedents' seeds and text views open as read-only `precedent:` documents named by their titles.
  const precedentViews = registerPrecedentViews(context, () => readyClient(), () => (languageClient.isRunning() ? languageClient : undefined));
  const gate = providerMiddleware({
    running: () => languageClient.isRunning() && !stopping,
    starting: () => languageClient.state === State.Starting && !stopping,
    // The start under way settles, whoever began it (this extension, or the client restarting a server
    // that exited).
    ready: () => new Promise<void>((resolve) => {
      if (languageClient.state !== State.Starting) return resolve();
      const listener = languageClient.onDidChangeState((event) => {
        if (event.newState === State.Starting) return;
        listener.dispose();
        resolve();
      });
    }),
  });
  const views = precedentViews.middleware;

  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { language: LANGUAGE_ID, scheme: 'file' },
      { language: LANGUAGE_ID, scheme: 'untitled' },
    ],
    // No synchronize.fileEvents: the server registers its own workspace watcher (didChangeWatchedFiles), which
    // other editors honour too; a second watcher here would send every change twice.
    // A function: evaluated again on every (re)start, so a restart after trust is granted sends the new state.
    initializationOptions: () => ({
      settings: effectiveSettings(),
      globalStoragePath: context.globalStorageUri.fsPath,
      trusted: vscode.workspace.isTrusted,
      // From SecretStorage (read before every start): never part of the settings.
      libraryPassword: libraryPassword.current,
    }),
    middleware: {
      // Provider requests wait for the server to run, and are dropped while it stops (window reload).
      ...gate,
      provideHover: (document, position, token, next) => gate.provideHover!(document, position, token, (d, p, t) => views.provideHover!(d, p, t, next)),
      provideDefinition: (document, position, token, next) => gate.provideDefinition!(document, position, token, (d, p, t) => views.provideDefinition!(d, p, t, next)),
      provideReferences: (document, position, options, token, next) => gate.provideReferences!(document, position, options, token, (d, p, o, t) => views.provideReferences!(d, p, o, t, next)),
      handleDiagnostics: views.handleDiagnostics,
      workspace: {
        // Pulled settings (workspace/configuration): corpus paths restricted when untrusted.
        configuration: configurationMiddleware,
        // Pushed settings (the server registers for didChangeConfiguration on `precedent`): the same restricted
        // section instead of the client's raw copy of it.
        didChangeConfiguration: async (sections, next) => {
          if (sections === undefined || sections.length !== 1 || sections[0] !== SECTION) return next(sections);
          await languageClient.sendNotification(DidChangeConfigurationNotification.type, { settings: { [SECTION]: effectiveSettings() } });
        },
      },
    },
  };

  // The id `precedent` makes the client read `precedent.trace.server` by itself.
  const languageClient = new LanguageClient('precedent', 'Precedent', serverOptions, clientOptions);
  client = languageClient;
  const readyClient = async () => {
    await ready;
    return languageClient;
  };
  const libraryPassword = new LibraryPassword(context.secrets, readyClient);

  const statusBar = new IndexStatusBar(COMMANDS.searchPrecedents);
  const corpusWatchers = new CorpusWatchers(languageClient);
  corpusWatchers.update(allowedCorpusPaths());

  languageClient.onNotification(INDEX_STATUS_NOTIFICATION, (status: IndexStatus) => {
    statusBar.setStatus(status);
    precedentsPanel.indexStatusChanged(status);
  });
  languageClient.onDidChangeState((event) => {
    statusBar.setServerState(event.newState === State.Running ? 'running' : event.newState === State.Starting ? 'starting' : 'stopped');
  });

  const startServer = async (): Promise<void> => {
    if (!fs.existsSync(serverModule)) {
      throw new Error(`the language server is not built (${serverModule} is missing): run "npm run build".`);
    }
    // The server makes its cache folder under the global storage folder itself (a remote file system takes about
    // 0.7 s to make it from here, on the way to the first findings).
    const starting = Date.now();
    // The stored password is for the shared library only. Reading it is a round trip to the window (half a
    // second while a window loads): without a library the server starts meanwhile, and gets it afterwards.
    const reading = libraryPassword.load();
    const withLibrary = vscode.workspace.getConfiguration(SECTION).get<string>('library.url', '') !== '';
    if (withLibrary) await reading;
    const passwordRead = Date.now();
    await languageClient.start();
    if (!withLibrary) void reading.then(() => libraryPassword.send(languageClient)).catch(() => undefined);
    // The client's share of the time to first findings; the server logs its own ("First findings …").
    languageClient.info(`Language server started in ${Date.now() - starting} ms (stored password ${passwordRead - starting} ms, server process and initialize ${Date.now() - passwordRead} ms), ${Date.now() - activated} ms after the extension was activated.`);
  };
  const reportFailure = (error: unknown): void => {
    statusBar.setServerState('stopped');
    void vscode.window.showErrorMessage(`Precedent: the language server could not start: ${error instanceof Error ? error.message : String(error)}`);
  };

  let ready = startServer();
  ready.catch(reportFailure);

  /** Starts the server again (new initializationOptions), after the previous start has settled. */
  const restartServer = (): void => {
    const previous = ready;
    ready = (async () => {
      await previous.catch(() => undefined);
      if (languageClient.isRunning()) await languageClient.restart();
      else await startServer();
    })();
    ready.catch(reportFailure);
  };

  const precedentsPanel = new PrecedentsPanel(readyClient, precedentViews.open);
  let timelineDrawing: TimelineDrawing | undefined;
  context.subscriptions.push(
    libraryPassword,
    statusBar,
    corpusWatchers,
    ...registerCommands(readyClient, precedentViews.open),
    ...precedentViews.disposables,
    ...registerCompareView(readyClient, precedentViews.open),
    precedentsPanel,
    ...registerTimeline(context, readyClient, precedentViews.open, (drawing) => (timelineDrawing = drawing)),
    // The server hears of settings changes through its own didChangeConfiguration registration (middleware above).
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(`${SECTION}.corpus.paths`)) corpusWatchers.update(allowedCorpusPaths());
    }),
    // Trust granted: the workspace's own corpus paths now count. Restart so the server initialises as trusted.
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      corpusWatchers.update(allowedCorpusPaths());
      restartServer();
    }),
  );

  return {
    client: languageClient,
    get ready() {
      return ready;
    },
    indexStatus: () => statusBar.lastStatus,
    precedentsView: () => precedentsPanel.snapshot(),
    timelineDrawing: () => timelineDrawing,
  };
}

export async function deactivate(): Promise<void> {
  const running = client;
  client = undefined;
  stopping = true;
  // A client still starting cannot be stopped cleanly; its server exits with the extension host.
  if (running?.isRunning()) await running.stop().catch(() => undefined);
}
