// The timeline webview in a real browser: the page the extension serves (client/src/timelinePage.ts) with its
// content security policy, dist/timelineView.js, and VS Code's API stubbed. The chart of the example draft must
// draw a mark per occasion with nothing refused by the policy (no eval, nothing remote), in a light and a dark
// theme; screenshots go to .cache/screenshots/. Headless Chromium (Debian's, or CHROMIUM_PATH): run with
// `npm run test:webview` after `npm run build` (part of `npm run test:editors`).

import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { timelinePage } from '../../client/src/timelinePage';
import { parseDocument } from '../../server/src/core/document/parse';
import { timeline } from '../../server/src/core/features/timeline';
import { PrecedentIndex } from '../../server/src/core/index/precedentIndex';
import { createAnalyser } from '../../server/src/core/text/analyser';
import type { TimelineResult } from '../../server/src/lsp/protocol';
import { REPO_ROOT } from '../protocol/harness';
import { readSeed, SEED_NAMES, SEEDS_DIR, seedThesaurus } from '../unit/support/documentChecks';

const CHROMIUM = process.env.CHROMIUM_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((path) => existsSync(path));
const SCRIPT = join(REPO_ROOT, 'dist', 'timelineView.js');
const SCREENSHOTS = join(REPO_ROOT, '.cache', 'screenshots');
const THEMES = {
  light: '--vscode-foreground: #1f1f1f; --vscode-editor-background: #ffffff; --vscode-charts-blue: #1a73e8;',
  dark: '--vscode-foreground: #cccccc; --vscode-editor-background: #1e1e1e; --vscode-charts-blue: #3794ff;',
};

function exampleTimelines(): Record<'item' | 'draft', TimelineResult> {
  const index = new PrecedentIndex(createAnalyser(seedThesaurus()));
  for (const name of SEED_NAMES) index.addDocument(parseDocument(readSeed(name), SEEDS_DIR + name));
  const draft = parseDocument(readFileSync(join(REPO_ROOT, 'examples', 'draft-afml17.rec.md'), 'utf8'), 'draft');
  const retention = draft.items.find((item) => item.text.startsWith('Encourage job retention'))!;
  const asResult = (chart: ReturnType<typeof timeline>): TimelineResult => ({ ...chart, marks: chart.marks.map(({ documentId, ...mark }) => ({ ...mark, uri: pathToFileURL(documentId).href })) });
  return { item: asResult(timeline(draft, [retention], index, 0.3, 'item')), draft: asResult(timeline(draft, draft.items, index, 0.3, 'draft')) };
}

describe('timeline webview (headless Chromium, the extension\'s page and content security policy)', function () {
  this.timeout(60_000);
  let browser: Browser;
  let scratch: string;
  const timelines = exampleTimelines();

  before(async function () {
    if (!CHROMIUM) this.skip();
    assert.ok(existsSync(SCRIPT), `${SCRIPT} is missing: run npm run build first`);
    scratch = mkdtempSync(join(tmpdir(), 'precedent-webview-'));
    mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--allow-file-access-from-files'] });
  });

  after(async () => {
    await browser?.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  for (const theme of ['light', 'dark'] as const) {
    for (const scope of ['item', 'draft'] as const) {
      it(`${scope} timeline, ${theme} theme: ${scope === 'item' ? 2 : 22} marks, nothing refused, a click asks to open the precedent`, async () => {
        const file = join(scratch, `timeline-${scope}-${theme}.html`);
        const page = timelinePage({ cspSource: "'self'", script: pathToFileURL(SCRIPT).href, nonce: 'test-nonce' }).replace('<body>', `<body class="vscode-${theme}" style="${THEMES[theme]}">`);
        writeFileSync(file, page);
        const tab = await browser.newPage({ viewport: { width: 900, height: scope === 'item' ? 420 : 760 } });
        const errors: string[] = [];
        tab.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
        tab.on('pageerror', (error) => errors.push(error.message));
        // VS Code's webview API, stubbed before the page's own script runs (outside the page's policy). Strings, not
        // functions: the test's compiled functions would carry helpers the page lacks.
        await tab.addInitScript({ content: 'window.messages = []; window.acquireVsCodeApi = () => ({ postMessage: (message) => window.messages.push(message) });' });
        await tab.goto(pathToFileURL(file).href);
        await tab.waitForFunction('window.messages.some((message) => message.type === "ready")');
        await tab.evaluate(`window.postMessage({ type: 'timeline', timeline: ${JSON.stringify(timelines[scope])} }, '*')`);
        const drawing = await (await tab.waitForFunction('window.messages.find((message) => message.type === "drawn")')).jsonValue();
        assert.deepEqual(drawing, { type: 'drawn', scope, marks: scope === 'item' ? 2 : 22, refused: [] });
        assert.deepEqual(errors, []);
        // The marks' colour follows the theme on one item's chart.
        if (scope === 'item') assert.equal(await tab.locator('.mark-symbol.role-mark path').first().getAttribute('fill'), theme === 'dark' ? '#3794ff' : '#1a73e8');
        await tab.locator('#marks button').first().click();
        const opened = (await tab.evaluate('window.messages.find((message) => message.type === "open")')) as { uri?: string } | undefined;
        assert.equal(opened?.uri, timelines[scope].marks[0]!.uri, 'the first occasion listed opens its precedent');
        const screenshot = join(SCREENSHOTS, `timeline-${scope}-${theme}.png`);
        await tab.screenshot({ path: screenshot, fullPage: true });
        process.stdout.write(`      screenshot: ${screenshot}\n`);
        await tab.close();
      });
    }
  }
});
