// The action scale's verb lists from disk: the shipped seeds/action-verbs.yaml, then the user's own files
// (added to it, a verb listed again moving to the user's level). A file that cannot be read or parsed is
// reported and left out.

import { join } from 'node:path';
import { emptyActionVerbs, mergeActionVerbs, parseActionVerbs, type ActionVerbs } from '../core/text/actionVerbs';
import { parsedOnChange, type DataFile } from './dataFiles';
import { seedsFolder } from './seedsFolder';

export function shippedActionVerbsPath(): string {
  return join(seedsFolder(), 'action-verbs.yaml');
}

type VerbLists = { verbs: ActionVerbs; problems: string[] };

const readVerbLists = parsedOnChange(parseVerbLists);

export function readActionVerbs(extraPaths: readonly string[] = []): VerbLists {
  return readVerbLists([shippedActionVerbsPath(), ...extraPaths]);
}

function parseVerbLists(contents: readonly DataFile[]): VerbLists {
  const lists: ActionVerbs[] = [emptyActionVerbs()];
  const problems: string[] = [];
  for (const { path, text, reason } of contents) {
    if (text === null) {
      problems.push(`${path}: ${reason}`);
      continue;
    }
    const parsed = parseActionVerbs(text, path);
    if (!parsed.ok) {
      problems.push(parsed.error);
      continue;
    }
    lists.push(parsed.verbs);
    problems.push(...parsed.warnings);
  }
  return { verbs: mergeActionVerbs(lists), problems };
}
