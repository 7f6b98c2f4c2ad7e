// The comparison as plain, stable JSON: what `precedent compare --format json` prints and what the server's
// `precedent/compare` request answers (with URIs for files), documented in the README. Every renderer (text,
// Markdown, HTML, the VS Code view) starts from this record, so they all say the same thing.

import type { Item, RecDocument } from '../../document/model';
import { pageOf } from '../../document/source';
import { formatDate } from '../../document/provenance';
import type { ChangeClass, Comparison } from './comparison';
import type { WordChange } from './wordDiff';

export interface ComparedDocumentRecord {
  file: string;
  title: string | null;
  country: string | null;
  forum: string | null;
  /** ISO 8601, or null. */
  date: string | null;
  items: number;
}

export interface ComparedItemRecord {
  file: string;
  /** 1-based line of the item's first line. */
  line: number;
  /** The label as written ("14.", "-"); null for a paragraph (as in `similar` JSON). */
  label: string | null;
  /** The section's heading, or null before any heading. */
  section: string | null;
  /** 1-based page for an item of a PDF; null otherwise. */
  page: number | null;
  text: string;
}

export interface ComparisonPairRecord {
  class: ChangeClass;
  /** 0..1; null for `new` and `dropped`. */
  score: number | null;
  draft: ComparedItemRecord | null;
  earlier: ComparedItemRecord | null;
  sectionChanged: boolean;
  moved: boolean;
  /** From the earlier item's words to the draft's; null for `new` and `dropped`. */
  diff: WordChange[] | null;
}

export interface ComparisonRecord {
  draft: ComparedDocumentRecord;
  earlier: ComparedDocumentRecord;
  threshold: number;
  counts: Record<ChangeClass, number>;
  pairs: ComparisonPairRecord[];
}

/** The record of a comparison; `fileOf` names a document for the reader (a relative path, a URI). */
export function comparisonRecord(comparison: Comparison, fileOf: (documentId: string) => string): ComparisonRecord {
  const documentRecord = (document: RecDocument): ComparedDocumentRecord => ({
    file: fileOf(document.id),
    title: document.metadata.title,
    country: document.metadata.country,
    forum: document.metadata.forum,
    date: document.metadata.date,
    items: document.items.length,
  });
  const itemRecord = (document: RecDocument, item: Item | null): ComparedItemRecord | null => item === null ? null : {
    file: fileOf(document.id),
    line: item.range.start.line + 1,
    label: item.label || null,
    section: document.sections[item.section]?.title || null,
    page: pageOf(document, item),
    text: item.text,
  };
  return {
    draft: documentRecord(comparison.draft),
    earlier: documentRecord(comparison.earlier),
    threshold: comparison.threshold,
    counts: { ...comparison.counts },
    pairs: comparison.entries.map((entry) => ({
      class: entry.class,
      score: entry.score === null ? null : Math.round(entry.score * 1e4) / 1e4,
      draft: itemRecord(comparison.draft, entry.draft),
      earlier: itemRecord(comparison.earlier, entry.earlier),
      sectionChanged: entry.sectionChanged,
      moved: entry.moved,
      diff: entry.diff,
    })),
  };
}

/** What a reader is told of a pair besides its class: a change of section, a change of order. */
export function pairNotes(pair: ComparisonPairRecord): string[] {
  const notes: string[] = [];
  if (pair.sectionChanged) notes.push(pair.earlier?.section ? `moved from “${pair.earlier.section}”` : 'moved to another section');
  if (pair.moved) notes.push('order changed');
  return notes;
}

/** The counts as a sentence: "1 unchanged, 12 reworded, 2 merged, 0 split, 12 new, 14 dropped". */
export function countsSentence(record: ComparisonRecord): string {
  return (Object.keys(record.counts) as ChangeClass[]).map((cls) => `${record.counts[cls]} ${cls}`).join(', ');
}

/** A document as a reader knows it: its title, else its file. */
export function documentName(document: ComparedDocumentRecord): string {
  return document.title ?? document.file;
}

/** The label worth naming beside a line: a number or letter ("6.", "(b)"); a bullet says nothing. */
export function shownLabel(item: ComparedItemRecord): string {
  return item.label === null || /^[-*•–+]$/u.test(item.label) ? '' : item.label;
}

/** Title, country, forum and date, leaving out what the title already says: "Viet Nam National …, 28 September 2020". */
export function documentAbout(document: ComparedDocumentRecord): string {
  const title = document.title ?? '';
  const known = (part: string | null) => part !== null && title.toLowerCase().includes(part.toLowerCase());
  return [document.title, known(document.country) ? null : document.country, known(document.forum) ? null : document.forum, document.date ? formatDate(document.date) : null].filter(Boolean).join(', ');
}

/**
 * The section heading to show before each pair, or null: the draft's sections in its order; dropped items that come
 * before the draft's first item are shown under their own (earlier) section, named as such.
 */
export function headingsBefore(pairs: readonly ComparisonPairRecord[]): Array<string | null> {
  let current: string | null | undefined;
  let draftStarted = false;
  return pairs.map((pair) => {
    let heading: string | null | undefined;
    if (pair.draft) {
      heading = pair.draft.section;
      draftStarted = true;
    } else {
      heading = draftStarted ? current : pair.earlier?.section ? `${pair.earlier.section} (earlier document)` : current;
    }
    if (heading === current) return null;
    current = heading;
    return heading ?? null;
  });
}
