// Property-based fuzzing of the core (fast-check): random text, and real seed text mutated the way real
// documents go wrong (lines inserted, deleted, duplicated, labels swapped, Unicode injected: NFD, direction
// marks, zero-width characters, lone surrogates, NUL, CR-only line ends, byte order marks). Whatever the input,
// the parser, every check, the edits, completion, outline, hover card, report and decoder never throw, and
// what they return stays inside the document.
//
// Quick by default (a few hundred cases, part of `npm test`). The long mode is `npm run test:fuzz`, or
// `FUZZ_RUNS=100000 npx mocha test/unit/fuzz.test.ts`: FUZZ_RUNS cases for each cheap property (the
// parser, the numbering checks, the edits, outline, completion), a tenth of it for the properties that query
// the precedent index on every item (checkDocument, the report); FUZZ_SEED replays a run.

import assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkDocument, type CheckContext } from '../../server/src/core/checks/checkDocument';
import { checkDuplicates } from '../../server/src/core/checks/duplicates';
import type { Finding } from '../../server/src/core/checks/finding';
import { checkNumbering, type NumberingStyle } from '../../server/src/core/checks/numbering';
import { checkPrecedentReuse } from '../../server/src/core/checks/reuse';
import { decodeDocument } from '../../server/src/core/document/decode';
import type { Marker, Position, Range, RecDocument } from '../../server/src/core/document/model';
import { formatLabel, matchLabel } from '../../server/src/core/document/labels';
import { parseDocument } from '../../server/src/core/document/parse';
import { completionsAt } from '../../server/src/core/features/completion';
import { hoverCard } from '../../server/src/core/features/hoverCard';
import { itemAt } from '../../server/src/core/features/itemAt';
import { nextLabel } from '../../server/src/core/features/nextLabel';
import { outline, type OutlineNode } from '../../server/src/core/features/outline';
import { convertListEdits, renumberEdits } from '../../server/src/core/features/renumber';
import { consistencyReport } from '../../server/src/core/features/report';
import { applyEdits, type TextEdit } from '../../server/src/core/features/textEdit';
import { buildVocabulary } from '../../server/src/core/features/vocabulary';
import { PrecedentIndex } from '../../server/src/core/index/precedentIndex';
import { defaultSettings } from '../../server/src/core/settings';
import { createAnalyser } from '../../server/src/core/text/analyser';
import { assertDocumentInvariants, lineTable, readSeed, SEED_NAMES, seedThesaurus } from './support/documentChecks';

const LONG = process.env.FUZZ_RUNS !== undefined;
/** Cases per cheap property. */
const RUNS = LONG ? Math.max(1, Number(process.env.FUZZ_RUNS) || 100_000) : 60;
/** Cases per property that queries the index for every item. */
const HEAVY_RUNS = LONG ? Math.max(1, Math.round(RUNS / 10)) : 15;
const SEED = process.env.FUZZ_SEED !== undefined ? Number(process.env.FUZZ_SEED) : LONG ? Date.now() % 2 ** 31 : 20_241_015;
const STYLES: NumberingStyle[] = ['auto', 'restartPerSection', 'continuous'];
const NUMBERING_ORDER_CODES = ['numbering-gap', 'numbering-repeat', 'numbering-order'];

// ---------- the world the checks run against: a small real index (two seeds), its vocabulary ----------

const thesaurus = seedThesaurus();
const seedTexts = SEED_NAMES.map((name) => readSeed(name));
const index = new PrecedentIndex(createAnalyser(thesaurus));
const corpus = ['viet-nam-afml13-2020.txt', 'lao-pdr-afml13-2020.txt'].map((name) => parseDocument(readSeed(name), `file:///corpus/${name}`));
for (const document of corpus) index.addDocument(document);
const vocabulary = buildVocabulary(corpus);
const context = (style: NumberingStyle): CheckContext => {
  const settings = defaultSettings();
  settings.numbering.style = style;
  return { precedents: index, similarity: (a, b) => index.similarity(a, b), settings };
};

// ---------- generators ----------

/** Pieces real documents are made of, and pieces that break naive parsers. */
const PIECES = [
  '1. ', '2. ', '3) ', '(4) ', '14. ', '999. ', '1000. ', '0. ', '(a) ', 'b. ', 'h. ', 'i. ', 'ii) ', 'iv. ', 'v. ', 'x) ', 'A. ', 'IV. ', '- ', '* ', '+ ', '• ', '– ', '— ',
  '2020. ', '---', '***', '___', '===', '# ', '## ', '###### ', '####### ', '**', '*', '_', '`', '```', '> ', '[', ']', '(', ')', '](', '<', '>', '&amp;', '<!--', '-->',
  'Sub-theme 1: ', 'Sub theme 2 “', '”', 'Sub-theme 2. ', 'Part II – ', 'Recommendations', 'RECOMMENDATIONS', 'Preamble',
  'The meeting was held on 28 September 2020 at Hanoi, Viet Nam.', 'Adopted on 5 October 2024 in Vientiane.', '28 September 2020',
  'Viet Nam National Recommendations for the 13th ASEAN Forum on Migrant Labour', '13th AFML',
  'migrant workers', 'social protection', 'labour management boards', 'remittance services,', 'including:', 'workers.',
  ' ', '  ', '    ', '\t', ',', '.', ':', ';', '…', '\n', '\n', '\n', '\n', '\n\n', '\n\n\n\n', '\r\n', '\r', '\u2028', '\u0085', '\f', '\v',
  '\u0000', '\ud800', '\udc00', '\udbff\udfff', '\u200b', '\u200c', '\u200d', '\u200e', '\u200f', '\u202e', '\u2066', '\u2069', '\ufeff', '\u00a0', '\u00ad',
  'Vie\u0323\u0302t Nam', 'Việt Nam', 'ພາສາລາວ', 'ភាសាខ្មែរ', 'ภาษาไทย', '😀', '👩🏽‍🌾', 'e\u0301', '\u0301', '...', '---\ntitle: x\n---\n', 'title: [', 'date: 2020-13-45',
  '"', "'", '[click](command:workbench.action.terminal.new)', '<img src=x onerror=alert(1)>', 'javascript:alert(1)', '0', '100', '1', 'a', 'I',
];

const piece = fc.constantFrom(...PIECES);
const anyString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: fc.constantFrom('1', '.', ')', '(', 'a', 'i', ' ', '\n', '\r', '-', '#', '*', '\u200b', 'x'), maxLength: 40 }),
);

/** Random text: soup of document pieces and arbitrary strings, sometimes behind front matter. */
const randomText = fc
  .tuple(fc.boolean(), fc.array(fc.oneof({ weight: 4, arbitrary: piece }, { weight: 1, arbitrary: anyString }), { maxLength: 80 }))
  .map(([frontMatter, parts]) => (frontMatter ? '---\n' : '') + parts.join(''));

type Mutation =
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'delete'; at: number; count: number }
  | { kind: 'duplicate'; at: number; count: number; to: number }
  | { kind: 'swapLabels'; a: number; b: number }
  | { kind: 'inject'; at: number; text: string }
  | { kind: 'nfd' }
  | { kind: 'lineEnds'; eol: '\r' | '\r\n' | '\n' }
  | { kind: 'bom'; at: number }
  | { kind: 'indent'; at: number; text: string };

const INJECTED = ['\u202e', '\u200f', '\u200e', '\u200b', '\u2060', '\ufeff', '\ud800', '\udfff', '\u0000', '\r', '\n', '\r\n', '\u2028', '\u0301', '\u00a0', '\t', '😀'];

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(piece, anyString, fc.array(piece, { maxLength: 6 }).map((parts) => parts.join(''))) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), count: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), count: fc.integer({ min: 1, max: 8 }), to: fc.nat() }),
  fc.record({ kind: fc.constant('swapLabels' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ kind: fc.constant('inject' as const), at: fc.nat(), text: fc.oneof(fc.constantFrom(...INJECTED), piece) }),
  fc.constant({ kind: 'nfd' as const }),
  fc.record({ kind: fc.constant('lineEnds' as const), eol: fc.constantFrom('\r' as const, '\r\n' as const, '\n' as const) }),
  fc.record({ kind: fc.constant('bom' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('indent' as const), at: fc.nat(), text: fc.constantFrom('  ', '    ', '\t', '\u200b', '\u00a0') }),
);

const LABEL_AT_START = /^[\s\p{Cf}]*(\(?(?:\d{1,3}|[ivxlcdm]{1,6}|[IVXLCDM]{1,6}|[a-zA-Z])[.)]|[-*+•–—])(?=\s)/u;

/** Applies mutations to a text, line-wise where it can (line ends kept as they were). */
function mutate(text: string, mutations: readonly Mutation[]): string {
  let lines = text.split(/(?<=\r\n|\r(?!\n)|\n)/);
  const pick = (n: number) => (lines.length === 0 ? 0 : n % lines.length);
  for (const m of mutations) {
    switch (m.kind) {
      case 'insert': lines.splice(pick(m.at), 0, m.text + '\n'); break;
      case 'delete': lines.splice(pick(m.at), m.count); break;
      case 'duplicate': { const from = pick(m.at); lines.splice(pick(m.to), 0, ...lines.slice(from, from + m.count)); break; }
      case 'swapLabels': {
        const a = pick(m.a);
        const b = pick(m.b);
        const la = LABEL_AT_START.exec(lines[a] ?? '');
        const lb = LABEL_AT_START.exec(lines[b] ?? '');
        if (la && lb && a !== b) {
          const [sa, sb] = [lines[a]!, lines[b]!];
          lines[a] = sa.replace(la[1]!, () => lb[1]!);
          lines[b] = sb.replace(lb[1]!, () => la[1]!);
        }
        break;
      }
      case 'inject': {
        const joined = lines.join('');
        const at = joined.length === 0 ? 0 : m.at % (joined.length + 1);
        lines = (joined.slice(0, at) + m.text + joined.slice(at)).split(/(?<=\r\n|\r(?!\n)|\n)/);
        break;
      }
      case 'nfd': lines = lines.map((line) => line.normalize('NFD')); break;
      case 'lineEnds': lines = lines.map((line) => line.replace(/\r\n|\r|\n$/, m.eol)); break;
      case 'bom': { const i = pick(m.at); lines[i] = '\ufeff' + (lines[i] ?? ''); break; }
      case 'indent': { const i = pick(m.at); lines[i] = m.text + (lines[i] ?? ''); break; }
    }
  }
  return lines.join('');
}

const mutatedSeed = fc
  .tuple(fc.nat({ max: seedTexts.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 24 }))
  .map(([seed, mutations]) => mutate(seedTexts[seed]!, mutations));

/** Lines shaped like a draft: labels of every kind, indentation, wrapped lines, blank runs, headings. */
const LABELS = ['1.', '2.', '3.', '4.', '5.', '7.', '10.', '99.', '1)', '2)', '(1)', '(2)', 'a.', 'b.', 'c.', 'h.', 'i.', 'j.', '(a)', '(b)', 'A.', 'ii.', 'iii.', 'iv.', 'v.', 'x.', 'I.', 'II.', '-', '*', '+', '•', '–'];
const draftLine = fc.oneof(
  { weight: 8, arbitrary: fc.tuple(fc.constantFrom('', '', '', '  ', '    ', '\t', '   '), fc.constantFrom(...LABELS), fc.constantFrom(' ', ' ', '\t', '  '), fc.constantFrom('Protect migrant workers.', 'Extend social protection,', 'including:', 'Strengthen labour management boards', 'x', 'Ratify C189;')).map((parts) => parts.join('')) },
  { weight: 2, arbitrary: fc.constantFrom('', '', '', '   ', '\u200b') },
  { weight: 1, arbitrary: fc.constantFrom('Sub-theme 1: Fair recruitment', 'Sub-theme 2. Reintegration', '# Recommendations', '## Part II', '**Other matters**', 'Recommendations', 'Key issues', '---', 'The meeting was held on 28 September 2020 at Hanoi, Viet Nam.') },
  { weight: 2, arbitrary: fc.constantFrom('  continued on the next line.', 'and their families', 'ASEAN governments should act.') },
);
const structuredText = fc.tuple(fc.array(draftLine, { maxLength: 60 }), fc.constantFrom('\n', '\r\n', '\r')).map(([lines, eol]) => lines.join(eol));

/** A clean list of one kind (numbers, letters, Roman numerals; several label shapes) with some labels replaced. */
interface PlantedList { text: string; planted: Set<number> }
const LIST_SHAPES: { marker: Marker; longest: number }[] = [
  { marker: { kind: 'decimal', style: '#.' }, longest: 40 },
  { marker: { kind: 'decimal', style: '#)' }, longest: 40 },
  { marker: { kind: 'decimal', style: '(#)' }, longest: 40 },
  { marker: { kind: 'lower-alpha', style: '#.' }, longest: 26 },
  { marker: { kind: 'upper-alpha', style: '(#)' }, longest: 26 },
  { marker: { kind: 'lower-roman', style: '#.' }, longest: 20 },
  { marker: { kind: 'upper-roman', style: '#)' }, longest: 20 },
];
const FIRST_LINE = 2;
const LETTERS = new Set(['lower-alpha', 'upper-alpha']);
const plantedList: fc.Arbitrary<PlantedList> = fc
  .record({
    shape: fc.nat({ max: LIST_SHAPES.length - 1 }),
    length: fc.integer({ min: 1, max: 40 }),
    plants: fc.array(fc.record({
      at: fc.nat(),
      // Slips people make: a label off by a little, a "1." typed mid-list, the previous number again, any number.
      how: fc.oneof(fc.integer({ min: -3, max: 3 }).map((offset) => ({ offset })), fc.constant({ value: 1 }), fc.constant({ offset: -1 }), fc.integer({ min: 0, max: 120 }).map((value) => ({ value }))),
    }), { maxLength: 6 }),
  })
  .map(({ shape, length, plants }) => {
    const { marker, longest } = LIST_SHAPES[shape]!;
    const values = Array.from({ length: Math.min(length, longest) }, (_, k) => k + 1);
    const planted = new Set<number>();
    for (const { at, how } of plants) {
      const position = at % values.length;
      const value = 'value' in how ? how.value : position + 1 + how.offset;
      const label = formatLabel(marker, value);
      // Labels the parser reads as something else are not slips of this list: past 999, past z, Roman numerals
      // longer than six letters, 0 outside decimals, and an ambiguous first label (`i.`, `v.`) that would open
      // a list of the other kind.
      const read = matchLabel(`${label} x`);
      if (value < (marker.kind === 'decimal' ? 0 : 1) || read?.label !== label) continue;
      if (read.ambiguousLetter ? position === 0 : read.value !== value || read.marker.kind !== marker.kind) continue;
      // In a lettered list, "i." is the letter only right after "h.": elsewhere it opens a Roman list.
      if (LETTERS.has(marker.kind) && (value === 9 || position === 7)) continue;
      values[position] = value;
      if (value === position + 1) planted.delete(FIRST_LINE + position);
      else planted.add(FIRST_LINE + position);
    }
    const text = `Recommendations\n\n${values.map((value, k) => `${formatLabel(marker, value)} Measure ${k + 1} for migrant workers.`).join('\n')}\n`;
    return { text, planted };
  });

/** Random text, a draft-shaped text or a mutated seed. */
const documentText = fc.oneof(randomText, structuredText, mutatedSeed);

// ---------- assertions ----------

let cases = 0;
/** Counts the cases run, for the long mode's summary. */
function counted<A extends unknown[]>(property: (...args: A) => void): (...args: A) => void {
  return (...args: A) => {
    cases++;
    property(...args);
  };
}

function parse(text: string, id = 'file:///fuzz/draft.rec.md'): RecDocument {
  const document = parseDocument(text, id);
  assertDocumentInvariants(document, text);
  return document;
}

function assertInside(text: string, range: Range, what: string): void {
  const table = lineTable(text);
  const inside = (position: Position) => position.line >= 0 && position.line < table.length && position.character >= 0 && position.character <= table[position.line]!.text.length;
  assert.ok(inside(range.start) && inside(range.end), `${what}: ${JSON.stringify(range)} is outside the document (${table.length} lines)`);
  assert.ok(compare(range.start, range.end) <= 0, `${what}: start after end ${JSON.stringify(range)}`);
}

function compare(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

function assertFindings(text: string, document: RecDocument, findings: readonly Finding[]): void {
  for (const finding of findings) {
    assertInside(text, finding.range, `${finding.code} finding`);
    assert.ok(finding.message.length > 0);
    if (finding.item !== undefined) assert.ok(document.items[finding.item], `${finding.code}: item ${finding.item} exists`);
    for (const related of finding.related) {
      if (related.documentId === document.id) assertInside(text, related.range, `${finding.code} related`);
      else assert.ok(index.getDocument(related.documentId), `${finding.code}: related document ${related.documentId} is in the index`);
    }
  }
}

/** Edits inside the document and not overlapping one another (as LSP requires of one TextEdit[]). */
function assertEdits(text: string, edits: readonly TextEdit[], what: string): void {
  edits.forEach((edit) => assertInside(text, edit.range, what));
  const sorted = [...edits].sort((a, b) => compare(a.range.start, b.range.start));
  for (let k = 1; k < sorted.length; k++) {
    assert.ok(compare(sorted[k - 1]!.range.end, sorted[k]!.range.start) <= 0, `${what}: edits overlap ${JSON.stringify(sorted[k - 1]!.range)} ${JSON.stringify(sorted[k]!.range)}`);
  }
}

function assertOutline(text: string, nodes: readonly OutlineNode[]): void {
  for (const node of nodes) {
    assertInside(text, node.range, 'outline range');
    assertInside(text, node.selectionRange, 'outline selectionRange');
    // VS Code refuses a DocumentSymbol whose selectionRange is not inside its range.
    assert.ok(compare(node.range.start, node.selectionRange.start) <= 0 && compare(node.selectionRange.end, node.range.end) <= 0, `selectionRange inside range: ${JSON.stringify(node)}`);
    assert.ok(node.name.length > 0, 'a symbol has a name');
    assertOutline(text, node.children);
  }
}

/** Jaccard similarity of the two texts' lower-cased words. */
function wordOverlap(a: string, b: string): number {
  const words = (text: string) => new Set(text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean));
  const [x, y] = [words(a), words(b)];
  let shared = 0;
  for (const word of x) if (y.has(word)) shared++;
  const all = x.size + y.size - shared;
  return all === 0 ? 0 : shared / all;
}

/** Whether `label` (as renumbering writes it) is read back as a label: `1000.`, `aa.` and `xxxviii.` are not. */
function readsBackAsLabel(label: string): boolean {
  return matchLabel(`${label} x`)?.label === label;
}

/** fast-check parameters: deterministic in quick mode; the seed is printed with any failure. */
const params = (numRuns: number): fc.Parameters<unknown> => ({ numRuns, seed: SEED, verbose: 1 });

describe(`fuzz: the core never throws and stays inside the document (${LONG ? `long mode, ${RUNS} runs` : 'quick'}, seed ${SEED})`, function () {
  this.timeout(LONG ? 0 : 30_000);
  const started = Date.now();

  after(() => {
    if (LONG) console.log(`      fuzz: ${cases} generated cases in ${((Date.now() - started) / 1000).toFixed(1)} s (seed ${SEED})`);
  });

  it('parseDocument: invariants hold (ranges inside, raw is the source at its range, items and sections in order)', () => {
    fc.assert(fc.property(documentText, counted((text: string) => void parse(text))), params(RUNS));
  });

  it('numbering and duplicate checks, renumber and convert edits: findings and edits inside the document, edits do not overlap', () => {
    fc.assert(fc.property(documentText, fc.constantFrom(...STYLES), fc.nat(), counted((text: string, style: NumberingStyle, pick: number) => {
      const document = parse(text);
      assertFindings(text, document, checkNumbering(document, style));
      // A cheap similarity (shared words) here: the index's own is fuzzed with checkDocument below, and it analyses
      // both texts of every pair, which would make this property the slowest by far.
      assertFindings(text, document, checkDuplicates(document, wordOverlap, 0.6));
      assertEdits(text, renumberEdits(document, style), 'renumberEdits');
      const lists = [...new Set(document.items.map((item) => item.list).filter((list) => list >= 0))];
      if (lists.length > 0) {
        const list = lists[pick % lists.length]!;
        assertEdits(text, renumberEdits(document, style, list), 'renumberEdits(list)');
        assertEdits(text, convertListEdits(document, list, 'numbers'), 'convertListEdits(numbers)');
        assertEdits(text, convertListEdits(document, list, 'bullets'), 'convertListEdits(bullets)');
      }
    })), params(RUNS));
  });

  it('renumbering then checking again leaves no numbering-gap, numbering-repeat or numbering-order', () => {
    fc.assert(fc.property(documentText, fc.constantFrom(...STYLES), counted((text: string, style: NumberingStyle) => {
      const document = parseDocument(text, 'file:///fuzz/draft.rec.md');
      const edits = renumberEdits(document, style);
      // Narrowed: a label the parser does not read back (past 999, past z, a Roman numeral longer than six
      // letters) cannot be fixed by renumbering; the list it ends is another list to the parser.
      fc.pre(edits.every((edit) => readsBackAsLabel(edit.newText)));
      const fixed = applyEdits(text, edits);
      const again = parse(fixed);
      const left = checkNumbering(again, style).filter((finding) => NUMBERING_ORDER_CODES.includes(finding.code));
      assert.deepEqual(left.map((finding) => `${finding.code} at line ${finding.range.start.line}: ${finding.message}`), [], `after renumbering:\n${fixed}`);
      // And a second renumbering has nothing left to do.
      assert.deepEqual(renumberEdits(again, style), [], `renumbering twice:\n${fixed}`);
    })), params(RUNS));
  });

  it('k wrong labels planted in a clean list: at most k items flagged, all planted, each once, any "expected" the label renumbering writes', () => {
    fc.assert(fc.property(plantedList, counted(({ text, planted }: PlantedList) => {
      const document = parse(text);
      assert.equal(new Set(document.items.map((item) => item.list)).size, 1, `one list:\n${text}`);
      const written = new Map(document.items.map((item) => [item.labelRange.start.line, item.label]));
      for (const edit of renumberEdits(document)) written.set(edit.range.start.line, edit.newText);
      const findings = checkNumbering(document);
      const report = `${findings.map((finding) => `line ${finding.range.start.line}: ${finding.code} ${finding.message}`).join('\n')}\nplanted on lines ${[...planted].join(', ')} of:\n${text}`;
      const flagged = findings.map((finding) => finding.range.start.line);
      assert.ok(findings.every((finding) => finding.code.startsWith('numbering-')), report);
      assert.equal(new Set(flagged).size, flagged.length, `each item named once: ${report}`);
      assert.ok(flagged.length <= planted.size, `at most ${planted.size} flagged: ${report}`);
      assert.ok(flagged.every((line) => planted.has(line)), `only planted items flagged: ${report}`);
      if (planted.size > 0) assert.ok(flagged.length > 0, `a planted mistake is seen: ${report}`);
      for (const finding of findings) {
        const expected = /expected "([^"]+)"/.exec(finding.message)?.[1];
        if (expected !== undefined) assert.equal(expected, written.get(finding.range.start.line), `"expected" is what renumbering writes: ${report}`);
      }
    })), params(RUNS * 4));
  });

  it('nextLabel, completionsAt, itemAt and outline on any line and column', () => {
    fc.assert(fc.property(documentText, fc.nat(), fc.nat(), fc.constantFrom(...STYLES), counted((text: string, lineSeed: number, columnSeed: number, style: NumberingStyle) => {
      const document = parse(text);
      const table = lineTable(text);
      const line = lineSeed % (table.length + 1);
      const label = nextLabel(document, line, style);
      if (label !== null) assert.ok(label.length > 0);
      assertOutline(text, outline(document));
      if (line >= table.length) return;
      const lineText = table[line]!.text;
      const position = { line, character: columnSeed % (lineText.length + 1) };
      itemAt(document, position);
      for (const candidate of completionsAt(document, lineText, position, { precedents: index, vocabulary, numberingStyle: style, minScore: 0.3 })) {
        // LSP: a completion's edit range is on one line and ends at the cursor.
        assert.equal(candidate.replace.start.line, line);
        assert.deepEqual(candidate.replace.end, position);
        assert.ok(candidate.replace.start.character <= position.character);
        assert.ok(candidate.label.length > 0 || candidate.kind === 'heading');
      }
    })), params(RUNS));
  });

  it('checkDocument, checkPrecedentReuse, hoverCard and consistencyReport against a real index', () => {
    fc.assert(fc.property(documentText, fc.constantFrom(...STYLES), fc.nat(), counted((text: string, style: NumberingStyle, pick: number) => {
      const document = parse(text);
      assertFindings(text, document, checkDocument(document, context(style)));
      assertFindings(text, document, checkPrecedentReuse(document, index));
      const report = consistencyReport({ document, displayName: 'draft.rec.md', findings: checkNumbering(document, style), precedents: index, minScore: 0.3, displayPrecedent: (id) => id });
      assert.ok(report.startsWith('# Consistency report: '));
      if (document.items.length > 0) {
        const item = document.items[pick % document.items.length]!;
        const matches = index.query(item.text, { limit: 3, excludeDocuments: new Set([document.id]) });
        assert.ok(hoverCard(item, matches, (match) => `${match.document.id}#L${match.item.range.start.line + 1}`).length > 0);
      }
    })), params(HEAVY_RUNS));
  });

  it('decodeDocument on random bytes: text or a reason, never an exception', () => {
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 300 }),
      fc.string({ unit: 'binary', maxLength: 100 }).map((text) => new TextEncoder().encode(text)),
      fc.tuple(fc.constantFrom([0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff], []), fc.uint8Array({ maxLength: 100 })).map(([head, rest]) => Uint8Array.from([...head, ...rest])),
    );
    fc.assert(fc.property(bytes, fc.integer({ min: 0, max: 400 }), counted((input: Uint8Array, max: number) => {
      const result = decodeDocument(input, max);
      if (result.ok) {
        assert.ok(input.length <= max);
        parse(result.text);
      } else {
        assert.ok(result.reason.length > 0);
      }
    })), params(RUNS));
  });
});

describe('fuzz: extreme inputs', function () {
  this.timeout(60_000);

  it('a 1 MB line, alone, as an item and inside a seed', function () {
    this.slow(5000);
    const line = 'migrant workers [x](y) <b> '.repeat(40_000);
    for (const text of [line, `1. ${line}\n2. Short.\n`, mutate(seedTexts[1]!, [{ kind: 'insert', at: 20, text: `3. ${line}` }]), `# ${line}`, '*'.repeat(1_000_000)]) {
      const document = parse(text);
      // The duplicate check compares the long item with every other item, analysing both texts each time
      // (about 0.1 s per pair for 1 MB): with the seed's 40 items that is many seconds, so the full check runs on
      // the short documents only.
      if (document.items.length <= 2) assertFindings(text, document, checkDocument(document, context('auto')));
      else assertFindings(text, document, checkNumbering(document));
      assertEdits(text, renumberEdits(document), 'renumberEdits');
      assertOutline(text, outline(document));
    }
  });

  it('100,000 items: parse, numbering, renumber, outline and next label', function () {
    this.slow(20_000);
    const lines: string[] = [];
    for (let n = 1; n <= 100_000; n++) lines.push(n % 1000 === 0 ? `\nSub-theme ${n / 1000}: Part\n` : `${n % 1000}. Item ${n}.`);
    const text = lines.join('\n');
    const document = parseDocument(text, 'file:///fuzz/huge.rec.md');
    assert.ok(document.items.length > 99_000);
    assert.deepEqual(checkNumbering(document).filter((finding) => NUMBERING_ORDER_CODES.includes(finding.code)), []);
    assert.equal(renumberEdits(document).length, 0);
    assert.ok(outline(document).length > 0);
    // Sub-themes 1–99 ("Sub-theme 100" is not a heading: theme numbers have two digits at most) and the implicit one.
    assert.equal(document.sections.length, 100);
    assert.equal(nextLabel(document, document.lineCount), '1000.');
  });
});
