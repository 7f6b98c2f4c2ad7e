// The persisted precedent index on disk (SPEC §2): where it lives, what it is keyed by, reading and writing it.
// The bytes are the core's (`core/index/serialise.ts`: format version, checksum); here the file.
//
// Key: the index format version (in the bytes), the analyser (a hash of the thesaurus and analysis settings),
// and every corpus file's path (document id), size, modification time and content hash. A cached document is
// reused only when all four of its file's match; other files are read again. A missing, stale, truncated or
// corrupt file is reported with its reason and rebuilt, never trusted. Writes are atomic (temporary file, then
// rename), so a crash or a second server never leaves half a file under the real name.

import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir, platform } from 'node:os';
import { join } from 'node:path';
import type { RecDocument } from '../core/document/model';
import { deserialiseIndex, INDEX_FORMAT_VERSION, readIndexHeader, serialiseIndex, storable } from '../core/index/serialise';
import type { PrecedentIndex, PrecedentIndexOptions } from '../core/index/precedentIndex';
import type { Analyser } from '../core/text/analyser';
import type { Thesaurus } from '../core/text/thesaurus';
import { describeFileError } from './corpusFiles';
import { readFileBounded } from './boundedRead';
import { EXTRACTION_VERSION } from './extract/extractionCache';

export interface FileFingerprint {
  path: string;
  size: number;
  mtimeMs: number;
  /** SHA-1 of the file's bytes, hex. */
  hash: string;
}

interface StoredKey {
  analyser: string;
  /** [document id, path, size, mtimeMs, hash] */
  files: Array<[string, string, number, number, string]>;
}

export function hashBytes(bytes: Uint8Array): string {
  return createHash('sha1').update(bytes).digest('hex');
}

/**
 * A corpus file's fingerprint and bytes, or why it cannot be read. Bounded and non-blocking (readFileBounded):
 * readFileSync read a huge file whole before the size check (gigabytes in memory) and blocked for ever on a FIFO.
 */
export function fingerprintFile(path: string, maxBytes: number): { ok: true; fingerprint: FileFingerprint; bytes: Uint8Array } | { ok: false; reason: string } {
  const read = readFileBounded(path, maxBytes);
  if (!read.ok) return read;
  return { ok: true, fingerprint: { path, size: read.size, mtimeMs: read.mtimeMs, hash: hashBytes(read.bytes) }, bytes: read.bytes };
}

export function sameFingerprint(a: FileFingerprint, b: FileFingerprint): boolean {
  return a.path === b.path && a.size === b.size && a.mtimeMs === b.mtimeMs && a.hash === b.hash;
}

/**
 * What the stored documents depend on besides the files' bytes: the thesaurus (spellings, concepts), the format
 * version, and the extraction's version (a PDF whose bytes are unchanged reads differently when extraction does).
 */
export function analyserKey(thesaurus: Thesaurus, options: object = {}): string {
  const spelling = [...thesaurus.spelling].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const groups = [...thesaurus.groups].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return createHash('sha1').update(JSON.stringify({ format: INDEX_FORMAT_VERSION, extraction: EXTRACTION_VERSION, spelling, groups, options })).digest('hex');
}

/**
 * The cache folder for editors other than VS Code and for the CLI: `$XDG_CACHE_HOME/precedent`, else the
 * platform's user cache folder (`~/.cache`, `~/Library/Caches`, `%LOCALAPPDATA%`) + `precedent`.
 */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.XDG_CACHE_HOME) return join(env.XDG_CACHE_HOME, 'precedent');
  if (platform() === 'win32' && env.LOCALAPPDATA) return join(env.LOCALAPPDATA, 'precedent', 'cache');
  if (platform() === 'darwin') return join(homedir(), 'Library', 'Caches', 'precedent');
  return join(homedir(), '.cache', 'precedent');
}

/** One cache file per corpus definition (`scope`: the corpus paths, base folders, seeds on or off, id kind). */
export function cacheFilePath(cacheDir: string, scope: string): string {
  return join(cacheDir, `index-${createHash('sha1').update(scope).digest('hex').slice(0, 16)}.bin`);
}

export type CacheLoad =
  | { ok: true; index: PrecedentIndex; files: Map<string, FileFingerprint> }
  | { ok: false; reason: string; missing: boolean };

/** Reads a cache file: the index and the fingerprints of the files it was built from, or why not. */
export function loadIndexCache(file: string, analyser: Analyser, expectedAnalyserKey: string, options: PrecedentIndexOptions = {}): CacheLoad {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    return { ok: false, reason: missing ? 'no cached index yet' : `cannot read ${file}: ${describeFileError(error)}`, missing };
  }
  const header = readIndexHeader(bytes);
  if (!header.ok) return { ok: false, reason: header.reason, missing: false };
  let key: StoredKey;
  try {
    key = JSON.parse(header.key) as StoredKey;
    if (typeof key.analyser !== 'string' || !Array.isArray(key.files)) throw new Error('bad key');
  } catch {
    return { ok: false, reason: 'unreadable key', missing: false };
  }
  if (key.analyser !== expectedAnalyserKey) return { ok: false, reason: 'built with another thesaurus or analysis', missing: false };
  const read = deserialiseIndex(bytes, analyser, options);
  if (!read.ok) return { ok: false, reason: read.reason, missing: false };
  const files = new Map<string, FileFingerprint>();
  for (const [id, path, size, mtimeMs, hash] of key.files) files.set(id, { path, size, mtimeMs, hash });
  // Every stored document must be one of the fingerprinted files, and the other way round.
  const ids = read.index.documents().map((d) => d.id);
  if (ids.length !== files.size || ids.some((id) => !files.has(id))) return { ok: false, reason: 'documents and file fingerprints disagree', missing: false };
  return { ok: true, index: read.index, files };
}

/**
 * Writes the documents of `index` that were read from `files` (exactly those objects: an open draft's text
 * shadowing a file is never written under the file's fingerprint). Returns the bytes written or why not.
 */
export function saveIndexCache(file: string, index: PrecedentIndex, analyserKeyValue: string, files: ReadonlyMap<string, { fingerprint: FileFingerprint; document: RecDocument }>): { ok: true; bytes: number; leftOut: string[] } | { ok: false; reason: string } {
  try {
    // The key lists exactly the stored documents' files; a document the format cannot store is read next time.
    const key: StoredKey = { analyser: analyserKeyValue, files: [] };
    const leftOut: string[] = [];
    for (const [id, { fingerprint: f, document }] of files) {
      if (index.getDocument(id) !== document) continue;
      if (!storable(document)) {
        leftOut.push(id);
        continue;
      }
      key.files.push([id, f.path, f.size, f.mtimeMs, f.hash]);
    }
    const storedIds = new Set(key.files.map((f) => f[0]));
    const result = serialiseIndex(index, JSON.stringify(key), (doc) => storedIds.has(doc.id));
    mkdirSync(join(file, '..'), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    try {
      writeFileSync(temporary, result.bytes);
      renameSync(temporary, file);
    } catch (error) {
      rmSync(temporary, { force: true });
      throw error;
    }
    pruneCacheFolder(join(file, '..'), file);
    return { ok: true, bytes: result.bytes.length, leftOut };
  } catch (error) {
    return { ok: false, reason: `cannot write ${file}: ${describeFileError(error)}` };
  }
}

/** Cache files kept in one folder (one per corpus definition): the most recently written. */
export const KEEP_CACHE_FILES = 12;

/** Deletes all but the newest `KEEP_CACHE_FILES` index files of a folder (never `keep`); errors are ignored. */
function pruneCacheFolder(dir: string, keep: string): void {
  try {
    const files = readdirSync(dir)
      .filter((name) => /^index-[0-9a-f]{16}\.bin$/.test(name))
      .map((name) => join(dir, name))
      .map((path) => ({ path, mtime: statSync(path).mtimeMs }))
      .sort((a, b) => b.mtime - a.mtime);
    for (const { path } of files.slice(KEEP_CACHE_FILES)) if (path !== keep) rmSync(path, { force: true });
  } catch {
    // A cache folder that cannot be listed is no reason to fail.
  }
}
