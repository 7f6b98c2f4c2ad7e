// The parser on the inputs real drafts come as (line endings, encodings' leftovers, odd spacing), and fuzzed:
// it never throws and every document's invariants hold.

import assert from 'node:assert/strict';
import { parseDocument } from '../../server/src/core/document/parse';
import { readSeed, SEED_NAMES } from './support/documentChecks';
import { parse, shape, range1to } from './support/parsing';
import { prng } from '../../bench/synthetic';

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
