// Hover over an item: how often it was asked before, then its closest earlier precedents
// (precedent.hover.maxResults), with links.

import { MarkupKind, type Hover, type HoverParams } from 'vscode-languageserver/node';
import { actionLevel, ACTION_LEVEL_NAMES } from '../core/text/actionLevel';
import { distinctPrecedents } from '../core/features/distinctPrecedents';
import { hoverCard } from '../core/features/hoverCard';
import { escapeMarkdown } from '../core/features/markdown';
import { itemAt } from '../core/features/itemAt';
import { OCCASION_MATCH_LIMIT, recurrenceFromMatches } from '../core/checks/occasions';
import { originalLink, rangeLink } from './convert';
import type { ServerContext } from './context';
import { closestPrecedents } from './precedents';

export function provideHover(context: ServerContext, params: HoverParams): Hover | null {
  const draft = context.draft(params.textDocument.uri);
  if (!draft) return null;
  const item = itemAt(draft.document, params.position);
  if (!item || item.text.length === 0) return null;
  const settings = context.settings();
  // One question answers both: the occasions need every precedent above the threshold, the card the best few
  // distinct ones (a document that repeats a text is one precedent there, as it is one occasion).
  const precedents = closestPrecedents(context, draft.document, item.text, OCCASION_MATCH_LIMIT);
  const recurrence = recurrenceFromMatches(precedents, { complete: precedents.length < OCCASION_MATCH_LIMIT, draftDate: draft.document.metadata.date });
  const matches = distinctPrecedents(precedents).slice(0, settings.hover.maxResults);
  const value = hoverCard(item, matches, (match) => rangeLink(context.uriOf(match.document.id), match.item.range), (match) => originalLink(match.document, match.item), recurrence);
  // How actionable the item is, under its precedents: a reviewer's question about the draft's own words.
  const reading = actionLevel(item.text, context.library.actionVerbs());
  const action = reading ? `\n\n*Action level ${reading.level} of 5, ${ACTION_LEVEL_NAMES[reading.level]}* (“${escapeMarkdown(reading.verb)}”${reading.specific ? `, ${escapeMarkdown(reading.specific)}` : ''})` : '';
  return { contents: { kind: MarkupKind.Markdown, value: value + action }, range: item.range };
}
