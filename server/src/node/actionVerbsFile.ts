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

type VerbLists = { verbs: ActionVerbs; problems: string[] };

/** The last lists read, by the files' paths and contents: a server reads them at start and at every rebuild. */
let lastLists: { key: string; lists: VerbLists } | null = null;

export function readActionVerbs(extraPaths: readonly string[] = []): VerbLists {
  const contents = [shippedActionVerbsPath(), ...extraPaths].map((path) => {
    const read = readFileBounded(path, DEFAULT_MAX_DOCUMENT_BYTES);
    return { path, text: read.ok ? Buffer.from(read.bytes).toString('utf8') : null, reason: read.ok ? null : read.reason };
  });
  const key = JSON.stringify(contents);
  if (lastLists?.key === key) return lastLists.lists;
  const lists = parseVerbLists(contents);
  lastLists = { key, lists };
  return lists;
}

function parseVerbLists(contents: ReadonlyArray<{ path: string; text: string | null; reason: string | null }>): VerbLists {
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
