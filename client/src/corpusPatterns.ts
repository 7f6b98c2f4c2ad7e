// Where to watch the corpus: the corpus paths (folders, files, globs; absolute or relative to the first
// workspace folder, as the server reads them) that lie outside every workspace folder, as watch patterns.
// Kept apart from the watchers so that it can be tested without the language client.

import * as path from 'node:path';
import * as vscode from 'vscode';

/** The document files the corpus reads from a folder (the server's DOCUMENT_GLOB). */
export const DOCUMENT_GLOB = '**/*.{txt,md,markdown,rec}';
const GLOB_CHARACTERS = /[*?[\]{}!]/;

/** Watch patterns for the corpus paths that are not inside a workspace folder (those are watched already). */
export function outsidePatterns(corpusPaths: readonly string[]): vscode.RelativePattern[] {
  const folders = vscode.workspace.workspaceFolders?.map((folder) => folder.uri.fsPath) ?? [];
  const base = folders[0];
  const patterns: vscode.RelativePattern[] = [];
  for (const entry of corpusPaths) {
    const trimmed = entry.trim();
    if (!trimmed) continue;
    if (!path.isAbsolute(trimmed) && base === undefined) continue;
    const absolute = path.isAbsolute(trimmed) ? trimmed : path.resolve(base!, trimmed);
    const { root, glob } = splitGlob(absolute);
    if (folders.some((folder) => isInside(root, folder))) continue;
    patterns.push(new vscode.RelativePattern(vscode.Uri.file(root), glob));
  }
  return patterns;
}

/** `/a/b/**\/*.md` → root `/a/b`, glob `**\/*.md`; a folder → the document glob; a file → its own name. */
export function splitGlob(absolute: string): { root: string; glob: string } {
  const parts = absolute.split(/[\\/]+/);
  const firstGlob = parts.findIndex((part) => GLOB_CHARACTERS.test(part));
  if (firstGlob >= 0) {
    const root = parts.slice(0, firstGlob).join(path.sep) || path.sep;
    return { root, glob: parts.slice(firstGlob).join('/') };
  }
  if (/\.(txt|md|markdown|rec)$/i.test(absolute)) return { root: path.dirname(absolute), glob: path.basename(absolute) };
  return { root: absolute, glob: DOCUMENT_GLOB };
}

function isInside(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}
