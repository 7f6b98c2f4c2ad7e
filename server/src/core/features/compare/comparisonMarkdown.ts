// The comparison as Markdown: `precedent compare --format markdown`, and the section "Changes since <title>" of
// the consistency report (`report --against`). Counts first, then every item in the draft's order under the
// draft's section headings, removed words struck through and added words in bold. Corpus text is escaped
// (markdown.ts): it renders as the literal text, never as links or HTML.

import { similarityPercent } from '../../document/provenance';
import { codeSpan, escapeMarkdown } from '../markdown';
import { CHANGE_CLASSES } from './comparison';
import { documentAbout, headingsBefore, pairNotes, shownLabel, type ComparedDocumentRecord, type ComparedItemRecord, type ComparisonPairRecord, type ComparisonRecord } from './record';
import type { WordChange } from './wordDiff';

export interface ComparisonMarkdownOptions {
  /** Level of the sections' headings (the report nests them one level deeper). Default 2. */
  level?: number;
  /** Leave out the unchanged items (only their count is given). Default false. */
  changesOnly?: boolean;
}

/** The body of a comparison (what the draft and the earlier document are, counts, items), without a title. */
export function comparisonMarkdown(record: ComparisonRecord, options: ComparisonMarkdownOptions = {}): string {
  const level = options.level ?? 2;
  const out: string[] = [];
  out.push(`- Draft: ${describeDocument(record.draft)}`);
  out.push(`- Earlier: ${describeDocument(record.earlier)}`);
  out.push(`- Items paired from ${similarityPercent(record.threshold)} similarity`, '');
  out.push(`| ${CHANGE_CLASSES.join(' | ')} |`, `|${CHANGE_CLASSES.map(() => '---:').join('|')}|`, `| ${CHANGE_CLASSES.map((cls) => record.counts[cls]).join(' | ')} |`, '');
  const shown = record.pairs.filter((pair) => !(options.changesOnly && pair.class === 'unchanged' && pairNotes(pair).length === 0));
  const headings = headingsBefore(shown);
  shown.forEach((pair, k) => {
    const heading = headings[k];
    if (heading) out.push('', `${'#'.repeat(level + 1)} ${escapeMarkdown(heading)}`, '');
    out.push(pairLine(pair));
  });
  out.push('');
  return out.join('\n');
}

/** A whole Markdown document of the comparison, with its title. */
export function comparisonMarkdownDocument(record: ComparisonRecord): string {
  return `# Changes in ${escapeMarkdown(record.draft.title ?? record.draft.file)} since ${escapeMarkdown(record.earlier.title ?? record.earlier.file)}\n\n${comparisonMarkdown(record)}`;
}

function describeDocument(document: ComparedDocumentRecord): string {
  const about = documentAbout(document);
  return `${codeSpan(document.file)}${about ? ` (${escapeMarkdown(about)})` : ''}, ${document.items} items`;
}

function pairLine(pair: ComparisonPairRecord): string {
  const score = pair.score === null ? '' : ` ${similarityPercent(pair.score)}`;
  const notes = pairNotes(pair).map((note) => `, ${escapeMarkdown(note)}`).join('');
  const where = pair.draft && pair.earlier ? `${place(pair.draft)} ← ${place(pair.earlier)}` : place((pair.draft ?? pair.earlier)!);
  const text = pair.diff && pair.class !== 'unchanged' ? diffMarkdown(pair.diff) : escapeMarkdown((pair.draft ?? pair.earlier)!.text);
  return `- **${pair.class}**${score}${notes} (${where}): ${text}`;
}

function place(item: ComparedItemRecord): string {
  const page = item.page === null ? '' : `, p. ${item.page}`;
  return `line ${item.line}${shownLabel(item) ? ` ${codeSpan(shownLabel(item))}` : ''}${page}`;
}

/** Removed words struck through, added words in bold, kept words as they are. */
export function diffMarkdown(diff: readonly WordChange[]): string {
  return diff.map((change) => {
    const text = escapeMarkdown(change.text.trim());
    const space = /\s$/.test(change.text) ? ' ' : '';
    if (text.length === 0) return space;
    if (change.op === 'removed') return `~~${text}~~${space}`;
    if (change.op === 'added') return `**${text}**${space}`;
    return `${text}${space}`;
  }).join('').trim();
}
