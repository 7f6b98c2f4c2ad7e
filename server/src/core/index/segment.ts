// The index's arrays: everything a question reads, in typed arrays (lean at 100,000+ items: no per-item Map or
// object beyond the documents themselves). One owner, so that a replica of the index in another thread
// (questionBatch.ts) reads the very same arrays in shared memory (`share`, `view`).
// - item slots: each slot's item index, document ordinal (-1: free or removed), its term list in the forward
//   pool, the next copy of its term list in the rows (`nextCopy`) and the rarity-weight generation of its norm;
// - the forward pool: each slot's sorted term ids and weight codes (`fwdIds`/`fwdCodes`); items with the same
//   text share one term list, which is never changed in place;
// - per slot, one record (a cache line, `RECORD`): a question's accumulators beside the item's norm and band norms;
// - the inverted rows (inversion.ts) of the items sealed, each posting's reach (reach.ts) and each term's bound.
// Items added since the last seal (`recent`) have no postings yet; removed items stay in the rows (`deadSlots`)
// until the next seal drops them.
import { inSharedMemory } from './questionBatch';

/** Rarity bands of terms (by idf): common words carry little of an item's length, which bounds them tightly. */
export const BANDS = 4;
/**
 * Doubles per slot in `records`, one cache line: [dot, seen squares] of the current question (zero between
 * questions), then the item's norm (of the generation `slotNormGen` says) and its BANDS band norms as of the
 * last bounds pass. What a question reads of a candidate is on the line its posting already brought in. In a
 * walk by reach (reachSearcher.ts), SEEN holds instead the norm of the item's unit vector after its last term seen.
 */
export const RECORD = 8;
export const DOT = 0;
export const SEEN = 1;
export const NORM = 2;
export const BAND = 3;

export function grow<T extends Int32Array | Float64Array | Uint16Array | Uint8Array>(array: T, size: number, fill?: number): T {
  if (array.length >= size) return array;
  let length = Math.max(16, array.length);
  while (length < size) length *= 2;
  const next = new (array.constructor as new (n: number) => T)(length);
  if (fill !== undefined) next.fill(fill);
  next.set(array);
  return next;
}

/** The arrays a replica reads as they are (moved to shared memory by `share`). */
const SHARED = ['slotOrdinal', 'slotNormGen', 'nextCopy', 'slotItem', 'slotStart', 'slotLength', 'fwdIds', 'fwdCodes', 'weightValues',
  'rowStart', 'rowSlots', 'rowCodes', 'rowReach', 'termRank', 'ub'] as const;

/**
 * What a replica answers from: the segment's arrays in shared memory, read-only while a batch is answered, and
 * a copy of its records (norms, band norms; the replica's accumulators start at zero).
 */
export type SharedSegment = Pick<Segment, (typeof SHARED)[number]> & { records: Float64Array; recent: Int32Array; sealedTerms: number };

export class Segment {
  slotItem: Int32Array = new Int32Array(1024);
  /** Ordinal (position in the document table) of each slot's document; -1 for a free or removed slot. */
  slotOrdinal: Int32Array = new Int32Array(1024).fill(-1);
  /**
   * Copies (items with one shared term list) in the sealed rows: only the first of them (the representative)
   * has postings; each links to the next copy here (-1: none). Any copy may answer where it does.
   */
  nextCopy: Int32Array = new Int32Array(1024).fill(-1);
  /** The rarity-weight generation of each slot's norm in `records` (-1: none yet). */
  slotNormGen: Int32Array = new Int32Array(1024).fill(-1);
  /** Forward index: the slot's terms are `fwdIds/fwdCodes[slotStart .. slotStart + slotLength)`, sorted by id. */
  slotStart: Int32Array = new Int32Array(1024);
  slotLength: Int32Array = new Int32Array(1024);
  fwdIds: Int32Array = new Int32Array(1 << 16);
  fwdCodes: Uint16Array = new Uint16Array(1 << 16);
  /** The analyser weight of each weight code. */
  weightValues: Float64Array = new Float64Array(64);
  /** The sealed rows (inversion.ts). */
  rowStart: Int32Array = new Int32Array(1);
  rowSlots: Int32Array = new Int32Array(0);
  rowCodes: Uint16Array = new Uint16Array(0);
  /** Each posting's reach and each sealed term's rank (reach.ts), for the rows and rarity weights of scoring.ts. */
  rowReach: Uint8Array = new Uint8Array(0);
  termRank: Int32Array = new Int32Array(0);
  /** Highest normalised weight (weight × idf / item norm) of each term over the sealed items. */
  ub: Float64Array = new Float64Array(1024);
  /**
   * Per slot (RECORD doubles, grown with the slots): a question's raw dot product and seen squared weights
   * (zero between questions), the item's norm, and the length of its unit vector within each rarity band.
   */
  records: Float64Array = new Float64Array(1024 * RECORD);
  /** Bumped whenever the records' norms or band norms are written (a replica's copy is then out of date). */
  recordsVersion = 0;
  /** Items added since the last seal (scored exactly from the forward index). */
  recent: number[] = [];
  /** Terms with a row (ids below this). */
  sealedTerms = 0;
  sealedItems = 0;
  /** Counts the rows built (sealed or loaded): what `rowReach` was worked out for. */
  rowsVersion = 0;
  slotCount = 0;
  fwdUsed = 0;
  fwdGarbage = 0;
  /** Slots free for reuse (not in the sealed rows). */
  freeSlots: number[] = [];
  /** Removed slots still in the sealed rows (freed at the next seal). */
  deadSlots: number[] = [];
  liveItems = 0;
  /** The records' copy a replica accumulates in, of the records at `replicaRecordsVersion`. */
  private replicaRecords: Float64Array | null = null;
  private replicaRecordsVersion = -1;

  /** Takes another segment's shared arrays as this one's (a replica's: it writes nothing but its own records). */
  view(shared: SharedSegment): void {
    for (const key of SHARED) (this as unknown as Record<string, unknown>)[key] = shared[key];
    this.records = shared.records;
    this.recent = Array.from(shared.recent);
    this.sealedTerms = shared.sealedTerms;
  }

  /**
   * The arrays for a replica: those not yet in shared memory move there (once, and again after they grow), and
   * the records are copied (a replica has accumulators of its own). Every live item's norm must be current.
   */
  share(): SharedSegment {
    if (this.replicaRecords === null || this.replicaRecords.length !== this.records.length) {
      this.replicaRecords = new Float64Array(new SharedArrayBuffer(this.records.byteLength));
      this.replicaRecordsVersion = -1;
    }
    if (this.replicaRecordsVersion !== this.recordsVersion) {
      // Between questions every accumulator is zero, here and in the replica's copy: the copy starts clean.
      this.replicaRecords.set(this.records);
      this.replicaRecordsVersion = this.recordsVersion;
    }
    const self = this as unknown as Record<string, Int32Array>;
    for (const key of SHARED) self[key] = inSharedMemory(self[key]!);
    const shared = { records: this.replicaRecords, recent: Int32Array.from(this.recent), sealedTerms: this.sealedTerms } as SharedSegment;
    for (const key of SHARED) (shared as unknown as Record<string, unknown>)[key] = this[key];
    return shared;
  }

  /** A slot for item `itemIndex` of the document at `ordinal`, with no terms yet; it counts as recent. */
  newSlot(ordinal: number, itemIndex: number): number {
    let slot = this.freeSlots.pop();
    if (slot === undefined) {
      slot = this.slotCount++;
      this.growSlots(this.slotCount);
    }
    this.slotOrdinal[slot] = ordinal;
    this.slotItem[slot] = itemIndex;
    this.slotNormGen[slot] = -1;
    this.slotLength[slot] = 0;
    this.recent.push(slot);
    this.liveItems++;
    return slot;
  }

  /** Tombstones a slot: never an answer again; its postings stay in the rows until the next seal. */
  removeSlot(slot: number): void {
    this.fwdGarbage += this.slotLength[slot]!;
    this.slotOrdinal[slot] = -1;
    this.deadSlots.push(slot);
    this.liveItems--;
  }

  growSlots(size: number): void {
    if (size <= this.slotItem.length) return;
    this.slotItem = grow(this.slotItem, size);
    this.slotOrdinal = grow(this.slotOrdinal, size, -1);
    this.slotNormGen = grow(this.slotNormGen, size, -1);
    this.nextCopy = grow(this.nextCopy, size, -1);
    this.records = grow(this.records, size * RECORD);
    this.recordsVersion++;
    this.slotStart = grow(this.slotStart, size);
    this.slotLength = grow(this.slotLength, size);
  }

  growTerms(size: number): void {
    this.ub = grow(this.ub, size);
  }

  /** The start of `n` places in the forward pool. */
  reserveForward(n: number): number {
    if (this.fwdUsed + n > this.fwdIds.length) {
      this.fwdIds = grow(this.fwdIds, this.fwdUsed + n);
      this.fwdCodes = grow(this.fwdCodes, this.fwdUsed + n);
    }
    const start = this.fwdUsed;
    this.fwdUsed += n;
    return start;
  }

  /**
   * Gives `slot` the term list of `from` (the same text, analysed alike): shared, not copied. Term lists are
   * never changed in place, so sharing is safe; a question scores a shared list once.
   */
  shareTerms(from: number, slot: number): void {
    this.slotStart[slot] = this.slotStart[from]!;
    this.slotLength[slot] = this.slotLength[from]!;
  }

  /** Copies the live slots' term lists to a fresh pool (removed items leave holes); shared lists stay shared. */
  compactForward(): void {
    const moved = new Map<number, number>();
    let live = 0;
    for (let s = 0; s < this.slotCount; s++) {
      if (this.slotOrdinal[s] === -1 || this.slotLength[s] === 0 || moved.has(this.slotStart[s]!)) continue;
      moved.set(this.slotStart[s]!, -1);
      live += this.slotLength[s]!;
    }
    const ids = new Int32Array(Math.max(1 << 16, Math.ceil(live * 1.25)));
    const codes = new Uint16Array(ids.length);
    let used = 0;
    for (let s = 0; s < this.slotCount; s++) {
      if (this.slotOrdinal[s] === -1 || this.slotLength[s] === 0) {
        this.slotStart[s] = 0;
        this.slotLength[s] = 0;
        continue;
      }
      const from = this.slotStart[s]!;
      const to = moved.get(from)!;
      if (to !== -1) {
        this.slotStart[s] = to;
        continue;
      }
      const n = this.slotLength[s]!;
      ids.set(this.fwdIds.subarray(from, from + n), used);
      codes.set(this.fwdCodes.subarray(from, from + n), used);
      moved.set(from, used);
      this.slotStart[s] = used;
      used += n;
    }
    this.fwdIds = ids;
    this.fwdCodes = codes;
    this.fwdUsed = used;
    this.fwdGarbage = 0;
  }

  /**
   * Marks the representative of each term list among the live slots (the first with it, in slot order) and
   * links the others to it (`nextCopy`): what the rows hold of them.
   */
  linkCopies(): Uint8Array {
    const nextCopy = this.nextCopy;
    nextCopy.fill(-1);
    /** The last copy so far of each shared term list, by its start. */
    const lastCopy = new Map<number, number>();
    const represents = new Uint8Array(this.slotCount);
    for (let s = 0; s < this.slotCount; s++) {
      if (this.slotOrdinal[s] === -1 || this.slotLength[s] === 0) continue;
      const last = lastCopy.get(this.slotStart[s]!);
      lastCopy.set(this.slotStart[s]!, s);
      if (last !== undefined) nextCopy[last] = s;
      else represents[s] = 1;
    }
    return represents;
  }

  /** Takes rows of `terms` terms over the slots as the sealed rows: recent items are then none, removed slots free. */
  setRows(rows: { start: Int32Array; items: Int32Array; codes: Uint16Array }, terms: number): void {
    this.rowStart = rows.start;
    this.rowSlots = rows.items;
    this.rowCodes = rows.codes;
    this.rowsVersion++;
    this.sealedTerms = terms;
    this.sealedItems = this.liveItems;
    this.recent = [];
    for (const slot of this.deadSlots) this.freeSlots.push(slot);
    this.deadSlots = [];
  }
}
