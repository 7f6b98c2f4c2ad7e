// Files named by URI, as the server names documents: a path's `file:` URI, the path of a URI, and one id per
// file however a client spelled its URI.

import { fileURLToPath, pathToFileURL } from 'node:url';

export function pathToUri(path: string): string {
  return pathToFileURL(path).href;
}

/** The file-system path of a `file:` URI, or null for other schemes (untitled drafts). */
export function uriToPath(uri: string): string | null {
  if (!uri.startsWith('file:')) return null;
  try {
    return fileURLToPath(uri);
  } catch {
    return null;
  }
}

/** One id per file, however a client spelled its URI (`file:///a%20b` and `file:///a b` are one file). */
export function canonicalId(uri: string): string {
  const path = uriToPath(uri);
  return path ? pathToUri(path) : uri;
}
