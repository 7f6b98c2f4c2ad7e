// Recognises a document's metadata from its own words: the title block before the first section or item,
// and a closing line such as "The meeting was held on 28 September 2020 at Hanoi, Viet Nam, and online."
// A field the text does not state plainly stays null: a wrong country or date shown with confidence is worse
// than none.

import type { DocumentMetadata } from './model';

/** Countries of the region as documents write them, mapped to the name the index shows. */
const COUNTRIES: [RegExp, string][] = [
  [/\bviet\s?nam(?:ese)?\b/i, 'Viet Nam'],
  [/\blao\s+pdr\b|\blao\s+people'?s\s+democratic\s+republic\b|\blaos\b/i, 'Lao PDR'],
  [/\bcambodia\b/i, 'Cambodia'],
  [/\bindonesia\b/i, 'Indonesia'],
  [/\bmalaysia\b/i, 'Malaysia'],
  [/\bmyanmar\b/i, 'Myanmar'],
  [/\bphilippines\b/i, 'Philippines'],
  [/\bsingapore\b/i, 'Singapore'],
  [/\bthailand\b/i, 'Thailand'],
  [/\bbrunei(?:\s+darussalam)?\b/i, 'Brunei Darussalam'],
  [/\btimor[-\s]leste\b/i, 'Timor-Leste'],
];

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH = `(${MONTHS.join('|')}|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\\.?`;
const DAY_MONTH_YEAR = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH}\\s*,?\\s+(\\d{4})\\b`, 'i');
const MONTH_DAY_YEAR = new RegExp(`\\b${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?\\s*,?\\s+(\\d{4})\\b`, 'i');
const ISO_DATE = /\b(\d{4})-(\d{2})-(\d{2})\b/;

const FORUM = /\b(\d{1,2})\s*(st|nd|rd|th)\s+(?:ASEAN\s+Forum\s+on\s+Migrant\s+Labou?r|AFML)\b/i;
/** "The meeting was held on <date> at <place>[, and online]." and its usual variants. */
const CLOSING_PLACE = /\b(?:held|organi[sz]ed|convened|took\s+place)\b[^.]*?\b(?:at|in)\s+([^.;]+?)(?:,?\s+(?:and|&)\s+(?:online|virtually|via\s+\w+))?\s*\.?\s*$/i;

export function emptyMetadata(): DocumentMetadata {
  return { title: null, country: null, forum: null, date: null, place: null };
}

/**
 * Metadata from a document's header lines (before its first section or item) and its closing lines
 * (non-item lines after the last item).
 */
export function recogniseMetadata(headerLines: readonly string[], closingLines: readonly string[], prose: boolean): DocumentMetadata {
  const metadata = emptyMetadata();
  const header = headerLines.map((line) => line.trim()).filter((line) => line.length > 0);

  metadata.title = recogniseTitle(header, prose);
  const titleCountry = metadata.title ? findCountry(metadata.title, true) : null;

  for (const line of header) {
    metadata.forum ??= findForum(line);
    metadata.date ??= findDate(line);
  }

  for (const line of closingLines) {
    const place = CLOSING_PLACE.exec(line.trim());
    if (place) {
      metadata.place ??= cleanPlace(place[1]!);
      metadata.date ??= findDate(line);
    }
  }

  metadata.country = titleCountry ?? (metadata.place ? findCountry(metadata.place, false) : null);
  if (metadata.title) metadata.title = metadata.title.normalize('NFC');
  if (metadata.place) metadata.place = metadata.place.normalize('NFC');
  return metadata;
}

/**
 * The place out of "… held at <place>": only the place, not "at Phnom Penh, Cambodia on 5 October 2024" whole,
 * date and all, and never "in a hybrid format": a place is a name (a capital letter first), and stops where a
 * date or "on …" begins.
 */
function cleanPlace(captured: string): string | null {
  let place = captured.replace(/^the\s+/i, '').trim();
  const stop = /,?\s+(?:on|from|between|during|via)\s|,?\s*\b\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]+\.?,?\s+\d{4}\b|,?\s*\b\d{4}-\d{2}-\d{2}\b/i.exec(place);
  if (stop) place = place.slice(0, stop.index);
  place = place.replace(/[\s,]+$/, '');
  return /^\p{Lu}/u.test(place) ? place : null;
}

function recogniseTitle(header: readonly string[], prose: boolean): string | null {
  // A title names the document: "Viet Nam National Recommendations for the 13th ASEAN Forum…",
  // "Recommendations from Viet Nam National Tripartite Preparatory Workshop". A bare "Recommendations" is a heading.
  const named = header.find((line) => /recommendation/i.test(line) && line.split(/\s+/).length >= 3);
  // clean() can leave nothing ("**"): an empty title is no title.
  if (named) return clean(named) || null;
  // A news article or report: its first line, when it reads as a headline (short, not a sentence).
  if (prose && header.length > 0) {
    const first = header[0]!;
    if (first.length <= 160 && !/[.;:,]$/.test(first)) return clean(first) || null;
  }
  return null;
}

function clean(line: string): string {
  return line.replace(/^#+\s*/, '').replace(/^[*_]+|[*_]+$/g, '').replace(/\s+/g, ' ').trim();
}

/**
 * The country a title is about. In a title only the pattern "<Country> National …" / "from <Country> National …" /
 * "of <Country>" counts: "safe labour migration in Vietnam" describes a topic, not the author.
 */
function findCountry(original: string, titleOnly: boolean): string | null {
  // Diacritics folded (NFD, marks removed), so that "Việt Nam" in NFC or NFD reads as Viet Nam.
  const text = original.normalize('NFD').replace(/\p{M}/gu, '');
  for (const [pattern, name] of COUNTRIES) {
    const match = pattern.exec(text);
    if (!match) continue;
    if (!titleOnly) return name;
    const after = text.slice(match.index + match[0].length);
    const before = text.slice(0, match.index);
    if (/^\s*(?:national|government|tripartite|country)\b/i.test(after) || /\b(?:of|by)\s+(?:the\s+)?$/i.test(before) || before.trim() === '') return name;
  }
  return null;
}

export function findForum(text: string): string | null {
  const match = FORUM.exec(text);
  return match ? `${match[1]}${match[2]!.toLowerCase()} ASEAN Forum on Migrant Labour` : null;
}

/** The first date written out in full in `text`, as ISO 8601; numeric day/month orders are ambiguous and skipped. */
export function findDate(text: string): string | null {
  const iso = ISO_DATE.exec(text);
  if (iso) return validDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const dmy = DAY_MONTH_YEAR.exec(text);
  if (dmy) return validDate(Number(dmy[3]), monthNumber(dmy[2]!), Number(dmy[1]));
  const mdy = MONTH_DAY_YEAR.exec(text);
  if (mdy) return validDate(Number(mdy[3]), monthNumber(mdy[1]!), Number(mdy[2]));
  return null;
}

function monthNumber(name: string): number {
  const prefix = name.toLowerCase().replace('.', '').slice(0, 3);
  return MONTHS.findIndex((month) => month.startsWith(prefix)) + 1;
}

function validDate(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || year < 1900 || year > 2200) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
