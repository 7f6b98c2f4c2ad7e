// The consistency report of a draft (Markdown): its findings, then each item with its closest earlier
// precedent and its occasions (how often it was asked before), then the earlier occasions the draft repeats.
// The CLI's `report` command and the VS Code command `Precedent: Export Consistency Report` both print exactly
// this text.

import type { Finding } from '../checks/finding';
import { draftPrecedentQuery, type PrecedentLookup } from '../checks/lookup';
import type { Item, RecDocument } from '../document/model';
import { pageOf } from '../document/source';
import { comparisonMarkdown } from './compare/comparisonMarkdown';
import type { ComparisonRecord } from './compare/record';
import { actionLevel, ACTION_LEVEL_NAMES, type ActionReading } from '../text/actionLevel';
import type { ActionVerbs } from '../text/actionVerbs';
import { codeSpan, escapeMarkdown, escapeTableCell } from './markdown';
import { describeRecurrence, OCCASION_MATCH_LIMIT, recurrenceOf, type Occasion } from '../checks/occasions';
import { describeSource, formatDate, similarityPercent } from '../document/provenance';

export interface ReportInput {
  document: RecDocument;
  /** How the draft is named in the report (a workspace-relative path, a file name). */
  displayName: string;
  findings: readonly Finding[];
  precedents: PrecedentLookup;
  /** Lowest similarity shown as a precedent (the `precedent.similarity.threshold` setting). */
  minScore: number;
  /** Names a precedent's document for a reader (e.g. a path relative to the corpus). */
  displayPrecedent?: (documentId: string) => string;
  /** The draft compared with an earlier document (`report --against`): a section "Changes since <title>". */
  changesSince?: ComparisonRecord;
  /** The action scale's verb lists: with them, how actionable the items are (a summary and each item's level). */
  actionVerbs?: ActionVerbs;
}

export function consistencyReport(input: ReportInput): string {
  const { document, findings } = input;
  const { metadata } = document;
  const out: string[] = [];
  out.push(`# Consistency report: ${escapeMarkdown(metadata.title ?? input.displayName)}`, '');
  out.push(`- Draft: ${codeSpan(input.displayName)}`);
  const about = [metadata.country, metadata.forum, metadata.date ? formatDate(metadata.date) : null].filter(Boolean).join(', ');
  if (about) out.push(`- About: ${escapeMarkdown(about)}`);
  const sectionCount = document.sections.filter((section) => section.index > 0 || document.items.some((item) => item.section === 0)).length;
  out.push(`- Items: ${document.items.length} in ${sectionCount} ${sectionCount === 1 ? 'section' : 'sections'}`);
  out.push(`- Findings: ${summarise(findings)}`);
  const levels = new Map(input.actionVerbs ? document.items.map((item) => [item, actionLevel(item.text, input.actionVerbs!)] as const) : []);
  if (input.actionVerbs) out.push(`- Action: ${actionSummary(document, levels)}`);
  out.push('');

  out.push('## Findings', '');
  if (findings.length === 0) {
    out.push('No findings.', '');
  } else {
    out.push('| Line | Severity | Code | Message |', '|---:|---|---|---|');
    // What a reviewer must act on first: errors and warnings, then information and hints (reuse is no fault).
    const rank = { error: 0, warning: 1, information: 2, hint: 3 } as const;
    for (const finding of [...findings].sort((a, b) => rank[a.severity] - rank[b.severity] || a.range.start.line - b.range.start.line)) {
      out.push(`| ${finding.range.start.line + 1} | ${finding.severity} | ${finding.code} | ${escapeTableCell(finding.message)} |`);
    }
    out.push('');
  }

  out.push('## Items and their closest precedents', '');
  const repeated = new Map<string, { occasion: Occasion; items: Item[] }>();
  let section = -1;
  for (const item of document.items) {
    if (item.section !== section) {
      section = item.section;
      const title = document.sections[section]?.title;
      if (title) out.push(`### ${escapeMarkdown(title)}`, '');
    }
    const label = item.label ? `${codeSpan(item.label)} ` : '';
    const reading = levels.get(item);
    const level = reading ? `; action level ${reading.level}, ${ACTION_LEVEL_NAMES[reading.level]}` : '';
    out.push(`- ${label}${escapeMarkdown(item.text)} (${placeOf(input.document, item)}${level})`);
    const recurrence = recurrenceOf(input.precedents, item.text, draftPrecedentQuery(document, { limit: OCCASION_MATCH_LIMIT, minScore: input.minScore }));
    // Loosely related precedents are no occasion, and not the closest precedent either.
    const [match] = recurrence.matches;
    for (const occasion of recurrence.occasions) {
      const entry = repeated.get(occasion.key) ?? { occasion, items: [] };
      entry.items.push(item);
      repeated.set(occasion.key, entry);
    }
    if (match) {
      const where = input.displayPrecedent ? ` in ${codeSpan(input.displayPrecedent(match.document.id))}` : '';
      // An extracted precedent's source names its file and page; a text file's its line.
      const line = match.document.source === undefined ? `, line ${match.item.range.start.line + 1}` : '';
      out.push(`  - Closest precedent, ${similarityPercent(match.score)} similar: “${escapeMarkdown(match.item.text)}” (${escapeMarkdown(describeSource(match.document, match.item))}${line}${where})`);
      out.push(`  - ${escapeMarkdown(describeRecurrence(recurrence))}`);
    } else {
      out.push('  - No earlier precedent above the similarity threshold.');
    }
  }
  out.push('');
  out.push(...repeatedSection(document, [...repeated.values()]));
  if (input.changesSince) {
    const earlier = input.changesSince.earlier;
    out.push(`## Changes since ${escapeMarkdown(earlier.title ?? earlier.file)}`, '');
    // Unchanged items are counted, not listed: the items are all listed above.
    out.push(comparisonMarkdown(input.changesSince, { level: 2, changesOnly: true }));
  }
  return out.join('\n');
}

/** The earlier occasions this draft repeats, oldest first, each with the draft's items asked there. */
function repeatedSection(document: RecDocument, repeated: { occasion: Occasion; items: Item[] }[]): string[] {
  const out = ['## Recommendations repeated from earlier forums', ''];
  // "Of the library", not "earlier": an undated occasion is never claimed to be earlier.
  if (repeated.length === 0) return [...out, 'No item of this draft was asked at an occasion of the precedent library.', ''];
  const items = new Set(repeated.flatMap((entry) => entry.items));
  const occasions = repeated.length === 1 ? 'one occasion' : `${repeated.length} occasions`;
  out.push(`${items.size} of ${document.items.length} items were asked at ${occasions} of the precedent library (oldest first, undated last):`, '');
  out.push('| Occasion | Date | Items of this draft asked there |', '|---|---|---|');
  repeated.sort((a, b) => {
    const [dateA, dateB] = [a.occasion.date, b.occasion.date];
    if (dateA !== dateB) return dateA === null ? 1 : dateB === null ? -1 : dateA < dateB ? -1 : 1;
    return b.items.length - a.items.length;
  });
  for (const { occasion, items: asked } of repeated) {
    const name = [occasion.who, occasion.forum].filter((part): part is string => part !== null).join(', ');
    const list = asked.map((item) => `${item.label ? `${codeSpan(item.label)} ` : ''}${placeOf(document, item)}`).join(', ');
    out.push(`| ${escapeTableCell(name)} | ${occasion.date === null ? 'date unknown' : formatDate(occasion.date)} | ${asked.length}: ${list} |`);
  }
  out.push('');
  return out;
}

function summarise(findings: readonly Finding[]): string {
  if (findings.length === 0) return 'none';
  const counts = new Map<string, number>();
  for (const finding of findings) counts.set(finding.severity, (counts.get(finding.severity) ?? 0) + 1);
  return [...counts].map(([severity, count]) => `${count} ${severity}`).join(', ');
}

/** Where a draft's item is, for its reader: the page of a PDF, else the line. */
function placeOf(document: RecDocument, item: Item): string {
  const page = pageOf(document, item);
  return page === null ? `line ${item.range.start.line + 1}` : `p. ${page}`;
}

/** "7 of 29 items only ask others, to continue or to consider (levels 1–3); 15 general actions; 7 specific actions". */
function actionSummary(document: RecDocument, levels: ReadonlyMap<Item, ActionReading | null>): string {
  const counts = [0, 0, 0, 0, 0, 0];
  for (const item of document.items) counts[levels.get(item)?.level ?? 0]!++;
  const vague = counts[1]! + counts[2]! + counts[3]!;
  const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
  const parts = [`${vague} of ${plural(document.items.length, 'item')} only ask others, to continue or to consider (levels 1–3)`, plural(counts[4]!, 'general action'), plural(counts[5]!, 'specific action')];
  if (counts[0]! > 0) parts.push(`${counts[0]} without a leading verb`);
  return parts.join('; ');
}
