// The answers of `precedent similar` as text for people or JSON (SPEC §5) for scripts.

import type { PrecedentMatch } from '../core/checks/lookup';
import { pageOf } from '../core/document/source';
import { describeRecurrence, type Occasion, type Recurrence } from '../core/checks/occasions';
import { describeSource, similarityPercent } from '../core/document/provenance';
import type { DisplayPath } from './formatFindings';

export interface SimilarQuery {
  text: string;
  /** 0-based line of the query item in its file; null for a TEXT query. */
  line: number | null;
  label: string | null;
  /** The query's level on the action scale (1–5), or null where no verb says it. */
  actionLevel: number | null;
  matches: readonly PrecedentMatch[];
  /** The query's occasions: every precedent above the floor, grouped by earlier document. */
  recurrence: Recurrence;
}

export function formatSimilarJson(queries: readonly SimilarQuery[], displayPath: DisplayPath): string {
  const records = queries.map((query) => ({
    query: { text: query.text, line: query.line === null ? null : query.line + 1, label: query.label, actionLevel: query.actionLevel },
    matches: query.matches.map((match) => matchRecord(match, displayPath)),
    occasions: query.recurrence.occasions.map((occasion) => occasionRecord(occasion, displayPath)),
  }));
  return `${JSON.stringify(records, null, 2)}\n`;
}

/** One precedent in the JSON of `similar` and `history`. */
export function matchRecord({ document, item, score, loose }: PrecedentMatch, displayPath: DisplayPath) {
  return {
    text: item.text,
    file: displayPath(document.id),
    line: item.range.start.line + 1,
    page: pageOf(document, item),
    label: item.label || null,
    section: document.sections[item.section]?.title || null,
    score: Math.round(score * 1e4) / 1e4,
    loose: loose ?? false,
    title: document.metadata.title,
    country: document.metadata.country,
    forum: document.metadata.forum,
    date: document.metadata.date,
  };
}

/** One occasion in the JSON of `similar` and `history`: the earlier document and its best item. */
export function occasionRecord(occasion: Occasion, displayPath: DisplayPath) {
  return { title: occasion.title, country: occasion.best.document.metadata.country, forum: occasion.forum, date: occasion.date, best: matchRecord(occasion.best, displayPath) };
}

export function formatSimilarText(queries: readonly SimilarQuery[], displayPath: DisplayPath): string {
  const out: string[] = [];
  for (const query of queries) {
    const where = query.line === null ? '' : `line ${query.line + 1}${query.label ? `, ${query.label}` : ''}: `;
    out.push(`${where}${truncate(query.text, 100)}`);
    if (query.matches.length === 0) out.push('  no precedent found');
    else if (query.recurrence.occasions.length > 0) out.push(`  ${describeRecurrence(query.recurrence)}`);
    query.matches.forEach(({ document, item, score, loose }, rank) => {
      out.push(`  ${rank + 1}. ${similarityPercent(score).padStart(4)}  ${loose ? '(loosely related) ' : ''}${truncate(item.text, 100)}`);
      // An extracted item's place is its file and page, already in the source; a text file's is its line.
      const where = document.source === undefined ? ` (${displayPath(document.id)}:${item.range.start.line + 1})` : ` (${displayPath(document.id)})`;
      out.push(`         ${describeSource(document, item)}${where}`);
    });
    out.push('');
  }
  return out.join('\n');
}

function truncate(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length - 1).trimEnd()}…`;
}
