// Numbering and marker checks: the slips reviewers hunt for by hand. Gaps (1, 2, 4), repeats (1, 2, 2),
// order (3 before 2), a list that starts at 2, numbering that restarts inside a section or restarts in some
// sections but continues in others, and lists that mix `1.` with `2)` or bullets with numbers.

import { formatLabel, labelFamily } from '../document/labels';
import { listsOf } from '../document/lists';
import type { Item, RecDocument } from '../document/model';
import type { Finding, FindingCode } from './finding';

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

    if (head.depth > 0 || !previousTopLevel || previousTopLevel.family !== family || previousTopLevel.section === head.section) {
      if (head.number !== 1) findings.push(startFinding(head, [1]));
    } else {
      const continued = previousTopLevel.last + 1;
      const observed: Convention | null = head.number === 1 ? 'restart' : head.number === continued ? 'continue' : null;
      if (observed === null) {
        findings.push(startFinding(head, convention === 'restart' ? [1] : [continued]));
      } else if (observed !== convention) {
        findings.push(finding('numbering-restart', head, convention === 'restart'
          ? `Numbering continues from the previous section (${quote(head.label)}) while other sections restart at ${quote(formatLabel(head.marker, 1))}.`
          : `Numbering restarts at ${quote(head.label)} while other sections continue the numbering (expected ${quote(formatLabel(head.marker, continued))}).`));
      }
    }

    checkSequence(counted, findings);
    if (head.depth === 0) previousTopLevel = { section: head.section, family, last: counted[counted.length - 1]!.number! };
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

function checkSequence(items: readonly Item[], findings: Finding[]): void {
  for (let k = 1; k < items.length; k++) {
    const item = items[k]!;
    const previous = items[k - 1]!.number!;
    const value = item.number!;
    const expected = previous + 1;
    if (value === expected) continue;
    const expectedLabel = formatLabel(item.marker, expected);
    if (value === 1) {
      findings.push(finding('numbering-restart', item, `Numbering restarts at ${quote(item.label)} inside a section; expected ${quote(expectedLabel)} (start a new section with a heading to restart).`));
    } else if (value === previous) {
      findings.push(finding('numbering-repeat', item, `Item number ${quote(item.label)} repeats the previous item's number; expected ${quote(expectedLabel)}.`));
    } else if (value < previous) {
      findings.push(finding('numbering-order', item, `Item ${quote(item.label)} comes after ${quote(items[k - 1]!.label)}; expected ${quote(expectedLabel)}.`));
    } else {
      const later = new Set(items.slice(k + 1).map((next) => next.number));
      const earlier = new Set(items.slice(0, k).map((before) => before.number));
      // Numbers that came earlier were out of order there (and reported there): 1, 3, 2, 4 has no gap at 4.
      const skipped = range(expected, value - 1).filter((number) => !earlier.has(number));
      if (skipped.length === 0) continue;
      if (skipped.some((number) => later.has(number))) {
        findings.push(finding('numbering-order', item, `Item ${quote(item.label)} comes before ${quote(formatLabel(item.marker, skipped.find((number) => later.has(number))!))}; expected ${quote(expectedLabel)}.`));
      } else {
        const missing = skipped.length === 1 ? quote(formatLabel(item.marker, skipped[0]!)) : `${quote(formatLabel(item.marker, skipped[0]!))} to ${quote(formatLabel(item.marker, skipped[skipped.length - 1]!))}`;
        findings.push(finding('numbering-gap', item, `Numbering skips ${missing}: ${quote(item.label)} follows ${quote(items[k - 1]!.label)}.`));
      }
    }
  }
}

function startFinding(item: Item, expected: readonly number[]): Finding {
  const labels = expected.map((value) => quote(formatLabel(item.marker, value))).join(' or ');
  return finding('numbering-start', item, `List starts at ${quote(item.label)}; expected ${labels}.`);
}

function finding(code: FindingCode, item: Item, message: string): Finding {
  return { code, severity: 'warning', message, range: item.labelRange, related: [], list: item.list, item: item.index };
}

/** Labels are quoted in messages: `Numbering skips "3.": "4." follows "2."` reads unambiguously. */
function quote(label: string): string {
  return `"${label}"`;
}

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let value = from; value <= to && out.length < 1000; value++) out.push(value);
  return out;
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
