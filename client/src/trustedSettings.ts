// The `precedent` settings as the server may see them. In an untrusted workspace (Restricted Mode) the file
// paths of the workspace's own settings (corpus and thesaurus paths) are never used: a folder someone else
// configured could point the server at any file on the machine. Only the user's own value (or the default)
// is passed on, both in `initializationOptions` and in every `workspace/configuration` answer.

import * as vscode from 'vscode';
import type { ConfigurationParams, Middleware } from 'vscode-languageclient/node';

export const SECTION = 'precedent';
export const CORPUS_PATHS = 'corpus.paths';
/** Settings naming files to read: restricted to the user's own value in an untrusted workspace. */
const RESTRICTED = [CORPUS_PATHS, 'thesaurus.paths'] as const;
type RestrictedKey = (typeof RESTRICTED)[number];

/** The paths of a restricted setting the server may read: all when trusted, only the user-level value otherwise. */
export function allowedPaths(key: RestrictedKey, scope?: vscode.ConfigurationScope): string[] {
  const config = vscode.workspace.getConfiguration(SECTION, scope);
  if (vscode.workspace.isTrusted) return stringList(config.get<unknown>(key)) ?? [];
  const inspected = config.inspect<unknown>(key);
  return stringList(inspected?.globalValue) ?? stringList(inspected?.defaultValue) ?? [];
}

/** The corpus paths the server may read. */
export function allowedCorpusPaths(scope?: vscode.ConfigurationScope): string[] {
  return allowedPaths(CORPUS_PATHS, scope);
}

/** The whole `precedent` section as plain JSON, with the restricted paths as above. */
export function effectiveSettings(scope?: vscode.ConfigurationScope): Record<string, unknown> {
  const config = vscode.workspace.getConfiguration(SECTION, scope);
  const plain = JSON.parse(JSON.stringify(config)) as Record<string, unknown>;
  return withAllowedPaths(plain, scope);
}

/**
 * `middleware.workspace.configuration`: when untrusted, rewrites each answer so that wherever the corpus
 * paths appear (whole configuration, `precedent`, `precedent.corpus` or `precedent.corpus.paths`) they are
 * the user-level value.
 */
export const configurationMiddleware: NonNullable<NonNullable<Middleware['workspace']>['configuration']> = async (params, token, next) => {
  const answer = await next(params, token);
  if (vscode.workspace.isTrusted || !Array.isArray(answer)) return answer;
  return restrictAnswer(params, answer);
};

function restrictAnswer(params: ConfigurationParams, answer: unknown[]): unknown[] {
  return answer.map((value, index) => {
    const item = params.items[index];
    const scope = item?.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined;
    const section = item?.section ?? '';
    if (section === '') {
      const root = asRecord(value);
      const precedent = asRecord(root?.[SECTION]);
      return root && precedent ? { ...root, [SECTION]: withAllowedPaths(precedent, scope) } : value;
    }
    if (section === SECTION) {
      const precedent = asRecord(value);
      return precedent ? withAllowedPaths(precedent, scope) : value;
    }
    for (const key of RESTRICTED) {
      const [group, leaf] = key.split('.') as [string, string];
      if (section === `${SECTION}.${key}`) return allowedPaths(key, scope);
      if (section === `${SECTION}.${group}`) {
        const record = asRecord(value);
        return record ? { ...record, [leaf]: allowedPaths(key, scope) } : value;
      }
    }
    return value;
  });
}

function withAllowedPaths(precedent: Record<string, unknown>, scope?: vscode.ConfigurationScope): Record<string, unknown> {
  const out = { ...precedent };
  for (const key of RESTRICTED) {
    const [group, leaf] = key.split('.') as [string, string];
    out[group] = { ...(asRecord(out[group]) ?? {}), [leaf]: allowedPaths(key, scope) };
  }
  return out;
}

function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === 'string') : undefined;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
