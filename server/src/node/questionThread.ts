// The second thread of `PrecedentIndex.queryEach`: a worker that answers some of a batch's questions on a
// replica of the index over shared memory (no copy of the index). Synchronous for the index: once it has
// claimed its last question it waits (Atomics.wait) for the worker to finish the one it is on, a millisecond
// or so; a worker that has not yet picked the batch up is told not to.

import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { QuestionHelper, ReplicaState } from '../core/index/precedentIndex';
import { HELPER, HELPER_CANCELLED, HELPER_RUNNING, HELPER_WAITING, type QuestionBatch } from '../core/index/questionBatch';

/** Beyond this, a worker still on a batch is taken for stuck: it is stopped and the index answers the rest. */
const STUCK_MS = 10_000;

/** The worker's script beside the running bundle (dist/questionWorker.js beside dist/server.js and dist/cli.js). */
export function bundledWorkerScript(): string {
  return join(__dirname, 'questionWorker.js');
}

export class QuestionThread implements QuestionHelper {
  /** Started by `ready` or the first batch (undefined until then: small libraries never need it); null once failed. */
  private worker: Worker | null | undefined;
  private readonly readiness: Promise<boolean>;
  private settle: (ready: boolean) => void = () => {};

  constructor(private readonly script: string = bundledWorkerScript(), private readonly log: (message: string) => void = () => {}) {
    this.readiness = new Promise((resolve) => {
      this.settle = resolve;
    });
  }

  /**
   * Starts the thread if it is not running; true once it takes batches, false if it cannot start. A batch
   * handed to a thread still starting is answered on the index's thread, unless the thread is up in time.
   */
  ready(): Promise<boolean> {
    this.started();
    return this.readiness;
  }

  private started(): Worker | null {
    if (this.worker !== undefined) return this.worker;
    let worker: Worker;
    try {
      worker = new Worker(resolve(this.script));
    } catch (error) {
      this.failed(error);
      return null;
    }
    this.worker = worker;
    worker.on('message', (message: { ready?: boolean; error?: string }) => {
      if (message.ready) {
        // Up: from now on an idle worker does not keep the process (a command-line run) alive. Until then it
        // does, so that a process awaiting `ready` is not left with nothing to wait for.
        worker.unref();
        this.settle(true);
      }
      if (message.error !== undefined) this.log(`Question thread: ${message.error}`);
    });
    worker.on('error', (error) => this.failed(error));
    worker.on('exit', () => {
      this.worker = null;
      this.settle(false);
    });
    return worker;
  }

  private failed(error: unknown): void {
    this.log(`Question thread failed, questions are answered on the main thread from now on: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    this.worker = null;
    this.settle(false);
  }

  start(state: ReplicaState | null, batch: QuestionBatch): () => void {
    const worker = this.started();
    if (worker === null) return () => {};
    worker.postMessage({ state, batch });
    return () => {
      // Not picked up yet: it must not start (the batch's arrays are about to be read and dropped).
      if (Atomics.compareExchange(batch.control, HELPER, HELPER_WAITING, HELPER_CANCELLED) === HELPER_WAITING) return;
      const deadline = performance.now() + STUCK_MS;
      while (Atomics.load(batch.control, HELPER) === HELPER_RUNNING) {
        const left = deadline - performance.now();
        if (left <= 0) {
          this.log(`Question thread stuck for ${STUCK_MS} ms on a batch: stopped; questions are answered on the main thread from now on.`);
          void this.close();
          return;
        }
        Atomics.wait(batch.control, HELPER, HELPER_RUNNING, left);
      }
    };
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }
}
