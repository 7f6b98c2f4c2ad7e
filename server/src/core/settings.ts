// The user's settings (SPEC §6), as plain data with their defaults, and the one place that reads an untrusted
// settings object (from VS Code, Neovim's init_options, a CLI flag) into it: a wrong value falls back to
// the default and is reported, never thrown.

import type { CheckSettings } from './checks/checkSettings';
import { FINDING_CODES, type FindingCode, type Severity } from './checks/finding';
import type { NumberingStyle } from './checks/numbering';

/** Every setting; the checks read their part of them (`CheckSettings`). */
export interface PrecedentSettings extends CheckSettings {
  corpus: { paths: string[]; includeSeeds: boolean };
  /** Extra thesaurus files (YAML) merged with the shipped one: the user's abbreviations and near-synonyms. */
  thesaurus: { paths: string[] };
  /** Extra verb lists (YAML, the format of the shipped `seeds/action-verbs.yaml`) for the action scale. */
  actionVerbs: { paths: string[] };
  similarity: { threshold: number };
  duplicates: { threshold: number };
  /** Lowest similarity at which an item of a draft and one of an earlier document are one item (Compare). */
  compare: { threshold: number };
  numbering: { style: NumberingStyle };
  hover: { maxResults: number };
  /** End-of-line inlay hints; `precedentReuse`: the short source of a reused precedent ("↩ Viet Nam 2020 · 14 · 100%"). */
  inlayHints: { precedentReuse: boolean };
  /** Occasions (earlier documents asking an item) from which `recurring-recommendation` reports it. */
  recurrence: { minOccasions: number };
  /**
   * The shared library (PostgreSQL) the editor follows: its connection string without a password ("" for none),
   * hot standbys to read from (`readUrls`, first reachable first), and filters that keep a laptop's replica small
   * (each empty: no restriction).
   */
  library: { url: string; readUrls: string[]; countries: string[]; forums: string[]; years: number[] };
  diagnostics: {
    precedentReuse: boolean;
    /** Hint at items that only ask others, ask to continue, or ask to consider (`vague-action`); off by default. */
    vagueAction: boolean;
    /** Report items asked at `recurrence.minOccasions` or more occasions (hint; off by default). */
    recurringRecommendation: boolean;
    /** Per-code severity overrides; "off" silences a code. */
    severity: Partial<Record<FindingCode, Severity | 'off'>>;
  };
}

export function defaultSettings(): PrecedentSettings {
  return {
    corpus: { paths: [], includeSeeds: true },
    thesaurus: { paths: [] },
    actionVerbs: { paths: [] },
    similarity: { threshold: 0.3 },
    duplicates: { threshold: 0.85 },
    // Paraphrases of one template (the Lao PDR and Viet Nam 2020 seeds) score 0.25–0.7; from 0.3 some of them are
    // lost, below 0.2 unrelated items of one topic start to pair (test/unit/compare.test.ts).
    compare: { threshold: 0.25 },
    numbering: { style: 'auto' },
    hover: { maxResults: 3 },
    inlayHints: { precedentReuse: true },
    recurrence: { minOccasions: 3 },
    library: { url: '', readUrls: [], countries: [], forums: [], years: [] },
    diagnostics: { precedentReuse: true, vagueAction: false, recurringRecommendation: false, severity: {} },
  };
}

export interface SettingsReading {
  settings: PrecedentSettings;
  /** One line per value that was ignored, naming the key and why. */
  problems: string[];
}

/** Reads the `precedent` section of a settings object; unknown keys are ignored, wrong values reported. */
export function readSettings(raw: unknown): SettingsReading {
  const settings = defaultSettings();
  const problems: string[] = [];
  const root = asRecord(raw);
  if (!root) {
    if (raw !== undefined && raw !== null) problems.push('precedent: settings must be an object; using the defaults.');
    return { settings, problems };
  }
  const get = (path: string): unknown => path.split('.').reduce<unknown>((value, key) => asRecord(value)?.[key], root);
  const wrong = (key: string, expected: string) => problems.push(`precedent.${key}: expected ${expected}; using the default.`);

  const paths = get('corpus.paths');
  if (paths !== undefined) {
    if (Array.isArray(paths) && paths.every((path) => typeof path === 'string')) settings.corpus.paths = paths.filter((path) => path.trim().length > 0);
    else wrong('corpus.paths', 'a list of folders, files or globs');
  }
  const thesauri = get('thesaurus.paths');
  if (thesauri !== undefined) {
    if (Array.isArray(thesauri) && thesauri.every((path) => typeof path === 'string')) settings.thesaurus.paths = thesauri.filter((path) => path.trim().length > 0);
    else wrong('thesaurus.paths', 'a list of YAML files');
  }
  const verbLists = get('actionVerbs.paths');
  if (verbLists !== undefined) {
    if (Array.isArray(verbLists) && verbLists.every((path) => typeof path === 'string')) settings.actionVerbs.paths = verbLists.filter((path) => path.trim().length > 0);
    else wrong('actionVerbs.paths', 'a list of YAML files');
  }
  const libraryUrl = get('library.url');
  if (libraryUrl !== undefined) {
    if (typeof libraryUrl === 'string') settings.library.url = libraryUrl.trim();
    else wrong('library.url', 'a PostgreSQL connection string');
  }
  for (const key of ['readUrls', 'countries', 'forums'] as const) {
    const value = get(`library.${key}`);
    if (value === undefined) continue;
    if (Array.isArray(value) && value.every((entry) => typeof entry === 'string')) settings.library[key] = value.map((entry) => entry.trim()).filter((entry) => entry.length > 0);
    else wrong(`library.${key}`, key === 'readUrls' ? 'a list of connection strings' : 'a list of names');
  }
  const years = get('library.years');
  if (years !== undefined) {
    if (Array.isArray(years) && years.every((year) => Number.isInteger(year))) settings.library.years = years as number[];
    else wrong('library.years', 'a list of years');
  }
  readBoolean('corpus.includeSeeds', (value) => (settings.corpus.includeSeeds = value));
  readNumber('similarity.threshold', 0, 1, (value) => (settings.similarity.threshold = value));
  readNumber('duplicates.threshold', 0, 1, (value) => (settings.duplicates.threshold = value));
  readNumber('compare.threshold', 0, 1, (value) => (settings.compare.threshold = value));
  readNumber('hover.maxResults', 1, 50, (value) => (settings.hover.maxResults = Math.round(value)));
  readBoolean('diagnostics.precedentReuse', (value) => (settings.diagnostics.precedentReuse = value));
  readBoolean('diagnostics.vagueAction', (value) => (settings.diagnostics.vagueAction = value));
  readBoolean('inlayHints.precedentReuse', (value) => (settings.inlayHints.precedentReuse = value));
  readBoolean('diagnostics.recurringRecommendation', (value) => (settings.diagnostics.recurringRecommendation = value));
  readNumber('recurrence.minOccasions', 1, 1000, (value) => (settings.recurrence.minOccasions = Math.round(value)));

  const style = get('numbering.style');
  if (style !== undefined) {
    if (style === 'auto' || style === 'restartPerSection' || style === 'continuous') settings.numbering.style = style;
    else wrong('numbering.style', '"auto", "restartPerSection" or "continuous"');
  }

  const severity = asRecord(get('diagnostics.severity'));
  for (const [code, value] of Object.entries(severity ?? {})) {
    if (!(FINDING_CODES as readonly string[]).includes(code)) problems.push(`precedent.diagnostics.severity: unknown code "${code}".`);
    else if (value === 'error' || value === 'warning' || value === 'information' || value === 'hint' || value === 'off') settings.diagnostics.severity[code as FindingCode] = value;
    else wrong(`diagnostics.severity.${code}`, '"error", "warning", "information", "hint" or "off"');
  }
  return { settings, problems };

  function readBoolean(key: string, set: (value: boolean) => void): void {
    const value = get(key);
    if (value === undefined) return;
    if (typeof value === 'boolean') set(value);
    else wrong(key, 'true or false');
  }

  function readNumber(key: string, min: number, max: number, set: (value: number) => void): void {
    const value = get(key);
    if (value === undefined) return;
    if (typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max) set(value);
    else wrong(key, `a number from ${min} to ${max}`);
  }
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}
