// Numbering and marker checks: the slips reviewers hunt for by hand. Gaps (1, 2, 4), repeats (1, 2, 2),
// order (3 before 2), a list that starts at 2, numbering that restarts inside a section or restarts in some
// sections but continues in others, and lists that mix `1.` with `2)` or bullets with numbers.
//
// Each list is read as the fewest wrong labels that explain it (numberingReading.ts): one finding per mistake,
// on that item, and none on an item whose label renumbering would keep. A message says `expected "X"` only
// where X is the label renumbering writes there; after a gap, restart or step back that the reading accepts,
// the run it leads to is not what renumbering writes, and the message names the neighbours instead.

import { formatLabel, labelFamily } from '../document/labels';
import { listsOf } from '../document/lists';
import type { Item, RecDocument } from '../document/model';
import type { Finding, FindingCode } from './finding';
import { readNumbering, type Mistake } from './numberingReading';

export type NumberingStyle = 'auto' | 'restartPerSection' | 'continuous';

type Convention = 'restart' | 'continue';

export function checkNumbering(document: RecDocument, style: NumberingStyle = 'auto'): Finding[] {
  const findings: Finding[] = [];
  const lists = listsOf(document);
  const convention: Convention = continuesAcrossSections(document, style) ? 'continue' : 'restart';
  let previousTopLevel: { section: number; family: string; last: number } | null = null;

  for (const items of lists) {
    const first = items[0]!;
    checkMarkers(items, findings);
    const counted = items.filter((item) => item.number !== null && labelFamily(item.marker.kind) === labelFamily(first.marker.kind));
    if (counted.length === 0) continue;
    const head = counted[0]!;
    const family = labelFamily(head.marker.kind);
    // The start renumbering writes: 1, or the previous section's list carried on.
    const carriesOn = head.depth === 0 && previousTopLevel !== null && previousTopLevel.family === family && previousTopLevel.section !== head.section;
    const start = carriesOn && convention === 'continue' ? previousTopLevel!.last + 1 : 1;

    const reading = readNumbering(counted.map((item) => item.number!), start);
    for (const mistake of reading.mistakes) {
      findings.push(mistake.index === 0
        ? headFinding(head, start, carriesOn ? previousTopLevel!.last + 1 : null, convention)
        : sequenceFinding(counted, mistake, start));
    }
    if (head.depth === 0) previousTopLevel = { section: head.section, family, last: reading.last! };
  }
  return findings;
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
 * The first item off its start. `continued` is the number that carries on from the previous section's list
 * (null when there is none): a head that restarts where sections continue, or continues where they restart,
 * breaks the document's convention (numbering-restart); any other start is numbering-start.
 */
function headFinding(head: Item, start: number, continued: number | null, convention: Convention): Finding {
  const value = head.number!;
  const observed: Convention | null = continued === null ? null : value === 1 ? 'restart' : value === continued ? 'continue' : null;
  if (observed === 'continue' && convention === 'restart') {
    return finding('numbering-restart', head, `Numbering continues from the previous section (${quote(head.label)}) while other sections restart at ${quote(formatLabel(head.marker, start))}.`);
  }
  if (observed === 'restart' && convention === 'continue') {
    return finding('numbering-restart', head, `Numbering restarts at ${quote(head.label)} while other sections continue the numbering (expected ${quote(formatLabel(head.marker, start))}).`);
  }
  return finding('numbering-start', head, `List starts at ${quote(head.label)}; expected ${quote(formatLabel(head.marker, start))}.`);
}

/**
 * A mistake after the first item. A slip on the last item reads as a typo (nothing after it says otherwise),
 * but a raised last label is a skip and a last "1." a restart, as they are further up a list.
 */
function sequenceFinding(counted: readonly Item[], mistake: Mistake, start: number): Finding {
  const item = counted[mistake.index]!;
  const previous = counted[mistake.index - 1]!;
  const value = item.number!;
  const head = counted[0]!;
  const label = (number: number) => quote(formatLabel(head.marker, number));
  // Renumbering writes start + position: name it only when the reading expects that same label here.
  const expected = mistake.expected === start + mistake.index ? `; expected ${label(mistake.expected)}` : '';
  const leads = mistake.kind === 'jump' || mistake.index === counted.length - 1;

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
