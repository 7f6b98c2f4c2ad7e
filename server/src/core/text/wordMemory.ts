// What an analyser remembers of the words it met: each written word's folded form and short-form key (the same
// for every analyser of a family) with its stem number in the last stem table that stemmed it, and one string
// per concept term. Owned by an analyser and shared with those extended from it; bounded.
import { fold } from './fold';
import type { StemTable } from './stemTable';
import { STOP } from './stemTable';
import { shortFormKey } from './thesaurus';

/** Prefix of a concept term; words never contain it. */
export const CONCEPT_PREFIX = '#';

const MAX_WRITTEN_WORDS = 200_000;
const UPPER = /\p{Lu}/u;

function hasTwoCapitals(written: string): boolean {
  let capitals = 0;
  for (let i = 0; i < written.length; i++) {
    const c = written.charCodeAt(i);
    if ((c >= 65 && c <= 90) || (c > 127 && UPPER.test(written[i]!))) {
      if (++capitals >= 2) return true;
    }
  }
  return false;
}

function stripPossessive(folded: string): string {
  if (folded.endsWith("'s")) return folded.slice(0, -2);
  if (folded.endsWith("'")) return folded.slice(0, -1);
  return folded;
}

/**
 * A written word's folded form and short-form key; and its stem number in the last stem table that stemmed it
 * (most words meet only one).
 */
export interface WrittenWord {
  folded: string;
  shortKey: string | null;
  table: StemTable | null;
  stem: number;
}

export class WordMemory {
  private readonly written = new Map<string, WrittenWord>();
  /** Concept terms (`#` + id), one string each (cheap to look up again). */
  private readonly conceptTerms = new Map<string, string>();

  writtenWord(written: string): WrittenWord {
    let info = this.written.get(written);
    if (info === undefined) {
      info = { folded: stripPossessive(fold(written)), shortKey: hasTwoCapitals(written) ? shortFormKey(written) : null, table: null, stem: STOP };
      if (this.written.size >= MAX_WRITTEN_WORDS) this.written.clear();
      this.written.set(written, info);
    }
    return info;
  }

  conceptTerm(concept: string): string {
    let term = this.conceptTerms.get(concept);
    if (term === undefined) this.conceptTerms.set(concept, (term = CONCEPT_PREFIX + concept));
    return term;
  }
}
