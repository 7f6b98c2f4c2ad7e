// General terms: the words of a recommendation that say how, not what. Ranking rewards every shared term; a
// reader asks whether a precedent names the same measure. "Strengthen communication to build a positive image
// of labour migration" and "Strengthen repatriation policies" share "strengthen" and nothing else: such a
// precedent is loosely related, shown after every precedent that shares a measure, and never taken for the
// closest precedent or for reuse.
//
// General: the verbs of the action scale below level 5 ("ensure", "strengthen", "use"), the thesaurus's
// general concepts (`general:`), words found in a fifth or more of the library's items ("migrant", "worker",
// measured on the library), and phrases made only of such words.

import type { ActionVerbs } from './actionVerbs';
import { CONCEPT_PREFIX, type Analyser } from './analyser';

/** A term two texts share, with its part of their similarity and how common it is in the library. */
export interface SharedTerm {
  /** A stem (`remitt`), a phrase of two stems (`remitt cost`), a concept (`#remittance`), or '' for one unknown to the index. */
  term: string;
  /** Its part of the two texts' cosine similarity (the parts add up to the score). */
  contribution: number;
  /** The share of the library's items that hold it (0..1). */
  itemShare: number;
}

/** What counts as general for one library (see `generalTermsOf`). */
export interface GeneralTerms {
  /** Stems of the verbs of manner (action scale levels 1 to 4), as the library's analyser stems them. */
  mannerStems: ReadonlySet<string>;
  /** Ids of the thesaurus's general concepts. */
  concepts: ReadonlySet<string>;
  /** From this share of the library's items on, a word is general. */
  commonShare: number;
}

/** A word in a fifth of the library's items names no particular measure. */
export const COMMON_SHARE = 0.2;

/** The general terms of a library analysed by `analyser`, with the verb lists of the action scale. */
export function generalTermsOf(analyser: Analyser, verbs: ActionVerbs): GeneralTerms {
  const mannerStems = new Set<string>();
  for (const entries of verbs.byFirstWord.values()) {
    for (const entry of entries) {
      if (entry.level === 5 || entry.words.length !== 1) continue;
      const stem = analyser.normaliseWord(entry.words[0]!);
      if (stem !== null) mannerStems.add(stem);
    }
  }
  return { mannerStems, concepts: analyser.thesaurus.general ?? new Set(), commonShare: COMMON_SHARE };
}

/**
 * Whether the two texts share terms and every one of them is general. Texts that share nothing are unrelated,
 * not loosely related.
 */
export function sharesOnlyGeneralTerms(shared: readonly SharedTerm[], general: GeneralTerms): boolean {
  if (shared.length === 0) return false;
  const shares = new Map(shared.map((s) => [s.term, s.itemShare]));
  const isGeneralWord = (word: string) => general.mannerStems.has(word) || (shares.get(word) ?? 0) >= general.commonShare;
  return shared.every(({ term, itemShare }) => {
    if (itemShare >= general.commonShare) return true;
    if (term.startsWith(CONCEPT_PREFIX)) return general.concepts.has(term.slice(CONCEPT_PREFIX.length));
    // A phrase is general when both its words are (a word not shared, as in a phrase across a stop word, is not).
    return term.split(' ').every(isGeneralWord);
  });
}
