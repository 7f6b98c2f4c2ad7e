// The project's YAML data files (the thesaurus, the action scale's verb lists): the shipped file and the
// user's own, read bounded and non-blocking like a corpus file (a path naming a FIFO or a device would hang the
// server), and parsed again only when a path or a content changed: a server reads them at start and at every
// rebuild, and parsing the shipped thesaurus takes about 100 ms before its first findings.

import { DEFAULT_MAX_DOCUMENT_BYTES } from '../core/document/decode';
import { readFileBounded } from './boundedRead';

/** A data file's text, or why it could not be read. */
export interface DataFile {
  path: string;
  text: string | null;
  reason: string | null;
}

/**
 * `parse` of the files at the paths given, remembered for the last paths and contents: the same files with the
 * same contents give the same (unchanged) result object.
 */
export function parsedOnChange<T>(parse: (files: readonly DataFile[]) => T): (paths: readonly string[]) => T {
  let last: { key: string; result: T } | null = null;
  return (paths) => {
    const files = paths.map((path): DataFile => {
      const read = readFileBounded(path, DEFAULT_MAX_DOCUMENT_BYTES);
      return { path, text: read.ok ? Buffer.from(read.bytes).toString('utf8') : null, reason: read.ok ? null : read.reason };
    });
    const key = JSON.stringify(files);
    if (last?.key !== key) last = { key, result: parse(files) };
    return last.result;
  };
}
