// What completion offers at a position of a draft (SPEC §3):
// - at the start of an item line: the next label of the list, in the list's style, and corpus headings;
// - while an item is typed: earlier precedents that match what is typed (their wording replaces it), and
//   frequent corpus terms that continue the last words typed.
// Plain data out; the server turns candidates into LSP CompletionItems (documentation on resolve).

import type { NumberingStyle } from '../checks/numbering';
import { draftPrecedentQuery, type PrecedentLookup, type PrecedentMatch } from '../checks/lookup';
import { matchLabel } from '../document/labels';
import type { Position, Range, RecDocument } from '../document/model';
import { nextItem } from './nextLabel';
import { describeSourceBriefly, similarityPercent } from '../document/provenance';
import { termsStartingWith, type Vocabulary } from './vocabulary';

export type CandidateKind = 'label' | 'precedent' | 'heading' | 'term';

export interface CompletionCandidate {
  kind: CandidateKind;
  label: string;
  /** Text that replaces `replace`. */
  insertText: string;
  replace: Range;
  detail: string;
  /** What the editor filters on: the typed text, so that a precedent worded differently still shows. */
  filterText: string;
  /** Rank among the candidates, 0 first. */
  rank: number;
  /** For a precedent: the match, to build its documentation lazily. */
  match?: PrecedentMatch;
}

export interface CompletionContext {
  precedents: PrecedentLookup;
  vocabulary: Vocabulary;
  numberingStyle: NumberingStyle;
  /** Lowest similarity offered as a precedent. */
  minScore: number;
  limit?: number;
}

/** Fewer letters than this say too little to look precedents up. */
const MIN_TYPED_LETTERS = 3;

export function completionsAt(document: RecDocument, lineText: string, position: Position, context: CompletionContext): CompletionCandidate[] {
  const before = lineText.slice(0, position.character);
  const candidates: CompletionCandidate[] = [];
  const at = (character: number): Position => ({ line: position.line, character });

  if (before.trim().length === 0 || (/^\s*\S+$/.test(before) && matchLabel(`${before} x`) === null)) {
    // Start of a line (or a first word being typed): the next label, and headings the corpus uses.
    const start = before.length - before.trimStart().length;
    const next = nextItem(document, position.line, context.numberingStyle);
    if (next !== null) {
      // From the line start: the label goes where the list's labels stand, whatever indentation the editor kept
      // from a wrapped item's continuation line (an indented label reads as a nested list).
      const label = next.label;
      candidates.push({ kind: 'label', label: `${label} `, insertText: `${' '.repeat(next.column)}${label} `, replace: { start: at(0), end: position }, detail: 'Next item label', filterText: before.trim() || label, rank: 0 });
    }
    // A heading stands at the line start: on an indented line (after a wrapped item's continuation) the next
    // label is what is wanted, and headings from other documents would only bury it.
    if (start === 0) context.vocabulary.headings.forEach((heading, index) => {
      candidates.push({ kind: 'heading', label: heading.title, insertText: heading.title, replace: { start: at(start), end: position }, detail: `Section heading used in ${heading.count} ${heading.count === 1 ? 'document' : 'documents'}`, filterText: heading.title, rank: 1 + index });
    });
    if (before.trim().length === 0) return candidates;
  }

  const label = matchLabel(before);
  const bodyStart = label ? label.end + (before.slice(label.end).length - before.slice(label.end).trimStart().length) : before.length - before.trimStart().length;
  const typed = before.slice(bodyStart);
  if ((typed.match(/\p{L}/gu) ?? []).length >= MIN_TYPED_LETTERS) {
    // A few words typed share mostly general words with everything: precedents are not judged loose here.
    const matches = context.precedents.query(typed, draftPrecedentQuery(document, { limit: context.limit ?? 10, minScore: context.minScore }));
    matches.forEach((match, index) => {
      candidates.push({
        kind: 'precedent',
        label: match.item.text,
        insertText: match.item.text,
        replace: { start: at(bodyStart), end: position },
        detail: `${similarityPercent(match.score)} · ${describeSourceBriefly(match.document)}`,
        filterText: typed,
        rank: 100 + index,
        match,
      });
    });
  }

  // The last one to three words typed, continued by a frequent corpus term.
  const words = [...typed.matchAll(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu)];
  for (let count = Math.min(3, words.length); count >= 1; count--) {
    const first = words[words.length - count]!;
    const last = words[words.length - 1]!;
    if (last.index! + last[0].length !== typed.length) break; // the cursor is not at the end of a word
    const phrase = typed.slice(first.index!);
    const terms = termsStartingWith(context.vocabulary, phrase);
    if (terms.length === 0) continue;
    terms.forEach((term, index) => {
      candidates.push({ kind: 'term', label: term.text, insertText: term.text, replace: { start: at(bodyStart + first.index!), end: position }, detail: `Term used in ${term.count} precedents`, filterText: phrase, rank: 200 + index });
    });
    break;
  }
  return candidates;
}
