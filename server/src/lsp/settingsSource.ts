// Where the server's settings come from: `workspace/configuration` (section `precedent`) when the client
// offers it, else `initializationOptions.settings` (Neovim, Emacs, Helix), else the defaults.

import type { Connection } from 'vscode-languageserver/node';
import { readSettings, type PrecedentSettings } from '../core/settings';

export class SettingsSource {
  private initial: unknown;

  constructor(private readonly connection: Connection, private readonly log: (message: string) => void) {}

  /**
   * Settings a client passed at start-up, as `{ settings: { precedent: {...} } }` or `{ settings: {...} }`.
   * When both shapes are there, the outer keys win: the VS Code client sends the `precedent` section itself, with
   * the corpus and thesaurus paths restricted in an untrusted workspace, and a workspace setting
   * `precedent.precedent` must not be able to slip other paths in underneath it.
   */
  setInitializationOptions(options: unknown): void {
    const settings = (options as { settings?: unknown } | null | undefined)?.settings;
    const record = asPlainRecord(settings);
    if (!record || !('precedent' in record)) {
      this.initial = settings;
      return;
    }
    const { precedent: nested, ...outer } = record;
    this.initial = Object.keys(outer).length === 0 ? nested : mergeDeep(nested, outer);
  }

  async read(useConfigurationRequest: boolean): Promise<PrecedentSettings> {
    let raw: unknown = this.initial;
    if (useConfigurationRequest) {
      try {
        const configured = await this.connection.workspace.getConfiguration({ section: 'precedent' });
        if (configured !== null && configured !== undefined) raw = mergeDeep(this.initial, configured);
      } catch (error) {
        this.log(`workspace/configuration failed (${error instanceof Error ? error.message : String(error)}); using the start-up settings.`);
      }
    }
    return this.interpret(raw);
  }

  /** Settings pushed with `workspace/didChangeConfiguration` (clients without the configuration request). */
  fromNotification(settings: unknown): PrecedentSettings {
    const nested = (settings as { precedent?: unknown } | null | undefined)?.precedent;
    if (nested !== undefined) this.initial = nested;
    return this.interpret(this.initial);
  }

  private interpret(raw: unknown): PrecedentSettings {
    const { settings, problems } = readSettings(expandDottedKeys(raw));
    for (const problem of problems) this.log(problem);
    return settings;
  }
}

/**
 * `{ "duplicates.threshold": 0.9 }` → `{ duplicates: { threshold: 0.9 } }`, as some clients send flat keys.
 * The plain spelling wins over a dotted one, whatever their order: `{ corpus: { paths: [] }, "corpus.paths": [x] }`
 * has no corpus paths (the VS Code client restricts `corpus`, and a workspace must not add paths beside it).
 * Keys that would reach an object's prototype (`__proto__`, `constructor`, `prototype`) are dropped: settings
 * come from workspace files, and `{ "__proto__.x": 1 }` set `x` on every object of the server.
 */
function expandDottedKeys(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
  const out: Record<string, unknown> = {};
  const entries = Object.entries(raw as Record<string, unknown>);
  const dotted = (key: string) => key.includes('.');
  for (const [key, value] of [...entries.filter(([key]) => dotted(key)), ...entries.filter(([key]) => !dotted(key))]) {
    const path = key.replace(/^precedent\./, '').split('.');
    if (path.some(isUnsafeKey)) continue;
    let target = out;
    for (const part of path.slice(0, -1)) {
      if (typeof target[part] !== 'object' || target[part] === null) target[part] = {};
      target = target[part] as Record<string, unknown>;
    }
    const last = path[path.length - 1]!;
    target[last] = typeof value === 'object' && value !== null && !Array.isArray(value) ? mergeDeep(target[last], expandDottedKeys(value)) : value;
  }
  return out;
}

function mergeDeep(base: unknown, override: unknown): unknown {
  if (typeof base !== 'object' || base === null || Array.isArray(base)) return override;
  if (typeof override !== 'object' || override === null || Array.isArray(override)) return override ?? base;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(override as Record<string, unknown>)) {
    if (!isUnsafeKey(key)) out[key] = mergeDeep(out[key], value);
  }
  return out;
}

function isUnsafeKey(key: string): boolean {
  return key === '__proto__' || key === 'constructor' || key === 'prototype';
}

function asPlainRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}
