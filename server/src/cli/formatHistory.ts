// The answer of `precedent history`: each item of each draft with the earlier occasions at which it was asked,
// as text for people or JSON for scripts.

import type { Item, RecDocument } from '../core/document/model';
import { describeRecurrence, type Occasion, type Recurrence } from '../core/checks/occasions';
import { formatDate, similarityPercent } from '../core/document/provenance';
import type { DisplayPath } from './formatFindings';
import { occasionRecord } from './formatSimilar';

export interface HistoryFile {
  /** The draft as the user named it on the command line. */
  displayPath: string;
  document: RecDocument;
  items: { item: Item; recurrence: Recurrence }[];
}

/** `[{ "file", "items": [{ "text", "line", "label", "occasions": [{ "title", "country", "forum", "date", "best" }] }] }]`. */
export function formatHistoryJson(files: readonly HistoryFile[], displayPath: DisplayPath): string {
  const records = files.map((file) => ({
    file: file.displayPath,
    items: file.items.map(({ item, recurrence }) => ({
      text: item.text,
      line: item.range.start.line + 1,
      label: item.label || null,
      occasions: recurrence.occasions.map((occasion) => occasionRecord(occasion, displayPath)),
    })),
  }));
  return `${JSON.stringify(records, null, 2)}\n`;
}

export function formatHistoryText(files: readonly HistoryFile[], displayPath: DisplayPath): string {
  const out: string[] = [];
  for (const file of files) {
    const asked = file.items.filter(({ recurrence }) => recurrence.occasions.length > 0);
    const occasions = new Set(asked.flatMap(({ recurrence }) => recurrence.occasions.map((occasion) => occasion.key)));
    out.push(`${file.displayPath}: ${asked.length} of ${file.items.length} items asked at ${occasions.size === 1 ? 'one occasion' : `${occasions.size} occasions`} of the precedent library`);
    for (const { item, recurrence } of file.items) {
      out.push(`  line ${item.range.start.line + 1}${item.label ? `, ${item.label}` : ''} ${truncate(item.text, 90)}`);
      if (recurrence.occasions.length === 0) {
        out.push('    not asked at any occasion of the library');
        continue;
      }
      out.push(`    ${describeRecurrence(recurrence)}`);
      for (const occasion of recurrence.occasions) out.push(`      ${occasionLine(occasion, displayPath)}`);
    }
    out.push('');
  }
  return out.join('\n');
}

/** "28 September 2020  Viet Nam, 13th ASEAN Forum on Migrant Labour  100%  seeds/viet-nam-afml13-2020.txt:36 (2 items: 14, 16)". */
function occasionLine(occasion: Occasion, displayPath: DisplayPath): string {
  const { document, item, score } = occasion.best;
  const date = occasion.date === null ? 'date unknown' : formatDate(occasion.date);
  // An extracted document's place is its page, which the source names; a text file's is its line.
  const place = document.source === undefined ? `${displayPath(document.id)}:${item.range.start.line + 1}` : displayPath(document.id);
  const labels = occasion.matches.map((match) => match.item.label.replace(/\.$/, '')).filter((label) => label.length > 0 && label !== '-');
  const items = occasion.matches.length > 1 ? ` (${occasion.matches.length} items${labels.length === occasion.matches.length ? `: ${labels.join(', ')}` : ''})` : '';
  const who = occasion.forum === null ? occasion.who : `${occasion.who}, ${occasion.forum}`;
  return `${date.padEnd(17)}  ${who}  ${similarityPercent(score).padStart(4)}  ${place}${items}`;
}

function truncate(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length - 1).trimEnd()}…`;
}
