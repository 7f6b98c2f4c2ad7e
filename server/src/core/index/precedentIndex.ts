// The precedent index: every item of every corpus document, searchable by similarity of wording.
// Terms come from the analyser (stems, phrases, thesaurus concepts); weights are the analyser's weight × IDF;
// the score is the cosine of the two weighted vectors (identical texts → 1, nothing shared → 0).
// Inverted index (interned term id → postings of item slots) for candidate retrieval, then exact scoring of
// candidates; queries with many postings use MaxScore (per-term upper bounds) to skip hopeless items, with the
// same results. Incremental: adding or removing a document updates document frequencies at once; removed
// items are tombstoned and purged from the postings in batches; item norms are recomputed lazily, per
// generation of rarity weights (exact after every change below `exactBelow` items, refreshed after 5% churn
// above it; queries and norms of one generation always agree, so identical texts still score 1).
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
   * From how many postings (summed over a query's terms) a query uses MaxScore pruning instead of visiting
   * every posting. Same results either way; default 20,000. `Infinity` turns pruning off, 0 always prunes.
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
 * An item's terms, sorted by term id: `[id₀ … idₙ₋₁, weight₀ … weightₙ₋₁]` (ids are exact in a double).
 * One typed array per item keeps 100,000 items lean.
 */
type ItemTerms = Float64Array;

const ISO_DATE = /^\d{4}(?:-\d{2}(?:-\d{2})?)?/;
const EMPTY_TERMS: ItemTerms = new Float64Array(0);

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

interface QueryTerm {
  id: number;
  /** Query-side weight: analyser weight × idf. */
  qw: number;
  idf: number;
  /** Highest contribution the term can make to a cosine (MaxScore). */
  bound: number;
}

interface QueryVector {
  terms: QueryTerm[];
  norm: number;
  /** Postings the terms have in all. */
  postings: number;
}

/** The k-th largest value (1-based) of `values`, which it reorders (quickselect, O(n) on average). */
function kthLargest(values: Float64Array, k: number): number {
  let lo = 0;
  let hi = values.length - 1;
  const target = values.length - k;
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

export class PrecedentIndex {
  private readonly learnAbbreviations: boolean;
  private readonly exactBelow: number;
  private readonly staleFraction: number;
  private readonly pruneFromPostings: number;

  // Documents.
  private readonly docs = new Map<string, DocEntry>();
  private docList: Array<DocEntry | null> = [];
  private nextSequence = 0;

  // Terms (interned).
  private readonly termIds = new Map<string, number>();
  private df: Int32Array = new Int32Array(1024);
  private idf: Float64Array = new Float64Array(1024).fill(NaN);
  /**
   * Highest normalised weight (weight × idf / item norm) of each term over the items, for MaxScore pruning;
   * valid for rarity-weight generation `ubGen`.
   */
  private ub: Float64Array = new Float64Array(1024);
  private ubGen = -1;
  /** Postings of each term, interleaved: `[slot, item weight, slot, item weight, …]`. */
  private postings: number[][] = [];

  // Item slots.
  private slotEntry: Array<DocEntry | null> = [];
  private slotItem: number[] = [];
  private slotTerms: Array<ItemTerms | null> = [];
  /** Ordinal (position in `docList`) of each slot's document; -1 for a free or removed slot. */
  private slotOrdinal: Int32Array = new Int32Array(1024).fill(-1);
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

  // Scratch for queries: dot-product accumulators by slot, and the slots touched.
  private acc: Float64Array = new Float64Array(1024);
  private touched: number[] = [];

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
    const reuse = new Map<string, ItemTerms>();
    old.doc.items.forEach((item, i) => {
      const terms = this.slotTerms[old.slots[i]!];
      if (terms) reuse.set(item.text, terms);
    });
    this.remove(old);
    this.insert(doc, { abbreviationKey: old.abbreviationKey, terms: reuse, sequence: old.sequence });
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
    return [...this.docs.values()].sort((a, b) => a.sequence - b.sequence).map((e) => e.doc);
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
    if (query.norm === 0 || query.terms.length === 0) return [];

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
    try {
      const candidates = query.postings >= this.pruneFromPostings
        ? this.accumulatePruned(query, allowed, limit, minScore)
        : this.accumulate(query, allowed);
      return this.best(candidates, query.norm, limit, minScore);
    } finally {
      this.clearAccumulators();
    }
  }

  /** Exact scores of the candidates; the best `limit` above `minScore`, in order. */
  private best(candidates: readonly number[], queryNorm: number, limit: number, minScore: number): PrecedentMatch[] {
    type Scored = { slot: number; score: number; docId: string; itemIndex: number };
    const order = (a: Scored, b: Scored): number => (better(a.score, a.docId, a.itemIndex, b.score, b.docId, b.itemIndex) ? -1 : 1);
    const small = limit <= 64;
    const top: Scored[] = [];
    for (const slot of candidates) {
      const score = this.cosine(this.acc[slot]!, queryNorm, this.normOf(slot));
      if (score <= 0 || score < minScore) continue;
      const docId = this.slotEntry[slot]!.doc.id;
      const itemIndex = this.slotItem[slot]!;
      if (!small) {
        top.push({ slot, score, docId, itemIndex });
        continue;
      }
      // A short sorted list: insertion is cheaper than sorting every candidate.
      if (top.length === limit) {
        const last = top[top.length - 1]!;
        if (!better(score, docId, itemIndex, last.score, last.docId, last.itemIndex)) continue;
        top.pop();
      }
      let pos = top.length;
      while (pos > 0 && better(score, docId, itemIndex, top[pos - 1]!.score, top[pos - 1]!.docId, top[pos - 1]!.itemIndex)) pos--;
      top.splice(pos, 0, { slot, score, docId, itemIndex });
    }
    if (!small) {
      top.sort(order);
      if (top.length > limit) top.length = limit;
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

  private insert(doc: RecDocument, previous: { abbreviationKey: string; terms: Map<string, ItemTerms>; sequence: number } | null): void {
    let abbreviations: ThesaurusGroup[] = [];
    if (this.learnAbbreviations) {
      abbreviations = findDefinedAbbreviations(doc.items.map((i) => i.text).join('\n'));
    }
    const abbreviationKey = JSON.stringify(abbreviations);
    const reuse = previous !== null && previous.abbreviationKey === abbreviationKey ? previous.terms : null;
    const analyser = abbreviations.length === 0
      ? this.analyser
      : this.analyser.extend({ spelling: new Map(), groups: abbreviations, sources: [doc.id] });

    const entry: DocEntry = { doc, slots: [], date: datePrefix(doc.metadata.date), abbreviations, abbreviationKey,
      ordinal: this.docList.length, sequence: previous?.sequence ?? this.nextSequence++ };
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
      this.docList.forEach((e, i) => {
        if (e === null) return;
        e.ordinal = i;
        for (const slot of e.slots) this.slotOrdinal[slot] = i;
      });
    }
    if (entry.abbreviations.length > 0) this.queryAnalyserCache = null;
    this.changed(entry.slots.length);
    this.maybeCompact();
  }

  private intern(terms: TermWeights): ItemTerms {
    const n = terms.size;
    if (n === 0) return EMPTY_TERMS;
    // Sort by term id without tuples: (id × 2^16 + position) sorts numerically (ids < 2^31, exact in a double).
    const keys = new Float64Array(n);
    const weights = new Float64Array(n);
    let k = 0;
    for (const [term, weight] of terms) {
      let id = this.termIds.get(term);
      if (id === undefined) {
        id = this.postings.length;
        this.termIds.set(term, id);
        this.postings.push([]);
        if (id >= this.df.length) this.growTerms();
      }
      weights[k] = weight;
      keys[k] = n <= 0xffff ? id * 0x10000 + k : id;
      k++;
    }
    const packed = new Float64Array(2 * n);
    if (n <= 0xffff) {
      keys.sort();
      for (let i = 0; i < n; i++) {
        const key = keys[i]!;
        const position = key % 0x10000;
        packed[i] = (key - position) / 0x10000;
        packed[n + i] = weights[position]!;
      }
    } else {
      const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => keys[a]! - keys[b]!);
      order.forEach((position, i) => {
        packed[i] = keys[position]!;
        packed[n + i] = weights[position]!;
      });
    }
    return packed;
  }

  private growTerms(): void {
    const size = this.df.length * 2;
    const df = new Int32Array(size);
    df.set(this.df);
    this.df = df;
    const idf = new Float64Array(size).fill(NaN);
    idf.set(this.idf);
    this.idf = idf;
    const ub = new Float64Array(size);
    ub.set(this.ub);
    this.ub = ub;
  }

  private addSlot(entry: DocEntry, itemIndex: number, terms: ItemTerms): number {
    let slot = this.freeSlots.pop();
    if (slot === undefined) {
      slot = this.slotEntry.length;
      this.slotEntry.push(null);
      this.slotItem.push(0);
      this.slotTerms.push(null);
      if (slot >= this.slotNorm.length) this.growSlots();
    }
    this.slotEntry[slot] = entry;
    this.slotOrdinal[slot] = entry.ordinal;
    this.slotItem[slot] = itemIndex;
    this.slotTerms[slot] = terms;
    this.slotNormGen[slot] = -1;
    const n = terms.length / 2;
    for (let k = 0; k < n; k++) {
      const id = terms[k]!;
      this.df[id]!++;
      this.postings[id]!.push(slot, terms[n + k]!);
    }
    this.liveItems++;
    // Keep the pruning bounds valid within the current generation of rarity weights.
    if (this.ubGen === this.idfGen) this.raiseBounds(slot);
    return slot;
  }

  private growSlots(): void {
    const size = this.slotNorm.length * 2;
    const ordinal = new Int32Array(size).fill(-1);
    ordinal.set(this.slotOrdinal);
    this.slotOrdinal = ordinal;
    const norm = new Float64Array(size);
    norm.set(this.slotNorm);
    this.slotNorm = norm;
    const gen = new Int32Array(size).fill(-1);
    gen.set(this.slotNormGen);
    this.slotNormGen = gen;
  }

  private removeSlot(slot: number): void {
    const terms = this.slotTerms[slot];
    if (terms) for (let k = 0, n = terms.length / 2; k < n; k++) this.df[terms[k]!]!--;
    this.slotEntry[slot] = null;
    this.slotOrdinal[slot] = -1;
    this.slotTerms[slot] = null;
    this.deadSlots.push(slot);
    this.liveItems--;
  }

  /** Purges removed slots from the postings once they are a quarter of the live items. */
  private maybeCompact(): void {
    if (this.deadSlots.length < 256 || this.deadSlots.length * 4 < this.liveItems) return;
    for (const list of this.postings) {
      let w = 0;
      for (let r = 0; r < list.length; r += 2) {
        if (this.slotOrdinal[list[r]!] === -1) continue;
        list[w++] = list[r]!;
        list[w++] = list[r + 1]!;
      }
      list.length = w;
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

  /** The item's vector length in the current generation (computed lazily, cached per slot). */
  private normOf(slot: number): number {
    if (this.slotNormGen[slot] === this.idfGen) return this.slotNorm[slot]!;
    const terms = this.slotTerms[slot];
    let sum = 0;
    if (terms) {
      for (let k = 0, n = terms.length / 2; k < n; k++) {
        const w = terms[n + k]! * this.idfOf(terms[k]!);
        sum += w * w;
      }
    }
    const norm = Math.sqrt(sum);
    this.slotNorm[slot] = norm;
    this.slotNormGen[slot] = this.idfGen;
    return norm;
  }

  /** Raises the terms' bounds to cover one item's normalised weights. */
  private raiseBounds(slot: number): void {
    const terms = this.slotTerms[slot];
    const norm = this.normOf(slot);
    if (!terms || norm === 0) return;
    for (let k = 0, n = terms.length / 2; k < n; k++) {
      const id = terms[k]!;
      const v = (terms[n + k]! * this.idfOf(id)) / norm;
      if (v > this.ub[id]!) this.ub[id] = v;
    }
  }

  /** Computes every term's bound for the current generation (once per generation, O(postings)). */
  private ensureBounds(): void {
    if (this.ubGen === this.idfGen) return;
    this.ub.fill(0);
    for (let slot = 0; slot < this.slotTerms.length; slot++) {
      if (this.slotOrdinal[slot] !== -1) this.raiseBounds(slot);
    }
    this.ubGen = this.idfGen;
  }

  /** Query terms known to the index (with their query-side weight × idf) and the query's norm (all terms). */
  private queryVector(terms: TermWeights): QueryVector {
    const known: QueryTerm[] = [];
    let sum = 0;
    let postings = 0;
    for (const [term, weight] of terms) {
      const id = this.termIds.get(term);
      const live = id !== undefined && this.df[id]! > 0;
      const idf = live ? this.idfOf(id) : this.idfFor(0);
      const qw = weight * idf;
      sum += qw * qw;
      if (live) {
        known.push({ id, qw, idf, bound: 0 });
        postings += this.postings[id]!.length / 2;
      }
    }
    return { terms: known, norm: Math.sqrt(sum), postings };
  }

  /** Plain term-at-a-time accumulation of dot products over every posting of the query's terms. */
  private accumulate(query: QueryVector, allowed: Uint8Array): number[] {
    const acc = this.ensureAccumulators();
    const slotOrdinal = this.slotOrdinal;
    const touched = this.touched;
    for (const { id, qw, idf } of query.terms) {
      // (query weight × idf) × (item weight × idf): postings hold the item's analyser weight.
      const factor = qw * idf;
      const list = this.postings[id]!;
      for (let p = 0; p < list.length; p += 2) {
        const slot = list[p]!;
        if (allowed[slotOrdinal[slot]! + 1] === 0) continue;
        if (acc[slot] === 0) touched.push(slot);
        acc[slot] += factor * list[p + 1]!;
      }
    }
    return touched;
  }

  /**
   * MaxScore: terms with the highest possible contribution first. Once the contributions still possible from
   * the remaining terms (`remaining`) cannot lift an item not yet seen above the `limit`-th best partial score
   * (or `minScore`), no new candidates are taken, hopeless candidates are dropped, and the remaining terms
   * only complete the scores of the rest. Exact: returns the same top `limit` as `accumulate`.
   */
  private accumulatePruned(query: QueryVector, allowed: Uint8Array, limit: number, minScore: number): number[] {
    this.ensureBounds();
    const acc = this.ensureAccumulators();
    const slotOrdinal = this.slotOrdinal;
    const touched = this.touched;
    const terms = query.terms;
    for (const t of terms) t.bound = (t.qw / query.norm) * this.ub[t.id]!;
    terms.sort((a, b) => b.bound - a.bound || a.id - b.id);
    const remaining = new Float64Array(terms.length + 1);
    for (let j = terms.length - 1; j >= 0; j--) remaining[j] = remaining[j + 1]! + terms[j]!.bound;

    let j = 0;
    let threshold = minScore;
    let nextCheck = remaining[0]! / 2;
    for (; j < terms.length; j++) {
      if (remaining[j]! < threshold * (1 - 1e-9)) break;
      const { id, qw, idf } = terms[j]!;
      const factor = qw * idf;
      const list = this.postings[id]!;
      for (let p = 0; p < list.length; p += 2) {
        const slot = list[p]!;
        if (allowed[slotOrdinal[slot]! + 1] === 0) continue;
        if (acc[slot] === 0) touched.push(slot);
        acc[slot] += factor * list[p + 1]!;
      }
      // Raise the threshold now and then (each time the remaining bound halves): O(candidates).
      if (remaining[j + 1]! <= nextCheck && touched.length >= limit) {
        threshold = Math.max(threshold, this.kthPartialScore(touched, limit, query.norm));
        nextCheck = remaining[j + 1]! / 2;
      }
    }
    if (j === terms.length) return touched;

    // Candidates that can still reach the threshold; the other terms only complete their scores.
    const rest = remaining[j]!;
    const candidates: number[] = [];
    for (const slot of touched) {
      if (acc[slot]! / (query.norm * this.normOf(slot)) + rest >= threshold * (1 - 1e-9)) candidates.push(slot);
    }
    for (; j < terms.length; j++) {
      const { id, qw, idf } = terms[j]!;
      const factor = qw * idf;
      const list = this.postings[id]!;
      if (candidates.length * 8 < list.length / 2) {
        for (const slot of candidates) acc[slot] += factor * this.weightIn(slot, id);
      } else {
        for (let p = 0; p < list.length; p += 2) {
          const slot = list[p]!;
          if (acc[slot] !== 0 && allowed[slotOrdinal[slot]! + 1] !== 0) acc[slot] += factor * list[p + 1]!;
        }
      }
    }
    // Only the candidates are scored; every touched accumulator is cleared by the caller.
    return candidates;
  }

  /** The `k`-th best partial cosine among the touched items (a lower bound of the final `k`-th best). */
  private kthPartialScore(touched: readonly number[], k: number, queryNorm: number): number {
    const scores = new Float64Array(touched.length);
    for (let i = 0; i < touched.length; i++) {
      const slot = touched[i]!;
      scores[i] = this.acc[slot]! / (queryNorm * this.normOf(slot));
    }
    return kthLargest(scores, k);
  }

  /** The analyser weight of a term in an item (binary search in its sorted ids), 0 when absent. */
  private weightIn(slot: number, id: number): number {
    const terms = this.slotTerms[slot];
    if (!terms) return 0;
    const n = terms.length / 2;
    let lo = 0;
    let hi = n - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const v = terms[mid]!;
      if (v === id) return terms[n + mid]!;
      if (v < id) lo = mid + 1;
      else hi = mid - 1;
    }
    return 0;
  }

  private ensureAccumulators(): Float64Array {
    if (this.acc.length < this.slotEntry.length) this.acc = new Float64Array(this.slotEntry.length * 2);
    return this.acc;
  }

  private clearAccumulators(): void {
    for (const slot of this.touched) this.acc[slot] = 0;
    this.touched.length = 0;
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
