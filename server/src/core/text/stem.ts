// Light stemming (Porter, the `stemmer` package) for Latin-script words; other words are returned unchanged.
import { stemmer } from 'stemmer';

const STEMMABLE = /^[a-z]{3,}$/;

/**
 * Agent nouns that Porter would merge with a different concept (`employer` → `employ` = `employment`,
 * `manager` = `management`, `recruiter` = `recruitment`): kept as their own stems.
 */
const EXCEPTIONS = new Map<string, string>([
  ['employer', 'employer'], ['employers', 'employer'],
  ['manager', 'manager'], ['managers', 'manager'],
  ['recruiter', 'recruiter'], ['recruiters', 'recruiter'],
]);

/** The Porter stem of a folded (lower-case, diacritic-free) Latin word; any other word unchanged. */
export function stem(word: string): string {
  if (!STEMMABLE.test(word)) return word;
  return EXCEPTIONS.get(word) ?? stemmer(word);
}
