// The extraction layer on the seeds as a user holds them: printed to PDF, saved as Word files, published as
// web pages (test/fixtures/formats/, made by scripts/make-format-fixtures.ts). Each must parse as the text seed
// does: the same items, sections and metadata; PDF items know their page; Word's automatic numbering comes back
// as the labels Word shows; files that cannot be read are refused with a reason a person can act on.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { checkContext, checkDocument } from '../../server/src/core/checks/checkDocument';
import type { RecDocument } from '../../server/src/core/document/model';
import { parseDocument } from '../../server/src/core/document/parse';
import { pageOf } from '../../server/src/core/document/source';
import { PrecedentIndex } from '../../server/src/core/index/precedentIndex';
import { readSettings } from '../../server/src/core/settings';
import { createAnalyser } from '../../server/src/core/text/analyser';
import { documentFromBytes } from '../../server/src/node/documentFile';
import { extractDocument } from '../../server/src/node/extract/extract';
import { DEFAULT_EXTRACTION_LIMITS, formatOfPath, type ExtractedFormat } from '../../server/src/node/extract/extraction';
import { ExtractionThread } from '../../server/src/node/extract/extractionThread';
import { layOutPages } from '../../server/src/node/extract/pdfLayout';
import { seedThesaurus } from './support/documentChecks';

const SEEDS = fileURLToPath(new URL('../../seeds/', import.meta.url));
const FIXTURES = fileURLToPath(new URL('../fixtures/formats/', import.meta.url));
const NAMES = ['viet-nam-afml13-2020', 'viet-nam-afml15-2022', 'lao-pdr-afml13-2020', 'recommendations-recruitment-reintegration', 'iom-dolab-safe-migration-2024'];
const LISTS = NAMES.filter((name) => name !== 'iom-dolab-safe-migration-2024');

function textSeed(name: string): RecDocument {
  return parseDocument(readFileSync(`${SEEDS}${name}.txt`, 'utf8'), `${name}.txt`);
}

async function extracted(file: string): Promise<RecDocument> {
  const result = await documentFromBytes(FIXTURES + file, file, new Uint8Array(readFileSync(FIXTURES + file)));
  assert.ok(result.ok, `${file}: ${result.ok ? '' : result.reason}`);
  return result.document;
}

async function refusal(file: string, limits = DEFAULT_EXTRACTION_LIMITS): Promise<string> {
  const result = await extractDocument(new Uint8Array(readFileSync(FIXTURES + file)), formatOfPath(file)!, limits);
  assert.equal(result.ok, false, `${file} should be refused`);
  return result.ok ? '' : result.reason;
}

/** What a reader compares: each item's label kind, section title and words; the sections; the metadata. */
function shape(document: RecDocument) {
  return {
    metadata: document.metadata,
    sections: document.sections.map((section) => section.title),
    items: document.items.map((item) => ({ kind: item.marker.kind, number: item.number, section: document.sections[item.section]?.title, text: item.text })),
  };
}

describe('extraction: the seeds as PDF, Word and web pages', function () {
  this.timeout(30000);

  for (const name of LISTS) {
    it(`${name}.pdf parses as the text seed: items, sections, metadata`, async () => {
      assert.deepEqual(shape(await extracted(`${name}.pdf`)), shape(textSeed(name)));
    });
  }

  it('the news article as a PDF: the same words in the same order, the same metadata', async () => {
    // Prose lines a word processor filled to the margin are joined; where two of the seed's own lines meet at the
    // margin (a photo caption in two languages) they join too, so paragraphs are compared by their words. Two of
    // the site's trailing links, joined into one long line, no longer look like navigation to the parser: the
    // article's words come first, then those links.
    const document = await extracted('iom-dolab-safe-migration-2024.pdf');
    const seed = textSeed('iom-dolab-safe-migration-2024');
    const words = (doc: RecDocument) => doc.items.map((item) => item.text).join(' ');
    assert.ok(words(document).startsWith(words(seed)), 'the article, word for word');
    assert.match(words(document).slice(words(seed).length), /^ ?(Mine Action cannot wait|$)/);
    assert.deepEqual(document.metadata, seed.metadata);
  });

  for (const name of NAMES) {
    it(`${name}.docx parses as the text seed (bullets as Word's •)`, async () => {
      const document = await extracted(`${name}.docx`);
      const expected = shape(textSeed(name));
      assert.deepEqual(shape(document), expected);
      for (const item of document.items.filter((entry) => entry.marker.kind === 'bullet')) assert.equal(item.label, '•');
    });
  }

  for (const name of NAMES) {
    it(`${name}.odt (OpenDocument) parses as the text seed: list styles give the labels, a list goes on after a gap`, async () => {
      const document = await extracted(`${name}.odt`);
      assert.deepEqual(shape(document), shape(textSeed(name)));
      assert.equal(document.source?.generatedLabelLines.length, document.items.filter((item) => item.marker.kind !== 'paragraph').length);
    });
  }

  for (const name of LISTS) {
    it(`${name}.html parses as the text seed: the article without navigation, related articles or footer`, async () => {
      const document = await extracted(`${name}.html`);
      assert.deepEqual(shape(document).items, shape(textSeed(name)).items);
      assert.deepEqual(shape(document).sections, shape(textSeed(name)).sections);
      assert.deepEqual(document.metadata, textSeed(name).metadata);
    });
  }

  it('the news article as a web page: its paragraphs, and not the site\'s list of other articles', async () => {
    const document = await extracted('iom-dolab-safe-migration-2024.html');
    const seed = textSeed('iom-dolab-safe-migration-2024');
    assert.equal(document.prose, true);
    const texts = document.items.map((item) => item.text);
    assert.ok(texts.some((text) => text.startsWith('The workshop brought together leadership from IOM')));
    assert.ok(!texts.some((text) => /Mine Action cannot wait|Deputy Spokesperson|Related articles|All rights reserved/.test(text)), texts.join('\n'));
    // Every paragraph of the page is a paragraph of the seed.
    const seedTexts = new Set(seed.items.map((item) => item.text));
    const stray = texts.filter((text) => !seedTexts.has(text) && !text.includes('Mine Action'));
    assert.ok(stray.length <= 1, `paragraphs not in the seed: ${stray.join(' | ')}`);
  });

  it('PDF items know their page; running headers and page footers are left out', async () => {
    const document = await extracted('viet-nam-afml13-2020.pdf');
    const page = (start: string) => pageOf(document, document.items.find((item) => item.text.startsWith(start))!);
    assert.equal(page('Extend affordable healthcare benefits'), 1);
    assert.equal(page('Foster tripartite-plus social dialogue'), 2);
    const pages = document.items.map((item) => pageOf(document, item)!);
    assert.deepEqual(pages, [...pages].sort((a, b) => a - b), 'pages never go back');
    const result = await documentFromBytes('x.pdf', 'x.pdf', new Uint8Array(readFileSync(`${FIXTURES}viet-nam-afml13-2020.pdf`)));
    assert.ok(result.ok);
    assert.doesNotMatch(result.text, /Page \d of \d/);
    assert.equal(result.text.split('Viet Nam National Recommendations for the 13th ASEAN Forum').length - 1, 1, 'the title once: the running header is gone');
    // A text file has no pages.
    assert.equal(pageOf(textSeed('viet-nam-afml13-2020'), textSeed('viet-nam-afml13-2020').items[0]!), null);
  });

  it('Word: automatic numbering gives back the labels Word shows, restarting per list and going on across a gap', async () => {
    const document = await extracted('viet-nam-afml13-2020.docx');
    const labels = (section: number) => document.items.filter((item) => item.section === section).map((item) => item.label);
    assert.deepEqual(labels(1), Array.from({ length: 19 }, (_, k) => `${k + 1}.`));
    assert.deepEqual(labels(2), Array.from({ length: 10 }, (_, k) => `${k + 1}.`));
    assert.equal(document.source?.generatedLabelLines.length, document.items.length);
  });

  it('Word: generated labels never get a numbering finding; duplicates are found as in text', async () => {
    const settings = readSettings({ numbering: { style: 'continuous' } }).settings;
    const index = new PrecedentIndex(createAnalyser(seedThesaurus()));
    const docx = await extracted('viet-nam-afml13-2020.docx');
    const text = textSeed('viet-nam-afml13-2020');
    const codes = (document: RecDocument) => checkDocument(document, checkContext(index, settings)).map((finding) => finding.code);
    // Held to continuous numbering, the typed labels restart in Sub-theme 2: a finding; Word's own labels: none.
    assert.ok(codes(text).some((code) => code.startsWith('numbering-')));
    assert.deepEqual(codes(docx).filter((code) => code.startsWith('numbering-')), []);
    assert.equal(codes(docx).filter((code) => code === 'duplicate-item').length, 1);
  });

  it('refuses, with a reason a person can act on: a scan, a password, a damaged file, limits', async () => {
    assert.match(await refusal('scanned-viet-nam-afml13-2020.pdf'), /no text layer.*needs OCR/);
    assert.match(await refusal('password-protected.pdf'), /encrypted with a password/);
    assert.match(await refusal('viet-nam-afml13-2020.pdf', { ...DEFAULT_EXTRACTION_LIMITS, maxPages: 1 }), /has 2 pages; the limit is 1/);
    assert.match(await refusal('viet-nam-afml13-2020.docx', { ...DEFAULT_EXTRACTION_LIMITS, maxInflatedBytes: 4096 }), /inflates to .*the limit is/);
    const docx = readFileSync(`${FIXTURES}viet-nam-afml13-2020.docx`);
    const truncated = await extractDocument(new Uint8Array(docx.subarray(0, docx.length / 2)), 'docx');
    assert.ok(!truncated.ok && /damaged/.test(truncated.reason), JSON.stringify(truncated));
    const notPdf = await extractDocument(new TextEncoder().encode('1. Not a PDF at all.\n'), 'pdf');
    assert.ok(!notPdf.ok && /PDF/.test(notPdf.reason), JSON.stringify(notPdf));
  });

  it('a zip bomb (a part whose size is a lie) is refused without inflating it', async () => {
    const bomb = zipWithLyingSize(3 * 1024 * 1024);
    const result = await extractDocument(bomb, 'docx', { ...DEFAULT_EXTRACTION_LIMITS, maxInflatedBytes: 1024 * 1024 });
    assert.ok(!result.ok, 'refused');
    assert.match(result.reason, /damaged|too many bytes|inflates/);
  });

  it('a PDF saved under another name is recognised by its first bytes', async () => {
    const result = await documentFromBytes('draft.txt', 'draft.txt', new Uint8Array(readFileSync(`${FIXTURES}viet-nam-afml13-2020.pdf`)));
    assert.ok(result.ok);
    assert.equal(result.document.source?.format, 'pdf');
  });

  it('layout: pieces on one baseline are one line, a label drawn apart from its text stays at its start, a full line is joined to the next', () => {
    const piece = (text: string, x: number, y: number, width = text.length * 5) => ({ text, x, y, width, size: 10 });
    const laid = layOutPages([{ height: 800, pieces: [piece('Extend social protection to all', 90, 700), piece('1.', 72, 700), piece('migrant workers.', 90, 688), piece('2.', 72, 676), piece('Collect data.', 90, 676), piece('Sub-theme 2', 72, 640)] }]);
    assert.equal(laid.text, '1. Extend social protection to all migrant workers.\n2. Collect data.\n\nSub-theme 2\n');
    assert.deepEqual(laid.pageStarts, [0]);
  });
});

describe('extraction: untrusted bytes (fuzz)', function () {
  this.timeout(120000);
  const runs = Number(process.env.FUZZ_RUNS ?? 12) > 1000 ? 200 : 12;

  for (const [file, format] of [['viet-nam-afml13-2020.pdf', 'pdf'], ['lao-pdr-afml13-2020.docx', 'docx'], ['viet-nam-afml15-2022.odt', 'odt'], ['viet-nam-afml15-2022.html', 'html']] as const) {
    it(`truncated and mutated ${format.toUpperCase()} files: text or a reason, never an exception`, async () => {
      const original = new Uint8Array(readFileSync(FIXTURES + file));
      await fc.assert(fc.asyncProperty(
        fc.integer({ min: 0, max: original.length }),
        fc.array(fc.tuple(fc.nat(original.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 24 }),
        async (cut, mutations) => {
          const bytes = original.slice(0, Math.max(cut, 1));
          for (const [at, value] of mutations) if (at < bytes.length) bytes[at] = value;
          const result = await extractDocument(bytes, format as ExtractedFormat);
          assert.ok(result.ok ? typeof result.extraction.text === 'string' : result.reason.length > 0);
        },
      ), { numRuns: runs });
    });
  }
});

/**
 * A zip whose one part (word/document.xml) declares `declared` bytes but holds a stored (uncompressed) body
 * twice as long: a reader that trusts the header, or inflates without a bound, reads more than it was told.
 */
function zipWithLyingSize(declared: number): Uint8Array {
  const name = Buffer.from('word/document.xml');
  const body = Buffer.alloc(declared * 2, 0x20);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(0, 8); // stored
  local.writeUInt32LE(0, 14); // crc (wrong on purpose)
  local.writeUInt32LE(body.length, 18);
  local.writeUInt32LE(declared, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(0, 10);
  central.writeUInt32LE(0, 16);
  central.writeUInt32LE(body.length, 20);
  central.writeUInt32LE(declared, 24);
  central.writeUInt16LE(name.length, 28);
  central.writeUInt32LE(0, 42);
  const centralStart = local.length + name.length + body.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(centralStart, 16);
  return new Uint8Array(Buffer.concat([local, name, body, central, name, end]));
}

describe('extraction thread', function () {
  this.timeout(30000);
  const script = fileURLToPath(new URL('../../dist/extractWorker.js', import.meta.url));

  it('extracts on its thread, in the order asked, and starts again after being stopped', async function () {
    if (!existsSync(script)) this.skip();
    const thread = new ExtractionThread(script);
    const bytes = (file: string) => new Uint8Array(readFileSync(FIXTURES + file));
    const [pdf, refused, docx] = await Promise.all([
      thread.extract(bytes('viet-nam-afml13-2020.pdf'), 'pdf', DEFAULT_EXTRACTION_LIMITS),
      thread.extract(bytes('viet-nam-afml13-2020.pdf'), 'pdf', { ...DEFAULT_EXTRACTION_LIMITS, maxPages: 1 }),
      thread.extract(bytes('viet-nam-afml13-2020.docx'), 'docx', DEFAULT_EXTRACTION_LIMITS),
    ]);
    assert.ok(pdf.ok && pdf.extraction.pageStarts?.length === 2);
    assert.ok(!refused.ok && /limit is 1/.test(refused.reason));
    assert.ok(docx.ok && docx.extraction.generatedLabelLines.length === 29);
    await thread.close();
    const again = await thread.extract(bytes('lao-pdr-afml13-2020.html'), 'html', DEFAULT_EXTRACTION_LIMITS);
    assert.ok(again.ok);
    await thread.close();
  });
});
