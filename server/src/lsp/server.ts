// The language server: LSP glue over the core. It keeps the open drafts, the precedent library and the
// settings, and hands every request to a handler that asks the core and converts its answer.

import {
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  TextDocumentSyncKind,
  TextDocuments,
  WatchKind,
  type Connection,
  type InitializeResult,
  type WorkDoneProgressServerReporter,
  type WorkspaceFolder,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { join } from 'node:path';
import { canonicalId, uriToPath } from '../node/fileUri';
import { defaultCacheDir } from '../node/indexCache';
import { PrecedentLibrary } from '../node/precedentLibrary';
import { describeIndexing } from '../core/features/indexSummary';
import { defaultSettings, type PrecedentSettings } from '../core/settings';
import { FIX_ALL_KIND, provideCodeActions } from './codeActions';
import { documentTitles, executeCommand, original, report, search } from './commands';
import { compare, similarDocumentsOf } from './compare';
import { provideCompletion, resolveCompletion } from './completion';
import { DraftCache, guarded, type ServerContext } from './context';
import { DiagnosticsScheduler } from './diagnostics';
import { provideHover } from './hover';
import { provideInlayHints } from './inlayHints';
import { provideDefinition, provideReferences } from './navigation';
import { provideOnTypeFormatting } from './onTypeFormatting';
import { providePrecedents } from './precedentsPanel';
import { provideTimeline } from './timeline';
import { COMPARE_REQUEST, DOCUMENT_TITLES_REQUEST, INDEX_STATUS_NOTIFICATION, LIBRARY_PASSWORD_NOTIFICATION, ORIGINAL_REQUEST, PRECEDENTS_REQUEST, REPORT_REQUEST, SEARCH_REQUEST, SERVER_COMMANDS, SIMILAR_DOCUMENTS_REQUEST, TIMELINE_REQUEST, type IndexStatus, type PrecedentsParams, type TimelineParams } from './protocol';
import { SettingsSource } from './settingsSource';
import { startupMark } from './startup';
import { provideDocumentSymbols, provideWorkspaceSymbols } from './symbols';

/**
 * The persisted index's folder: under the extension's global storage when the client gives one (VS Code),
 * else the user cache folder ($XDG_CACHE_HOME/precedent); none when `initializationOptions.indexCache` is false.
 */
function indexCacheDir(options: unknown): string | null {
  const given = (options ?? {}) as { globalStoragePath?: unknown; indexCache?: unknown };
  if (given.indexCache === false) return null;
  if (typeof given.globalStoragePath === 'string' && given.globalStoragePath.length > 0) return join(given.globalStoragePath, 'index-cache');
  return defaultCacheDir();
}

/** The local folders of workspace folders (others, such as virtual ones, are not indexed). */
function folderPaths(folders: readonly WorkspaceFolder[]): string[] {
  return folders.map((folder) => uriToPath(folder.uri)).filter((path): path is string => path !== null);
}

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const log = (message: string) => connection.console.log(message);
  const library = new PrecedentLibrary(log);
  const drafts = new DraftCache();
  const settingsSource = new SettingsSource(connection, log);
  let settings: PrecedentSettings = defaultSettings();
  let workspaceFolders: string[] = [];
  let configurationRequest = false;
  let configurationRegistration = false;
  let watchRegistration = false;
  let workspaceFoldersSupport = false;
  let progressSupport = false;
  let documentChangesSupport = false;
  let inlayHintRefreshSupport = false;

  const context: ServerContext = {
    connection,
    documents,
    library,
    settings: () => settings,
    draft(uri) {
      const text = documents.get(uri);
      return text ? { text, document: drafts.get(text) } : null;
    },
    uriOf(id) {
      // An open draft is shown under the client's own URI; a PDF, Word file or web page as the text view of its
      // extraction (where its items' ranges are); everything else under its canonical file URI.
      for (const text of documents.all()) if (canonicalId(text.uri) === id) return text.uri;
      return library.viewUriOf(id) ?? id;
    },
    log,
    versionedEdits: () => documentChangesSupport,
  };
  const diagnostics = new DiagnosticsScheduler(context);
  // The reuse hints follow the library (and their setting): the client asks again for the visible ones.
  const refreshInlayHints = () => {
    if (inlayHintRefreshSupport) void connection.languages.inlayHint.refresh().catch(() => undefined);
  };

  const sendStatus = () => {
    const status: IndexStatus = library.status();
    void connection.sendNotification(INDEX_STATUS_NOTIFICATION, status);
  };

  // The shared library: a change to its documents is a corpus change (diagnostics again); its state is status.
  // Returns whether what is followed changed (then the caller rebuilds).
  const followLibrary = (): boolean => library.followLibrary(settings, {
    documents: () => {
      sendStatus();
      diagnostics.scheduleAll();
      refreshInlayHints();
    },
    status: sendStatus,
    rebuild: () => void rebuild(),
  });

  let rebuilding: Promise<void> = Promise.resolve();
  const rebuild = (): Promise<void> => {
    rebuilding = rebuilding.then(async () => {
      let progress: WorkDoneProgressServerReporter | null = null;
      if (progressSupport) {
        try {
          progress = await connection.window.createWorkDoneProgress();
          progress.begin('Precedent: indexing precedents', 0, undefined, false);
        } catch {
          progress = null;
        }
      }
      const started = Date.now();
      let lastReport = 0;
      const indexing = library.rebuild(settings, workspaceFolders, (done, total) => {
        if (progress && done - lastReport >= 50) {
          lastReport = done;
          progress.report(Math.round((done / Math.max(total, 1)) * 100), `${done} of ${total} files`);
        }
      });
      // rebuild() marks the library as indexing before its first await: the status says so at once, not "ready".
      sendStatus();
      await indexing;
      progress?.done();
      const status = library.status();
      log(describeIndexing({ documents: status.documents, items: status.items, milliseconds: Date.now() - started, skipped: status.skipped.length }));
      sendStatus();
      diagnostics.scheduleAll();
      refreshInlayHints();
    }).catch((error: unknown) => log(`Indexing failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`));
    return rebuilding;
  };

  connection.onInitialize((params): InitializeResult => {
    startupMark('initialize');
    const capabilities = params.capabilities;
    configurationRequest = capabilities.workspace?.configuration === true;
    configurationRegistration = capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    watchRegistration = capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    progressSupport = capabilities.window?.workDoneProgress === true;
    workspaceFoldersSupport = capabilities.workspace?.workspaceFolders === true;
    documentChangesSupport = capabilities.workspace?.workspaceEdit?.documentChanges === true;
    inlayHintRefreshSupport = capabilities.workspace?.inlayHint?.refreshSupport === true;
    diagnostics.relatedInformation = capabilities.textDocument?.publishDiagnostics?.relatedInformation !== false;
    settingsSource.setInitializationOptions(params.initializationOptions);
    library.setCacheDir(indexCacheDir(params.initializationOptions));
    const password = (params.initializationOptions as { libraryPassword?: unknown } | undefined)?.libraryPassword;
    if (typeof password === 'string') library.setLibraryPassword(password);
    workspaceFolders = folderPaths(params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: '' }] : []));
    // The thesaurus and verb lists are parsed once the answer is on its way (the library logs their problems).
    setImmediate(() => {
      library.prepare();
      startupMark('prepared');
    });
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: false },
        hoverProvider: true,
        completionProvider: { resolveProvider: true, triggerCharacters: [' '] },
        definitionProvider: true,
        referencesProvider: true,
        documentSymbolProvider: { label: 'Precedent' },
        workspaceSymbolProvider: true,
        codeActionProvider: { codeActionKinds: ['quickfix', 'refactor.rewrite', FIX_ALL_KIND], resolveProvider: false },
        documentOnTypeFormattingProvider: { firstTriggerCharacter: '\n' },
        inlayHintProvider: { resolveProvider: false },
        executeCommandProvider: { commands: [SERVER_COMMANDS.renumberLists, SERVER_COMMANDS.rebuildIndex] },
        // Folders added or removed later change what is indexed: each folder's drafts and relative corpus paths.
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'precedent', version: '0.1.0' },
    };
  });

  connection.onInitialized(async () => {
    startupMark('initialized');
    // Registered only where the client can register dynamically (Neovim 0.7 logs a warning for any registration);
    // a client without it still sends workspace/didChangeConfiguration, which is handled all the same.
    if (configurationRequest && configurationRegistration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'precedent' });
    if (watchRegistration) {
      // Watch every document file: corpus folders may be anywhere, and the library ignores files it does not hold.
      // And every deletion: a deleted folder is reported as the folder alone, which the first pattern does not match.
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: '**/*.{txt,md,markdown,rec}' }, { globPattern: '**/*', kind: WatchKind.Delete }],
      });
    } else {
      log('The client cannot watch files: corpus changes on disk are picked up by "Rebuild Index" (precedent.server.rebuildIndex).');
    }
    if (workspaceFoldersSupport) {
      connection.workspace.onDidChangeWorkspaceFolders((event) => {
        const removed = new Set(folderPaths(event.removed));
        const added = folderPaths(event.added);
        workspaceFolders = [...workspaceFolders.filter((path) => !removed.has(path)), ...added.filter((path) => !workspaceFolders.includes(path))];
        log(`Workspace folders changed (${workspaceFolders.join(', ') || 'none'}): indexing again.`);
        void rebuild();
      });
    }
    settings = await settingsSource.read(configurationRequest);
    startupMark('settings');
    diagnostics.settingsRead();
    followLibrary();
    await rebuild();
    startupMark('library');
  });

  connection.onDidChangeConfiguration(async (change) => {
    const previous = settings;
    settings = configurationRequest ? await settingsSource.read(true) : settingsSource.fromNotification(change.settings);
    const libraryChanged = followLibrary();
    // Only the corpus, thesaurus and library settings change what is indexed; the others only change the checks.
    if (libraryChanged || JSON.stringify([previous.corpus, previous.thesaurus]) !== JSON.stringify([settings.corpus, settings.thesaurus])) await rebuild();
    else {
      diagnostics.scheduleAll();
      refreshInlayHints();
    }
  });

  connection.onDidChangeWatchedFiles(async (change) => {
    const relevant = change.changes.filter((event) => library.holds(event.uri));
    for (const event of relevant) await library.fileChanged(event.uri, event.type === FileChangeType.Deleted);
    let foldersDeleted = false;
    for (const event of change.changes) {
      if (event.type === FileChangeType.Deleted && !relevant.includes(event) && library.folderDeleted(event.uri)) foldersDeleted = true;
    }
    if (relevant.length === 0 && !foldersDeleted) return;
    sendStatus();
    diagnostics.scheduleAll();
    refreshInlayHints();
  });

  connection.onNotification(LIBRARY_PASSWORD_NOTIFICATION, (params: { password?: unknown }) => {
    library.setLibraryPassword(typeof params?.password === 'string' ? params.password : null);
    if (followLibrary()) void rebuild();
  });
  connection.onShutdown(() => library.stopFollowing());

  // TextDocuments reports an opened draft's content as a change too, right after the open: that is no typing,
  // and its quiet period would put off the first findings scheduled by the open.
  const justOpened = new Set<string>();
  documents.onDidChangeContent((change) => {
    // Parsed and indexed when the library is next asked, with whatever text the draft has then.
    const uri = change.document.uri;
    library.draftChanged(canonicalId(uri), () => {
      const text = documents.get(uri);
      return text ? drafts.get(text) : null;
    });
    if (justOpened.delete(change.document.uri)) return;
    diagnostics.schedule(change.document.uri);
  });
  // The status bar's document count includes open drafts (after the open's content is in the library).
  documents.onDidOpen((event) => {
    startupMark('opened');
    // Opening is not typing: no quiet period to wait for before the first findings.
    justOpened.add(event.document.uri);
    diagnostics.schedule(event.document.uri, 0);
    setImmediate(sendStatus);
  });
  documents.onDidClose((event) => {
    drafts.forget(event.document.uri);
    library.closeDocument(event.document.uri);
    diagnostics.clear(event.document.uri);
    sendStatus();
  });

  connection.onHover(guarded(context, 'hover', (params) => provideHover(context, params)));
  connection.onCompletion(guarded(context, 'completion', (params) => provideCompletion(context, params)));
  connection.onCompletionResolve(guarded(context, 'completionItem/resolve', (item) => resolveCompletion(context, item)));
  connection.onDefinition(guarded(context, 'definition', (params) => provideDefinition(context, params)));
  connection.onReferences(guarded(context, 'references', (params) => provideReferences(context, params)));
  connection.onDocumentSymbol(guarded(context, 'documentSymbol', (params) => provideDocumentSymbols(context, params)));
  connection.onWorkspaceSymbol(guarded(context, 'workspace/symbol', (params) => provideWorkspaceSymbols(context, params)));
  connection.onCodeAction(guarded(context, 'codeAction', (params) => provideCodeActions(context, params)));
  connection.onDocumentOnTypeFormatting(guarded(context, 'onTypeFormatting', (params) => provideOnTypeFormatting(context, params)));
  connection.languages.inlayHint.on(guarded(context, 'inlayHint', (params) => provideInlayHints(context, params)));
  connection.onExecuteCommand((params) => executeCommand(context, params, rebuild));
  connection.onRequest(SEARCH_REQUEST, guarded(context, SEARCH_REQUEST, (params: Parameters<typeof search>[1]) => search(context, params)));
  connection.onRequest(REPORT_REQUEST, guarded(context, REPORT_REQUEST, (params: Parameters<typeof report>[1]) => report(context, params)));
  connection.onRequest(ORIGINAL_REQUEST, guarded(context, ORIGINAL_REQUEST, (params: Parameters<typeof original>[1]) => original(context, params)));
  connection.onRequest(DOCUMENT_TITLES_REQUEST, guarded(context, DOCUMENT_TITLES_REQUEST, (params: Parameters<typeof documentTitles>[1]) => documentTitles(context, params)));
  connection.onRequest(COMPARE_REQUEST, guarded(context, COMPARE_REQUEST, (params: Parameters<typeof compare>[1]) => compare(context, params)));
  connection.onRequest(SIMILAR_DOCUMENTS_REQUEST, guarded(context, SIMILAR_DOCUMENTS_REQUEST, (params: Parameters<typeof similarDocumentsOf>[1]) => similarDocumentsOf(context, params)));
  connection.onRequest(PRECEDENTS_REQUEST, guarded(context, PRECEDENTS_REQUEST, (params: PrecedentsParams) => providePrecedents(context, params)));
  connection.onRequest(TIMELINE_REQUEST, guarded(context, TIMELINE_REQUEST, (params: TimelineParams) => provideTimeline(context, params)));

  documents.listen(connection);
  connection.listen();
}
