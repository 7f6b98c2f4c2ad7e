// How a precedent's source is named to a person, the same short way everywhere (hovers, completion details,
// findings, reports, the CLI): "Viet Nam · 13th AFML · 28 Sep 2020 · Sub-theme 1 · item 14".

import type { Item, RecDocument } from './model';
import { pageOf } from './source';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** Longest title or section shown before it is cut: a source is one line. */
const MAX_NAME = 48;

/**
 * The source of a precedent item: who (country, else the title, else the file), forum, date, section, item, and
 * for an extracted document its file and page. "Viet Nam · 13th AFML · 28 Sep 2020 · Sub-theme 1 · item 14".
 */
export function describeSource(document: RecDocument, item: Item): string {
  const { date } = document.metadata;
  const section = shortSection(document.sections[item.section]?.title ?? '');
  const parts = [author(document), shortForum(document), date ? formatDate(date, 'short') : null, section, item.label ? itemInDocument(document, item) : null, originalOf(document, item)];
  return parts.filter((part): part is string => Boolean(part)).join(' · ');
}

/** Who made the recommendations: the country, else the document's title, else its file name. */
export function author(document: RecDocument): string {
  const { country, title } = document.metadata;
  return country ?? (title ? cut(title) : fileName(document.id));
}

/** "13th ASEAN Forum on Migrant Labour" → "13th AFML"; other forums as written. */
export function shortForum(document: RecDocument): string | null {
  const forum = document.metadata.forum;
  return forum === null ? null : cut(forum.replace(/ASEAN Forum on Migrant Labou?r/i, 'AFML'));
}

/** A section by its number where it has one ("Sub-theme 1: Impact of…" → "Sub-theme 1"), else its title. */
function shortSection(title: string): string | null {
  const numbered = /^(?:sub[-\s]?theme|theme|part|section|chapter|pillar|area)\s+[\dIVXivx]+\b/i.exec(title.trim());
  if (numbered) return numbered[0];
  return title.trim() === '' ? null : cut(title.trim());
}

function cut(text: string): string {
  return text.length <= MAX_NAME ? text : `${text.slice(0, MAX_NAME - 1).trimEnd()}…`;
}

/**
 * Where an extracted item is in its original: the file's name and, for a PDF, the page ("vn-2020.pdf p. 3").
 * Null for a text file, whose line is its place.
 */
export function originalOf(document: RecDocument, item: Item): string | null {
  if (document.source === undefined) return null;
  const page = pageOf(document, item);
  return page === null ? fileName(document.id) : `${fileName(document.id)} p. ${page}`;
}

/** How an item is named in a sentence: "item 14", "item (a)", "the item on line 12" (bullets), "the paragraph on line 3". */
export function itemName(item: Item): string {
  if (item.number !== null) return `item ${item.label.replace(/\.$/, '')}`;
  return `the ${item.marker.kind === 'paragraph' ? 'paragraph' : 'item'} on line ${item.range.start.line + 1}`;
}

/**
 * How an item of another document is named: "item 14" when it has a number, else by its place in its section's
 * list ("8th item"): the line of someone else's file, or of a PDF's extracted text, means nothing to a reader.
 */
export function itemInDocument(document: RecDocument, item: Item): string {
  if (item.number !== null) return itemName(item);
  let place = 0;
  for (const other of document.items) {
    if (other.section === item.section && other.list === item.list) place++;
    if (other === item || other.index === item.index) break;
  }
  return `${ordinal(place)} ${item.marker.kind === 'paragraph' ? 'paragraph' : 'item'}`;
}

function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : n % 10 === 1 ? 'st' : n % 10 === 2 ? 'nd' : n % 10 === 3 ? 'rd' : 'th';
  return `${n}${suffix}`;
}

/** The source of a precedent document, in brief: who, forum, year ("Viet Nam · 13th AFML · 2020"). */
export function describeSourceBriefly(document: RecDocument): string {
  const { date } = document.metadata;
  return [author(document), shortForum(document), date ? date.slice(0, 4) : null].filter((part): part is string => Boolean(part)).join(' · ');
}

/** A similarity as people read it: "87%"; never "100%" unless the texts are the same for the index. */
export function similarityPercent(score: number): string {
  return `${score >= 0.9995 ? 100 : Math.min(99, Math.round(score * 100))}%`;
}

/** "2020-09-28" → "28 September 2020" (or "28 Sep 2020", `short`). */
export function formatDate(iso: string, style: 'long' | 'short' = 'long'): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return iso;
  const month = MONTHS[Number(match[2]) - 1];
  return `${Number(match[3])} ${month === undefined ? match[2] : style === 'short' ? month.slice(0, 3) : month} ${match[1]}`;
}

function fileName(id: string): string {
  const name = id.split(/[\\/]/).pop() ?? id;
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

/**
 * The shortest name of a precedent item, for places with room for a few words: "Viet Nam 2020, item 14" in a
 * sentence (a quick-fix title), "Viet Nam 2020 · 14" compact (an inlay hint). A bulleted item is named by its
 * place in its list: "Viet Nam 2020, 8th item".
 */
export function shortSource(document: RecDocument, item: Item, style: 'sentence' | 'compact' = 'sentence'): string {
  const { country, date } = document.metadata;
  const year = date ? date.slice(0, 4) : null;
  const source = country ? [country, year].filter(Boolean).join(' ') : [document.metadata.title ?? fileName(document.id), year].filter(Boolean).join(', ');
  const compact = style === 'compact';
  return `${source}${compact ? ' · ' : ', '}${shortItemName(document, item, compact)}`;
}

/** "item 14", "item (a)"; a bullet by its place in its list ("8th item", `itemInDocument`); only the label ("14") when `bare`. */
function shortItemName(document: RecDocument, item: Item, bare: boolean): string {
  if (item.number === null) return itemInDocument(document, item);
  // "14." → "14", "2)" → "2"; "(a)" stays whole (an "a" alone does not read as a label).
  const label = item.label.startsWith('(') ? item.label : item.label.replace(/[.)]$/, '');
  return bare ? label : `item ${label}`;
}
