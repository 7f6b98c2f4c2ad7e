// The string table of a persisted index: every string once, by id. Written as the strings' lengths (i32, UTF-16
// units, by id), their ids in table order (i32: ASCII strings first), the count of ASCII strings (f64) and the
// number of chunks (f64), then the chunks: UTF-8 blobs of up to STRING_CHUNK strings, none mixing ASCII and
// other strings, each decoded on its own.
import type { Reader, Writer } from './container';

/** Strings per separately decoded chunk. */
const STRING_CHUNK = 2048;
const NOT_ASCII = /[^\x00-\x7f]/;

/** The chunks of the string table, [from, to) in table order: ASCII strings, then the others, STRING_CHUNK at most. */
function chunksOf(strings: number, asciiCount: number): Array<[number, number]> {
  const chunks: Array<[number, number]> = [];
  for (const [start, end] of [[0, asciiCount], [asciiCount, strings]] as const) {
    for (let from = start; from < end; from += STRING_CHUNK) chunks.push([from, Math.min(end, from + STRING_CHUNK)]);
  }
  return chunks;
}

/** Strings interned to ids in the order first met. */
export class StringTable {
  readonly strings: string[] = [];
  private readonly ids = new Map<string, number>();

  id(s: string): number {
    let id = this.ids.get(s);
    if (id === undefined) {
      id = this.strings.length;
      this.strings.push(s);
      this.ids.set(s, id);
    }
    return id;
  }

  write(w: Writer): void {
    const strings = this.strings;
    const encoder = new TextEncoder();
    w.array(Int32Array.from(strings, (s) => s.length));
    // The strings in chunks, each decoded on its own, ASCII strings first. A chunk of ASCII decodes ~4 times faster
    // than one with any other character and stays a one-byte string in memory. At 100,000 items only 4% of the
    // strings have other characters ('’', Vietnamese), but in id order they would be spread over half the chunks.
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
  }
}

/** The strings of a table `StringTable.write` wrote, by id. Throws on an inconsistent table. */
export function readStrings(r: Reader): string[] {
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
  return strings;
}
