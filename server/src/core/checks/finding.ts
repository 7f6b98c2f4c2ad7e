// What a check reports: a plain-data diagnostic with a stable code. The server turns it into an LSP Diagnostic,
// the CLI into a text line, JSON or SARIF; both read the same fields.

import type { Range } from '../document/model';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** Stable codes: users filter on them, CI logs grep for them, settings name them. Never rename one. */
export const FINDING_CODES = [
  'duplicate-item',
  'numbering-gap',
  'numbering-repeat',
  'numbering-order',
  'numbering-start',
  'numbering-restart',
  'marker-mixed',
  'precedent-reuse',
] as const;

export type FindingCode = (typeof FINDING_CODES)[number];

export const DEFAULT_SEVERITIES: Record<FindingCode, Severity> = {
  'duplicate-item': 'warning',
  'numbering-gap': 'warning',
  'numbering-repeat': 'warning',
  'numbering-order': 'warning',
  'numbering-start': 'warning',
  'numbering-restart': 'warning',
  'marker-mixed': 'warning',
  'precedent-reuse': 'information',
};

/** A place in this or another document that explains a finding (the other duplicate, the precedent reused). */
export interface RelatedLocation {
  /** The id of the document the range is in (the draft's own id, or a precedent's). */
  documentId: string;
  range: Range;
  message: string;
}

export interface Finding {
  code: FindingCode;
  severity: Severity;
  message: string;
  range: Range;
  related: RelatedLocation[];
  /** For numbering findings: the list to renumber; for duplicates and reuse: the item concerned. */
  list?: number;
  item?: number;
}

export function isNumberingCode(code: FindingCode): boolean {
  return code.startsWith('numbering-') || code === 'marker-mixed';
}
