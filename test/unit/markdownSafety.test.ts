// Corpus text is untrusted: whatever a precedent file or a draft holds, the hover card and the consistency report
// render (CommonMark with raw HTML, and GFM autolinks) to no link but our own `file:…#L<line>` links, no HTML,
// no image. Property-based over hostile pieces (command links, javascript: links, HTML, comments, backticks,
// headings, bare URLs, e-mail addresses) mixed with arbitrary text.

import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Finding } from '../../server/src/core/checks/finding';
import type { PrecedentLookup, PrecedentMatch } from '../../server/src/core/checks/lookup';
import { checkNumbering } from '../../server/src/core/checks/numbering';
import { parseDocument } from '../../server/src/core/document/parse';
import { hoverCard } from '../../server/src/core/features/hoverCard';
import { escapeMarkdown } from '../../server/src/core/features/markdown';
import { recurrenceFromMatches } from '../../server/src/core/checks/occasions';
import { consistencyReport } from '../../server/src/core/features/report';
import { renderings, unsafeParts } from '../support/markdownSafety';

const LONG = process.env.FUZZ_RUNS !== undefined;
/** Cases per property: a tenth of FUZZ_RUNS in the long mode (`npm run test:fuzz`), a few in `npm test`. */
const RUNS = LONG ? Math.max(1, Math.round((Number(process.env.FUZZ_RUNS) || 100_000) / 10)) : 150;
/** Fixed in `npm test`, new in every long run; FUZZ_SEED replays one. */
const SEED = process.env.FUZZ_SEED !== undefined ? Number(process.env.FUZZ_SEED) : LONG ? Date.now() % 2 ** 31 : 11;

export const HOSTILE = [
  '[click](command:workbench.action.terminal.new)', '[x](command:workbench.action.openSettings?%5B%22precedent%22%5D "t")', '<img src=x onerror=alert(1)>',
  '[js](javascript:alert(1))', '<javascript:alert(1)>', '<command:workbench.action.terminal.new>', 'javascript:alert(1)', '&#x6A;avascript:alert(1)',
  '`', '``', '```', '~~~', '<!--', '-->', '<!-- hidden -->', '](', ')[', '](command:x)', '![img](https://evil.example/x.png)', '[ref]: command:x',
  '[ref]', '# Heading', '## ', '---', '***', '> quote', '| a | b |', '<script>alert(1)</script>', '<a href="command:x">x</a>', '<div>', '</div>', '<b>',
  'https://evil.example/path?q=1', 'http://evil.com', 'HTTPS://EVIL.COM', 'ftp://evil.com/x', 'www.evil.com', 'WWW.evil.com', 'mailto:me@evil.com', 'me@evil.com',
  'x.y+z@evil.org', '\\', '\\[', '*', '**', '_', '__', '~', '&', '&amp;', '&lt;img&gt;', '\u00a0', '\u200b', '\t', '\n', '\r\n', ' ', '1. ', '- ',
];

const hostileText = fc
  .array(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...HOSTILE) }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) }, { weight: 1, arbitrary: fc.constantFrom('migrant workers', 'social protection', 'Extend') }), { minLength: 1, maxLength: 16 })
  .map((parts) => parts.join(''));

const link = (match: PrecedentMatch) => `file:///corpus/${encodeURIComponent(match.document.id)}#L${match.item.range.start.line + 1}`;

function assertSafe(markdown: string, what: string): void {
  assert.deepEqual(unsafeParts(markdown), [], `${what}:\n${markdown}\n---\n${renderings(markdown).join('\n---\n')}`);
}

describe(`Markdown from corpus text is inert (hover card, report; seed ${SEED})`, function () {
  this.timeout(LONG ? 0 : 20_000);

  it('escapeMarkdown: any text renders to no tag but a paragraph', () => {
    fc.assert(fc.property(hostileText, (text) => {
      for (const html of renderings(`> ${escapeMarkdown(text)}`)) {
        assert.deepEqual([...html.matchAll(/<([a-z][\w-]*)/gi)].map((tag) => tag[1]).filter((tag) => tag !== 'blockquote' && tag !== 'p'), [], html);
      }
    }), { numRuns: RUNS * 4, seed: SEED });
  });

  it('hoverCard: hostile precedent text, titles, sections, labels and file names', () => {
    fc.assert(fc.property(hostileText, hostileText, hostileText, hostileText, (title, section, item, name) => {
      const corpus = parseDocument(`${title} Recommendations of the workshop\n\nSub-theme 1: ${section}\n\n1. ${item}\n2. Extend social protection ${item}\n`, `${name}.txt`);
      const matches = corpus.items.map((precedent, rank) => ({ document: corpus, item: precedent, score: 0.9 - rank / 10 }));
      const draft = parseDocument(`1. ${item}\n`, 'draft');
      const subject = draft.items[0] ?? corpus.items[0];
      if (!subject) return;
      // The recurrence line names the occasions by the corpus's own titles and file names.
      const recurrence = recurrenceFromMatches(matches, { complete: true, draftDate: null });
      assertSafe(hoverCard(subject, matches, link, () => null, recurrence), 'hover card');
    }), { numRuns: RUNS, seed: SEED + 1 });
  });

  it('consistencyReport: a hostile draft and hostile precedents', () => {
    fc.assert(fc.property(hostileText, hostileText, hostileText, hostileText, (title, section, item, name) => {
      const corpus = parseDocument(`# ${title} Recommendations\n\n## ${section}\n\n- ${item}\n- ${name}\n`, `${name}.md`);
      const lookup: PrecedentLookup = { query: () => corpus.items.slice(0, 1).map((precedent) => ({ document: corpus, item: precedent, score: 0.75 })) };
      const draft = parseDocument(`${title} National Recommendations\n\nSub-theme 2: ${section}\n\n2. ${item}\n2. ${title}\n(a) ${name}\n`, `${name}.rec.md`);
      const findings: Finding[] = [...checkNumbering(draft), { code: 'precedent-reuse', severity: 'information', message: `Reuses ${item}`, range: draft.items[0]?.range ?? draft.sections[0]!.range, related: [] }];
      assertSafe(consistencyReport({ document: draft, displayName: `${name}.rec.md`, findings, precedents: lookup, minScore: 0.3, displayPrecedent: (id) => `${id} ${name}` }), 'report');
    }), { numRuns: RUNS, seed: SEED + 2 });
  });
});
