// The hover card of an item: first how often it was asked before (its occasions, see occasions.ts), then its
// closest earlier precedents, best first, each quoted with its source, a similarity percentage and a link that
// opens the precedent at its line. Every piece of corpus text is escaped: the card can be shown as untrusted
// Markdown and still never render a link, HTML or a command that a corpus file smuggled in.

import type { PrecedentMatch } from '../checks/lookup';
import type { Item } from '../document/model';
import { pageOf } from '../document/source';
import { escapeMarkdown, linkDestination } from './markdown';
import { describeRecurrence, type Recurrence } from '../checks/occasions';
import type { DistinctPrecedent } from './distinctPrecedents';
import { describeSource, itemName, originalOf, similarityPercent } from '../document/provenance';

/** Builds the link target that opens a precedent at its item (a file URI with a `#L<line>` fragment, say). */
export type PrecedentLink = (match: PrecedentMatch) => string;

/** Builds the link that opens a precedent's original file (a PDF at its page), or null for a text file. */
export type OriginalLink = (match: PrecedentMatch) => string | null;

export function hoverCard(item: Item, precedents: readonly (PrecedentMatch | DistinctPrecedent)[], linkOf: PrecedentLink, originalLinkOf: OriginalLink = () => null, recurrence?: Recurrence): string {
  const lines: string[] = [];
  // The history comes first: it is what a reviewer asks before reading any one precedent.
  const history = recurrence ? describeRecurrence(recurrence) : '';
  if (history) lines.push(escapeMarkdown(history), '');
  const subject = item.number !== null ? escapeMarkdown(itemName(item)) : item.marker.kind === 'paragraph' ? 'this paragraph' : 'this item';
  if (precedents.length === 0) {
    lines.push(`**Precedents** for ${subject}: none found above the similarity threshold.`);
    return lines.join('\n');
  }
  // Compact, so that three precedents fit a hover without scrolling: a rule between them and no blank line after
  // it (one before it is needed, or the line above would read as a heading).
  lines.push(`**Precedents** for ${subject} (closest first)`, '');
  precedents.forEach((precedent, rank) => {
    const { match, copies } = 'copies' in precedent ? precedent : { match: precedent, copies: [] };
    if (rank > 0) lines.push('', '---');
    lines.push(precedentCard(match, linkOf(match), originalLinkOf(match), copies.map((copy) => ({ name: copyName(copy), link: linkOf(copy) }))));
  });
  return lines.join('\n');
}

/** A copy's file, the shortest way it differs from the precedent shown: "viet-nam-afml13-2020.pdf p. 1". */
function copyName(copy: PrecedentMatch): string {
  return originalOf(copy.document, copy.item) ?? copy.document.id.split(/[\\/]/).pop()!;
}

/**
 * One precedent as Markdown: similarity and source, the quoted text, a link to open it (and, for a PDF, Word
 * file or web page, one to its original). Also the documentation of a precedent completion.
 */
export function precedentCard(match: PrecedentMatch, link: string, originalLink: string | null = null, copies: readonly { name: string; link: string }[] = []): string {
  const format = match.document.source?.format.toUpperCase();
  const page = pageOf(match.document, match.item);
  const original = originalLink === null || format === undefined ? '' : ` · [Open the ${escapeMarkdown(format)}${page === null ? '' : ` at p. ${page}`}](${linkDestination(originalLink)})`;
  const also = copies.length === 0 ? '' : ` · also in ${copies.map((copy) => `[${escapeMarkdown(copy.name)}](${linkDestination(copy.link)})`).join(', ')}`;
  return [
    `**${similarityPercent(match.score)} similar**${match.loose ? ` · ${LOOSELY_RELATED}` : ''} · ${escapeMarkdown(describeSource(match.document, match.item))} · [Open precedent](${linkDestination(link)})${original}${also}`,
    '',
    `> ${escapeMarkdown(quoted(match.item.text))}`,
  ].join('\n');
}

/** How a precedent that shares only general words (PrecedentMatch.loose) is introduced. */
export const LOOSELY_RELATED = 'loosely related (shares only general words)';

/** Words shown of a precedent in a card; the whole text is one click away. */
const QUOTE_CHARACTERS = 280;

function quoted(text: string): string {
  if (text.length <= QUOTE_CHARACTERS) return text;
  const cut = text.slice(0, QUOTE_CHARACTERS);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), QUOTE_CHARACTERS - 40)).trimEnd()}…`;
}
