// The precedent index: every item of every corpus document, searchable by similarity of wording.
// Terms come from the analyser (stems, phrases, thesaurus concepts); weights are the analyser's weight × IDF;
// the score is the cosine of the two weighted vectors (identical texts → 1, nothing shared → 0).
// This class is the façade the rest of the code calls; the index is made of these units (as search engines are):
// - corpusAnalysis.ts: analysis before indexing (a document's abbreviations, the query analyser);
// - documentTable.ts: the documents, their ordinals and which may answer a question;
// - termDictionary.ts: terms and weights interned; an analysed item stored as a sorted term list;
// - segment.ts: the one owner of the typed arrays (slots, forward pool, records, rows), shared with a replica;
// - inversion.ts and sealing.ts: the rows built by one counting sort, when the recent items are too many;
// - scoring.ts: rarity weights (IDF) in generations, norms and bounds;
// - maxScoreSearcher.ts and reachSearcher.ts: the two walks of a question over the segment, with the
//   candidates (candidates.ts) and top-k collection (collector.ts) they share;
// - answerCache.ts, textLists.ts: remembered answers, and items with the same text sharing one term list;
// - savedState.ts: the contents as plain arrays (serialise.ts writes them); pairwise.ts: text-to-text similarity.
// Batches of questions (`queryEach`) can be shared with a replica of the index in another thread, which reads
// the same segment in shared memory (see questionBatch.ts).
// Pure: no I/O, no timers; results depend only on the documents in the index (and, above `exactBelow`, on
// when the rarity weights were last refreshed) and the query.
import type { RecDocument } from '../document/model';
import type { PrecedentMatch, PrecedentQuery } from '../checks/lookup';
import type { Analyser } from '../text/analyser';
import { sharesOnlyGeneralTerms, type GeneralTerms, type SharedTerm } from '../text/generalTerms';
import { AnswerCache } from './answerCache';
import { Candidates } from './candidates';
import { collectBest, type ScoredSlot } from './collector';
import { CorpusAnalysis } from './corpusAnalysis';
import { datePrefix, DocumentTable, type DocEntry } from './documentTable';
import { MaxScoreSearcher } from './maxScoreSearcher';
import { PairwiseSimilarity } from './pairwise';
import { answer, claim, inSharedMemory, packBatch, vectorOf, type QueryVector, type QuestionBatch } from './questionBatch';
import { queryVector } from './queryVector';
import { ReachSearcher } from './reachSearcher';
import { exportState, loadState, type IndexParts, type IndexState } from './savedState';
import { ensureSealed } from './sealing';
import { TermDictionary } from './termDictionary';
import { TextLists } from './textLists';
import * as scoring from './scoring';
import { RarityWeights } from './scoring';
import * as layout from './segment';
import { Segment, type SharedSegment } from './segment';

// Module constants rather than imported bindings in the hot loops: where modules run as CommonJS (tsx: the tests
// and the benchmark), every read of an imported binding calls a getter.
const { cosine } = scoring;
const { DOT, RECORD } = layout;

export type { PrecedentMatch } from '../checks/lookup';
export { invertState, reachOfState, type IndexState, type StoredReach } from './savedState';
export { scoringOf, type Scoring } from './scoring';

/** What a question asks: the port's query (checks/lookup.ts), as the index takes it. */
export type QueryOptions = PrecedentQuery;

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

/**
 * Another thread that answers some of a `queryEach`'s questions on a replica of the index. `start` hands it a
 * batch (one chunk of the questions), from whose counter it claims questions as the index does; the returned
 * function, called once the index has claimed its last question, returns when the helper has stopped (the
 * index then answers whatever the helper left unanswered, if it failed).
 */
export interface QuestionHelper {
  /** `state` null: the same as with the previous batch (the chunks of one `queryEach`). */
  start(state: ReplicaState | null, batch: QuestionBatch): () => void;
}

/**
 * What a replica answers from: the index's segment in shared memory, read-only while a batch is answered (the
 * index does not change then: `queryEach` returns only after the helper has stopped), with every norm, bound
 * and reach current for the rarity weights `generation`.
 */
export interface ReplicaState {
  segment: SharedSegment;
  /** Each document's place in the order of document ids, by ordinal (ties between answers). */
  ranks: Int32Array;
  generation: number;
  pruneFromPostings: number;
}

export interface IndexStats {
  documents: number;
  items: number;
}

/**
 * When a batch of questions is worth sharing with a helper thread: below these, handing the state over (a copy
 * of the records) costs more than the questions.
 */
export const PARALLEL_FROM = { questions: 32, items: 20_000 };
/** Questions per chunk of a batch handed to the helper (the first chunk's preparation is all it waits for). */
const BATCH_CHUNK = 64;

export class PrecedentIndex {
  private readonly pruneFromPostings: number;
  private readonly analysis: CorpusAnalysis;
  private readonly segment: Segment;
  private readonly weights: RarityWeights;
  private readonly terms: TermDictionary;
  private readonly docs: DocumentTable;
  private readonly texts: TextLists;
  private readonly answers = new AnswerCache();
  private readonly pairwise: PairwiseSimilarity;
  private readonly candidates: Candidates;
  private readonly maxScore: MaxScoreSearcher;
  private readonly byReach: ReachSearcher;
  /** Whether the index changed since the last query (a corpus being indexed while requests come in). */
  private changedSinceQuery = false;
  private changing = false;
  private helper: QuestionHelper | null = null;
  private parallelFrom = { questions: Infinity, items: Infinity };
  private general: GeneralTerms | null = null;

  constructor(analyser: Analyser, options?: PrecedentIndexOptions);
  /** A replica's (`replica`): it answers question vectors only, and analyses no text. */
  constructor(analyser: null, options: PrecedentIndexOptions);
  constructor(analyser: Analyser | null, options: PrecedentIndexOptions = {}) {
    this.pruneFromPostings = options.pruneFromPostings ?? 20_000;
    this.analysis = new CorpusAnalysis(analyser, options.learnAbbreviations ?? true);
    const segment = (this.segment = new Segment());
    this.weights = new RarityWeights(segment, options.exactBelow ?? 20_000, options.staleFraction ?? 0.05);
    this.terms = new TermDictionary(segment, this.weights);
    this.docs = new DocumentTable(segment);
    this.texts = new TextLists(segment, this.docs);
    this.pairwise = new PairwiseSimilarity(this.analysis, this.terms, this.weights, () => this.refreshWeights());
    this.candidates = new Candidates(segment, this.weights);
    this.maxScore = new MaxScoreSearcher(segment, this.weights, this.candidates);
    this.byReach = new ReachSearcher(segment, this.weights, this.candidates);
  }

  // ── Documents ────────────────────────────────────────────────────────────────────────────────────────

  /** Adds a document; a document with the same id is replaced. */
  addDocument(doc: RecDocument): void {
    if (this.docs.get(doc.id) !== undefined) {
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
    // The old items' terms stay in the forward pool until the next seal: they can be shared after removal.
    const reuse = new Map<string, number>();
    old.doc.items.forEach((item, i) => reuse.set(item.text, old.slots[i]!));
    const sequence = old.sequence;
    const abbreviationKey = old.abbreviationKey;
    // Churn (for the rarity weights' refresh) is what changed: a draft edited in one item changes two items,
    // not all of them.
    const before = new Map<string, number>();
    for (const item of old.doc.items) before.set(item.text, (before.get(item.text) ?? 0) + 1);
    let kept = 0;
    for (const item of doc.items) {
      const n = before.get(item.text) ?? 0;
      if (n > 0) {
        kept++;
        before.set(item.text, n - 1);
      }
    }
    const analyser = this.analysis.current;
    this.remove(old, false);
    this.insert(doc, { abbreviationKey, slots: reuse, sequence }, false);
    // The same abbreviations defined as before: the corpus's learnt abbreviations, and so queries, are unchanged.
    if (this.docs.get(doc.id)!.abbreviationKey === abbreviationKey) this.analysis.keep(analyser);
    this.changed(old.doc.items.length + doc.items.length - 2 * kept, doc.id);
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
    return this.docs.ordered().map((e) => e.doc);
  }

  stats(): IndexStats {
    return { documents: this.docs.size, items: this.segment.liveItems };
  }

  private insert(doc: RecDocument, previous: { abbreviationKey: string; slots: Map<string, number>; sequence: number } | null, count = true): void {
    this.texts.rememberLoaded();
    const analysis = this.analysis.ofDocument(doc);
    const key = analysis.key;
    const reuse = previous !== null && previous.abbreviationKey === key ? previous.slots : null;
    const entry = this.docs.add(doc, analysis.abbreviations, key, previous?.sequence);
    for (const item of doc.items) {
      const slot = this.segment.newSlot(entry.ordinal, item.index);
      this.docs.place(slot, entry);
      const known = this.texts.slotOf(item.text, key);
      const from = reuse?.get(item.text) ?? known;
      if (from !== undefined) {
        this.segment.shareTerms(from, slot);
        this.weights.count(slot, 1);
      } else {
        this.terms.store(analysis.analyser.analyseParts(item.text), slot);
      }
      // The first item with a text stays the remembered one (a precedent, before the drafts that copy it).
      if (known === undefined) this.texts.remember(item.text, key, slot);
      entry.slots.push(slot);
    }
    this.analysis.learn(doc.id, analysis.abbreviations, key);
    if (count) this.changed(doc.items.length, doc.id);
  }

  private remove(entry: DocEntry, count = true): void {
    this.texts.forget(entry);
    for (const slot of entry.slots) {
      this.weights.count(slot, -1);
      this.segment.removeSlot(slot);
    }
    this.docs.remove(entry);
    this.analysis.forget(entry.doc.id);
    if (count) this.changed(entry.slots.length, entry.doc.id);
  }

  private changed(items: number, id: string): void {
    this.answers.changed(id);
    this.docs.version++;
    this.weights.changed(items);
    this.changedSinceQuery = true;
  }

  private refreshWeights(): void {
    if (this.weights.refresh(this.segment.liveItems)) this.pairwise.clear();
  }

  // ── Queries ──────────────────────────────────────────────────────────────────────────────────────────

  /** The items closest to `text`, best first. Empty or stop-word-only text → []. */
  query(text: string, options: QueryOptions = {}): PrecedentMatch[] {
    const limit = options.limit ?? 10;
    if (limit <= 0 || this.segment.liveItems === 0) return [];
    // A draft's diagnostics ask the same questions after every edit of the draft (answerCache.ts).
    this.refreshWeights();
    const key = this.answers.keyOf(text, options, limit);
    const cached = this.answers.get(key, this.weights.generation, this.analysis.current, options.excludeDocuments);
    if (cached !== undefined) return cached;
    return this.remember(key, this.search(text, options, limit));
  }

  /**
   * `query(text, options)` for each of `texts`, the same answers. With a helper (`useHelper`) and enough
   * questions on a large index, another thread answers some of them meanwhile. `meanwhile` is work of the
   * caller's own (a draft's other checks) done on this thread while the helper has started on the questions;
   * it must not change the index.
   */
  queryEach(texts: readonly string[], options: QueryOptions = {}, meanwhile: () => void = () => {}): PrecedentMatch[][] {
    const limit = options.limit ?? 10;
    if (limit <= 0 || this.segment.liveItems === 0) {
      meanwhile();
      return texts.map(() => []);
    }
    this.refreshWeights();
    const keys = texts.map((text) => this.answers.keyOf(text, options, limit));
    const results: Array<PrecedentMatch[] | undefined> = keys.map((key) =>
      this.answers.get(key, this.weights.generation, this.analysis.current, options.excludeDocuments));
    const asked = texts.flatMap((_, i) => (results[i] === undefined ? [i] : []));
    this.settleForQuestions();
    const helper = asked.length >= this.parallelFrom.questions && this.segment.liveItems >= this.parallelFrom.items ? this.helper : null;
    const state = helper === null ? null : this.helperState();
    const minScore = options.minScore ?? 0;
    const allowed = this.docs.allowed(datePrefix(options.draftDate), options.excludeDocuments);
    // The questions go out in chunks as they are prepared, so that the helper starts on the first at once.
    const chunks: Array<{ batch: QuestionBatch; asked: number[]; finish: () => void }> = [];
    let vectors: QueryVector[] = [];
    let floors: number[] = [];
    let chunk: number[] = [];
    const send = (): void => {
      if (chunk.length === 0) return;
      const batch = packBatch(vectors, floors, limit, minScore, allowed, state !== null);
      // The replica's state goes with the first chunk; the later ones are answered from it too.
      const finish = helper !== null && state !== null ? helper.start(chunks.length === 0 ? state : null, batch) : () => {};
      chunks.push({ batch, asked: chunk, finish });
      vectors = [];
      floors = [];
      chunk = [];
    };
    try {
      for (const i of asked) {
        const query = this.queryVectorOf(texts[i]!);
        if (query.norm === 0 || query.ids.length === 0) {
          results[i] = this.remember(keys[i]!, []);
          continue;
        }
        vectors.push(query);
        floors.push(this.floorOf(texts[i]!, query, allowed, limit, minScore));
        chunk.push(i);
        if (chunk.length === BATCH_CHUNK) send();
      }
      send();
      meanwhile();
      for (const { batch } of chunks) this.answerClaimed(batch);
    } finally {
      // The helper has stopped on every chunk before this returns (or throws): the index may change again.
      for (const { finish } of chunks) finish();
    }
    for (const { batch, asked: indexes } of chunks) {
      // Whatever the helper left unanswered (it failed on a question, or stopped), answered here.
      for (let q = 0; q < batch.count; q++) if (Atomics.load(batch.found, q) === -1) this.answerQuestion(batch, q);
      indexes.forEach((i, q) => {
        const at = q * limit;
        const found: ScoredSlot[] = [];
        for (let k = 0; k < batch.found[q]!; k++) found.push({ slot: batch.slots[at + k]!, score: batch.scores[at + k]! });
        results[i] = this.remember(keys[i]!, this.matchesOf(found));
      });
    }
    return results as PrecedentMatch[][];
  }

  /**
   * Another thread's help with `queryEach` (null: none). The helper answers on a replica of this index
   * (`PrecedentIndex.replica`) over shared memory; `from` sets when a batch is worth it.
   */
  useHelper(helper: QuestionHelper | null, from: { questions: number; items: number } = PARALLEL_FROM): void {
    this.helper = helper;
    this.parallelFrom = from;
  }

  /**
   * The replica's state, or null when it cannot have one: the bounds are out of date while the index keeps
   * changing (then the MaxScore walk works without them, computing norms as it goes, which a replica must not).
   * Every live item's norm is made current first, so that a replica only reads.
   */
  private helperState(): ReplicaState | null {
    if (this.changing && this.weights.boundsGeneration !== this.weights.generation) return null;
    this.weights.ensureBounds();
    this.weights.ensureReach();
    // The items added since (the bounds pass did the rest); a replica only reads norms.
    for (const slot of this.segment.recent) this.weights.normOf(slot);
    const segment = this.segment.share();
    const ranks = inSharedMemory(this.docs.idRanks());
    this.docs.useIdRanks(ranks);
    return { segment, ranks, generation: this.weights.generation, pruneFromPostings: this.pruneFromPostings };
  }

  /**
   * An index that answers batches (`answerClaimed`) from another index's `ReplicaState`, in another thread:
   * no documents, no analysis, nothing written but its own accumulators. `previous` (a replica) is reused.
   */
  static replica(state: ReplicaState, previous?: PrecedentIndex): PrecedentIndex {
    const index = previous !== undefined && previous.pruneFromPostings === state.pruneFromPostings
      ? previous
      : new PrecedentIndex(null, { pruneFromPostings: state.pruneFromPostings });
    index.segment.view(state.segment);
    // Current bounds and norms (see `helperState`): the replica's questions never compute any.
    index.weights.assumeCurrent(state.generation);
    index.docs.useIdRanks(state.ranks);
    return index;
  }

  /** Answers the batch's questions it can claim until none is left (the index and its replicas alike). */
  answerClaimed(batch: QuestionBatch): void {
    for (let q = claim(batch); q !== -1; q = claim(batch)) this.answerQuestion(batch, q);
  }

  private answerQuestion(batch: QuestionBatch, q: number): void {
    answer(batch, q, this.answerVector(vectorOf(batch, q), batch.allowed, batch.limit, batch.minScore, batch.floor[q]!));
  }

  private remember(key: string, matches: PrecedentMatch[]): PrecedentMatch[] {
    return this.answers.remember(key, matches, this.weights.generation, this.analysis.current);
  }

  /** Before questions: whether the index changed since the last ones, current rarity weights, the rows sealed. */
  private settleForQuestions(): void {
    this.changing = this.changedSinceQuery;
    this.changedSinceQuery = false;
    this.refreshWeights();
    ensureSealed(this.segment, this.weights, this.terms.size, this.changing);
  }

  private queryVectorOf(text: string): QueryVector {
    return queryVector(this.analysis.analyseQuery(text), this.terms, this.weights);
  }

  private search(text: string, options: QueryOptions, limit: number): PrecedentMatch[] {
    this.settleForQuestions();
    const query = this.queryVectorOf(text);
    if (query.norm === 0 || query.ids.length === 0) return [];
    const allowed = this.docs.allowed(datePrefix(options.draftDate), options.excludeDocuments);
    const minScore = options.minScore ?? 0;
    return this.matchesOf(this.answerVector(query, allowed, limit, minScore, this.floorOf(text, query, allowed, limit, minScore)));
  }

  /** The score the best answer is known to reach before the search (one answer wanted, pruning): see `sameTextScore`. */
  private floorOf(text: string, query: QueryVector, allowed: Uint8Array, limit: number, minScore: number): number {
    return limit === 1 && query.postings >= this.pruneFromPostings ? Math.max(minScore, this.sameTextScore(text, query, allowed)) : minScore;
  }

  /**
   * The score of an item that may answer and has the question's very text (drafts copy precedents word for
   * word), else 0: the best answer scores at least that, which prunes nearly everything else at once.
   */
  private sameTextScore(text: string, query: QueryVector, allowed: Uint8Array): number {
    const slot = this.texts.slotOf(text, '');
    if (slot === undefined || allowed[this.segment.slotOrdinal[slot]! + 1] === 0) return 0;
    return cosine(this.candidates.dotFromForward(slot, query), query.norm, this.weights.normOf(slot));
  }

  /**
   * The best `limit` items of the sealed rows and the recent items, at least `minScore`; `floor` as `floorOf`.
   * One answer with current bounds (or bounds worth working out) is the reach walk's; the rest the MaxScore walk's.
   */
  private answerVector(query: QueryVector, allowed: Uint8Array, limit: number, minScore: number, floor: number): ScoredSlot[] {
    const candidates = this.candidates;
    try {
      const exact = candidates.scoreRecent(query, allowed);
      const prune = query.postings >= this.pruneFromPostings;
      const sealed = prune && limit === 1 && (this.weights.boundsGeneration === this.weights.generation || !this.changing)
        ? this.byReach.search(query, allowed, floor, exact)
        : this.maxScore.search(query, allowed, limit, floor, exact, prune, this.changing);
      const records = this.segment.records;
      const scoreOf = (slot: number): number => cosine(records[slot * RECORD + DOT]!, query.norm, this.weights.normOf(slot));
      return collectBest(this.segment, sealed, exact, scoreOf, limit, minScore, allowed, () => this.docs.idRanks());
    } finally {
      candidates.clear();
    }
  }

  private matchesOf(answers: readonly ScoredSlot[]): PrecedentMatch[] {
    return answers.map(({ slot, score }) => {
      const document = this.docs.entryOf(slot)!.doc;
      return { document, item: document.items[this.segment.slotItem[slot]!]!, score };
    });
  }

  // ── Similarity between texts (pairwise.ts) ───────────────────────────────────────────────────────────

  /**
   * Pairs of `texts` at least `threshold` similar, as `[i, j, score]` with i < j, the score exactly what
   * `similarity(texts[i], texts[j])` gives.
   */
  similarPairs(texts: readonly string[], threshold: number): Array<[number, number, number]> {
    return this.pairwise.similarPairs(texts, threshold);
  }

  /**
   * Similarity of two texts in 0..1 (cosine of their term vectors, weighted by the corpus's rarity weights),
   * on the same scale as `query` scores. Either text empty → 0.
   */
  similarity(textA: string, textB: string): number {
    return this.pairwise.similarity(textA, textB);
  }

  /** The terms two texts share, each with its part of their similarity and its share of the index's items. */
  sharedTerms(textA: string, textB: string): SharedTerm[] {
    return this.pairwise.sharedTerms(textA, textB, this.segment.liveItems);
  }

  /** From now on, `sharesOnlyGeneralTerms` judges by `general` (text/generalTerms.ts); null: never. */
  judgeGeneralTerms(general: GeneralTerms | null): void {
    this.general = general;
  }

  /** Whether `match` shares only general words with `text`: a loosely related precedent (checks/lookup.ts). */
  sharesOnlyGeneralTerms(text: string, match: PrecedentMatch): boolean {
    return this.general !== null && sharesOnlyGeneralTerms(this.sharedTerms(text, match.item.text), this.general);
  }

  /** The analyser queries use: the index's analyser plus the abbreviations the corpus defines. */
  queryAnalyser(): Analyser {
    return this.analysis.queryAnalyser();
  }

  // ── State (savedState.ts; serialise.ts writes it) ────────────────────────────────────────────────────

  private get parts(): IndexParts {
    return { segment: this.segment, weights: this.weights, terms: this.terms, documents: this.docs, analysis: this.analysis, texts: this.texts };
  }

  /** The index's contents as plain arrays; `include` picks the documents (default all). */
  exportState(include: (doc: RecDocument) => boolean = () => true): IndexState {
    return exportState(this.parts, include);
  }

  /**
   * An index holding `state` (as `exportState` gave it), analysed with `analyser` — which must be the analyser
   * the state was made with: the caller checks that (serialise.ts keys it). Throws on an inconsistent state.
   */
  static fromState(analyser: Analyser, state: IndexState, options: PrecedentIndexOptions = {}): PrecedentIndex {
    const index = new PrecedentIndex(analyser, options);
    loadState(index.parts, state, (items) => index.changed(items, ''));
    return index;
  }
}
