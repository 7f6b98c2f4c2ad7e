// Builds the precedent index of a corpus on disk, for the server and the CLI alike: from the persisted index
// when one matches (documents whose files are unchanged are reused, changed files read again, deleted ones
// dropped), otherwise by reading, parsing and analysing file by file; then the persisted index is brought up
// to date. Work is done in slices that yield to the event loop, so a server answers requests meanwhile from
// what is indexed so far (`onIndex` hands out the index being filled).

import { statSync } from 'node:fs';
import { DEFAULT_MAX_DOCUMENT_BYTES } from '../core/document/decode';
import type { RecDocument } from '../core/document/model';
import { PrecedentIndex, type PrecedentIndexOptions } from '../core/index/precedentIndex';
import type { Analyser } from '../core/text/analyser';
import type { SkippedFile } from './corpus';
import { checkCorpusOnThread } from './corpusCheck';
import { listCorpus, type CorpusSource } from './corpusFiles';
import { documentFromBytes } from './documentFile';
import { maxBytesFor } from './extract/extraction';
import { extractedFolder } from './extract/extractionCache';
import type { Extractor } from './extract/extractionThread';
import { cacheFilePath, fingerprintFile, loadIndexCache, sameFingerprint, saveIndexCache, type FileFingerprint } from './indexCache';
import { seedsFolder } from './seedsFolder';

export interface CorpusIndexOptions {
  /** Corpus paths (folders, files, globs), each list relative to its own base folder. */
  sources?: ReadonlyArray<CorpusSource>;
  /** Shorthand for one source. */
  paths?: readonly string[];
  baseDir?: string;
  includeSeeds: boolean;
  /** The id a document gets from its absolute path (default: the path). */
  idOf?: (path: string) => string;
  analyser: Analyser;
  /** Fingerprint of the analyser (`analyserKey`): a cache made with another is not used. */
  analyserKey: string;
  /** Folder of the persisted index, or null for none. */
  cacheDir: string | null;
  /** What distinguishes this corpus from others sharing the cache folder (e.g. the settings and workspace). */
  scope: string;
  /**
   * The scope indexed before this one (a server whose corpus settings or workspace folders changed). While this
   * scope has no persisted index yet, that scope's is the starting point: the files both share are not read and
   * analysed again (without it, a workspace folder added to a library of 100,000 items is a whole cold build).
   */
  previousScope?: string;
  indexOptions?: PrecedentIndexOptions;
  /** Called once with the index being filled, before any document is read. */
  onIndex?: (index: PrecedentIndex) => void;
  onProgress?: (done: number, total: number) => void;
  /**
   * Script of the corpus check thread (`bundledCheckWorkerScript()`): with a persisted index to load, the files are
   * listed and fingerprinted on it meanwhile. Without it (or if the thread fails), they are checked here.
   */
  checkWorker?: string;
  /** The size of persisted index from which the thread is used (default `CHECK_ON_THREAD_FROM`). */
  checkOnThreadFrom?: number;
  /**
   * Folder of text extracted from PDF, Word and web pages, by content hash (default: `extractedFolder(cacheDir)`,
   * beside the persisted index).
   */
  extractedFolder?: string | null;
  /** How PDF, Word files and web pages are extracted (default: here; the server and the CLI use a thread). */
  extract?: Extractor;
  /**
   * Documents that come from elsewhere than files (the shared library's replica), kept in the persisted index
   * beside the files' under their content hash: one whose hash matches is reused without being parsed or
   * analysed. They are indexed after the files and are not in the result's `documents` or `paths`.
   */
  extraDocuments?: ReadonlyArray<{ id: string; hash: string; document: () => RecDocument | null }>;
  /**
   * The share of the indexed documents (0–1) that must have been read or removed for a persisted index that was
   * used to be written back (default 0: any change). Writing a large index costs seconds; below that share, the
   * next run parses those few documents again instead (a CLI run after a few library changes).
   */
  persistFrom?: number;
  /** Stops early (the result is then incomplete and nothing is persisted). */
  cancelled?: () => boolean;
  maxBytes?: number;
}

export interface CacheOutcome {
  file: string | null;
  /** The previous scope's persisted index, when it was the starting point (this scope had none yet). */
  from: string | null;
  /** Whether a persisted index was used. */
  used: boolean;
  /** Why none was used (missing, stale, truncated, corrupt, another thesaurus…), or null. */
  reason: string | null;
  /** There was no persisted index yet (nothing wrong). */
  missing: boolean;
  reused: number;
  read: number;
  removed: number;
  /** Bytes written, 0 when the persisted index was already up to date or there is none. */
  written: number;
  writeError: string | null;
}

export interface CorpusIndex {
  index: PrecedentIndex;
  /** The documents as read from disk (or the cache), by id. */
  documents: Map<string, RecDocument>;
  paths: Map<string, string>;
  skipped: SkippedFile[];
  cache: CacheOutcome;
  cancelled: boolean;
  /** Whether the files were listed and fingerprinted on the corpus check thread (see `checkWorker`). */
  checkedOnThread: boolean;
  /** Milliseconds spent listing files, loading the persisted index, reading files, writing the index. */
  timings: { list: number; load: number; files: number; save: number };
}

/**
 * Bytes of persisted index from which the files are checked on a thread while it loads. Starting the thread
 * costs ~40 ms; at 16 MB (~20,000 items, ~800 files) checking the files here costs about as much.
 */
export const CHECK_ON_THREAD_FROM = 16 * 1024 * 1024;

/** Milliseconds of work between two yields to the event loop. */
const SLICE_MS = 12;

export async function indexCorpus(options: CorpusIndexOptions): Promise<CorpusIndex> {
  const idOf = options.idOf ?? ((path: string) => path);
  const timings = { list: 0, load: 0, files: 0, save: 0 };
  let started = performance.now();
  const lap = (name: keyof typeof timings) => {
    const now = performance.now();
    timings[name] += now - started;
    started = now;
  };
  const sources = [...(options.sources ?? [])];
  if (options.paths !== undefined) sources.push({ paths: options.paths, baseDir: options.baseDir ?? process.cwd() });
  if (options.includeSeeds) sources.unshift({ paths: [seedsFolder()], baseDir: seedsFolder() });
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_DOCUMENT_BYTES;
  const extracted = options.extractedFolder !== undefined ? options.extractedFolder : extractedFolder(options.cacheDir);
  const cacheFile = options.cacheDir === null ? null : cacheFilePath(options.cacheDir, options.scope);
  const { file: loadFrom, bytes: cachedBytes } = startingIndex(options.cacheDir, options.scope, options.previousScope);
  // With a persisted index to load, the files are listed and fingerprinted meanwhile on a thread.
  const checking = options.checkWorker !== undefined && cachedBytes > 0 && cachedBytes >= (options.checkOnThreadFrom ?? CHECK_ON_THREAD_FROM)
    ? checkCorpusOnThread(options.checkWorker, { sources, maxBytes })
    : null;
  lap('list');

  const cache: CacheOutcome = { file: cacheFile, from: loadFrom !== cacheFile ? loadFrom : null, used: false, reason: null, missing: false, reused: 0, read: 0, removed: 0, written: 0, writeError: null };
  let index: PrecedentIndex | null = null;
  let cached: Map<string, FileFingerprint> | null = null;
  if (loadFrom !== null) {
    const load = loadIndexCache(loadFrom, options.analyser, options.analyserKey, options.indexOptions);
    if (load.ok) {
      index = load.index;
      cached = load.files;
      cache.used = true;
    } else {
      cache.reason = load.reason;
      cache.missing = load.missing;
    }
  }
  index ??= new PrecedentIndex(options.analyser, options.indexOptions);
  lap('load');

  const checked = checking === null ? null : await checking;
  const { files, problems } = checked ?? (await listCorpus(sources));
  const skipped: SkippedFile[] = [...problems];
  options.onIndex?.(index);
  lap('list');

  const documents = new Map<string, RecDocument>();
  const paths = new Map<string, string>();
  const fingerprints = new Map<string, { fingerprint: FileFingerprint; document: RecDocument }>();
  let sliceStart = performance.now();
  let done = 0;
  let cancelled = false;
  const reuse = (id: string, path: string, fingerprint: FileFingerprint, document: RecDocument) => {
    cache.reused++;
    documents.set(id, document);
    paths.set(id, path);
    fingerprints.set(id, { fingerprint, document });
  };
  /** Lets a server answer requests between slices of a large corpus; true when the work is to stop. */
  const pause = async (): Promise<boolean> => {
    if (performance.now() - sliceStart >= SLICE_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    }
    return options.cancelled?.() === true;
  };
  for (let f = 0; f < files.length; f++) {
    if (await pause()) {
      cancelled = true;
      break;
    }
    const path = files[f]!;
    const id = idOf(path);
    const known = cached?.get(id);
    const document = index.getDocument(id);
    const early = checked?.fingerprints[f];
    if (known !== undefined && document !== undefined && early != null && sameFingerprint(early, known)) {
      // Unchanged, as the thread found it: nothing to read.
      reuse(id, path, early, document);
    } else {
      const read = fingerprintFile(path, maxBytesFor(path, maxBytes));
      if (!read.ok) {
        skipped.push({ path, reason: read.reason });
        if (cached?.has(id)) index.removeDocument(id);
        continue;
      }
      const { fingerprint, bytes } = read;
      if (known !== undefined && document !== undefined && sameFingerprint(fingerprint, known)) {
        reuse(id, path, fingerprint, document);
      } else {
        // Extraction is awaited (on its thread, for the server): requests are answered meanwhile.
        const file = await documentFromBytes(path, id, bytes, { maxBytes, extractedFolder: extracted, extract: options.extract }, fingerprint.hash);
        if (!file.ok) {
          skipped.push({ path, reason: file.reason });
          if (document !== undefined) index.removeDocument(id);
        } else {
          const parsed = file.document;
          index.replaceDocument(parsed);
          cache.read++;
          documents.set(id, parsed);
          paths.set(id, path);
          fingerprints.set(id, { fingerprint, document: parsed });
        }
      }
    }
    options.onProgress?.(++done, files.length);
  }
  const extras = new Set<string>();
  for (const extra of options.extraDocuments ?? []) {
    if (await pause()) {
      cancelled = true;
      break;
    }
    const fingerprint: FileFingerprint = { path: extra.id, size: 0, mtimeMs: 0, hash: extra.hash };
    const known = cached?.get(extra.id);
    let document = index.getDocument(extra.id);
    if (known === undefined || document === undefined || !sameFingerprint(known, fingerprint)) {
      const parsed = extra.document();
      if (parsed === null) continue;
      index.replaceDocument(parsed);
      cache.read++;
      document = parsed;
    } else {
      cache.reused++;
    }
    extras.add(extra.id);
    fingerprints.set(extra.id, { fingerprint, document });
  }
  if (cached !== null && !cancelled) {
    for (const id of cached.keys()) {
      if (documents.has(id) || extras.has(id)) continue;
      if (index.removeDocument(id)) cache.removed++;
    }
  }
  lap('files');
  const changes = cache.read + cache.removed;
  const worthWriting = changes > 0 && changes >= (options.persistFrom ?? 0) * index.stats().documents;
  if (cacheFile !== null && !cancelled && (!cache.used || worthWriting || cache.from !== null)) {
    const saved = saveIndexCache(cacheFile, index, options.analyserKey, fingerprints);
    if (saved.ok) cache.written = saved.bytes;
    else cache.writeError = saved.reason;
  }
  lap('save');
  return { index, documents, paths, skipped, cache, cancelled, checkedOnThread: checked !== null, timings };
}

/** The persisted index to start from: this scope's, else (none yet) the previous scope's; and its size. */
function startingIndex(cacheDir: string | null, scope: string, previousScope: string | undefined): { file: string | null; bytes: number } {
  if (cacheDir === null) return { file: null, bytes: 0 };
  const own = cacheFilePath(cacheDir, scope);
  const ownBytes = fileSize(own);
  if (ownBytes > 0 || previousScope === undefined) return { file: own, bytes: ownBytes };
  const previous = cacheFilePath(cacheDir, previousScope);
  const previousBytes = fileSize(previous);
  return previousBytes > 0 ? { file: previous, bytes: previousBytes } : { file: own, bytes: 0 };
}

/** A file's size, 0 if there is none. */
function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/** One line for a log: what the persisted index did. */
export function describeCache(cache: CacheOutcome): string {
  if (cache.file === null) return 'Index cache off.';
  const parts: string[] = [];
  const from = cache.from === null ? '' : ` (started from ${cache.from}, the previous corpus's)`;
  if (cache.used) parts.push(`Index cache ${cache.file}${from}: reused ${cache.reused} documents, read ${cache.read}, removed ${cache.removed}`);
  else parts.push(`Index cache ${cache.file} not used (${cache.reason}); indexed ${cache.read} documents`);
  if (cache.written > 0) parts.push(`wrote ${(cache.written / 1048576).toFixed(1)} MB`);
  if (cache.writeError !== null) parts.push(`not written: ${cache.writeError}`);
  return `${parts.join('; ')}.`;
}
