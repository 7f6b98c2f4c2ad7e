// Entry point of the corpus check thread (see corpusCheck.ts), bundled as dist/corpusCheckWorker.js: lists the
// corpus files and fingerprints each, then posts the result and ends.

import { parentPort, workerData } from 'node:worker_threads';
import { checkCorpus, type CorpusCheckRequest } from './corpusCheck';

void checkCorpus(workerData as CorpusCheckRequest).then((result) => parentPort?.postMessage(result));
