// How a precedent's source is named to a person: in hovers, completion details, findings and reports.
// "Viet Nam, 13th ASEAN Forum on Migrant Labour, 28 September 2020, Sub-theme 1: …, item 6".

import type { Item, RecDocument } from '../document/model';
import { pageOf } from '../document/source';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** The full source of a precedent item: document, country, forum, date, section, label. */
export function describeSource(document: RecDocument, item: Item): string {
  const { title, country, forum, date } = document.metadata;
  const section = document.sections[item.section]?.title;
  const head = title ?? fileName(document.id);
  // A title usually names the country and forum already ("Viet Nam National Recommendations for the 13th …").
  const known = (part: string | null) => part !== null && head.toLowerCase().includes(part.toLowerCase());
  const parts = [head, known(country) ? null : country, known(forum) ? null : forum, date ? formatDate(date) : null, section && section !== head ? section : null, item.label ? itemInDocument(document, item) : null, originalOf(document, item)];
  return parts.filter((part): part is string => Boolean(part)).join(', ');
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

/** The short source of a precedent: country, forum, year ("Viet Nam, 13th ASEAN Forum on Migrant Labour, 2020"). */
export function describeSourceBriefly(document: RecDocument): string {
  const { title, country, forum, date } = document.metadata;
  const parts = [country, forum, date ? date.slice(0, 4) : null].filter((part): part is string => Boolean(part));
  return parts.length > 0 ? parts.join(', ') : title ?? fileName(document.id);
}

/** A similarity as people read it: "87%"; never "100%" unless the texts are the same for the index. */
export function similarityPercent(score: number): string {
  return `${score >= 0.9995 ? 100 : Math.min(99, Math.round(score * 100))}%`;
}

/** "2020-09-28" → "28 September 2020". */
export function formatDate(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return iso;
  return `${Number(match[3])} ${MONTHS[Number(match[2]) - 1] ?? match[2]} ${match[1]}`;
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
