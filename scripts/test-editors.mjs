// `npm run test:editors`: the language server driven by real editors.
//   1. Neovim's built-in LSP client, headless (test/nvim/, mocha)
//   2. the extension inside VS Code: the mocha suite in the extension host (code-server + headless Chromium)
//   3. the UI check: the packaged .vsix in the browser workbench (Problems panel, hover, screenshots)
//   4. the drafting flow in the browser workbench (test/vscode/uiFlow.mjs: first findings, Enter, precedents, report)
//   5. the shared library in the browser workbench (test/vscode/uiLibrary.mjs: a PostgreSQL started on loopback)
// VS Code in the browser (code-server) is installed on first use into .cache/editors/ (2 to 4 minutes on 2 cores).
// Needs Debian's neovim, chromium, libkrb5-dev and postgresql (.ci/run installs them). Every step runs; the exit code
// is 1 if any failed. Without test/nvim/ step 1 is skipped, except in CI (CI=true), where it fails.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ensureCodeServer, ROOT } from './code-server.mjs';
import { runExtensionTests } from '../test/vscode/runCodeServer.mjs';
import { runUiCheck } from '../test/vscode/uiCheck.mjs';
import { runUiFlow } from '../test/vscode/uiFlow.mjs';
import { packageVsix } from './package.mjs';

const inCi = Boolean(process.env.CI) && process.env.CI !== 'false';
const results = [];

async function step(name, run) {
  process.stdout.write(`\n== ${name}\n`);
  const started = Date.now();
  let outcome;
  try {
    outcome = await run();
  } catch (error) {
    process.stdout.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    outcome = 'failed';
  }
  const seconds = (Date.now() - started) / 1000;
  const status = outcome === 0 || outcome === 'passed' ? 'passed' : outcome === 'skipped' ? 'skipped' : 'FAILED';
  results.push({ name, status, seconds });
  process.stdout.write(`== ${name}: ${status} (${seconds.toFixed(1)} s)\n`);
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit' });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function hasTests(folder) {
  if (!existsSync(folder)) return false;
  return readdirSync(folder, { recursive: true }).some((name) => String(name).endsWith('.test.ts'));
}

const mocha = join(ROOT, 'node_modules', 'mocha', 'bin', 'mocha.js');

await step('build (dist/, development)', () => run(process.execPath, ['esbuild.mjs']));

await step('Neovim: built-in LSP client, headless (test/nvim)', () => {
  if (!hasTests(join(ROOT, 'test', 'nvim'))) {
    if (inCi) throw new Error('test/nvim/**/*.test.ts is missing (required in CI).');
    process.stdout.write('test/nvim/ has no tests yet: skipped (outside CI).\n');
    return 'skipped';
  }
  return run(process.execPath, [mocha, 'test/nvim/**/*.test.ts']);
});

await step('Timeline webview: its page and script in headless Chromium (test/webview)', () => run(process.execPath, [mocha, 'test/webview/**/*.test.ts']));

await step('VS Code: code-server (installed on first use into .cache/editors/)', async () => {
  await ensureCodeServer();
  return 0;
});

await step('VS Code: extension tests in the extension host (code-server, headless Chromium)', () => runExtensionTests());

let vsix;
await step('VS Code: npm run package (.vsix)', () => {
  vsix = packageVsix({ quiet: true });
  process.stdout.write(`${vsix}\n`);
  return 0;
});

await step('VS Code: UI check with the .vsix installed (Problems panel, hover, screenshots)', () => {
  if (!vsix) throw new Error('no .vsix (packaging failed).');
  return runUiCheck({ vsix });
});

await step('VS Code: the drafting flow with the .vsix installed (first findings, Enter, inlay hint, read-only precedent, PDF precedent, search, report)', () => {
  if (!vsix) throw new Error('no .vsix (packaging failed).');
  return runUiFlow({ vsix });
});

await step('VS Code: the shared library with the .vsix installed (PostgreSQL on loopback: password command, library hover, offline status, reconnection)', () => {
  if (!vsix) throw new Error('no .vsix (packaging failed).');
  // Its own process: it starts PostgreSQL through the tests' TypeScript helper (tsx). Exit 77: PostgreSQL missing.
  const code = run(process.execPath, ['--import', 'tsx', 'test/vscode/uiLibrary.mjs', '--vsix', vsix]);
  return code === 77 ? 'skipped' : code;
});

process.stdout.write('\n== test:editors summary\n');
for (const { name, status, seconds } of results) process.stdout.write(`${status.padEnd(8)} ${seconds.toFixed(1).padStart(6)} s  ${name}\n`);
process.exitCode = results.some((result) => result.status === 'FAILED') ? 1 : 0;
