// What the extraction layer gives back: a document's text as the parser reads it, with a map back to the
// original (the page each line starts on) and the lines whose label the authoring program wrote (Word's
// automatic numbering), or the reason the file cannot be read. Bytes in, text out; the pure core then parses
// the text and knows nothing of formats.

import type { DocumentSource } from '../../core/document/model';

/** The formats read by extraction; every other file is read as text (plain text or Markdown). */
export type ExtractedFormat = 'pdf' | 'docx' | 'odt' | 'html';

export interface Extraction {
  text: string;
  /** 0-based line at which each page starts, for formats with pages (PDF); null otherwise. */
  pageStarts: number[] | null;
  /** 0-based lines whose label was written by the authoring program, not typed (automatic numbering). */
  generatedLabelLines: number[];
  /** Pages (PDF) or parts read, for progress and the benchmark. */
  pages: number;
}

export type ExtractionResult = { ok: true; extraction: Extraction } | { ok: false; reason: string };

/**
 * Limits on untrusted bytes: a file that would exceed one is refused with a reason, never read whole.
 * A zip bomb (a .docx whose XML inflates to gigabytes) meets `maxInflatedBytes`; a PDF that claims millions of
 * pages meets `maxPages`; a file that keeps the parser busy meets `maxMilliseconds`.
 */
export interface ExtractionLimits {
  maxPages: number;
  maxInflatedBytes: number;
  maxTextCharacters: number;
  maxMilliseconds: number;
}

export const DEFAULT_EXTRACTION_LIMITS: ExtractionLimits = {
  maxPages: 2000,
  maxInflatedBytes: 64 * 1024 * 1024,
  maxTextCharacters: 8 * 1024 * 1024,
  maxMilliseconds: 60_000,
};

/** Largest original file read, by format: PDFs and Word files carry images and fonts beside their text. */
export const MAX_FILE_BYTES: Record<ExtractedFormat, number> = {
  pdf: 100 * 1024 * 1024,
  docx: 50 * 1024 * 1024,
  odt: 50 * 1024 * 1024,
  html: 10 * 1024 * 1024,
};

const EXTENSIONS: Record<string, ExtractedFormat> = { '.pdf': 'pdf', '.docx': 'docx', '.odt': 'odt', '.html': 'html', '.htm': 'html', '.xhtml': 'html' };

/** The extracted format of a file by its name, or null for a text document. */
export function formatOfPath(path: string): ExtractedFormat | null {
  const lower = path.toLowerCase();
  const dot = lower.lastIndexOf('.');
  return dot < 0 ? null : EXTENSIONS[lower.slice(dot)] ?? null;
}

/** The model's record of where a document's text came from. */
export function documentSource(format: ExtractedFormat, extraction: Extraction, contentHash: string): DocumentSource {
  return { format, pageStarts: extraction.pageStarts, generatedLabelLines: extraction.generatedLabelLines, contentHash };
}

/** Text that is only whitespace: an extraction that found nothing to read. */
export function isEmptyText(text: string): boolean {
  return !/\S/.test(text);
}

/** The largest file read at `path`: its format's limit, or `textMaxBytes` for a text document. */
export function maxBytesFor(path: string, textMaxBytes: number): number {
  const format = formatOfPath(path);
  return format === null ? textMaxBytes : Math.max(textMaxBytes, MAX_FILE_BYTES[format]);
}
