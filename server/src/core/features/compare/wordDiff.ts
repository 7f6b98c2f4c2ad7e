// Word-level difference of an earlier item and its draft counterpart, with jsdiff's `diffArrays` over the words.
// Words are compared as the analyser folds them before any stemming (Unicode form, case, Latin diacritics,
// British/American spelling), so "Labour" and "labor" are the same word here, while "board" and "boards" differ
// (a reader sees the change). Each word carries the spaces and punctuation that follow it as written, so the
// kept and added segments put together give the draft's text, and the kept segments (in the earlier writing, `was`,
// where it differs) with the removed ones give the earlier text.

import { diffArrays } from 'diff';
import { fold } from '../../text/fold';
import { foldSpelling } from '../../text/spelling';
import { tokenise } from '../../text/tokenise';

export type WordOp = 'kept' | 'added' | 'removed';

export interface WordChange {
  op: WordOp;
  /** The words as written, with the spaces and punctuation after them (for kept words, as the draft writes them). */
  text: string;
  /** Kept words only, when the earlier document writes them otherwise (case, accents, spelling, punctuation). */
  was?: string;
}

interface Word {
  key: string;
  /** The word and what follows it up to the next word; the first word also carries what precedes it. */
  written: string;
}

/** A word as compared: folded and spelling-folded, not stemmed. */
export function wordKey(word: string, spelling: ReadonlyMap<string, string>): string {
  return foldSpelling(fold(word), spelling);
}

/** The words of a text as compared (`wordKey`), in order. */
export function normalisedWords(text: string, spelling: ReadonlyMap<string, string>): string[] {
  return tokenise(text).map((token) => wordKey(token.text, spelling));
}

/** Whether two texts say the same words once case, accents, punctuation, spacing and spelling variants are set aside. */
export function sameWords(a: string, b: string, spelling: ReadonlyMap<string, string>): boolean {
  const x = normalisedWords(a, spelling);
  const y = normalisedWords(b, spelling);
  return x.length === y.length && x.every((word, i) => word === y[i]);
}

function words(text: string, spelling: ReadonlyMap<string, string>): Word[] {
  const tokens = tokenise(text);
  return tokens.map((token, i) => ({
    key: wordKey(token.text, spelling),
    written: text.slice(i === 0 ? 0 : token.start, i + 1 < tokens.length ? tokens[i + 1]!.start : text.length),
  }));
}

/** The changes from `earlier` to `draft`, in reading order; consecutive words of one kind form one segment. */
export function wordDiff(earlier: string, draft: string, spelling: ReadonlyMap<string, string>): WordChange[] {
  const before = words(earlier, spelling);
  const after = words(draft, spelling);
  const out: WordChange[] = [];
  const written = (list: readonly Word[]) => list.map((word) => word.written).join('');
  const push = (op: WordOp, list: readonly Word[], was?: string) => {
    if (list.length === 0) return;
    const text = written(list);
    const last = out[out.length - 1];
    if (last?.op === op) last.text += text;
    else out.push(was !== undefined && was !== text ? { op, text, was } : { op, text });
  };
  let b = 0;
  let a = 0;
  for (const change of diffArrays(before.map((word) => word.key), after.map((word) => word.key))) {
    const count = change.count;
    if (change.removed) {
      push('removed', before.slice(b, b + count));
      b += count;
    } else if (change.added) {
      push('added', after.slice(a, a + count));
      a += count;
    } else {
      push('kept', after.slice(a, a + count), written(before.slice(b, b + count)));
      a += count;
      b += count;
    }
  }
  return out;
}
