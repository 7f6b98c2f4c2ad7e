// The timeline of a recommendation: when, and by whom, an item (or each item of a draft) was asked before. One
// mark per occasion, placed at its year (undated ones in a "date unknown" column of their own, never among the
// years), sized and shaded by similarity, quoting the occasion's best item. The chart is a Vega-Lite spec — plain
// data — that the VS Code webview renders and the HTML report turns into SVG.

import { draftPrecedentsOfEach, type PrecedentLookup } from '../checks/lookup';
import type { Item, Range, RecDocument } from '../document/model';
import { describeOccasion, OCCASION_MATCH_LIMIT, recurrenceFromMatches } from '../checks/occasions';
import { similarityPercent } from '../document/provenance';

export const DATE_UNKNOWN = 'date unknown';

export interface TimelineMark {
  /** The chart's row: the country or author (one item's timeline), or the draft's item (a whole draft's). */
  row: string;
  who: string;
  /** The year ("2020"), or "date unknown". */
  when: string;
  date: string | null;
  similarity: number;
  /** "87%", for the tooltip. */
  percent: string;
  /** "Viet Nam (13th AFML, 2020, item 4)". */
  occasion: string;
  /** The occasion's best item, as said there (shortened for the tooltip). */
  quote: string;
  /** Where to open it. */
  documentId: string;
  range: Range;
}

export interface Timeline {
  scope: 'item' | 'draft';
  /** "3. Encourage job retention…" or the draft's title. */
  title: string;
  marks: TimelineMark[];
}

/** What the chart reads of a mark (the server sends marks with a URI instead of a document id). */
export type ChartMark = Omit<TimelineMark, 'documentId' | 'range'>;

const ROW_LENGTH = 48;
const QUOTE_LENGTH = 220;

/** The occasions of `items` of `document` (one item: rows by who; several: a row per item), above `minScore`. */
export function timeline(document: RecDocument, items: readonly Item[], precedents: PrecedentLookup, minScore: number, scope: 'item' | 'draft'): Timeline {
  const marks: TimelineMark[] = [];
  // A whole draft's questions at once: an index may answer a batch on two threads.
  const answers = draftPrecedentsOfEach(precedents, document, items.map((item) => item.text), { limit: OCCASION_MATCH_LIMIT, minScore });
  for (const [i, item] of items.entries()) {
    const matches = answers[i]!;
    const recurrence = recurrenceFromMatches(matches, { complete: matches.length < OCCASION_MATCH_LIMIT, draftDate: document.metadata.date });
    for (const occasion of recurrence.occasions) {
      const { best } = occasion;
      marks.push({
        row: scope === 'item' ? occasion.who : rowName(item),
        who: occasion.who,
        when: occasion.date === null ? DATE_UNKNOWN : occasion.date.slice(0, 4),
        date: occasion.date,
        similarity: Math.round(best.score * 1e4) / 1e4,
        percent: similarityPercent(best.score),
        occasion: describeOccasion(occasion),
        quote: shorten(best.item.text, QUOTE_LENGTH),
        documentId: best.document.id,
        range: best.item.range,
      });
    }
  }
  const title = scope === 'item' && items[0] ? rowName(items[0]) : document.metadata.title ?? 'the draft';
  return { scope, title, marks };
}

export interface ChartTheme {
  foreground: string;
  background: string;
  grid: string;
  /** The marks' colour on one item's timeline (a whole draft's colours them by country or author). */
  accent: string;
}

export const LIGHT_THEME: ChartTheme = { foreground: '#1f1f1f', background: '#ffffff', grid: '#e0e0e0', accent: '#1a73e8' };

/**
 * The Vega-Lite spec of a timeline: X the year (oldest first, "date unknown" last), Y the row, a circle per
 * occasion sized and shaded by similarity, a tooltip that quotes it. `theme` only sets colours.
 */
export function timelineSpec(chart: { scope: Timeline['scope']; marks: readonly ChartMark[] }, theme: ChartTheme = LIGHT_THEME): Record<string, unknown> {
  const years = [...new Set(chart.marks.map((mark) => mark.when).filter((when) => when !== DATE_UNKNOWN))].sort();
  const columns = chart.marks.some((mark) => mark.when === DATE_UNKNOWN) ? [...years, DATE_UNKNOWN] : years;
  // A draft's rows are its items in document order; one item's are its askers, the earliest first (undated last).
  const ordered = chart.scope === 'draft' ? chart.marks : [...chart.marks].sort((a, b) => ((a.date ?? '\uffff') < (b.date ?? '\uffff') ? -1 : 1));
  const rows = [...new Set(ordered.map((mark) => mark.row))];
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: `When ${chart.scope === 'item' ? 'this item' : 'each item of the draft'} was asked before: one mark per earlier occasion.`,
    width: Math.max(160, columns.length * 72),
    height: { step: 30 },
    background: theme.background,
    data: { values: chart.marks },
    mark: { type: 'circle', tooltip: true, cursor: 'pointer' },
    encoding: {
      x: { field: 'when', type: 'ordinal', title: 'Year', sort: columns, scale: { domain: columns }, axis: { labelAngle: 0, orient: 'top' } },
      // A draft's row can hold several askers in one year (Viet Nam and Lao PDR in 2020): side by side, not on top.
      ...(chart.scope === 'draft' ? { xOffset: { field: 'who', type: 'nominal' } } : {}),
      y: { field: 'row', type: 'nominal', title: null, sort: rows, axis: { labelLimit: 320 } },
      size: { field: 'similarity', type: 'quantitative', title: 'Similarity', scale: { domain: [0, 1], range: [30, 500] }, legend: { format: '.0%' } },
      opacity: { field: 'similarity', type: 'quantitative', scale: { domain: [0, 1], range: [0.35, 1] } },
      color: chart.scope === 'draft' ? { field: 'who', type: 'nominal', title: 'Country or author' } : { value: theme.accent },
      tooltip: [
        { field: 'occasion', title: 'Asked at' },
        { field: 'percent', title: 'Similarity' },
        { field: 'quote', title: 'Said' },
      ],
    },
    config: {
      font: 'sans-serif',
      view: { stroke: null },
      axis: { labelColor: theme.foreground, titleColor: theme.foreground, gridColor: theme.grid, domainColor: theme.grid, tickColor: theme.grid },
      legend: { labelColor: theme.foreground, titleColor: theme.foreground },
    },
  };
}

/** "3. Encourage job retention, remote/flexible arr…": how a draft's item names its row. */
function rowName(item: Item): string {
  return shorten(`${item.label ? `${item.label} ` : ''}${item.text}`, ROW_LENGTH);
}

function shorten(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length - 1).trimEnd()}…`;
}
