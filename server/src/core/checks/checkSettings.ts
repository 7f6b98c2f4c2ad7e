// What the checks read of the user's settings, and nothing more: the checks depend on this narrow shape, and the
// whole settings (`core/settings.ts`, which extends it) are passed in where they are run.

import type { FindingCode, Severity } from './finding';
import type { NumberingStyle } from './numbering';

export interface CheckSettings {
  /** Lowest similarity at which a precedent is the item asked again (recurring-recommendation). */
  similarity: { threshold: number };
  duplicates: { threshold: number };
  numbering: { style: NumberingStyle };
  /** Occasions (earlier documents asking an item) from which `recurring-recommendation` reports it. */
  recurrence: { minOccasions: number };
  diagnostics: {
    precedentReuse: boolean;
    vagueAction: boolean;
    recurringRecommendation: boolean;
    /** Per-code severity overrides; "off" silences a code. */
    severity: Partial<Record<FindingCode, Severity | 'off'>>;
  };
}
