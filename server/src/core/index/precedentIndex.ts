// The precedent index: every item of every corpus document, searchable by similarity of wording.
// Terms come from the analyser (stems, phrases, thesaurus concepts); weights are the analyser's weight × IDF;
// the score is the cosine of the two weighted vectors (identical texts → 1, nothing shared → 0).
//
// Layout (lean at 100,000+ items: no per-item Map or object beyond the documents themselves):
// - terms are interned to ids; an item's analyser weight is interned to a 16-bit code (the analyser gives few
//   distinct weights: kind weight × (1 + ln count));
// - the forward index: each item slot's sorted term ids and weight codes, in two pooled typed arrays;
// - the inverted index: postings of every term in compressed rows (CSR: one Int32Array of item slots, one
//   Uint16Array of weight codes, one offset per term), built in one counting-sort pass ("sealing") from the
//   forward index. Items added since the last seal ("recent") are scored exactly from the forward index; the
//   rows are rebuilt once the recent items are more than a few percent of the index. Removed items are
//   tombstoned (their document ordinal is -1) until the next seal drops them.
// Queries: exact top-k with pruning. Terms are visited from the heaviest (rarest) query term down; once no
// item not yet seen can reach the k-th best partial score (or `minScore`), by two bounds — the sum of the
// remaining terms' highest normalised weights (MaxScore) and the norm of the remaining query (Cauchy–Schwarz:
// an item's remaining contribution is at most ‖q_rest‖·‖d_rest‖ ≤ ‖q_rest‖·√(1 − ‖d_seen‖²)) — no new
// candidates are taken, hopeless candidates are dropped, and the rest only have their scores completed. The
// same results as visiting every posting.
// Rarity weights (IDF) come in generations: exact after every change below `exactBelow` items, refreshed after
// 5% churn above it; queries and norms of one generation always agree, so identical texts still score 1.
// Pure: no I/O, no timers; results depend only on the documents in the index (and, above `exactBelow`, on
// when the rarity weights were last refreshed) and the query.
import type { Item, RecDocument } from '../document/model';
import { findDefinedAbbreviations } from '../text/abbreviations';
import type { Analyser, TermWeights } from '../text/analyser';
import { mergeThesauri, type ThesaurusGroup } from '../text/thesaurus';

export interface PrecedentMatch {
  document: RecDocument;
  item: Item;
  /** Cosine similarity in 0..1: 1 for the same wording, near 0 for unrelated texts. */
  score: number;
}

export interface QueryOptions {
  /** Most matches returned (default 10). */
  limit?: number;
  /** Lowest score returned (default: anything above 0). */
  minScore?: number;
  /** Ids of documents whose items are never returned (e.g. the draft itself). */
  excludeDocuments?: ReadonlySet<string>;
  /**
   * The draft's date (ISO 8601). When it and a precedent's `metadata.date` are both known and the precedent
   * is dated after the draft, the precedent is not returned: only earlier precedents are.
   */
  draftDate?: string | null;
}

export interface PrecedentIndexOptions {
  /**
   * Learn the abbreviations each document defines ("Department of Overseas Labour (DoLAB)"): its own items are
   * analysed with them, and queries with those of the whole corpus. Default true.
   */
  learnAbbreviations?: boolean;
  /**
   * Below this many items, rarity weights (IDF) are exact after every change; above it they are refreshed
   * once the corpus has changed by `staleFraction` of its items since the last refresh. Default 20,000.
   */
  exactBelow?: number;
  /** Default 0.05. */
  staleFraction?: number;
  /**
   * From how many postings (summed over a query's terms) a query uses pruning instead of visiting every
   * posting. Same results either way; default 20,000. `Infinity` turns pruning off, 0 always prunes.
   */
  pruneFromPostings?: number;
}

export interface IndexStats {
  documents: number;
  items: number;
}

interface DocEntry {
  doc: RecDocument;
  /** Slot of each item, by item index. */
  slots: number[];
  date: string | null;
  abbreviations: ThesaurusGroup[];
  /** Fingerprint of `abbreviations`: analysis of an unchanged item can be reused while it is the same. */
  abbreviationKey: string;
  /** Position in `docList` (for per-query flags). */
  ordinal: number;
  /** When the document was first added (kept when it is replaced): the order of `documents()`. */
  sequence: number;
}

/**
 * Everything the index holds, as plain arrays: what `serialise.ts` writes and reads. Documents in `documents()`
 * order; each item's terms are `termIds`/`weightCodes[itemStart[i] .. itemStart[i + 1])` (items in document
 * order), sorted by term id.
 */
export interface IndexState {
  documents: Array<{ doc: RecDocument; abbreviations: ThesaurusGroup[] }>;
  terms: string[];
  weights: Float64Array;
  itemStart: Int32Array;
  termIds: Int32Array;
  weightCodes: Uint16Array;
}

const ISO_DATE = /^\d{4}(?:-\d{2}(?:-\d{2})?)?/;
/** Weight codes are 16-bit; a weight beyond the table is rounded to the nearest one (never in practice). */
const MAX_WEIGHT_CODES = 0x10000;
/** Seal again once the items added since the last seal exceed this many plus `RESEAL_FRACTION` of the index. */
const RESEAL_ITEMS = 1000;
const RESEAL_FRACTION = 0.04;
/** Cached vectors for `similarity` (a draft's items compared pairwise), cleared when full. */
const VECTOR_CACHE = 4096;
/** Item texts remembered for reusing their analysis (repeated wording across documents), cleared when full. */
const ANALYSIS_CACHE = 400_000;
const EPSILON = 1e-9;

function datePrefix(date: string | null | undefined): string | null {
  if (date === null || date === undefined) return null;
  const m = ISO_DATE.exec(date.trim());
  return m === null ? null : m[0];
}

function abbreviationKeyOf(abbreviations: readonly ThesaurusGroup[]): string {
  return abbreviations.length === 0 ? '' : JSON.stringify(abbreviations);
}

/** True when `precedent` is known to be later than `draft` (compared at their common precision). */
function isAfter(precedent: string | null, draft: string | null): boolean {
  if (precedent === null || draft === null) return false;
  const n = Math.min(precedent.length, draft.length);
  return precedent.slice(0, n) > draft.slice(0, n);
}

/** The k-th largest value (1-based) of `values[0 .. n)`, which it reorders (quickselect, O(n) on average). */
function kthLargest(values: Float64Array, n: number, k: number): number {
  let lo = 0;
  let hi = n - 1;
  const target = n - k;
  while (lo < hi) {
    const pivot = values[(lo + hi) >> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
      if (i <= j) {
        const t = values[i]!;
        values[i] = values[j]!;
        values[j] = t;
        i++;
        j--;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else break;
  }
  return values[target]!;
}

/** Score ordering: higher score first, then document id, then item index (deterministic). */
function better(sa: number, da: string, ia: number, sb: number, db: string, ib: number): boolean {
  if (sa !== sb) return sa > sb;
  if (da !== db) return da < db;
  return ia < ib;
}

function grow<T extends Int32Array | Float64Array | Uint16Array | Uint8Array>(array: T, size: number, fill?: number): T {
  if (array.length >= size) return array;
  let length = Math.max(16, array.length);
  while (length < size) length *= 2;
  const next = new (array.constructor as new (n: number) => T)(length);
  if (fill !== undefined) next.fill(fill);
  next.set(array);
  return next;
}

/** A query, prepared: its known terms (ids, weights × idf) and its norm over all its terms. */
interface QueryVector {
  ids: Int32Array;
  /** Query weight × idf of each term. */
  qw: Float64Array;
  /** Idf of each term. */
  idf: Float64Array;
  norm: number;
  postings: number;
}

/** An analysed text for `similarity`: sorted ids (known terms, then negative ids for unknown ones), weights × idf. */
interface Vector {
  ids: Int32Array;
  weights: Float64Array;
  norm: number;
  generation: number;
}

export class PrecedentIndex {
  private readonly learnAbbreviations: boolean;
  private readonly exactBelow: number;
  private readonly staleFraction: number;
  private readonly pruneFromPostings: number;

  // Documents.
  private readonly docs = new Map<string, DocEntry>();
  private docList: Array<DocEntry | null> = [];
  private nextSequence = 0;

  // Terms (interned) and weights (interned to 16-bit codes).
  private readonly termIds = new Map<string, number>();
  private termNames: string[] = [];
  private df = new Int32Array(1024);
  private idf = new Float64Array(1024).fill(NaN);
  /** Highest normalised weight (weight × idf / item norm) of each term over the sealed items, for generation `ubGen`. */
  private ub = new Float64Array(1024);
  private ubGen = -1;
  private weightValues = new Float64Array(64);
  private readonly weightCodes = new Map<number, number>();

  // Item slots.
  private slotEntry: Array<DocEntry | null> = [];
  private slotCount = 0;
  private slotItem = new Int32Array(1024);
  /** Ordinal (position in `docList`) of each slot's document; -1 for a free or removed slot. */
  private slotOrdinal = new Int32Array(1024).fill(-1);
  private slotNorm = new Float64Array(1024);
  private slotNormGen = new Int32Array(1024).fill(-1);
  /** Forward index: the slot's terms are `fwdIds/fwdCodes[slotStart .. slotStart + slotLength)`, sorted by id. */
  private slotStart = new Int32Array(1024);
  private slotLength = new Int32Array(1024);
  private fwdIds: Int32Array = new Int32Array(1 << 16);
  private fwdCodes: Uint16Array = new Uint16Array(1 << 16);
  private fwdUsed = 0;
  private fwdGarbage = 0;
  /** Slots free for reuse (not in the sealed rows). */
  private freeSlots: number[] = [];
  /** Removed slots still in the sealed rows (freed at the next seal). */
  private deadSlots: number[] = [];
  private liveItems = 0;

  // Inverted index (sealed rows) and the items added since.
  private rowStart = new Int32Array(1);
  private rowSlots = new Int32Array(0);
  private rowCodes = new Uint16Array(0);
  /** Terms with a row (ids below this). */
  private sealedTerms = 0;
  private sealedItems = 0;
  private recent: number[] = [];

  // Rarity weights.
  private idfGen = 0;
  private snapshotItems = 0;
  private changesSinceSnapshot = 0;

  // Query analyser (base + abbreviations learnt from the corpus), rebuilt when those change.
  private queryAnalyserCache: Analyser | null = null;
  /** Analysers extended with a document's abbreviations, by their fingerprint. */
  private readonly extendedAnalysers = new Map<string, Analyser>();
  /** Item text (by abbreviation fingerprint) → a live slot holding its analysis. */
  private readonly analysed = new Map<string, number>();
  private readonly vectors = new Map<string, Vector>();
  private readonly unknownTerms = new Map<string, number>();

  // Scratch for queries: raw dot products and squared item weights by slot, the slots touched.
  private acc = new Float64Array(1024);
  private acc2 = new Float64Array(1024);
  private touched = new Int32Array(1024);
  private touchedCount = 0;
  private scratch = new Float64Array(1024);

  constructor(private readonly analyser: Analyser, options: PrecedentIndexOptions = {}) {
    this.learnAbbreviations = options.learnAbbreviations ?? true;
    this.exactBelow = options.exactBelow ?? 20_000;
    this.staleFraction = options.staleFraction ?? 0.05;
    this.pruneFromPostings = options.pruneFromPostings ?? 20_000;
  }

  // ── Documents ────────────────────────────────────────────────────────────────────────────────────────

  /** Adds a document; a document with the same id is replaced. */
  addDocument(doc: RecDocument): void {
    if (this.docs.has(doc.id)) {
      this.replaceDocument(doc);
      return;
    }
    this.insert(doc, null);
  }

  /** Replaces the document with the same id (or adds it); items whose text is unchanged are not re-analysed. */
  replaceDocument(doc: RecDocument): void {
    const old = this.docs.get(doc.id);
    if (old === undefined) {
      this.insert(doc, null);
      return;
    }
    // The old items' terms stay in the forward pool until the next seal: they can be copied after removal.
    const reuse = new Map<string, number>();
    old.doc.items.forEach((item, i) => reuse.set(item.text, old.slots[i]!));
    const sequence = old.sequence;
    const abbreviationKey = old.abbreviationKey;
    this.remove(old);
    this.insert(doc, { abbreviationKey, slots: reuse, sequence });
  }

  /** Removes a document; returns false when there was none with that id. Its items are never returned again. */
  removeDocument(id: string): boolean {
    const entry = this.docs.get(id);
    if (entry === undefined) return false;
    this.remove(entry);
    return true;
  }

  getDocument(id: string): RecDocument | undefined {
    return this.docs.get(id)?.doc;
  }

  /** The indexed documents, in the order they were first added (a replaced document keeps its place). */
  documents(): RecDocument[] {
    return this.orderedEntries().map((e) => e.doc);
  }

  stats(): IndexStats {
    return { documents: this.docs.size, items: this.liveItems };
  }

  // ── Queries ──────────────────────────────────────────────────────────────────────────────────────────

  /** The items closest to `text`, best first. Empty or stop-word-only text → []. */
  query(text: string, options: QueryOptions = {}): PrecedentMatch[] {
    const limit = options.limit ?? 10;
    if (limit <= 0 || this.liveItems === 0) return [];
    this.refreshWeights();
    this.ensureSealed();
    const query = this.queryVector(this.queryAnalyser().analyse(text));
    if (query.norm === 0 || query.ids.length === 0) return [];

    // Which documents may answer (indexed by ordinal + 1: removed slots have ordinal -1 → never allowed).
    const allowed = new Uint8Array(this.docList.length + 1);
    const draftDate = datePrefix(options.draftDate);
    for (const entry of this.docList) {
      if (entry === null) continue;
      if (options.excludeDocuments?.has(entry.doc.id)) continue;
      if (isAfter(entry.date, draftDate)) continue;
      allowed[entry.ordinal + 1] = 1;
    }
    const minScore = options.minScore ?? 0;
    this.ensureAccumulators();
    try {
      const exact = this.scoreRecent(query, allowed);
      const candidates = this.accumulate(query, allowed, limit, minScore, exact, query.postings >= this.pruneFromPostings);
      return this.best(candidates, exact, query.norm, limit, minScore);
    } finally {
      this.clearAccumulators();
    }
  }

  /**
   * Similarity of two texts in 0..1 (cosine of their term vectors, weighted by the corpus's rarity weights),
   * on the same scale as `query` scores. Either text empty → 0.
   */
  similarity(textA: string, textB: string): number {
    this.refreshWeights();
    const a = this.vectorOf(textA);
    const b = this.vectorOf(textB);
    if (a.norm === 0 || b.norm === 0) return 0;
    let dot = 0;
    const ai = a.ids;
    const bi = b.ids;
    for (let i = 0, j = 0; i < ai.length && j < bi.length;) {
      const x = ai[i]!;
      const y = bi[j]!;
      if (x === y) dot += a.weights[i++]! * b.weights[j++]!;
      else if (x < y) i++;
      else j++;
    }
    return this.cosine(dot, a.norm, b.norm);
  }

  /** The analyser queries use: the index's analyser plus the abbreviations the corpus defines. */
  queryAnalyser(): Analyser {
    if (this.queryAnalyserCache === null) {
      const learnt = [...this.docs.values()]
        .filter((e) => e.abbreviations.length > 0)
        .sort((a, b) => (a.doc.id < b.doc.id ? -1 : a.doc.id > b.doc.id ? 1 : 0));
      this.queryAnalyserCache = learnt.length === 0
        ? this.analyser
        : this.analyser.extend(mergeThesauri(learnt.map((e) => ({ spelling: new Map(), groups: e.abbreviations, sources: [e.doc.id] }))));
    }
    return this.queryAnalyserCache;
  }

  // ── State (for serialise.ts) ─────────────────────────────────────────────────────────────────────────

  /** The index's contents as plain arrays; `include` picks the documents (default all). */
  exportState(include: (doc: RecDocument) => boolean = () => true): IndexState {
    const entries = this.orderedEntries().filter((e) => include(e.doc));
    let items = 0;
    let postings = 0;
    for (const e of entries) {
      items += e.slots.length;
      for (const slot of e.slots) postings += this.slotLength[slot]!;
    }
    const itemStart = new Int32Array(items + 1);
    const termIds = new Int32Array(postings);
    const weightCodes = new Uint16Array(postings);
    // Only the terms these documents use, renumbered densely in first-use order.
    const remap = new Int32Array(this.termNames.length).fill(-1);
    const terms: string[] = [];
    let item = 0;
    let p = 0;
    for (const e of entries) {
      for (const slot of e.slots) {
        itemStart[item++] = p;
        const start = this.slotStart[slot]!;
        const end = start + this.slotLength[slot]!;
        for (let k = start; k < end; k++) {
          const id = this.fwdIds[k]!;
          if (remap[id] === -1) {
            remap[id] = terms.length;
            terms.push(this.termNames[id]!);
          }
          termIds[p] = remap[id]!;
          weightCodes[p++] = this.fwdCodes[k]!;
        }
      }
    }
    itemStart[item] = p;
    return {
      documents: entries.map((e) => ({ doc: e.doc, abbreviations: e.abbreviations })),
      terms,
      weights: this.weightValues.slice(0, this.weightCodes.size),
      itemStart,
      termIds,
      weightCodes,
    };
  }

  /**
   * An index holding `state` (as `exportState` gave it), analysed with `analyser` — which must be the analyser
   * the state was made with: the caller checks that (serialise.ts keys it). Throws on an inconsistent state.
   */
  static fromState(analyser: Analyser, state: IndexState, options: PrecedentIndexOptions = {}): PrecedentIndex {
    const index = new PrecedentIndex(analyser, options);
    index.loadState(state);
    return index;
  }

  private loadState(state: IndexState): void {
    const nTerms = state.terms.length;
    const fail = (what: string): never => {
      throw new Error(`inconsistent index state: ${what}`);
    };
    if (state.weights.length > MAX_WEIGHT_CODES) fail('too many weights');
    this.weightValues = grow(this.weightValues, state.weights.length);
    state.weights.forEach((w, code) => {
      this.weightValues[code] = w;
      this.weightCodes.set(w, code);
    });
    this.termNames = state.terms.slice();
    state.terms.forEach((t, id) => this.termIds.set(t, id));
    if (this.termIds.size !== nTerms) fail('repeated terms');
    this.growTerms(nTerms);
    const items = state.itemStart.length - 1;
    const postings = state.termIds.length;
    if (items < 0 || state.itemStart[0] !== 0 || state.itemStart[items] !== postings || state.weightCodes.length !== postings) fail('item offsets');
    this.fwdIds = state.termIds;
    this.fwdCodes = state.weightCodes;
    this.fwdUsed = postings;
    this.growSlots(items);
    let item = 0;
    for (const { doc, abbreviations } of state.documents) {
      if (this.docs.has(doc.id)) fail(`repeated document ${doc.id}`);
      const entry: DocEntry = { doc, slots: [], date: datePrefix(doc.metadata.date), abbreviations, abbreviationKey: abbreviationKeyOf(abbreviations),
        ordinal: this.docList.length, sequence: this.nextSequence++ };
      this.docList.push(entry);
      this.docs.set(doc.id, entry);
      for (let i = 0; i < doc.items.length; i++) {
        if (item >= items) fail('fewer item vectors than items');
        const slot = this.slotCount++;
        this.slotEntry.push(entry);
        this.slotItem[slot] = i;
        this.slotOrdinal[slot] = entry.ordinal;
        const start = state.itemStart[item]!;
        const end = state.itemStart[item + 1]!;
        if (end < start) fail('item offsets');
        this.slotStart[slot] = start;
        this.slotLength[slot] = end - start;
        let previous = -1;
        for (let k = start; k < end; k++) {
          const id = state.termIds[k]!;
          if (id <= previous || id >= nTerms) fail('term ids');
          if (state.weightCodes[k]! >= state.weights.length) fail('weight codes');
          previous = id;
          this.df[id]!++;
        }
        entry.slots.push(slot);
        this.recent.push(slot);
        this.liveItems++;
        item++;
      }
      if (abbreviations.length > 0) this.queryAnalyserCache = null;
    }
    if (item !== items) fail('more item vectors than items');
    this.changed(items);
  }

  // ── Internals: documents and slots ─────────────────────────────────────────────────────────────────

  private orderedEntries(): DocEntry[] {
    return [...this.docs.values()].sort((a, b) => a.sequence - b.sequence);
  }

  private cosine(dot: number, normA: number, normB: number): number {
    if (dot <= 0 || normA === 0 || normB === 0) return 0;
    const s = dot / (normA * normB);
    return s > 1 - 1e-12 ? 1 : s;
  }

  private insert(doc: RecDocument, previous: { abbreviationKey: string; slots: Map<string, number>; sequence: number } | null): void {
    let abbreviations: ThesaurusGroup[] = [];
    if (this.learnAbbreviations) {
      abbreviations = findDefinedAbbreviations(doc.items.map((i) => i.text).join('\n'));
    }
    const abbreviationKey = abbreviationKeyOf(abbreviations);
    const reuse = previous !== null && previous.abbreviationKey === abbreviationKey ? previous.slots : null;
    const analyser = this.analyserFor(abbreviations, abbreviationKey, doc.id);

    const entry: DocEntry = { doc, slots: [], date: datePrefix(doc.metadata.date), abbreviations, abbreviationKey,
      ordinal: this.docList.length, sequence: previous?.sequence ?? this.nextSequence++ };
    this.docList.push(entry);
    this.docs.set(doc.id, entry);
    for (const item of doc.items) {
      const slot = this.newSlot(entry, item.index);
      const from = reuse?.get(item.text) ?? this.analysedSlot(item.text, abbreviationKey);
      if (from !== undefined) this.copyTerms(from, slot);
      else this.internTerms(analyser.analyse(item.text), slot);
      this.rememberAnalysis(item.text, abbreviationKey, slot);
      entry.slots.push(slot);
    }
    if (abbreviations.length > 0) this.queryAnalyserCache = null;
    this.changed(doc.items.length);
  }

  /** The base analyser, extended with a document's abbreviations (shared between documents defining the same). */
  private analyserFor(abbreviations: ThesaurusGroup[], key: string, id: string): Analyser {
    if (abbreviations.length === 0) return this.analyser;
    let analyser = this.extendedAnalysers.get(key);
    if (analyser === undefined) {
      if (this.extendedAnalysers.size >= 256) this.extendedAnalysers.clear();
      analyser = this.analyser.extend({ spelling: new Map(), groups: abbreviations, sources: [id] });
      this.extendedAnalysers.set(key, analyser);
    }
    return analyser;
  }

  /** A live slot whose item has this text and was analysed with the same abbreviations, if remembered. */
  private analysedSlot(text: string, abbreviationKey: string): number | undefined {
    const slot = this.analysed.get(abbreviationKey === '' ? text : `${abbreviationKey}\u0000${text}`);
    if (slot === undefined || this.slotOrdinal[slot] === -1) return undefined;
    const entry = this.slotEntry[slot];
    if (!entry || entry.abbreviationKey !== abbreviationKey || entry.doc.items[this.slotItem[slot]!]?.text !== text) return undefined;
    return slot;
  }

  private rememberAnalysis(text: string, abbreviationKey: string, slot: number): void {
    if (this.analysed.size >= ANALYSIS_CACHE) this.analysed.clear();
    this.analysed.set(abbreviationKey === '' ? text : `${abbreviationKey}\u0000${text}`, slot);
  }

  private remove(entry: DocEntry): void {
    for (const slot of entry.slots) this.removeSlot(slot);
    this.docs.delete(entry.doc.id);
    this.docList[entry.ordinal] = null;
    if (this.docList.length > 64 && this.docList.length > 2 * this.docs.size) {
      this.docList = this.docList.filter((e): e is DocEntry => e !== null);
      this.docList.forEach((e, i) => {
        if (e === null) return;
        e.ordinal = i;
        for (const slot of e.slots) this.slotOrdinal[slot] = i;
      });
    }
    if (entry.abbreviations.length > 0) this.queryAnalyserCache = null;
    this.changed(entry.slots.length);
  }

  private newSlot(entry: DocEntry, itemIndex: number): number {
    let slot = this.freeSlots.pop();
    if (slot === undefined) {
      slot = this.slotCount++;
      this.slotEntry.push(null);
      this.growSlots(this.slotCount);
    }
    this.slotEntry[slot] = entry;
    this.slotOrdinal[slot] = entry.ordinal;
    this.slotItem[slot] = itemIndex;
    this.slotNormGen[slot] = -1;
    this.slotLength[slot] = 0;
    this.recent.push(slot);
    this.liveItems++;
    return slot;
  }

  private growSlots(size: number): void {
    if (size <= this.slotItem.length) return;
    this.slotItem = grow(this.slotItem, size);
    this.slotOrdinal = grow(this.slotOrdinal, size, -1);
    this.slotNorm = grow(this.slotNorm, size);
    this.slotNormGen = grow(this.slotNormGen, size, -1);
    this.slotStart = grow(this.slotStart, size);
    this.slotLength = grow(this.slotLength, size);
  }

  private reserveForward(n: number): number {
    if (this.fwdUsed + n > this.fwdIds.length) {
      this.fwdIds = grow(this.fwdIds, this.fwdUsed + n);
      this.fwdCodes = grow(this.fwdCodes, this.fwdUsed + n);
    }
    const start = this.fwdUsed;
    this.fwdUsed += n;
    return start;
  }

  private weightCode(weight: number): number {
    let code = this.weightCodes.get(weight);
    if (code === undefined) {
      if (this.weightCodes.size >= MAX_WEIGHT_CODES) {
        // Never in practice (the analyser gives a few hundred distinct weights): the nearest weight known.
        let best = 0;
        for (let c = 1; c < MAX_WEIGHT_CODES; c++) if (Math.abs(this.weightValues[c]! - weight) < Math.abs(this.weightValues[best]! - weight)) best = c;
        return best;
      }
      code = this.weightCodes.size;
      this.weightValues = grow(this.weightValues, code + 1);
      this.weightValues[code] = weight;
      this.weightCodes.set(weight, code);
    }
    return code;
  }

  private termId(term: string): number {
    let id = this.termIds.get(term);
    if (id === undefined) {
      id = this.termNames.length;
      this.termIds.set(term, id);
      this.termNames.push(term);
      this.growTerms(id + 1);
    }
    return id;
  }

  private growTerms(size: number): void {
    if (size <= this.df.length) return;
    this.df = grow(this.df, size);
    this.idf = grow(this.idf, size, NaN);
    this.ub = grow(this.ub, size);
  }

  /** Stores an analysis as the slot's sorted terms. */
  private internTerms(terms: TermWeights, slot: number): void {
    const n = terms.size;
    const start = this.reserveForward(n);
    const ids = this.fwdIds;
    const codes = this.fwdCodes;
    // Insertion by id (items have tens of terms; sorted ids make merges and binary searches possible).
    let k = 0;
    for (const [term, weight] of terms) {
      const id = this.termId(term);
      const code = this.weightCode(weight);
      let i = start + k;
      while (i > start && ids[i - 1]! > id) {
        ids[i] = ids[i - 1]!;
        codes[i] = codes[i - 1]!;
        i--;
      }
      ids[i] = id;
      codes[i] = code;
      k++;
    }
    this.slotStart[slot] = start;
    this.slotLength[slot] = n;
    for (let i = start; i < start + n; i++) this.df[ids[i]!]!++;
  }

  private copyTerms(from: number, slot: number): void {
    const n = this.slotLength[from]!;
    const source = this.slotStart[from]!;
    const start = this.reserveForward(n);
    this.fwdIds.copyWithin(start, source, source + n);
    this.fwdCodes.copyWithin(start, source, source + n);
    this.slotStart[slot] = start;
    this.slotLength[slot] = n;
    for (let i = start; i < start + n; i++) this.df[this.fwdIds[i]!]!++;
  }

  private removeSlot(slot: number): void {
    const start = this.slotStart[slot]!;
    const end = start + this.slotLength[slot]!;
    for (let i = start; i < end; i++) this.df[this.fwdIds[i]!]!--;
    this.fwdGarbage += end - start;
    this.slotEntry[slot] = null;
    this.slotOrdinal[slot] = -1;
    this.deadSlots.push(slot);
    this.liveItems--;
  }

  // ── Internals: sealing ─────────────────────────────────────────────────────────────────────────────

  /** Rebuilds the inverted rows when the items added (or removed) since the last seal are too many. */
  private ensureSealed(): void {
    const limit = RESEAL_ITEMS + RESEAL_FRACTION * this.sealedItems;
    if (this.recent.length <= limit && this.deadSlots.length <= limit) return;
    this.seal();
  }

  /** One counting-sort pass over the forward index: every live slot's postings, by term, in slot order. */
  private seal(): void {
    if (this.fwdGarbage > this.fwdUsed / 3) this.compactForward();
    const nTerms = this.termNames.length;
    const start = new Int32Array(nTerms + 1);
    const slots = this.slotCount;
    const ordinal = this.slotOrdinal;
    const ids = this.fwdIds;
    for (let s = 0; s < slots; s++) {
      if (ordinal[s] === -1) continue;
      for (let k = this.slotStart[s]!, end = k + this.slotLength[s]!; k < end; k++) start[ids[k]! + 1]!++;
    }
    for (let t = 0; t < nTerms; t++) start[t + 1]! += start[t]!;
    const total = start[nTerms]!;
    const rowSlots = new Int32Array(total);
    const rowCodes = new Uint16Array(total);
    const fill = start.slice(0, nTerms);
    const codes = this.fwdCodes;
    for (let s = 0; s < slots; s++) {
      if (ordinal[s] === -1) continue;
      for (let k = this.slotStart[s]!, end = k + this.slotLength[s]!; k < end; k++) {
        const at = fill[ids[k]!]!++;
        rowSlots[at] = s;
        rowCodes[at] = codes[k]!;
      }
    }
    this.rowStart = start;
    this.rowSlots = rowSlots;
    this.rowCodes = rowCodes;
    this.sealedTerms = nTerms;
    this.sealedItems = this.liveItems;
    this.recent = [];
    this.freeSlots.push(...this.deadSlots);
    this.deadSlots = [];
    this.ubGen = -1;
  }

  /** Copies the live slots' terms to a fresh pool (removed items leave holes). */
  private compactForward(): void {
    let live = 0;
    for (let s = 0; s < this.slotCount; s++) if (this.slotOrdinal[s] !== -1) live += this.slotLength[s]!;
    const ids = new Int32Array(Math.max(1 << 16, Math.ceil(live * 1.25)));
    const codes = new Uint16Array(ids.length);
    let used = 0;
    for (let s = 0; s < this.slotCount; s++) {
      if (this.slotOrdinal[s] === -1) {
        this.slotLength[s] = 0;
        continue;
      }
      const from = this.slotStart[s]!;
      const n = this.slotLength[s]!;
      ids.set(this.fwdIds.subarray(from, from + n), used);
      codes.set(this.fwdCodes.subarray(from, from + n), used);
      this.slotStart[s] = used;
      used += n;
    }
    this.fwdIds = ids;
    this.fwdCodes = codes;
    this.fwdUsed = used;
    this.fwdGarbage = 0;
  }

  // ── Internals: rarity weights and norms ────────────────────────────────────────────────────────────

  private changed(items: number): void {
    this.changesSinceSnapshot += Math.max(1, items);
  }

  /** Starts a new generation of rarity weights when the corpus changed enough (always, for small corpora). */
  private refreshWeights(): void {
    if (this.changesSinceSnapshot === 0) return;
    if (this.liveItems >= this.exactBelow && this.changesSinceSnapshot < this.liveItems * this.staleFraction) return;
    this.snapshotItems = this.liveItems;
    this.changesSinceSnapshot = 0;
    this.idf.fill(NaN);
    this.idfGen++;
    this.vectors.clear();
  }

  /** IDF of a term in the current generation (computed once per generation, so queries and norms agree). */
  private idfOf(id: number): number {
    let v = this.idf[id]!;
    if (v !== v) {
      v = this.idfFor(this.df[id]!);
      this.idf[id] = v;
    }
    return v;
  }

  private idfFor(df: number): number {
    const n = Math.max(this.snapshotItems, df);
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** The item's vector length in the current generation (computed lazily, cached per slot). */
  private normOf(slot: number): number {
    if (this.slotNormGen[slot] === this.idfGen) return this.slotNorm[slot]!;
    let sum = 0;
    const ids = this.fwdIds;
    const codes = this.fwdCodes;
    const weights = this.weightValues;
    for (let k = this.slotStart[slot]!, end = k + this.slotLength[slot]!; k < end; k++) {
      const w = weights[codes[k]!]! * this.idfOf(ids[k]!);
      sum += w * w;
    }
    const norm = Math.sqrt(sum);
    this.slotNorm[slot] = norm;
    this.slotNormGen[slot] = this.idfGen;
    return norm;
  }

  /** Every term's bound over the sealed items for the current generation (once per generation and seal, O(postings)). */
  private ensureBounds(): void {
    if (this.ubGen === this.idfGen) return;
    const ub = this.ub;
    ub.fill(0);
    const weights = this.weightValues;
    const ids = this.fwdIds;
    const codes = this.fwdCodes;
    for (let s = 0; s < this.slotCount; s++) {
      if (this.slotOrdinal[s] === -1) continue;
      const norm = this.normOf(s);
      if (norm === 0) continue;
      for (let k = this.slotStart[s]!, end = k + this.slotLength[s]!; k < end; k++) {
        const id = ids[k]!;
        const v = (weights[codes[k]!]! * this.idfOf(id)) / norm;
        if (v > ub[id]!) ub[id] = v;
      }
    }
    this.ubGen = this.idfGen;
  }

  // ── Internals: queries ─────────────────────────────────────────────────────────────────────────────

  /** Query terms known to the index (sorted by id, with their query-side weight × idf) and the query's norm. */
  private queryVector(terms: TermWeights): QueryVector {
    const known: Array<[number, number, number]> = [];
    let sum = 0;
    let postings = 0;
    for (const [term, weight] of terms) {
      const id = this.termIds.get(term);
      const live = id !== undefined && this.df[id]! > 0;
      const idf = live ? this.idfOf(id) : this.idfFor(0);
      const qw = weight * idf;
      sum += qw * qw;
      if (live) {
        known.push([id, qw, idf]);
        postings += this.df[id]!;
      }
    }
    known.sort((a, b) => a[0] - b[0]);
    return {
      ids: Int32Array.from(known, (k) => k[0]),
      qw: Float64Array.from(known, (k) => k[1]),
      idf: Float64Array.from(known, (k) => k[2]),
      norm: Math.sqrt(sum),
      postings,
    };
  }

  /** Raw dot product of a slot with the query (merge of the sorted term lists), from `from` on in query order. */
  private dotFromForward(slot: number, qIds: Int32Array, qFactor: Float64Array, qFrom: number): number {
    const ids = this.fwdIds;
    const codes = this.fwdCodes;
    const weights = this.weightValues;
    let k = this.slotStart[slot]!;
    const end = k + this.slotLength[slot]!;
    let dot = 0;
    for (let i = qFrom; i < qIds.length && k < end;) {
      const a = qIds[i]!;
      const b = ids[k]!;
      if (a === b) dot += qFactor[i++]! * weights[codes[k++]!]!;
      else if (a < b) i++;
      else k++;
    }
    return dot;
  }

  /** Exact raw dot products of the items added since the last seal (they have no postings yet). */
  private scoreRecent(query: QueryVector, allowed: Uint8Array): number[] {
    const exact: number[] = [];
    if (this.recent.length === 0) return exact;
    const factor = new Float64Array(query.ids.length);
    for (let i = 0; i < factor.length; i++) factor[i] = query.qw[i]! * query.idf[i]!;
    for (const slot of this.recent) {
      if (allowed[this.slotOrdinal[slot]! + 1] === 0) continue;
      const dot = this.dotFromForward(slot, query.ids, factor, 0);
      if (dot <= 0) continue;
      this.acc[slot] = dot;
      this.touch(slot);
      exact.push(slot);
    }
    return exact;
  }

  private touch(slot: number): void {
    if (this.touchedCount === this.touched.length) this.touched = grow(this.touched, this.touchedCount + 1);
    this.touched[this.touchedCount++] = slot;
  }

  /**
   * Accumulates the sealed rows' contributions; returns the sealed candidates with their exact raw dot products
   * in `acc`. With `prune`, terms are visited heaviest first and, once no unseen item can reach the threshold
   * (the k-th best score so far, or `minScore`), only the surviving candidates' scores are completed.
   */
  private accumulate(query: QueryVector, allowed: Uint8Array, limit: number, minScore: number, exact: readonly number[], prune: boolean): number[] {
    const n = query.ids.length;
    const qNorm = query.norm;
    const acc = this.acc;
    const acc2 = this.acc2;
    const slotOrdinal = this.slotOrdinal;
    const weights = this.weightValues;
    const rowStart = this.rowStart;
    const rowSlots = this.rowSlots;
    const rowCodes = this.rowCodes;
    const recentTouched = this.touchedCount;

    // Visit order: heaviest query weight first (rare terms have short rows and decide most).
    const order = Array.from({ length: n }, (_, i) => i);
    if (prune) order.sort((a, b) => query.qw[b]! - query.qw[a]! || query.ids[a]! - query.ids[b]!);
    // What the terms from position j on can still add to any item's cosine: min(Σ q·ub, ‖q_rest‖).
    const restNorm = new Float64Array(n + 1);
    const restBound = new Float64Array(n + 1);
    if (prune) {
      this.ensureBounds();
      let squares = 0;
      let sum = 0;
      for (let j = n - 1; j >= 0; j--) {
        const i = order[j]!;
        const q = query.qw[i]! / qNorm;
        squares += q * q;
        const id = query.ids[i]!;
        sum += q * (id < this.sealedTerms ? this.ub[id]! : 0);
        restNorm[j] = Math.sqrt(squares);
        restBound[j] = Math.min(sum, restNorm[j]!);
      }
    }
    let threshold = minScore;
    if (prune && exact.length >= limit) threshold = Math.max(threshold, this.kthPartial(0, recentTouched, limit, qNorm));

    let j = 0;
    let nextCheck = restBound[0]! / 2;
    for (; j < n; j++) {
      if (prune && restBound[j]! < threshold * (1 - EPSILON)) break;
      const i = order[j]!;
      const id = query.ids[i]!;
      if (id >= this.sealedTerms) continue;
      const idf = query.idf[i]!;
      const qw = query.qw[i]!;
      for (let p = rowStart[id]!, end = rowStart[id + 1]!; p < end; p++) {
        const slot = rowSlots[p]!;
        if (allowed[slotOrdinal[slot]! + 1] === 0) continue;
        // The item's weight × idf: its square tells how much of the item's length has been seen.
        const v = weights[rowCodes[p]!]! * idf;
        if (acc[slot] === 0) {
          if (this.touchedCount === this.touched.length) this.touched = grow(this.touched, this.touchedCount + 1);
          this.touched[this.touchedCount++] = slot;
        }
        acc[slot] += qw * v;
        acc2[slot] += v * v;
      }
      // Raise the threshold now and then (each time the remaining bound halves): O(candidates).
      if (prune && restBound[j + 1]! <= nextCheck && this.touchedCount >= limit) {
        threshold = Math.max(threshold, this.kthPartial(0, this.touchedCount, limit, qNorm));
        nextCheck = restBound[j + 1]! / 2;
      }
    }
    const sealed: number[] = [];
    if (j === n) {
      for (let t = recentTouched; t < this.touchedCount; t++) sealed.push(this.touched[t]!);
      return sealed;
    }

    // Candidates that can still reach the threshold: partial + min(Σ q·ub, ‖q_rest‖·√(1 − ‖d_seen‖²)).
    const cut = threshold * (1 - EPSILON);
    for (let t = recentTouched; t < this.touchedCount; t++) {
      const slot = this.touched[t]!;
      const norm = this.normOf(slot);
      const seen = acc2[slot]! / (norm * norm);
      const rest = Math.min(restBound[j]!, restNorm[j]! * Math.sqrt(Math.max(0, 1 - seen)));
      if (acc[slot]! / (qNorm * norm) + rest >= cut) sealed.push(slot);
    }
    if (sealed.length === 0) return sealed;
    // Complete their scores: from each candidate's own terms (merge), or by scanning the remaining rows.
    const remaining = order.slice(j).sort((a, b) => a - b);
    const rIds = Int32Array.from(remaining, (i) => query.ids[i]!);
    const rFactor = Float64Array.from(remaining, (i) => query.qw[i]! * query.idf[i]!);
    let rowWork = 0;
    for (const id of rIds) if (id < this.sealedTerms) rowWork += rowStart[id + 1]! - rowStart[id]!;
    const mergeWork = sealed.length * (rIds.length + 64);
    if (mergeWork <= rowWork) {
      for (const slot of sealed) acc[slot] += this.dotFromForward(slot, rIds, rFactor, 0);
    } else {
      const mark = this.acc2;
      for (const slot of sealed) mark[slot] = -1;
      for (let r = 0; r < rIds.length; r++) {
        const id = rIds[r]!;
        if (id >= this.sealedTerms) continue;
        const factor = rFactor[r]!;
        for (let p = rowStart[id]!, end = rowStart[id + 1]!; p < end; p++) {
          const slot = rowSlots[p]!;
          if (mark[slot] === -1) acc[slot] += factor * weights[rowCodes[p]!]!;
        }
      }
    }
    return sealed;
  }

  /** The `k`-th best partial cosine among touched[from .. to) (a lower bound of the final `k`-th best). */
  private kthPartial(from: number, to: number, k: number, qNorm: number): number {
    const n = to - from;
    if (n < k) return 0;
    if (this.scratch.length < n) this.scratch = new Float64Array(n * 2);
    const scores = this.scratch;
    for (let i = 0; i < n; i++) {
      const slot = this.touched[from + i]!;
      scores[i] = this.acc[slot]! / (qNorm * this.normOf(slot));
    }
    return kthLargest(scores, n, k);
  }

  /** Exact scores of the candidates; the best `limit` above `minScore`, in order. */
  private best(sealed: readonly number[], recent: readonly number[], queryNorm: number, limit: number, minScore: number): PrecedentMatch[] {
    type Scored = { slot: number; score: number; docId: string; itemIndex: number };
    const order = (a: Scored, b: Scored): number => (better(a.score, a.docId, a.itemIndex, b.score, b.docId, b.itemIndex) ? -1 : 1);
    const small = limit <= 64;
    const top: Scored[] = [];
    const consider = (slot: number): void => {
      const score = this.cosine(this.acc[slot]!, queryNorm, this.normOf(slot));
      if (score <= 0 || score < minScore) return;
      if (small && top.length === limit) {
        const last = top[top.length - 1]!;
        if (score < last.score) return;
      }
      const docId = this.slotEntry[slot]!.doc.id;
      const itemIndex = this.slotItem[slot]!;
      if (!small) {
        top.push({ slot, score, docId, itemIndex });
        return;
      }
      // A short sorted list: insertion is cheaper than sorting every candidate.
      if (top.length === limit) {
        const last = top[top.length - 1]!;
        if (!better(score, docId, itemIndex, last.score, last.docId, last.itemIndex)) return;
        top.pop();
      }
      let pos = top.length;
      while (pos > 0 && better(score, docId, itemIndex, top[pos - 1]!.score, top[pos - 1]!.docId, top[pos - 1]!.itemIndex)) pos--;
      top.splice(pos, 0, { slot, score, docId, itemIndex });
    };
    for (const slot of recent) consider(slot);
    for (const slot of sealed) consider(slot);
    if (!small) {
      top.sort(order);
      if (top.length > limit) top.length = limit;
    }
    return top.map(({ slot, score, itemIndex }) => {
      const document = this.slotEntry[slot]!.doc;
      return { document, item: document.items[itemIndex]!, score };
    });
  }

  private ensureAccumulators(): void {
    if (this.acc.length < this.slotCount) {
      this.acc = new Float64Array(this.slotCount * 2);
      this.acc2 = new Float64Array(this.slotCount * 2);
    }
  }

  private clearAccumulators(): void {
    for (let t = 0; t < this.touchedCount; t++) {
      const slot = this.touched[t]!;
      this.acc[slot] = 0;
      this.acc2[slot] = 0;
    }
    this.touchedCount = 0;
  }

  /** A text's weighted vector for `similarity`, cached per generation of rarity weights. */
  private vectorOf(text: string): Vector {
    const cached = this.vectors.get(text);
    if (cached !== undefined && cached.generation === this.idfGen) return cached;
    const terms = this.queryAnalyser().analyse(text);
    const entries: Array<[number, number]> = [];
    let sum = 0;
    for (const [term, weight] of terms) {
      let id = this.termIds.get(term);
      let idf: number;
      if (id === undefined || this.df[id] === 0) {
        idf = this.idfFor(0);
        // Terms the corpus does not have still match each other: a negative id of their own.
        if (id === undefined) {
          id = this.unknownTerms.get(term);
          if (id === undefined) {
            if (this.unknownTerms.size >= 1_000_000) {
              this.unknownTerms.clear();
              this.vectors.clear();
            }
            id = -1 - this.unknownTerms.size;
            this.unknownTerms.set(term, id);
          }
        }
      } else {
        idf = this.idfOf(id);
      }
      const w = weight * idf;
      entries.push([id, w]);
      sum += w * w;
    }
    entries.sort((a, b) => a[0] - b[0]);
    const vector: Vector = {
      ids: Int32Array.from(entries, (e) => e[0]),
      weights: Float64Array.from(entries, (e) => e[1]),
      norm: Math.sqrt(sum),
      generation: this.idfGen,
    };
    if (this.vectors.size >= VECTOR_CACHE) this.vectors.clear();
    this.vectors.set(text, vector);
    return vector;
  }
}
