// The document parser on the five real seed documents and on the inputs real drafts come as.

import assert from 'node:assert/strict';
import { formatLabel, matchLabel, romanValue } from '../../server/src/core/document/labels';
import type { RecDocument } from '../../server/src/core/document/model';
import { parseDocument } from '../../server/src/core/document/parse';
import { assertDocumentInvariants, itemsOf, lineTable, readSeed, SEED_NAMES, textAt } from './support/documentChecks';
import { prng } from '../../bench/synthetic';

function parse(text: string, id = 'test.rec.md'): RecDocument {
  const doc = parseDocument(text, id);
  assertDocumentInvariants(doc, text);
  return doc;
}

/** Label, number and text of each item: the compact shape most expectations are written in. */
function shape(doc: RecDocument): [string, number | null, string][] {
  return doc.items.map((item) => [item.label, item.number, item.text]);
}

const range1to = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe('parseDocument on the seed documents', () => {
  for (const name of SEED_NAMES) {
    it(`${name}: every item's raw is the source at its range, inside the document, text without label or line breaks`, () => {
      const text = readSeed(name);
      const doc = parse(text, name);
      assert.ok(doc.items.length > 0);
      for (const item of doc.items) {
        if (item.label) assert.ok(!item.text.startsWith(item.label), `text of ${item.label} starts with its label`);
        assert.equal(textAt(text, item.range), item.raw);
      }
    });
  }

  describe('viet-nam-afml15-2022.txt', () => {
    const text = readSeed('viet-nam-afml15-2022.txt');
    const doc = parseDocument(text, 'viet-nam-afml15-2022.txt');

    it('has two sections, the "Sub theme 1 “…”" and "Sub-theme 2. …" headings', () => {
      assert.deepEqual(doc.sections.map((section) => section.title), [
        '',
        'Sub theme 1 “Economic Recovery and Labour Migration”',
        'Sub-theme 2. Rights protection to maximize development impacts of labour migration',
      ]);
      assert.deepEqual(doc.sections.map((section) => section.range.start.line), [0, 12, 26]);
    });

    it('has 8 + 13 = 21 bullet items', () => {
      assert.equal(doc.items.length, 21);
      assert.equal(itemsOf(doc, 1).length, 8);
      assert.equal(itemsOf(doc, 2).length, 13);
      assert.equal(itemsOf(doc, 0).length, 0, 'nothing before the first heading is an item');
      for (const item of doc.items) {
        assert.equal(item.label, '-');
        assert.deepEqual(item.marker, { kind: 'bullet', style: '-' });
        assert.equal(item.number, null);
        assert.equal(item.depth, 0);
      }
    });

    it('does not split a list at a page-break gap of blank lines', () => {
      const first = itemsOf(doc, 1);
      const second = itemsOf(doc, 2);
      assert.equal(new Set(first.map((item) => item.list)).size, 1, 'sub-theme 1 is one list');
      assert.equal(new Set(second.map((item) => item.list)).size, 1, 'sub-theme 2 is one list');
      assert.notEqual(first[0]!.list, second[0]!.list, 'each section has its own list');
      // The items on either side of the gaps (lines 22–24 and 38–40, 1-based) are neighbours in one list.
      assert.equal(first[6]!.range.end.line, 20);
      assert.equal(first[7]!.range.start.line, 24);
      assert.match(first[7]!.text, /^Reduce administrative procedures, fees and taxes/);
      assert.equal(second[8]!.range.end.line, 36);
      assert.equal(second[9]!.range.start.line, 40);
      assert.match(second[9]!.text, /^Research on job security/);
      // The gap belongs to no item.
      assert.ok(!first[6]!.raw.includes('\n'));
    });

    it('keeps the item texts whole', () => {
      assert.equal(doc.items[20]!.text, 'Apply information technology to build a community of migrant workers in the locality where they work to increase community, share information and create better protection channels for workers at work.');
      assert.equal(doc.items[19]!.text, 'Implement gender mainstreaming into labour and employment laws and policies to guide the development and formulation of gender-sensitive policies towards the removal of gender restrictions ;');
    });

    it('recognises country Viet Nam, the 15th AFML and 10 October 2022', () => {
      assert.equal(doc.metadata.country, 'Viet Nam');
      assert.equal(doc.metadata.forum, '15th ASEAN Forum on Migrant Labour');
      assert.equal(doc.metadata.date, '2022-10-10');
      assert.equal(doc.metadata.title, 'Recommendations from Viet Nam National Tripartite Preparatory Workshop');
      assert.equal(doc.metadata.place, null, 'the text names no place');
      assert.equal(doc.prose, false);
      assert.deepEqual(doc.problems, []);
    });
  });

  describe('viet-nam-afml13-2020.txt', () => {
    const text = readSeed('viet-nam-afml13-2020.txt');
    const doc = parseDocument(text, 'viet-nam-afml13-2020.txt');
    const sub1 = itemsOf(doc, 1);
    const sub2 = itemsOf(doc, 2);

    it('has two "Sub-theme N: …" sections', () => {
      assert.deepEqual(doc.sections.map((section) => [section.title, section.level]), [
        ['', 0],
        ['Sub-theme 1: Impact of COVID-19 on migrant workers and responses in ASEAN', 0],
        ['Sub-theme 2: Inclusive and responsive labour migration policy for future preparedness in ASEAN', 0],
      ]);
    });

    it('has 19 + 10 = 29 numbered items, numbering restarting per section', () => {
      assert.equal(doc.items.length, 29);
      assert.deepEqual(sub1.map((item) => item.number), range1to(19));
      assert.deepEqual(sub2.map((item) => item.number), range1to(10));
      assert.deepEqual(sub1.map((item) => item.label), range1to(19).map((n) => `${n}.`));
      for (const item of doc.items) assert.deepEqual(item.marker, { kind: 'decimal', style: '#.' });
      assert.equal(new Set(sub1.map((item) => item.list)).size, 1, 'the blank line before item 13 does not split the list');
      assert.notEqual(sub1[0]!.list, sub2[0]!.list);
    });

    it('does not take the logo lines or the title block as items', () => {
      const firstItemLine = doc.items[0]!.range.start.line;
      assert.equal(firstItemLine, 21);
      for (const logo of ['Canada', 'International', 'Labour', 'Organization', '28 September 2020']) {
        assert.ok(!doc.items.some((item) => item.text.includes(logo) && item.range.start.line < firstItemLine), logo);
        assert.ok(!doc.items.some((item) => item.text === logo), `${logo} is not an item`);
      }
      assert.ok(!doc.items.some((item) => /Supporting migrant workers during the pandemic/.test(item.text)), 'the italic subtitle is not a bullet');
    });

    it('does not put the closing "The meeting was held on …" line into item 10 of sub-theme 2', () => {
      const last = sub2[9]!;
      assert.equal(last.label, '10.');
      assert.equal(last.text, 'Strengthen job-matching, skills recognition, reskilling and upskilling, and trainings.');
      assert.equal(last.range.end.line, 53);
      assert.ok(!doc.items.some((item) => /meeting was held/.test(item.text)));
    });

    it('items 14 and 16 of sub-theme 1 have identical text', () => {
      assert.equal(sub1[13]!.label, '14.');
      assert.equal(sub1[15]!.label, '16.');
      assert.equal(sub1[13]!.text, 'Enhance the role of labor management board in receiving countries.');
      assert.equal(sub1[13]!.text, sub1[15]!.text);
      assert.notDeepEqual(sub1[13]!.range, sub1[15]!.range);
    });

    it('keeps item 8 whole although it has no full stop', () => {
      assert.equal(sub1[7]!.text, 'Consider a moratorium on arrests and detention of migrant workers or at a minimum, alternative options to detention');
      assert.equal(sub1[8]!.label, '9.');
    });

    it('recognises country, forum, date and place', () => {
      assert.deepEqual(doc.metadata, {
        title: 'Viet Nam National Recommendations for the 13th ASEAN Forum on Migrant Labour',
        country: 'Viet Nam',
        forum: '13th ASEAN Forum on Migrant Labour',
        date: '2020-09-28',
        place: 'Hanoi, Viet Nam',
      });
    });
  });

  describe('recommendations-recruitment-reintegration.txt', () => {
    const text = readSeed('recommendations-recruitment-reintegration.txt');
    const doc = parseDocument(text, 'recommendations-recruitment-reintegration.txt');

    it('has one section "Recommendations" with 12 numbered items', () => {
      assert.deepEqual(doc.sections.map((section) => section.title), ['', 'Recommendations']);
      assert.equal(doc.items.length, 12);
      assert.deepEqual(doc.items.map((item) => item.number), range1to(12));
      assert.ok(doc.items.every((item) => item.section === 1 && item.list === doc.items[0]!.list));
    });

    it('takes each hard-wrapped item whole', () => {
      for (const item of doc.items) assert.ok(item.range.end.line > item.range.start.line, `${item.label} spans several lines`);
      assert.equal(doc.items[6]!.text, 'Mainstream monitoring and evaluation of training institutions within the relevant policies related to education and training and increase training programmes for workers on technology and related skills, including for older workers or workers transitioning jobs or sectors.');
      assert.equal(doc.items[11]!.text, 'Institutionalise, encourage and amplify voice and representation for workers across the region and at the regional level, with a focus on migration and ensuring that ASEAN is not leaving any migrant worker behind.');
    });

    it('continues item 1 after the blank line that follows "…migrant workers," up to "…gender issues."', () => {
      const first = doc.items[0]!;
      assert.equal(first.text, 'Recognising the crucial role of the government in ensuring protection of migrant workers, ASEAN governments should develop/amend/revise relevant laws and policies with a focus on monitoring and evaluation of recruitment agencies, including complaints and sanctions mechanisms, to bring these into line with the changing world of work, including responding to existing and emerging gender issues.');
      assert.deepEqual(first.range, { start: { line: 3, character: 0 }, end: { line: 8, character: 39 } });
      assert.ok(first.raw.includes('migrant workers, \n\nASEAN governments'));
      assert.ok(first.raw.endsWith('gender issues.'), 'trailing spaces are not part of the item');
    });

    it('says nothing about title, country or date: the text does not say', () => {
      assert.deepEqual(doc.metadata, { title: null, country: null, forum: null, date: null, place: null });
    });
  });

  describe('iom-dolab-safe-migration-2024.txt (prose)', () => {
    const text = readSeed('iom-dolab-safe-migration-2024.txt');
    const doc = parseDocument(text, 'iom-dolab-safe-migration-2024.txt');
    const lines = lineTable(text);

    it('is prose: its paragraphs are the passages', () => {
      assert.equal(doc.prose, true);
      assert.ok(doc.items.every((item) => item.marker.kind === 'paragraph' && item.label === '' && item.number === null));
      // A web extraction: one paragraph per line; every non-blank line from the lead to the last caption is a passage.
      const expectedLines = lines.map((line, index) => ({ line, index })).filter(({ line, index }) => index >= 2 && index <= 26 && line.text.trim() !== '').map(({ index }) => index);
      assert.deepEqual(doc.items.map((item) => item.range.start.line), expectedLines);
      for (const item of doc.items) assert.equal(item.raw, lines[item.range.start.line]!.text.trimEnd());
      assert.match(doc.items[0]!.text, /^WVR - On April 19, in Hanoi/);
    });

    it('leaves out the trailing "related articles" headlines', () => {
      const related = ['Mine Action cannot wait', 'Vietnam, Italy Foreign Ministries', 'Labour, vocational training contributes', 'determination in illegal migration fight', 'To deepen defence cooperation'];
      for (const headline of related) assert.ok(!doc.items.some((item) => item.text.includes(headline)), headline);
      assert.equal(doc.items[doc.items.length - 1]!.text, 'Consultation workshop on partnerships and cooperation on safe labour migration in Vietnam. (Source: IOM)');
      assert.ok(doc.items.every((item) => item.range.start.line < 27));
    });

    it('recognises the title line, and takes no country from a topic', () => {
      assert.equal(doc.metadata.title, 'Promoting cooperation on safe labour migration in Vietnam for period of 2024-2028');
      assert.ok(!doc.items.some((item) => item.range.start.line === 0), 'the title is not a passage');
      assert.equal(doc.metadata.country, null);
      assert.equal(doc.metadata.forum, null);
    });

    it('keeps Vietnamese captions as NFC passages', () => {
      const caption = doc.items.find((item) => item.text.startsWith('Bà Park Mihyung'));
      assert.ok(caption);
      assert.ok(caption.text.includes('đánh giá cao những cam kết'), 'double spaces collapse');
    });
  });

  describe('lao-pdr-afml13-2020.txt', () => {
    const text = readSeed('lao-pdr-afml13-2020.txt');
    const doc = parseDocument(text, 'lao-pdr-afml13-2020.txt');

    it('has two sections with 12 + 14 = 26 bullet items across blank-line gaps', () => {
      assert.deepEqual(doc.sections.map((section) => section.title), [
        '',
        'Sub-theme 1: Impact of COVID-19 on migrant workers and responses in ASEAN',
        'Sub-theme 2: Inclusive and responsive labour migration policy for future preparedness in ASEAN',
      ]);
      assert.equal(doc.items.length, 26);
      assert.equal(itemsOf(doc, 1).length, 12);
      assert.equal(itemsOf(doc, 2).length, 14);
      assert.ok(doc.items.every((item) => item.label === '-' && item.depth === 0));
      for (const section of [1, 2]) assert.equal(new Set(itemsOf(doc, section).map((item) => item.list)).size, 1, `sub-theme ${section} is one list across its gap`);
      // Nine blank lines between items 8 and 9 of sub-theme 1.
      assert.equal(itemsOf(doc, 1)[7]!.range.end.line, 25);
      assert.equal(itemsOf(doc, 1)[8]!.range.start.line, 35);
    });

    it('does not take the two-line subtitle as an item or a section', () => {
      assert.ok(!doc.items.some((item) => /Cohesive and Responsive|^Community$/.test(item.text)));
      assert.ok(!doc.sections.some((section) => section.title === 'Community'));
    });

    it('recognises country Lao PDR, 23 October 2020 and Vientiane', () => {
      assert.deepEqual(doc.metadata, {
        title: 'Lao PDR National Recommendations for the 13th ASEAN Forum on Migrant Labour',
        country: 'Lao PDR',
        forum: '13th ASEAN Forum on Migrant Labour',
        date: '2020-10-23',
        place: 'Vientiane, Lao PDR',
      });
      assert.equal(doc.items[25]!.text, 'Propose destination countries to provide access to proper registration for undocumented migrant workers that return to work in the destination.');
    });
  });
});

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

describe('front matter', () => {
  const body = 'Viet Nam National Recommendations for the 13th ASEAN Forum on Migrant Labour\n\n28 September 2020\n\nSub-theme 1: Impact\n\n1. Collect data.\n2. Extend coverage.\n';

  it('overrides the metadata the text suggests, field by field', () => {
    const text = `---\ntitle: Cambodia draft\ncountry: Cambodia\nforum: 17th ASEAN Forum on Migrant Labour\n---\n${body}`;
    const doc = parse(text);
    assert.deepEqual(doc.metadata, {
      title: 'Cambodia draft',
      country: 'Cambodia',
      forum: '17th ASEAN Forum on Migrant Labour',
      date: '2020-09-28', // not in the front matter: still read from the text
      place: null,
    });
    assert.deepEqual(doc.problems, []);
    assert.equal(doc.items.length, 2);
    assert.equal(doc.items[0]!.range.start.line, 11);
  });

  it('reads a date written "28 September 2020" or 2024-10-01, and keys in any case', () => {
    assert.equal(parse('---\ndate: 28 September 2020\n---\n1. A.\n').metadata.date, '2020-09-28');
    assert.equal(parse('---\ndate: 2024-10-01\n---\n1. A.\n').metadata.date, '2024-10-01');
    assert.equal(parse('---\ndate: "October 1, 2024"\n---\n1. A.\n').metadata.date, '2024-10-01');
    assert.equal(parse('---\nTitle: Draft\nCountry: Lao PDR\n---\n1. A.\n').metadata.country, 'Lao PDR');
  });

  it('reports a date it cannot read, keeping the rest', () => {
    const doc = parse('---\ncountry: Cambodia\ndate: 09/10/2024\n---\n1. A.\n');
    assert.equal(doc.metadata.country, 'Cambodia');
    assert.equal(doc.metadata.date, null);
    assert.equal(doc.problems.length, 1);
    assert.match(doc.problems[0]!.message, /date/);
  });

  it('reports invalid YAML as a problem, without crashing, and never reads front matter lines as items', () => {
    const text = '---\ntitle: [unclosed\n- not an item\n1. not an item either\n---\n1. Collect data.\n';
    const doc = parse(text);
    assert.equal(doc.problems.length, 1);
    assert.match(doc.problems[0]!.message, /front matter/i);
    assert.equal(doc.problems[0]!.range.start.line, 0);
    assert.deepEqual(shape(doc), [['1.', 1, 'Collect data.']]);
    assert.deepEqual(doc.metadata, { title: null, country: null, forum: null, date: null, place: null });
  });

  it('reports front matter that is not a mapping', () => {
    const doc = parse('---\n- a\n- b\n---\n1. Collect data.\n');
    assert.equal(doc.problems.length, 1);
    assert.equal(doc.items.length, 1);
  });

  it('accepts empty front matter and a "..." closing fence', () => {
    assert.deepEqual(parse('---\n---\n1. A.\n').problems, []);
    assert.equal(parse('---\ncountry: Myanmar\n...\n1. A.\n').metadata.country, 'Myanmar');
  });

  it('survives YAML alias bombs', () => {
    const bomb = '---\na: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n---\n1. A.\n';
    const doc = parse(bomb);
    assert.equal(doc.items.length, 1);
    assert.equal(doc.problems.length, 1);
  });
});

describe('input as real files come', () => {
  const seeds = SEED_NAMES.map((name) => ({ name, text: readSeed(name) }));

  it('parses the empty string', () => {
    const doc = parse('');
    assert.deepEqual(doc.items, []);
    assert.equal(doc.sections.length, 1);
    assert.equal(doc.lineCount, 1);
    assert.equal(doc.prose, false);
    assert.deepEqual(doc.problems, []);
    assert.deepEqual(doc.metadata, { title: null, country: null, forum: null, date: null, place: null });
  });

  it('parses a document of only blank lines (spaces, tabs, zero-width spaces, form feeds)', () => {
    const doc = parse('\n\n   \n\t\n\u200b\n\f\n');
    assert.deepEqual(doc.items, []);
    assert.equal(doc.lineCount, 7);
  });

  it('reads a document with a byte order mark like one without', () => {
    for (const { name, text } of seeds) {
      const plain = parseDocument(text, name);
      const bom = parse('\ufeff' + text, name);
      assert.deepEqual(shape(bom), shape(plain), name);
      assert.deepEqual(bom.metadata, plain.metadata, name);
      assert.deepEqual(bom.sections.map((s) => s.title), plain.sections.map((s) => s.title), name);
    }
    const heading = parse('\ufeff# Sub-theme 1\n\n1. A.\n');
    assert.deepEqual(heading.sections.map((section) => [section.title, section.level]), [['', 0], ['Sub-theme 1', 1]]);
    const front = parse('\ufeff---\ncountry: Cambodia\n---\n1. A.\n');
    assert.equal(front.metadata.country, 'Cambodia');
    assert.equal(front.items.length, 1);
    const first = parse('\ufeff1. A.\n');
    assert.equal(first.items[0]!.range.start.character, 1, 'the mark is a character of line 0: positions count it');
  });

  it('reads CRLF and CR-only line ends: same lines and characters as LF, raw still the source', () => {
    for (const { name, text } of seeds) {
      const lf = parseDocument(text.replace(/\r\n?/g, '\n'), name);
      for (const eol of ['\r\n', '\r']) {
        const converted = text.replace(/\r\n?|\n/g, eol);
        const doc = parse(converted, name);
        assert.deepEqual(doc.items.map((item) => item.range), lf.items.map((item) => item.range), `${name} ${JSON.stringify(eol)}`);
        assert.deepEqual(shape(doc), shape(lf));
        assert.deepEqual(doc.metadata, lf.metadata);
        assert.equal(doc.lineCount, lf.lineCount);
        for (const item of doc.items) assert.ok(!/\r/.test(item.text));
      }
    }
    const crlf = parse('1. Recognising the role of unions,\r\n\r\nASEAN governments should act.\r\n');
    assert.equal(crlf.items[0]!.raw, '1. Recognising the role of unions,\r\n\r\nASEAN governments should act.');
    assert.deepEqual(crlf.items[0]!.range.end, { line: 2, character: 29 });
  });

  it('gives NFC item text for NFD Vietnamese, and raw as written', () => {
    const nfc = 'Việt Nam National Recommendations for the 17th ASEAN Forum on Migrant Labour\n\n1. Bảo vệ quyền của người lao động di cư.\n2. Hỗ trợ tái hòa nhập.\n';
    const nfd = nfc.normalize('NFD');
    assert.notEqual(nfd, nfc);
    const doc = parse(nfd);
    assert.deepEqual(doc.items.map((item) => item.text), ['Bảo vệ quyền của người lao động di cư.', 'Hỗ trợ tái hòa nhập.']);
    assert.equal(doc.items[0]!.raw, '1. Bảo vệ quyền của người lao động di cư.'.normalize('NFD'));
    assert.equal(doc.metadata.country, 'Viet Nam', 'the country is found through the diacritics');
    assert.equal(doc.metadata.title, 'Việt Nam National Recommendations for the 17th ASEAN Forum on Migrant Labour', 'title in NFC');

    const iom = readSeed('iom-dolab-safe-migration-2024.txt');
    assert.deepEqual(parse(iom.normalize('NFD')).items.map((item) => item.text), parseDocument(iom, 'iom').items.map((item) => item.text));
  });

  it('parses a 100,000-character line', () => {
    const long = 'migrant workers '.repeat(6250);
    const doc = parse(`Sub-theme 1: Long\n\n1. ${long}\n2. Short.\n`);
    assert.equal(doc.items.length, 2);
    assert.equal(doc.items[0]!.raw.length, 3 + long.trimEnd().length);
    assert.equal(doc.items[0]!.text, long.trim());
    assert.equal(parse(long).items.length, 1, 'a long prose line is a passage');
  });

  it('stays linear on lines that would make a backtracking regular expression explode', () => {
    // Each of these takes a backtracking regular expression seconds to minutes (or for ever): a long run of spaces
    // inside a Markdown heading, a long run of emphasis marks, a closing line with many "in".
    const lines = [
      '# a' + ' '.repeat(50_000) + 'x',
      '*'.repeat(100_000),
      '_'.repeat(100_000) + 'x',
      '**'.repeat(25_000) + 'x' + '**'.repeat(25_000),
      'The meeting was held ' + 'in in '.repeat(10_000) + 'x',
      '- ' + '- '.repeat(50_000) + 'x',
    ];
    for (const line of lines) {
      parse(line);
      parse(`1. Item.\n\n${line}\n`);
    }
  });

  it('survives NUL, lone surrogates, direction marks and zero-width characters', () => {
    const text = '1. Protect\u0000 workers \ud800 abroad.\n2. \udc00 Lone low surrogate.\n\u200f3. Right-to-left mark before the label.\n\u200b4. Zero-width space before the label.\n5. Word\u200bjoined\u200d text\u2067 isolate.\n';
    const doc = parse(text);
    assert.deepEqual(doc.items.map((item) => item.number), [1, 2, 3, 4, 5]);
    assert.equal(doc.items[2]!.range.start.character, 1, 'the label starts after the mark');
    assert.equal(doc.items[2]!.label, '3.');
    assert.equal(doc.items[0]!.text, 'Protect\u0000 workers \ud800 abroad.');
    assert.equal(new Set(doc.items.map((item) => item.list)).size, 1);
  });

  it('parses a generated document of 20,000 items', function () {
    this.slow(3000);
    const sections: string[] = [];
    for (let s = 1; s <= 200; s++) {
      const items = range1to(100).map((n) => `${n}. Strengthen protection of migrant workers in area ${s}, measure ${n}, including\n   portability of social protection.`);
      sections.push(`Sub-theme ${s}: Area ${s}\n\n${items.join('\n')}`);
    }
    const text = sections.join('\n\n\n\n');
    const doc = parse(text);
    assert.equal(doc.items.length, 20_000);
    assert.equal(doc.sections.length, 201);
    assert.equal(doc.items[19_999]!.label, '100.');
    assert.equal(doc.items[19_999]!.section, 200);
    assert.equal(doc.items[19_999]!.text, 'Strengthen protection of migrant workers in area 200, measure 100, including portability of social protection.');

    const bullets = parse(Array.from({ length: 20_000 }, (_, i) => `- Item ${i}: extend coverage\n  to all workers`).join('\n'));
    assert.equal(bullets.items.length, 20_000);
    assert.equal(new Set(bullets.items.map((item) => item.list)).size, 1);

    const prose = parse(Array.from({ length: 20_000 }, (_, i) => `## Heading ${i}\n\nParagraph ${i} about safe migration.`).join('\n\n'));
    assert.equal(prose.prose, true);
    assert.equal(prose.items.length, 20_000);
    assert.equal(prose.items[19_999]!.section, 20_000);
  });

  it('keeps the passages of a document that is only short lines', () => {
    const doc = parse('Safe migration\nFair recruitment\nSocial protection\n');
    assert.equal(doc.prose, true);
    assert.deepEqual(doc.items.map((item) => item.text), ['Fair recruitment', 'Social protection']);
  });
});

describe('fuzz: the parser never throws and its invariants hold', () => {
  const pieces = [
    '1. ', '2) ', '(3) ', '(a) ', 'b. ', 'i. ', 'iv) ', 'h. ', '- ', '* ', '• ', '– ', '2020. ', '---', '***', '# ', '## ', '**', '*', '_',
    'Sub-theme 1: ', 'Sub theme 2 “', '”', 'Recommendations', 'The meeting was held on 28 September 2020 at Hanoi, Viet Nam.',
    'migrant workers', ' ', '  ', '\t', ',', '.', ':', ';', '\n', '\n', '\n', '\n\n', '\r\n', '\r', '\u0000', '\ud800', '\udc00', '\u200b',
    '\u200f', '\ufeff', 'Vie\u0323\u0302t Nam', 'ພາສາລາວ', 'ភាសាខ្មែរ', '😀', '...', 'title: x', '"', '[', '&a', '*a', '0', '100', '\f',
  ];

  it('on 1,500 documents made of labels, headings, line breaks and odd characters', () => {
    const next = prng(2024);
    for (let n = 0; n < 1500; n++) {
      const count = 1 + Math.floor(next() * 60);
      let text = next() < 0.15 ? '---\n' : '';
      for (let k = 0; k < count; k++) text += pieces[Math.floor(next() * pieces.length)];
      try {
        parse(text, `fuzz-${n}`);
      } catch (error) {
        throw new Error(`document ${n} ${JSON.stringify(text)}: ${(error as Error).message}`);
      }
    }
  });

  it('on 300 random cuts and splices of the seeds', () => {
    const next = prng(17);
    const texts = SEED_NAMES.map(readSeed);
    for (let n = 0; n < 300; n++) {
      const a = texts[Math.floor(next() * texts.length)]!;
      const b = texts[Math.floor(next() * texts.length)]!;
      const cutA = Math.floor(next() * a.length);
      const cutB = Math.floor(next() * b.length);
      const text = a.slice(0, cutA) + pieces[Math.floor(next() * pieces.length)] + b.slice(cutB);
      try {
        parse(text, `splice-${n}`);
      } catch (error) {
        throw new Error(`splice ${n} (${cutA}, ${cutB}): ${(error as Error).message}`);
      }
    }
  });
});
