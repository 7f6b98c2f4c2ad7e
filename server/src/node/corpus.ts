// Reads the precedent corpus from disk for the CLI and the server alike: the shipped seeds (unless turned off)
// plus the user's corpus paths, each file decoded and parsed by the core. Files that cannot be read are
// skipped with their reason; nothing here throws for a bad file.

import { basename } from 'node:path';
import type { RecDocument } from '../core/document/model';
import { mergeThesauri, parseThesaurus, type Thesaurus } from '../core/text/thesaurus';
import { DEFAULT_MAX_DOCUMENT_BYTES } from '../core/document/decode';
import { expandCorpusPaths } from './corpusFiles';
import { readFileBounded } from './boundedRead';
import { readDocument } from './documentFile';
import { seedsFolder, shippedThesaurusPath } from './seedsFolder';

export interface CorpusOptions {
  paths: readonly string[];
  includeSeeds: boolean;
  /** Folder that relative corpus paths are resolved against (the working directory, a workspace folder). */
  baseDir: string;
  /** The id a document gets from its absolute path (the path itself in the CLI, a file URI in the server). */
  idOf?: (path: string) => string;
  /** Called after each file, for progress reports. */
  onProgress?: (done: number, total: number) => void;
  /** Folder of extracted text (PDF, Word, web pages) by content hash. */
  extractedFolder?: string | null;
}

export interface SkippedFile {
  path: string;
  reason: string;
}

export interface Corpus {
  documents: RecDocument[];
  /** Absolute path of each document, by id. */
  paths: Map<string, string>;
  skipped: SkippedFile[];
}

export async function readCorpus(options: CorpusOptions): Promise<Corpus> {
  const idOf = options.idOf ?? ((path: string) => path);
  const paths = [...(options.includeSeeds ? [seedsFolder()] : []), ...options.paths];
  const expanded = await expandCorpusPaths(paths, options.baseDir);
  const corpus: Corpus = { documents: [], paths: new Map(), skipped: expanded.problems.map(({ path, reason }) => ({ path, reason })) };
  let done = 0;
  for (const path of expanded.files) {
    const id = idOf(path);
    const result = await readDocument(path, id, { extractedFolder: options.extractedFolder ?? null });
    if (result.ok) {
      corpus.documents.push(result.document);
      corpus.paths.set(id, path);
    } else {
      corpus.skipped.push({ path, reason: result.reason });
    }
    options.onProgress?.(++done, expanded.files.length);
    // Let a server answer requests between files of a large corpus.
    if (done % 200 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  return corpus;
}

export interface ThesaurusLoad {
  thesaurus: Thesaurus;
  problems: string[];
}

/** The shipped thesaurus merged with the user's extra thesaurus files; a bad file is reported and left out. */
export function readThesauri(extraPaths: readonly string[]): ThesaurusLoad {
  const thesauri: Thesaurus[] = [];
  const problems: string[] = [];
  for (const path of [shippedThesaurusPath(), ...extraPaths]) {
    // Bounded and non-blocking, like a corpus file: a thesaurus path naming a FIFO or a device would hang the server.
    const read = readFileBounded(path, DEFAULT_MAX_DOCUMENT_BYTES);
    if (!read.ok) {
      problems.push(`${path}: ${read.reason}`);
      continue;
    }
    const text = Buffer.from(read.bytes).toString('utf8');
    const parsed = parseThesaurus(text, basename(path));
    if (parsed.ok) {
      thesauri.push(parsed.thesaurus);
      problems.push(...parsed.warnings.map((warning) => `${path}: ${warning}`));
    } else {
      problems.push(`${path}${parsed.error.line ? `:${parsed.error.line}` : ''}: ${parsed.error.message}`);
    }
  }
  return { thesaurus: mergeThesauri(thesauri), problems };
}
