// The shared library in the real VS Code (code-server in headless Chromium, the packaged .vsix), against a real
// PostgreSQL cluster started for this run (test/support/postgresCluster.ts): a rapporteur sets
// `precedent.library.url` (no password in it) and the password with "Precedent: Set Shared Library Password…"; a
// hover on a draft's item shows a precedent that only the library has; the database stops, and the status bar says
// "library offline since HH:MM" while the hover still answers from the local replica; the database comes back and
// the status bar returns to normal. A library left at an earlier schema version is named as such in the status bar
// until a librarian's `library init`. The password never appears in a log or a settings file.
// Screenshots go to .cache/screenshots/library-*.png.
//
//   node --import tsx test/vscode/uiLibrary.mjs [--vsix out/precedent-0.1.0.vsix]   (after `npm run build`; exit 77:
//   skipped, no PostgreSQL)
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { installExtension, ROOT, startCodeServer } from '../../scripts/code-server.mjs';
import { packageVsix } from '../../scripts/package.mjs';
import { findPostgres, PostgresCluster, SUPERUSER_PASSWORD } from '../support/postgresCluster.ts';
import { hoverOver, launchChromium, runCommand, until as poll } from './browser.mjs';

const SCREENSHOTS = join(ROOT, '.cache', 'screenshots');
const DRAFT = 'draft-library.rec.md';
const READER_PASSWORD = 'rapporteur-ui-secret-4471';
const ITEM = 'Establish a regional registry of seafarers rescued at sea';
const LIBRARY_FILE = 'seafarers-registry-2025.txt';
const step = (text) => process.stdout.write(`[library] ${text}\n`);
// A database going down and coming back takes longer than the editor's own steps: 30 s by default.
const until = (what, probe, timeout = 30_000) => poll(what, probe, timeout, 200);

/** The librarian's command line: dist/cli.js with the superuser's password in PGPASSWORD only. */
function librarian(args, cwd, db) {
  const result = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), ...args, '--db', db], { cwd, encoding: 'utf8', env: { ...process.env, PGUSER: 'postgres', PGPASSWORD: SUPERUSER_PASSWORD, PRECEDENT_DATABASE_URL: '' } });
  assert.equal(result.status, 0, `precedent ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

/** The text of Precedent's status bar item (icons are glyphs without text). */
async function statusText(page) {
  const items = await page.locator('.statusbar-item').allInnerTexts();
  return items.find((text) => text.includes('Precedent:'))?.replace(/\s+/g, ' ').trim() ?? '';
}

/** Every log and settings file under `dir` (recursively). */
function textFiles(dir) {
  const files = [];
  for (const name of readdirSync(dir, { recursive: true })) {
    const path = join(dir, String(name));
    if (/\.(log|json)$/.test(path) && statSync(path).isFile()) files.push(path);
  }
  return files;
}

export async function runUiLibrary({ vsix } = {}) {
  if (findPostgres() === null) {
    // As for the database tests: skipped on a machine without PostgreSQL, never in CI.
    if (process.env.CI && process.env.CI !== 'false') throw new Error('PostgreSQL binaries not found (apt-get install postgresql)');
    step('skipped: PostgreSQL binaries not found (apt-get install postgresql)');
    return 77;
  }
  const started = Date.now();
  const elapsed = () => `${Math.round((Date.now() - started) / 100) / 10} s`;
  const packaged = vsix ? resolve(vsix) : (step('packaging the .vsix…'), packageVsix({ quiet: true }));
  const scratch = join(ROOT, '.cache', 'vscode-test', `library-${process.pid}`);
  rmSync(scratch, { recursive: true, force: true });
  const workspace = join(scratch, 'workspace');
  mkdirSync(join(workspace, 'incoming'), { recursive: true });
  mkdirSync(SCREENSHOTS, { recursive: true });
  writeFileSync(join(workspace, DRAFT), `Recommendations of the consultation on seafarers\n\n1. ${ITEM} under the Lantern Convention.\n2. Extend social protection coverage to all migrant workers.\n`);
  // Known only to the secretariat's library, not to the shipped seeds nor the workspace.
  writeFileSync(join(workspace, 'incoming', LIBRARY_FILE), `Recommendations\n\n1. ${ITEM}, as the Lantern Convention asks, and share it among ASEAN Member States.\n`);
  const shot = async (page, name) => {
    const path = join(SCREENSHOTS, `library-${name}.png`);
    await page.screenshot({ path });
    return path;
  };

  const cluster = await PostgresCluster.start();
  let db;
  let server;
  let browser;
  let passed = false;
  try {
    await cluster.query('postgres', 'CREATE DATABASE library');
    db = `postgres://127.0.0.1:${cluster.port}/library`;
    librarian(['library', 'init'], workspace, db);
    await cluster.query('postgres', `CREATE ROLE rapporteur LOGIN PASSWORD '${READER_PASSWORD}' IN ROLE precedent_reader`);
    librarian(['library', 'add', join('incoming', LIBRARY_FILE), '--country', 'Philippines', '--forum', '16th ASEAN Forum on Migrant Labour', '--date', '2023-10-26'], workspace, db);
    rmSync(join(workspace, 'incoming'), { recursive: true, force: true });
    step(`PostgreSQL on 127.0.0.1:${cluster.port}, library with ${LIBRARY_FILE} (${elapsed()})`);

    const profile = join(scratch, 'profile');
    await installExtension(packaged, { scratch: profile });
    // The setting without a password (the password goes to SecretStorage through the command). It is a machine
    // setting: in code-server, whose window is remote, the remote machine's settings hold it.
    const libraryUrl = `postgres://rapporteur@127.0.0.1:${cluster.port}/library`;
    mkdirSync(join(profile, 'user-data', 'Machine'), { recursive: true });
    writeFileSync(join(profile, 'user-data', 'Machine', 'settings.json'), `${JSON.stringify({ 'precedent.library.url': libraryUrl }, null, 2)}\n`);
    server = await startCodeServer({ workspace, scratch: profile });
    browser = await launchChromium({ scratch });
    const page = await browser.newPage({ viewport: { width: 1400, height: 820 } });
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`);
    await page.locator('.explorer-folders-view').waitFor({ timeout: 60_000 });
    await page.locator('.monaco-workbench').click({ position: { x: 700, y: 400 } }).catch(() => undefined);

    await page.keyboard.press('Control+P');
    const quickInput = page.locator('.quick-input-widget input');
    await quickInput.fill(DRAFT);
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: DRAFT }).first().waitFor({ timeout: 20_000 });
    await page.keyboard.press('Enter');
    await page.locator('.editor-instance .view-line', { hasText: ITEM }).first().waitFor({ timeout: 20_000 });
    // Without a password the rapporteur's connection is refused: offline, answering from the (empty) replica.
    const refused = await until('the library offline without a password', async () => ((await statusText(page)).includes('library offline since') ? statusText(page) : ''));
    step(`without a password: "${refused}" (${elapsed()})`);

    // The password, typed into the command's masked input box.
    await runCommand(page, 'Precedent: Set Shared Library Password…');
    const input = page.locator('.quick-input-widget input[type="password"]');
    await input.waitFor({ timeout: 10_000 });
    await input.fill(READER_PASSWORD);
    await shot(page, 'password');
    await page.keyboard.press('Enter');
    await input.waitFor({ state: 'hidden', timeout: 10_000 });
    const online = await until('the library online', async () => {
      const text = await statusText(page);
      return /Precedent: \d+ docs/.test(text) && !text.includes('library offline') && !text.includes('indexing') ? text : '';
    });
    step(`password set: "${online}" (${elapsed()})`);

    // A hover on the draft's item shows the library's precedent.
    let hover = await hoverOver(page, ITEM, 'share it among ASEAN Member States');
    await until('the library precedent in the hover', () => hover.isVisible(), 20_000);
    const onlineHover = await hover.innerText();
    assert.match(onlineHover, /Philippines/);
    assert.match(onlineHover, /share it among ASEAN Member States/);
    await page.waitForTimeout(300);
    await shot(page, 'hover');
    step(`hover: ${onlineHover.split('\n').filter(Boolean).slice(0, 4).join(' | ').slice(0, 240)} (${elapsed()})`);

    // The database stops: offline since now, the hover answered from the local replica.
    cluster.stopServer();
    const stoppedAt = new Date();
    const offline = await until('the status bar saying the library is offline', async () => {
      const text = await statusText(page);
      return /library offline since \d\d:\d\d/.test(text) ? text : '';
    });
    const [hours, minutes] = /since (\d\d):(\d\d)/.exec(offline).slice(1).map(Number);
    const shown = new Date(stoppedAt);
    shown.setHours(hours, minutes);
    assert.ok(Math.abs(shown.getTime() - stoppedAt.getTime()) < 120_000, `the time shown (${hours}:${minutes}) is when the database stopped (${stoppedAt.toTimeString()})`);
    await page.mouse.move(5, 5);
    await page.waitForTimeout(300);
    await shot(page, 'offline');
    hover = await hoverOver(page, ITEM, 'share it among ASEAN Member States');
    await until('the library precedent in the hover while offline', () => hover.isVisible(), 20_000);
    assert.match(await hover.innerText(), /share it among ASEAN Member States/);
    await page.waitForTimeout(300);
    await shot(page, 'offline-hover');
    step(`database stopped: "${offline}"; the hover still shows the library's precedent (${elapsed()})`);

    // The tooltip says where, since when, and that the replica answers.
    await page.mouse.move(5, 5);
    const item = page.locator('.statusbar-item', { hasText: 'library offline' }).first();
    await item.hover();
    const tooltip = page.locator('.monaco-hover:visible, .workbench-hover:visible').filter({ hasText: 'Shared library' }).first();
    await tooltip.waitFor({ state: 'visible', timeout: 10_000 }).catch(() => undefined);
    if (await tooltip.isVisible()) {
      const tip = (await tooltip.innerText()).replace(/\u00a0/g, ' ');
      assert.match(tip, /offline since \d\d:\d\d, answering from the local replica/);
      assert.ok(tip.includes(libraryUrl), tip);
      // The URL and the driver's message are text: `rapporteur@127.0.0.1` is no e-mail link.
      assert.equal(await tooltip.locator('a').count(), 0, 'no link in the tooltip');
      await shot(page, 'offline-tooltip');
    } else {
      step('(the status bar tooltip did not show in time: not checked)');
    }

    // The database restarts: the status returns to normal by itself (reconnection with backoff).
    await page.mouse.move(5, 5);
    cluster.startServer();
    const restarted = Date.now();
    const back = await until('the status bar back to normal', async () => {
      const text = await statusText(page);
      return /Precedent: \d+ docs/.test(text) && !text.includes('library offline') ? text : '';
    }, 90_000);
    await page.waitForTimeout(300);
    await shot(page, 'online-again');
    step(`database back: "${back}" ${Math.round((Date.now() - restarted) / 100) / 10} s after its restart (${elapsed()})`);

    // The library as an earlier Precedent left it (schema version 1), met when the server reconnects: the status
    // bar names both versions instead of "offline"; a librarian's `library init` brings it back by itself.
    await cluster.withClient('library', async (client) => {
      await client.query('DROP INDEX IF EXISTS precedent.documents_country, precedent.documents_year, precedent.documents_date, precedent.documents_forum');
      await client.query('DELETE FROM precedent.migrations WHERE version > 1');
      await client.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'precedent-server'`);
    });
    const mismatch = await until('the status bar naming the schema versions', async () => {
      const text = await statusText(page);
      return /library schema 1, needs \d+/.test(text) ? text : '';
    });
    await page.locator('.statusbar-item', { hasText: 'library schema' }).first().hover();
    const schemaTip = page.locator('.monaco-hover:visible, .workbench-hover:visible').filter({ hasText: 'Shared library' }).first();
    await schemaTip.waitFor({ state: 'visible', timeout: 10_000 }).catch(() => undefined);
    if (await schemaTip.isVisible()) {
      assert.match((await schemaTip.innerText()).replace(/\u00a0/g, ' '), /library schema is version 1; this Precedent needs \d+: run `precedent library init` \(librarian\)/);
    } else {
      step('(the status bar tooltip did not show in time: not checked)');
    }
    await page.waitForTimeout(300);
    await shot(page, 'schema');
    await page.mouse.move(5, 5);
    librarian(['library', 'init'], workspace, db);
    const migrated = await until('the status bar back to normal after library init', async () => {
      const text = await statusText(page);
      return /Precedent: \d+ docs/.test(text) && !text.includes('library') ? text : '';
    }, 90_000);
    step(`library at schema version 1: "${mismatch}"; after library init: "${migrated}" (${elapsed()})`);

    // No password in any log or settings file of the editor's profile.
    for (const file of textFiles(profile)) assert.ok(!readFileSync(file, 'utf8').includes(READER_PASSWORD), `the password is in ${file}`);
    for (const settings of ['User', 'Machine']) assert.ok(!readFileSync(join(profile, 'user-data', settings, 'settings.json'), 'utf8').includes(READER_PASSWORD));

    step(`screenshots: ${SCREENSHOTS}/library-*.png`);
    step(`library flow passed (${elapsed()})`);
    passed = true;
    return 0;
  } catch (error) {
    await browser?.contexts()[0]?.pages()[0]?.screenshot({ path: join(SCREENSHOTS, 'library-failure.png') }).catch(() => undefined);
    step(`library flow FAILED (${elapsed()}): ${error instanceof Error ? error.stack ?? error.message : String(error)}\n       screenshot: ${join(SCREENSHOTS, 'library-failure.png')}, log: ${server?.logFile}`);
    return 1;
  } finally {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    cluster.destroy();
    if (passed && !process.env.KEEP_SCRATCH) rmSync(scratch, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const at = process.argv.indexOf('--vsix');
  process.exitCode = await runUiLibrary({ vsix: at > 0 ? process.argv[at + 1] : undefined });
}
