// The document table: the indexed documents by id, each with its ordinal (its place in a dense list, which
// the segment's slots refer to) and the slot of each of its items; which documents may answer a question
// (a mask by ordinal, kept per draft date until the documents change) and their order by id (ties).
import type { RecDocument } from '../document/model';
import type { ThesaurusGroup } from '../text/thesaurus';
import type { Segment } from './segment';

const ISO_DATE = /^\d{4}(?:-\d{2}(?:-\d{2})?)?/;

export interface DocEntry {
  doc: RecDocument;
  /** Slot of each item, by item index. */
  slots: number[];
  date: string | null;
  abbreviations: ThesaurusGroup[];
  /** Fingerprint of `abbreviations`: analysis of an unchanged item can be reused while it is the same. */
  abbreviationKey: string;
  /** Position in the dense list (for per-query masks). */
  ordinal: number;
  /** When the document was first added (kept when it is replaced): the order of `ordered()`. */
  sequence: number;
}

export function datePrefix(date: string | null | undefined): string | null {
  if (date === null || date === undefined) return null;
  const m = ISO_DATE.exec(date.trim());
  return m === null ? null : m[0];
}

/** True when `precedent` is known to be later than `draft` (compared at their common precision). */
function isAfter(precedent: string | null, draft: string | null): boolean {
  if (precedent === null || draft === null) return false;
  const n = Math.min(precedent.length, draft.length);
  return precedent.slice(0, n) > draft.slice(0, n);
}

export class DocumentTable {
  private readonly byId = new Map<string, DocEntry>();
  private list: Array<DocEntry | null> = [];
  private nextSequence = 0;
  /** Bumped when a document is added or removed (cached per-query masks are then rebuilt). */
  version = 0;
  private allowedCache: { date: string | null; version: number; mask: Uint8Array } | null = null;
  private idRankCache: { version: number; ranks: Int32Array } | null = null;
  /** The document of each slot (null: free or removed). */
  private readonly slotEntry: Array<DocEntry | null> = [];

  constructor(private readonly segment: Segment) {}

  get size(): number {
    return this.byId.size;
  }

  get(id: string): DocEntry | undefined {
    return this.byId.get(id);
  }

  entries(): IterableIterator<DocEntry> {
    return this.byId.values();
  }

  /** The documents in the order they were first added (a replaced document keeps its place). */
  ordered(): DocEntry[] {
    return [...this.byId.values()].sort((a, b) => a.sequence - b.sequence);
  }

  /** A new entry for `doc` (no slots yet); `sequence` keeps a replaced document's place. */
  add(doc: RecDocument, abbreviations: ThesaurusGroup[], abbreviationKey: string, sequence?: number): DocEntry {
    const entry: DocEntry = { doc, slots: [], date: datePrefix(doc.metadata.date), abbreviations, abbreviationKey,
      ordinal: this.list.length, sequence: sequence ?? this.nextSequence++ };
    this.list.push(entry);
    this.byId.set(doc.id, entry);
    return entry;
  }

  /** Removes an entry whose slots are removed; the list is compacted (ordinals renumbered) once half empty. */
  remove(entry: DocEntry): void {
    for (const slot of entry.slots) this.slotEntry[slot] = null;
    this.byId.delete(entry.doc.id);
    this.list[entry.ordinal] = null;
    if (this.list.length > 64 && this.list.length > 2 * this.byId.size) {
      this.list = this.list.filter((e): e is DocEntry => e !== null);
      this.list.forEach((e, i) => {
        if (e === null) return;
        e.ordinal = i;
        for (const slot of e.slots) this.segment.slotOrdinal[slot] = i;
      });
    }
  }

  /** Records that `slot` holds an item of `entry`. */
  place(slot: number, entry: DocEntry): void {
    while (this.slotEntry.length <= slot) this.slotEntry.push(null);
    this.slotEntry[slot] = entry;
  }

  entryOf(slot: number): DocEntry | null {
    return this.slotEntry[slot] ?? null;
  }

  /**
   * Which documents may answer (indexed by ordinal + 1: removed slots have ordinal -1 → never allowed). The
   * mask for a draft date is kept until the documents change; exclusions are applied to a copy.
   */
  allowed(draftDate: string | null, exclude: ReadonlySet<string> | undefined): Uint8Array {
    let mask = this.allowedCache?.date === draftDate && this.allowedCache.version === this.version ? this.allowedCache.mask : null;
    if (mask === null) {
      mask = new Uint8Array(this.list.length + 1);
      for (const entry of this.list) {
        if (entry !== null && !isAfter(entry.date, draftDate)) mask[entry.ordinal + 1] = 1;
      }
      this.allowedCache = { date: draftDate, version: this.version, mask };
    }
    if (exclude === undefined || exclude.size === 0) return mask;
    let copy: Uint8Array | null = null;
    for (const id of exclude) {
      const entry = this.byId.get(id);
      if (entry === undefined || mask[entry.ordinal + 1] === 0) continue;
      copy ??= mask.slice();
      copy[entry.ordinal + 1] = 0;
    }
    return copy ?? mask;
  }

  /** Each document's place in the order of document ids, by ordinal; sorted again after the documents change. */
  idRanks(): Int32Array {
    if (this.idRankCache?.version === this.version) return this.idRankCache.ranks;
    const live = this.list.filter((e): e is DocEntry => e !== null).sort((a, b) => (a.doc.id < b.doc.id ? -1 : a.doc.id > b.doc.id ? 1 : 0));
    const ranks = new Int32Array(this.list.length);
    live.forEach((e, i) => {
      ranks[e.ordinal] = i;
    });
    this.idRankCache = { version: this.version, ranks };
    return ranks;
  }

  /** Takes `ranks` as the order by id until the documents change (shared memory, or a replica's). */
  useIdRanks(ranks: Int32Array): void {
    this.idRankCache = { version: this.version, ranks };
  }
}
