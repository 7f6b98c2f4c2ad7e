// Recognises section heading lines: Markdown headings, the numbered theme headings of workshop documents
// ("Sub-theme 1: …", "Sub theme 1 “…”", "Sub-theme 2. …", "Part II – …") and lone keyword headings ("Recommendations").

export interface HeadingMatch {
  /** The heading's words, without Markdown marks or emphasis. */
  title: string;
  /** Markdown level 1–6, or 0 for a heading recognised by its words. */
  level: number;
}

const MARKDOWN_HEADING = /^ {0,3}(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$/;
const NUMBERED_HEADING = /^(?:sub[\s-]*theme|theme|sub[\s-]*topic|topic|section|part|chapter|annex|session|pillar|area)\s*(?:\d{1,2}|[ivx]{1,5}|[a-z])(?=[\s.:–—\-“"'‘(]|$)/i;
const KEYWORD_HEADING = /^(?:(?:key|main|national|final|summary of|draft|general|specific|policy)\s+)?(?:recommendations?|conclusions?(?:\s+and\s+recommendations?)?|preamble|background|introduction|summary|annex(?:es)?)\s*:?$/i;
// Headings are short; a long line that happens to start with "Section 2" is prose.
const MAX_HEADING_LENGTH = 200;

export function matchHeading(text: string): HeadingMatch | null {
  const markdown = MARKDOWN_HEADING.exec(text);
  if (markdown) {
    const title = stripEmphasis(markdown[2] ?? '');
    return title ? { title, level: markdown[1]!.length } : null;
  }
  const trimmed = stripEmphasis(text.trim());
  if (trimmed.length === 0 || trimmed.length > MAX_HEADING_LENGTH) return null;
  if (NUMBERED_HEADING.test(trimmed) || KEYWORD_HEADING.test(trimmed)) return { title: trimmed, level: 0 };
  return null;
}

/** A line that could be an unnumbered heading if it stands alone before a list: short, and not a sentence. */
export function looksLikeHeading(text: string): boolean {
  const trimmed = stripEmphasis(text.trim());
  if (trimmed.length < 3 || trimmed.length > 120) return false;
  if (/[.;,]$/.test(trimmed)) return false;
  // A heading has letters, and is not a date line or a figure.
  return /\p{L}{3}/u.test(trimmed);
}

/** Removes surrounding Markdown emphasis: `**Recommendations**` → `Recommendations`. */
export function stripEmphasis(text: string): string {
  let out = text.trim();
  for (;;) {
    const match = /^([*_]{1,3})(.+)\1$/.exec(out);
    if (!match) return out;
    out = match[2]!.trim();
  }
}
