// Verbs as the action scale compares them: case, accents and British -ise/-yse spellings folded, and the
// base forms an inflected word may come from ("continuing" → continue, "strengthened" → strengthen,
// "setting" → set, "identifies" → identify). The lists name base forms; the text may use any of these.

/** A word folded for comparison: lower case, no accents, -ise/-yse written -ize/-yze (both sides alike). */
export function foldVerbWord(word: string): string {
  return word
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[’']s$/, '')
    .replace(/[^\p{L}\p{N}-]/gu, '')
    .replace(/is(e|ed|es|ing|ation|ations)$/, 'iz$1')
    .replace(/ys(e|ed|es|ing)$/, 'yz$1');
}

/** The base forms a folded word may be an inflection of, the word itself first. */
export function baseForms(word: string): string[] {
  const forms = [word];
  const add = (form: string) => {
    if (form.length >= 2 && !forms.includes(form)) forms.push(form);
  };
  if (word.endsWith('ies')) add(`${word.slice(0, -3)}y`);
  if (word.endsWith('ied')) add(`${word.slice(0, -3)}y`);
  if (word.endsWith('es')) add(word.slice(0, -2));
  if (word.endsWith('s')) add(word.slice(0, -1));
  for (const suffix of ['ed', 'ing']) {
    if (!word.endsWith(suffix)) continue;
    const stem = word.slice(0, -suffix.length);
    add(stem);
    add(`${stem}e`);
    // A doubled last consonant: "setting" → set, "stepped" → step.
    if (stem.length >= 3 && stem[stem.length - 1] === stem[stem.length - 2]) add(stem.slice(0, -1));
  }
  if (word.endsWith('d')) add(word.slice(0, -1));
  return forms;
}
