// The command line of `precedent` (SPEC §5): commands, options, and the errors a person sees when they get
// it wrong. Parsing only; the commands themselves live in their own files.

import { parseArgs } from 'node:util';

export const USAGE = `Usage:
  precedent check FILE... [--corpus PATH]... [--no-seeds] [--format text|json|sarif] [--output FILE]
  precedent similar (TEXT | --file FILE) [--corpus PATH]... [--no-seeds] [--top N] [--min-score X] [--format text|json]
  precedent report FILE... [--against EARLIER] [--corpus PATH]... [--no-seeds] [--format markdown|html] [--output FILE]
  precedent compare DRAFT EARLIER [--corpus PATH]... [--no-seeds] [--format text|json|markdown|html]
  precedent history FILE... [--corpus PATH]... [--no-seeds] [--format text|json] [--output FILE]
  precedent library init [--db URL]
  precedent library add FILE|FOLDER... [--country NAME] [--forum NAME] [--date YYYY-MM-DD] [--db URL]
  precedent library remove (ID | HASH | FILE)... [--db URL]
  precedent library list [--format text|json] [--db URL]
  precedent library export DIR [--db URL]

Options:
  --corpus PATH     folder, file or glob of earlier recommendation documents (repeatable)
  --no-seeds        leave out the seed documents shipped with Precedent
  --db URL          the shared library (PostgreSQL connection string, e.g. postgres://alice@host/precedent);
                    check, similar, report, compare and history then use it as corpus, beside --corpus;
                    for library, the default is $PRECEDENT_DATABASE_URL, else the PG* variables. Keep
                    passwords out of the URL: use PGPASSWORD or ~/.pgpass
  --country, --forum, --date   metadata given to the added documents (library add), overriding what is read
  --thesaurus FILE  extra thesaurus (YAML) of abbreviations and near-synonyms (repeatable)
  --cache DIR       folder of the persisted index (default: $XDG_CACHE_HOME/precedent, else ~/.cache/precedent)
  --no-cache        neither read nor write a persisted index
  --settings FILE   JSON settings with the keys of the VS Code settings ("precedent.duplicates.threshold": 0.9, ...)
  --format FORMAT   output format (check: text, json, sarif; similar, history: text, json; compare: text, json, markdown, html;
                    report: markdown, html)
  --against FILE    report: add the changes since an earlier document (as compare finds them)
  --top N           precedents per query (similar; default 3)
  --min-score X     lowest similarity shown, 0..1 (similar; default: anything in common)
  --output FILE     write the output to FILE instead of standard output
  -h, --help        show this help
  -v, --version     show the version

Exit status: 0 no warning or error, 1 warnings or errors found (check), 2 bad usage or unreadable input.
compare exits 0 whatever the changes (2 when a file cannot be read).`;

export type Command =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'check'; files: string[]; format: 'text' | 'json' | 'sarif'; common: CommonOptions }
  | { kind: 'similar'; text: string | null; file: string | null; top: number; minScore: number | null; format: 'text' | 'json'; common: CommonOptions }
  | { kind: 'report'; files: string[]; against: string | null; format: 'markdown' | 'html'; common: CommonOptions }
  | { kind: 'compare'; draft: string; earlier: string; format: CompareFormat; common: CommonOptions }
  | { kind: 'history'; files: string[]; format: 'text' | 'json'; common: CommonOptions }
  | { kind: 'library'; action: LibraryAction; args: string[]; db: string | null; overrides: { country?: string; forum?: string; date?: string }; format: 'text' | 'json' };

export type CompareFormat = 'text' | 'json' | 'markdown' | 'html';

export type LibraryAction = 'init' | 'add' | 'remove' | 'list' | 'export';

export interface CommonOptions {
  corpus: string[];
  seeds: boolean;
  thesauri: string[];
  settingsFile: string | null;
  output: string | null;
  /** The shared library's connection string (--db), used as corpus besides the folders; null for none. */
  db: string | null;
  /** Folder of the persisted index; null with --no-cache; undefined for the default folder. */
  cache?: string | null;
}

export class UsageError extends Error {}

/** Input that cannot be read (an unreachable library): exit 2 with the message, without the usage text. */
export class InputError extends Error {}

export function parseCommandLine(argv: readonly string[]): Command {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        corpus: { type: 'string', multiple: true },
        'no-seeds': { type: 'boolean' },
        cache: { type: 'string' },
        'no-cache': { type: 'boolean' },
        thesaurus: { type: 'string', multiple: true },
        settings: { type: 'string' },
        format: { type: 'string' },
        file: { type: 'string' },
        top: { type: 'string' },
        'min-score': { type: 'string' },
        against: { type: 'string' },
        output: { type: 'string', short: 'o' },
        db: { type: 'string' },
        country: { type: 'string' },
        forum: { type: 'string' },
        date: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };
  const [command, ...rest] = positionals;
  const common: CommonOptions = {
    corpus: values.corpus ?? [],
    seeds: !values['no-seeds'],
    thesauri: values.thesaurus ?? [],
    settingsFile: values.settings ?? null,
    output: values.output ?? null,
    db: values.db ?? null,
  };
  // A password on a command line is seen by every user of the machine (ps) and kept in shell histories.
  if (common.db !== null && (/^[a-z][a-z0-9+.-]*:\/\/[^/@?#]*:[^@/?#]*@/i.test(common.db) || /[?&\s]password=/i.test(common.db) || /^password=/i.test(common.db))) {
    throw new UsageError('--db must not contain a password: use PGPASSWORD or ~/.pgpass (the URL names the user, host and database).');
  }
  if (values['no-cache'] && values.cache !== undefined) throw new UsageError('--cache and --no-cache exclude each other.');
  if (values['no-cache']) common.cache = null;
  else if (values.cache !== undefined) common.cache = values.cache;
  const only = (allowed: string[]) => {
    for (const option of ['file', 'top', 'min-score', 'format', 'against', 'country', 'forum', 'date'] as const) {
      if (values[option] !== undefined && !allowed.includes(option)) throw new UsageError(`--${option} does not apply to "${command}".`);
    }
  };

  switch (command) {
    case 'check': {
      only(['format']);
      if (rest.length === 0) throw new UsageError('check needs at least one FILE.');
      return { kind: 'check', files: rest, format: oneOf(values.format ?? 'text', ['text', 'json', 'sarif'], '--format'), common };
    }
    case 'report': {
      only(['against', 'format']);
      if (rest.length === 0) throw new UsageError('report needs at least one FILE.');
      return { kind: 'report', files: rest, against: values.against ?? null, format: oneOf(values.format ?? 'markdown', ['markdown', 'html'], '--format'), common };
    }
    case 'compare': {
      only(['format']);
      if (rest.length !== 2) throw new UsageError('compare needs a DRAFT and an EARLIER document, in that order.');
      return { kind: 'compare', draft: rest[0]!, earlier: rest[1]!, format: oneOf(values.format ?? 'text', ['text', 'json', 'markdown', 'html'], '--format'), common };
    }
    case 'history': {
      only(['format']);
      if (rest.length === 0) throw new UsageError('history needs at least one FILE.');
      return { kind: 'history', files: rest, format: oneOf(values.format ?? 'text', ['text', 'json'], '--format'), common };
    }
    case 'similar': {
      only(['file', 'top', 'min-score', 'format']);
      const file = values.file ?? null;
      if (file !== null && rest.length > 0) throw new UsageError('similar takes either TEXT or --file FILE, not both.');
      if (file === null && rest.length === 0) throw new UsageError('similar needs a TEXT to look up, or --file FILE.');
      const text = file === null ? rest.join(' ') : null;
      if (text !== null && text.trim().length === 0) throw new UsageError('similar needs a non-empty TEXT.');
      const top = values.top === undefined ? 3 : Number(values.top);
      if (!Number.isInteger(top) || top < 1) throw new UsageError(`--top must be a whole number of at least 1, not "${values.top}".`);
      const minScore = values['min-score'] === undefined ? null : Number(values['min-score']);
      if (minScore !== null && (!Number.isFinite(minScore) || minScore < 0 || minScore > 1)) throw new UsageError(`--min-score must be a number from 0 to 1, not "${values['min-score']}".`);
      return { kind: 'similar', text, file, top, minScore, format: oneOf(values.format ?? 'text', ['text', 'json'], '--format'), common };
    }
    case 'library':
      return parseLibrary(rest, values, only);
    case undefined:
      throw new UsageError('no command given.');
    default:
      throw new UsageError(`unknown command "${command}" (expected check, similar, report, compare, history or library).`);
  }
}

function oneOf<T extends string>(value: string, allowed: readonly T[], option: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${option} must be one of ${allowed.join(', ')}, not "${value}".`);
}

const LIBRARY_ACTIONS: readonly LibraryAction[] = ['init', 'add', 'remove', 'list', 'export'];

function parseLibrary(rest: string[], values: { db?: string; format?: string; country?: string; forum?: string; date?: string; corpus?: string[] }, only: (allowed: string[]) => void): Command {
  const [action, ...args] = rest;
  if (action === undefined || !(LIBRARY_ACTIONS as readonly string[]).includes(action)) throw new UsageError(`library needs one of ${LIBRARY_ACTIONS.join(', ')}${action === undefined ? '' : `, not "${action}"`}.`);
  const kind = action as LibraryAction;
  if (values.corpus !== undefined) throw new UsageError('--corpus does not apply to "library".');
  only(kind === 'add' ? ['country', 'forum', 'date'] : kind === 'list' ? ['format'] : []);
  if (values.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.date)) throw new UsageError(`--date must be YYYY-MM-DD, not "${values.date}".`);
  if ((kind === 'init' || kind === 'list') && args.length > 0) throw new UsageError(`library ${kind} takes no arguments.`);
  if ((kind === 'add' || kind === 'remove') && args.length === 0) throw new UsageError(`library ${kind} needs at least one ${kind === 'add' ? 'FILE or FOLDER' : 'ID, HASH or FILE'}.`);
  if (kind === 'export' && args.length !== 1) throw new UsageError('library export needs one DIR.');
  const overrides = { ...(values.country !== undefined ? { country: values.country } : {}), ...(values.forum !== undefined ? { forum: values.forum } : {}), ...(values.date !== undefined ? { date: values.date } : {}) };
  return { kind: 'library', action: kind, args, db: values.db ?? null, overrides, format: oneOf(values.format ?? 'text', ['text', 'json'], '--format') };
}
