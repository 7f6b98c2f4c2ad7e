// Word's automatic numbering: the labels Word shows beside list paragraphs ("1.", "2.", "a)", "•"), which the
// document's text does not hold. Counted as Word counts (ECMA-376 §17.9): a list instance (w:num) refers to an
// abstract definition; instances of one definition share their counters unless one overrides its start; a
// paragraph at a level restarts the counters of the deeper levels.

import { BULLET_CHARACTERS, formatLabel } from '../../core/document/labels';
import type { LabelKind } from '../../core/document/model';

export interface NumberingLevel {
  start: number;
  /** w:numFmt: decimal, lowerLetter, upperLetter, lowerRoman, upperRoman, bullet, none, … */
  format: string;
  /** w:lvlText, e.g. "%1." or "%1.%2)" or a bullet character. */
  text: string;
}

export interface NumberingDefinitions {
  /** Levels of each abstract definition, by its id. */
  abstract: Map<string, Map<number, NumberingLevel>>;
  /** Each instance's abstract definition and its start overrides by level. */
  instances: Map<string, { abstractId: string; startOverrides: Map<number, number> }>;
}

export function emptyNumbering(): NumberingDefinitions {
  return { abstract: new Map(), instances: new Map() };
}

/** Counts list paragraphs in document order and writes their labels. */
export class WordCounter {
  private readonly counters = new Map<string, number[]>();

  constructor(private readonly numbering: NumberingDefinitions) {}

  /** The label Word shows for the next paragraph of instance `numId` at level `level`, or null for none. */
  next(numId: string, level: number): { label: string; bullet: boolean } | null {
    const instance = this.numbering.instances.get(numId);
    if (!instance) return null;
    const levels = this.numbering.abstract.get(instance.abstractId);
    const definition = levels?.get(level);
    if (!levels || !definition) return null;
    // Instances with their own start count apart; the others share the abstract definition's counters.
    const key = instance.startOverrides.size > 0 ? `num:${numId}` : `abstract:${instance.abstractId}`;
    let counts = this.counters.get(key);
    if (!counts) this.counters.set(key, (counts = []));
    const startOf = (k: number) => instance.startOverrides.get(k) ?? levels.get(k)?.start ?? 1;
    counts[level] = counts[level] === undefined ? startOf(level) : counts[level]! + 1;
    counts.length = level + 1;
    if (definition.format === 'none') return null;
    if (definition.format === 'bullet') return { label: bulletOf(definition.text), bullet: true };
    const label = definition.text.replace(/%([1-9])/g, (_, digit: string) => {
      const k = Number(digit) - 1;
      const value = counts![k] ?? startOf(k);
      return formatNumber(value, levels.get(k)?.format ?? 'decimal');
    });
    return { label: label.trim() || `${counts[level]}.`, bullet: false };
  }
}

/** A bullet the parser reads: Word's Symbol-font bullets are private-use characters, shown here as "•". */
function bulletOf(text: string): string {
  const character = text.trim().charAt(0);
  return character !== '' && BULLET_CHARACTERS.includes(character) ? character : '•';
}

/** Word's number formats as the parser's label kinds (the others are written as decimals). */
const KINDS: Record<string, LabelKind> = { lowerLetter: 'lower-alpha', upperLetter: 'upper-alpha', lowerRoman: 'lower-roman', upperRoman: 'upper-roman' };

function formatNumber(value: number, format: string): string {
  if (format === 'decimalZero') return value < 10 ? `0${value}` : String(value);
  return formatLabel({ kind: KINDS[format] ?? 'decimal', style: '#' }, value);
}
