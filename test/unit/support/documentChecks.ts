// Test helpers: the real seeds (documents and the shipped thesaurus), and the properties every parsed document
// must have.
// Offsets are computed here independently of the parser's own line splitter, so a bug there cannot hide itself.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Position, RecDocument } from '../../../server/src/core/document/model';
import { formatThesaurusError, parseThesaurus, type Thesaurus } from '../../../server/src/core/text/thesaurus';

export const SEEDS_DIR = fileURLToPath(new URL('../../../seeds/', import.meta.url));

export function readSeed(name: string): string {
  return readFileSync(SEEDS_DIR + name, 'utf8');
}

/** The shipped thesaurus (seeds/thesaurus.yaml), parsed; throws if it does not parse. */
export function seedThesaurus(): Thesaurus {
  const parsed = parseThesaurus(readSeed('thesaurus.yaml'), 'thesaurus.yaml');
  if (!parsed.ok) throw new Error(formatThesaurusError(parsed.error));
  return parsed.thesaurus;
}

export const SEED_NAMES = [
  'viet-nam-afml15-2022.txt',
  'viet-nam-afml13-2020.txt',
  'recommendations-recruitment-reintegration.txt',
  'iom-dolab-safe-migration-2024.txt',
  'lao-pdr-afml13-2020.txt',
] as const;

/** Each line's text (without its line break) and start offset; LF, CRLF and a lone CR each end one line. */
export function lineTable(text: string): { text: string; offset: number }[] {
  const table: { text: string; offset: number }[] = [];
  const breaks = /\r\n|\r|\n/g;
  let start = 0;
  for (let match = breaks.exec(text); match; match = breaks.exec(text)) {
    table.push({ text: text.slice(start, match.index), offset: start });
    start = match.index + match[0].length;
  }
  table.push({ text: text.slice(start), offset: start });
  return table;
}

export function offsetAt(table: readonly { text: string; offset: number }[], position: Position): number {
  const line = table[position.line];
  assert.ok(line, `line ${position.line} is outside the document (${table.length} lines)`);
  assert.ok(position.character >= 0 && position.character <= line.text.length, `character ${position.character} is outside line ${position.line} (length ${line.text.length})`);
  return line.offset + position.character;
}

/** The source text at a range, from line/character positions. */
export function textAt(text: string, range: { start: Position; end: Position }): string {
  const table = lineTable(text);
  return text.slice(offsetAt(table, range.start), offsetAt(table, range.end));
}

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character <= b.character);
}

/** What holds for every document the parser returns, whatever the input. */
export function assertDocumentInvariants(doc: RecDocument, text: string): void {
  const table = lineTable(text);
  assert.equal(doc.lineCount, table.length, 'lineCount counts lines as editors do');

  assert.ok(doc.sections.length >= 1, 'there is always the implicit first section');
  assert.equal(doc.sections[0]!.title, '');
  doc.sections.forEach((section, index) => {
    assert.equal(section.index, index);
    offsetAt(table, section.range.start);
    offsetAt(table, section.range.end);
    if (index > 0) assert.ok(section.range.start.line >= doc.sections[index - 1]!.range.start.line, 'sections in document order');
  });

  for (const field of ['title', 'country', 'forum', 'date', 'place'] as const) {
    const value = doc.metadata[field];
    assert.ok(value === null || (typeof value === 'string' && value.length > 0), `metadata.${field} is null or text`);
  }
  if (doc.metadata.date !== null) assert.match(doc.metadata.date, /^\d{4}-\d{2}-\d{2}$/);

  let previousEndLine = -1;
  doc.items.forEach((item, index) => {
    const where = `item ${index} (${JSON.stringify(item.label)} at line ${item.range.start.line})`;
    assert.equal(item.index, index, `${where}: index`);
    assert.ok(before(item.range.start, item.range.end), `${where}: range start before end`);
    const start = offsetAt(table, item.range.start);
    const end = offsetAt(table, item.range.end);
    assert.equal(item.raw, text.slice(start, end), `${where}: raw is the source text at its range`);
    assert.ok(item.range.start.line > previousEndLine, `${where}: items do not overlap and come in document order`);
    previousEndLine = item.range.end.line;

    assert.ok(item.section >= 0 && item.section < doc.sections.length, `${where}: section exists`);
    const section = doc.sections[item.section]!;
    if (item.section > 0) assert.ok(section.range.start.line < item.range.start.line, `${where}: item comes after its section heading`);
    const nextSection = doc.sections[item.section + 1];
    if (nextSection) assert.ok(item.range.end.line < nextSection.range.start.line, `${where}: item ends before the next section`);

    assert.deepEqual(item.labelRange.start, item.range.start, `${where}: label starts the item`);
    assert.equal(text.slice(offsetAt(table, item.labelRange.start), offsetAt(table, item.labelRange.end)), item.label, `${where}: labelRange covers the label`);
    assert.ok(item.raw.startsWith(item.label), `${where}: raw starts with the label`);

    assert.ok(item.text.length > 0, `${where}: text is not empty`);
    assert.doesNotMatch(item.text, /[\r\n]/, `${where}: text has no line breaks`);
    assert.equal(item.text, item.text.trim(), `${where}: text is trimmed`);
    assert.equal(item.text, item.text.normalize('NFC'), `${where}: text is NFC`);

    if (item.marker.kind === 'paragraph') {
      assert.equal(item.label, '');
      assert.equal(item.number, null);
      assert.equal(item.list, -1);
      assert.ok(doc.prose, `${where}: paragraphs only in a prose document`);
    } else {
      assert.ok(!doc.prose, `${where}: a document with labelled items is not prose`);
      assert.ok(item.list >= 0 && item.depth >= 0, `${where}: list and depth`);
      if (item.marker.kind === 'bullet') {
        assert.equal(item.number, null, `${where}: a bullet has no number`);
        assert.equal(item.marker.style, item.label, `${where}: a bullet's style is itself`);
      } else {
        // "0." is a label people write (a list starting at 0 is the numbering check's business); letters and Roman numerals start at 1.
        const least = item.marker.kind === 'decimal' ? 0 : 1;
        assert.ok(Number.isInteger(item.number) && item.number! >= least, `${where}: counted labels have a number`);
      }
      if (item.marker.kind === 'decimal') assert.equal(item.number, Number(/\d+/.exec(item.label)![0]), `${where}: number of ${item.label}`);
    }
  });
  if (doc.prose) assert.ok(doc.items.length > 0, 'a prose document has passages');
}

/** Items of a section (by index), in order. */
export function itemsOf(doc: RecDocument, section: number) {
  return doc.items.filter((item) => item.section === section);
}
