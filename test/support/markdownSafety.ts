// Renders Markdown the way an editor would and lists anything active in it that is not ours: links other than
// `file:` URIs with a `#L<line>` fragment, raw HTML, images. Two renderings: CommonMark with raw HTML passed
// through (markdown-it, html: true), and the same with GFM-style autolinks of bare URLs (`https://…`, `www.…`,
// e-mail addresses), which VS Code's hover renderer (marked, GFM) turns into links.

import { createRequire } from 'node:module';

interface MarkdownItLike {
  render(source: string): string;
  linkify: { set(options: Record<string, unknown>): unknown; add(schema: string, definition: null): unknown };
}
type MarkdownItConstructor = new (options: Record<string, unknown>) => MarkdownItLike;

const MarkdownIt = createRequire(import.meta.url)('markdown-it') as MarkdownItConstructor;

interface WithValidateLink { validateLink(url: string): boolean }
const commonMark = new MarkdownIt({ html: true, linkify: false });
const gfm = new MarkdownIt({ html: true, linkify: true });
// markdown-it refuses javascript:, vbscript:, file: and data: links by itself (they render as text); an editor may
// not, and ours are file: links. Every link renders here, so that any link that is not ours is seen.
for (const md of [commonMark, gfm]) (md as unknown as WithValidateLink).validateLink = () => true;
// GFM autolinks: scheme:// and www. links and e-mail addresses, not bare domains nor protocol-relative `//x`.
gfm.linkify.set({ fuzzyLink: false, fuzzyEmail: true, fuzzyIP: false });
gfm.linkify.add('//', null);

/** Tags our Markdown may render to (the report's headings, lists and table; the hover's quote, rule and emphasis). */
const ALLOWED_TAGS = new Set(['p', 'a', 'strong', 'em', 'blockquote', 'hr', 'code', 'h1', 'h2', 'h3', 'ul', 'li', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'br']);
/** Our own links: a file URI opening a precedent at its line. */
// A precedent with its item selected (#L3,1-L3,80), or a PDF at a page (#page=3).
const OUR_LINK = /^file:\/\/\/\S*(?:#L\d+(?:,\d+-L\d+,\d+)?|#page=\d+)$/;

/** The targets of the links `markdown` renders to (in the CommonMark rendering). */
export function linkTargets(markdown: string): string[] {
  return [...commonMark.render(markdown).matchAll(/<a href="([^"]*)"/g)].map((match) => decodeEntities(match[1]!));
}

export function renderings(markdown: string): string[] {
  return [commonMark.render(markdown), gfm.render(markdown)];
}

/** What in `markdown`, once rendered, is active and not ours; empty when it is safe. */
export function unsafeParts(markdown: string): string[] {
  const problems: string[] = [];
  for (const html of renderings(markdown)) {
    for (const tag of html.matchAll(/<([a-zA-Z][\w-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g)) {
      const name = tag[1]!.toLowerCase();
      const attributes = tag[2]!.trim();
      if (!ALLOWED_TAGS.has(name)) {
        problems.push(`<${name}${attributes ? ` ${attributes}` : ''}>`);
      } else if (name === 'a') {
        const href = /^href="([^"]*)"$/.exec(attributes)?.[1];
        if (href === undefined || !OUR_LINK.test(decodeEntities(href))) problems.push(`a link that is not ours: <a ${attributes}>`);
      } else if (attributes && !((name === 'th' || name === 'td') && /^style="text-align:(?:left|right|center)"$/.test(attributes))) {
        problems.push(`<${name} ${attributes}>`);
      }
    }
  }
  return problems;
}

function decodeEntities(text: string): string {
  return text.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>');
}
