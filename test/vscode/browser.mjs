// Headless Chromium (Debian's /usr/bin/chromium) driven by playwright-core, for the VS Code workbench of code-server.
// Playwright's own browser downloads are never used: CHROMIUM_PATH or /usr/bin/chromium. Its profile, crash reports
// and caches go to `scratch` (HOME and XDG_* pointed there), never to the home directory.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((path) => existsSync(path));

export async function launchChromium({ scratch }) {
  if (!CHROMIUM_PATH) throw new Error('no Chromium found: install it (Debian: apt-get install chromium) or set CHROMIUM_PATH.');
  const dirs = { HOME: 'home', XDG_CONFIG_HOME: 'config', XDG_CACHE_HOME: 'cache', XDG_DATA_HOME: 'data', TMPDIR: 'tmp' };
  const env = { ...process.env };
  for (const [name, folder] of Object.entries(dirs)) {
    env[name] = join(scratch, 'chromium', folder);
    mkdirSync(env[name], { recursive: true });
  }
  // Chromium's singleton socket lives in TMPDIR, and a socket's path must fit in 108 bytes: a clone under a long
  // path gets a short temporary folder instead (removed when the browser closes).
  let shortTmp = null;
  if (env.TMPDIR.length > 60) {
    shortTmp = mkdtempSync(join(tmpdir(), 'precedent-chromium-'));
    env.TMPDIR = shortTmp;
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    env,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-breakpad', '--disable-crash-reporter'],
  });
  if (shortTmp !== null) browser.on('disconnected', () => rmSync(shortTmp, { recursive: true, force: true }));
  return browser;
}

/** Polls `probe` until it gives a truthy value (returned), or throws naming `what` after `timeout` ms. */
export async function until(what, probe, timeout = 20_000, interval = 150) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((wake) => setTimeout(wake, interval));
  }
}

/**
 * Moves the mouse over the visible editor line holding `lineText` until a hover holding `hoverText` shows, and
 * returns that hover's locator (the caller asserts on it). The line's box is read again at every attempt: the
 * editor re-renders its lines as decorations and inlay hints arrive, and a line found a moment ago may be gone.
 */
export async function hoverOver(page, lineText, hoverText, { attempts = 8, from = 40, step = 15 } = {}) {
  await page.mouse.move(5, 5);
  await page.waitForTimeout(300);
  const line = page.locator('.monaco-editor .view-line:visible', { hasText: lineText }).first();
  await line.waitFor({ timeout: 20_000 });
  const hover = page.locator('.monaco-hover:visible').filter({ hasText: hoverText });
  for (let attempt = 0; attempt < attempts && !(await hover.isVisible()); attempt++) {
    const box = await line.boundingBox().catch(() => null);
    if (box === null) {
      await page.waitForTimeout(300);
      continue;
    }
    await page.mouse.move(box.x + from + attempt * step, box.y + box.height / 2);
    await hover.waitFor({ state: 'visible', timeout: 3000 }).catch(() => undefined);
  }
  return hover;
}

/** Runs a command of the workbench by its title, through the command palette (as a user does). */
export async function runCommand(page, title) {
  await page.keyboard.press('Control+Shift+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 10_000 });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 10_000 });
  await page.keyboard.press('Enter');
}
