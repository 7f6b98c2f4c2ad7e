// The document parser on the five real seed documents: their items, labels, sections and metadata.

import assert from 'node:assert/strict';
import { parseDocument } from '../../server/src/core/document/parse';
import { itemsOf, lineTable, readSeed, SEED_NAMES, textAt } from './support/documentChecks';
import { parse, range1to } from './support/parsing';

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
