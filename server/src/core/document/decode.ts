// Turns a file's bytes into text, or says plainly why it will not: binary data, another encoding, too large.
// Bytes in, text or a reason out; the reading of the file itself happens above the core.

export type DecodeResult =
  | { ok: true; text: string; hadBom: boolean }
  | { ok: false; reason: string };

/** Default ceiling for one document: far above any real recommendation document, well below what would stall indexing. */
export const DEFAULT_MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;

const SNIFF_BYTES = 8192;

export function decodeDocument(bytes: Uint8Array, maxBytes: number = DEFAULT_MAX_DOCUMENT_BYTES): DecodeResult {
  if (bytes.length > maxBytes) return { ok: false, reason: tooLargeReason(bytes.length, maxBytes) };
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { ok: false, reason: 'file is UTF-16 encoded; save it as UTF-8' };
  }
  const sniff = bytes.subarray(0, SNIFF_BYTES);
  if (sniff.includes(0)) {
    // UTF-16 saved without a byte order mark has a NUL beside every ASCII character: say so, rather than "binary".
    if (looksLikeUtf16(sniff)) return { ok: false, reason: 'file looks UTF-16 encoded (without a byte order mark); save it as UTF-8' };
    return { ok: false, reason: 'file is binary (it contains NUL bytes), not a text document' };
  }
  const hadBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  try {
    // fatal: a single invalid byte refuses the file instead of silently turning words into U+FFFD.
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return { ok: true, text, hadBom };
  } catch {
    const offset = firstInvalidUtf8Byte(bytes);
    return { ok: false, reason: `file is not valid UTF-8 text (invalid byte 0x${(bytes[offset] ?? 0).toString(16).padStart(2, '0')} at offset ${offset}); save it as UTF-8` };
  }
}

/** Why a file of `size` bytes is refused: the same words whether the size came from the bytes or from the file system. */
export function tooLargeReason(size: number, maxBytes: number): string {
  return `file is too large (${formatBytes(size)}; the limit is ${formatBytes(maxBytes)})`;
}

/**
 * Offset of the first byte that breaks UTF-8, to point the user at it. The second byte's range depends on the
 * first (Unicode Table 3-7): without that, overlong forms (E0 80 80), encoded surrogates (ED A0 80) and code
 * points past U+10FFFF (F4 90 80 80), which the decoder refuses, would not be found and the offset given would
 * be the end of the file.
 */
function firstInvalidUtf8Byte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const byte = bytes[i]!;
    const length = byte < 0x80 ? 1 : byte >= 0xc2 && byte <= 0xdf ? 2 : byte >= 0xe0 && byte <= 0xef ? 3 : byte >= 0xf0 && byte <= 0xf4 ? 4 : 0;
    if (length === 0) return i;
    const secondLow = byte === 0xe0 ? 0xa0 : byte === 0xf0 ? 0x90 : 0x80;
    const secondHigh = byte === 0xed ? 0x9f : byte === 0xf4 ? 0x8f : 0xbf;
    for (let k = 1; k < length; k++) {
      const next = bytes[i + k];
      const low = k === 1 ? secondLow : 0x80;
      const high = k === 1 ? secondHigh : 0xbf;
      if (next === undefined || next < low || next > high) return i;
    }
    i += length;
  }
  return i;
}

/** NULs mostly at odd offsets (UTF-16LE) or mostly at even ones (UTF-16BE), in text that has some NULs at all. */
function looksLikeUtf16(sniff: Uint8Array): boolean {
  let even = 0;
  let odd = 0;
  for (let i = 0; i < sniff.length; i++) if (sniff[i] === 0) (i % 2 === 0 ? even++ : odd++);
  const pairs = Math.floor(sniff.length / 2);
  return pairs >= 2 && (odd >= pairs * 0.6 && even === 0 || even >= pairs * 0.6 && odd === 0);
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} bytes`;
}
