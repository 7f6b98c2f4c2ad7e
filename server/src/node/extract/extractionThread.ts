// Extraction on a thread of its own, so that a library of hundreds of PDFs read for the first time never
// holds up a hover or a completion, and so that an untrusted file is bounded from outside: the thread's heap is
// capped (a file that needs more is refused, not the server's memory taken) and a file that keeps it busy past
// the time limit is stopped with the thread, which is started again for the next file. Files are extracted one
// at a time, in the order asked. Without the bundled worker script (running from the sources), or if the thread
// cannot start, extraction runs here instead.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ExtractedFormat, ExtractionLimits, ExtractionResult } from './extraction';

/** Heap of the extraction thread: far above what a real document needs. */
const HEAP_MB = 1024;
/** Beyond the limit a file is given, the thread is stopped (the extractor checks its own limit between pages). */
const GRACE_MS = 5_000;

export type Extractor = (bytes: Uint8Array, format: ExtractedFormat, limits: ExtractionLimits) => Promise<ExtractionResult>;

/** The worker's script beside the running bundle (dist/extractWorker.js beside dist/server.js and dist/cli.js). */
export function bundledExtractWorkerScript(): string {
  return join(__dirname, 'extractWorker.js');
}

interface Job {
  id: number;
  bytes: Uint8Array;
  format: ExtractedFormat;
  limits: ExtractionLimits;
  resolve: (result: ExtractionResult) => void;
}

/** Extraction on this thread, its libraries loaded on first use (see documentFile.ts). */
async function extractHere(bytes: Uint8Array, format: ExtractedFormat, limits: ExtractionLimits): Promise<ExtractionResult> {
  return (await import('./extract')).extractDocument(bytes, format, limits);
}

export class ExtractionThread {
  private worker: Worker | null = null;
  private readonly queue: Job[] = [];
  private running: { job: Job; timer: NodeJS.Timeout } | null = null;
  private nextId = 0;
  /** False once the thread could not be started: extraction runs here from then on. */
  private usable: boolean;

  constructor(private readonly script: string = bundledExtractWorkerScript(), private readonly log: (message: string) => void = () => {}) {
    this.usable = existsSync(script);
  }

  /** Extracts on the thread (or here, without one). */
  readonly extract: Extractor = (bytes, format, limits) => {
    if (!this.usable) return extractHere(bytes, format, limits);
    return new Promise((resolve) => {
      this.queue.push({ id: this.nextId++, bytes, format, limits, resolve });
      this.pump();
    });
  };

  private pump(): void {
    if (this.running !== null) return;
    const job = this.queue.shift();
    if (job === undefined) {
      // Idle: the thread does not keep a command-line run alive.
      this.worker?.unref();
      return;
    }
    const worker = this.started();
    if (worker === null) {
      void extractHere(job.bytes, job.format, job.limits).then(job.resolve);
      this.pump();
      return;
    }
    worker.ref();
    const timer = setTimeout(() => {
      // The thread is let go before the next file is sent: it will not answer again.
      void this.stopThread();
      this.finish({ ok: false, reason: `reading the file took longer than ${Math.round(job.limits.maxMilliseconds / 1000)} s: stopped` });
    }, job.limits.maxMilliseconds + GRACE_MS);
    this.running = { job, timer };
    worker.postMessage({ id: job.id, bytes: job.bytes, format: job.format, limits: job.limits });
  }

  private finish(result: ExtractionResult): void {
    const running = this.running;
    if (running === null) return;
    clearTimeout(running.timer);
    this.running = null;
    running.job.resolve(result);
    this.pump();
  }

  private started(): Worker | null {
    if (this.worker !== null) return this.worker;
    try {
      const worker = new Worker(this.script, { resourceLimits: { maxOldGenerationSizeMb: HEAP_MB } });
      worker.on('message', (message: { id: number; result: ExtractionResult }) => {
        if (this.running?.job.id === message.id) this.finish(message.result);
      });
      // A thread that was let go (stopped after a time-out) says nothing more about the files that follow.
      worker.on('error', (error: NodeJS.ErrnoException) => {
        if (this.worker !== worker) return;
        this.worker = null;
        // Out of memory, or a crash in a library: the file is refused, a new thread takes the next one.
        this.finish({ ok: false, reason: error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? `reading the file needed more than ${HEAP_MB} MB of memory: refused` : `the file could not be read (${error.message})` });
      });
      worker.on('exit', () => {
        if (this.worker !== worker) return;
        this.worker = null;
        this.finish({ ok: false, reason: 'the file could not be read (the extraction thread stopped)' });
      });
      this.worker = worker;
      return worker;
    } catch (error) {
      this.log(`Extraction thread could not start, files are extracted on the main thread: ${error instanceof Error ? error.message : String(error)}`);
      this.usable = false;
      return null;
    }
  }

  private async stopThread(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }

  async close(): Promise<void> {
    await this.stopThread();
  }
}
