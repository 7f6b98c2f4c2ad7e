// Expands the corpus paths a user gives (folders, files, globs; absolute or relative to a base folder) into
// the document files to index. A path that matches nothing is reported, not fatal: a corpus folder on a
// shared drive may be missing today.

import { statSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import { glob, isDynamicPattern } from 'tinyglobby';

/** File types read as documents when a folder is given (an explicitly named file is read whatever its type). */
export const DOCUMENT_GLOB = '**/*.{txt,md,markdown,rec,pdf,docx,odt,html,htm}';
/** Document formats a folder may hold that Precedent cannot read: named as skipped, with what to do instead. */
const UNSUPPORTED_GLOB = '**/*.{doc,rtf,pages,wpd,xps,epub}';
const UNSUPPORTED_ADVICE: Record<string, string> = {
  doc: 'the old Word format (.doc) is not read: save it as .docx or PDF',
  rtf: 'RTF is not read: save it as .docx or PDF',
};
const IGNORED = ['**/node_modules/**', '**/.git/**'];

/** Corpus paths (folders, files, globs) and the folder the relative ones are resolved against. */
export interface CorpusSource {
  paths: readonly string[];
  baseDir: string;
}

export interface CorpusFiles {
  files: string[];
  problems: { path: string; reason: string }[];
}

/**
 * The document files of several lists of corpus paths (each relative to its own base folder), each file once,
 * in the order met, with what matched nothing.
 */
export async function listCorpus(sources: ReadonlyArray<CorpusSource>): Promise<CorpusFiles> {
  const files: string[] = [];
  const seen = new Set<string>();
  const problems: CorpusFiles['problems'] = [];
  for (const source of sources) {
    const expanded = await expandCorpusPaths(source.paths, source.baseDir);
    for (const file of expanded.files) if (!seen.has(file)) seen.add(file), files.push(file);
    problems.push(...expanded.problems);
  }
  return { files, problems };
}

export async function expandCorpusPaths(paths: readonly string[], baseDir: string): Promise<CorpusFiles> {
  const files = new Set<string>();
  const problems: CorpusFiles['problems'] = [];
  for (const path of paths) {
    const absolute = isAbsolute(path) ? path : resolve(baseDir, path);
    const kind = fileKind(absolute);
    if (kind === 'directory') {
      for (const file of await glob(DOCUMENT_GLOB, { cwd: absolute, absolute: true, onlyFiles: true, ignore: IGNORED, followSymbolicLinks: false })) files.add(resolve(file));
      for (const file of await glob(UNSUPPORTED_GLOB, { cwd: absolute, absolute: true, onlyFiles: true, ignore: IGNORED, followSymbolicLinks: false })) {
        const extension = file.slice(file.lastIndexOf('.') + 1).toLowerCase();
        problems.push({ path: resolve(file), reason: UNSUPPORTED_ADVICE[extension] ?? `unsupported format (.${extension}): save it as PDF, .docx or text` });
      }
    } else if (kind === 'file') {
      files.add(absolute);
    } else if (isDynamicPattern(path)) {
      const matches = await glob(path, { cwd: baseDir, absolute: true, onlyFiles: true, ignore: IGNORED, followSymbolicLinks: false, expandDirectories: false });
      if (matches.length === 0) problems.push({ path, reason: 'the pattern matches no file' });
      for (const file of matches) files.add(resolve(file));
    } else {
      problems.push({ path, reason: kind === 'missing' ? 'no such file or folder' : kind });
    }
  }
  return { files: [...files].sort(), problems };
}

function fileKind(path: string): 'file' | 'directory' | 'missing' | string {
  try {
    const stats = statSync(path);
    return stats.isDirectory() ? 'directory' : stats.isFile() ? 'file' : 'not a regular file';
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? 'missing' : describeFileError(error);
  }
}

/** A file-system error as a reason a person understands. */
export function describeFileError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT': return 'no such file';
    case 'EACCES':
    case 'EPERM': return 'permission denied';
    case 'EISDIR': return 'is a folder, not a file';
    case 'ELOOP': return 'symbolic link loop';
    case 'EMFILE': return 'too many open files';
    default: return error instanceof Error ? error.message : String(error);
  }
}

/**
 * Whether a file belongs to the corpus the paths describe, to take in a file created after indexing
 * without expanding every path again.
 */
export function corpusMatcher(paths: readonly string[], baseDir: string): (file: string) => boolean {
  const documentFile = picomatch(DOCUMENT_GLOB, { dot: false });
  const tests = paths.map((path): ((file: string) => boolean) => {
    const absolute = isAbsolute(path) ? path : resolve(baseDir, path);
    if (fileKind(absolute) === 'directory') {
      const folder = absolute.endsWith(sep) ? absolute : `${absolute}${sep}`;
      return (file) => file.startsWith(folder) && documentFile(relative(folder, file));
    }
    if (isDynamicPattern(path)) {
      const pattern = picomatch(isAbsolute(path) ? path : resolve(baseDir, path).split(sep).join('/'));
      return (file) => pattern(file.split(sep).join('/'));
    }
    return (file) => file === absolute;
  });
  return (file) => tests.some((test) => test(file));
}
