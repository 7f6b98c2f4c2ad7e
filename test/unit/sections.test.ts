// Sections: theme headings, Markdown headings, bold keyword headings and short lines standing alone before a list.

import assert from 'node:assert/strict';
import { parse, shape } from './support/parsing';

describe('sections', () => {
  it('recognises theme headings, Markdown headings, bold keyword headings and a short line standing alone before a list', () => {
    const text = [
      'Sub-theme 1: Impact of COVID-19', '', '1. A.', '2. B.', '',
      'Sub theme 2 “Economic Recovery”', '', '1. C.', '',
      'Sub-theme 3. Rights protection', '', '1. D.', '',
      '## Markdown heading ##', '', '1. E.', '',
      '**Recommendations**', '', '1. F.', '',
      'Other matters', '', '1. G.', '',
    ].join('\n');
    const doc = parse(text);
    assert.deepEqual(doc.sections.map((section) => [section.title, section.level]), [
      ['', 0],
      ['Sub-theme 1: Impact of COVID-19', 0],
      ['Sub theme 2 “Economic Recovery”', 0],
      ['Sub-theme 3. Rights protection', 0],
      ['Markdown heading', 2],
      ['Recommendations', 0],
      ['Other matters', 0],
    ]);
    assert.deepEqual(doc.items.map((item) => [item.section, item.number]), [[1, 1], [1, 2], [2, 1], [3, 1], [4, 1], [5, 1], [6, 1]]);
    assert.equal(new Set(doc.items.map((item) => item.list)).size, 6, 'every section starts its own list');
    assert.deepEqual(doc.sections[1]!.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 31 } });
  });

  it('recognises a heading right before its list, with no blank line', () => {
    const doc = parse('# Sub-theme 1\n1. A.\n2. B.\n# Sub-theme 2\n1. C.\n');
    assert.deepEqual(doc.items.map((item) => item.section), [1, 1, 2]);
  });

  it('recognises "**Sub-theme 1:** …" with only the number in bold, even right under an item', () => {
    const doc = parse('**Sub-theme 1:** Impact of COVID-19\n1. A.\n2. B\n**Sub-theme 2:** Preparedness\n1. C.\n');
    assert.deepEqual(doc.sections.map((section) => section.title), ['', 'Sub-theme 1: Impact of COVID-19', 'Sub-theme 2: Preparedness']);
    assert.deepEqual(shape(doc), [['1.', 1, 'A.'], ['2.', 2, 'B'], ['1.', 1, 'C.']]);
  });

  it('strips emphasis from an unmarked heading', () => {
    const doc = parse('*Other matters*\n\n- A.\n');
    assert.deepEqual(doc.sections.map((section) => section.title), ['', 'Other matters']);
  });

  it('reads a setext-style underlined line before a list as a heading', () => {
    const doc = parse('Other matters\n-------------\n1. A.\n');
    assert.deepEqual(doc.sections.map((section) => section.title), ['', 'Other matters']);
    assert.equal(doc.items[0]!.section, 1);
  });

  it('does not read a heading-like line inside a hard-wrapped item as a heading', () => {
    const doc = parse('Sub-theme 1: Protection\n\n1. Strengthen the role of the national\nRecommendations\ncommittee in every province.\n2. Review the\nSub-theme 2: guidance on recruitment\nfees.\n3. Collect data.\n');
    assert.deepEqual(doc.sections.map((section) => section.title), ['', 'Sub-theme 1: Protection']);
    assert.deepEqual(shape(doc), [
      ['1.', 1, 'Strengthen the role of the national Recommendations committee in every province.'],
      ['2.', 2, 'Review the Sub-theme 2: guidance on recruitment fees.'],
      ['3.', 3, 'Collect data.'],
    ]);
  });

  it('does not read a short sentence-like line as a heading when no list follows it', () => {
    const doc = parse('1. Collect data.\n\nOther matters\n\nThe meeting ended at noon.\n');
    assert.deepEqual(doc.sections.map((section) => section.title), ['']);
  });

  it('ends an unfinished item at a closing "The meeting was held …" line and at a short date line', () => {
    const held = parse('1. Collect data\nThe meeting was held on 5 October 2024 at Phnom Penh, Cambodia.\n');
    assert.deepEqual(shape(held), [['1.', 1, 'Collect data']]);
    assert.equal(held.metadata.place, 'Phnom Penh, Cambodia');
    const dated = parse('1. Strengthen the tech applications\n\nHanoi, 28 September 2020\n');
    assert.deepEqual(shape(dated), [['1.', 1, 'Strengthen the tech applications']]);
  });

  it('continues an item after a blank line only when its last line does not end a sentence', () => {
    const doc = parse('1. Recognising the role of unions,\n\nASEAN governments should revise laws.\n\nThis paragraph is a note.\n\n2. Next.\n');
    assert.deepEqual(shape(doc), [['1.', 1, 'Recognising the role of unions, ASEAN governments should revise laws.'], ['2.', 2, 'Next.']]);
  });
});
