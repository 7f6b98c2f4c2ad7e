// A corpus read whole into documents, without an index or a persisted one (the benchmarks and tests that build
// an index of their own; the server and the CLI index a corpus with `indexCorpus`): the shipped seeds (unless
// turned off) plus the corpus paths, each file read by `readDocument`. Files that cannot be read are skipped
// with their reason; nothing here throws for a bad file.

import type { RecDocument } from '../core/document/model';
import { expandCorpusPaths } from './corpusFiles';
import { readDocument } from './documentFile';
import { seedsFolder } from './seedsFolder';

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
