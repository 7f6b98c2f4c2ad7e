// Optional YAML front matter at the top of a draft (`---` … `---`): metadata the author states outright,
// which overrides whatever the text would suggest.

import { parse as parseYaml } from 'yaml';
import type { DocumentMetadata } from './model';
import type { SourceLine } from './lines';
import { findDate } from './metadata';

export interface FrontMatter {
  /** Lines the front matter occupies, fences included; the body starts after them. */
  lineCount: number;
  metadata: Partial<DocumentMetadata>;
  /** Why the block could not be read, when it could not (the block is still skipped, never parsed as items). */
  error: string | null;
}

// The opening fence may carry a byte order mark when the caller did not remove it.
const FENCE = /^\uFEFF?---\s*$/;
const CLOSING_FENCE = /^(?:---|\.\.\.)\s*$/;
const FIELDS = ['title', 'country', 'forum', 'date', 'place'] as const;

export function readFrontMatter(lines: readonly SourceLine[]): FrontMatter | null {
  if (lines.length === 0 || !FENCE.test(lines[0]!.text)) return null;
  const close = lines.findIndex((line, index) => index > 0 && CLOSING_FENCE.test(line.text));
  if (close < 0) return null;
  const yamlText = lines.slice(1, close).map((line) => line.text).join('\n');
  const lineCount = close + 1;
  let data: unknown;
  try {
    data = parseYaml(yamlText, { maxAliasCount: 10 });
  } catch (error) {
    return { lineCount, metadata: {}, error: `Front matter is not valid YAML: ${firstLine(error)}` };
  }
  if (data === null || data === undefined) return { lineCount, metadata: {}, error: null };
  if (typeof data !== 'object' || Array.isArray(data)) {
    return { lineCount, metadata: {}, error: 'Front matter must be a YAML mapping (title: …, country: …, forum: …, date: …, place: …).' };
  }
  // Keys in any case: people write "Title:" as often as "title:".
  const record: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    const name = key.trim().toLowerCase();
    if (!(name in record)) record[name] = value;
  }
  const metadata: Partial<DocumentMetadata> = {};
  const problems: string[] = [];
  for (const field of FIELDS) {
    const value = record[field];
    if (value === undefined || value === null) continue;
    const text = field === 'date' ? isoDate(value) : typeof value === 'string' || typeof value === 'number' ? String(value).trim() : null;
    if (text === null) problems.push(field === 'date' ? `date "${String(value)}" is not a calendar date (use YYYY-MM-DD)` : `${field} must be text`);
    else if (text.length > 0) metadata[field] = text.normalize('NFC');
  }
  return { lineCount, metadata, error: problems.length > 0 ? `Front matter: ${problems.join('; ')}.` : null };
}

function isoDate(value: unknown): string | null {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
  // "2020-09-28" and "28 September 2020" alike; "09/10/2020" stays unread (day and month are ambiguous).
  return typeof value === 'string' ? findDate(value) : null;
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}
