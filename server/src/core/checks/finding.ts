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
  'vague-action',
  'recurring-recommendation',
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
  // Reuse is no fault: drafters reuse earlier wording on purpose. A hint is shown without a squiggle and kept out
  // of VS Code's Problems panel, beside an inlay hint naming the source; `diagnostics.severity` brings it back.
  'precedent-reuse': 'hint',
  'vague-action': 'hint',
  'recurring-recommendation': 'hint',
};

/** One line per code: what it means, for SARIF rules, LSP code descriptions and help text. */
export const FINDING_DESCRIPTIONS: Record<FindingCode, string> = {
  'duplicate-item': 'Two items of the draft are the same or nearly the same.',
  'numbering-gap': 'The numbering skips a number (1, 2, 4).',
  'numbering-repeat': 'An item repeats the previous number (1, 2, 2).',
  'numbering-order': 'Items are numbered out of order (3 before 2).',
  'numbering-start': 'A list starts at an unexpected number (a list that starts at 2).',
  'numbering-restart': 'Numbering restarts inside a section, or restarts in some sections but continues in others.',
  'marker-mixed': 'One list mixes label styles (1. beside 2), or bullets beside numbers).',
  'precedent-reuse': 'An item repeats or closely paraphrases an earlier precedent.',
  'vague-action': 'An item only asks others to act, to continue, or to consider a change (levels 1 to 3 of the UPR Info action scale).',
  'recurring-recommendation': 'An item was asked at several occasions of the precedent library (precedent.recurrence.minOccasions).',
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
