// A batch of index questions asked with the same options (a draft's precedent-reuse check asks one per item),
// laid out in shared memory so that a second thread can answer some of them while the index answers the rest.
// The second thread holds a replica of the index over the same (shared) arrays: see `PrecedentIndex.replica`.
// Questions are claimed one at a time from a shared counter, so whichever thread is free takes the next; each
// answer is written to its own place, so the threads never write the same memory.
// Pure: SharedArrayBuffer and Atomics are the language's; starting the thread is the node layer's business.

/** What a question is for the scorer: its known terms (sorted by id) with their weights, and its norm. */
export interface QueryVector {
  ids: Int32Array;
  /** Query weight × idf of each term. */
  qw: Float64Array;
  /** Idf of each term. */
  idf: Float64Array;
  /** `qw` × idf of each term: what an item's analyser weight is multiplied by in the dot product. */
  factor: Float64Array;
  norm: number;
  /** Postings of the query's terms, summed (whether pruning pays). */
  postings: number;
}

export interface QuestionBatch {
  count: number;
  limit: number;
  minScore: number;
  /** Which documents may answer, by document ordinal + 1. */
  allowed: Uint8Array;
  /** Question q's terms are at [termStart[q], termStart[q + 1]) of ids, qw, idf and factor. */
  termStart: Int32Array;
  ids: Int32Array;
  qw: Float64Array;
  idf: Float64Array;
  factor: Float64Array;
  norm: Float64Array;
  postings: Float64Array;
  /** The score an answer is known to reach (an item with the question's very text), else `minScore`. */
  floor: Float64Array;
  /** Question q's answers: item slots and scores at [q × limit, q × limit + found[q]); found[q] is -1 until answered. */
  slots: Int32Array;
  scores: Float64Array;
  found: Int32Array;
  /** [the next question to claim, the helper's state (`HELPER_*`)]. */
  control: Int32Array;
}

export const NEXT = 0;
export const HELPER = 1;
/** The helper thread has not started on the batch. */
export const HELPER_WAITING = 0;
export const HELPER_RUNNING = 1;
export const HELPER_DONE = 2;
/** The batch was finished without the helper: it must not start. */
export const HELPER_CANCELLED = 3;

type Shareable = Int32Array | Float64Array | Uint8Array | Uint16Array;

/** The array itself if it is in shared memory, else a copy there (same type and contents). */
export function inSharedMemory<T extends Shareable>(array: T): T {
  if (array.buffer instanceof SharedArrayBuffer) return array;
  const copy = new (array.constructor as new (buffer: SharedArrayBuffer) => T)(new SharedArrayBuffer(array.byteLength));
  copy.set(array as never);
  return copy;
}

/**
 * The questions' vectors and options, every question unclaimed and unanswered; in one block of shared memory
 * when another thread is to help (`shared`).
 */
export function packBatch(vectors: readonly QueryVector[], floors: readonly number[], limit: number, minScore: number, allowed: Uint8Array, shared: boolean): QuestionBatch {
  const count = vectors.length;
  let terms = 0;
  for (const v of vectors) terms += v.ids.length;
  // Float64 arrays first, then Int32 ones: every view aligned.
  const doubles = 3 * terms + 3 * count + count * limit;
  const ints = 2 + (count + 1) + terms + count * limit + count;
  const bytes = doubles * 8 + ints * 4;
  const buffer = shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes);
  let at = 0;
  const float64 = (n: number) => {
    const view = new Float64Array(buffer, at, n);
    at += n * 8;
    return view;
  };
  const int32 = (n: number) => {
    const view = new Int32Array(buffer, at, n);
    at += n * 4;
    return view;
  };
  const batch: QuestionBatch = {
    count, limit, minScore,
    allowed: shared ? inSharedMemory(allowed) : allowed,
    qw: float64(terms),
    idf: float64(terms),
    factor: float64(terms),
    norm: float64(count),
    postings: float64(count),
    floor: float64(count),
    scores: float64(count * limit),
    control: int32(2),
    termStart: int32(count + 1),
    ids: int32(terms),
    slots: int32(count * limit),
    found: int32(count),
  };
  batch.found.fill(-1);
  let term = 0;
  vectors.forEach((v, q) => {
    batch.termStart[q] = term;
    batch.ids.set(v.ids, term);
    batch.qw.set(v.qw, term);
    batch.idf.set(v.idf, term);
    batch.factor.set(v.factor, term);
    batch.norm[q] = v.norm;
    batch.postings[q] = v.postings;
    batch.floor[q] = floors[q]!;
    term += v.ids.length;
  });
  batch.termStart[count] = term;
  return batch;
}

/** Question q's vector (views into the batch). */
export function vectorOf(batch: QuestionBatch, q: number): QueryVector {
  const from = batch.termStart[q]!;
  const to = batch.termStart[q + 1]!;
  return {
    ids: batch.ids.subarray(from, to),
    qw: batch.qw.subarray(from, to),
    idf: batch.idf.subarray(from, to),
    factor: batch.factor.subarray(from, to),
    norm: batch.norm[q]!,
    postings: batch.postings[q]!,
  };
}

/** The next unclaimed question, or -1 when every question is taken. */
export function claim(batch: QuestionBatch): number {
  const q = Atomics.add(batch.control, NEXT, 1);
  return q < batch.count ? q : -1;
}

/** Records question q's answers (best first). */
export function answer(batch: QuestionBatch, q: number, answers: ReadonlyArray<{ slot: number; score: number }>): void {
  const at = q * batch.limit;
  answers.forEach((a, k) => {
    batch.slots[at + k] = a.slot;
    batch.scores[at + k] = a.score;
  });
  Atomics.store(batch.found, q, answers.length);
}
