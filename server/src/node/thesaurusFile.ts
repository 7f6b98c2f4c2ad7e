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
