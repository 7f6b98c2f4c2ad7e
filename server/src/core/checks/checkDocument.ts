// All checks of one draft, in one call: what the server publishes as diagnostics and the CLI prints.

import type { RecDocument } from '../document/model';
import type { PrecedentSettings } from '../settings';
import { checkDuplicates, type SimilarPairs, type TextSimilarity } from './duplicates';
import type { Finding } from './finding';
import type { PrecedentLookup } from './lookup';
import { checkNumbering } from './numbering';
import { checkPrecedentReuse } from './reuse';

export interface CheckContext {
  precedents: PrecedentLookup;
  similarity: TextSimilarity;
  /** Optional: the pairs of a draft's items above a threshold at once (same scores as `similarity`), faster. */
  similarPairs?: SimilarPairs;
  settings: PrecedentSettings;
}

export function checkDocument(document: RecDocument, context: CheckContext): Finding[] {
  const { settings } = context;
  const findings = [
    ...checkNumbering(document, settings.numbering.style),
    ...checkDuplicates(document, context.similarity, settings.duplicates.threshold, context.similarPairs),
    ...(settings.diagnostics.precedentReuse ? checkPrecedentReuse(document, context.precedents) : []),
  ];
  const result: Finding[] = [];
  for (const finding of findings) {
    const severity = settings.diagnostics.severity[finding.code] ?? finding.severity;
    if (severity !== 'off') result.push({ ...finding, severity });
  }
  return result.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}
