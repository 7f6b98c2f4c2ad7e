// Unicode, case and diacritic folding: the first step of every comparison of words.
// `Cục trưởng` → `cuc truong`, `ĐẶNG` → `dang`, `Organisation` → `organisation` (spelling is folded later).
// Diacritics are removed from Latin letters only: the vowel signs of Lao, Thai or Khmer are combining marks
// too, and removing them would merge different words.

const ASCII = /^[\x00-\x7f]*$/;
const LATIN_MARKS = /(?<=\p{Script=Latin}\p{M}*)\p{M}/gu;
const SPECIAL_LETTERS = /[đðøłħıßæœþ’‘ʼ]/g;
const SPECIAL_MAP: Record<string, string> = {
  'đ': 'd', 'ð': 'd', 'ø': 'o', 'ł': 'l', 'ħ': 'h', 'ı': 'i', 'ß': 'ss', 'æ': 'ae', 'œ': 'oe', 'þ': 'th',
  '’': "'", '‘': "'", 'ʼ': "'",
};

/** Unicode NFC (composed form), as the model's `text` fields are. */
export function normaliseUnicode(text: string): string {
  return ASCII.test(text) ? text : text.normalize('NFC');
}

/** Locale-independent lower case. */
export function foldCase(text: string): string {
  return text.toLowerCase();
}

/**
 * Removes diacritics of Latin letters (NFD, drop the combining marks that follow a Latin letter, NFC) and maps
 * letters that NFD does not decompose (`đ` → `d`, `ø` → `o`, `ß` → `ss`, …); typographic apostrophes become `'`.
 * Expects lower case for the special letters (`Đ` is folded by `fold`, which lowers first).
 */
export function foldDiacritics(text: string): string {
  if (ASCII.test(text)) return text;
  return text
    .normalize('NFD')
    .replace(LATIN_MARKS, '')
    .replace(SPECIAL_LETTERS, (c) => SPECIAL_MAP[c] ?? c)
    .normalize('NFC');
}

/** NFC, lower case, no Latin diacritics: the form in which words are compared. */
export function fold(text: string): string {
  if (ASCII.test(text)) return text.toLowerCase();
  return foldDiacritics(text.normalize('NFC').toLowerCase());
}
