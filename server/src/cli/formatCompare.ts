// `precedent compare` as text for a reviewer: what the two documents are, the counts per class, then the items in
// the draft's order under its section headings. Changed words are marked as wdiff marks them: [-removed-]
// {+added+}. Unchanged items take one line each; every other item is given in full.

import { similarityPercent } from '../core/document/provenance';
import { countsSentence, documentAbout, headingsBefore, pairNotes, shownLabel, type ComparedDocumentRecord, type ComparedItemRecord, type ComparisonPairRecord, type ComparisonRecord } from '../core/features/compare/record';
import type { WordChange } from '../core/features/compare/wordDiff';

const WIDTH = 100;

export function formatCompareText(record: ComparisonRecord): string {
  const out: string[] = [];
  out.push(`Draft:   ${describeDocument(record.draft)}`);
  out.push(`Earlier: ${describeDocument(record.earlier)}`);
  out.push('', `${countsSentence(record)} (items paired from ${similarityPercent(record.threshold)} similarity)`);
  const headings = headingsBefore(record.pairs);
  record.pairs.forEach((pair, k) => {
    if (headings[k]) out.push('', headings[k]);
    out.push(...pairLines(pair));
  });
  out.push('');
  return out.join('\n');
}

function pairLines(pair: ComparisonPairRecord): string[] {
  const score = pair.score === null ? '' : ` ${similarityPercent(pair.score)}`;
  const where = pair.draft && pair.earlier ? `${place(pair.draft)} ← ${place(pair.earlier)}` : place((pair.draft ?? pair.earlier)!);
  const notes = pairNotes(pair).map((note) => `; ${note}`).join('');
  const head = `  ${pair.class}${score} (${where}${notes})`;
  if (pair.class === 'unchanged') return [`${head}: ${truncate(pair.draft!.text, Math.max(20, WIDTH - head.length - 2))}`];
  const text = pair.diff ? diffText(pair.diff) : (pair.draft ?? pair.earlier)!.text;
  return [head, ...wrap(text, WIDTH - 6).map((line) => `      ${line}`)];
}

function place(item: ComparedItemRecord): string {
  return `line ${item.line}${shownLabel(item) ? ` ${shownLabel(item)}` : ''}${item.page === null ? '' : `, p. ${item.page}`}`;
}

function describeDocument(document: ComparedDocumentRecord): string {
  const about = documentAbout(document);
  return `${document.file}${about ? ` — ${about}` : ''} (${document.items} items)`;
}

function diffText(diff: readonly WordChange[]): string {
  return diff.map((change) => {
    const text = change.text.trimEnd();
    const space = change.text.length > text.length ? ' ' : '';
    if (change.op === 'removed') return `[-${text}-]${space}`;
    if (change.op === 'added') return `{+${text}+}${space}`;
    return change.text;
  }).join('').trim();
}

/** Lines of at most `width` characters, broken at spaces (a longer word stands alone). */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line.length > 0 && line.length + 1 + word.length > width) (lines.push(line), (line = ''));
    line = line.length > 0 ? `${line} ${word}` : word;
  }
  if (line.length > 0) lines.push(line);
  return lines;
}

function truncate(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length - 1).trimEnd()}…`;
}
