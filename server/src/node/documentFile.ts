// Reads one document file: bytes from disk; a text file is decoded and parsed by the pure core, a PDF, Word
// file or web page goes through the extraction layer first (its text kept by content hash, so that it is
// extracted once), and the parsed document records where its text came from (format, pages).

import { decodeDocument, DEFAULT_MAX_DOCUMENT_BYTES } from '../core/document/decode';
import type { RecDocument } from '../core/document/model';
import { parseDocument } from '../core/document/parse';
import { readFileBounded } from './boundedRead';
import { DEFAULT_EXTRACTION_LIMITS, documentSource, formatOfPath, maxBytesFor, type ExtractedFormat, type ExtractionLimits } from './extract/extraction';
import { loadExtraction, saveExtraction } from './extract/extractionCache';
import type { Extractor } from './extract/extractionThread';
import { hashBytes } from './indexCache';

export type DocumentFileResult = { ok: true; document: RecDocument; text: string } | { ok: false; reason: string };

export interface DocumentReadOptions {
  /** The largest text file read (PDF, Word files and web pages have their own limits, `maxBytesFor`). */
  maxBytes?: number;
  /** Folder of extracted text (`extractedFolder`), or null to extract every time and keep nothing. */
  extractedFolder?: string | null;
  limits?: ExtractionLimits;
  /** How files are extracted: on the extraction thread (`ExtractionThread.extract`) or, by default, here. */
  extract?: Extractor;
}

/** A document file of any supported format, read and parsed; or why it cannot be. */
export async function readDocument(path: string, id: string = path, options: DocumentReadOptions = {}): Promise<DocumentFileResult> {
  const read = readFileBounded(path, maxBytesFor(path, options.maxBytes ?? DEFAULT_MAX_DOCUMENT_BYTES));
  if (!read.ok) return read;
  return documentFromBytes(path, id, read.bytes, options);
}

/**
 * A document from a file's bytes: text decoded and parsed, other formats extracted first (or taken from the
 * extracted-text cache by `contentHash`). A PDF saved under another name is recognised by its first bytes.
 */
export async function documentFromBytes(path: string, id: string, bytes: Uint8Array, options: DocumentReadOptions = {}, contentHash?: string): Promise<DocumentFileResult> {
  const format: ExtractedFormat | null = formatOfPath(path) ?? (startsWith(bytes, '%PDF-') ? 'pdf' : null);
  if (format === null) {
    const maxBytes = options.maxBytes ?? DEFAULT_MAX_DOCUMENT_BYTES;
    const decoded = decodeDocument(bytes, maxBytes);
    if (!decoded.ok) return decoded;
    return { ok: true, document: parseDocument(decoded.text, id), text: decoded.text };
  }
  const hash = contentHash ?? hashBytes(bytes);
  const folder = options.extractedFolder ?? null;
  let extraction = folder === null ? null : loadExtraction(folder, hash);
  if (extraction === null) {
    // The extractors (an HTML parser, Readability, a zip and an XML reader) are loaded on the first file that needs
    // them: the server extracts on its own thread, and a library of text files never pays for them at start-up.
    const extract = options.extract ?? (await import('./extract/extract')).extractDocument;
    const extracted = await extract(bytes, format, options.limits ?? DEFAULT_EXTRACTION_LIMITS);
    if (!extracted.ok) return extracted;
    extraction = extracted.extraction;
    if (folder !== null) saveExtraction(folder, hash, path, extraction);
  }
  const document: RecDocument = { ...parseDocument(extraction.text, id), source: documentSource(format, extraction, hash) };
  return { ok: true, document, text: extraction.text };
}

function startsWith(bytes: Uint8Array, magic: string): boolean {
  for (let i = 0; i < magic.length; i++) if (bytes[i] !== magic.charCodeAt(i)) return false;
  return true;
}
