// Extracted text kept by content hash beside the persisted index (<cache>/extracted/): a warm start, a file
// moved or renamed, or a second library holding the same PDF never extracts it again. Each entry also leaves a
// plain-text view of the extraction (<hash>/<original name>.txt) that editors open when a precedent from a PDF,
// Word file or web page is shown at its line. A missing, unreadable or other-version entry is extracted anew,
// never trusted.

import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Extraction } from './extraction';

/** Bumped whenever extraction writes different text for the same bytes. */
export const EXTRACTION_VERSION = 1;

/** The folder of extracted text beside the persisted index; none without a persisted index (the CLI's --no-cache). */
export function extractedFolder(cacheDir: string | null): string | null {
  return cacheDir === null ? null : join(cacheDir, 'extracted');
}

/**
 * A folder for the text views the server links precedents to when it keeps no persisted index: editors need a
 * file to open at a line.
 */
export function temporaryExtractedFolder(): string {
  return join(tmpdir(), `precedent-extracted-${process.getuid?.() ?? 'user'}`);
}

/** The readable text view of an extracted file, named after the original ("viet-nam-2020.pdf.txt"). */
export function extractedViewPath(folder: string, contentHash: string, originalPath: string): string {
  return join(folder, contentHash, `${basename(originalPath)}.txt`);
}

export function loadExtraction(folder: string, contentHash: string): Extraction | null {
  try {
    const stored = JSON.parse(readFileSync(join(folder, `${contentHash}.json`), 'utf8')) as { version?: number; extraction?: Extraction };
    const extraction = stored.extraction;
    if (stored.version !== EXTRACTION_VERSION || !extraction || typeof extraction.text !== 'string') return null;
    if (!Array.isArray(extraction.generatedLabelLines) || (extraction.pageStarts !== null && !Array.isArray(extraction.pageStarts))) return null;
    return extraction;
  } catch {
    return null;
  }
}

/** Keeps an extraction and its text view; a cache that cannot be written costs a later extraction, nothing more. */
export function saveExtraction(folder: string, contentHash: string, originalPath: string, extraction: Extraction): void {
  try {
    mkdirSync(join(folder, contentHash), { recursive: true });
    writeAtomically(join(folder, `${contentHash}.json`), JSON.stringify({ version: EXTRACTION_VERSION, extraction }));
    ensureView(folder, contentHash, originalPath, extraction.text);
  } catch {
    // Read-only or full disk: extraction still works, it is only done again next time.
  }
}

/** Writes the text view if it is missing (a cleaned temporary folder); returns its path, or null if it cannot. */
export function ensureView(folder: string, contentHash: string, originalPath: string, text: string): string | null {
  const view = extractedViewPath(folder, contentHash, originalPath);
  try {
    if (!existsSync(view)) {
      mkdirSync(join(folder, contentHash), { recursive: true });
      writeAtomically(view, text);
    }
    return view;
  } catch {
    return null;
  }
}

function writeAtomically(path: string, data: string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, data);
  renameSync(temporary, path);
}
