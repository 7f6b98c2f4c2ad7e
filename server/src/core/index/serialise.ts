// The persisted precedent index (SPEC §2): bytes out, bytes in. The file's place, name and lifetime are the
// node layer's (`server/src/node/indexCache.ts`); here only the format.
//
// Layout (little-endian, every section 8-byte aligned so numeric sections can be read in place):
//   magic "PRECIDX\n" · u32 format version · u32 checksum of everything after the first 24 bytes ·
//   f64 total length · key (the caller's fingerprint: length-prefixed UTF-8) · sections, each an f64 byte
//   length then its bytes: weights (f64), string lengths (i32, UTF-16 units, by string id), the string ids in
//   table order (i32: ASCII strings first), the count of ASCII strings (f64) and the number of chunks (f64),
//   then the chunks (UTF-8 blobs of up to STRING_CHUNK strings, none mixing ASCII and other strings),
//   documents (i32 records), term list offsets (i32), each item's term list (i32: items with the same text
//   share one), term ids (i32), weight codes (u16), the inverted rows of the first item of each term list
//   (term offsets i32, items i32, weight codes u16), the scoring (f64: each term's rarity weight and bound, each
//   list's norm and band norms), and the reach (each term's rank i32, each posting's reach u8: see reach.ts).
// What is stored: the parsed documents (so a warm start parses nothing) and each item's analysed terms (so it
// analyses nothing), the inverted rows, the scoring and the reach (so that it answers at once, without a pass
// over every posting).
// Reading never trusts the bytes: wrong magic or version, a truncated file, a checksum mismatch or an
// inconsistent structure each give `{ ok: false, reason }`, never an exception and never a wrong index.

import type { DocumentMetadata, DocumentSource, Item, LabelKind, ParseProblem, RecDocument, Section } from '../document/model';
import type { Analyser } from '../text/analyser';
import { isWellFormed } from '../text/standalone';
import type { ThesaurusGroup } from '../text/thesaurus';
import { invertState, PrecedentIndex, reachOfState, scoringOf, type IndexState, type PrecedentIndexOptions } from './precedentIndex';

/** Bumped whenever the layout, the document model or the analysis changes what a stored index means. */
export const INDEX_FORMAT_VERSION = 7;

const MAGIC = 'PRECIDX\n';
const HEADER = 24;
/** Strings per separately decoded chunk. */
const STRING_CHUNK = 2048;
const KINDS: readonly LabelKind[] = ['decimal', 'lower-alpha', 'upper-alpha', 'lower-roman', 'upper-roman', 'bullet', 'paragraph'];
const ITEM_KEYS = ['index', 'label', 'number', 'marker', 'section', 'list', 'depth', 'range', 'labelRange', 'raw', 'text'].sort().join();
const DOC_KEYS = ['id', 'metadata', 'sections', 'items', 'prose', 'lineCount', 'problems'].sort().join();
/** An extracted document also has its `source` (the original's format and pages). */
const EXTRACTED_DOC_KEYS = ['id', 'metadata', 'sections', 'items', 'prose', 'lineCount', 'problems', 'source'].sort().join();
const SECTION_KEYS = ['index', 'title', 'range', 'level'].sort().join();

const NOT_ASCII = /[^\x00-\x7f]/;

/** The chunks of the string table, [from, to) in table order: ASCII strings, then the others, STRING_CHUNK at most. */
function chunksOf(strings: number, asciiCount: number): Array<[number, number]> {
  const chunks: Array<[number, number]> = [];
  for (const [start, end] of [[0, asciiCount], [asciiCount, strings]] as const) {
    for (let from = start; from < end; from += STRING_CHUNK) chunks.push([from, Math.min(end, from + STRING_CHUNK)]);
  }
  return chunks;
}

export type ReadResult = { ok: true; index: PrecedentIndex; key: string } | { ok: false; reason: string };

/**
 * A fast 32-bit checksum of `bytes` from `from` on: multiply–rotate over 32-bit words in four independent lanes
 * (twice as fast as one: the multiplications of a lane wait on each other, the lanes do not), then the tail
 * words and bytes. Not cryptographic.
 */
export function checksum(bytes: Uint8Array, from = 0): number {
  // Words are read in place from a 4-byte aligned start; otherwise from a copy (the cache file's buffer is aligned).
  const data = (bytes.byteOffset + from) % 4 === 0 ? bytes.subarray(from) : bytes.slice(from);
  const n = data.length;
  const words = n >>> 2;
  const view = new Uint32Array(data.buffer, data.byteOffset, words);
  let a = 0x811c9dc5 ^ n;
  let b = 0x01000193 ^ n;
  let c = 0x9e3779b9 ^ n;
  let d = 0x85ebca6b ^ n;
  const quads = words & ~3;
  for (let i = 0; i < quads; i += 4) {
    a = Math.imul(a ^ view[i]!, 0x9e3779b1);
    a = (a << 13) | (a >>> 19);
    b = Math.imul(b ^ view[i + 1]!, 0x9e3779b1);
    b = (b << 13) | (b >>> 19);
    c = Math.imul(c ^ view[i + 2]!, 0x9e3779b1);
    c = (c << 13) | (c >>> 19);
    d = Math.imul(d ^ view[i + 3]!, 0x9e3779b1);
    d = (d << 13) | (d >>> 19);
  }
  let h = Math.imul(a, 3) ^ Math.imul(b, 5) ^ Math.imul(c, 7) ^ d;
  for (let i = quads; i < words; i++) {
    h = Math.imul(h ^ view[i]!, 0x9e3779b1);
    h = (h << 13) | (h >>> 19);
  }
  for (let i = words * 4; i < n; i++) h = Math.imul(h ^ data[i]!, 0x9e3779b1);
  h ^= h >>> 16;
  return Math.imul(h, 0x85ebca6b) >>> 0;
}

/** Whether a document can be stored exactly: the model's fields as this format knows them, no lone surrogates. */
export function storable(doc: RecDocument): boolean {
  const keys = Object.keys(doc).sort().join();
  if (keys !== DOC_KEYS && (keys !== EXTRACTED_DOC_KEYS || doc.source === undefined)) return false;
  if (doc.items.length > 0 && Object.keys(doc.items[0]!).sort().join() !== ITEM_KEYS) return false;
  if (doc.sections.length > 0 && Object.keys(doc.sections[0]!).sort().join() !== SECTION_KEYS) return false;
  if (!isWellFormed(doc.id) || !isWellFormed(JSON.stringify(doc.metadata)) || !isWellFormed(JSON.stringify(doc.problems))) return false;
  for (const s of doc.sections) if (!isWellFormed(s.title)) return false;
  for (const item of doc.items) {
    if (!KINDS.includes(item.marker.kind) || !isWellFormed(item.text) || !isWellFormed(item.raw) || !isWellFormed(item.label) || !isWellFormed(item.marker.style)) return false;
    if (item.number !== null && !Number.isInteger(item.number)) return false;
  }
  return true;
}

class Writer {
  private readonly chunks: Uint8Array[] = [];
  length = 0;

  bytes(data: Uint8Array): void {
    this.f64(data.byteLength);
    this.chunks.push(data);
    this.length += data.byteLength;
    const pad = (8 - (data.byteLength % 8)) % 8;
    if (pad > 0) {
      this.chunks.push(new Uint8Array(pad));
      this.length += pad;
    }
  }

  f64(value: number): void {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setFloat64(0, value, true);
    this.chunks.push(b);
    this.length += 8;
  }

  array(data: Int32Array | Uint16Array | Uint8Array | Float64Array): void {
    this.bytes(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  }

  concat(): Uint8Array {
    const out = new Uint8Array(this.length);
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.byteLength;
    }
    return out;
  }
}

class Reader {
  private at: number;
  constructor(private readonly data: Uint8Array, start: number) {
    this.at = start;
  }

  private section(): { offset: number; length: number } {
    if (this.at + 8 > this.data.length) throw new Error('truncated section header');
    const length = new DataView(this.data.buffer, this.data.byteOffset + this.at, 8).getFloat64(0, true);
    this.at += 8;
    if (!Number.isInteger(length) || length < 0 || this.at + length > this.data.length) throw new Error('section past the end');
    const offset = this.at;
    this.at += length + ((8 - (length % 8)) % 8);
    return { offset, length };
  }

  f64(): number {
    if (this.at + 8 > this.data.length) throw new Error('truncated');
    const value = new DataView(this.data.buffer, this.data.byteOffset + this.at, 8).getFloat64(0, true);
    this.at += 8;
    return value;
  }

  bytes(): Uint8Array {
    const { offset, length } = this.section();
    return this.data.subarray(offset, offset + length);
  }

  /** A copy (so that the index does not keep the whole file's buffer alive). */
  int32(): Int32Array {
    const { offset, length } = this.section();
    if (length % 4 !== 0) throw new Error('bad i32 section');
    return new Int32Array(this.data.buffer.slice(this.data.byteOffset + offset, this.data.byteOffset + offset + length));
  }

  uint16(): Uint16Array {
    const { offset, length } = this.section();
    if (length % 2 !== 0) throw new Error('bad u16 section');
    return new Uint16Array(this.data.buffer.slice(this.data.byteOffset + offset, this.data.byteOffset + offset + length));
  }

  uint8(): Uint8Array {
    const { offset, length } = this.section();
    return new Uint8Array(this.data.buffer.slice(this.data.byteOffset + offset, this.data.byteOffset + offset + length));
  }

  float64(): Float64Array {
    const { offset, length } = this.section();
    if (length % 8 !== 0) throw new Error('bad f64 section');
    return new Float64Array(this.data.buffer.slice(this.data.byteOffset + offset, this.data.byteOffset + offset + length));
  }

  get position(): number {
    return this.at;
  }
}

/**
 * The index as bytes, with `key` (the caller's fingerprint of what it was built from) in the header.
 * `include` picks the documents to store (default all); documents the format cannot store exactly are left
 * out (the caller reads them again), and their ids returned.
 */
export function serialiseIndex(index: PrecedentIndex, key: string, include: (doc: RecDocument) => boolean = () => true): { bytes: Uint8Array; leftOut: string[] } {
  const leftOut: string[] = [];
  const state = index.exportState((doc) => {
    if (!include(doc)) return false;
    if (storable(doc)) return true;
    leftOut.push(doc.id);
    return false;
  });

  const strings: string[] = [];
  const stringIds = new Map<string, number>();
  const str = (s: string): number => {
    let id = stringIds.get(s);
    if (id === undefined) {
      id = strings.length;
      strings.push(s);
      stringIds.set(s, id);
    }
    return id;
  };
  for (const term of state.terms) str(term);

  const ints: number[] = [state.terms.length, state.documents.length];
  const range = (r: { start: { line: number; character: number }; end: { line: number; character: number } }) =>
    ints.push(r.start.line, r.start.character, r.end.line, r.end.character);
  for (const { doc, abbreviations } of state.documents) {
    ints.push(str(doc.id), str(JSON.stringify(doc.metadata)), doc.prose ? 1 : 0, doc.lineCount,
      doc.problems.length === 0 ? -1 : str(JSON.stringify(doc.problems)),
      abbreviations.length === 0 ? -1 : str(JSON.stringify(abbreviations)), doc.source === undefined ? -1 : str(JSON.stringify(doc.source)),
      doc.sections.length, doc.items.length);
    for (const s of doc.sections) {
      ints.push(s.index, str(s.title), s.level);
      range(s.range);
    }
    for (const item of doc.items) {
      const derivable = item.raw === (item.label === '' ? item.text : `${item.label} ${item.text}`);
      ints.push(item.index, str(item.label), item.number === null ? 0 : 1, item.number ?? 0, KINDS.indexOf(item.marker.kind), str(item.marker.style),
        item.section, item.list, item.depth, derivable ? -1 : str(item.raw), str(item.text));
      range(item.range);
      range(item.labelRange);
    }
  }

  const lengths = Int32Array.from(strings, (s) => s.length);
  const encoder = new TextEncoder();
  const w = new Writer();
  w.bytes(encoder.encode(key));
  w.array(state.weights);
  w.array(lengths);
  // The strings in chunks, each decoded on its own, ASCII strings first. A chunk of ASCII decodes ~4 times faster
  // than one with any other character and stays a one-byte string in memory. At 100,000 items only 4% of the
  // strings have other characters ('’', Vietnamese), but in id order they were spread over half the chunks.
  const ascii = strings.map((text) => !NOT_ASCII.test(text));
  const order = new Int32Array(strings.length);
  let asciiCount = 0;
  for (let id = 0; id < strings.length; id++) if (ascii[id]) order[asciiCount++] = id;
  for (let id = 0, at = asciiCount; id < strings.length; id++) if (!ascii[id]) order[at++] = id;
  w.array(order);
  w.f64(asciiCount);
  const chunks = chunksOf(strings.length, asciiCount);
  w.f64(chunks.length);
  for (const [from, to] of chunks) w.bytes(encoder.encode(Array.from(order.subarray(from, to), (id) => strings[id]!).join('')));
  w.array(Int32Array.from(ints));
  w.array(state.listStart);
  w.array(state.itemList);
  w.array(state.termIds);
  w.array(state.weightCodes);
  const rows = invertState(state);
  w.array(rows.start);
  w.array(rows.items);
  w.array(rows.codes);
  const scoring = scoringOf(state);
  w.array(scoring.idf);
  w.array(scoring.termBound);
  w.array(scoring.listNorm);
  w.array(scoring.listBands);
  const reach = reachOfState(state, rows, scoring);
  w.array(reach.rank);
  w.array(reach.values);
  const body = w.concat();

  const out = new Uint8Array(HEADER + body.length);
  for (let i = 0; i < MAGIC.length; i++) out[i] = MAGIC.charCodeAt(i);
  const dv = new DataView(out.buffer);
  dv.setUint32(8, INDEX_FORMAT_VERSION, true);
  dv.setFloat64(16, out.length, true);
  out.set(body, HEADER);
  dv.setUint32(12, checksum(out, HEADER), true);
  return { bytes: out, leftOut };
}

/** The header alone (cheap): format version and key, or why the bytes are not an index this version reads. */
export function readIndexHeader(bytes: Uint8Array): { ok: true; key: string } | { ok: false; reason: string } {
  if (bytes.length < HEADER + 8) return { ok: false, reason: `truncated (${bytes.length} bytes)` };
  for (let i = 0; i < MAGIC.length; i++) if (bytes[i] !== MAGIC.charCodeAt(i)) return { ok: false, reason: 'not a Precedent index file' };
  const dv = new DataView(bytes.buffer, bytes.byteOffset, HEADER);
  const version = dv.getUint32(8, true);
  if (version !== INDEX_FORMAT_VERSION) return { ok: false, reason: `index format ${version}, this version reads ${INDEX_FORMAT_VERSION}` };
  const length = dv.getFloat64(16, true);
  if (length !== bytes.length) return { ok: false, reason: `truncated or padded (${bytes.length} bytes, header says ${length})` };
  try {
    const key = new TextDecoder('utf-8', { fatal: true }).decode(new Reader(bytes, HEADER).bytes());
    return { ok: true, key };
  } catch (error) {
    return { ok: false, reason: `unreadable header: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/**
 * The index stored in `bytes`, analysed with `analyser` (the caller makes sure, through the key, that it is
 * the analyser the index was built with). Never throws.
 */
export function deserialiseIndex(bytes: Uint8Array, analyser: Analyser, options: PrecedentIndexOptions = {}): ReadResult {
  const header = readIndexHeader(bytes);
  if (!header.ok) return header;
  const stored = new DataView(bytes.buffer, bytes.byteOffset, HEADER).getUint32(12, true);
  if (checksum(bytes, HEADER) !== stored) return { ok: false, reason: 'checksum mismatch (the file is corrupt)' };
  try {
    const r = new Reader(bytes, HEADER);
    r.bytes(); // key
    const weights = r.float64();
    const lengths = r.int32();
    const order = r.int32();
    const asciiCount = r.f64();
    const chunks = chunksOf(lengths.length, asciiCount);
    if (order.length !== lengths.length || !(Number.isInteger(asciiCount) && asciiCount >= 0 && asciiCount <= lengths.length) || r.f64() !== chunks.length) throw new Error('string chunks');
    const strings: string[] = new Array(lengths.length);
    // The checksum vouches for the bytes: the decoder's fast path (not the fatal one) is enough.
    const decoder = new TextDecoder('utf-8');
    for (const [from, to] of chunks) {
      const blob = decoder.decode(r.bytes());
      let at = 0;
      for (let k = from; k < to; k++) {
        const id = order[k]!;
        const n = lengths[id]!;
        if (!(id >= 0 && id < lengths.length) || strings[id] !== undefined || n < 0 || at + n > blob.length) throw new Error('string table');
        strings[id] = blob.slice(at, at + n);
        at += n;
      }
      if (at !== blob.length) throw new Error('string table length');
    }
    const ints = r.int32();
    const listStart = r.int32();
    const itemList = r.int32();
    const termIds = r.int32();
    const weightCodes = r.uint16();
    const rows = { start: r.int32(), items: r.int32(), codes: r.uint16() };
    const scoring = { idf: r.float64(), termBound: r.float64(), listNorm: r.float64(), listBands: r.float64() };
    const reach = { rank: r.int32(), values: r.uint8() };
    if (r.position !== bytes.length) throw new Error('bytes after the last section');


    let p = 0;
    const next = (): number => {
      if (p >= ints.length) throw new Error('document records end early');
      return ints[p++]!;
    };
    const s = (id: number): string => {
      const v = strings[id];
      if (v === undefined) throw new Error('string reference');
      return v;
    };
    const pos = () => ({ line: next(), character: next() });
    const range = () => ({ start: pos(), end: pos() });
    const nTerms = next();
    const nDocs = next();
    if (nTerms < 0 || nTerms > strings.length || nDocs < 0) throw new Error('counts');
    const documents: IndexState['documents'] = [];
    for (let d = 0; d < nDocs; d++) {
      const id = s(next());
      const metadata = JSON.parse(s(next())) as DocumentMetadata;
      const prose = next() === 1;
      const lineCount = next();
      const problemsRef = next();
      const abbreviationsRef = next();
      const sourceRef = next();
      const nSections = next();
      const nItems = next();
      if (nSections < 0 || nItems < 0) throw new Error('counts');
      const problems = problemsRef === -1 ? [] : (JSON.parse(s(problemsRef)) as ParseProblem[]);
      const abbreviations = abbreviationsRef === -1 ? [] : (JSON.parse(s(abbreviationsRef)) as ThesaurusGroup[]);
      const sections: Section[] = [];
      for (let k = 0; k < nSections; k++) {
        const index = next();
        const title = s(next());
        const level = next();
        sections.push({ index, title, range: range(), level });
      }
      const items: Item[] = [];
      for (let k = 0; k < nItems; k++) {
        const index = next();
        const label = s(next());
        const hasNumber = next() === 1;
        const number = next();
        const kind = KINDS[next()];
        if (kind === undefined) throw new Error('label kind');
        const style = s(next());
        const section = next();
        const list = next();
        const depth = next();
        const rawRef = next();
        const text = s(next());
        const raw = rawRef === -1 ? (label === '' ? text : `${label} ${text}`) : s(rawRef);
        items.push({ index, label, number: hasNumber ? number : null, marker: { kind, style }, section, list, depth, range: range(), labelRange: range(), raw, text });
      }
      const doc: RecDocument = { id, metadata, sections, items, prose, lineCount, problems };
      if (sourceRef !== -1) doc.source = JSON.parse(s(sourceRef)) as DocumentSource;
      documents.push({ doc, abbreviations });
    }
    if (p !== ints.length) throw new Error('document records too long');
    const index = PrecedentIndex.fromState(analyser, { documents, terms: strings.slice(0, nTerms), weights, listStart, itemList, termIds, weightCodes, rows, scoring, reach }, options);
    return { ok: true, index, key: header.key };
  } catch (error) {
    return { ok: false, reason: `corrupt index: ${error instanceof Error ? error.message : String(error)}` };
  }
}
