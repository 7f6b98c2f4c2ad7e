// How actionable a recommendation is, on UPR Info's five-level scale, read from its leading verb: 1 asks others
// (or for assistance), 2 continuity, 3 consider change, 4 general action, 5 specific action. The verbs are data
// (actionVerbs.ts); the reading is:
// - an item is cut into clauses (sentences, semicolons, colons, ", and"); its level is its most specific
//   clause's, since "Extend coverage. Develop bilateral agreements on portability." asks for the agreements;
// - a clause's leading verb is its first word ("Consider…", "Strengthening…"), or the verb after a modal when
//   the clause starts with its subject ("The enterprise should review…", "All relevant sectors to
//   disseminate…") or with a participle ("Recognising …, governments should amend…");
// - a verb that creates something is specific when its object is an instrument ("develop a strategy"), and any
//   general action is specific with a figure or a deadline ("by 2027", "10%");
// - alternatives written with a slash ("develop/amend/revise") count as the most specific of them.
// No verb found: null (the item is not classified, rather than guessed).

import type { ActionLevel, ActionVerbs, VerbEntry } from './actionVerbs';
import { baseForms, foldVerbWord } from './verbForms';

export interface ActionReading {
  level: ActionLevel;
  /** The verb or phrase that decided it, as the list writes it ("consider", "take into account"). */
  verb: string;
  /** Why a general verb was read as specific: its instrument, or the figure or deadline; null otherwise. */
  specific: string | null;
}

export const ACTION_LEVEL_NAMES: Record<ActionLevel, string> = {
  1: 'asks others',
  2: 'continuity',
  3: 'consider change',
  4: 'general action',
  5: 'specific action',
};

const STRONG_MODALS = [['should'], ['must'], ['shall'], ['need', 'to'], ['needs', 'to'], ['necessary', 'to'], ['encouraged', 'to'], ['recommended', 'to'], ['urged', 'to'], ['called', 'upon', 'to'], ['requested', 'to']];
const ADVERBS = new Set(['also', 'further', 'effectively', 'urgently', 'actively', 'continuously', 'progressively', 'immediately', 'jointly', 'fully', 'better', 'swiftly', 'promptly', 'not']);
const FIGURE_OR_DEADLINE = /\d+(?:[.,]\d+)?\s*(?:%|per\s*cent|percent)|\b(?:by|before|no later than)\s+(?:(?:the\s+)?end\s+of\s+)?(?:19|20)\d\d\b|\bwithin\s+(?:\d+|one|two|three|six|twelve)\s+(?:days?|weeks?|months?|years?)\b/i;

interface Token {
  word: string;
  /** The next token is an alternative to this one ("develop/amend"). */
  slashNext: boolean;
  /** A comma follows this token. */
  commaNext: boolean;
}

/** The action level of an item's text, or null when no verb of the lists leads any of its clauses. */
export function actionLevel(text: string, verbs: ActionVerbs): ActionReading | null {
  let best: ActionReading | null = null;
  for (const clause of clausesOf(text)) {
    const reading = readClause(tokensOf(clause), clause, verbs);
    if (reading && (best === null || reading.level > best.level)) best = reading;
  }
  return best;
}

function clausesOf(text: string): string[] {
  return text.split(/[.;!?](?:\s+|$)|:\s+|,\s+and\s+|\s+and,\s+/i).map((clause) => clause.trim()).filter((clause) => clause !== '');
}

function tokensOf(clause: string): Token[] {
  const tokens: Token[] = [];
  for (const match of clause.matchAll(/[\p{L}\p{N}][\p{L}\p{N}'’-]*|[/,]/gu)) {
    const value = match[0];
    if (value === '/' || value === ',') {
      const last = tokens[tokens.length - 1];
      if (last && value === '/') last.slashNext = true;
      if (last && value === ',') last.commaNext = true;
      continue;
    }
    tokens.push({ word: foldVerbWord(value), slashNext: false, commaNext: false });
  }
  return tokens;
}

function readClause(tokens: Token[], clause: string, verbs: ActionVerbs): ActionReading | null {
  if (tokens.length === 0) return null;
  const afterModal = verbAfterModal(tokens, verbs);
  const first = verbAt(tokens, 0, verbs);
  let found: { entry: VerbEntry; at: number } | null = null;
  if (first) {
    // "Recognising …, ASEAN governments should amend…": the participle sets the scene, the modal's verb asks.
    found = tokens[0]!.word.endsWith('ing') && afterModal ? afterModal : first;
  } else {
    found = afterModal ?? verbAfterOpeningPhrase(tokens, verbs) ?? verbAfterTo(tokens, verbs);
  }
  if (!found) return null;
  let { entry } = found;
  // Alternatives: "develop/amend/revise" asks for the most specific of them.
  for (let k = found.at; tokens[k]?.slashNext; k++) {
    const alternative = verbAt(tokens, k + 1, verbs);
    if (alternative && alternative.entry.level > entry.level) entry = alternative.entry;
  }
  if (entry.level !== 4) return { level: entry.level, verb: entry.text, specific: null };
  const rest = tokens.slice(found.at + entry.words.length);
  if (verbs.creating.has(entry.words.join(' '))) {
    const instrument = verbs.instruments.find((words) => containsWords(rest, words));
    if (instrument) return { level: 5, verb: entry.text, specific: instrument.join(' ') };
  }
  const figure = FIGURE_OR_DEADLINE.exec(clause);
  if (figure) return { level: 5, verb: entry.text, specific: figure[0] };
  return { level: 4, verb: entry.text, specific: null };
}

/** The verb or phrase of the lists that starts at token `at` (any inflection of its first word), longest first. */
function verbAt(tokens: Token[], at: number, verbs: ActionVerbs): { entry: VerbEntry; at: number } | null {
  const token = tokens[at];
  if (!token) return null;
  for (const base of baseForms(token.word)) {
    for (const entry of verbs.byFirstWord.get(base) ?? []) {
      if (phraseFollows(tokens, at + 1, entry.words.slice(1))) return { entry, at };
    }
  }
  return null;
}

/** The rest of a phrase's words, in order, each within two words of the one before ("conduct an evaluation"). */
function phraseFollows(tokens: Token[], from: number, words: string[]): boolean {
  let at = from;
  for (const word of words) {
    let found = -1;
    for (let k = at; k < Math.min(tokens.length, at + 3); k++) {
      if (baseForms(tokens[k]!.word).includes(word)) {
        found = k;
        break;
      }
    }
    if (found < 0) return false;
    at = found + 1;
  }
  return true;
}

function verbAfterModal(tokens: Token[], verbs: ActionVerbs): { entry: VerbEntry; at: number } | null {
  for (let k = 0; k < tokens.length; k++) {
    const modal = STRONG_MODALS.find((words) => words.every((word, w) => tokens[k + w]?.word === word));
    if (!modal) continue;
    let at = k + modal.length;
    while (tokens[at] && ADVERBS.has(tokens[at]!.word)) at++;
    // "should be strengthened": the passive's participle is the verb.
    if (tokens[at]?.word === 'be') at++;
    return verbAt(tokens, at, verbs);
  }
  return null;
}

/** "In light of this, develop…": a short opening phrase closed by a comma, then the verb. */
function verbAfterOpeningPhrase(tokens: Token[], verbs: ActionVerbs): { entry: VerbEntry; at: number } | null {
  const comma = tokens.findIndex((token) => token.commaNext);
  if (comma < 0 || comma > 5) return null;
  return verbAt(tokens, comma + 1, verbs);
}

/** "All relevant sectors to disseminate…": a subject, then "to" and the verb, early in the clause. */
function verbAfterTo(tokens: Token[], verbs: ActionVerbs): { entry: VerbEntry; at: number } | null {
  const to = tokens.findIndex((token, k) => k > 0 && k <= 6 && token.word === 'to');
  return to < 0 ? null : verbAt(tokens, to + 1, verbs);
}

function containsWords(tokens: Token[], words: string[]): boolean {
  for (let k = 0; k + words.length <= tokens.length; k++) {
    if (words.every((word, w) => baseForms(tokens[k + w]!.word).includes(word))) return true;
  }
  return false;
}
