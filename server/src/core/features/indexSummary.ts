// What people are told when the library has been indexed (Rebuild Index, the server log):
// "Indexed 6 documents, 123 items in 0.4 s".

export interface IndexSummary {
  documents: number;
  items: number;
  milliseconds: number;
  /** Files left out, with their reasons elsewhere. */
  skipped?: number;
}

export function describeIndexing(summary: IndexSummary): string {
  const seconds = summary.milliseconds < 100 ? '< 0.1 s' : `${(summary.milliseconds / 1000).toFixed(1)} s`;
  const skipped = summary.skipped ? `; ${plural(summary.skipped, 'file')} skipped` : '';
  return `Indexed ${plural(summary.documents, 'document')}, ${plural(summary.items, 'item')} in ${seconds}${skipped}.`;
}

function plural(count: number, noun: string): string {
  return `${count.toLocaleString('en')} ${noun}${count === 1 ? '' : 's'}`;
}
