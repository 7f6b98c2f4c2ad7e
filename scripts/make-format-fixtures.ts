// Makes the format fixtures in test/fixtures/formats/ from the shipped seeds: each seed as a PDF (laid out as a
// word processor prints it: wrapped lines, hanging labels, a running header and a page footer), as a Word file
// (automatic numbering and bullets: the text holds no label), as OpenDocument text (list styles), as a web page
// (site navigation, a list of related articles and a footer around the article), one image-only PDF (a scan: no text layer) and one PDF that opens only
// with a password.
// Run: npm run fixtures:formats (needs Debian's fonts-dejavu and poppler-utils, for the scan's page image).
// The output is committed; the tests read it.

import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { AlignmentType, Document, HeadingLevel, LevelFormat, Packer, Paragraph } from 'docx';
import PDFDocument from 'pdfkit';
import { parseDocument } from '../server/src/core/document/parse';
import type { RecDocument } from '../server/src/core/document/model';

const ROOT = join(__dirname, '..');
const SEEDS = join(ROOT, 'seeds');
const OUT = join(ROOT, 'test', 'fixtures', 'formats');
const FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
const FONT_BOLD = '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf';

/** What a seed's lines are, from the parser: the title block and prose, section headings, list items. */
interface Block {
  kind: 'line' | 'blank' | 'heading' | 'item';
  text: string;
  /** For items: the label as written, its kind, its list. */
  label?: string;
  bullet?: boolean;
  list?: number;
  /** For lines of an item that is hard-wrapped in the seed: the lines as written. */
  lines?: string[];
}

function blocksOf(text: string, document: RecDocument): Block[] {
  const lines = text.split(/\r?\n/);
  const itemAt = new Map(document.items.filter((item) => item.marker.kind !== 'paragraph').map((item) => [item.range.start.line, item]));
  const headingAt = new Set(document.sections.filter((section) => section.index > 0).map((section) => section.range.start.line));
  const blocks: Block[] = [];
  for (let line = 0; line < lines.length; line++) {
    const item = itemAt.get(line);
    if (item) {
      const raw = lines.slice(item.range.start.line, item.range.end.line + 1);
      blocks.push({ kind: 'item', text: item.text, label: item.label, bullet: item.marker.kind === 'bullet', list: item.list, lines: raw });
      line = item.range.end.line;
      continue;
    }
    const value = lines[line]!;
    if (value.trim() === '') blocks.push({ kind: 'blank', text: '' });
    else blocks.push({ kind: headingAt.has(line) ? 'heading' : 'line', text: value.trim() });
  }
  return blocks;
}

async function writePdf(path: string, title: string, blocks: Block[]): Promise<void> {
  const doc = new PDFDocument({ size: 'A4', margins: { top: 80, bottom: 80, left: 72, right: 72 }, bufferPages: true, info: { Title: title } });
  doc.registerFont('body', FONT);
  doc.registerFont('bold', FONT_BOLD);
  const done = new Promise<void>((resolve, reject) => {
    const stream = createWriteStream(path);
    stream.on('finish', resolve);
    stream.on('error', reject);
    doc.pipe(stream);
  });
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const hang = 22;
  doc.font('body').fontSize(11);
  for (const block of blocks) {
    if (block.kind === 'blank') {
      doc.moveDown(0.5);
    } else if (block.kind === 'heading') {
      doc.font('bold').text(block.text, left, undefined, { width }).font('body');
    } else if (block.kind === 'line') {
      doc.text(block.text, left, undefined, { width });
    } else {
      // A hanging label, as word processors lay out lists: the label at the margin, the text wrapped beside it.
      // An item hard-wrapped in the seed keeps its line breaks (each line wrapped again if it is too long).
      const label = block.bullet ? '•' : block.label!;
      const lines = block.lines!.map((line, k) => (k === 0 ? line.trim().slice(block.label!.length).trim() : line.trim())).filter((line) => line !== '');
      if (doc.y + doc.currentLineHeight() > doc.page.height - doc.page.margins.bottom) doc.addPage();
      const y = doc.y;
      doc.text(label, left, y, { width: hang, lineBreak: false });
      doc.text(lines.join('\n'), left + hang, y, { width: width - hang });
    }
  }
  // Running header and footer on every page, drawn in the margins.
  const range = doc.bufferedPageRange();
  for (let page = range.start; page < range.start + range.count; page++) {
    doc.switchToPage(page);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('body').fontSize(8).text(title, left, 40, { width, align: 'center', lineBreak: false });
    doc.text(`Page ${page + 1} of ${range.count}`, left, doc.page.height - 50, { width, align: 'center', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  await done;
}

async function writeDocx(path: string, title: string, blocks: Block[]): Promise<void> {
  // One numbering instance per list of the seed: Word restarts at 1 where the seed's list restarts, and goes on
  // across the blank lines inside a list (Viet Nam 2020's items 12 and 13).
  const instances = new Map<number, number>();
  const paragraphs: Paragraph[] = [];
  for (const block of blocks) {
    if (block.kind === 'blank') continue;
    if (block.kind === 'heading') paragraphs.push(new Paragraph({ text: block.text, heading: HeadingLevel.HEADING_2 }));
    else if (block.kind === 'line') paragraphs.push(new Paragraph({ text: block.text }));
    else {
      if (!instances.has(block.list!)) instances.set(block.list!, instances.size + 1);
      paragraphs.push(new Paragraph({ text: block.text, numbering: { reference: block.bullet ? 'bullets' : 'numbers', level: 0, instance: instances.get(block.list!)! } }));
    }
  }
  const document = new Document({
    title,
    numbering: {
      config: [
        { reference: 'numbers', levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START, style: { paragraph: { indent: { left: 720, hanging: 360 } } } }] },
        { reference: 'bullets', levels: [{ level: 0, format: LevelFormat.BULLET, text: '\u2022', alignment: AlignmentType.START, style: { paragraph: { indent: { left: 720, hanging: 360 } } } }] },
      ],
    },
    sections: [{ children: paragraphs }],
  });
  writeFileSync(path, await Packer.toBuffer(document));
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The seed as a news site's page: the article among navigation, related articles and a footer. */
function writeHtml(path: string, title: string, blocks: Block[], related: string[]): void {
  const body: string[] = [];
  let list: { id: number; bullet: boolean } | null = null;
  const closeList = () => {
    if (list) body.push(list.bullet ? '</ul>' : '</ol>');
    list = null;
  };
  for (const block of blocks) {
    if (block.kind === 'item') {
      if (!list || list.id !== block.list) {
        closeList();
        const start = Number.parseInt(block.label!, 10);
        body.push(block.bullet ? '<ul>' : start > 1 ? `<ol start="${start}">` : '<ol>');
        list = { id: block.list!, bullet: block.bullet! };
      }
      body.push(`  <li>${escapeHtml(block.text)}</li>`);
      continue;
    }
    if (block.kind === 'blank') continue;
    closeList();
    body.push(block.kind === 'heading' ? `<h2>${escapeHtml(block.text)}</h2>` : `<p>${escapeHtml(block.text)}</p>`);
  }
  closeList();
  const nav = ['Home', 'Politics', 'Economy', 'Society', 'Labour', 'Contact'].map((name) => `<li><a href="/${name.toLowerCase()}">${name}</a></li>`).join('');
  const aside = related.map((text, k) => `<li><a href="/news/${k + 1}">${escapeHtml(text)}</a></li>`).join('\n');
  writeFileSync(path, `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(title)} | Labour Migration News</title>
<style>body { font-family: sans-serif; }</style>
<script>window.analytics = { page: 'article' };</script>
</head>
<body>
<header><a class="logo" href="/">Labour Migration News</a><nav><ul>${nav}</ul></nav></header>
<main>
<article>
<h1>${escapeHtml(title)}</h1>
${body.join('\n')}
</article>
<aside class="related"><h3>Related articles</h3><ul>
${aside}
</ul></aside>
</main>
<footer><p>© Labour Migration News. All rights reserved.</p><ul><li><a href="/about">About us</a></li><li><a href="/privacy">Privacy</a></li></ul></footer>
</body>
</html>
`);
}

/** CRC-32 (zip's), for the OpenDocument archive written below. */
function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** A zip of stored (uncompressed) entries, in order: OpenDocument wants its `mimetype` first and stored. */
function storedZip(entries: Array<[string, string]>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of entries) {
    const nameBytes = Buffer.from(name);
    const data = Buffer.from(text);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const centralBytes = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, centralBytes, end]);
}

/**
 * The seed as LibreOffice saves it (.odt): list styles for numbers and bullets, one text:list per run of items,
 * a list that goes on after a gap marked text:continue-numbering, headings as text:h.
 */
function writeOdt(path: string, blocks: Block[]): void {
  const body: string[] = [];
  let list: { id: number; bullet: boolean } | null = null;
  const seenLists = new Set<number>();
  const closeList = () => {
    if (list) body.push('</text:list>');
    list = null;
  };
  for (const block of blocks) {
    if (block.kind === 'item') {
      if (!list || list.id !== block.list) {
        closeList();
        const continues = seenLists.has(block.list!);
        body.push(`<text:list text:style-name="${block.bullet ? 'LBullet' : 'LNumber'}"${continues ? ' text:continue-numbering="true"' : ''}>`);
        seenLists.add(block.list!);
        list = { id: block.list!, bullet: block.bullet! };
      }
      body.push(`<text:list-item><text:p>${escapeHtml(block.text)}</text:p></text:list-item>`);
      continue;
    }
    if (block.kind === 'blank') {
      // A gap inside a list (Viet Nam 2020's items 12 and 13): the list closes and the next one continues it.
      closeList();
      continue;
    }
    closeList();
    body.push(block.kind === 'heading' ? `<text:h text:outline-level="2">${escapeHtml(block.text)}</text:h>` : `<text:p>${escapeHtml(block.text)}</text:p>`);
  }
  closeList();
  const namespaces = 'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"';
  const content = `<?xml version="1.0" encoding="UTF-8"?>
<office:document-content ${namespaces} office:version="1.3">
<office:automatic-styles>
<text:list-style style:name="LNumber"><text:list-level-style-number text:level="1" style:num-suffix="." style:num-format="1"/></text:list-style>
<text:list-style style:name="LBullet"><text:list-level-style-bullet text:level="1" text:bullet-char="•"/></text:list-style>
</office:automatic-styles>
<office:body><office:text>
${body.join('\n')}
</office:text></office:body>
</office:document-content>
`;
  const manifest = `<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">
<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>
<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>
`;
  writeFileSync(path, storedZip([['mimetype', 'application/vnd.oasis.opendocument.text'], ['content.xml', content], ['META-INF/manifest.xml', manifest]]));
}

/** The news seed ends with the site's list of other articles: on the web page they are the related articles. */
function splitRelated(blocks: Block[]): { article: Block[]; related: string[] } {
  let end = blocks.length;
  while (end > 0 && blocks[end - 1]!.kind === 'blank') end--;
  let start = end;
  while (start > 0 && blocks[start - 1]!.kind === 'line' && !/\(Source: /.test(blocks[start - 1]!.text)) start--;
  if (end - start < 3) return { article: blocks, related: [] };
  return { article: blocks.slice(0, start), related: blocks.slice(start, end).map((block) => block.text) };
}

function titleOf(document: RecDocument, name: string): string {
  return document.metadata.title ?? name;
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  for (const file of readdirSync(SEEDS).filter((name) => name.endsWith('.txt')).sort()) {
    const name = basename(file, '.txt');
    const text = readFileSync(join(SEEDS, file), 'utf8');
    const document = parseDocument(text, file);
    const blocks = blocksOf(text, document);
    const title = titleOf(document, name);
    await writePdf(join(OUT, `${name}.pdf`), title, blocks);
    await writeDocx(join(OUT, `${name}.docx`), title, blocks);
    writeOdt(join(OUT, `${name}.odt`), blocks);
    if (document.prose) {
      const { article, related } = splitRelated(blocks);
      writeHtml(join(OUT, `${name}.html`), title, article, related);
    } else {
      writeHtml(join(OUT, `${name}.html`), title, blocks, ['ASEAN labour ministers meet in Vientiane', 'New guide on fair recruitment published', 'Remittance costs fall across the region']);
    }
  }
  // A PDF that opens only with a password.
  const locked = new PDFDocument({ size: 'A4', userPassword: 'secret', ownerPassword: 'owner', pdfVersion: '1.7' });
  const lockedDone = new Promise<void>((resolve) => {
    const stream = createWriteStream(join(OUT, 'password-protected.pdf'));
    stream.on('finish', resolve);
    locked.pipe(stream);
  });
  locked.registerFont('body', FONT);
  locked.font('body').fontSize(11).text('1. Extend social protection coverage to all migrant workers.');
  locked.end();
  await lockedDone;
  // A scan: the first page of the Viet Nam 2020 PDF as a picture, with no text layer.
  const scratch = mkdtempSync(join(tmpdir(), 'precedent-fixtures-'));
  try {
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', join(OUT, 'viet-nam-afml13-2020.pdf'), join(scratch, 'page')]);
    const image = readdirSync(scratch).find((name) => name.endsWith('.png'))!;
    const scan = new PDFDocument({ size: 'A4', margin: 0 });
    const done = new Promise<void>((resolve) => {
      const stream = createWriteStream(join(OUT, 'scanned-viet-nam-afml13-2020.pdf'));
      stream.on('finish', resolve);
      scan.pipe(stream);
    });
    scan.image(join(scratch, image), 0, 0, { width: scan.page.width, height: scan.page.height });
    scan.end();
    await done;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  console.log(`wrote ${readdirSync(OUT).length} files to ${OUT}`);
}

void main();
