// One measured system per process, so that resident memory and JIT state are never mixed:
//   ours        build from text, latencies, diagnostics, update, fast vs exhaustive, persisted index written
//   ours-warm   warm start from the persisted index (a fresh process, as a restarted server)
//   ours-busy   requests served while a large corpus is being indexed (the server's background indexing)
//   minisearch  MiniSearch (BM25) over every item: build, memory, hover queries
//   fuse        Fuse.js over every item: build, memory, a sample of queries (seconds each at 100k items)
// Usage: node --expose-gc --import tsx bench/worker.ts MODE DATA_DIR; prints one JSON line last.

import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import Fuse from 'fuse.js';
import MiniSearch from 'minisearch';
import { checkDocument } from '../server/src/core/checks/checkDocument';
import type { RecDocument } from '../server/src/core/document/model';
import { parseDocument } from '../server/src/core/document/parse';
import { completionsAt } from '../server/src/core/features/completion';
import { buildVocabulary } from '../server/src/core/features/vocabulary';
import { PrecedentIndex } from '../server/src/core/index/precedentIndex';
import { defaultSettings } from '../server/src/core/settings';
import { createAnalyser } from '../server/src/core/text/analyser';
import { generalTermsOf } from '../server/src/core/text/generalTerms';
import { readActionVerbs } from '../server/src/node/actionVerbsFile';
import { readCorpus } from '../server/src/node/corpus';
import { indexCorpus } from '../server/src/node/corpusIndex';
import { analyserKey } from '../server/src/node/indexCache';
import { QuestionThread } from '../server/src/node/questionThread';
import { median, percentile, round, rssMb, timeEach } from './stats';
import { shippedThesaurus } from './thesaurus';

export interface Queries {
  /** Full held-out synthetic items (hover). */
  hover: string[];
  /** Half-typed held-out synthetic items (completion). */
  completion: string[];
  /**
   * Real seed items (Lao PDR 2020) with the texts (spaces normalised) that count as their labelled Viet Nam
   * counterparts: the item itself and every synthetic item made from it (copies and variants of its wording).
   */
  seed: Array<{ text: string; expected: string[] }>;
  /** A 500-item draft. */
  draft: string;
  /** A corpus file and a changed text of it (incremental update). */
  update: { file: string; texts: string[] };
}

const [mode, dataDir] = process.argv.slice(2) as [string, string];
const corpusDir = join(dataDir, 'corpus');
const cacheDir = join(dataDir, 'cache');
const queries = JSON.parse(readFileSync(join(dataDir, 'queries.json'), 'utf8')) as Queries;
const out: Record<string, unknown> = {};
const key = (doc: RecDocument, index: number) => `${basename(doc.id)}#${index}`;

function stats(name: string, times: number[]): void {
  out[`${name}_p50_ms`] = round(median(times), 3);
  out[`${name}_p99_ms`] = round(percentile(times, 99), 3);
  out[`${name}_n`] = times.length;
}

function seedQuality(top3: (text: string) => string[]): { found: number; top1: number; total: number } {
  let found = 0;
  let top1 = 0;
  for (const q of queries.seed) {
    const got = top3(q.text).map((t) => t.replace(/\s+/g, ' ').trim());
    if (got.some((k) => q.expected.includes(k))) found++;
    if (got[0] !== undefined && q.expected.includes(got[0])) top1++;
  }
  return { found, top1, total: queries.seed.length };
}

async function readAll(): Promise<RecDocument[]> {
  const corpus = await readCorpus({ paths: [corpusDir], includeSeeds: false, baseDir: dataDir });
  return corpus.documents;
}

function thesaurus() {
  return shippedThesaurus();
}

/** The question thread's script: bundled beside this worker by run.ts, else the built one in dist/. */
const questionWorker = process.env.PRECEDENT_BENCH_QUESTION_WORKER ?? join(__dirname, '..', 'dist', 'questionWorker.js');
/** The corpus check thread of a warm start, likewise. */
const checkWorker = process.env.PRECEDENT_BENCH_CHECK_WORKER ?? join(__dirname, '..', 'dist', 'corpusCheckWorker.js');

async function ours(): Promise<void> {
  const rss0 = rssMb();
  // The second thread for batches of questions, as the server starts it for a large library (its memory counts).
  const thread = new QuestionThread(questionWorker, (message) => process.stderr.write(`${message}\n`));
  if (!(await thread.ready())) throw new Error(`the question thread (${questionWorker}) did not start`);
  const { documents, index } = await coldBuild();
  index.useHelper(thread);
  out.cold_start_ms = round((out.read_parse_ms as number) + (out.build_ms as number), 0);
  out.items = index.stats().items;
  out.documents = index.stats().documents;
  out.rss_mb = round(rssMb(), 0);
  out.rss_baseline_mb = round(rss0, 0);
  const heap = process.memoryUsage();
  out.heap_used_mb = round(heap.heapUsed / 1048576, 0);
  out.array_buffers_mb = round(heap.arrayBuffers / 1048576, 0);

  const settings = defaultSettings();
  const minScore = settings.similarity.threshold;
  let t = performance.now();
  const vocabulary = buildVocabulary(documents);
  out.vocabulary_ms = round(performance.now() - t, 0);

  // Hover: the top 3 earlier precedents of a whole item, as the server asks (threshold, own draft excluded).
  // Every timed question is new to the index (it remembers answers): each pass excludes another draft id.
  let exclude = new Set(['warm-up']);
  const hoverTexts = [...queries.hover, ...queries.seed.map((q) => q.text)];
  const hover = (text: string) => index.query(text, { limit: settings.hover.maxResults, minScore, excludeDocuments: exclude, draftDate: '2025-10-15' });
  timeEach(hoverTexts.slice(0, 50), hover); // warm-up
  const hoverTimes: number[] = [];
  for (const id of ['draft-a', 'draft-b']) {
    exclude = new Set([id]);
    hoverTimes.push(...timeEach(hoverTexts, hover));
  }
  stats('hover', hoverTimes);
  const hoverAll = (text: string) => index.query(text, { limit: 3 });
  stats('hover_nofloor', timeEach(hoverTexts, hoverAll));

  // Completion: completionsAt on a draft line holding a half-typed item (precedents and corpus terms).
  const drafts = (id: string) => queries.completion.map((typed) => {
    const line = `1. ${typed}`;
    return { doc: parseDocument(`Draft\n\n${line}\n`, id), line };
  });
  const complete = ({ doc, line }: { doc: RecDocument; line: string }) =>
    completionsAt(doc, line, { line: 2, character: line.length }, { precedents: index, vocabulary, numberingStyle: 'auto', minScore });
  timeEach(drafts('warm-up').slice(0, 50), complete);
  stats('completion', [...timeEach(drafts('draft-a'), complete), ...timeEach(drafts('draft-b'), complete)]);

  // Fast path (MaxScore pruning) vs exhaustive scoring of every posting: the same top 3?
  const exhaustive = new PrecedentIndex(createAnalyser(thesaurus()), { pruneFromPostings: Infinity });
  for (const doc of documents) exhaustive.addDocument(doc);
  let agree = 0;
  let total = 0;
  const sample = [...hoverTexts, ...queries.completion];
  const ids = (m: ReturnType<typeof hoverAll>) => m.map((x) => key(x.document, x.item.index));
  for (const text of sample) {
    const fast = ids(index.query(text, { limit: 3 }));
    const full = ids(exhaustive.query(text, { limit: 3 }));
    total += full.length;
    agree += full.filter((k) => fast.includes(k)).length;
  }
  out.recall_at_3_fast_vs_exhaustive = round(total === 0 ? 1 : agree / total, 4);
  stats('hover_exhaustive', timeEach(hoverTexts, (text) => exhaustive.query(text, { limit: settings.hover.maxResults, minScore, excludeDocuments: exclude })));

  const q = seedQuality((text) => index.query(text, { limit: 3 }).map((m) => m.item.text));
  out.seed_recall_at_3 = `${q.found}/${q.total}`;
  out.seed_top1 = `${q.top1}/${q.total}`;

  // Diagnostics of a 500-item draft: every check (numbering, duplicates, precedent reuse). The first run is
  // wholly cold; then runs under new draft ids (no remembered answers; analyses of the texts are remembered);
  // then, as while typing, the draft (a precedent for other drafts, as the server keeps it) gets one item
  // edited and is checked again.
  const context = { precedents: index, similarity: (a: string, b: string) => index.similarity(a, b), similarPairs: (t: readonly string[], x: number) => index.similarPairs(t, x), settings };
  // Every run must find the same (whichever thread answers which question): the findings' messages, compared.
  const findings = new Set<string>();
  const check = (d: RecDocument) => {
    const found = checkDocument(d, context);
    findings.add(JSON.stringify(found.map((f) => [f.code, f.range.start.line, f.message])));
    return found;
  };
  let t0 = performance.now();
  out.diagnostics_findings = check(parseDocument(queries.draft, 'draft-0')).length;
  out.diagnostics_500_first_ms = round(performance.now() - t0, 1);
  const fresh = Array.from({ length: 7 }, (_, k) => parseDocument(queries.draft, `draft-${k + 1}`));
  out.diagnostics_500_ms = round(median(timeEach(fresh, check)), 1);
  // The same on one thread (the reuse questions without the helper), for comparison.
  index.useHelper(null);
  const alone = Array.from({ length: 7 }, (_, k) => parseDocument(queries.draft, `draft-alone-${k + 1}`));
  out.diagnostics_500_one_thread_ms = round(median(timeEach(alone, check)), 1);
  index.useHelper(thread);
  if (findings.size !== 1) throw new Error(`the draft's findings differ between runs (${findings.size} different sets)`);
  const lines = queries.draft.split('\n');
  const edits = Array.from({ length: 7 }, (_, k) => {
    const copy = [...lines];
    const at = lines.length - 1 - k * 37;
    copy[at] = `${copy[at]} and their families (edit ${k})`;
    return parseDocument(copy.join('\n'), 'draft-edited');
  });
  index.addDocument(edits[0]!);
  checkDocument(edits[0]!, context);
  out.diagnostics_500_after_edit_ms = round(median(timeEach(edits.slice(1), (d) => {
    index.replaceDocument(d);
    checkDocument(d, context);
  })), 1);
  index.removeDocument('draft-edited');

  // One incremental update: a corpus file changed on disk is read, parsed and replaced (then one hover).
  const updates = queries.update.texts.map((text) => parseDocument(text, documents.find((d) => basename(d.id) === queries.update.file)!.id));
  const up = timeEach(updates, (doc) => index.replaceDocument(doc));
  out.update_ms = round(median(up), 2);
  const upq = timeEach(updates, (doc) => {
    index.replaceDocument(doc);
    hover(queries.hover[0]!);
  });
  out.update_then_hover_ms = round(median(upq), 2);
}

/** Cold build, as the server does it with no cache: read, parse and index file by file (timed apart). */
async function coldBuild(): Promise<{ documents: RecDocument[]; index: PrecedentIndex }> {
  const analyser = createAnalyser(thesaurus());
  let t = performance.now();
  const documents = await readAll();
  out.read_parse_ms = round(performance.now() - t, 0);
  t = performance.now();
  const index = new PrecedentIndex(analyser);
  for (const doc of documents) index.addDocument(doc);
  // As the server's library does: precedents sharing only general words judged loosely related.
  index.judgeGeneralTerms(generalTermsOf(analyser, readActionVerbs().verbs));
  index.query('migrant workers', { limit: 1 }); // settles rarity weights and bounds, as the first request would
  out.build_ms = round(performance.now() - t, 0);
  return { documents, index };
}

/** Another cold build alone, in a fresh process: a build is one long measurement, so run.ts takes the median of a few. */
async function oursBuild(): Promise<void> {
  await coldBuild();
}

async function oursPersist(): Promise<void> {
  // Cold build through the node layer with the cache (writes it), as the server's first start does.
  const analyser = createAnalyser(thesaurus());
  const t = performance.now();
  const built = await indexCorpus({ paths: [corpusDir], includeSeeds: false, baseDir: dataDir, analyser, analyserKey: analyserKey(thesaurus()), cacheDir, scope: 'bench' });
  out.cold_with_cache_write_ms = round(performance.now() - t, 0);
  out.persist_cache = built.cache;
  out.persist_timings = Object.fromEntries(Object.entries(built.timings).map(([k, v]) => [k, round(v, 0)]));
}

async function oursWarm(): Promise<void> {
  // The thesaurus and analyser are made once per process whatever the corpus (timed apart).
  let t = performance.now();
  const th = thesaurus();
  const analyser = createAnalyser(th);
  const thesaurusKey = analyserKey(th);
  out.warm_thesaurus_ms = round(performance.now() - t, 0);
  t = performance.now();
  const warm = await indexCorpus({ paths: [corpusDir], includeSeeds: false, baseDir: dataDir, analyser, analyserKey: thesaurusKey, cacheDir, scope: 'bench', checkWorker });
  const loaded = performance.now() - t;
  warm.index.query('migrant workers', { limit: 1 });
  out.warm_start_ms = round(performance.now() - t, 0);
  out.warm_first_query_ms = round(performance.now() - t - loaded, 0);
  out.warm_timings = Object.fromEntries(Object.entries(warm.timings).map(([k, v]) => [k, round(v, 0)]));
  out.warm_cache = warm.cache;
  out.warm_checked_on_thread = warm.checkedOnThread;
  out.items = warm.index.stats().items;
  out.warm_rss_mb = round(rssMb(), 0);
  const hover = (text: string) => warm.index.query(text, { limit: 3, minScore: 0.3 });
  timeEach(queries.hover.slice(0, 50), hover);
  stats('warm_hover', timeEach(queries.hover, hover));
  const q = seedQuality((text) => warm.index.query(text, { limit: 3 }).map((m) => m.item.text));
  out.warm_seed_recall_at_3 = `${q.found}/${q.total}`;
}

async function oursBusy(): Promise<void> {
  // The server indexes in the background, file by file; meanwhile a hover is asked every 20 ms.
  const analyser = createAnalyser(thesaurus());
  const latencies: number[] = [];
  const itemsSeen: number[] = [];
  let index: PrecedentIndex | null = null;
  let i = 0;
  let done = false;
  const started = performance.now();
  const ask = () => {
    if (done) return;
    const due = performance.now();
    setImmediate(() => {
      if (done || index === null) return;
      index.query(queries.hover[i++ % queries.hover.length]!, { limit: 3, minScore: 0.3 });
      latencies.push(performance.now() - due);
      itemsSeen.push(index.stats().items);
    });
  };
  const timer = setInterval(ask, 20);
  await indexCorpus({ paths: [corpusDir], includeSeeds: false, baseDir: dataDir, analyser, analyserKey: analyserKey(thesaurus()), cacheDir: null, scope: 'bench', onIndex: (ix) => (index = ix) });
  done = true;
  clearInterval(timer);
  out.busy_index_ms = round(performance.now() - started, 0);
  out.busy_requests = latencies.length;
  stats('busy_hover', latencies);
  out.busy_items_seen_first = itemsSeen[0] ?? 0;
}

/** Runs `fn` on inputs in order until `budgetMs` is spent (at least `min` inputs): times and how many. */
function timeBoxed<T>(inputs: readonly T[], fn: (input: T) => unknown, budgetMs: number, min: number): number[] {
  const times: number[] = [];
  const start = performance.now();
  for (const input of inputs) {
    if (times.length >= min && performance.now() - start > budgetMs) break;
    const t = performance.now();
    fn(input);
    times.push(performance.now() - t);
  }
  return times;
}

const BUDGET_MS = Number(process.env.BASELINE_BUDGET_MS ?? 60_000);

async function minisearch(): Promise<void> {
  const documents = await readAll();
  const rss0 = rssMb();
  const t = performance.now();
  const texts = documents.flatMap((doc) => doc.items.map((item) => item.text));
  const ms = new MiniSearch<{ id: number; text: string }>({ fields: ['text'] });
  ms.addAll(texts.map((text, id) => ({ id, text })));
  out.minisearch_build_ms = round(performance.now() - t, 0);
  out.minisearch_rss_mb = round(rssMb(), 0);
  out.minisearch_rss_baseline_mb = round(rss0, 0);
  // BM25 over the whole item text as the query, top 3 (MiniSearch ranks every item sharing a word).
  const top3 = (text: string) => ms.search(text).slice(0, 3).map((r) => texts[r.id as number]!);
  const hoverTexts = [...queries.hover, ...queries.seed.map((q) => q.text)];
  timeBoxed(hoverTexts, top3, 2000, 5); // warm-up
  const times = timeBoxed(hoverTexts, top3, BUDGET_MS, 20);
  out.minisearch_hover_p50_ms = round(median(times), 3);
  out.minisearch_hover_p99_ms = round(percentile(times, 99), 3);
  out.minisearch_hover_n = times.length;
  const c = timeBoxed(queries.completion, (text) => ms.search(text, { prefix: true }).slice(0, 10), BUDGET_MS / 2, 20);
  out.minisearch_completion_p50_ms = round(median(c), 3);
  out.minisearch_completion_n = c.length;
  const q = seedQuality(top3);
  out.minisearch_seed_recall_at_3 = `${q.found}/${q.total}`;
  out.minisearch_seed_top1 = `${q.top1}/${q.total}`;
}

async function fuse(): Promise<void> {
  const documents = await readAll();
  const rss0 = rssMb();
  const t = performance.now();
  const entries = documents.flatMap((doc) => doc.items.map((item) => ({ text: item.text })));
  const fuse = new Fuse(entries, { keys: ['text'], ignoreLocation: true, includeScore: true });
  out.fuse_build_ms = round(performance.now() - t, 0);
  out.fuse_rss_mb = round(rssMb(), 0);
  out.fuse_rss_baseline_mb = round(rss0, 0);
  // Each Fuse query scans every item (seconds at 100,000 items): a few queries, said so in the output.
  const n = Number(process.env.FUSE_SAMPLE ?? 5);
  const top = (text: string, limit: number) => fuse.search(text, { limit }).map((r) => r.item.text);
  const c = timeBoxed(queries.completion.slice(0, n), (text) => top(text, 10), BUDGET_MS, 2);
  const h = timeBoxed(queries.hover.slice(0, n), (text) => top(text, 3), BUDGET_MS, 2);
  out.fuse_completion_p50_ms = round(median(c), 1);
  out.fuse_hover_p50_ms = round(median(h), 1);
  out.fuse_completion_n = c.length;
  out.fuse_hover_n = h.length;
  let found = 0;
  let asked = 0;
  const start = performance.now();
  const seedMax = Number(process.env.FUSE_SEED_SAMPLE ?? queries.seed.length);
  for (const s of queries.seed.slice(0, seedMax)) {
    if (asked >= 3 && performance.now() - start > BUDGET_MS * 2) break;
    asked++;
    if (top(s.text, 3).some((k) => s.expected.includes(k.replace(/\s+/g, ' ').trim()))) found++;
  }
  out.fuse_seed_recall_at_3 = `${found}/${asked}`;
}

const modes: Record<string, () => Promise<void>> = { ours, 'ours-build': oursBuild, 'ours-persist': oursPersist, 'ours-warm': oursWarm, 'ours-busy': oursBusy, minisearch, fuse };
const run = modes[mode];
if (!run) {
  console.error(`unknown mode ${mode}`);
  process.exit(2);
}
run().then(() => {
  console.log(JSON.stringify(out));
}, (error: unknown) => {
  console.error(error);
  process.exit(1);
});
