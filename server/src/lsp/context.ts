// What every handler needs: the connection, the open drafts (parsed once per version), the library and
// the current settings. Handlers are glue: they read from here, call the core, convert the answer.

import { ResponseError, ErrorCodes, type Connection, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { RecDocument } from '../core/document/model';
import { parseDocument } from '../core/document/parse';
import type { PrecedentSettings } from '../core/settings';
import { canonicalId } from '../node/fileUri';
import type { PrecedentLibrary } from '../node/precedentLibrary';

export interface ServerContext {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  /** The precedent library; its answers include the open drafts' newest texts (see `PrecedentLibrary.precedents`). */
  readonly library: PrecedentLibrary;
  settings(): PrecedentSettings;
  /** The parsed draft of an open document (cached per version), or null when the document is not open. */
  draft(uri: string): { text: TextDocument; document: RecDocument } | null;
  /** The URI a document id should be shown as to the client (the client's own spelling for open drafts). */
  uriOf(id: string): string;
  log(message: string): void;
  /** Whether the client takes versioned document edits (so an edit made for an older text is refused). */
  versionedEdits(): boolean;
}

export class DraftCache {
  private readonly cache = new Map<string, { version: number; document: RecDocument }>();

  get(text: TextDocument): RecDocument {
    const cached = this.cache.get(text.uri);
    if (cached && cached.version === text.version) return cached.document;
    const document = parseDocument(text.getText(), canonicalId(text.uri));
    this.cache.set(text.uri, { version: text.version, document });
    return document;
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }
}

/**
 * Runs one request's work so that a failure stays that request's: logged with its stack, answered with an
 * error, and the server goes on serving.
 */
export function guarded<P, R>(context: Pick<ServerContext, 'log'>, name: string, handler: (params: P) => R): (params: P) => R {
  return (params: P) => {
    try {
      return handler(params);
    } catch (error) {
      const detail = error instanceof Error ? error.stack ?? error.message : String(error);
      context.log(`${name} failed: ${detail}`);
      throw new ResponseError(ErrorCodes.InternalError, `${name} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
}
