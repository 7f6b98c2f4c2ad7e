// Small measuring helpers shared by the benchmark's processes.

export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export function median(samples: readonly number[]): number {
  return percentile(samples, 50);
}

/** Times `fn` once per input; returns the milliseconds of each call. */
export function timeEach<T>(inputs: readonly T[], fn: (input: T) => unknown): number[] {
  const times: number[] = [];
  for (const input of inputs) {
    const t = performance.now();
    fn(input);
    times.push(performance.now() - t);
  }
  return times;
}

/** Resident memory in MB after a full garbage collection (needs `--expose-gc`). */
export function rssMb(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    gc();
  }
  return process.memoryUsage().rss / 1048576;
}

export function round(value: number, digits = 2): number {
  if (!Number.isFinite(value)) return value;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
