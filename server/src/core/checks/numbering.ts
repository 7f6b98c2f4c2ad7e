// Numbering and marker checks: the slips reviewers hunt for by hand. Gaps (1, 2, 4), repeats (1, 2, 2),
// order (3 before 2), a list that starts at 2, numbering that restarts inside a section or restarts in some
// sections but continues in others, and lists that mix `1.` with `2)` or bullets with numbers.
//
// The numbers are read as the fewest wrong labels that explain them (numberingReading.ts): one finding per
// mistake, on that item, and none on an item whose label renumbering would keep. A list is read on its own,
// or, where sections continue the numbering, together with the lists it continues: one sequence, as
// renumbering numbers it. A message says `expected "X"` only where X is the label renumbering writes there;
// after a gap, restart or step back that the reading accepts, the run it leads to is not what renumbering
// writes, and the message names the neighbours instead.

import { formatLabel, labelFamily } from '../document/labels';
import { listsOf } from '../document/lists';
import type { Item, RecDocument } from '../document/model';
import type { Finding, FindingCode } from './finding';
import { readNumbering, type Mistake } from './numberingReading';

export type NumberingStyle = 'auto' | 'restartPerSection' | 'continuous';

type Convention = 'restart' | 'continue';

/** One item of a sequence read together, with the first counted item of its list (whose style renumbering writes). */
interface Entry {
  item: Item;
  head: Item;
}

/** Counted items read as one sequence: a list, or the lists of successive sections that continue one another. */
interface Sequence {
  entries: Entry[];
  /** Where sections restart: the previous section's sequence, when this list's first item could carry it on. */
  after: Sequence | null;
  /** The value the reading gives the last item, once read. */
  last: number | null;
}

export function checkNumbering(document: RecDocument, style: NumberingStyle = 'auto'): Finding[] {
  const findings: Finding[] = [];
  const convention: Convention = continuesAcrossSections(document, style) ? 'continue' : 'restart';
  const sequences: Sequence[] = [];
  let previousTopLevel: { section: number; family: string; sequence: Sequence } | null = null;

  for (const items of listsOf(document)) {
    const first = items[0]!;
    checkMarkers(items, findings);
    const counted = items.filter((item) => item.number !== null && labelFamily(item.marker.kind) === labelFamily(first.marker.kind));
    if (counted.length === 0) continue;
    const head = counted[0]!;
    const family = labelFamily(head.marker.kind);
    const entries = counted.map((item) => ({ item, head }));
    const carriesOn = head.depth === 0 && previousTopLevel !== null && previousTopLevel.family === family && previousTopLevel.section !== head.section;
    let sequence: Sequence;
    if (carriesOn && convention === 'continue') {
      sequence = previousTopLevel!.sequence;
      sequence.entries.push(...entries);
    } else {
      sequence = { entries, after: carriesOn ? previousTopLevel!.sequence : null, last: null };
      sequences.push(sequence);
    }
    if (head.depth === 0) previousTopLevel = { section: head.section, family, sequence };
  }

  // In document order: a sequence's `after` is read before it.
  for (const sequence of sequences) {
    const reading = readNumbering(sequence.entries.map((entry) => entry.item.number!), 1);
    sequence.last = reading.last;
    const continued = sequence.after ? sequence.after.last! + 1 : null;
    for (const mistake of reading.mistakes) {
      const { item, head } = sequence.entries[mistake.index]!;
      findings.push(item === head ? headFinding(sequence.entries, mistake, continued) : sequenceFinding(sequence.entries, mistake));
    }
  }
  return findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

function checkMarkers(items: readonly Item[], findings: Finding[]): void {
  const first = items[0]!;
  for (const item of items.slice(1)) {
    if (item.marker.style === first.marker.style && labelFamily(item.marker.kind) === labelFamily(first.marker.kind)) continue;
    const bulletsAndNumbers = (item.marker.kind === 'bullet') !== (first.marker.kind === 'bullet');
    findings.push({
      ...finding('marker-mixed', item, bulletsAndNumbers
        ? `List mixes bullets and numbers: "${item.label}" in a list that starts with "${first.label}".`
        : `List mixes label styles: "${item.label}" in a list that starts with "${first.label}".`),
      range: item.labelRange,
    });
  }
}

/**
 * A list's first item off the sequence. `continued` is the number that carries the previous section's list on,
 * where sections restart (null when no list comes before in another section): a first item that continues
 * there, or restarts at 1 where sections continue, breaks the document's convention (numbering-restart); any
 * other start is numbering-start.
 */
function headFinding(entries: readonly Entry[], mistake: Mistake, continued: number | null): Finding {
  const head = entries[mistake.index]!.item;
  const value = head.number!;
  const label = (number: number) => quote(formatLabel(head.marker, number));
  const expected = mistake.expected === 1 + mistake.index ? label(mistake.expected) : null;
  if (continued !== null && value === continued) {
    return finding('numbering-restart', head, `Numbering continues from the previous section (${quote(head.label)}) while other sections restart at ${label(1)}.`);
  }
  if (mistake.index > 0 && value === 1) {
    return finding('numbering-restart', head, `Numbering restarts at ${quote(head.label)} while other sections continue the numbering${expected ? ` (expected ${expected})` : ''}.`);
  }
  return finding('numbering-start', head, `List starts at ${quote(head.label)}${expected ? `; expected ${expected}` : ''}.`);
}

/**
 * A mistake after a list's first item. A slip on the sequence's last item reads as a typo (nothing after it
 * tells a typo from a skip), but a raised last label is a skip and a last "1." a restart, as they are further
 * up a list.
 */
function sequenceFinding(entries: readonly Entry[], mistake: Mistake): Finding {
  const { item, head } = entries[mistake.index]!;
  const previous = entries[mistake.index - 1]!.item;
  const value = item.number!;
  const label = (number: number) => quote(formatLabel(head.marker, number));
  // Renumbering writes the sequence's start (1) plus the position: named only where the reading expects it too.
  const expected = mistake.expected === 1 + mistake.index ? `; expected ${label(mistake.expected)}` : '';
  const leads = mistake.kind === 'jump' || mistake.index === entries.length - 1;

  if (value === previous.number) {
    return finding('numbering-repeat', item, `Item number ${quote(item.label)} repeats the previous item's number${expected}.`);
  }
  if (leads && value === 1) {
    return finding('numbering-restart', item, `Numbering restarts at ${quote(item.label)} inside a section${expected} (start a new section with a heading to restart).`);
  }
  if (leads && value > mistake.expected) {
    const skipped = value - 1 === mistake.expected ? label(mistake.expected) : `${label(mistake.expected)} to ${label(value - 1)}`;
    // The item before is named as the reading has it: "3." in 1, 2, 9, 5, where the "9." is a typo for "3.".
    return finding('numbering-gap', item, `Numbering skips ${skipped}: ${quote(item.label)} follows ${label(mistake.expected - 1)}.`);
  }
  return finding('numbering-order', item, `Item ${quote(item.label)} is out of sequence after ${quote(previous.label)}${expected}.`);
}

function finding(code: FindingCode, item: Item, message: string): Finding {
  return { code, severity: 'warning', message, range: item.labelRange, related: [], list: item.list, item: item.index };
}

/** Labels are quoted in messages: `Numbering skips "3.": "4." follows "2."` reads unambiguously. */
function quote(label: string): string {
  return `"${label}"`;
}

/**
 * Whether the top-level numbering runs on across sections: fixed by the setting, or (auto) as the document's
 * first section boundary does it — the same convention the numbering check holds the document to.
 */
export function continuesAcrossSections(document: RecDocument, style: NumberingStyle): boolean {
  if (style !== 'auto') return style === 'continuous';
  let previous: Item[] | null = null;
  for (const items of listsOf(document)) {
    const head = items[0]!;
    if (head.depth > 0 || head.number === null) continue;
    if (previous && previous[0]!.section !== head.section && labelFamily(previous[0]!.marker.kind) === labelFamily(head.marker.kind)) {
      const last = previous[previous.length - 1]!.number;
      return last !== null && head.number === last + 1 && head.number !== 1;
    }
    previous = items;
  }
  return false;
}
