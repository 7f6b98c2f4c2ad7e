// Precedents opened from a hover, go to definition, Find All References or the Precedents panel are for reading,
// under their titles. The shipped seed documents and the text views of extracted PDF, Word and web pages (and of
// the shared library's documents) open as `precedent:` files: read-only, their tab and breadcrumb the
// document's title ("Viet Nam · 13th AFML · 2020.txt"), not a path into the extension's or VS Code's folders. The
// server knows nothing of this scheme: it names files, and the client maps them on the way in (hover links,
// locations) and back (Open Original Document). A text view offers its original file (`Precedent: Open Original
// Document`, in the editor title), at the page of the cursor where it has pages.

import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient, Middleware } from 'vscode-languageclient/node';
import { DOCUMENT_TITLES_REQUEST, ORIGINAL_REQUEST, type DocumentTitlesParams, type DocumentTitlesResult, type OriginalParams, type OriginalResult } from '../../server/src/lsp/protocol';
import type { ReadyClient } from './commands';

export const OPEN_ORIGINAL_COMMAND = 'precedent.openOriginal';
/** Opens a precedent from a hover's link (VS Code's hover keeps `command:` links of trusted commands only). */
export const OPEN_PRECEDENT_LINK_COMMAND = 'precedent.openPrecedentLink';
/** Read-only documents of precedents: `precedent:/<title>.txt?<the file's URI>`. */
export const PRECEDENT_SCHEME = 'precedent';
/**
 * The language of a `precedent:` document: the drafts' grammar and word wrap, for reading, but not the drafts'
 * language, so the server never checks it and the drafting commands stay off it.
 */
export const PRECEDENT_LANGUAGE_ID = 'recommendation-precedent';
/** Context key: the active editor shows the text view of an extracted document. */
const EXTRACTED_VIEW_CONTEXT = 'precedent.extractedView';

export interface PrecedentViews {
  disposables: vscode.Disposable[];
  /** Hover, definition, references and findings' related places: precedents' files as `precedent:` documents. */
  middleware: Pick<Middleware, 'provideHover' | 'provideDefinition' | 'provideReferences' | 'handleDiagnostics'>;
  /** Shows a file of the library, read-only under its title where it is a precedent, `selection` selected and in view. */
  open: OpenPrecedent;
}

export type OpenPrecedent = (file: vscode.Uri, selection?: vscode.Range, options?: Pick<vscode.TextDocumentShowOptions, 'viewColumn' | 'preserveFocus'>) => Promise<vscode.TextEditor>;

export function registerPrecedentViews(context: vscode.ExtensionContext, ready: ReadyClient, running: () => LanguageClient | undefined): PrecedentViews {
  // The server keeps its caches under the global storage folder (index-cache/: extracted text and its views under
  // extracted/, the shared library's replica), see the server's indexCacheDir; the seeds ship beside the extension.
  const cacheFolder = path.join(context.globalStorageUri.fsPath, 'index-cache') + path.sep;
  const extractedFolder = path.join(cacheFolder, 'extracted') + path.sep;
  const seedsFolder = context.asAbsolutePath('seeds') + path.sep;
  /** The file a document shows: a `precedent:` document's file, else the document's own URI. */
  const fileOf = (uri: vscode.Uri): vscode.Uri => (uri.scheme === PRECEDENT_SCHEME ? vscode.Uri.parse(uri.query) : uri);
  const isExtractedView = (uri: vscode.Uri) => {
    const file = fileOf(uri);
    return file.scheme === 'file' && file.fsPath.startsWith(extractedFolder);
  };
  const isShippedOrCached = (uri: vscode.Uri) => uri.scheme === 'file' && (uri.fsPath.startsWith(cacheFolder) || uri.fsPath.startsWith(seedsFolder));

  /**
   * The `precedent:` URIs of the shipped seeds and the text views asked for so far: their titles do not change
   * under them, and findings are published at every pause in typing. A document of the user's corpus paths is
   * asked again each time (its first line, its title, may be edited).
   */
  const known = new Map<string, vscode.Uri>();
  /**
   * `precedent:` URIs for those of `files` that are precedents: the server names each with its title, and gives
   * none for drafts (open or not), originals of extractions and files it does not hold, which open as themselves.
   */
  const readableAll = async (files: readonly vscode.Uri[]): Promise<Map<string, vscode.Uri>> => {
    // A document open in an editor is a draft (a duplicate's other place, say): it stays itself, without asking.
    const open = new Set(vscode.workspace.textDocuments.filter((document) => !isShippedOrCached(document.uri)).map((document) => document.uri.toString()));
    const keys = [...new Set(files.filter((file) => file.scheme === 'file').map((file) => file.with({ fragment: '' }).toString()))].filter((key) => !open.has(key));
    const readable = new Map<string, vscode.Uri>();
    const missing = keys.filter((key) => !known.has(key));
    if (missing.length > 0) {
      const client = running();
      const params: DocumentTitlesParams = { uris: missing };
      const titles = client ? await client.sendRequest<DocumentTitlesResult>(DOCUMENT_TITLES_REQUEST, params).catch(() => null) : null;
      missing.forEach((key, at) => {
        const file = vscode.Uri.parse(key);
        // While the server is not running, a seed or text view still opens read-only, under its file's name.
        const title = titles ? titles[at] : isShippedOrCached(file) ? path.basename(file.fsPath).replace(/\.[^.]*$/, '') : null;
        if (!title) return;
        // A path of one segment: the breadcrumb shows the title alone. Slashes in a title would make folders.
        const uri = vscode.Uri.from({ scheme: PRECEDENT_SCHEME, path: `/${title.replace(/[/\\]/g, '∕')}.txt`, query: key });
        if (titles && isShippedOrCached(file)) known.set(key, uri);
        readable.set(key, uri);
      });
    }
    for (const key of keys) if (known.has(key)) readable.set(key, known.get(key)!);
    return readable;
  };
  const readable = async (uri: vscode.Uri): Promise<vscode.Uri> => (await readableAll([uri])).get(uri.with({ fragment: '' }).toString()) ?? uri;
  const open: OpenPrecedent = async (file, selection, options = {}) => {
    const shown = await vscode.window.showTextDocument(await readable(file), { selection, preview: true, ...options });
    if (selection) shown.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    return shown;
  };
  const mapLocations = async <T extends vscode.Location | vscode.LocationLink>(locations: T[]): Promise<T[]> => {
    const uriOf = (location: T) => ('targetUri' in location ? location.targetUri : location.uri);
    const readableUris = await readableAll(locations.map(uriOf));
    if (readableUris.size === 0) return locations;
    return locations.map((location) => {
      const mapped = readableUris.get(uriOf(location).toString());
      if (!mapped) return location;
      return ('targetUri' in location ? { ...location, targetUri: mapped } : new vscode.Location(mapped, location.range)) as T;
    });
  };

  /** A hover's links to precedents' files (`<file:///…#L15,1-L15,60>`) become links of the trusted command. */
  const mapHover = async (hover: vscode.Hover | null | undefined): Promise<vscode.Hover | null | undefined> => {
    if (!hover) return hover;
    const links = hover.contents.flatMap((content) => (content instanceof vscode.MarkdownString ? [...content.value.matchAll(/\]\(<([^>]+)>\)/g)].map((match) => match[1]!) : []));
    const readableUris = await readableAll(links.map((link) => vscode.Uri.parse(link)));
    if (readableUris.size === 0) return hover;
    const contents = hover.contents.map((content) => {
      if (!(content instanceof vscode.MarkdownString)) return content;
      const value = content.value.replace(/\]\(<([^>]+)>\)/g, (whole, link: string) => {
        if (!readableUris.has(vscode.Uri.parse(link).with({ fragment: '' }).toString())) return whole;
        return `](<command:${OPEN_PRECEDENT_LINK_COMMAND}?${encodeURIComponent(JSON.stringify([link]))}>)`;
      });
      const mapped = new vscode.MarkdownString(value, content.supportThemeIcons);
      mapped.isTrusted = { enabledCommands: [OPEN_PRECEDENT_LINK_COMMAND] };
      mapped.supportHtml = content.supportHtml;
      mapped.baseUri = content.baseUri;
      return mapped;
    });
    return new vscode.Hover(contents, hover.range);
  };

  const follow = (editor: vscode.TextEditor | undefined) => {
    const uri = editor?.document.uri;
    void vscode.commands.executeCommand('setContext', EXTRACTED_VIEW_CONTEXT, uri !== undefined && isExtractedView(uri));
    // A seed or view opened as a file (from a search, the explorer): read-only for this session, nobody edits a
    // past recommendation by accident (the browser VS Code saves by itself). `precedent:` documents are read-only.
    if (uri !== undefined && isShippedOrCached(uri)) void vscode.commands.executeCommand('workbench.action.files.setActiveEditorReadonlyInSession');
  };
  follow(vscode.window.activeTextEditor);
  const readAsPrecedent = (document: vscode.TextDocument) => {
    if (document.uri.scheme === PRECEDENT_SCHEME && document.languageId !== PRECEDENT_LANGUAGE_ID) void vscode.languages.setTextDocumentLanguage(document, PRECEDENT_LANGUAGE_ID);
  };
  vscode.workspace.textDocuments.forEach(readAsPrecedent);

  const disposables = [
    // A read-only file system rather than a content provider: VS Code shows a breadcrumb (the title) only for
    // documents of a file system.
    vscode.workspace.registerFileSystemProvider(PRECEDENT_SCHEME, readOnlyFiles(fileOf), { isReadonly: true, isCaseSensitive: true }),
    vscode.window.onDidChangeActiveTextEditor(follow),
    vscode.workspace.onDidOpenTextDocument(readAsPrecedent),
    vscode.commands.registerCommand(OPEN_PRECEDENT_LINK_COMMAND, async (link: unknown) => {
      if (typeof link !== 'string') return;
      const file = vscode.Uri.parse(link);
      // `#L<line>,<column>-L<line>,<column>` (1-based), as the server writes a precedent's range.
      const at = /^L(\d+),(\d+)-L(\d+),(\d+)$/.exec(file.fragment);
      const selection = at ? new vscode.Range(Number(at[1]) - 1, Number(at[2]) - 1, Number(at[3]) - 1, Number(at[4]) - 1) : undefined;
      await open(file, selection);
    }),
    vscode.commands.registerCommand(OPEN_ORIGINAL_COMMAND, async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor || !isExtractedView(editor.document.uri)) {
        void vscode.window.showInformationMessage('Precedent: the active editor is not the text of a PDF, Word file or web page.');
        return;
      }
      const client: LanguageClient = await ready();
      const params: OriginalParams = { uri: client.code2ProtocolConverter.asUri(fileOf(editor.document.uri)), line: editor.selection.active.line };
      const original = await client.sendRequest<OriginalResult | null>(ORIGINAL_REQUEST, params);
      if (!original) {
        void vscode.window.showWarningMessage('Precedent: the original of this text is not in the library any more.');
        return;
      }
      const file = vscode.Uri.parse(original.uri);
      // The desktop opens the system's viewer (a PDF at its page where the viewer reads #page=); the browser
      // VS Code opens it in an editor tab.
      if (vscode.env.uiKind === vscode.UIKind.Desktop) {
        const target = original.page === null ? file : file.with({ fragment: `page=${original.page}` });
        if (await vscode.env.openExternal(target)) return;
      }
      await vscode.commands.executeCommand('vscode.open', file);
    }),
  ];

  /** Per draft, the newest findings published: an older batch still being mapped is then dropped. */
  const published = new Map<string, number>();
  const mapDiagnostics = async (uri: vscode.Uri, diagnostics: vscode.Diagnostic[], next: (uri: vscode.Uri, diagnostics: vscode.Diagnostic[]) => void) => {
    const key = uri.toString();
    const turn = (published.get(key) ?? 0) + 1;
    published.set(key, turn);
    const related = diagnostics.flatMap((diagnostic) => diagnostic.relatedInformation ?? []);
    const readableUris = related.length === 0 ? new Map<string, vscode.Uri>() : await readableAll(related.map((info) => info.location.uri)).catch(() => new Map<string, vscode.Uri>());
    if (published.get(key) !== turn) return;
    if (readableUris.size === 0) return next(uri, diagnostics);
    for (const diagnostic of diagnostics) {
      diagnostic.relatedInformation = diagnostic.relatedInformation?.map((info) => {
        const mapped = readableUris.get(info.location.uri.with({ fragment: '' }).toString());
        return mapped ? new vscode.DiagnosticRelatedInformation(new vscode.Location(mapped, info.location.range), info.message) : info;
      });
    }
    next(uri, diagnostics);
  };

  return {
    disposables,
    open,
    middleware: {
      // The Problems panel's related places (a reused precedent) open as the hover's do.
      handleDiagnostics: (uri, diagnostics, next) => void mapDiagnostics(uri, diagnostics, next),
      provideHover: async (document, position, token, next) => mapHover(await next(document, position, token)),
      provideDefinition: async (document, position, token, next) => {
        const result = await next(document, position, token);
        if (!result) return result;
        if (!Array.isArray(result)) return (await mapLocations([result]))[0];
        return (await mapLocations(result as (vscode.Location | vscode.LocationLink)[])) as vscode.Location[] | vscode.LocationLink[];
      },
      provideReferences: async (document, position, options, token, next) => {
        const result = await next(document, position, options, token);
        return result ? mapLocations(result) : result;
      },
    },
  };
}

/** The `precedent:` file system: each document the file in its query, read-only. */
function readOnlyFiles(fileOf: (uri: vscode.Uri) => vscode.Uri): vscode.FileSystemProvider {
  const refuse = (uri: vscode.Uri): never => {
    throw vscode.FileSystemError.NoPermissions(uri);
  };
  return {
    onDidChangeFile: new vscode.EventEmitter<vscode.FileChangeEvent[]>().event,
    watch: () => new vscode.Disposable(() => undefined),
    stat: async (uri) => ({ ...(await vscode.workspace.fs.stat(fileOf(uri))), permissions: vscode.FilePermission.Readonly }),
    readFile: (uri) => vscode.workspace.fs.readFile(fileOf(uri)),
    readDirectory: () => [],
    createDirectory: refuse,
    writeFile: refuse,
    delete: refuse,
    rename: refuse,
  };
}
