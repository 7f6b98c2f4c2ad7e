// Recognises section heading lines: Markdown headings, the numbered theme headings of workshop documents
// ("Sub-theme 1: …", "Sub theme 1 “…”", "Sub-theme 2. …", "Part II – …") and lone keyword headings ("Recommendations").

export interface HeadingMatch {
  /** The heading's words, without Markdown marks or emphasis. */
  title: string;
  /** Markdown level 1–6, or 0 for a heading recognised by its words. */
  level: number;
}

// The opening of an ATX heading only; its optional closing `#`s are taken off by hand (withoutClosingHashes): the
// one-regex form `[ \t]+(.*?)[ \t]*#*[ \t]*$` backtracks cubically on a line with a long run of spaces
// before its last word (PDF extractions have those), which froze the parser on a 20,000-character line.
const MARKDOWN_HEADING = /^ {0,3}(#{1,6})(?:[ \t]+|$)/;
const NUMBERED_HEADING = /^(?:sub[\s-]*theme|theme|sub[\s-]*topic|topic|section|part|chapter|annex|session|pillar|area)\s*(?:\d{1,2}|[ivx]{1,5}|[a-z])(?=[\s.:–—\-“"'‘(]|$)/i;
const KEYWORD_HEADING = /^(?:(?:key|main|national|final|summary of|draft|general|specific|policy)\s+)?(?:recommendations?|conclusions?(?:\s+and\s+recommendations?)?|preamble|background|introduction|summary|annex(?:es)?)\s*:?$/i;
// Headings are short; a long line that happens to start with "Section 2" is prose.
const MAX_HEADING_LENGTH = 200;
// Room for emphasis marks around a heading (`**…**`, `***…***`) when lengths are checked before stripping them.
const EMPHASIS_ALLOWANCE = 6;

export function matchHeading(text: string): HeadingMatch | null {
  const markdown = MARKDOWN_HEADING.exec(text);
  if (markdown) {
    const title = stripEmphasis(withoutClosingHashes(text.slice(markdown[0].length)));
    return title ? { title, level: markdown[1]!.length } : null;
  }
  const raw = text.trim();
  // Length first: stripping emphasis from a 100,000-character line of stars is work for nothing.
  if (raw.length === 0 || raw.length > MAX_HEADING_LENGTH + EMPHASIS_ALLOWANCE) return null;
  const trimmed = stripEmphasis(raw);
  if (trimmed.length === 0 || trimmed.length > MAX_HEADING_LENGTH) return null;
  if (NUMBERED_HEADING.test(trimmed) || KEYWORD_HEADING.test(trimmed)) return { title: trimmed, level: 0 };
  // Markdown drafts bold the theme number only: "**Sub-theme 1:** Impact of COVID-19". Without the bold marks
  // it is the same heading; without this it read as a text line and its list joined the previous section.
  const unbolded = withoutStrongMarks(trimmed);
  if (unbolded !== trimmed && (NUMBERED_HEADING.test(unbolded) || KEYWORD_HEADING.test(unbolded))) return { title: unbolded, level: 0 };
  return null;
}

/** An ATX heading's text without its optional closing sequence (`## Title ##` → `Title`). */
function withoutClosingHashes(text: string): string {
  const trimmed = text.trimEnd();
  let cut = trimmed.length;
  while (cut > 0 && trimmed[cut - 1] === '#') cut--;
  // Closing `#`s count only when they are the whole text or follow a space (`C#` keeps its `#`).
  if (cut === trimmed.length) return trimmed.trim();
  if (cut === 0) return '';
  return /[ \t]/.test(trimmed[cut - 1]!) ? trimmed.slice(0, cut).trim() : trimmed.trim();
}

function withoutStrongMarks(text: string): string {
  return text.replace(/\*\*|__/g, '').replace(/\s+/g, ' ').trim();
}

/** A line that could be an unnumbered heading if it stands alone before a list: short, and not a sentence. */
export function looksLikeHeading(text: string): boolean {
  const raw = text.trim();
  if (raw.length > 120 + EMPHASIS_ALLOWANCE) return false;
  const trimmed = stripEmphasis(raw);
  if (trimmed.length < 3 || trimmed.length > 120) return false;
  if (/[.;,]$/.test(trimmed)) return false;
  // A heading has letters, and is not a date line or a figure.
  return /\p{L}{3}/u.test(trimmed);
}

/** Removes surrounding Markdown emphasis: `**Recommendations**` → `Recommendations`. */
export function stripEmphasis(text: string): string {
  // By hand rather than with /^([*_]{1,3})(.+)\1$/ in a loop, which is quadratic on a long run of `*` or `_`.
  let out = text.trim();
  for (;;) {
    let marks = 0;
    while (marks < 3 && marks < out.length && (out[marks] === '*' || out[marks] === '_') && out[marks] === out[0]) marks++;
    if (marks === 0 || out.length <= 2 * marks) return out;
    const mark = out.slice(0, marks);
    if (!out.endsWith(mark)) {
      // `**bold*` is not emphasis at 2 but may be at 1; try fewer marks before giving up.
      let fewer = marks - 1;
      while (fewer > 0 && !out.endsWith(mark.slice(0, fewer))) fewer--;
      if (fewer === 0) return out;
      marks = fewer;
    }
    const inner = out.slice(marks, out.length - marks).trim();
    if (inner.length === 0) return out;
    out = inner;
  }
}
