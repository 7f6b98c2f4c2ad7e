// Web pages (.html, .htm): parsed by a real HTML parser (linkedom), the article picked out by Mozilla's
// Readability (site navigation, "related articles" and footers are left out by the library, not by rules made
// here), then written as the parser's text: headings and paragraphs as lines with blank lines between them,
// ordered lists with their numbers ("start" and "type" honoured), bullets as "- ", nested lists indented.

import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { formatLabel } from '../../core/document/labels';
import type { LabelKind } from '../../core/document/model';
import { isEmptyText, type ExtractionLimits, type ExtractionResult } from './extraction';

const BLOCKS = new Set(['P', 'DIV', 'SECTION', 'ARTICLE', 'MAIN', 'HEADER', 'FOOTER', 'ASIDE', 'NAV', 'BLOCKQUOTE', 'PRE', 'FIGURE', 'FIGCAPTION', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'TABLE', 'TR', 'UL', 'OL', 'LI', 'DL', 'DT', 'DD', 'HR', 'ADDRESS', 'DETAILS', 'SUMMARY']);
const SKIPPED = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'IFRAME', 'OBJECT', 'BUTTON', 'SELECT', 'TEXTAREA', 'INPUT', 'NAV', 'ASIDE', 'FORM']);

/** The small part of the DOM used here (linkedom's nodes). */
interface DomNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
  getAttribute?(name: string): string | null;
}

/** linkedom's document, as much of it as is used here (the project is built without the DOM's types). */
function parse(html: string): ParsedPage {
  return (parseHTML(html) as unknown as { document: ParsedPage }).document;
}

interface ParsedPage {
  title?: string;
  body: DomNode;
  querySelector(selector: string): DomNode | null;
}

export async function extractHtml(text: string, limits: ExtractionLimits): Promise<ExtractionResult> {
  if (text.length > limits.maxTextCharacters) return { ok: false, reason: `the web page holds more than ${(limits.maxTextCharacters / 1048576).toFixed(0)} million characters; the limit is that` };
  try {
    const document = parse(text);
    const pageTitle = (document.title ?? '').trim();
    // Readability changes the document it reads: it is given its own parse.
    const article = new Readability(parse(text) as unknown as ConstructorParameters<typeof Readability>[0], { charThreshold: 200 }).parse();
    // Readability scores paragraphs: a page whose content is mostly a list (recommendations often are) can lose
    // to a footer's one paragraph. The page's own <article> (else <main>) is then taken, when Readability's
    // pick holds less than half of its text.
    const marked = document.querySelector('article') ?? document.querySelector('main');
    const markedLength = marked ? (marked.textContent ?? '').replace(/\s+/g, ' ').trim().length : 0;
    const articleLength = (article?.textContent ?? '').replace(/\s+/g, ' ').trim().length;
    let root: DomNode;
    let title = '';
    if (article?.content && articleLength >= markedLength / 2) {
      root = parse(`<!doctype html><html><body>${article.content}</body></html>`).body;
      title = (article.title ?? '').trim();
    } else {
      // No article found, or too little of it: the page's marked-up article, else the body, without its
      // navigation and asides.
      root = marked ?? document.body;
      title = (article?.title ?? '').trim();
    }
    const writer = new BlockWriter();
    walk(root, writer, 0);
    let lines = writer.finish();
    // Readability keeps the article's title apart from its content: put it back on top, unless the content
    // has it as a line of its own (the title block is where the parser finds the title, country and date).
    if (title !== '' && !lines.some((line) => line.trim() === title)) lines = [title, '', ...lines];
    if (title === '' && pageTitle !== '' && lines.length === 0) lines = [pageTitle];
    const out = lines.join('\n') + (lines.length > 0 ? '\n' : '');
    if (isEmptyText(out)) return { ok: false, reason: 'the web page has no readable text' };
    return { ok: true, extraction: { text: out, pageStarts: null, generatedLabelLines: [], pages: 1 } };
  } catch (error) {
    return { ok: false, reason: `the web page could not be read (${error instanceof Error ? error.message : String(error)})` };
  }
}

/** Collects inline text into lines; a block ends a line, a new block after text leaves a blank line. */
class BlockWriter {
  private readonly lines: string[] = [];
  private current = '';
  private prefix = '';
  /** Whether the next line continues a list (no blank line between list items). */
  private inList = false;

  text(value: string): void {
    this.current += value;
  }

  /** Ends the current line, if any; `tight` keeps the next block right below it (list items). */
  breakLine(tight = false): void {
    const line = this.current.replace(/\s+/g, ' ').trim();
    this.current = '';
    if (line !== '') {
      if (this.lines.length > 0 && !(tight && this.inList) && this.lines[this.lines.length - 1] !== '') this.lines.push('');
      this.lines.push(this.prefix + line);
    }
    this.prefix = '';
    this.inList = tight;
  }

  startItem(label: string, depth: number): void {
    this.breakLine(true);
    this.inList = true;
    this.prefix = `${'   '.repeat(depth)}${label} `;
  }

  /** A hard line break inside a block. */
  lineBreak(): void {
    const line = this.current.replace(/\s+/g, ' ').trim();
    if (line !== '') {
      if (this.lines.length > 0 && !this.inList && this.lines[this.lines.length - 1] !== '' && this.prefix !== '') this.lines.push('');
      this.lines.push(this.prefix + line);
      this.prefix = this.prefix === '' ? '' : ' '.repeat(this.prefix.length);
      this.inList = true;
    }
    this.current = '';
  }

  finish(): string[] {
    this.breakLine();
    while (this.lines.length > 0 && this.lines[this.lines.length - 1] === '') this.lines.pop();
    return this.lines;
  }
}

function walk(node: DomNode, writer: BlockWriter, depth: number): void {
  const children = Array.from(node.childNodes);
  for (const child of children) {
    if (child.nodeType === 3) {
      writer.text(child.textContent ?? '');
      continue;
    }
    if (child.nodeType !== 1) continue;
    const name = child.nodeName.toUpperCase();
    if (SKIPPED.has(name)) continue;
    if (name === 'BR') {
      writer.lineBreak();
      continue;
    }
    if (name === 'OL' || name === 'UL') {
      writeList(child, name === 'OL', writer, depth);
      continue;
    }
    if (name === 'TD' || name === 'TH') {
      walk(child, writer, depth);
      writer.text(' | ');
      continue;
    }
    if (BLOCKS.has(name)) {
      writer.breakLine();
      walk(child, writer, depth);
      writer.breakLine();
      continue;
    }
    walk(child, writer, depth);
    if (name === 'IMG') writer.text(' ');
  }
}

function writeList(list: DomNode, ordered: boolean, writer: BlockWriter, depth: number): void {
  writer.breakLine(true);
  const type = list.getAttribute?.('type') ?? '1';
  const reversed = list.getAttribute?.('reversed') !== null && list.getAttribute?.('reversed') !== undefined;
  const items = Array.from(list.childNodes).filter((child) => child.nodeType === 1 && child.nodeName.toUpperCase() === 'LI');
  const startAttribute = Number.parseInt(list.getAttribute?.('start') ?? '', 10);
  let value = Number.isFinite(startAttribute) ? startAttribute : reversed ? items.length : 1;
  for (const item of items) {
    const own = Number.parseInt(item.getAttribute?.('value') ?? '', 10);
    if (Number.isFinite(own)) value = own;
    writer.startItem(ordered ? `${formatValue(value, type)}.` : '-', depth);
    walk(item, writer, depth + 1);
    writer.breakLine(true);
    value += reversed ? -1 : 1;
  }
  writer.breakLine(false);
}

/** The HTML list types as the parser's label kinds. */
const KINDS: Record<string, LabelKind> = { a: 'lower-alpha', A: 'upper-alpha', i: 'lower-roman', I: 'upper-roman' };

function formatValue(value: number, type: string): string {
  return value < 1 ? String(value) : formatLabel({ kind: KINDS[type] ?? 'decimal', style: '#' }, value);
}
