// Diagnostics, pushed per draft after a short quiet time. A storm of edits never queues stale work: each
// change replaces the pending check of its document, a check reads the newest text when it runs, and a
// result is published with its version only if no newer version was published before.

import type { TextDocument } from 'vscode-languageserver-textdocument';
import { checkDocument } from '../core/checks/checkDocument';
import { toDiagnostic } from './convert';
import type { ServerContext } from './context';

const QUIET_MS = 150;

export class DiagnosticsScheduler {
  private readonly pending = new Map<string, NodeJS.Timeout>();
  private readonly published = new Map<string, number>();
  relatedInformation = true;

  constructor(private readonly context: ServerContext) {}

  schedule(uri: string, delay = QUIET_MS): void {
    clearTimeout(this.pending.get(uri));
    this.pending.set(uri, setTimeout(() => {
      this.pending.delete(uri);
      this.publish(uri);
    }, delay));
  }

  scheduleAll(): void {
    for (const document of this.context.documents.all()) this.schedule(document.uri, 0);
  }

  clear(uri: string): void {
    clearTimeout(this.pending.get(uri));
    this.pending.delete(uri);
    this.published.delete(uri);
    void this.context.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  private publish(uri: string): void {
    const draft = this.context.draft(uri);
    if (!draft) return;
    const version = draft.text.version;
    if ((this.published.get(uri) ?? -Infinity) > version) return;
    try {
      const diagnostics = this.check(draft.text, draft.document);
      // The check is synchronous, so the text cannot have changed under it; a newer version may still have
      // been published by an earlier timer (versions only grow), which the test above rules out.
      this.published.set(uri, version);
      void this.context.connection.sendDiagnostics({ uri, version, diagnostics });
    } catch (error) {
      this.context.log(`Checking ${uri} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    }
  }

  private check(_text: TextDocument, document: Parameters<typeof checkDocument>[0]) {
    const index = this.context.library.index;
    const findings = checkDocument(document, { precedents: index, similarity: (a, b) => index.similarity(a, b), similarPairs: (texts, threshold) => index.similarPairs(texts, threshold), settings: this.context.settings() });
    return findings.map((finding) => toDiagnostic(finding, this.relatedInformation, (id) => this.context.uriOf(id)));
  }
}
