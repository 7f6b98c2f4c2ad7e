// The container of a persisted index: magic "PRECIDX\n" · u32 format version · u32 checksum of everything after
// the first 24 bytes · f64 total length, then sections, each an f64 byte length and its bytes padded to 8 (so
// numeric sections can be read in place). Little-endian. Reading checks the magic, the version, the length and
// the checksum before any section is trusted.

const MAGIC = 'PRECIDX\n';
/** Bytes before the sections. */
export const HEADER = 24;

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

export class Writer {
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

export class Reader {
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

/** The container of `body` (sections written by a `Writer`) for format `version`. */
export function container(version: number, body: Uint8Array): Uint8Array {
  const out = new Uint8Array(HEADER + body.length);
  for (let i = 0; i < MAGIC.length; i++) out[i] = MAGIC.charCodeAt(i);
  const dv = new DataView(out.buffer);
  dv.setUint32(8, version, true);
  dv.setFloat64(16, out.length, true);
  out.set(body, HEADER);
  dv.setUint32(12, checksum(out, HEADER), true);
  return out;
}

/** Why `bytes` are not a whole container of format `version`, or null (the checksum is `checked` separately: it reads every byte). */
export function containerProblem(bytes: Uint8Array, version: number): string | null {
  if (bytes.length < HEADER + 8) return `truncated (${bytes.length} bytes)`;
  for (let i = 0; i < MAGIC.length; i++) if (bytes[i] !== MAGIC.charCodeAt(i)) return 'not a Precedent index file';
  const dv = new DataView(bytes.buffer, bytes.byteOffset, HEADER);
  const stored = dv.getUint32(8, true);
  if (stored !== version) return `index format ${stored}, this version reads ${version}`;
  const length = dv.getFloat64(16, true);
  if (length !== bytes.length) return `truncated or padded (${bytes.length} bytes, header says ${length})`;
  return null;
}

/** Whether the container's checksum matches its bytes. */
export function checked(bytes: Uint8Array): boolean {
  return checksum(bytes, HEADER) === new DataView(bytes.buffer, bytes.byteOffset, HEADER).getUint32(12, true);
}
