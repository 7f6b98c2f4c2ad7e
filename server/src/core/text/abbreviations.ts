// Abbreviations a document defines: "International Organization for Migration (IOM)",
// "Department of Overseas Labour (DoLAB)". The long form is the shortest run of words before the
// parenthesis whose first word starts with the abbreviation's first letter and whose initials (ignoring
// of/for/and/the/…) appear in order among the abbreviation's letters.
import { fold } from './fold';
import { conceptId, isShortForm, shortFormKey, type Thesaurus, type ThesaurusGroup } from './thesaurus';
import { tokenise } from './tokenise';

const DEFINITION = /\(\s*([\p{L}][\p{L}\p{N}&]{1,11})\s*\)/gu;
const LINKING_WORDS = new Set(['of', 'for', 'and', 'the', 'in', 'on', 'to', 'a', 'an', 'at', 'by', 'with', '&']);
const SENTENCE_BREAK = /[.;:!?()\[\]\n]/;
const MAX_WORDS = 12;
const LOOK_BACK = 200;

function initialsFit(initials: string[], letters: string): boolean {
  if (initials.length === 0 || initials[0] !== letters[0]) return false;
  let pos = 1;
  for (let k = 1; k < initials.length; k++) {
    pos = letters.indexOf(initials[k]!, pos);
    if (pos < 0) return false;
    pos++;
  }
  return true;
}

/** The long form that `short` abbreviates, from the text just before its parenthesis, or null. */
function longFormBefore(text: string, parenStart: number, short: string): string | null {
  const windowStart = Math.max(0, parenStart - LOOK_BACK);
  const before = text.slice(windowStart, parenStart);
  const tokens = tokenise(before);
  const letters = shortFormKey(short).replace(/[^\p{L}\p{N}]/gu, '');
  let capitals = 0;
  for (const ch of short) if (ch !== ch.toLowerCase()) capitals++;
  // Walk back word by word, within one sentence.
  let end = before.length;
  const words: Array<{ folded: string; start: number }> = [];
  for (let i = tokens.length - 1; i >= 0 && words.length < MAX_WORDS; i--) {
    const t = tokens[i]!;
    if (SENTENCE_BREAK.test(before.slice(t.end, end))) break;
    end = t.start;
    words.unshift({ folded: fold(t.text), start: t.start });
    if (LINKING_WORDS.has(words[0]!.folded)) continue;
    const initials = words.filter((w) => !LINKING_WORDS.has(w.folded)).map((w) => w.folded[0]!);
    if (initials.length > letters.length) return null;
    if (initials.length * 2 < capitals && initials.length < letters.length) continue;
    if (initialsFit(initials, letters)) return before.slice(t.start).replace(/\s+/g, ' ').trim().replace(/[,;]$/, '');
  }
  return null;
}

/**
 * Abbreviations defined in the text as `Long Form (ABBR)`, as thesaurus groups (id = the abbreviation
 * folded), in order of first definition. A short form needs two capitals (`IOM`, `DoLAB`, `MOUs`).
 */
export function findDefinedAbbreviations(text: string): ThesaurusGroup[] {
  const groups = new Map<string, ThesaurusGroup>();
  DEFINITION.lastIndex = 0;
  for (let m = DEFINITION.exec(text); m !== null; m = DEFINITION.exec(text)) {
    const short = m[1]!;
    if (!isShortForm(short)) continue;
    const long = longFormBefore(text, m.index, short);
    if (long === null) continue;
    const id = conceptId(shortFormKey(short));
    const group = groups.get(id);
    if (group === undefined) groups.set(id, { id, abbreviations: [short], phrases: [long] });
    else if (!group.phrases.includes(long)) group.phrases.push(long);
  }
  return [...groups.values()];
}

/** The abbreviations a text defines, as a thesaurus to extend an analyser with. */
export function definedAbbreviationsThesaurus(text: string, source: string): Thesaurus {
  return { spelling: new Map(), groups: findDefinedAbbreviations(text), sources: [source] };
}
