// The hover card of an item: its closest earlier precedents, best first, each quoted with its source,
// a similarity percentage and a link that opens the precedent at its line. Every piece of corpus text is
// escaped: the card can be shown as untrusted Markdown and still never render a link, HTML or a command
// that a corpus file smuggled in.

import type { PrecedentMatch } from '../checks/lookup';
import type { Item } from '../document/model';
import { pageOf } from '../document/source';
import { escapeMarkdown, linkDestination } from './markdown';
import { describeSource, itemName, similarityPercent } from './provenance';

/** Builds the link target that opens a precedent at its item (a file URI with a `#L<line>` fragment, say). */
export type PrecedentLink = (match: PrecedentMatch) => string;

/** Builds the link that opens a precedent's original file (a PDF at its page), or null for a text file. */
export type OriginalLink = (match: PrecedentMatch) => string | null;

export function hoverCard(item: Item, matches: readonly PrecedentMatch[], linkOf: PrecedentLink, originalLinkOf: OriginalLink = () => null): string {
  const lines: string[] = [];
  const subject = item.number !== null ? escapeMarkdown(itemName(item)) : item.marker.kind === 'paragraph' ? 'this paragraph' : 'this item';
  if (matches.length === 0) {
    lines.push(`**Precedents** for ${subject}: none found above the similarity threshold.`);
    return lines.join('\n');
  }
  lines.push(`**Precedents** for ${subject} (closest first)`, '');
  matches.forEach((match, rank) => {
    if (rank > 0) lines.push('', '---', '');
    lines.push(precedentCard(match, linkOf(match), originalLinkOf(match)));
  });
  return lines.join('\n');
}

/**
 * One precedent as Markdown: similarity and source, the quoted text, a link to open it (and, for a PDF, Word
 * file or web page, one to its original). Also the documentation of a precedent completion.
 */
export function precedentCard(match: PrecedentMatch, link: string, originalLink: string | null = null): string {
  const format = match.document.source?.format.toUpperCase();
  const page = pageOf(match.document, match.item);
  const original = originalLink === null || format === undefined ? '' : ` · [Open the ${escapeMarkdown(format)}${page === null ? '' : ` at p. ${page}`}](${linkDestination(originalLink)})`;
  return [
    `**${similarityPercent(match.score)} similar** · ${escapeMarkdown(describeSource(match.document, match.item))}`,
    '',
    `> ${escapeMarkdown(match.item.text)}`,
    '',
    `[Open precedent](${linkDestination(link)})${original}`,
  ].join('\n');
}
