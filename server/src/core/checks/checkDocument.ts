// All checks of one draft, in one call: what the server publishes as diagnostics and the CLI prints. The server
// may also run them in two parts — the structure (numbering, duplicates: fast, every warning) at once, the
// precedent reuse (one index question per item) a few items at a time — and join them with `withSeverities`.

import type { RecDocument } from '../document/model';
import { checkDuplicates, type SimilarPairs, type TextSimilarity } from './duplicates';
import type { CheckSettings } from './checkSettings';
import type { Finding } from './finding';
import type { PrecedentLookup } from './lookup';
import { checkNumbering } from './numbering';
import { checkRecurringRecommendations } from './recurrence';
import { checkPrecedentReuse, DEFAULT_REUSE_THRESHOLD } from './reuse';
import { checkVagueActions } from './vagueAction';
import type { ActionVerbs } from '../text/actionVerbs';

export interface CheckContext {
  precedents: PrecedentLookup;
  similarity: TextSimilarity;
  /** Optional: the pairs of a draft's items above a threshold at once (same scores as `similarity`), faster. */
  similarPairs?: SimilarPairs;
  settings: CheckSettings;
  /** The action scale's verb lists, for `vague-action` (without them, that check is not run). */
  actionVerbs?: ActionVerbs;
}

/** What an index offers the checks (the precedent index has all three). */
export interface CheckableIndex extends PrecedentLookup {
  similarity: TextSimilarity;
  similarPairs: SimilarPairs;
}

export function checkContext(index: CheckableIndex, settings: CheckSettings, actionVerbs?: ActionVerbs): CheckContext {
  return { precedents: index, similarity: (a, b) => index.similarity(a, b), similarPairs: (texts, threshold) => index.similarPairs(texts, threshold), settings, actionVerbs };
}

export function checkDocument(document: RecDocument, context: CheckContext): Finding[] {
  let structure: Finding[] = [];
  const structureChecks = (): void => {
    structure = checkStructure(document, context);
  };
  let reuse: Finding[] = [];
  // The structure is checked while the index may have a second thread answer the reuse questions.
  if (context.settings.diagnostics.precedentReuse) reuse = checkPrecedentReuse(document, context.precedents, DEFAULT_REUSE_THRESHOLD, structureChecks);
  else structureChecks();
  const recurring = context.settings.diagnostics.recurringRecommendation ? checkRecurringRecommendations(document, context.precedents, recurrenceOptions(context.settings)) : [];
  return withSeverities([...structure, ...reuse, ...recurring], context.settings);
}

/** What the recurring-recommendation check takes from the settings. */
export function recurrenceOptions(settings: CheckSettings): { minScore: number; minOccasions: number } {
  return { minScore: settings.similarity.threshold, minOccasions: settings.recurrence.minOccasions };
}

/** Numbering and duplicates, without severities applied. */
export function checkStructure(document: RecDocument, context: CheckContext): Finding[] {
  // A label that Word's automatic numbering wrote cannot be misnumbered: no numbering finding lands on one.
  const generated = new Set(document.source?.generatedLabelLines ?? []);
  return [
    ...checkNumbering(document, context.settings.numbering.style).filter((finding) => !generated.has(finding.range.start.line)),
    ...checkDuplicates(document, context.similarity, context.settings.duplicates.threshold, context.similarPairs),
    ...(context.settings.diagnostics.vagueAction && context.actionVerbs ? checkVagueActions(document, context.actionVerbs) : []),
  ];
}

/** The findings with the configured severities ("off" ones dropped), in document order. */
export function withSeverities(findings: readonly Finding[], settings: CheckSettings): Finding[] {
  const result: Finding[] = [];
  for (const finding of findings) {
    const severity = settings.diagnostics.severity[finding.code] ?? finding.severity;
    if (severity !== 'off') result.push({ ...finding, severity });
  }
  return result.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}
