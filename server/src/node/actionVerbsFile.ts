// The action scale's verb lists from disk: the shipped seeds/action-verbs.yaml, then the user's own files
// (added to it, a verb listed again moving to the user's level). A file that cannot be read or parsed is
// reported and left out.

import { join } from 'node:path';
import { emptyActionVerbs, mergeActionVerbs, parseActionVerbs, type ActionVerbs } from '../core/text/actionVerbs';
import { DEFAULT_MAX_DOCUMENT_BYTES } from '../core/document/decode';
import { readFileBounded } from './boundedRead';
import { seedsFolder } from './seedsFolder';

export function shippedActionVerbsPath(): string {
  return join(seedsFolder(), 'action-verbs.yaml');
}

export function readActionVerbs(extraPaths: readonly string[] = []): { verbs: ActionVerbs; problems: string[] } {
  const lists: ActionVerbs[] = [emptyActionVerbs()];
  const problems: string[] = [];
  for (const path of [shippedActionVerbsPath(), ...extraPaths]) {
    const read = readFileBounded(path, DEFAULT_MAX_DOCUMENT_BYTES);
    if (!read.ok) {
      problems.push(`${path}: ${read.reason}`);
      continue;
    }
    const parsed = parseActionVerbs(Buffer.from(read.bytes).toString('utf8'), path);
    if (!parsed.ok) {
      problems.push(parsed.error);
      continue;
    }
    lists.push(parsed.verbs);
    problems.push(...parsed.warnings);
  }
  return { verbs: mergeActionVerbs(lists), problems };
}
