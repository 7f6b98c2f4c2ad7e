// The precedent index: every item of every corpus document, searchable by similarity of wording.
// Terms come from the analyser (stems, phrases, thesaurus concepts); weights are the analyser's weight × IDF;
// the score is the cosine of the two weighted vectors (identical texts → 1, nothing shared → 0).
// Inverted index (term id → postings of item slots) for candidate retrieval, then exact scoring of candidates.
// Incremental: adding or removing a document updates document frequencies at once; removed items are
// tombstoned and purged from the postings in batches; item norms are recomputed lazily.
// Pure: no I/O, no timers; results depend only on the documents in the index and the query.
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
}

interface ItemTerms {
  ids: Int32Array;
  weights: Float64Array;
}

const ISO_DATE = /^\d{4}(?:-\d{2}(?:-\d{2})?)?/;
const EMPTY_TERMS: ItemTerms = { ids: new Int32Array(0), weights: new Float64Array(0) };

function datePrefix(date: string | null | undefined): string | null {
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

/** Score ordering: higher score first, then document id, then item index (deterministic). */
function better(sa: number, da: string, ia: number, sb: number, db: string, ib: number): boolean {
  if (sa !== sb) return sa > sb;
  if (da !== db) return da < db;
  return ia < ib;
}

export class PrecedentIndex {
  private readonly learnAbbreviations: boolean;
  private readonly exactBelow: number;
  private readonly staleFraction: number;

  // Documents.
  private readonly docs = new Map<string, DocEntry>();
  private docList: Array<DocEntry | null> = [];

  // Terms (interned).
  private readonly termIds = new Map<string, number>();
  private df: Int32Array = new Int32Array(1024);
  private idf: Float64Array = new Float64Array(1024).fill(NaN);
  private postSlots: number[][] = [];
  private postWeights: number[][] = [];

  // Item slots.
  private slotEntry: Array<DocEntry | null> = [];
  private slotItem: number[] = [];
  private slotTerms: Array<ItemTerms | null> = [];
  private slotNorm: Float64Array = new Float64Array(1024);
  private slotNormGen: Int32Array = new Int32Array(1024).fill(-1);
  private freeSlots: number[] = [];
  private deadSlots: number[] = [];
  private liveItems = 0;

  // Rarity weights.
  private idfGen = 0;
  private snapshotItems = 0;
  private changesSinceSnapshot = 0;

  // Query analyser (base + abbreviations learnt from the corpus), rebuilt when those change.
  private queryAnalyserCache: Analyser | null = null;

  // Scratch for queries.
  private acc: Float64Array = new Float64Array(1024);

  constructor(private readonly analyser: Analyser, options: PrecedentIndexOptions = {}) {
    this.learnAbbreviations = options.learnAbbreviations ?? true;
    this.exactBelow = options.exactBelow ?? 20_000;
    this.staleFraction = options.staleFraction ?? 0.05;
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
    const reuse = new Map<string, ItemTerms>();
    old.doc.items.forEach((item, i) => {
      const terms = this.slotTerms[old.slots[i]!];
      if (terms) reuse.set(item.text, terms);
    });
    this.remove(old);
    this.insert(doc, { abbreviationKey: old.abbreviationKey, terms: reuse });
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

  /** The indexed documents, in the order they were first added. */
  documents(): RecDocument[] {
    return [...this.docs.values()].map((e) => e.doc);
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
    const query = this.queryVector(this.queryAnalyser().analyse(text));
    if (query.norm === 0 || query.ids.length === 0) return [];

    // Which documents may answer.
    const allowed = new Uint8Array(this.docList.length);
    const draftDate = datePrefix(options.draftDate);
    for (const entry of this.docList) {
      if (entry === null) continue;
      if (options.excludeDocuments?.has(entry.doc.id)) continue;
      if (isAfter(entry.date, draftDate)) continue;
      allowed[entry.ordinal] = 1;
    }

    // Accumulate dot products over the postings of the query's terms.
    if (this.acc.length < this.slotEntry.length) this.acc = new Float64Array(this.slotEntry.length * 2);
    const acc = this.acc;
    const touched: number[] = [];
    for (let k = 0; k < query.ids.length; k++) {
      const id = query.ids[k]!;
      const idf = this.idfOf(id);
      // (query weight × idf) × (item weight × idf): postings hold the item's analyser weight.
      const qw = query.weights[k]! * idf * idf;
      const slots = this.postSlots[id]!;
      const weights = this.postWeights[id]!;
      for (let p = 0; p < slots.length; p++) {
        const slot = slots[p]!;
        const entry = this.slotEntry[slot];
        if (entry === null || entry === undefined || allowed[entry.ordinal] === 0) continue;
        if (acc[slot] === 0) touched.push(slot);
        acc[slot] += qw * weights[p]!;
      }
    }

    // Exact scores, best `limit` kept in a small sorted list (heap-like insertion for small limits).
    const minScore = options.minScore ?? Number.MIN_VALUE;
    const top: Array<{ slot: number; score: number; docId: string; itemIndex: number }> = [];
    for (const slot of touched) {
      const dot = acc[slot]!;
      acc[slot] = 0;
      const score = this.cosine(dot, query.norm, this.normOf(slot, query.idfGen));
      if (score < minScore || score <= 0) continue;
      const entry = this.slotEntry[slot]!;
      const itemIndex = this.slotItem[slot]!;
      if (top.length === limit) {
        const last = top[top.length - 1]!;
        if (!better(score, entry.doc.id, itemIndex, last.score, last.docId, last.itemIndex)) continue;
        top.pop();
      }
      let pos = top.length;
      while (pos > 0 && better(score, entry.doc.id, itemIndex, top[pos - 1]!.score, top[pos - 1]!.docId, top[pos - 1]!.itemIndex)) pos--;
      top.splice(pos, 0, { slot, score, docId: entry.doc.id, itemIndex });
    }
    return top.map(({ slot, score, itemIndex }) => {
      const document = this.slotEntry[slot]!.doc;
      return { document, item: document.items[itemIndex]!, score };
    });
  }

  /**
   * Similarity of two texts in 0..1 (cosine of their term vectors, weighted by the corpus's rarity weights),
   * on the same scale as `query` scores. Either text empty → 0.
   */
  similarity(textA: string, textB: string): number {
    this.refreshWeights();
    const analyser = this.queryAnalyser();
    const a = this.weighted(analyser.analyse(textA));
    const b = this.weighted(analyser.analyse(textB));
    let dot = 0;
    for (const [term, w] of a.weights) {
      const other = b.weights.get(term);
      if (other !== undefined) dot += w * other;
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

  // ── Internals ────────────────────────────────────────────────────────────────────────────────────────

  private cosine(dot: number, normA: number, normB: number): number {
    if (dot <= 0 || normA === 0 || normB === 0) return 0;
    const s = dot / (normA * normB);
    return s > 1 - 1e-12 ? 1 : s;
  }

  private insert(doc: RecDocument, previous: { abbreviationKey: string; terms: Map<string, ItemTerms> } | null): void {
    let abbreviations: ThesaurusGroup[] = [];
    if (this.learnAbbreviations) {
      abbreviations = findDefinedAbbreviations(doc.items.map((i) => i.text).join('\n'));
    }
    const abbreviationKey = JSON.stringify(abbreviations);
    const reuse = previous !== null && previous.abbreviationKey === abbreviationKey ? previous.terms : null;
    const analyser = abbreviations.length === 0
      ? this.analyser
      : this.analyser.extend({ spelling: new Map(), groups: abbreviations, sources: [doc.id] });

    const entry: DocEntry = { doc, slots: [], date: datePrefix(doc.metadata.date), abbreviations, abbreviationKey, ordinal: this.docList.length };
    this.docList.push(entry);
    this.docs.set(doc.id, entry);
    for (const item of doc.items) {
      const terms = reuse?.get(item.text) ?? this.intern(analyser.analyse(item.text));
      entry.slots.push(this.addSlot(entry, item.index, terms));
    }
    if (abbreviations.length > 0) this.queryAnalyserCache = null;
    this.changed(doc.items.length);
  }

  private remove(entry: DocEntry): void {
    for (const slot of entry.slots) this.removeSlot(slot);
    this.docs.delete(entry.doc.id);
    this.docList[entry.ordinal] = null;
    if (this.docList.length > 64 && this.docList.length > 2 * this.docs.size) {
      this.docList = this.docList.filter((e): e is DocEntry => e !== null);
      this.docList.forEach((e, i) => { if (e !== null) e.ordinal = i; });
    }
    if (entry.abbreviations.length > 0) this.queryAnalyserCache = null;
    this.changed(entry.slots.length);
    this.maybeCompact();
  }

  private intern(terms: TermWeights): ItemTerms {
    if (terms.size === 0) return EMPTY_TERMS;
    const ids = new Int32Array(terms.size);
    const weights = new Float64Array(terms.size);
    let k = 0;
    for (const [term, weight] of terms) {
      let id = this.termIds.get(term);
      if (id === undefined) {
        id = this.postSlots.length;
        this.termIds.set(term, id);
        this.postSlots.push([]);
        this.postWeights.push([]);
        if (id >= this.df.length) {
          const df = new Int32Array(this.df.length * 2);
          df.set(this.df);
          this.df = df;
          const idf = new Float64Array(this.idf.length * 2).fill(NaN);
          idf.set(this.idf);
          this.idf = idf;
        }
      }
      ids[k] = id;
      weights[k] = weight;
      k++;
    }
    return { ids, weights };
  }

  private addSlot(entry: DocEntry, itemIndex: number, terms: ItemTerms): number {
    let slot = this.freeSlots.pop();
    if (slot === undefined) {
      slot = this.slotEntry.length;
      this.slotEntry.push(null);
      this.slotItem.push(0);
      this.slotTerms.push(null);
      if (slot >= this.slotNorm.length) {
        const norm = new Float64Array(this.slotNorm.length * 2);
        norm.set(this.slotNorm);
        this.slotNorm = norm;
        const gen = new Int32Array(this.slotNormGen.length * 2).fill(-1);
        gen.set(this.slotNormGen);
        this.slotNormGen = gen;
      }
    }
    this.slotEntry[slot] = entry;
    this.slotItem[slot] = itemIndex;
    this.slotTerms[slot] = terms;
    this.slotNormGen[slot] = -1;
    for (let k = 0; k < terms.ids.length; k++) {
      const id = terms.ids[k]!;
      this.df[id]!++;
      this.postSlots[id]!.push(slot);
      this.postWeights[id]!.push(terms.weights[k]!);
    }
    this.liveItems++;
    return slot;
  }

  private removeSlot(slot: number): void {
    const terms = this.slotTerms[slot];
    if (terms) for (let k = 0; k < terms.ids.length; k++) this.df[terms.ids[k]!]!--;
    this.slotEntry[slot] = null;
    this.slotTerms[slot] = null;
    this.deadSlots.push(slot);
    this.liveItems--;
  }

  /** Purges tombstoned slots from the postings once they are a quarter of the live items. */
  private maybeCompact(): void {
    if (this.deadSlots.length < 256 || this.deadSlots.length * 4 < this.liveItems) return;
    for (let id = 0; id < this.postSlots.length; id++) {
      const slots = this.postSlots[id]!;
      const weights = this.postWeights[id]!;
      let w = 0;
      for (let r = 0; r < slots.length; r++) {
        if (this.slotEntry[slots[r]!] === null) continue;
        slots[w] = slots[r]!;
        weights[w] = weights[r]!;
        w++;
      }
      slots.length = w;
      weights.length = w;
    }
    this.freeSlots.push(...this.deadSlots);
    this.deadSlots = [];
  }

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
  }

  /** IDF of a term in the current generation (computed once per generation, so queries and norms agree). */
  private idfOf(id: number): number {
    let v = this.idf[id]!;
    if (Number.isNaN(v)) {
      v = this.idfFor(this.df[id]!);
      this.idf[id] = v;
    }
    return v;
  }

  private idfFor(df: number): number {
    const n = Math.max(this.snapshotItems, df);
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  private normOf(slot: number, gen: number): number {
    if (this.slotNormGen[slot] === gen) return this.slotNorm[slot]!;
    const terms = this.slotTerms[slot];
    let sum = 0;
    if (terms) {
      for (let k = 0; k < terms.ids.length; k++) {
        const w = terms.weights[k]! * this.idfOf(terms.ids[k]!);
        sum += w * w;
      }
    }
    const norm = Math.sqrt(sum);
    this.slotNorm[slot] = norm;
    this.slotNormGen[slot] = gen;
    return norm;
  }

  /** Query terms known to the index (with their analyser weights) and the query's norm (all terms). */
  private queryVector(terms: TermWeights): { ids: number[]; weights: number[]; norm: number; idfGen: number } {
    const ids: number[] = [];
    const weights: number[] = [];
    let sum = 0;
    for (const [term, weight] of terms) {
      const id = this.termIds.get(term);
      const idf = id === undefined || this.df[id] === 0 ? this.idfFor(0) : this.idfOf(id);
      sum += (weight * idf) ** 2;
      if (id !== undefined && this.df[id]! > 0) {
        ids.push(id);
        weights.push(weight);
      }
    }
    return { ids, weights, norm: Math.sqrt(sum), idfGen: this.idfGen };
  }

  private weighted(terms: TermWeights): { weights: Map<string, number>; norm: number } {
    const weights = new Map<string, number>();
    let sum = 0;
    for (const [term, weight] of terms) {
      const id = this.termIds.get(term);
      const idf = id === undefined || this.df[id] === 0 ? this.idfFor(0) : this.idfOf(id);
      const w = weight * idf;
      weights.set(term, w);
      sum += w * w;
    }
    return { weights, norm: Math.sqrt(sum) };
  }
}
