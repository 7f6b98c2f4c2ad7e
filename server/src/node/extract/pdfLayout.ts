// Rebuilds a PDF's text in reading order from the positioned pieces of text its pages hold (pdf.js text
// items): pieces on one baseline become one line, lines a word processor wrapped become one line again,
// paragraph gaps become blank lines, and the running headers, footers and page numbers that repeat from page
// to page are left out. Plain data in and out, so it is tested without a PDF.
//
// What must stay true for the parser: a list label stays at the start of its line ("1.", "•"), a line that
// starts with a label is never joined to the line above, and a heading or title wrapped over two lines is one
// line again (its words are the section title and the document title).

import { matchLabel } from '../../core/document/labels';

/** One piece of text on a page, in PDF units: `x` and `y` of its baseline start (y grows upwards). */
export interface TextPiece {
  text: string;
  x: number;
  y: number;
  width: number;
  /** Font size (the text matrix's vertical scale). */
  size: number;
}

export interface PageText {
  pieces: TextPiece[];
  /** The page's height, to tell its top and bottom margins. */
  height: number;
}

interface Line {
  text: string;
  x: number;
  right: number;
  y: number;
  size: number;
  page: number;
}

export interface LaidOutText {
  text: string;
  /** 0-based line at which each page starts. */
  pageStarts: number[];
}

/** Word's Symbol-font bullets, drawn as private-use characters. */
const SYMBOL_BULLET = /^[\uf0a7\uf0b7\uf076\uf0d8\uf0fc]\s/;
const PAGE_NUMBER = /^(?:(?:page|p\.?)\s*)?(?:\d{1,4}|[ivxlcdm]{1,6})(?:\s*(?:of|\/)\s*\d{1,4})?$|^[-–—]\s*\d{1,4}\s*[-–—]$/i;

/** The pages' text as lines, with the line each page starts at. */
export function layOutPages(pages: readonly PageText[]): LaidOutText {
  const pageLines = pages.map((page, index) => linesOfPage(page, index));
  const kept = dropRunningLines(pageLines, pages);
  return joinLines(kept);
}

/** Pieces that share a baseline, left to right, as one line; lines top to bottom. */
function linesOfPage(page: PageText, pageIndex: number): Line[] {
  const pieces = page.pieces.filter((piece) => piece.text.length > 0 && Number.isFinite(piece.x) && Number.isFinite(piece.y));
  // Top to bottom, then left to right: word processors may draw a list's labels apart from its text.
  pieces.sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: Line[] = [];
  let current: { pieces: TextPiece[]; y: number; size: number } | null = null;
  const flush = () => {
    if (current === null) return;
    const line = lineOf(current.pieces, pageIndex);
    if (line.text.trim() !== '') lines.push(line);
    current = null;
  };
  for (const piece of pieces) {
    const size = piece.size > 0 ? piece.size : 10;
    // A superscript or a piece drawn a little off the baseline still belongs to its line.
    if (current !== null && Math.abs(current.y - piece.y) <= 0.45 * Math.min(current.size, size)) {
      current.pieces.push(piece);
      current.size = Math.max(current.size, size);
    } else {
      flush();
      current = { pieces: [piece], y: piece.y, size };
    }
  }
  flush();
  return lines;
}

function lineOf(pieces: TextPiece[], page: number): Line {
  pieces.sort((a, b) => a.x - b.x);
  let text = '';
  let end = -Infinity;
  let size = 0;
  for (const piece of pieces) {
    const pieceSize = piece.size > 0 ? piece.size : 10;
    size = Math.max(size, pieceSize);
    // A visible gap between two pieces is a space, unless one of them already has it.
    if (text !== '' && piece.x - end > 0.15 * pieceSize && !/\s$/.test(text) && !/^\s/.test(piece.text)) text += ' ';
    text += piece.text;
    end = Math.max(end, piece.x + piece.width);
  }
  const first = pieces[0]!;
  const visible = pieces.filter((piece) => piece.text.trim() !== '');
  return {
    text: text.replace(/\s+/g, ' ').trim(),
    x: (visible[0] ?? first).x,
    right: Math.max(...visible.map((piece) => piece.x + piece.width), first.x),
    y: pieces.reduce((sum, piece) => sum + piece.y, 0) / pieces.length,
    size,
    page,
  };
}

/** The shape of a running line: digits stand for any number ("Page 3 of 9" and "Page 4 of 9" are one). */
function runningKey(text: string): string {
  return text.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ').trim();
}

/**
 * Leaves out running headers and footers: lines in a page's top or bottom band whose shape repeats on at least
 * half the pages (and on two or more), and lines there that are only a page number.
 */
function dropRunningLines(pageLines: Line[][], pages: readonly PageText[]): Line[][] {
  const band = (lines: Line[]) => [...lines.slice(0, 2), ...lines.slice(Math.max(2, lines.length - 2))];
  const counts = new Map<string, number>();
  for (const lines of pageLines) {
    for (const key of new Set(band(lines).map((line) => runningKey(line.text)))) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const repeatsFrom = Math.max(2, Math.ceil(pageLines.length / 2));
  return pageLines.map((lines, page) => {
    const height = pages[page]!.height;
    const candidates = new Set(band(lines));
    return lines.filter((line) => {
      if (!candidates.has(line)) return true;
      // Only the page's margins hold running lines: a repeated line in the body (a heading) stays.
      const inMargin = height <= 0 || line.y > height * 0.88 || line.y < height * 0.12 || lines.length <= 3;
      if (!inMargin) return true;
      if (PAGE_NUMBER.test(line.text)) return false;
      return (counts.get(runningKey(line.text)) ?? 0) < repeatsFrom;
    });
  });
}

/**
 * The lines of every page as text: a line wrapped by the word processor is joined to the one before it, a gap
 * wider than the usual line spacing is a blank line, and every page starts a new line.
 */
function joinLines(pageLines: Line[][]): LaidOutText {
  const all = pageLines.flat();
  const pitch = usualPitch(pageLines);
  // The text column's right edge: where full lines end.
  const rights = all.map((line) => line.right).sort((a, b) => a - b);
  const rightEdge = rights.length > 0 ? rights[Math.floor(rights.length * 0.9)]! : 0;
  const out: string[] = [];
  const pageStarts: number[] = [];
  let previous: Line | null = null;
  for (let page = 0; page < pageLines.length; page++) {
    let startRecorded = false;
    for (const line of pageLines[page]!) {
      const samePage: boolean = previous !== null && previous.page === line.page;
      const gap = samePage ? previous!.y - line.y : 0;
      const paragraphGap = samePage && gap > pitch * 1.45;
      if (previous !== null && !paragraphGap && wrapsOnto(previous, line, rightEdge)) {
        out[out.length - 1] = joinWrapped(out[out.length - 1]!, line.text);
        previous = { ...line, x: previous.x };
        continue;
      }
      if (previous !== null && (paragraphGap || !samePage)) out.push('');
      if (!startRecorded) {
        pageStarts.push(out.length);
        startRecorded = true;
      }
      out.push(line.text);
      previous = line;
    }
    // A page with no text still starts somewhere: at the next line.
    if (!startRecorded) pageStarts.push(out.length);
  }
  return { text: out.join('\n') + (out.length > 0 ? '\n' : ''), pageStarts };
}

/** The usual distance between two lines of a paragraph: the most common baseline step on the pages. */
function usualPitch(pageLines: Line[][]): number {
  const steps = new Map<number, number>();
  for (const lines of pageLines) {
    for (let k = 1; k < lines.length; k++) {
      const step = Math.round((lines[k - 1]!.y - lines[k]!.y) * 2) / 2;
      if (step > 0) steps.set(step, (steps.get(step) ?? 0) + 1);
    }
  }
  let best = 0;
  let bestCount = 0;
  for (const [step, count] of steps) if (count > bestCount || (count === bestCount && step < best)) (best = step), (bestCount = count);
  return best > 0 ? best : 14;
}

/**
 * Whether `next` goes on the line that `line` wrapped from: `line` was full (the next line's first word would
 * not have fitted after it), `next` does not start with a list label and does not stand left of the line's
 * text, and both are in one font size.
 */
function wrapsOnto(line: Line, next: Line, rightEdge: number): boolean {
  if (startsWithLabel(next.text)) return false;
  if (Math.abs(line.size - next.size) > 0.5) return false;
  const textStart = startsWithLabel(line.text) ? null : line.x;
  if (textStart !== null && next.x < textStart - 2) return false;
  const firstWord = next.text.split(' ')[0] ?? '';
  const averageWidth = line.text.length > 0 ? (line.right - line.x) / line.text.length : next.size * 0.5;
  const wordWidth = (firstWord.length + 1) * averageWidth;
  return rightEdge - line.right < wordWidth;
}

function startsWithLabel(text: string): boolean {
  return matchLabel(text) !== null || SYMBOL_BULLET.test(text);
}

/**
 * A wrapped line joined to the one it continues. Word processors break lines after a hyphen or a slash inside a
 * word ("post-|COVID-19", "agreements/|MOU"): those are joined without a space.
 */
function joinWrapped(line: string, next: string): string {
  if (/[\p{L}\p{N}][-/]$/u.test(line) && /^[\p{L}\p{N}]/u.test(next)) return line + next;
  return `${line} ${next}`;
}
