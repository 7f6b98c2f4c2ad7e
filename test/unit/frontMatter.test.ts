// YAML front matter: the document's metadata from it, and a broken one reported without losing the items.

import assert from 'node:assert/strict';
import { parse, shape } from './support/parsing';

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
