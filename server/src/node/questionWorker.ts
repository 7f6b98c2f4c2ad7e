// Entry point of the question thread (see questionThread.ts), bundled as dist/questionWorker.js: answers
// the questions of each batch it is sent that it can claim, on a replica of the sender's index.

import { parentPort } from 'node:worker_threads';
import { PrecedentIndex, type ReplicaState } from '../core/index/precedentIndex';
import { HELPER, HELPER_DONE, HELPER_RUNNING, HELPER_WAITING, type QuestionBatch } from '../core/index/questionBatch';

let replica: PrecedentIndex | undefined;

parentPort?.on('message', ({ state, batch }: { state: ReplicaState | null; batch: QuestionBatch }) => {
  // A new state comes with the first chunk of a batch; it holds for the later chunks.
  if (state !== null) replica = PrecedentIndex.replica(state, replica);
  // The sender finished the chunk alone and cancelled it: nothing to do.
  if (Atomics.compareExchange(batch.control, HELPER, HELPER_WAITING, HELPER_RUNNING) !== HELPER_WAITING) return;
  try {
    if (replica === undefined) throw new Error('a batch without a state');
    replica.answerClaimed(batch);
  } catch (error) {
    // The question it was on stays unanswered: the sender answers it.
    parentPort?.postMessage({ error: error instanceof Error ? error.stack ?? error.message : String(error) });
  } finally {
    Atomics.store(batch.control, HELPER, HELPER_DONE);
    Atomics.notify(batch.control, HELPER);
  }
});

parentPort?.postMessage({ ready: true });
