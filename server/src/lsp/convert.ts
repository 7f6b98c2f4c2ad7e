// Core data ⇄ LSP types. The core speaks plain ranges and findings; this file is the only place that knows
// how they look on the wire.

import { DiagnosticSeverity, type Diagnostic, type DiagnosticRelatedInformation } from 'vscode-languageserver/node';
import type { Finding, Severity } from '../core/checks/finding';
import type { Item, Range, RecDocument } from '../core/document/model';
import { pageOf } from '../core/document/source';

export const DIAGNOSTIC_SOURCE = 'precedent';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toDiagnostic(finding: Finding, relatedSupport: boolean, uriOf: (documentId: string) => string): Diagnostic {
  const diagnostic: Diagnostic = {
    range: finding.range,
    severity: SEVERITY[finding.severity],
    source: DIAGNOSTIC_SOURCE,
    code: finding.code,
    message: finding.message,
    data: { list: finding.list, item: finding.item },
  };
  if (relatedSupport && finding.related.length > 0) {
    diagnostic.relatedInformation = finding.related.map((related): DiagnosticRelatedInformation => ({
      location: { uri: uriOf(related.documentId), range: related.range },
      message: related.message,
    }));
  }
  return diagnostic;
}

/** The original file of an extracted document, at its page where it has pages (PDF viewers read `#page=`); else null. */
export function originalLink(document: RecDocument, item: Item): string | null {
  if (document.source === undefined) return null;
  const page = pageOf(document, item);
  return page === null ? document.id : `${document.id}#page=${page}`;
}

/**
 * A link that opens a document with a range selected: `#L<line>,<column>-L<line>,<column>` (1-based), which
 * VS Code reads on any link; clients that read only `#L<line>` still land on the first line.
 */
export function rangeLink(uri: string, range: Range): string {
  return `${uri}#L${range.start.line + 1},${range.start.character + 1}-L${range.end.line + 1},${range.end.character + 1}`;
}
