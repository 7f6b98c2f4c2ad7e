// The thesaurus from disk: the shipped one, merged with the user's extra thesaurus files. A file that cannot be
// read or parsed is reported and left out.

import { basename } from 'node:path';
import { DEFAULT_MAX_DOCUMENT_BYTES } from '../core/document/decode';
import { mergeThesauri, parseThesaurus, type Thesaurus } from '../core/text/thesaurus';
import { readFileBounded } from './boundedRead';
import { shippedThesaurusPath } from './seedsFolder';

export interface ThesaurusLoad {
  thesaurus: Thesaurus;
  problems: string[];
}

/**
 * The last thesauri read, by the files' paths and contents: parsing the shipped thesaurus's YAML takes about
 * 100 ms, which a server would otherwise pay twice before its first findings (at start and at its first
 * indexing). The same files with the same contents give the same (unchanged) thesaurus object, and so the same
 * analyser.
 */
let lastThesauri: { key: string; load: ThesaurusLoad } | null = null;

/** The shipped thesaurus merged with the user's extra thesaurus files; a bad file is reported and left out. */
export function readThesauri(extraPaths: readonly string[]): ThesaurusLoad {
  // Bounded and non-blocking, like a corpus file: a thesaurus path naming a FIFO or a device would hang the server.
  const contents = [shippedThesaurusPath(), ...extraPaths].map((path) => {
    const read = readFileBounded(path, DEFAULT_MAX_DOCUMENT_BYTES);
    return { path, text: read.ok ? Buffer.from(read.bytes).toString('utf8') : null, reason: read.ok ? null : read.reason };
  });
  const key = JSON.stringify(contents);
  if (lastThesauri?.key === key) return lastThesauri.load;
  const load = parseThesauri(contents);
  lastThesauri = { key, load };
  return load;
}

function parseThesauri(contents: ReadonlyArray<{ path: string; text: string | null; reason: string | null }>): ThesaurusLoad {
  const thesauri: Thesaurus[] = [];
  const problems: string[] = [];
  for (const { path, text, reason } of contents) {
    if (text === null) {
      problems.push(`${path}: ${reason}`);
      continue;
    }
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
