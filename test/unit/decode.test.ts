// decodeDocument: a file's bytes to text, or a plain reason why not. It never throws.

import assert from 'node:assert/strict';
import { decodeDocument, DEFAULT_MAX_DOCUMENT_BYTES } from '../../server/src/core/document/decode';
import { readSeed, SEED_NAMES } from './support/documentChecks';

const utf8 = (text: string) => new TextEncoder().encode(text);
const bytes = (...values: number[]) => Uint8Array.from(values);
const concat = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((part) => [...part]));
const BOM = bytes(0xef, 0xbb, 0xbf);

function refused(result: ReturnType<typeof decodeDocument>): string {
  assert.equal(result.ok, false, 'the bytes are refused');
  return (result as { ok: false; reason: string }).reason;
}

describe('decodeDocument', () => {
  it('reads UTF-8 without a byte order mark', () => {
    const text = 'Việt Nam — “Sub theme 1” • ພາສາລາວ ភាសាខ្មែរ 😀\r\n';
    assert.deepEqual(decodeDocument(utf8(text)), { ok: true, text, hadBom: false });
  });

  it('reads UTF-8 with a byte order mark and removes the mark from the text', () => {
    const result = decodeDocument(concat(BOM, utf8('1. Collect data.\n')));
    assert.deepEqual(result, { ok: true, text: '1. Collect data.\n', hadBom: true });
    assert.deepEqual(decodeDocument(BOM), { ok: true, text: '', hadBom: true });
  });

  it('reads every seed as it is on disk', () => {
    for (const name of SEED_NAMES) {
      const text = readSeed(name);
      const result = decodeDocument(utf8(text));
      assert.ok(result.ok, name);
      assert.equal(result.text, text);
    }
  });

  it('reads an empty file as empty text', () => {
    assert.deepEqual(decodeDocument(new Uint8Array(0)), { ok: true, text: '', hadBom: false });
  });

  it('refuses binary data (NUL bytes) with a reason that says binary', () => {
    const png = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x01, 0x00, 0xff, 0x10);
    assert.match(refused(decodeDocument(png)), /binary/i);
    assert.match(refused(decodeDocument(concat(utf8('1. Collect data.\n'), bytes(0), utf8('more')))), /binary/i);
  });

  it('refuses Latin-1 text with a reason that names UTF-8 and the offset of the first bad byte', () => {
    // "Việt" is not in Latin-1; "Société" is: é = 0xE9, a lone lead byte in UTF-8.
    const latin1 = concat(utf8('1. Soci'), bytes(0xe9), utf8('t'), bytes(0xe9), utf8(' civile.\n'));
    const reason = refused(decodeDocument(latin1));
    assert.match(reason, /UTF-8/);
    assert.match(reason, /offset 7\b/);
    assert.match(reason, /0xe9/);
  });

  it('points at the right byte for every kind of invalid UTF-8', () => {
    const prefix = utf8('ok: ');
    const cases: [string, Uint8Array][] = [
      ['stray continuation byte', bytes(0x80)],
      ['overlong two-byte form', bytes(0xc0, 0xaf)],
      ['truncated sequence', bytes(0xe1, 0x80)],
      ['truncated sequence at end of file', bytes(0xf0, 0x9f, 0x98)],
      ['overlong three-byte form', bytes(0xe0, 0x80, 0x80)],
      ['encoded surrogate', bytes(0xed, 0xa0, 0x80)],
      ['beyond U+10FFFF', bytes(0xf4, 0x90, 0x80, 0x80)],
      ['overlong four-byte form', bytes(0xf0, 0x80, 0x80, 0x80)],
      ['invalid lead byte', bytes(0xff)],
    ];
    for (const [what, bad] of cases) {
      const reason = refused(decodeDocument(concat(prefix, bad, utf8(' tail'))));
      assert.match(reason, /UTF-8/, what);
      assert.match(reason, new RegExp(`offset ${prefix.length}\\b`), `${what}: ${reason}`);
    }
  });

  it('refuses UTF-16, with or without a byte order mark, saying UTF-16', () => {
    const text = '1. Collect data on migrant workers.\n';
    const le = new Uint8Array(text.length * 2);
    const be = new Uint8Array(text.length * 2);
    for (let i = 0; i < text.length; i++) {
      le[i * 2] = text.charCodeAt(i);
      be[i * 2 + 1] = text.charCodeAt(i);
    }
    assert.match(refused(decodeDocument(concat(bytes(0xff, 0xfe), le))), /UTF-16/);
    assert.match(refused(decodeDocument(concat(bytes(0xfe, 0xff), be))), /UTF-16/);
    assert.match(refused(decodeDocument(le)), /UTF-16/);
    assert.match(refused(decodeDocument(be)), /UTF-16/);
  });

  it('refuses a file over the size limit, saying how large it is and what the limit is', () => {
    const big = utf8('x'.repeat(2048));
    const reason = refused(decodeDocument(big, 1024));
    assert.match(reason, /too large/);
    assert.match(reason, /2\.0 KB/);
    assert.match(reason, /1\.0 KB/);
    assert.ok(decodeDocument(big, 2048).ok, 'exactly at the limit is fine');
    assert.equal(DEFAULT_MAX_DOCUMENT_BYTES, 5 * 1024 * 1024);
    assert.match(refused(decodeDocument(new Uint8Array(DEFAULT_MAX_DOCUMENT_BYTES + 1))), /too large.*5\.0 MB/);
  });

  it('never throws, whatever the bytes', () => {
    let state = 12345;
    const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 4294967296;
    for (let n = 0; n < 2000; n++) {
      const length = Math.floor(next() * 64);
      const data = new Uint8Array(length);
      for (let i = 0; i < length; i++) data[i] = next() < 0.7 ? 0x20 + Math.floor(next() * 0x5f) : Math.floor(next() * 256);
      const result = decodeDocument(data, 48);
      if (result.ok) assert.equal(typeof result.text, 'string');
      else assert.ok(result.reason.length > 0);
    }
  });
});
