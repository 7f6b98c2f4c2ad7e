// Item labels: what counts as a label (numbers, letters, roman numerals, bullets), its number, and how it is written.

import assert from 'node:assert/strict';
import { formatLabel, matchLabel, romanValue } from '../../server/src/core/document/labels';
import { parse, shape, range1to } from './support/parsing';

describe('labels', () => {
  const cases: [string, string, number | null, string, string][] = [
    // line, label, number, kind, style
    ['1. Extend healthcare', '1.', 1, 'decimal', '#.'],
    ['14. Enhance the role', '14.', 14, 'decimal', '#.'],
    ['1) Extend healthcare', '1)', 1, 'decimal', '#)'],
    ['(1) Extend healthcare', '(1)', 1, 'decimal', '(#)'],
    ['(a) Extend healthcare', '(a)', 1, 'lower-alpha', '(#)'],
    ['(c) Extend healthcare', '(c)', 3, 'lower-alpha', '(#)'],
    ['a. Extend healthcare', 'a.', 1, 'lower-alpha', '#.'],
    ['B) Extend healthcare', 'B)', 2, 'upper-alpha', '#)'],
    ['i. Extend healthcare', 'i.', 1, 'lower-roman', '#.'],
    ['iv) Extend healthcare', 'iv)', 4, 'lower-roman', '#)'],
    ['XII. Extend healthcare', 'XII.', 12, 'upper-roman', '#.'],
    ['- Extend healthcare', '-', null, 'bullet', '-'],
    ['* Extend healthcare', '*', null, 'bullet', '*'],
    ['• Extend healthcare', '•', null, 'bullet', '•'],
    ['– Extend healthcare', '–', null, 'bullet', '–'],
    ['   - Indented bullet', '-', null, 'bullet', '-'],
    ['1.\tTab after the label', '1.', 1, 'decimal', '#.'],
  ];
  for (const [line, label, number, kind, style] of cases) {
    it(`reads ${JSON.stringify(line)} as ${label}`, () => {
      const doc = parse(line);
      assert.equal(doc.items.length, 1);
      const item = doc.items[0]!;
      assert.equal(item.label, label);
      assert.equal(item.number, number);
      assert.deepEqual(item.marker, { kind, style });
      assert.equal(item.text, line.slice(line.indexOf(label) + label.length).trim());
      assert.equal(item.range.start.character, line.indexOf(label));
    });
  }

  it('keeps one list for 1. 2. 3. and counts on', () => {
    const doc = parse('1. One.\n2. Two.\n3. Three.\n');
    assert.deepEqual(shape(doc), [['1.', 1, 'One.'], ['2.', 2, 'Two.'], ['3.', 3, 'Three.']]);
    assert.equal(new Set(doc.items.map((item) => item.list)).size, 1);
  });

  it('gives a nested (a) list under 1. its own list and depth 1, and the outer numbering continues after it', () => {
    for (const indent of ['   ', '']) {
      const doc = parse(`1. Strengthen protection:\n${indent}(a) in countries of origin;\n${indent}(b) in countries of destination.\n2. Collect data.\n3. Extend social protection.\n`);
      assert.deepEqual(doc.items.map((item) => [item.label, item.number, item.depth]), [['1.', 1, 0], ['(a)', 1, 1], ['(b)', 2, 1], ['2.', 2, 0], ['3.', 3, 0]]);
      const [outer, a, b, two, three] = doc.items;
      assert.equal(a!.list, b!.list);
      assert.notEqual(a!.list, outer!.list);
      assert.equal(two!.list, outer!.list, `indent ${JSON.stringify(indent)}: 2. continues the outer list`);
      assert.equal(three!.list, outer!.list);
      assert.equal(outer!.text, 'Strengthen protection:', 'the sub-items are not part of the outer item');
    }
  });

  it('reads an indented number that goes on from the list (9. under a wrapped 8.) as the list\'s next item, and an indented 1. as a nested list', () => {
    const doc = parse('7. Seven.\n8. Require agencies to publish their fees\n   until the end of the contract.\n   9. Nine.\n10. Ten.\n');
    assert.deepEqual(doc.items.map((item) => [item.label, item.depth]), [['7.', 0], ['8.', 0], ['9.', 0], ['10.', 0]]);
    assert.equal(new Set(doc.items.map((item) => item.list)).size, 1);
    assert.equal(doc.items[1]!.text, 'Require agencies to publish their fees until the end of the contract.');
    const nested = parse('1. Protect workers:\n   1. at home;\n   2. abroad.\n2. Collect data.\n');
    assert.deepEqual(nested.items.map((item) => [item.label, item.depth]), [['1.', 0], ['1.', 1], ['2.', 1], ['2.', 0]]);
  });

  it('nests indented bullets under a bullet', () => {
    const doc = parse('- Protect workers\n  - at home\n  - abroad\n- Collect data\n');
    assert.deepEqual(doc.items.map((item) => item.depth), [0, 1, 1, 0]);
    assert.equal(doc.items[0]!.list, doc.items[3]!.list);
    assert.notEqual(doc.items[0]!.list, doc.items[1]!.list);
  });

  it('reads i. after h. as the letter i, and i. that starts a list as Roman one', () => {
    const letters = parse('a. A\nb. B\nc. C\nd. D\ne. E\nf. F\ng. G\nh. H\ni. I\nj. J\n');
    assert.deepEqual(letters.items.map((item) => item.number), range1to(10));
    assert.ok(letters.items.every((item) => item.marker.kind === 'lower-alpha'));
    assert.equal(new Set(letters.items.map((item) => item.list)).size, 1);

    const roman = parse('i. One\nii. Two\niii. Three\niv. Four\nv. Five\nvi. Six\n');
    assert.deepEqual(roman.items.map((item) => item.number), range1to(6));
    assert.ok(roman.items.every((item) => item.marker.kind === 'lower-roman'), 'v. after iv. is Roman five, not the letter v');

    const upper = parse('H. Eight\nI. Nine\n');
    assert.deepEqual(upper.items.map((item) => [item.marker.kind, item.number]), [['upper-alpha', 8], ['upper-alpha', 9]]);
    assert.deepEqual(parse('I. One\nII. Two\n').items.map((item) => [item.marker.kind, item.number]), [['upper-roman', 1], ['upper-roman', 2]]);
  });

  it('keeps a mistyped v., x. or c. in the Roman list it is typed in', () => {
    const roman = parse('i. One\nii. Two\nv. Three\niv. Four\nv. Five\n');
    assert.deepEqual(roman.items.map((item) => [item.marker.kind, item.number]), [['lower-roman', 1], ['lower-roman', 2], ['lower-roman', 5], ['lower-roman', 4], ['lower-roman', 5]]);
    assert.equal(new Set(roman.items.map((item) => item.list)).size, 1);
    const upper = parse('I. One\nII. Two\nIII. Three\nIV. Four\nX. Five\nVI. Six\n');
    assert.deepEqual(upper.items.map((item) => item.number), [1, 2, 3, 4, 10, 6]);
    assert.equal(new Set(upper.items.map((item) => item.list)).size, 1);
    // Not across cases, and not where a nested list opens (after ":"): there `v.` is the letter, as anywhere else.
    assert.deepEqual(parse('i. One\nii. Two\nV. Three\n').items.map((item) => item.marker.kind), ['lower-roman', 'lower-roman', 'upper-alpha']);
    assert.deepEqual(parse('i. One\nii. Two:\nv. Three\n').items.map((item) => [item.marker.kind, item.depth]), [['lower-roman', 0], ['lower-roman', 0], ['lower-alpha', 1]]);
    // A Roman list under a lettered item starts at i., indented or not.
    for (const text of ['a. Protect:\n   i. wages\n   ii. housing\nb. Return.\n', 'a. Protect:\ni. wages\nii. housing\nb. Return.\n', 'a. Protect\ni. wages\nii. housing\nb. Return.\n']) {
      assert.deepEqual(parse(text).items.map((item) => [item.marker.kind, item.depth]), [['lower-alpha', 0], ['lower-roman', 1], ['lower-roman', 1], ['lower-alpha', 0]], text);
    }
  });

  it('does not read a year line "2020. " as an item', () => {
    const wrapped = parse('1. Review the plan adopted in\n2020. The review reports to the forum.\n2. Collect data.\n');
    assert.deepEqual(wrapped.items.map((item) => item.label), ['1.', '2.']);
    assert.equal(wrapped.items[0]!.text, 'Review the plan adopted in 2020. The review reports to the forum.');
    const alone = parse('1. Collect data.\n\n2020. A year of crisis for migrant workers.\n');
    assert.deepEqual(alone.items.map((item) => item.label), ['1.']);
    assert.equal(matchLabel('2020. A year'), null);
    assert.ok(matchLabel('100. Item a hundred'));
  });

  it('does not read a --- rule as a bullet, and a rule ends the item before it', () => {
    for (const rule of ['---', '***', '* * *', '- - -', '___', '———']) {
      const doc = parse(`- Collect data.\n${rule}\n- Extend coverage.\n`);
      assert.deepEqual(shape(doc), [['-', null, 'Collect data.'], ['-', null, 'Extend coverage.']], rule);
      assert.equal(matchLabel(rule), null);
    }
  });

  it('does not read *emphasis* at the start of a line as a bullet', () => {
    const doc = parse('*Supporting migrant workers* during the pandemic\n\n- Extend healthcare.\n');
    assert.deepEqual(shape(doc), [['-', null, 'Extend healthcare.']]);
    assert.equal(matchLabel('*emphasis* here'), null);
    assert.equal(matchLabel('**bold** here'), null);
  });

  it('needs words after a label: a bare "12." (a page number) or "e.g." is not one', () => {
    assert.equal(matchLabel('12.'), null);
    assert.equal(matchLabel('(a)'), null);
    assert.equal(matchLabel('- '), null);
    assert.equal(matchLabel('e.g. workers'), null);
    assert.equal(matchLabel('3.5 million workers'), null);
    assert.equal(matchLabel('(1. unclosed'), null);
    assert.equal(matchLabel('1.Extend'), null, 'no space after the label: not a label');
  });

  it('formats labels back in a list style', () => {
    assert.equal(formatLabel({ kind: 'decimal', style: '#.' }, 15), '15.');
    assert.equal(formatLabel({ kind: 'decimal', style: '(#)' }, 3), '(3)');
    assert.equal(formatLabel({ kind: 'lower-alpha', style: '(#)' }, 2), '(b)');
    assert.equal(formatLabel({ kind: 'lower-alpha', style: '#.' }, 27), 'aa.');
    assert.equal(formatLabel({ kind: 'upper-roman', style: '#)' }, 14), 'XIV)');
    assert.equal(formatLabel({ kind: 'bullet', style: '•' }, 9), '•');
    assert.equal(romanValue('xiv'), 14);
    assert.equal(romanValue('iiii'), null);
    assert.equal(romanValue('vx'), null);
  });
});
