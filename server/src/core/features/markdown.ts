// Corpus text is untrusted: a precedent file can hold `[click](command:…)`, `<img onerror=…>` or `# headings`.
// Everything taken from a document and shown as Markdown (hovers, completion documentation, the report)
// passes through here, so that it renders as the literal text and never as links, HTML or commands.

// Inline text only ever follows our own prefix ("> ", "- "), so line-start markers (`#`, `-`, `1.`) cannot act;
// what can act inline is emphasis, code, links and images (`[`, `]`, `(`, `)`, `!`), HTML and entities.
const MARKDOWN_SPECIAL = /[\\`*_[\]()!<>&|~]/g;

/** Escapes text for inline Markdown: every character with a meaning in CommonMark or HTML is neutralised. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(MARKDOWN_SPECIAL, (character) => {
      if (character === '<') return '&lt;';
      if (character === '>') return '&gt;';
      if (character === '&') return '&amp;';
      return `\\${character}`;
    });
}

/** Text for a Markdown table cell. */
export function escapeTableCell(text: string): string {
  return escapeMarkdown(text);
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
