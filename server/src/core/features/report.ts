// The consistency report of a draft (Markdown): its findings, then each item with its closest earlier
// precedent. The CLI's `report` command and the VS Code command `Precedent: Export Consistency Report`
// both print exactly this text.

import type { Finding } from '../checks/finding';
import type { PrecedentLookup } from '../checks/lookup';
import type { Item, RecDocument } from '../document/model';
import { pageOf } from '../document/source';
import { comparisonMarkdown } from './compare/comparisonMarkdown';
import type { ComparisonRecord } from './compare/record';
import { actionLevel, ACTION_LEVEL_NAMES, type ActionReading } from './actionLevel';
import type { ActionVerbs } from './actionVerbs';
import { codeSpan, escapeMarkdown, escapeTableCell } from './markdown';
import { describeSource, formatDate, similarityPercent } from './provenance';

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
    for (const finding of findings) {
      out.push(`| ${finding.range.start.line + 1} | ${finding.severity} | ${finding.code} | ${escapeTableCell(finding.message)} |`);
    }
    out.push('');
  }

  out.push('## Items and their closest precedents', '');
  const excludeDocuments = new Set([document.id]);
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
    const [match] = input.precedents.query(item.text, { limit: 1, minScore: input.minScore, excludeDocuments, draftDate: metadata.date });
    if (match) {
      const where = input.displayPrecedent ? ` in ${codeSpan(input.displayPrecedent(match.document.id))}` : '';
      // An extracted precedent's source names its file and page; a text file's its line.
      const line = match.document.source === undefined ? `, line ${match.item.range.start.line + 1}` : '';
      out.push(`  - Closest precedent, ${similarityPercent(match.score)} similar: “${escapeMarkdown(match.item.text)}” (${escapeMarkdown(describeSource(match.document, match.item))}${line}${where})`);
    } else {
      out.push('  - No earlier precedent above the similarity threshold.');
    }
  }
  out.push('');
  if (input.changesSince) {
    const earlier = input.changesSince.earlier;
    out.push(`## Changes since ${escapeMarkdown(earlier.title ?? earlier.file)}`, '');
    // Unchanged items are counted, not listed: the items are all listed above.
    out.push(comparisonMarkdown(input.changesSince, { level: 2, changesOnly: true }));
  }
  return out.join('\n');
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
