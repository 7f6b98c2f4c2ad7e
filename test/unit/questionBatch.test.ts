// Batches of index questions (`queryEach`) answered on a replica of the index, in this thread (every question
// answered by the replica) and in a real worker thread (dist/questionWorker.js, built by `npm test`): the
// answers must be query()'s, whoever answers, as documents come and go.

import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { parseDocument } from '../../server/src/core/document/parse';
import { PrecedentIndex, type PrecedentMatch, type QueryOptions, type QuestionHelper } from '../../server/src/core/index/precedentIndex';
import { HELPER, HELPER_DONE } from '../../server/src/core/index/questionBatch';
import { createAnalyser } from '../../server/src/core/text/analyser';
import { QuestionThread } from '../../server/src/node/questionThread';
import { readSeed, SEED_NAMES, seedThesaurus } from './support/documentChecks';

const WORKER_SCRIPT = join(__dirname, '..', '..', 'dist', 'questionWorker.js');

/** Every index prunes (as large ones do), so that the replica's bounds and norms are used. */
function seedIndexes(): { batched: PrecedentIndex; reference: PrecedentIndex } {
  const analyser = createAnalyser(seedThesaurus());
  const batched = new PrecedentIndex(analyser, { pruneFromPostings: 0 });
  const reference = new PrecedentIndex(analyser, { pruneFromPostings: 0 });
  for (const name of SEED_NAMES) {
    const doc = parseDocument(readSeed(name), name);
    batched.addDocument(doc);
    reference.addDocument(doc);
  }
  batched.query('migrant workers', { limit: 1 });
  return { batched, reference };
}

/** Whole items, their first halves (partial matches), and a text no item resembles. */
function questions(index: PrecedentIndex): string[] {
  const texts = index.documents().flatMap((doc) => doc.items.map((item) => item.text));
  const halves = texts.map((text) => text.split(' ').slice(0, Math.ceil(text.split(' ').length / 2)).join(' '));
  return [...texts, ...halves, 'quantum chromodynamics of the lattice'];
}

const OPTION_SETS: QueryOptions[] = [
  { limit: 1, minScore: 0.6, excludeDocuments: new Set(['lao-pdr-afml13-2020.txt']), draftDate: '2021-06-01' },
  { limit: 3, minScore: 0.3 },
  { limit: 10 },
];

const summary = (matches: PrecedentMatch[]) => matches.map((m) => `${m.document.id}#${m.item.index} ${m.score.toFixed(12)}`);

/** Asserts `queryEach`'s answers are `query`'s; returns how many questions had an answer. */
function assertSameAnswers(batched: PrecedentIndex, reference: PrecedentIndex, texts: string[], options: QueryOptions): number {
  const got = batched.queryEach(texts, options).map(summary);
  const expected = texts.map((text) => summary(reference.query(text, options)));
  assert.equal(got.length, texts.length);
  texts.forEach((text, i) => assert.deepEqual(got[i], expected[i], `${JSON.stringify(options)}: ${text}`));
  return got.filter((answers) => answers.length > 0).length;
}

/**
 * Changes both indexes alike: a new draft (recent, unsealed items) that copies a seed, and a seed removed.
 * Then one question: a batch right after a change is answered on this thread alone (the index's bounds are
 * not current while it keeps changing, and a replica does not compute any); the question after it settles them.
 */
function change(indexes: PrecedentIndex[], round: number): void {
  const copy = parseDocument(readSeed(SEED_NAMES[round % SEED_NAMES.length]!).replace(/migrant/g, 'foreign'), `draft-${round}.txt`);
  for (const index of indexes) {
    index.addDocument(copy);
    index.removeDocument(SEED_NAMES[(round + 2) % SEED_NAMES.length]!);
    index.query('migrant workers', { limit: 1 });
  }
}

describe('index: batches of questions on a replica (queryEach)', () => {
  it('a replica answers every question as query() does: limits 1, 3 and 10, exclusions, dates, as documents come and go', () => {
    const { batched, reference } = seedIndexes();
    // In this thread, the replica claims every question before the index can: all the answers are the replica's.
    let answeredByReplica = 0;
    let answered = 0;
    let replica: PrecedentIndex | undefined;
    const replicaFirst: QuestionHelper = {
      start(state, batch) {
        // A state with a batch's first chunk only; the later chunks are answered from it.
        if (state !== null) replica = PrecedentIndex.replica(state, replica);
        replica!.answerClaimed(batch);
        answeredByReplica += batch.count;
        return () => {};
      },
    };
    batched.useHelper(replicaFirst, { questions: 1, items: 0 });
    for (let round = 0; round < 3; round++) {
      const texts = questions(reference);
      for (const options of OPTION_SETS) answered += assertSameAnswers(batched, reference, texts, options);
      change([batched, reference], round);
    }
    // Every question with an answer went to the replica (and more: those without one, too).
    assert.ok(answered > 1000 && answeredByReplica >= answered, `${answeredByReplica} questions to the replica, ${answered} answered`);
  });

  it('a worker thread answers part of each batch; the answers are the same', async () => {
    const { batched, reference } = seedIndexes();
    const thread = new QuestionThread(WORKER_SCRIPT, (message) => assert.fail(message));
    const helperStates: number[] = [];
    batched.useHelper({
      start(state, batch) {
        const finish = thread.start(state, batch);
        return () => {
          finish();
          helperStates.push(Atomics.load(batch.control, HELPER));
        };
      },
    }, { questions: 1, items: 0 });
    try {
      assert.equal(await thread.ready(), true);
      for (let round = 0; round < 6; round++) {
        // New exclusions every round: no remembered answers.
        const options = { limit: 1 + (round % 3), minScore: 0.3, excludeDocuments: new Set([`none-${round}`]) };
        assertSameAnswers(batched, reference, questions(reference), options);
        if (round % 2 === 1) change([batched, reference], round);
        // Let the worker's messages (errors, if any) arrive.
        await new Promise((resolve) => setImmediate(resolve));
      }
    } finally {
      await thread.close();
    }
    // A batch may be over before the thread picks it up (then it is cancelled), but not all of them.
    assert.ok(helperStates.includes(HELPER_DONE), `helper states per batch: ${helperStates.join(' ')}`);
  });

  it('a thread that cannot start leaves every answer to the index, and says why', async () => {
    const { batched, reference } = seedIndexes();
    const log: string[] = [];
    const thread = new QuestionThread(join(__dirname, 'no-such-worker.js'), (message) => log.push(message));
    batched.useHelper(thread, { questions: 1, items: 0 });
    const texts = questions(reference);
    assert.equal(await thread.ready(), false);
    assertSameAnswers(batched, reference, texts, { limit: 3, excludeDocuments: new Set(['a']) });
    assertSameAnswers(batched, reference, texts, { limit: 3, excludeDocuments: new Set(['b']) });
    assert.equal(log.length, 1, log.join('\n'));
    assert.match(log[0]!, /Question thread failed, questions are answered on the main thread from now on: .*no-such-worker/s);
  });
});
