// Reads one document file: bytes from disk, then the pure core decodes and parses them.

import { readFileSync } from 'node:fs';
import { decodeDocument, DEFAULT_MAX_DOCUMENT_BYTES } from '../core/document/decode';
import type { RecDocument } from '../core/document/model';
import { parseDocument } from '../core/document/parse';
import { describeFileError } from './corpusFiles';

export type DocumentFileResult = { ok: true; document: RecDocument; text: string } | { ok: false; reason: string };

export function readDocumentFile(path: string, id: string = path, maxBytes: number = DEFAULT_MAX_DOCUMENT_BYTES): DocumentFileResult {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    return { ok: false, reason: describeFileError(error) };
  }
  const decoded = decodeDocument(bytes, maxBytes);
  if (!decoded.ok) return decoded;
  return { ok: true, document: parseDocument(decoded.text, id), text: decoded.text };
}
