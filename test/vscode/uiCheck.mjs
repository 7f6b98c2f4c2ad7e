// The UI check: the packaged .vsix installed into code-server (`--install-extension`), its web workbench in
// headless Chromium, driven like a user: open the example draft (Ctrl+P), read the Problems panel (Ctrl+Shift+M),
// hover over an item and read the hover. Screenshots go to .cache/screenshots/ (git-ignored).
//
//   node test/vscode/uiCheck.mjs [--vsix out/precedent-0.1.0.vsix]     (packages first when no --vsix is given)
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { installExtension, ROOT, startCodeServer } from '../../scripts/code-server.mjs';
import { packageVsix } from '../../scripts/package.mjs';
import { hoverOver, launchChromium } from './browser.mjs';

export const SCREENSHOTS = join(ROOT, '.cache', 'screenshots');
const DRAFT = 'draft-afml17.rec.md';
// What the Problems panel must list for the example draft (its deliberate slips), and what the hover must name.
const EXPECTED_PROBLEMS = [/Numbering skips .*3\./, /Near-duplicate item/, /Duplicate item: the same text as item 6/];
const HOVER_LINE = 'Enhance the role of labor management board';
const EXPECTED_HOVER = [/Viet Nam/, /13th AFML/];

const step = (text) => process.stdout.write(`[ui] ${text}\n`);

export async function runUiCheck({ vsix } = {}) {
  const started = Date.now();
  const elapsed = () => `${Math.round((Date.now() - started) / 100) / 10} s`;
  const packaged = vsix ? resolve(vsix) : (step('packaging the .vsix (npm run package)…'), packageVsix({ quiet: true }));
  const scratch = join(ROOT, '.cache', 'vscode-test', `ui-${process.pid}`);
  rmSync(scratch, { recursive: true, force: true });
  const workspace = join(scratch, 'workspace');
  mkdirSync(workspace, { recursive: true });
  cpSync(join(ROOT, 'examples'), join(workspace, 'examples'), { recursive: true });
  mkdirSync(SCREENSHOTS, { recursive: true });

  step(`installing ${packaged} into code-server…`);
  await installExtension(packaged, { scratch: join(scratch, 'profile') });
  const server = await startCodeServer({ workspace, scratch: join(scratch, 'profile') });
  let browser;
  let passed = false;
  try {
    browser = await launchChromium({ scratch });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    step(`workbench ${server.url} (${elapsed()})`);
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await page.locator('.explorer-folders-view').waitFor({ timeout: 60_000 });
    await page.locator('.monaco-workbench').click({ position: { x: 700, y: 450 } }).catch(() => undefined);

    // Ctrl+P: quick open the example draft.
    await page.keyboard.press('Control+P');
    const quickInput = page.locator('.quick-input-widget input');
    await quickInput.waitFor({ timeout: 20_000 });
    await quickInput.fill(DRAFT);
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: DRAFT }).first().waitFor({ timeout: 20_000 });
    await page.keyboard.press('Enter');
    const line = page.locator('.monaco-editor .view-line', { hasText: HOVER_LINE }).first();
    await line.waitFor({ timeout: 20_000 });
    step(`opened ${DRAFT} (${elapsed()})`);

    // Ctrl+Shift+M: the Problems panel, once the language server has published the draft's diagnostics.
    await page.keyboard.press('Control+Shift+M');
    const markers = page.locator('.markers-panel');
    await markers.waitFor({ timeout: 20_000 });
    let problems = '';
    const deadline = Date.now() + 60_000;
    while (!EXPECTED_PROBLEMS.every((pattern) => pattern.test(problems))) {
      if (Date.now() > deadline) break;
      await page.waitForTimeout(300);
      problems = (await markers.locator('.monaco-list-row').allInnerTexts()).join('\n');
    }
    await page.screenshot({ path: join(SCREENSHOTS, 'problems.png') });
    for (const pattern of EXPECTED_PROBLEMS) assert.match(problems, pattern, `the Problems panel lists ${pattern}`);
    const rows = problems.split('\n').filter((row) => /Numbering|[Dd]uplicate item/.test(row));
    step(`Problems panel (${elapsed()}):\n${rows.map((row) => `       ${row}`).join('\n')}`);

    // Hover over the item that reuses the Viet Nam 2020 wording.
    const hover = await hoverOver(page, HOVER_LINE, 'Viet Nam', { attempts: 5, from: 60 });
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(SCREENSHOTS, 'hover.png') });
    const hoverText = await hover.innerText();
    for (const pattern of EXPECTED_HOVER) assert.match(hoverText, pattern, `the hover names ${pattern}`);
    step(`hover (${elapsed()}): ${hoverText.split('\n').filter(Boolean).slice(0, 4).join(' | ').slice(0, 300)}`);
    step(`screenshots: ${join(SCREENSHOTS, 'problems.png')}, ${join(SCREENSHOTS, 'hover.png')}`);
    step(`UI check passed (${elapsed()})`);
    passed = true;
    return 0;
  } catch (error) {
    await browser?.contexts()[0]?.pages()[0]?.screenshot({ path: join(SCREENSHOTS, 'failure.png') }).catch(() => undefined);
    step(`UI check FAILED (${elapsed()}): ${error instanceof Error ? error.message : String(error)}\n     screenshot: ${join(SCREENSHOTS, 'failure.png')}, log: ${server.logFile}, ${scratch}`);
    return 1;
  } finally {
    await browser?.close().catch(() => undefined);
    await server.stop();
    if (passed) rmSync(scratch, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const at = process.argv.indexOf('--vsix');
  process.exitCode = await runUiCheck({ vsix: at > 0 ? process.argv[at + 1] : undefined });
}
