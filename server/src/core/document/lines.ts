// Splits source text into lines the way editors count them: LF, CRLF and a lone CR all end a line,
// and a line's characters never include its line break (LSP positions are relative to that).

export interface SourceLine {
  /** 0-based line number. */
  line: number;
  /** The line's text without its line break. */
  text: string;
  /** Offset of the line's first character in the whole text. */
  offset: number;
}

export function splitLines(text: string): SourceLine[] {
  const lines: SourceLine[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 10 /* \n */ || ch === 13 /* \r */) {
      lines.push({ line: lines.length, text: text.slice(start, i), offset: start });
      if (ch === 13 && text.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
    }
  }
  lines.push({ line: lines.length, text: text.slice(start), offset: start });
  return lines;
}

/**
 * Blank: nothing but whitespace and invisible format characters (zero-width space, direction marks, BOM):
 * PDF and web extractions leave lines of those in page-break gaps, and they must not split or join items.
 */
export function isBlank(text: string): boolean {
  return /^[\s\p{Cf}]*$/u.test(text);
}

/** A horizontal rule or a setext underline: three or more of `-`, `*`, `_`, `=`, `–`, `—` and nothing else but spaces. */
export function isRule(text: string): boolean {
  return /^[ \t]*(?:[-*_=–—][ \t]*){3,}$/.test(text);
}

/** Width of a line's leading whitespace, a tab counting as four columns (enough to compare nesting). */
export function indentation(text: string): number {
  let width = 0;
  for (const ch of text) {
    if (ch === ' ' || ch === '\u00a0') width += 1;
    else if (ch === '\t') width += 4;
    else break;
  }
  return width;
}
