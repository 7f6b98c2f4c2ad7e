// `precedent` on the formats reviewers and rapporteurs hold: a folder of the seeds as PDF and Word files (with a
// scan and an old .doc among them) as the corpus, and a circulated PDF or Word file as the draft.

import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..', '..');
const cli = join(root, 'dist', 'cli.js');
const fixtures = join(root, 'test', 'fixtures', 'formats');

describe('precedent CLI on PDF, Word and web pages', function () {
  this.timeout(60000);
  let scratch: string;
  let library: string;
  let cache: string;

  const run = (args: string[]) => {
    const result = spawnSync(process.execPath, [cli, ...args, '--cache', cache], { cwd: scratch, encoding: 'utf8' });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  };

  before(() => {
    scratch = mkdtempSync(join(tmpdir(), 'precedent-formats-'));
    library = join(scratch, 'library');
    cache = join(scratch, 'cache');
    mkdirSync(library);
    for (const name of ['viet-nam-afml13-2020.pdf', 'viet-nam-afml15-2022.docx', 'recommendations-recruitment-reintegration.docx', 'iom-dolab-safe-migration-2024.html', 'scanned-viet-nam-afml13-2020.pdf', 'password-protected.pdf']) {
      copyFileSync(join(fixtures, name), join(library, name));
    }
    writeFileSync(join(library, 'minutes-2019.doc'), Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
  });
  after(() => rmSync(scratch, { recursive: true, force: true }));

  it('similar: the Lao PDR items\' precedents come from the PDF and Word files, named with their page; skipped files are named with their reason', () => {
    const { status, stdout, stderr } = run(['similar', '--file', join(fixtures, 'lao-pdr-afml13-2020.pdf'), '--corpus', 'library', '--no-seeds', '--format', 'json', '--top', '3']);
    assert.equal(status, 0, stderr);
    const queries = JSON.parse(stdout) as Array<{ query: { text: string }; matches: Array<{ file: string; page: number | null; label: string; text: string }> }>;
    const remittance = queries.find((query) => query.query.text.startsWith('Reduce remittance costs'))!;
    assert.equal(remittance.matches[0]?.file, join('library', 'viet-nam-afml13-2020.pdf'));
    assert.equal(remittance.matches[0]?.label, '6.');
    assert.equal(remittance.matches[0]?.page, 1);
    const files = new Set(queries.flatMap((query) => query.matches.map((match) => match.file)));
    assert.ok([...files].some((file) => file.endsWith('.docx')), [...files].join(', '));
    for (const query of queries) for (const match of query.matches) assert.equal(match.file.endsWith('.pdf') ? typeof match.page : match.page, match.file.endsWith('.pdf') ? 'number' : null);
    assert.match(stderr, /scanned-viet-nam-afml13-2020\.pdf: the PDF has no text layer .*needs OCR/);
    assert.match(stderr, /password-protected\.pdf: the PDF is encrypted with a password/);
    assert.match(stderr, /minutes-2019\.doc: the old Word format \(\.doc\) is not read: save it as \.docx or PDF/);
  });

  it('similar as text names the file and page of a PDF precedent', () => {
    const { stdout } = run(['similar', 'Reduce the costs of remittance services', '--corpus', 'library', '--no-seeds', '--top', '1']);
    assert.match(stdout, /item 6 · viet-nam-afml13-2020\.pdf p\. 1 \(library[/\\]viet-nam-afml13-2020\.pdf\)/);
  });

  it('check on the circulated Viet Nam 2020 PDF finds its duplicate items 14 and 16, and no numbering problem; exit 1', () => {
    const { status, stdout, stderr } = run(['check', join(fixtures, 'viet-nam-afml13-2020.pdf'), '--no-seeds', '--format', 'json']);
    assert.equal(status, 1, stderr);
    const records = JSON.parse(stdout) as Array<{ code: string; message: string }>;
    const duplicates = records.filter((record) => record.code === 'duplicate-item');
    assert.equal(duplicates.length, 1);
    assert.match(duplicates[0]!.message, /item 14/);
    assert.deepEqual(records.filter((record) => record.code.startsWith('numbering-') || record.code === 'marker-mixed'), []);
  });

  it('check and report read a Word draft; a scanned draft exits 2 naming the file and the reason', () => {
    const docx = run(['check', join(fixtures, 'viet-nam-afml13-2020.docx'), '--no-seeds']);
    assert.equal(docx.status, 1);
    assert.match(docx.stdout, /warning duplicate-item/);
    const report = run(['report', join(fixtures, 'lao-pdr-afml13-2020.docx'), '--corpus', 'library', '--no-seeds']);
    assert.equal(report.status, 0, report.stderr);
    assert.match(report.stdout, /Closest precedent, \d+% similar: .*viet-nam-afml13-2020\.pdf p\. 1/);
    const scan = run(['check', join(fixtures, 'scanned-viet-nam-afml13-2020.pdf'), '--no-seeds']);
    assert.equal(scan.status, 2);
    assert.match(scan.stderr, /cannot read .*scanned-viet-nam-afml13-2020\.pdf: the PDF has no text layer/);
  });

  it('the extracted text is kept by content hash beside the persisted index: the next run extracts nothing', () => {
    rmSync(cache, { recursive: true, force: true });
    run(['similar', 'Reduce remittance costs', '--corpus', 'library', '--no-seeds']);
    const extracted = join(cache, 'extracted');
    const entries = readdirSync(extracted).filter((name) => name.endsWith('.json'));
    assert.equal(entries.length, 4, entries.join(', ')); // a PDF, two Word files, a web page; the scan and the locked PDF keep nothing
    // A changed extraction in the cache is what the next run reads: proof it does not extract again.
    const pdfEntry = entries.map((name) => join(extracted, name)).find((file) => readFileSync(file, 'utf8').includes('labor management board'))!;
    const stored = JSON.parse(readFileSync(pdfEntry, 'utf8')) as { extraction: { text: string } };
    stored.extraction.text = stored.extraction.text.replace('Reduce costs and increase the availability', 'Lower costs and raise the availability');
    writeFileSync(pdfEntry, JSON.stringify(stored));
    for (const name of readdirSync(cache).filter((file) => file.endsWith('.bin'))) rmSync(join(cache, name));
    const again = run(['similar', 'Lower costs and raise the availability of remittance services', '--corpus', 'library', '--no-seeds', '--top', '1']);
    assert.match(again.stdout, /1\.\s+\d+%\s+Lower costs and raise the availability and accessibility of remittance services/);
    // And every extraction left its readable text view beside it.
    for (const entry of entries) assert.ok(existsSync(join(extracted, entry.replace(/\.json$/, ''))));
  });
});
