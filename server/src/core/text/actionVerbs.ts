// The verb lists of the action scale (seeds/action-verbs.yaml and the user's own files), read into a lookup:
// each verb or phrase by its first word, with its level; the verbs that create something; the instruments
// that make such a verb specific. Text in, data out; a file with a mistake is reported, never thrown.

import { parseDocument } from 'yaml';
import { foldVerbWord } from './verbForms';

export type ActionLevel = 1 | 2 | 3 | 4 | 5;

export interface VerbEntry {
  /** The folded words of the verb or phrase ("take", "into", "account"). */
  words: string[];
  level: ActionLevel;
  /** As written in the list, for messages. */
  text: string;
}

export interface ActionVerbs {
  /** Entries by their first word (folded), longest first. */
  byFirstWord: Map<string, VerbEntry[]>;
  creating: Set<string>;
  /** Folded words of each instrument ("action plan" → ["action", "plan"]). */
  instruments: string[][];
}

export type ActionVerbsParse = { ok: true; verbs: ActionVerbs; warnings: string[] } | { ok: false; error: string };

export function emptyActionVerbs(): ActionVerbs {
  return { byFirstWord: new Map(), creating: new Set(), instruments: [] };
}

const KNOWN_KEYS = new Set(['levels', 'creating', 'instruments']);

export function parseActionVerbs(yamlText: string, source: string): ActionVerbsParse {
  let data: unknown;
  try {
    const document = parseDocument(yamlText, { prettyErrors: false, uniqueKeys: false });
    if (document.errors.length > 0) return { ok: false, error: `${source}: invalid YAML: ${document.errors[0]!.message.split('\n')[0]}` };
    data = document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    return { ok: false, error: `${source}: invalid YAML: ${error instanceof Error ? error.message : String(error)}` };
  }
  const verbs = emptyActionVerbs();
  if (data === null || data === undefined) return { ok: true, verbs, warnings: [] };
  if (typeof data !== 'object' || Array.isArray(data)) return { ok: false, error: `${source}: expected a mapping with \`levels\`, \`creating\` and \`instruments\`` };
  const record = data as Record<string, unknown>;
  const warnings = Object.keys(record).filter((key) => !KNOWN_KEYS.has(key)).map((key) => `${source}: unknown key \`${key}\` ignored (expected levels, creating, instruments)`);
  const levels = record.levels;
  if (levels !== undefined && levels !== null) {
    if (typeof levels !== 'object' || Array.isArray(levels)) return { ok: false, error: `${source}: \`levels\` must map a level (1 to 5) to a list of verbs` };
    for (const [key, list] of Object.entries(levels as Record<string, unknown>)) {
      const level = Number(key);
      if (![1, 2, 3, 4, 5].includes(level)) return { ok: false, error: `${source}: level \`${key}\` is not one of 1, 2, 3, 4, 5` };
      if (!isStringList(list)) return { ok: false, error: `${source}: level ${key} must be a list of verbs` };
      for (const text of list) addVerb(verbs, text, level as ActionLevel);
    }
  }
  for (const key of ['creating', 'instruments'] as const) {
    const list = record[key];
    if (list === undefined || list === null) continue;
    if (!isStringList(list)) return { ok: false, error: `${source}: \`${key}\` must be a list of words` };
    for (const text of list) {
      const words = foldWords(text);
      if (words.length === 0) continue;
      if (key === 'creating') verbs.creating.add(words.join(' '));
      else verbs.instruments.push(words);
    }
  }
  return { ok: true, verbs, warnings };
}

/** Several lists in order: a later list's verb replaces an earlier one's (a user moves a verb to another level). */
export function mergeActionVerbs(lists: readonly ActionVerbs[]): ActionVerbs {
  const merged = emptyActionVerbs();
  for (const list of lists) {
    for (const entries of list.byFirstWord.values()) for (const entry of entries) addEntry(merged, entry);
    for (const verb of list.creating) merged.creating.add(verb);
    merged.instruments.push(...list.instruments);
  }
  return merged;
}

function addVerb(verbs: ActionVerbs, text: string, level: ActionLevel): void {
  const words = foldWords(text);
  if (words.length > 0) addEntry(verbs, { words, level, text: text.trim() });
}

function addEntry(verbs: ActionVerbs, entry: VerbEntry): void {
  const first = entry.words[0]!;
  const entries = (verbs.byFirstWord.get(first) ?? []).filter((other) => other.words.join(' ') !== entry.words.join(' '));
  entries.push(entry);
  // Longest first: "share information" (level 1) is tried before "share" (level 4).
  entries.sort((a, b) => b.words.length - a.words.length);
  verbs.byFirstWord.set(first, entries);
}

function foldWords(text: string): string[] {
  return text.split(/\s+/).map(foldVerbWord).filter((word) => word !== '');
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((entry) => typeof entry === 'string');
}
