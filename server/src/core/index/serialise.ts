// The persisted precedent index (SPEC §2): bytes out, bytes in. The file's place, name and lifetime are the
// node layer's (`server/src/node/indexCache.ts`); here only the format.
//
// Layout: the container (container.ts: magic, version, checksum, length; sections 8-byte aligned), then the
// sections: key (the caller's fingerprint: UTF-8), weights (f64), the string table (stringTable.ts), the
// documents (i32 records: documentCodec.ts, after the count of terms and of documents), term list offsets
// (i32), each item's term list (i32: items with the same text share one), term ids (i32), weight codes (u16),
// the inverted rows of the first item of each term list (term offsets i32, items i32, weight codes u16), the
// scoring (f64: each term's rarity weight and bound, each list's norm and band norms), and the reach (each
// term's rank i32, each posting's reach u8: see reach.ts). The terms are the first strings of the table.
// What is stored: the parsed documents (so a warm start parses nothing) and each item's analysed terms (so it
// analyses nothing), the inverted rows, the scoring and the reach (so that it answers at once, without a pass
// over every posting).
// Reading never trusts the bytes: wrong magic or version, a truncated file, a checksum mismatch or an
// inconsistent structure each give `{ ok: false, reason }`, never an exception and never a wrong index.

import type { RecDocument } from '../document/model';
import type { Analyser } from '../text/analyser';
import { checked, container, containerProblem, HEADER, Reader, Writer } from './container';
import { readDocument, storable, writeDocument, type RecordIn } from './documentCodec';
import { PrecedentIndex, type PrecedentIndexOptions } from './precedentIndex';
import { invertState, reachOfState, type IndexState } from './savedState';
import { scoringOf } from './scoring';
import { readStrings, StringTable } from './stringTable';

export { checksum } from './container';
export { storable } from './documentCodec';

/** Bumped whenever the layout, the document model or the analysis changes what a stored index means. */
export const INDEX_FORMAT_VERSION = 7;

export type ReadResult = { ok: true; index: PrecedentIndex; key: string } | { ok: false; reason: string };

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

  const table = new StringTable();
  for (const term of state.terms) table.id(term);
  const records = { ints: [state.terms.length, state.documents.length], str: (s: string) => table.id(s) };
  for (const stored of state.documents) writeDocument(stored, records);

  const w = new Writer();
  w.bytes(new TextEncoder().encode(key));
  w.array(state.weights);
  table.write(w);
  w.array(Int32Array.from(records.ints));
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
  return { bytes: container(INDEX_FORMAT_VERSION, w.concat()), leftOut };
}

/** The header alone (cheap): format version and key, or why the bytes are not an index this version reads. */
export function readIndexHeader(bytes: Uint8Array): { ok: true; key: string } | { ok: false; reason: string } {
  const problem = containerProblem(bytes, INDEX_FORMAT_VERSION);
  if (problem !== null) return { ok: false, reason: problem };
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
  if (!checked(bytes)) return { ok: false, reason: 'checksum mismatch (the file is corrupt)' };
  try {
    const r = new Reader(bytes, HEADER);
    r.bytes(); // key
    const weights = r.float64();
    const strings = readStrings(r);
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
    const records: RecordIn = {
      next: () => {
        if (p >= ints.length) throw new Error('document records end early');
        return ints[p++]!;
      },
      str: (id) => {
        const v = strings[id];
        if (v === undefined) throw new Error('string reference');
        return v;
      },
    };
    const nTerms = records.next();
    const nDocs = records.next();
    if (nTerms < 0 || nTerms > strings.length || nDocs < 0) throw new Error('counts');
    const documents: IndexState['documents'] = [];
    for (let d = 0; d < nDocs; d++) documents.push(readDocument(records));
    if (p !== ints.length) throw new Error('document records too long');
    const index = PrecedentIndex.fromState(analyser, { documents, terms: strings.slice(0, nTerms), weights, listStart, itemList, termIds, weightCodes, rows, scoring, reach }, options);
    return { ok: true, index, key: header.key };
  } catch (error) {
    return { ok: false, reason: `corrupt index: ${error instanceof Error ? error.message : String(error)}` };
  }
}
