// Reads a file's bytes without trusting what the path names: bounded in size and never blocking.

import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { tooLargeReason } from '../core/document/decode';
import { describeFileError } from './corpusFiles';

/** The bytes, with the size and modification time of the file they were read from (its fstat: the same file). */
export type BoundedRead = { ok: true; bytes: Uint8Array; size: number; mtimeMs: number } | { ok: false; reason: string };

/**
 * The bytes of a regular file of at most `maxBytes`, or why not. readFileSync is unsafe on what a corpus folder,
 * a watcher event or a command line can name: a FIFO blocks the process forever (opening it waits for a
 * writer), /dev/zero (or a link to it) is read until memory runs out, and a huge file is read whole before a
 * size check can refuse it. Here the file is opened without blocking, must be a regular file, and no more than
 * `maxBytes` + 1 bytes are ever read (a file that grows after the size check is still refused).
 */
export function readFileBounded(path: string, maxBytes: number): BoundedRead {
  let fd: number | undefined;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const stats = fstatSync(fd);
    if (stats.isDirectory()) return { ok: false, reason: 'is a folder, not a file' };
    if (!stats.isFile()) return { ok: false, reason: 'not a regular file (a device, pipe or socket)' };
    if (stats.size > maxBytes) return { ok: false, reason: tooLargeReason(stats.size, maxBytes) };
    const buffer = Buffer.allocUnsafe(Math.min(stats.size, maxBytes) + 1);
    let length = 0;
    for (;;) {
      const count = readSync(fd, buffer, length, buffer.length - length, null);
      if (count === 0) break;
      length += count;
      if (length > maxBytes) return { ok: false, reason: tooLargeReason(length, maxBytes) };
      if (length === buffer.length) break;
    }
    return { ok: true, bytes: buffer.subarray(0, length), size: stats.size, mtimeMs: stats.mtimeMs };
  } catch (error) {
    return { ok: false, reason: describeFileError(error) };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
