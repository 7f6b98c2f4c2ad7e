// Metadata recognised from a document's own words: dates, forum, title, country, place. A field the text does
// not state plainly stays null.

import assert from 'node:assert/strict';
import { findDate, findForum, recogniseMetadata } from '../../server/src/core/document/metadata';
import { parseDocument } from '../../server/src/core/document/parse';

describe('findDate', () => {
  const cases: [string, string | null][] = [
    ['28 September 2020', '2020-09-28'],
    ['The meeting was held on 23 October 2020 at Vientiane', '2020-10-23'],
    ['10th October 2022', '2022-10-10'],
    ['1st of May, 2024', '2024-05-01'],
    ['10 Oct. 2022', '2022-10-10'],
    ['5 Sept 2024', '2024-09-05'],
    ['October 10, 2022', '2022-10-10'],
    ['2024-10-01', '2024-10-01'],
    ['29 February 2024', '2024-02-29'],
    // Not dates, or not plainly: null, never a guess.
    ['29 February 2023', null],
    ['31 April 2020', null],
    ['2024-13-01', null],
    ['09/10/2024', null],
    ['2020', null],
    ['for the period of 2024-2028', null],
    ['April 19', null],
    ['', null],
  ];
  for (const [text, expected] of cases) {
    it(`${JSON.stringify(text)} → ${expected}`, () => assert.equal(findDate(text), expected));
  }
});

describe('findForum', () => {
  it('names the forum in full from its ordinal', () => {
    assert.equal(findForum('Viet Nam National Recommendations for the 13th ASEAN Forum on Migrant Labour'), '13th ASEAN Forum on Migrant Labour');
    assert.equal(findForum('15th ASEAN Forum on Migrant Labor'), '15th ASEAN Forum on Migrant Labour');
    assert.equal(findForum('Cambodia recommendations to the 17th AFML'), '17th ASEAN Forum on Migrant Labour');
    assert.equal(findForum('the 1ST AFML'), '1st ASEAN Forum on Migrant Labour');
    assert.equal(findForum('ASEAN Forum on Migrant Labour'), null, 'no ordinal, no forum');
  });
});

describe('recogniseMetadata', () => {
  it('takes the title from a header line naming recommendations, and the country only from "<Country> National …"', () => {
    const metadata = recogniseMetadata(['Canada', 'Cambodia National Recommendations for the 17th ASEAN Forum on Migrant Labour', '5 October 2024'], [], false);
    assert.deepEqual(metadata, {
      title: 'Cambodia National Recommendations for the 17th ASEAN Forum on Migrant Labour',
      country: 'Cambodia',
      forum: '17th ASEAN Forum on Migrant Labour',
      date: '2024-10-05',
      place: null,
    });
    assert.equal(recogniseMetadata(['Recommendations of the Government of Myanmar'], [], false).country, 'Myanmar');
    assert.equal(recogniseMetadata(['Recommendations on safe migration in Thailand'], [], false).country, null, 'a topic, not the author');
    assert.equal(recogniseMetadata(['Recommendations'], [], false).title, null, 'a bare heading is no title');
  });

  it('reads the place from a closing line, and the country from the place when the title has none', () => {
    const metadata = recogniseMetadata([], ['The meeting was held on 28 September 2020 at Hanoi, Viet Nam, and online.'], false);
    assert.equal(metadata.place, 'Hanoi, Viet Nam');
    assert.equal(metadata.date, '2020-09-28');
    assert.equal(metadata.country, 'Viet Nam');
  });

  it('takes only the place, not the date that follows it', () => {
    assert.equal(recogniseMetadata([], ['The workshop was held at Phnom Penh, Cambodia on 5 October 2024.'], false).place, 'Phnom Penh, Cambodia');
    assert.equal(recogniseMetadata([], ['The consultation was held in Vientiane, 23 October 2020.'], false).place, 'Vientiane');
    assert.equal(recogniseMetadata([], ['The workshop was organised in the Hanoi office of MOLISA.'], false).place, 'Hanoi office of MOLISA');
  });

  it('does not take a manner for a place', () => {
    assert.equal(recogniseMetadata([], ['The meeting was held in a hybrid format.'], false).place, null);
    assert.equal(recogniseMetadata([], ['The workshop was held in person and online.'], false).place, null);
  });

  it('never returns an empty title', () => {
    assert.equal(recogniseMetadata(['**'], [], true).title, null);
  });

  it('finds the country in a title written with diacritics, NFC or NFD', () => {
    for (const title of ['Việt Nam National Recommendations for the 17th AFML', 'Việt Nam National Recommendations for the 17th AFML'.normalize('NFD')]) {
      const metadata = recogniseMetadata([title], [], false);
      assert.equal(metadata.country, 'Viet Nam');
      assert.equal(metadata.title, title.normalize('NFC'));
    }
  });

  it('maps the usual spellings of the region’s countries', () => {
    const cases: [string, string][] = [
      ['Vietnam National Recommendations', 'Viet Nam'],
      ['Lao People’s Democratic Republic National Recommendations'.replace('’', "'"), 'Lao PDR'],
      ['Lao PDR National Recommendations', 'Lao PDR'],
      ['Brunei Darussalam National Recommendations', 'Brunei Darussalam'],
      ['Timor-Leste National Recommendations', 'Timor-Leste'],
      ['Philippines National Recommendations', 'Philippines'],
    ];
    for (const [title, country] of cases) assert.equal(recogniseMetadata([title], [], false).country, country, title);
  });
});

describe('metadata through parseDocument', () => {
  it('does not take a theme heading for the document title', () => {
    const doc = parseDocument('Sub-theme 1: Recommendations on fair recruitment\n\n1. Collect data.\n', 'x');
    assert.equal(doc.metadata.title, null);
    assert.equal(doc.sections[1]!.title, 'Sub-theme 1: Recommendations on fair recruitment');
  });

  it('takes a Markdown title heading as the title', () => {
    const doc = parseDocument('# Cambodia National Recommendations for the 17th AFML\n\n## Sub-theme 1\n\n1. Collect data.\n', 'x');
    assert.equal(doc.metadata.title, 'Cambodia National Recommendations for the 17th AFML');
    assert.equal(doc.metadata.country, 'Cambodia');
    assert.equal(doc.metadata.forum, '17th ASEAN Forum on Migrant Labour');
  });

  it('reads nothing from the body of the list: a date inside an item is not the document date', () => {
    const doc = parseDocument('Sub-theme 1: Protection\n\n1. Implement the plan adopted on 28 September 2020 in Hanoi, Viet Nam.\n', 'x');
    assert.deepEqual(doc.metadata, { title: null, country: null, forum: null, date: null, place: null });
  });
});
