// The precedent library the server answers from: the corpus on disk (seeds, corpus paths, the workspace's
// other drafts), the shared library's replica, and the drafts open in the editor over their files, in one
// incremental index. Files are read here; handlers ask it questions (its methods), and every answer about the
// text comes from the core. The index stays inside: a rebuild replaces it, and only this class changes it.

import { existsSync } from 'node:fs';
import { basename, resolve, sep } from 'node:path';
import type { CheckableIndex } from '../core/checks/checkDocument';
import type { RecDocument } from '../core/document/model';
import type { ComparisonIndex } from '../core/features/compare/comparison';
import { LibrarySearch } from '../core/features/librarySearch';
import { buildVocabulary, type Vocabulary } from '../core/features/vocabulary';
import { PARALLEL_FROM, PrecedentIndex } from '../core/index/precedentIndex';
import type { PrecedentSettings } from '../core/settings';
import type { ActionVerbs } from '../core/text/actionVerbs';
import { createAnalyser } from '../core/text/analyser';
import { generalTermsOf } from '../core/text/generalTerms';
import { readActionVerbs } from './actionVerbsFile';
import type { SkippedFile } from './corpus';
import { readThesauri } from './thesaurusFile';
import { bundledCheckWorkerScript } from './corpusCheck';
import { corpusMembership, WORKSPACE_DRAFT_GLOB, workspaceCorpus } from './corpusDefinition';
import { describeCache, indexCorpus } from './corpusIndex';
import { readDocument } from './documentFile';
import { ensureView, extractedFolder, extractedViewPath, loadExtraction, temporaryExtractedFolder } from './extract/extractionCache';
import { bundledExtractWorkerScript, ExtractionThread } from './extract/extractionThread';
import { canonicalId, pathToUri, uriToPath } from './fileUri';
import { analyserKey } from './indexCache';
import { LibraryReplica, type ReplicaChange, type ReplicaStatus } from './library/replica';
import { bundledWorkerScript, QuestionThread } from './questionThread';

/** Library documents changed at once from which the change is indexed by a rebuild, not in one go. */
const LIVE_CHANGE_LIMIT = 20;

export interface LibraryStatus {
  state: 'indexing' | 'ready';
  documents: number;
  items: number;
  skipped: SkippedFile[];
  /** The shared library followed (`precedent.library.url`); absent when none is set. */
  library?: ReplicaStatus;
}

/** What handlers ask the library's precedents: the core's ports (queries, similarity, comparison), never its index. */
export type LibraryPrecedents = CheckableIndex & ComparisonIndex;

export class PrecedentLibrary {
  /** The index answering now; null until first needed (see `prepare`). */
  private current: PrecedentIndex | null = null;
  private readonly onDisk = new Set<string>();
  private readonly open = new Map<string, RecDocument>();
  /** Open drafts whose newest text is not in the index yet, with how to parse it (see `draftChanged`). */
  private readonly pendingDrafts = new Map<string, () => RecDocument | null>();
  private skipped: SkippedFile[] = [];
  /** Indexing until the first rebuild is complete: a draft's first findings may come before the library's. */
  private state: LibraryStatus['state'] = 'indexing';
  private vocabularyCache: Vocabulary | null = null;
  /** Text views of extracted documents known to exist, with the id of the document each shows. */
  private readonly views = new Map<string, string>();
  private searchCache: LibrarySearch | null = null;
  private cacheDir: string | null = null;
  /** Whether `index` holds the whole corpus (false until the first build completes). */
  private complete = false;
  /** Bumped by every change, so a long rebuild started earlier cannot overwrite a newer one. */
  private generation = 0;
  /** Whether a file created after indexing belongs to the corpus paths or the workspace's drafts. */
  private belongs: (path: string) => boolean = () => false;
  /** The scope (corpus definition) of the last complete index: its persisted index starts the next scope's. */
  private scope: string | null = null;
  private readonly questions: QuestionThread;
  /** PDF, Word files and web pages are extracted on a thread of their own. */
  private readonly extraction: ExtractionThread;
  /** The action scale's verb lists (shipped and the user's), read again on every rebuild; set with the first index. */
  private verbs!: ActionVerbs;
  /** The shared library followed (`precedent.library.url`), and what it was started with. */
  private replica: LibraryReplica | null = null;
  private replicaKey = '';
  private libraryPassword: string | undefined;

  constructor(private readonly log: (message: string) => void) {
    this.questions = new QuestionThread(bundledWorkerScript(), log);
    this.extraction = new ExtractionThread(bundledExtractWorkerScript(), log);
  }

  /**
   * Reads the shipped thesaurus and verb lists and makes the first, empty index, unless that is done. Parsing them
   * is most of a server's start: the server asks for it once it has answered `initialize`, while the editor goes
   * on with its own start; anything that needs the index sooner makes it then.
   */
  prepare(): void {
    if (this.current !== null) return;
    const { thesaurus, problems } = readThesauri([]);
    for (const problem of problems) this.log(problem);
    this.verbs = readActionVerbs().verbs;
    this.current = this.answering(new PrecedentIndex(createAnalyser(thesaurus)));
  }

  /** The index answering now (made by `prepare` on first need). */
  private get index(): PrecedentIndex {
    this.prepare();
    return this.current!;
  }

  private set index(index: PrecedentIndex) {
    this.current = index;
  }

  /**
   * The index, ready to answer: large batches of questions (a long draft's reuse check) on two threads, and
   * precedents that share only general words with an item judged loosely related by this library's verb lists.
   */
  private answering(index: PrecedentIndex): PrecedentIndex {
    index.useHelper(this.questions);
    index.judgeGeneralTerms(generalTermsOf(index.queryAnalyser(), this.verbs));
    return index;
  }

  /** The library's counts and state, open drafts' newest texts included. */
  status(): LibraryStatus {
    this.bringDraftsIn();
    const stats = this.index.stats();
    const status: LibraryStatus = { state: this.state, documents: stats.documents, items: stats.items, skipped: this.skipped };
    if (this.replica !== null) status.library = this.replica.status();
    return status;
  }

  /** Whether the index is being (re)built: answers then come from what is indexed so far, or the previous index. */
  indexState(): LibraryStatus['state'] {
    return this.state;
  }

  /** The action scale's verb lists (shipped and the user's). */
  actionVerbs(): ActionVerbs {
    this.prepare();
    return this.verbs;
  }

  /**
   * The precedents to answer from. For a request about one draft (`forDraft`: hover, completion, navigation),
   * every other open draft's newest text is in them, and this draft's own may be one quiet period behind: a
   * draft is never its own precedent, so leaving its text for its next check only delays its share of the
   * rarity weights, and spares re-indexing it (and rebuilding the vocabulary) on every keystroke. Without
   * `forDraft`, every open draft's newest text is in them. The same object answers until the index is replaced
   * (a rebuild), so a long check can tell that its answers went stale.
   */
  precedents(forDraft?: string): LibraryPrecedents {
    this.bringDraftsIn(forDraft);
    return this.index;
  }

  /** A document of the library by id (an open draft's newest text, a corpus file, a shared library's document). */
  document(id: string): RecDocument | undefined {
    this.bringDraftsIn();
    return this.index.getDocument(id);
  }

  /** The shared library's password, from the client's secret store; takes effect at the next `followLibrary`. */
  setLibraryPassword(password: string | null): void {
    this.libraryPassword = password ?? undefined;
  }

  /**
   * Follows the shared library of the settings (none: stops following). Returns whether that changed what is
   * followed: the caller then rebuilds, which brings the replica's documents in (from the persisted index where
   * it has them). Later changes come in live; a large batch (the first sync of a library, a day offline) asks
   * for a rebuild instead, which indexes in slices that let requests through and persists the result.
   * `events.documents` is called after documents changed in the index, `events.status` after the state changed.
   */
  followLibrary(settings: PrecedentSettings, events: { documents: () => void; status: () => void; rebuild: () => void }): boolean {
    const { url, readUrls, countries, forums, years } = settings.library;
    const key = url === '' ? '' : JSON.stringify({ url, readUrls, countries, forums, years, password: this.libraryPassword ?? null });
    if (key === this.replicaKey) return false;
    this.replicaKey = key;
    void this.replica?.stop();
    this.replica = null;
    if (url === '') return true;
    const replica: LibraryReplica = new LibraryReplica({
      connection: { url, password: this.libraryPassword, applicationName: 'precedent-server' },
      // The same role and password on the standbys (they replicate the primary's roles).
      readConnections: readUrls.map((readUrl) => ({ url: readUrl, password: this.libraryPassword, applicationName: 'precedent-server' })),
      filter: { countries, forums, years },
      cacheDir: this.cacheDir,
      log: this.log,
      onChange: (change) => {
        if (this.replica !== replica) return;
        if (change.upserted.length + change.removed.length > LIVE_CHANGE_LIMIT) {
          events.rebuild();
          return;
        }
        this.applyLibraryChange(change);
        events.documents();
      },
      onStatus: () => {
        if (this.replica === replica) events.status();
      },
    });
    this.replica = replica;
    replica.start();
    return true;
  }

  async stopFollowing(): Promise<void> {
    await this.replica?.stop();
  }

  private applyLibraryChange(change: ReplicaChange): void {
    for (const id of change.removed) this.index.removeDocument(id);
    for (const entry of change.upserted) {
      const document = entry.document();
      if (document !== null) this.index.replaceDocument(document);
    }
    this.changed();
  }

  /**
   * After a rebuild: the index holds exactly the replica's documents as they are now (some may have come or gone
   * while it ran, applied to the index that answered meanwhile).
   */
  private reconcileLibrary(index: PrecedentIndex, indexed: ReadonlySet<string>): void {
    const entries = this.replica?.entries() ?? [];
    const now = new Set(entries.map((entry) => entry.id));
    for (const id of indexed) if (!now.has(id)) index.removeDocument(id);
    for (const entry of entries) {
      if (index.getDocument(entry.id) !== undefined) continue;
      const document = entry.document();
      if (document !== null) index.replaceDocument(document);
    }
  }

  /**
   * Where the persisted index lives (null: none). The server sets it from the client's global storage folder
   * (VS Code) or the user cache folder (other editors).
   */
  setCacheDir(dir: string | null): void {
    this.cacheDir = dir;
  }

  /**
   * Reads the whole corpus again: from the persisted index where the files are unchanged, file by file
   * otherwise, in slices that let requests through. The first time, requests are answered from what is indexed
   * so far; later (settings changed), the previous index answers until the new one is complete.
   */
  async rebuild(settings: PrecedentSettings, workspaceFolders: readonly string[], onProgress?: (done: number, total: number) => void): Promise<void> {
    const generation = ++this.generation;
    this.state = 'indexing';
    const bases = workspaceFolders.length > 0 ? workspaceFolders : [process.cwd()];
    // The user's thesaurus files, relative to the first workspace folder; read again on every rebuild.
    const thesauri = readThesauri(settings.thesaurus.paths.map((path) => resolve(bases[0]!, path)));
    const thesaurus = thesauri.thesaurus;
    for (const problem of thesauri.problems) this.log(problem);
    const verbLists = readActionVerbs(settings.actionVerbs.paths.map((path) => resolve(bases[0]!, path)));
    this.verbs = verbLists.verbs;
    for (const problem of verbLists.problems) this.log(problem);
    const corpus = workspaceCorpus(settings.corpus, workspaceFolders);
    const { scope } = corpus;
    const started = Date.now();
    const libraryEntries = this.replica?.entries() ?? [];
    const result = await indexCorpus({
      ...corpus,
      extraDocuments: libraryEntries,
      analyser: createAnalyser(thesaurus),
      analyserKey: analyserKey(thesaurus),
      cacheDir: this.cacheDir,
      extractedFolder: this.extractedFolder(),
      extract: this.extraction.extract,
      checkWorker: bundledCheckWorkerScript(),
      scope,
      previousScope: this.scope ?? undefined,
      onProgress,
      cancelled: () => generation !== this.generation,
      onIndex: (index) => {
        if (this.complete) return;
        // No complete index yet: answer from this one as it fills (open drafts included at once).
        this.index = this.answering(index);
        for (const document of this.open.values()) index.replaceDocument(document);
        this.changed();
      },
    });
    if (generation !== this.generation || result.cancelled) return;
    const index = result.index;
    this.onDisk.clear();
    for (const id of result.documents.keys()) this.onDisk.add(id);
    this.reconcileLibrary(index, new Set(libraryEntries.map((entry) => entry.id)));
    // The editor's text of an open draft wins over its file.
    for (const document of this.open.values()) index.replaceDocument(document);
    this.index = this.answering(index);
    // A library large enough for batches to be shared: the thread is started now, not with the first draft.
    if (index.stats().items >= PARALLEL_FROM.items) void this.questions.ready();
    this.complete = true;
    this.scope = scope;
    this.skipped = result.skipped.filter((file) => !file.path.endsWith(WORKSPACE_DRAFT_GLOB));
    this.belongs = corpusMembership(corpus);
    for (const file of this.skipped) this.log(`Skipped ${file.path}: ${file.reason}`);
    this.log(`${describeCache(result.cache)} (${Date.now() - started} ms)`);
    this.state = 'ready';
    this.changed();
  }

  /** A corpus or workspace file changed on disk: read it again (or drop it) without a rebuild. */
  async fileChanged(uri: string, deleted: boolean): Promise<void> {
    const id = canonicalId(uri);
    const path = uriToPath(id);
    if (deleted || !path) {
      if (this.onDisk.delete(id) && !this.open.has(id)) this.index.removeDocument(id);
      this.changed();
      return;
    }
    const result = await readDocument(path, id, { extractedFolder: this.extractedFolder(), extract: this.extraction.extract });
    if (!result.ok) {
      this.log(`Skipped ${path}: ${result.reason}`);
      this.skipped = [...this.skipped.filter((file) => file.path !== path), { path, reason: result.reason }];
      if (this.onDisk.delete(id) && !this.open.has(id)) this.index.removeDocument(id);
    } else {
      this.skipped = this.skipped.filter((file) => file.path !== path);
      this.onDisk.add(id);
      if (!this.open.has(id)) this.index.replaceDocument(result.document);
    }
    this.changed();
  }

  /**
   * A folder was deleted: every document on disk under it leaves the library. File watchers report only the
   * folder, not each file in it. Returns whether any document went.
   */
  folderDeleted(uri: string): boolean {
    const path = uriToPath(uri);
    if (!path) return false;
    const folder = path.endsWith(sep) ? path : `${path}${sep}`;
    let removed = false;
    for (const id of [...this.onDisk]) {
      if (!uriToPath(id)?.startsWith(folder)) continue;
      this.onDisk.delete(id);
      this.skipped = this.skipped.filter((file) => !file.path.startsWith(folder));
      if (!this.open.has(id)) this.index.removeDocument(id);
      removed = true;
    }
    if (removed) this.changed();
    return removed;
  }

  /** Whether a file on disk is, or would be, part of the library (so that its changes matter). */
  holds(uri: string): boolean {
    const path = uriToPath(uri);
    return this.onDisk.has(canonicalId(uri)) || (path !== null && this.belongs(path));
  }

  /**
   * An open draft's text changed in the editor. It goes into the index when the library is next asked (see
   * `precedents`), read then by `read` (null: no longer open): parsing a 500-item draft and replacing it in the
   * index on every keystroke (about 17 ms) would make a storm of edits queue up seconds of stale work.
   */
  draftChanged(id: string, read: () => RecDocument | null): void {
    this.pendingDrafts.set(id, read);
  }

  /** The newest text of the open drafts changed since the library was last asked, but `exceptId`'s. */
  private bringDraftsIn(exceptId?: string): void {
    for (const [id, read] of this.pendingDrafts) {
      if (id === exceptId) continue;
      this.pendingDrafts.delete(id);
      const document = read();
      if (document) this.setOpenDocument(document);
    }
  }

  /** The editor's text of a draft replaces the file's (an open draft is a precedent for the other drafts). */
  private setOpenDocument(document: RecDocument): void {
    this.open.set(document.id, document);
    this.index.replaceDocument(document);
    this.changed();
  }

  closeDocument(uri: string): void {
    const id = canonicalId(uri);
    this.pendingDrafts.delete(id);
    if (!this.open.delete(id)) return;
    const path = uriToPath(id);
    if (this.onDisk.has(id) && path) void this.fileChanged(id, false);
    else this.index.removeDocument(id);
    this.changed();
  }

  /**
   * A document by URI: the library's copy (an open draft's newest text, a corpus file), else the file read from disk
   * (any format the corpus reads, extracted on the extraction thread); or why it cannot be read.
   */
  async documentAt(uri: string): Promise<{ ok: true; document: RecDocument } | { ok: false; reason: string }> {
    this.bringDraftsIn();
    const id = canonicalId(uri);
    const held = this.open.get(id) ?? this.index.getDocument(id);
    if (held) return { ok: true, document: held };
    const path = uriToPath(id);
    if (path === null) return { ok: false, reason: 'not a file on this machine' };
    const result = await readDocument(path, id, { extractedFolder: this.extractedFolder(), extract: this.extraction.extract });
    return result.ok ? { ok: true, document: result.document } : result;
  }

  /** Where text extracted from PDF, Word files and web pages is kept (and its readable views). */
  extractedFolder(): string {
    return extractedFolder(this.cacheDir) ?? temporaryExtractedFolder();
  }

  /**
   * Where an extracted document (a PDF, Word file or web page) is shown at its lines: the plain-text view of its
   * extraction, written again from the extracted-text cache if it went missing. Null for a text file, or when
   * no view can be had (the caller then shows the original file). `document`: one read outside the library (the
   * earlier document of a comparison), whose extraction is in the same cache.
   */
  viewUriOf(id: string, document: RecDocument | undefined = this.index.getDocument(id)): string | null {
    // A shared library's document: its text file in the local replica.
    const replicaView = this.replica?.viewOf(id);
    if (replicaView) return replicaView;
    const hash = document?.source?.contentHash;
    const path = uriToPath(id);
    if (hash === undefined || path === null) return null;
    const folder = this.extractedFolder();
    const view = extractedViewPath(folder, hash, path);
    if (this.views.has(view)) return pathToUri(view);
    let stored: string | null = view;
    if (!existsSync(view)) {
      const extraction = loadExtraction(folder, hash);
      stored = extraction === null ? null : ensureView(folder, hash, path, extraction.text);
    }
    if (stored === null) return null;
    this.views.set(stored, id);
    return pathToUri(stored);
  }

  /** The document whose text view is at `viewUri` (one this library linked to), or null. */
  documentOfView(viewUri: string): RecDocument | null {
    this.bringDraftsIn();
    const path = uriToPath(viewUri);
    const id = path === null ? undefined : this.views.get(path);
    return id === undefined ? null : this.index.getDocument(id) ?? null;
  }

  /** The headings and terms of the library, for completion (`forDraft` as in `precedents`). */
  vocabulary(forDraft?: string): Vocabulary {
    this.bringDraftsIn(forDraft);
    this.vocabularyCache ??= buildVocabulary(this.index.documents());
    return this.vocabularyCache;
  }

  /** Fuzzy search over every item of the library. */
  search(): LibrarySearch {
    this.bringDraftsIn();
    this.searchCache ??= new LibrarySearch(this.index.documents(), this.index);
    return this.searchCache;
  }

  /** Names a document for people: its file name. */
  displayName(id: string): string {
    const path = uriToPath(id);
    return path ? basename(path) : id;
  }

  private changed(): void {
    this.vocabularyCache = null;
    this.searchCache = null;
  }
}
