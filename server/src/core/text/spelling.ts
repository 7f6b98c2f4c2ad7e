// British/American (and other variant) spelling folding of single folded words.
// The word lists are DATA (the thesaurus's `spelling` map); the only built-in rules are ones that can never
// merge two different words: -isation/-ization, -ise/-ize, -yse/-yze and their inflections.

const ISE = /^(.{3,})is(e|ed|es|ing|er|ers|ation|ations|ational)$/;
const YSE = /^(.{2,})ys(e|ed|es|ing|er|ers)$/;

/** Spelling-folds one folded word: the thesaurus's map first, then the -ise/-ize and -yse/-yze rules. */
export function foldSpelling(word: string, spelling: ReadonlyMap<string, string>): string {
  const mapped = spelling.get(word);
  if (mapped !== undefined) return mapped;
  const ise = ISE.exec(word);
  if (ise !== null) return `${ise[1]}iz${ise[2]}`;
  const yse = YSE.exec(word);
  if (yse !== null) return `${yse[1]}yz${yse[2]}`;
  return word;
}
