// What a corpus is, for the server and the CLI alike: the sources to read (corpus paths, each list with the
// folder it is relative to), the shipped seeds or not, the id a file's document gets, and the scope that names
// its persisted index (two corpora that differ never share one). `indexCorpus` builds the index of one.

import { resolve } from 'node:path';
import { corpusMatcher, type CorpusSource } from './corpusFiles';
import { pathToUri } from './fileUri';

export interface CorpusDefinition {
  sources: CorpusSource[];
  includeSeeds: boolean;
  /** The id a document gets from its absolute path. */
  idOf: (path: string) => string;
  /** What distinguishes this corpus from others sharing the cache folder. */
  scope: string;
}

/** Drafts elsewhere in the workspace are precedents too. */
export const WORKSPACE_DRAFT_GLOB = '**/*.{rec.md,rec.txt,rec}';

/** Whether a file is named as a draft (WORKSPACE_DRAFT_GLOB's names): a draft is written, a precedent read. */
export function isDraftFileName(path: string): boolean {
  return /\.(rec\.md|rec\.txt|rec)$/i.test(path);
}

/**
 * The server's corpus: the corpus paths relative to each workspace folder (the working directory when there is
 * none), and each folder's own drafts; the seeds once. Documents are named by their file URIs.
 */
export function workspaceCorpus(corpus: { paths: readonly string[]; includeSeeds: boolean }, workspaceFolders: readonly string[]): CorpusDefinition {
  const bases = workspaceFolders.length > 0 ? workspaceFolders : [process.cwd()];
  const sources = bases.map((base) => ({ paths: [...corpus.paths, ...(workspaceFolders.length > 0 ? [`${base}/${WORKSPACE_DRAFT_GLOB}`] : [])], baseDir: base }));
  return { sources, includeSeeds: corpus.includeSeeds, idOf: pathToUri, scope: JSON.stringify({ sources, seeds: corpus.includeSeeds, ids: 'uri' }) };
}

/** The CLI's corpus: the corpus paths relative to the working directory. Documents are named by their absolute paths. */
export function commandLineCorpus(paths: readonly string[], includeSeeds: boolean, cwd: string): CorpusDefinition {
  return { sources: [{ paths, baseDir: cwd }], includeSeeds, idOf: (path) => resolve(path), scope: JSON.stringify({ corpus: paths, cwd, seeds: includeSeeds, ids: 'path' }) };
}

/** Whether a file (one created after the corpus was indexed) belongs to the corpus paths of `definition`. */
export function corpusMembership(definition: CorpusDefinition): (path: string) => boolean {
  const matchers = definition.sources.map((source) => corpusMatcher(source.paths, source.baseDir));
  return (path) => matchers.some((matches) => matches(path));
}
