// The numbering check reads a list as the fewest wrong labels that explain it (issue 17 §1): one finding
// per mistake, on that item, naming the label renumbering writes there, and never a finding on a label that
// renumbering keeps. The slips a user types, in numbers, letters and Roman numerals.

import { strict as assert } from 'node:assert';
import { checkNumbering, type NumberingStyle } from '../../server/src/core/checks/numbering';
import type { RecDocument } from '../../server/src/core/document/model';
import { parseDocument } from '../../server/src/core/document/parse';
import { renumberEdits } from '../../server/src/core/features/renumber';
import { applyEdits } from '../../server/src/core/features/textEdit';
import { expectedIn, FIRST_ITEM_LINE, NUMBERING_CASES, numberingDraft } from '../support/numberingCases';

/** `code@line` (1-based) and the label the message names as expected ("-" for none), in order. */
function seen(text: string, style: NumberingStyle = 'auto'): string[] {
  return checkNumbering(parseDocument(text, 'draft.rec.md'), style).map((finding) => `${finding.code}@${finding.range.start.line + 1} ${expectedIn(finding.message) ?? '-'}`);
}

/** The label renumbering writes on each line that has an item (the item's own label where it keeps it). */
function renumberedLabels(document: RecDocument, style: NumberingStyle): Map<number, string> {
  const labels = new Map(document.items.map((item) => [item.labelRange.start.line, item.label]));
  for (const edit of renumberEdits(document, style)) labels.set(edit.range.start.line, edit.newText);
  return labels;
}

/** What must hold for every finding: it is on a label renumbering changes, and any "expected" is what it writes. */
function assertAgreesWithRenumbering(text: string, style: NumberingStyle = 'auto'): void {
  const document = parseDocument(text, 'draft.rec.md');
  const written = renumberedLabels(document, style);
  for (const finding of checkNumbering(document, style)) {
    if (finding.code === 'marker-mixed') continue;
    const line = finding.range.start.line;
    const item = document.items.find((candidate) => candidate.labelRange.start.line === line)!;
    assert.notEqual(written.get(line), item.label, `a finding on "${item.label}" (line ${line + 1}), which renumbering keeps: ${finding.message}\n${text}`);
    const expected = expectedIn(finding.message);
    if (expected !== null) assert.equal(expected, written.get(line), `the message names "${expected}", renumbering writes "${written.get(line)}": ${finding.message}`);
  }
}

describe('numbering: the fewest wrong labels, each named once', () => {
  for (const example of NUMBERING_CASES) {
    it(`${example.name}: ${example.labels.join(' ')}`, () => {
      const text = numberingDraft(example.labels);
      const expected = example.findings.map((finding) => `${finding.code}@${FIRST_ITEM_LINE + finding.at + 1} ${finding.expected ?? '-'}`);
      assert.deepEqual(seen(text), expected);
      assertAgreesWithRenumbering(text);
      // The quick fix (renumber the list) leaves nothing to say.
      assert.deepEqual(seen(applyEdits(text, renumberEdits(parseDocument(text, 'draft.rec.md')))), []);
    });
  }

  it('the gap message names what is skipped and the item before it, as the list reads', () => {
    const [gap] = checkNumbering(parseDocument(numberingDraft(['1.', '2.', '3.', '5.', '6.', '7.']), 'd'));
    assert.equal(gap!.message, 'Numbering skips "4.": "5." follows "3.".');
    const [wide] = checkNumbering(parseDocument(numberingDraft(['1.', '2.', '6.', '7.']), 'd'));
    assert.equal(wide!.message, 'Numbering skips "3." to "5.": "6." follows "2.".');
  });

  it('a typo message names the item before it and the label it should have', () => {
    const [typo] = checkNumbering(parseDocument(numberingDraft(['1.', '2.', '3.', '4.', '50.', '6.', '7.']), 'd'));
    assert.equal(typo!.message, 'Item "50." is out of sequence after "4."; expected "5.".');
  });

  it('a slip on the last item: raised is a gap, lowered to the previous number a repeat, "1." a restart', () => {
    assert.deepEqual(seen(numberingDraft(['1.', '2.', '3.', '9.'])), ['numbering-gap@6 -']);
    assert.deepEqual(seen(numberingDraft(['1.', '2.', '3.', '3.'])), ['numbering-repeat@6 4.']);
    assert.deepEqual(seen(numberingDraft(['1.', '2.', '3.', '1.'])), ['numbering-restart@6 4.']);
  });

  it('two independent slips are two findings; after an accepted gap, a slip names no label renumbering would not write', () => {
    const twoGaps = numberingDraft(['1.', '2.', '4.', '5.', '7.', '8.']);
    assert.deepEqual(seen(twoGaps), ['numbering-gap@5 -', 'numbering-gap@7 -']);
    const gapThenTypo = numberingDraft(['1.', '2.', '3.', '5.', '6.', '70.', '8.', '9.']);
    assert.deepEqual(seen(gapThenTypo), ['numbering-gap@6 -', 'numbering-order@8 -']);
    const typoThenGap = numberingDraft(['1.', '2.', '9.', '5.', '6.', '7.']);
    assert.deepEqual(seen(typoThenGap), ['numbering-order@5 3.', 'numbering-gap@6 -']);
    assert.match(checkNumbering(parseDocument(typoThenGap, 'd'))[1]!.message, /"5\." follows "3\."/);
    for (const text of [twoGaps, gapThenTypo, typoThenGap]) assertAgreesWithRenumbering(text);
  });

  it('a block pasted twice (1 2 3 2 3) is one step back, not two wrong labels', () => {
    assert.deepEqual(seen(numberingDraft(['1.', '2.', '3.', '2.', '3.'])), ['numbering-order@6 4.']);
  });

  it('never flags a label that renumbering keeps, even when a shorter story would (1 2 3 5 6 7 7)', () => {
    // "4 is missing and 7 repeats" would flag the last "7.", which renumbering writes as it is.
    const text = numberingDraft(['1.', '2.', '3.', '5.', '6.', '7.', '7.']);
    assert.deepEqual(seen(text), ['numbering-order@6 4.', 'numbering-order@7 5.', 'numbering-order@8 6.']);
    assertAgreesWithRenumbering(text);
  });

  describe('across sections, under each numbering style', () => {
    const continuing = '# One\n\n1. a\n2. b\n\n# Two\n\n3. c\n7. d\n5. e\n';
    const restarting = '# One\n\n1. a\n2. b\n\n# Two\n\n1. c\n5. d\n3. e\n';

    it('continuous: a typo in a later section names the continued label', () => {
      for (const style of ['auto', 'continuous'] as const) {
        assert.deepEqual(seen(continuing, style), ['numbering-order@9 4.'], style);
        assertAgreesWithRenumbering(continuing, style);
      }
    });

    it('restartPerSection: a typo in a later section names the restarted label', () => {
      for (const style of ['auto', 'restartPerSection'] as const) {
        assert.deepEqual(seen(restarting, style), ['numbering-order@9 2.'], style);
        assertAgreesWithRenumbering(restarting, style);
      }
    });

    it('continuous: sections that carry the numbering on are read as one sequence', () => {
      // A typo mid-list does not spill into the next section.
      const typo = '# One\n\n1. a\n20. b\n3. c\n\n# Two\n\n4. d\n5. e\n';
      assert.deepEqual(seen(typo, 'continuous'), ['numbering-order@4 2.']);
      // The next section says what the last label of a section should have been: "9." is a typo for "3.".
      const lastTypo = '# One\n\n1. a\n2. b\n9. c\n\n# Two\n\n4. d\n5. e\n';
      assert.deepEqual(seen(lastTypo, 'continuous'), ['numbering-order@5 3.']);
      // … or that it was a real gap, which the next section carries on.
      const gap = '# One\n\n1. a\n2. b\n9. c\n\n# Two\n\n10. d\n11. e\n';
      assert.deepEqual(seen(gap, 'continuous'), ['numbering-gap@5 -']);
      for (const text of [typo, lastTypo, gap]) assertAgreesWithRenumbering(text, 'continuous');
    });

    it('continuous: a section that restarts at 1 is one numbering-restart, and the next section may carry on from it', () => {
      const text = '# One\n\n1. a\n2. b\n\n# Two\n\n1. c\n2. d\n\n# Three\n\n3. e\n';
      assert.deepEqual(seen(text, 'continuous'), ['numbering-restart@8 3.']);
    });

    it('a section against the convention keeps numbering-restart, on its first item only', () => {
      assert.deepEqual(seen(restarting.replace('5. d', '2. d').replace('3. e', '3. e'), 'continuous'), ['numbering-restart@8 3.']);
      assert.deepEqual(seen(continuing.replace('7. d', '4. d'), 'restartPerSection'), ['numbering-restart@8 -']);
    });
  });

  it('a list of 5,000 "1." labels: one repeat per item after the first, quickly', () => {
    const text = Array.from({ length: 5000 }, (_, k) => `1. Item ${k}.`).join('\n');
    const findings = checkNumbering(parseDocument(text, 'd'));
    assert.equal(findings.length, 4999);
    assert.ok(findings.every((finding) => finding.code === 'numbering-repeat'));
  });
});
