// The few messages Precedent adds to LSP, shared by the server and the VS Code client (types only: the one import
// is of types, erased from the bundle, so the client bundle stays free of server code). Other editors can call them
// too; all are optional.

import type { ComparisonRecord } from '../core/features/compare/record';
import type { PanelOccasion, PanelPrecedent } from '../core/features/precedentsPanel';

/** Server → client notification: the precedent index's size and state, for a status bar. */
export const INDEX_STATUS_NOTIFICATION = 'precedent/indexStatus';
export interface IndexStatus {
  state: 'indexing' | 'ready';
  documents: number;
  items: number;
  /** Corpus files skipped (binary, not UTF-8, too large, unreadable), each with its reason. */
  skipped: { path: string; reason: string }[];
  /** The shared library the server follows (`precedent.library.url`); absent when none is set. */
  library?: LibraryStatus;
}

export interface LibraryStatus {
  /** The connection string without its password. */
  url: string;
  /** `offline`: unreachable; the server answers from its local replica and reconnects with backoff. */
  state: 'connecting' | 'online' | 'offline';
  /** When the library went offline (ISO 8601), or null. */
  offlineSince: string | null;
  /** Why it is offline (no password in it), or null. */
  reason: string | null;
  /** Library documents in the local replica, and the last change it has. */
  documents: number;
  seq: number;
  /** The database changes are read from: a read replica (`precedent.library.readUrls`) or the primary; null offline. */
  readFrom?: string | null;
  /**
   * Set while offline because the library's schema version is not the server's: the library's (null: no library
   * there yet) and the one needed. A librarian's `precedent library init` migrates it; `reason` says so.
   */
  schema?: { library: number | null; needed: number } | null;
}

/**
 * Client → server notification: the shared library's password, kept by the client in its secret store (VS Code's
 * SecretStorage), never in settings. Also accepted as `initializationOptions.libraryPassword`. Other editors can
 * leave it out and use PGPASSWORD or ~/.pgpass in the server's environment.
 */
export const LIBRARY_PASSWORD_NOTIFICATION = 'precedent/libraryPassword';
export interface LibraryPasswordParams {
  password: string | null;
}

/** Client → server request: search the whole precedent library by words (fuzzy). */
export const SEARCH_REQUEST = 'precedent/search';
export interface SearchParams {
  query: string;
  limit?: number;
  /** A document to leave out of the results: the draft the search was started from. */
  excludeUri?: string;
}
export interface SearchResult {
  text: string;
  /** Short provenance: country, forum, year. */
  source: string;
  /** Full provenance: title, country, forum, date, section, label. */
  detail: string;
  uri: string;
  /** 0-based range of the precedent item in its document. */
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  score: number;
}

/** Client → server request: the Markdown consistency report of an open draft (same text as `precedent report`). */
export const REPORT_REQUEST = 'precedent/report';
export interface ReportParams {
  uri: string;
}
export interface ReportResult {
  markdown: string;
}

/**
 * Client → server request: the original file of an extracted document's text view (a PDF, Word file or web page
 * shown as text at a precedent's line), and the page of `line` in it. Null when `uri` is not such a view.
 */
export const ORIGINAL_REQUEST = 'precedent/original';
export interface OriginalParams {
  uri: string;
  /** 0-based line of the view. */
  line: number;
}
export interface OriginalResult {
  /** The original file (a file URI, without fragment). */
  uri: string;
  /** 1-based page of the line, for a PDF; null otherwise. */
  page: number | null;
  /** The original's format: "pdf", "docx", "html". */
  format: string;
}

/**
 * Client → server request: the titles of library documents, for a reader ("Viet Nam · 13th AFML · 2020"; a PDF,
 * Word file or web page with its file's name), by their URIs as the server gives them (a file, or the text view
 * of an extraction). Null for a URI the library does not hold, for the original file of an extraction (its text
 * view is the precedent), and for a draft (open in the editor, or a file named as a draft: `*.rec.md`, `*.rec.txt`,
 * `*.rec`), which is written, not read. The VS Code client opens precedents read-only under these titles.
 */
export const DOCUMENT_TITLES_REQUEST = 'precedent/documentTitles';
export interface DocumentTitlesParams {
  uris: string[];
}
export type DocumentTitlesResult = (string | null)[];

/**
 * Client → server request: a draft compared with an earlier document, item by item (what `precedent compare
 * --format json` prints, documented in the README), with URIs for files and 1-based lines. The draft is the open
 * document at `uri` (or a library document); the earlier one a library document or any file the corpus could read
 * (text, PDF, Word, web page). An unreadable earlier file is answered with an error that names the reason.
 */
export const COMPARE_REQUEST = 'precedent/compare';
export interface CompareParams {
  uri: string;
  earlierUri: string;
}
export type CompareResult = ComparisonRecord;

/**
 * Client → server request: the library's documents most like a draft, best first, to pick the earlier document of
 * a comparison from. Documents dated after the draft are left out (when both dates are known).
 */
export const SIMILAR_DOCUMENTS_REQUEST = 'precedent/similarDocuments';
export interface SimilarDocumentsParams {
  uri: string;
  /** Most documents returned (default 20, at most 200). */
  limit?: number;
}
export interface SimilarDocumentResult {
  uri: string;
  title: string | null;
  country: string | null;
  forum: string | null;
  /** ISO 8601, or null. */
  date: string | null;
  /** The file's name, for a document without a title. */
  name: string;
  /** 0..1: how much of the draft the document covers (the mean best similarity of the draft's items). */
  score: number;
  /** Items of the draft with a counterpart in the document; and the document's own item count. */
  itemsMatched: number;
  items: number;
}

/** Commands the server executes (`workspace/executeCommand`); the client binds its palette commands to them. */
export const SERVER_COMMANDS = {
  /** Arguments: [uri]. Renumbers every list of the draft through a workspace/applyEdit the client applies. */
  renumberLists: 'precedent.server.renumberLists',
  /** No arguments. Re-reads the corpus from disk and rebuilds the index; answers a `RebuildIndexResult`. */
  rebuildIndex: 'precedent.server.rebuildIndex',
} as const;

/** The answer of `precedent.server.rebuildIndex`: the index status once rebuilt, the time it took, a message for people. */
export interface RebuildIndexResult extends IndexStatus {
  milliseconds: number;
  /** "Indexed 6 documents, 123 items in 0.4 s." */
  message: string;
}

/**
 * Client → server request: the precedents of the item at a position, for a panel that follows the cursor (VS
 * Code's Precedents view; another editor can show it in a floating window or a quickfix list). The params are
 * LSP's TextDocumentPositionParams, plus an optional limit.
 */
export const PRECEDENTS_REQUEST = 'precedent/precedents';
export interface PrecedentsParams {
  textDocument: { uri: string };
  position: { line: number; character: number };
  /** Most precedents listed (default 20, at most 100); the occasions count every precedent above the threshold. */
  limit?: number;
}
type LspRange = { start: { line: number; character: number }; end: { line: number; character: number } };
export interface PrecedentsResult {
  /** "indexing" while the library is (re)built: the answer then comes from what is indexed so far. */
  state: 'indexing' | 'ready';
  /** Why no item: "not-open" (not an open recommendation document), "no-item" (the position is on no item); null otherwise. */
  reason: 'not-open' | 'no-item' | null;
  /** The document version the ranges are for: an edit made from them applies to that version only. */
  version: number | null;
  item: { label: string; text: string; range: LspRange; wordingRange: LspRange } | null;
  /** "Asked twice before, since 2020: Viet Nam (13th AFML, 2020, item 4), Lao PDR (13th AFML, 2020)"; "" when asked nowhere. */
  recurrence: string;
  /** The earlier documents the item was asked in, oldest first (undated last), each with its best precedent. */
  occasions: PrecedentsOccasion[];
  /** Best first. */
  precedents: PrecedentEntry[];
}
/**
 * A precedent as the core's panel gives it (text, similarity, loose, source, occasion, citation, range), its
 * document named by `uri`.
 */
export type PrecedentEntry = Omit<PanelPrecedent, 'documentId'> & { uri: string };
/** An occasion as the core's panel gives it (summary, who, forum, date, items), its best precedent an entry. */
export type PrecedentsOccasion = Omit<PanelOccasion, 'best'> & { best: PrecedentEntry };

/**
 * Client → server request: the timeline of the item at a position (`scope` "item"), or of the whole draft
 * ("draft"; the default when the position is on no item): one mark per earlier occasion, for a chart.
 */
export const TIMELINE_REQUEST = 'precedent/timeline';
export interface TimelineParams {
  textDocument: { uri: string };
  position?: { line: number; character: number } | null;
  scope?: 'item' | 'draft';
}
export interface TimelineResult {
  scope: 'item' | 'draft';
  /** What the chart is of: "3. Encourage job retention…" or the draft's title. */
  title: string;
  /** One per occasion: row, who, when (a year or "date unknown"), date, similarity, percent, occasion, quote, and where to open it. */
  marks: { row: string; who: string; when: string; date: string | null; similarity: number; percent: string; occasion: string; quote: string; uri: string; range: LspRange }[];
}
