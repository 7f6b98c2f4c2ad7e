// The numbering slips of issue 17 §1 as a user types them, with the findings a reviewer expects: one per
// mistake, on that item, naming the label renumbering writes there. Shared by the unit tests (the core) and
// the protocol tests (the same drafts over LSP), so that both hold the server to the same answers.

export interface ExpectedFinding {
  code: string;
  /** 0-based position of the flagged item in the list. */
  at: number;
  /** The label the message names as `expected "…"`, or null when it must name none. */
  expected: string | null;
}

export interface NumberingCase {
  name: string;
  /** The labels of one list under one heading, in order. */
  labels: string[];
  findings: ExpectedFinding[];
}

export const NUMBERING_CASES: NumberingCase[] = [
  { name: 'a typo (5 for 3) is one finding, on that item', labels: ['1.', '2.', '5.', '4.', '5.', '6.'], findings: [{ code: 'numbering-order', at: 2, expected: '3.' }] },
  { name: 'a repeat is one finding, and no gap follows it', labels: ['1.', '2.', '2.', '4.', '5.'], findings: [{ code: 'numbering-repeat', at: 2, expected: '3.' }] },
  { name: 'a typo (50 for 5) leaves the next item alone', labels: ['1.', '2.', '3.', '4.', '50.', '6.', '7.'], findings: [{ code: 'numbering-order', at: 4, expected: '5.' }] },
  { name: 'a swap is two findings, each naming its own label', labels: ['1.', '3.', '2.', '4.', '5.'], findings: [{ code: 'numbering-order', at: 1, expected: '2.' }, { code: 'numbering-order', at: 2, expected: '3.' }] },
  { name: 'a real gap is one numbering-gap, on the first item after it', labels: ['1.', '2.', '3.', '5.', '6.', '7.'], findings: [{ code: 'numbering-gap', at: 3, expected: null }] },
  { name: 'a wrong start is numbering-start', labels: ['2.', '3.', '4.'], findings: [{ code: 'numbering-start', at: 0, expected: '1.' }] },
  { name: 'a typo on the first item is one numbering-start, the rest is right', labels: ['5.', '2.', '3.', '4.'], findings: [{ code: 'numbering-start', at: 0, expected: '1.' }] },
  { name: 'a restart inside a section is numbering-restart', labels: ['1.', '2.', '3.', '1.', '2.'], findings: [{ code: 'numbering-restart', at: 3, expected: '4.' }] },
  { name: 'letters: a typo (e for c) is one finding', labels: ['a.', 'b.', 'e.', 'd.', 'e.'], findings: [{ code: 'numbering-order', at: 2, expected: 'c.' }] },
  { name: 'letters: a swap is two findings', labels: ['(a)', '(c)', '(b)', '(d)'], findings: [{ code: 'numbering-order', at: 1, expected: '(b)' }, { code: 'numbering-order', at: 2, expected: '(c)' }] },
  { name: 'letters: a repeat is one finding', labels: ['a)', 'b)', 'b)', 'd)'], findings: [{ code: 'numbering-repeat', at: 2, expected: 'c)' }] },
  { name: 'Roman numerals: a typo (v for iii) is one finding', labels: ['i.', 'ii.', 'v.', 'iv.', 'v.'], findings: [{ code: 'numbering-order', at: 2, expected: 'iii.' }] },
  { name: 'Roman numerals: a typo (x for v) leaves the next item alone', labels: ['I.', 'II.', 'III.', 'IV.', 'X.', 'VI.'], findings: [{ code: 'numbering-order', at: 4, expected: 'V.' }] },
  { name: 'Roman numerals: a real gap is one numbering-gap', labels: ['i.', 'ii.', 'iv.', 'v.', 'vi.'], findings: [{ code: 'numbering-gap', at: 2, expected: null }] },
];

/** A draft of one heading and the list: item k of the list is on 0-based line `FIRST_ITEM_LINE + k`. */
export function numberingDraft(labels: readonly string[]): string {
  const words = ['Ratify the relevant ILO conventions.', 'Promote fair and ethical recruitment.', 'Extend social protection to migrant workers.', 'Strengthen grievance mechanisms.', 'Develop reintegration programmes.', 'Recognise skills gained abroad.', 'Reduce remittance costs.'];
  return `Recommendations\n\n${labels.map((label, k) => `${label} ${words[k % words.length]}`).join('\n')}\n`;
}

export const FIRST_ITEM_LINE = 2;

/** The label a message names as `expected "…"`, or null. */
export function expectedIn(message: string): string | null {
  return /expected "([^"]+)"/.exec(message)?.[1] ?? null;
}
