// Recognises the label that starts an item line (`14.`, `2)`, `(a)`, `iv.`, `-`, `•`) and formats labels back,
// so that renumbering and "next label" completion write labels in a list's own style.

import type { LabelKind, Marker } from './model';

export interface LabelMatch {
  /** The label as written (`14.`, `(a)`, `-`). */
  label: string;
  /** Offset of the label in the line (after indentation). */
  start: number;
  /** Offset just after the label. */
  end: number;
  marker: Marker;
  /** The value of a counted label; null for bullets. */
  value: number | null;
  /** The letter of a label that reads as a letter or a Roman numeral alike (`i.`, `v.`, `x.`), for the parser to decide. */
  ambiguousLetter: string | null;
}

export const BULLET_CHARACTERS = '-*+•–—▪●○◦·';

// Numbers of up to three digits: "2020. " is a year, not item 2020. Letters are single characters.
const COUNTED_LABEL = /^(\(?)(\d{1,3}|[ivxlcdm]{1,6}|[IVXLCDM]{1,6}|[a-zA-Z])([.)])(?=\s|$)/;
const BULLET_LABEL = /^[-*+•–—▪●○◦·](?=\s)/;
const LEADING_SPACE = /^[\s\p{Cf}]*/u;

/** The label at the start of `text` (leading whitespace allowed), or null when the line is not an item line. */
export function matchLabel(text: string): LabelMatch | null {
  // Invisible format characters before a label (a zero-width space or direction mark pasted from a web page
  // or a word processor) count as indentation: "\u200B1. Extend…" is item 1, not a line of prose.
  const start = LEADING_SPACE.exec(text)![0].length;
  const rest = text.slice(start);
  const bullet = BULLET_LABEL.exec(rest);
  if (bullet) {
    // A line of dashes or stars is a rule, not a bullet.
    if (/^[-*_–—\s]+$/.test(rest)) return null;
    // Like a counted label, a bullet needs words after it: "• " alone (any bullet character) is not an item.
    if (rest.slice(1).trim().length === 0) return null;
    return { label: bullet[0], start, end: start + 1, marker: { kind: 'bullet', style: bullet[0] }, value: null, ambiguousLetter: null };
  }
  const counted = COUNTED_LABEL.exec(rest);
  if (!counted) return null;
  const [label, open, body, close] = counted as unknown as [string, string, string, string];
  // "(1." or "1)" are fine; "(1." is not a label shape anyone writes: require a closing parenthesis after "(".
  if (open === '(' && close !== ')') return null;
  // A label must be followed by words, not stand alone as e.g. a page number "12."
  if (rest.slice(label.length).trim().length === 0) return null;
  const style = `${open}#${close}`;
  const end = start + label.length;
  if (/^\d+$/.test(body)) {
    return { label, start, end, marker: { kind: 'decimal', style }, value: Number(body), ambiguousLetter: null };
  }
  if (body.length === 1 && !/[ivxlcdmIVXLCDM]/.test(body)) {
    const upper = body === body.toUpperCase();
    return { label, start, end, marker: { kind: upper ? 'upper-alpha' : 'lower-alpha', style }, value: letterValue(body), ambiguousLetter: null };
  }
  const roman = romanValue(body);
  if (roman === null) return null;
  const upper = body === body.toUpperCase();
  const marker: Marker = { kind: upper ? 'upper-roman' : 'lower-roman', style };
  return { label, start, end, marker, value: roman, ambiguousLetter: body.length === 1 ? body : null };
}

export function letterValue(letter: string): number {
  return letter.toLowerCase().charCodeAt(0) - 96;
}

/** The value of a Roman numeral written in its usual subtractive form, or null for letters that are not one. */
export function romanValue(text: string): number | null {
  const digits: Record<string, number> = { i: 1, v: 5, x: 10, l: 50, c: 100, d: 500, m: 1000 };
  const lower = text.toLowerCase();
  let total = 0;
  for (let i = 0; i < lower.length; i++) {
    const value = digits[lower[i]!];
    const next = digits[lower[i + 1] ?? ''] ?? 0;
    if (value === undefined) return null;
    total += value < next ? -value : value;
  }
  return total > 0 && toRoman(total) === lower ? total : null;
}

function toRoman(value: number): string {
  const table: [number, string][] = [[1000, 'm'], [900, 'cm'], [500, 'd'], [400, 'cd'], [100, 'c'], [90, 'xc'], [50, 'l'], [40, 'xl'], [10, 'x'], [9, 'ix'], [5, 'v'], [4, 'iv'], [1, 'i']];
  let rest = value;
  let out = '';
  for (const [amount, numeral] of table) {
    while (rest >= amount) {
      out += numeral;
      rest -= amount;
    }
  }
  return out;
}

function toLetters(value: number): string {
  // 27 → "aa", as word processors count past "z".
  let rest = value;
  let out = '';
  while (rest > 0) {
    const digit = (rest - 1) % 26;
    out = String.fromCharCode(97 + digit) + out;
    rest = Math.floor((rest - 1) / 26);
  }
  return out;
}

/** The label of value `value` in the shape of `marker` (`#.` with 15 → `15.`); a bullet is itself. */
export function formatLabel(marker: Marker, value: number): string {
  if (marker.kind === 'bullet' || marker.kind === 'paragraph') return marker.style;
  return marker.style.replace('#', counterText(marker.kind, value));
}

function counterText(kind: LabelKind, value: number): string {
  switch (kind) {
    case 'decimal': return String(value);
    case 'lower-alpha': return toLetters(value);
    case 'upper-alpha': return toLetters(value).toUpperCase();
    case 'lower-roman': return toRoman(value);
    case 'upper-roman': return toRoman(value).toUpperCase();
    default: return '';
  }
}

/** Kinds that count the same way belong to one family: mixing `1.` with `2)` is a style slip; `a.` under `1.` is a sub-list. */
export function labelFamily(kind: LabelKind): 'number' | 'letter' | 'roman' | 'bullet' | 'paragraph' {
  switch (kind) {
    case 'decimal': return 'number';
    case 'lower-alpha':
    case 'upper-alpha': return 'letter';
    case 'lower-roman':
    case 'upper-roman': return 'roman';
    default: return kind;
  }
}
