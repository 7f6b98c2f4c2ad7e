// The thesaurus: DATA that tells the analyser which spellings, abbreviations and near-synonyms of the field
// mean the same. Parsed from YAML (the shipped `seeds/thesaurus.yaml`, plus any the user adds) and merged.
// Format (documented for users at the top of seeds/thesaurus.yaml):
//
//   spelling:        variant: canonical          (words or phrases: `labour: labor`, `health care: healthcare`)
//   abbreviations:   SHORT: long form | [long forms…]   (`OSH: occupational safety and health`)
//   concepts:        name: [word or phrase, …]    (`remittance: [remittance, money transfer, sending money home]`)
//   general:         [concept name, …]            (`[strengthen, promote, use]`)
//
// A general concept says how a measure is pursued, not which measure: it helps rank the precedents of one
// measure, but a precedent that shares nothing more specific with a draft is only loosely related to it.
//
// In `abbreviations` values and `concepts` lists, an entry written as one word with two or more capitals
// (`OHS`, `MoU`, `NGOs`) is a short form: it matches only words written with capitals, so `AIDS` is not `aids`.
import { parseDocument } from 'yaml';
import { fold } from './fold';

export interface ThesaurusGroup {
  /** Concept id: the abbreviation or concept name it was declared under, folded, spaces as `_` (`osh`, `remittance`). */
  id: string;
  /** Short forms as written (`OSH`, `MOUs`): matched against words written with at least two capitals. */
  abbreviations: string[];
  /** Words and phrases of the concept (long forms, near-synonyms), as written. */
  phrases: string[];
}

export interface Thesaurus {
  /** Folded variant → canonical spelling; either side may be several words (`health care` → `healthcare`). */
  spelling: ReadonlyMap<string, string>;
  groups: readonly ThesaurusGroup[];
  /** Where the entries came from (file names), in merge order. */
  sources: readonly string[];
  /** Ids of the general concepts (`general:`): how, not what. Absent: none. */
  general?: ReadonlySet<string>;
}

/** A thesaurus that cannot be used; `message` says what is wrong, `source` and `line` where. */
export interface ThesaurusError {
  source: string;
  /** 1-based line of the problem when known. */
  line: number | null;
  message: string;
}

export type ThesaurusParseResult =
  | { ok: true; thesaurus: Thesaurus; warnings: string[] }
  | { ok: false; error: ThesaurusError };

const KNOWN_KEYS = new Set(['version', 'description', 'spelling', 'abbreviations', 'concepts', 'general']);

export function emptyThesaurus(): Thesaurus {
  return { spelling: new Map(), groups: [], sources: [] };
}

/** A single word with two or more capital letters (`OSH`, `MoU`, `DoLAB`, `STIs`). */
export function isShortForm(written: string): boolean {
  if (!/^[\p{L}\p{N}&]+$/u.test(written)) return false;
  let capitals = 0;
  for (const ch of written) if (ch !== ch.toLowerCase()) capitals++;
  return capitals >= 2;
}

/**
 * The key by which a short form, or a word written with capitals, is matched: folded, a plural `s` after a
 * capital dropped (`MOUs` → `mou`, `STIs` → `sti`).
 */
export function shortFormKey(written: string): string {
  const plural = written.length > 2 && written.endsWith('s') && /\p{Lu}/u.test(written[written.length - 2]!);
  return fold(plural ? written.slice(0, -1) : written);
}

/** Concept id of a declared name: folded, runs of non-letters as `_`. */
export function conceptId(name: string): string {
  return fold(name).replace(/[^\p{L}\p{M}\p{N}]+/gu, '_').replace(/^_|_$/g, '');
}

function foldPhrase(text: string): string {
  return fold(text).replace(/[-‐‑–/]+/g, ' ').replace(/\s+/g, ' ').trim();
}

/** Builds a group from written entries, sorting short forms from phrases. */
export function makeGroup(name: string, entries: readonly string[]): ThesaurusGroup {
  const group: ThesaurusGroup = { id: conceptId(name), abbreviations: [], phrases: [] };
  for (const entry of entries) {
    const trimmed = entry.trim();
    if (trimmed === '') continue;
    if (isShortForm(trimmed)) pushUnique(group.abbreviations, trimmed);
    else pushUnique(group.phrases, trimmed);
  }
  return group;
}

function pushUnique(list: string[], value: string): void {
  if (!list.includes(value)) list.push(value);
}

function lineOf(text: string, offset: number | undefined): number | null {
  if (offset === undefined || offset < 0) return null;
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function stringList(value: unknown): string[] | null {
  if (typeof value === 'string') return [value];
  if (typeof value === 'number') return [String(value)];
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number')) {
    return value.map(String);
  }
  return null;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Parses a thesaurus from YAML text. Never throws: bad YAML or a wrong shape gives `{ ok: false, error }`
 * with `source` (and the line when known). Unknown top-level keys give warnings. Messages do not repeat the
 * source: callers prefix it (`formatThesaurusError`).
 */
export function parseThesaurus(yamlText: string, source: string): ThesaurusParseResult {
  const fail = (message: string, offset?: number): ThesaurusParseResult => ({
    ok: false,
    error: { source, line: lineOf(yamlText, offset), message },
  });
  let data: unknown;
  try {
    const doc = parseDocument(yamlText, { prettyErrors: false, uniqueKeys: false });
    if (doc.errors.length > 0) {
      const err = doc.errors[0]!;
      return fail(`invalid YAML: ${err.message.split('\n')[0]}`, err.pos[0]);
    }
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    return fail(`invalid YAML: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (data === null || data === undefined) return { ok: true, thesaurus: { ...emptyThesaurus(), sources: [source] }, warnings: [] };
  if (!isPlainObject(data)) return fail('expected a mapping with `spelling`, `abbreviations` and `concepts`');

  const warnings: string[] = [];
  for (const key of Object.keys(data)) {
    if (!KNOWN_KEYS.has(key)) warnings.push(`unknown key \`${key}\` ignored (expected spelling, abbreviations, concepts, general)`);
  }

  const spelling = new Map<string, string>();
  if (data['spelling'] !== undefined && data['spelling'] !== null) {
    const section = data['spelling'];
    if (!isPlainObject(section)) return fail('`spelling` must map variant spellings to canonical ones (`labour: labor`)');
    for (const [variant, canonical] of Object.entries(section)) {
      if (typeof canonical !== 'string' || canonical.trim() === '') {
        return fail(`spelling of \`${variant}\` must be a word or phrase`);
      }
      const from = foldPhrase(variant);
      const to = foldPhrase(canonical);
      if (from !== '' && to !== '' && from !== to) spelling.set(from, to);
    }
  }

  const groups: ThesaurusGroup[] = [];
  if (data['abbreviations'] !== undefined && data['abbreviations'] !== null) {
    const section = data['abbreviations'];
    if (!isPlainObject(section)) return fail('`abbreviations` must map short forms to long forms (`OSH: occupational safety and health`)');
    for (const [short, longForms] of Object.entries(section)) {
      const list = stringList(longForms);
      if (list === null) return fail(`long forms of \`${short}\` must be a phrase or a list of phrases`);
      const group = makeGroup(short, list);
      if (short.trim() !== '') pushUnique(group.abbreviations, short.trim());
      if (group.id !== '') groups.push(group);
    }
  }
  if (data['concepts'] !== undefined && data['concepts'] !== null) {
    const section = data['concepts'];
    if (!isPlainObject(section)) return fail('`concepts` must map concept names to lists of words and phrases');
    for (const [name, entries] of Object.entries(section)) {
      const list = stringList(entries);
      if (list === null) return fail(`concept \`${name}\` must be a list of words and phrases`);
      const group = makeGroup(name, list);
      if (group.id !== '') groups.push(group);
    }
  }
  const general = new Set<string>();
  if (data['general'] !== undefined && data['general'] !== null) {
    const list = stringList(data['general']);
    if (list === null) return fail('`general` must be a list of concept names (`[strengthen, promote, use]`)');
    for (const name of list) {
      const id = conceptId(name);
      if (id === '') continue;
      // A name this file does not define may be defined by another thesaurus merged with it.
      if (!groups.some((g) => g.id === id)) warnings.push(`general concept \`${name}\` is not among this file's concepts`);
      general.add(id);
    }
  }
  return { ok: true, thesaurus: mergeThesauri([{ spelling, groups, sources: [source], general }]), warnings };
}

/**
 * Merges thesauri in order (users extend the shipped one): spellings of later thesauri win; groups with the
 * same id are united (their short forms and phrases put together).
 */
export function mergeThesauri(thesauri: readonly Thesaurus[]): Thesaurus {
  const spelling = new Map<string, string>();
  const byId = new Map<string, ThesaurusGroup>();
  const sources: string[] = [];
  const general = new Set<string>();
  for (const t of thesauri) {
    for (const id of t.general ?? []) general.add(id);
    for (const [k, v] of t.spelling) spelling.set(k, v);
    for (const g of t.groups) {
      let merged = byId.get(g.id);
      if (merged === undefined) {
        merged = { id: g.id, abbreviations: [], phrases: [] };
        byId.set(g.id, merged);
      }
      for (const a of g.abbreviations) pushUnique(merged.abbreviations, a);
      for (const p of g.phrases) pushUnique(merged.phrases, p);
    }
    for (const s of t.sources) pushUnique(sources, s);
  }
  return { spelling, groups: [...byId.values()], sources, general };
}

/** `source:line: message`, for people. */
export function formatThesaurusError(error: ThesaurusError): string {
  return `${error.source}${error.line !== null ? `:${error.line}` : ''}: ${error.message}`;
}
