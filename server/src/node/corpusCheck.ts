// The corpus's files and their fingerprints, worked out on a worker thread while the persisted index loads on
// this one: a warm start then costs the longer of the two, not their sum. At 100,000 items, listing and
// hashing 4,000 files takes ~200 ms of a ~900 ms warm start, and loading the index ~600 ms.
// The thread only says which files are unchanged: a file it found changed (or could not read) is read again,
// and fingerprinted again, by the caller, so what is indexed is always what was fingerprinted.

import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { maxBytesFor } from './extract/extraction';
import { listCorpus, type CorpusSource } from './corpusFiles';
import { fingerprintFile, type FileFingerprint } from './indexCache';
import type { SkippedFile } from './corpus';

export interface CorpusCheck {
  files: string[];
  problems: SkippedFile[];
  /** Each file's fingerprint (same order as `files`), null for a file that cannot be read. */
  fingerprints: Array<FileFingerprint | null>;
}

export interface CorpusCheckRequest {
  sources: CorpusSource[];
  maxBytes: number;
}

/** The worker's script beside the running bundle (dist/corpusCheckWorker.js beside dist/server.js and dist/cli.js). */
export function bundledCheckWorkerScript(): string {
  return join(__dirname, 'corpusCheckWorker.js');
}

export async function checkCorpus({ sources, maxBytes }: CorpusCheckRequest): Promise<CorpusCheck> {
  const { files, problems } = await listCorpus(sources);
  const fingerprints = files.map((path) => {
    const read = fingerprintFile(path, maxBytesFor(path, maxBytes));
    return read.ok ? read.fingerprint : null;
  });
  return { files, problems, fingerprints };
}

/** `checkCorpus` on a worker thread running `script`; null if the thread fails (the caller then checks here). */
export function checkCorpusOnThread(script: string, request: CorpusCheckRequest): Promise<CorpusCheck | null> {
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      worker = new Worker(script, { workerData: request });
    } catch {
      resolve(null);
      return;
    }
    worker.once('message', (message: CorpusCheck) => {
      resolve(message);
      void worker.terminate();
    });
    worker.once('error', () => resolve(null));
    worker.once('exit', () => resolve(null));
  });
}
