// Milestones of the server's start, in milliseconds since its process started. The log's "First findings" line
// lists them: the answer to "why did the first findings take so long?" (loading, the client's initialize, the
// settings, the draft's open, the library).

const marks = new Map<string, number>();

/** Notes the first time `name` was reached. */
export function startupMark(name: string): void {
  if (!marks.has(name)) marks.set(name, Math.round(performance.now()));
}

/** "loaded 210 ms, initialize 260 ms, …" in the order reached. */
export function describeStartup(): string {
  return [...marks].map(([name, ms]) => `${name} ${ms} ms`).join(', ');
}
