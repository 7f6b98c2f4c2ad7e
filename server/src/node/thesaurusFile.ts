// The thesaurus from disk: the shipped one, merged with the user's extra thesaurus files. A file that cannot be
// read or parsed is reported and left out.

import { basename } from 'node:path';
import { mergeThesauri, parseThesaurus, type Thesaurus } from '../core/text/thesaurus';
import { parsedOnChange, type DataFile } from './dataFiles';
import { shippedThesaurusPath } from './seedsFolder';

export interface ThesaurusLoad {
  thesaurus: Thesaurus;
  problems: string[];
}

const readThesaurusFiles = parsedOnChange(parseThesauri);

/** The shipped thesaurus merged with the user's extra thesaurus files; a bad file is reported and left out. */
export function readThesauri(extraPaths: readonly string[]): ThesaurusLoad {
  return readThesaurusFiles([shippedThesaurusPath(), ...extraPaths]);
}

function parseThesauri(contents: readonly DataFile[]): ThesaurusLoad {
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
