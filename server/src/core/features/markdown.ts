// Corpus text is untrusted: a precedent file can hold `[click](command:…)`, `<img onerror=…>` or `# headings`.
// Everything taken from a document and shown as Markdown (hovers, completion documentation, the report)
// passes through here, so that it renders as the literal text and never as links, HTML or commands.

// Inline text only ever follows our own prefix ("> ", "- "), so line-start markers (`#`, `-`, `1.`) cannot act;
// what can act inline is emphasis, code, links and images, HTML and entities. Links and images need a `[`:
// with the brackets escaped, parentheses and `!` stay as written ("(93% similar)" reads as it is in the source).
const MARKDOWN_SPECIAL = /[\\`*_[\]<>&~]/g;

// GFM autolinks need no brackets: `https://…`, `ftp://…`, `mailto:…`, `www.…` and `name@domain.org` become links
// in renderers with GFM (VS Code's hovers), so corpus text could show a live web or mail link. An escape inside
// each pattern (`https\://`, `www\.`, `name\@domain`) renders the same characters and breaks the pattern.
const AUTOLINK_PARTS = /:(?=\/\/)|(?<=mailto|xmpp):|(?<=www)\.|@(?=[\p{L}\p{N}_-])/giu;

/** Escapes text for inline Markdown: every character with a meaning in CommonMark, GFM or HTML is neutralised. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(MARKDOWN_SPECIAL, (character) => {
      if (character === '<') return '&lt;';
      if (character === '>') return '&gt;';
      if (character === '&') return '&amp;';
      return `\\${character}`;
    })
    .replace(AUTOLINK_PARTS, (character) => `\\${character}`)
    // A block marker at the start: after our "> " or "- " prefix, text starting "- ", "+ ", "# ", "1. " or "---"
    // opened a list, a heading or a rule inside the quote or list item (and leading spaces an indented code block).
    .replace(/^\s+/, '')
    .replace(/^[#+\-=]|^(\d+)([.)])/, (marker, digits: string | undefined, close: string | undefined) => (digits !== undefined ? `${digits}\\${close}` : `\\${marker}`));
}

/** Text for a Markdown table cell: also its column separator. */
export function escapeTableCell(text: string): string {
  return escapeMarkdown(text).replace(/\|/g, '\\|');
}

/** A link destination in angle brackets cannot be broken out of, as long as it holds no `<`, `>`, space or line break. */
export function linkDestination(target: string): string {
  return `<${target.replace(/[<>\r\n ]/g, (character) => encodeURIComponent(character))}>`;
}

/** A fenced code span that cannot be broken out of, for file paths and labels. */
export function codeSpan(text: string): string {
  const clean = text.replace(/[\r\n]+/g, ' ');
  const longestRun = Math.max(0, ...[...clean.matchAll(/`+/g)].map((match) => match[0].length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = clean.startsWith('`') || clean.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${clean}${pad}${fence}`;
}
