// `npm run bench:pdf [-- --pages N] [--json]` (also run at the end of `npm run bench`): reading PDF libraries.
// Generates (once, cached in the temp folder) a deterministic library of about N pages (default 1,000) of
// recommendation documents from the seeds' items, laid out as a word processor prints them (pdfkit), then
// measures:
//   - extraction speed in pages per second: Precedent (pdf.js, laid out as lines), beside poppler's `pdftotext`
//     on the same files (the native reference; one process per file, as a tool runs it);
//   - the library read cold (extract, parse, index), warm (the persisted index: nothing read), and again with
//     only the extracted-text cache (the persisted index deleted: nothing extracted, everything parsed again).

import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { parseDocument } from '../server/src/core/document/parse';
import { createAnalyser } from '../server/src/core/text/analyser';
import { readThesauri } from '../server/src/node/thesaurusFile';
import { indexCorpus } from '../server/src/node/corpusIndex';
import { extractDocument } from '../server/src/node/extract/extract';
import { DEFAULT_EXTRACTION_LIMITS } from '../server/src/node/extract/extraction';
import { ExtractionThread } from '../server/src/node/extract/extractionThread';
import { analyserKey } from '../server/src/node/indexCache';
import { prng, SEEDS_DIR } from './synthetic';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const json = args.includes('--json');
const pages = option('--pages', 1000);
const PAGES_PER_DOCUMENT = 20;
const FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
const WORKER = join(__dirname, '..', 'dist', 'extractWorker.js');

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

/** One document of `PAGES_PER_DOCUMENT` pages: a title block, then sub-themes of numbered seed items. */
async function writeDocument(path: string, number: number, items: string[], random: () => number): Promise<void> {
  const doc = new PDFDocument({ size: 'A4', margins: { top: 80, bottom: 80, left: 72, right: 72 }, bufferPages: true });
  const embedded = existsSync(FONT);
  if (embedded) doc.registerFont('body', FONT);
  doc.font(embedded ? 'body' : 'Helvetica').fontSize(11);
  // Without DejaVu, the standard font holds Latin-1 only.
  const printable = (text: string) => (embedded ? text : text.normalize('NFKD').replace(/[^\x20-\xff]/g, ''));
  const done = new Promise<void>((resolve, reject) => {
    const stream = createWriteStream(path);
    stream.on('finish', resolve);
    stream.on('error', reject);
    doc.pipe(stream);
  });
  doc.text(`National Recommendations of Workshop ${number} for the ASEAN Forum on Migrant Labour`).moveDown(0.5);
  doc.text(`${1 + (number % 28)} October ${2010 + (number % 14)}`).moveDown(0.5);
  let section = 0;
  while (doc.bufferedPageRange().count < PAGES_PER_DOCUMENT || doc.y < doc.page.height / 2) {
    section++;
    doc.moveDown(0.5).text(`Sub-theme ${section}: ${printable(items[Math.floor(random() * items.length)]!.split(' ').slice(0, 8).join(' '))}`).moveDown(0.5);
    for (let k = 1; k <= 15; k++) {
      const y = doc.y;
      doc.text(`${k}.`, 72, y, { width: 22, lineBreak: false });
      doc.text(printable(items[Math.floor(random() * items.length)]!), 94, y, { width: doc.page.width - 166 });
    }
    if (doc.bufferedPageRange().count > PAGES_PER_DOCUMENT) break;
  }
  const range = doc.bufferedPageRange();
  for (let page = range.start; page < range.start + range.count; page++) {
    doc.switchToPage(page);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.fontSize(8).text(`Workshop ${number} · page ${page + 1} of ${range.count}`, 72, doc.page.height - 50, { lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  await done;
}

async function prepare(): Promise<string> {
  const dir = join(tmpdir(), 'precedent-bench', `pdf-${pages}-v1`, 'library');
  if (existsSync(join(dir, '.complete'))) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  log(`Generating about ${pages} PDF pages in ${dir} …`);
  const items = readdirSync(SEEDS_DIR).filter((name) => name.endsWith('.txt')).flatMap((name) => parseDocument(readFileSync(join(SEEDS_DIR, name), 'utf8'), name).items.map((item) => item.text));
  const random = prng(20_201_028);
  for (let k = 0; k < Math.ceil(pages / PAGES_PER_DOCUMENT); k++) await writeDocument(join(dir, `workshop-${String(k).padStart(3, '0')}.pdf`), k, items, random);
  spawnSync('touch', [join(dir, '.complete')]);
  return dir;
}

async function main(): Promise<void> {
  const dir = await prepare();
  const files = readdirSync(dir).filter((name) => name.endsWith('.pdf')).map((name) => join(dir, name));
  const result: Record<string, unknown> = { pdf_files: files.length };

  // Extraction speed, in this process, file after file.
  let pagesRead = 0;
  let started = performance.now();
  for (const file of files) {
    const extracted = await extractDocument(new Uint8Array(readFileSync(file)), 'pdf', DEFAULT_EXTRACTION_LIMITS);
    if (!extracted.ok) throw new Error(`${file}: ${extracted.reason}`);
    pagesRead += extracted.extraction.pages;
  }
  const oursMs = performance.now() - started;
  result.pdf_pages = pagesRead;
  result.extract_pages_per_s = Math.round(pagesRead / (oursMs / 1000));

  const poppler = spawnSync('pdftotext', ['-v'], { encoding: 'utf8' });
  if (poppler.error) {
    result.pdftotext_pages_per_s = null;
    log('pdftotext is not installed (Debian: apt-get install poppler-utils): no native reference.');
  } else {
    started = performance.now();
    for (const file of files) spawnSync('pdftotext', ['-layout', file, '-'], { maxBuffer: 64 * 1024 * 1024 });
    result.pdftotext_pages_per_s = Math.round(pagesRead / ((performance.now() - started) / 1000));
  }

  // The library as a server or the CLI reads it: extraction on its thread, the persisted index beside.
  const cacheDir = join(dir, '..', 'cache');
  rmSync(cacheDir, { recursive: true, force: true });
  const thesaurus = readThesauri([]).thesaurus;
  const thread = new ExtractionThread(WORKER);
  const read = async () => {
    const t = performance.now();
    const corpus = await indexCorpus({ paths: [dir], includeSeeds: false, analyser: createAnalyser(thesaurus), analyserKey: analyserKey(thesaurus), cacheDir, scope: 'bench-pdf', extract: thread.extract });
    return { ms: Math.round(performance.now() - t), items: corpus.index.stats().items, read: corpus.cache.read, skipped: corpus.skipped.length };
  };
  const cold = await read();
  const warm = await read();
  for (const name of readdirSync(cacheDir).filter((file) => file.endsWith('.bin'))) rmSync(join(cacheDir, name));
  const fromExtracted = await read();
  await thread.close();
  Object.assign(result, {
    library_items: cold.items,
    library_cold_ms: cold.ms,
    library_warm_ms: warm.ms,
    library_from_extracted_text_ms: fromExtracted.ms,
    library_skipped: cold.skipped,
    extraction_thread: existsSync(WORKER),
  });
  if (json) {
    console.log(JSON.stringify(result));
    return;
  }
  const rows: Array<[string, string]> = [
    ['PDF library', `${files.length} files, ${pagesRead} pages, ${cold.items} items`],
    ['extraction, pages/s', `Precedent (pdf.js) ${result.extract_pages_per_s}; pdftotext ${result.pdftotext_pages_per_s ?? '—'}`],
    ['library read cold (ms)', `${cold.ms} (extract on ${existsSync(WORKER) ? 'the extraction thread' : 'the main thread: run npm run build first'}, parse, index)`],
    ['library read warm (ms)', `${warm.ms} (the persisted index; ${warm.read} files read)`],
    ['from the extracted-text cache (ms)', `${fromExtracted.ms} (persisted index deleted: parsed again, nothing extracted)`],
  ];
  const width = Math.max(...rows.map(([name]) => name.length));
  for (const [name, value] of rows) console.log(`| ${name.padEnd(width)} | ${value} |`);
}

void main();
