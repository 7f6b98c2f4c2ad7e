// The `precedent` settings as the server may see them. In an untrusted workspace (Restricted Mode) the corpus
// paths of the workspace's own settings are never used: a folder someone else configured could point the
// server at any file on the machine. Only the user's own value (or the default) is passed on, both in
// `initializationOptions` and in every `workspace/configuration` answer.

import * as vscode from 'vscode';
import type { ConfigurationParams, Middleware } from 'vscode-languageclient/node';

export const SECTION = 'precedent';
export const CORPUS_PATHS = 'corpus.paths';

/** The corpus paths the server may read: all of them when trusted, only the user-level value otherwise. */
export function allowedCorpusPaths(scope?: vscode.ConfigurationScope): string[] {
  const config = vscode.workspace.getConfiguration(SECTION, scope);
  if (vscode.workspace.isTrusted) return stringList(config.get<unknown>(CORPUS_PATHS)) ?? [];
  const inspected = config.inspect<unknown>(CORPUS_PATHS);
  return stringList(inspected?.globalValue) ?? stringList(inspected?.defaultValue) ?? [];
}

/** The whole `precedent` section as plain JSON, with the corpus paths restricted as above. */
export function effectiveSettings(scope?: vscode.ConfigurationScope): Record<string, unknown> {
  const config = vscode.workspace.getConfiguration(SECTION, scope);
  const plain = JSON.parse(JSON.stringify(config)) as Record<string, unknown>;
  return withCorpusPaths(plain, allowedCorpusPaths(scope));
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
    const paths = allowedCorpusPaths(scope);
    const section = item?.section ?? '';
    if (section === '') {
      const root = asRecord(value);
      const precedent = asRecord(root?.[SECTION]);
      return root && precedent ? { ...root, [SECTION]: withCorpusPaths(precedent, paths) } : value;
    }
    if (section === SECTION) {
      const precedent = asRecord(value);
      return precedent ? withCorpusPaths(precedent, paths) : value;
    }
    if (section === `${SECTION}.corpus`) {
      const corpus = asRecord(value);
      return corpus ? { ...corpus, paths } : value;
    }
    if (section === `${SECTION}.${CORPUS_PATHS}`) return paths;
    return value;
  });
}

function withCorpusPaths(precedent: Record<string, unknown>, paths: string[]): Record<string, unknown> {
  return { ...precedent, corpus: { ...(asRecord(precedent['corpus']) ?? {}), paths } };
}

function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === 'string') : undefined;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
