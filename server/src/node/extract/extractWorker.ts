// Entry point of the extraction thread (see extractionThread.ts), bundled as dist/extractWorker.js: extracts
// one file at a time and posts back the text or the reason.

import { parentPort } from 'node:worker_threads';
import { extractDocument } from './extract';
import type { ExtractedFormat, ExtractionLimits } from './extraction';

parentPort?.on('message', async ({ id, bytes, format, limits }: { id: number; bytes: Uint8Array; format: ExtractedFormat; limits: ExtractionLimits }) => {
  const result = await extractDocument(bytes, format, limits);
  parentPort?.postMessage({ id, result });
});
