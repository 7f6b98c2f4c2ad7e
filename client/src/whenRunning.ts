// Requests from VS Code's providers (code actions, hover, completion, …) reach the server only while it runs.
// At a window reload VS Code asks for code actions while the client is still starting, or already stopping;
// sent then, vscode-languageclient fails them with "Request textDocument/codeAction failed. Error: Starting
// server failed" in the log. Here a request made while the server starts waits for the start, and one made
// while it stops (or after it failed to start) is answered with nothing, as if there were nothing to offer:
// VS Code asks again at the next cursor move or edit.

import type { Middleware } from 'vscode-languageclient/node';

export interface ServerGate {
  /** The server answers requests now. */
  running(): boolean;
  /** The server is starting (its start may still succeed). */
  starting(): boolean;
  /** Settles when the current start has settled. */
  ready(): Promise<unknown>;
}

/** Forwards to `next` once the server runs; undefined when it does not, or stops meanwhile. */
export async function whenRunning<T>(gate: ServerGate, next: () => T): Promise<Awaited<T> | undefined> {
  if (!gate.running()) {
    if (!gate.starting()) return undefined;
    await gate.ready().catch(() => undefined);
    if (!gate.running()) return undefined;
  }
  return await next();
}

type Provider = (...args: never[]) => unknown;

/** Wraps a provider middleware around `next` (always its last argument). */
function gated(gate: ServerGate): Provider {
  return ((...args: unknown[]) => {
    const next = args[args.length - 1] as (...rest: unknown[]) => unknown;
    const rest = args.slice(0, -1);
    return whenRunning(gate, () => next(...rest));
  }) as Provider;
}

/** Middleware that holds back every provider request Precedent's server answers until the server runs. */
export function providerMiddleware(gate: ServerGate): Middleware {
  const guard = gated(gate);
  return {
    provideCodeActions: guard as Middleware['provideCodeActions'],
    provideHover: guard as Middleware['provideHover'],
    provideCompletionItem: guard as Middleware['provideCompletionItem'],
    resolveCompletionItem: guard as Middleware['resolveCompletionItem'],
    provideDefinition: guard as Middleware['provideDefinition'],
    provideReferences: guard as Middleware['provideReferences'],
    provideDocumentSymbols: guard as Middleware['provideDocumentSymbols'],
    provideWorkspaceSymbols: guard as Middleware['provideWorkspaceSymbols'],
    provideOnTypeFormattingEdits: guard as Middleware['provideOnTypeFormattingEdits'],
    provideInlayHints: guard as Middleware['provideInlayHints'],
  };
}
