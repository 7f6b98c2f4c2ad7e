// The extraction layer's one entry: a file's bytes and format in, its text and page map out (or the reason
// it cannot be read). Each format has the library made for it: pdf.js for PDF, a bounded zip reader and a
// streaming XML parser for Word and OpenDocument, linkedom and Readability for web pages.

import { extractDocx } from './docx';
import { DEFAULT_EXTRACTION_LIMITS, type ExtractedFormat, type ExtractionLimits, type ExtractionResult } from './extraction';
import { extractHtml } from './html';
import { extractOdt } from './odt';
import { extractPdf } from './pdf';

export async function extractDocument(bytes: Uint8Array, format: ExtractedFormat, limits: ExtractionLimits = DEFAULT_EXTRACTION_LIMITS): Promise<ExtractionResult> {
  try {
    switch (format) {
      case 'pdf': return await extractPdf(bytes, limits);
      case 'docx': return await extractDocx(bytes, limits);
      case 'odt': return await extractOdt(bytes, limits);
      case 'html': return await extractHtml(decodeHtml(bytes), limits);
    }
  } catch (error) {
    // The libraries are not expected to throw past their own handling; a file that makes one do so is refused.
    return { ok: false, reason: `the ${format.toUpperCase()} file could not be read (${error instanceof Error ? error.message : String(error)})` };
  }
}

/**
 * A web page's text in the encoding it declares (byte order mark, then <meta charset>), as browsers read it;
 * undeclared pages that are not valid UTF-8 are read as Windows-1252, as browsers do too.
 */
export function decodeHtml(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  const declared = /<meta[^>]+charset\s*=\s*["']?\s*([\w:-]+)/i.exec(head)?.[1];
  if (declared) {
    try {
      return new TextDecoder(declared).decode(bytes);
    } catch {
      // An unknown label: read as below.
    }
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}
