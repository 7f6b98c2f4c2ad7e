// What a panel that follows the cursor shows for the item under it: the item, how often it was asked before
// (its occasions), and its closest precedents, each with similarity, source, occasion, quoted text and place.
// Plain data with document ids; the server names them as URIs for its client.

import { draftPrecedents, type PrecedentLookup, type PrecedentMatch } from '../checks/lookup';
import type { Item, Position, Range, RecDocument } from '../document/model';
import { pageOf } from '../document/source';
import { itemAt } from './itemAt';
import { describeOccasion, describeRecurrence, OCCASION_MATCH_LIMIT, recurrenceFromMatches, type Occasion } from '../checks/occasions';
import { describeSource } from '../document/provenance';

export const DEFAULT_PANEL_PRECEDENTS = 20;
export const MAX_PANEL_PRECEDENTS = 100;

export interface PanelPrecedent {
  text: string;
  /** Cosine similarity, 0..1. */
  similarity: number;
  /** It shares only general words with the item (listed after the others): loosely related. */
  loose: boolean;
  source: { title: string | null; country: string | null; forum: string | null; date: string | null; page: number | null; section: string | null; label: string | null };
  /** The occasion the precedent was said at: "Viet Nam (13th AFML, 2020, item 4)". */
  occasion: string;
  /** Its source, named as everywhere: "Viet Nam · 13th AFML · 28 Sep 2020 · Sub-theme 1 · item 4" (with file and page when extracted). */
  citation: string;
  documentId: string;
  range: Range;
}

export interface PanelOccasion {
  /** "Viet Nam (13th AFML, 2020, item 4)". */
  summary: string;
  who: string;
  forum: string | null;
  date: string | null;
  /** Items of the occasion above the threshold (near-identical items of one document count once as an occasion). */
  items: number;
  /** The occasion's best item. */
  best: PanelPrecedent;
}

export interface PrecedentsPanel {
  item: { label: string; text: string; range: Range; wordingRange: Range } | null;
  /** "Asked twice before, since 2020: …"; "" when the item was asked nowhere. */
  recurrence: string;
  /** Oldest first, undated last. */
  occasions: PanelOccasion[];
  /** Best first: every place, each one to open (the hover says each text of an occasion once instead). */
  precedents: PanelPrecedent[];
}

export interface PanelQuery {
  minScore: number;
  /** Precedents listed (the occasions count every precedent above `minScore`, up to OCCASION_MATCH_LIMIT). */
  limit: number;
}

export function precedentsPanel(document: RecDocument, position: Position, precedents: PrecedentLookup, query: PanelQuery): PrecedentsPanel {
  const item = itemAt(document, position);
  if (!item || item.text.length === 0) return { item: null, recurrence: '', occasions: [], precedents: [] };
  const limit = Math.max(OCCASION_MATCH_LIMIT, query.limit);
  const matches = draftPrecedents(precedents, document, item.text, { limit, minScore: query.minScore });
  const recurrence = recurrenceFromMatches(matches, { complete: matches.length < limit, draftDate: document.metadata.date });
  const occasionOf = new Map<PrecedentMatch, Occasion>();
  for (const occasion of recurrence.occasions) for (const match of occasion.matches) occasionOf.set(match, occasion);
  const entry = (match: PrecedentMatch) => panelPrecedent(match, occasionOf.get(match)!);
  return {
    item: { label: item.label, text: item.text, range: item.range, wordingRange: wordingRange(item) },
    recurrence: describeRecurrence(recurrence),
    occasions: recurrence.occasions.map((occasion) => ({ summary: describeOccasion(occasion), who: occasion.who, forum: occasion.forum, date: occasion.date, items: occasion.matches.length, best: entry(occasion.best) })),
    precedents: matches.slice(0, query.limit).map(entry),
  };
}

function panelPrecedent(match: PrecedentMatch, occasion: Occasion): PanelPrecedent {
  const { document, item, score } = match;
  const { title, country, forum, date } = document.metadata;
  return {
    text: item.text,
    similarity: score,
    loose: match.loose ?? false,
    source: { title, country, forum, date, page: pageOf(document, item), section: document.sections[item.section]?.title || null, label: item.label || null },
    occasion: describeOccasion(occasion),
    citation: describeSource(document, item),
    documentId: document.id,
    range: item.range,
  };
}

/** The item's words without its label: what "replace the item with a precedent's wording" replaces. */
export function wordingRange(item: Item): Range {
  const { labelRange, range, raw } = item;
  if (labelRange.end.line !== range.start.line || labelRange.end.character === labelRange.start.character) return range;
  // Skip the spaces after the label, on the label's line (raw starts at the item's start).
  let offset = labelRange.end.character - range.start.character;
  while (offset < raw.length && (raw[offset] === ' ' || raw[offset] === '\t')) offset++;
  const start = raw[offset] === '\n' || raw[offset] === '\r' || offset >= raw.length ? labelRange.end : { line: range.start.line, character: range.start.character + offset };
  return { start, end: range.end };
}
