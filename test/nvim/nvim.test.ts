// The language server inside a real Neovim: runs test/nvim/lsp_check.lua in a headless `nvim` (Neovim's own
// LSP client, 0.7 and later) and asserts on the JSON it writes, one test per feature, so that a failure names
// the scenario, the check and what Neovim saw. Needs `nvim` on the PATH and the built dist/server.js.
// Without nvim the suite is skipped, except under CI (process.env.CI), where a missing nvim is a failure.

import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..', '..');
const script = join(root, 'test', 'nvim', 'lsp_check.lua');
const server = join(root, 'dist', 'server.js');
const SCRIPT_TIMEOUT_MS = 90_000; // the script's own overall timer
const KILL_AFTER_MS = SCRIPT_TIMEOUT_MS + 20_000; // ours, should the script's fail

interface Check {
  scenario: string;
  name: string;
  ok: boolean;
  detail?: string;
}
interface Result {
  ok: boolean;
  nvim: string;
  checks: Check[];
  scenarios: Record<string, { log?: string[]; diagnostics?: string[] } & Record<string, unknown>>;
  error?: string;
  elapsed_ms: number;
}
interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  result: Result | null;
  ms: number;
}

function nvimVersion(): string | null {
  const probe = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) return null;
  return probe.stdout.split('\n')[0] ?? 'nvim';
}

function runScript(): Promise<Run> {
  const scratch = mkdtempSync(join(tmpdir(), 'precedent-nvim-'));
  const resultFile = join(scratch, 'result.json');
  const started = Date.now();
  return new Promise((resolvePromise) => {
    const child = spawn('nvim', ['--headless', '--clean', '-u', 'NONE', '-c', `luafile ${script.replace(/ /g, '\\ ')}`], {
      cwd: root,
      env: {
        ...process.env,
        PRECEDENT_NVIM_RESULT: resultFile,
        PRECEDENT_NODE: process.execPath,
        PRECEDENT_SERVER: server,
        PRECEDENT_NVIM_TIMEOUT: String(SCRIPT_TIMEOUT_MS),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: KILL_AFTER_MS,
      killSignal: 'SIGKILL',
    });
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('close', (code, signal) => {
      let result: Result | null = null;
      try {
        result = JSON.parse(readFileSync(resultFile, 'utf8')) as Result;
      } catch {
        result = null;
      }
      rmSync(scratch, { recursive: true, force: true });
      resolvePromise({ code, signal, stderr, result, ms: Date.now() - started });
    });
  });
}

describe('Neovim LSP client (headless nvim, test/nvim/lsp_check.lua)', function () {
  this.timeout(KILL_AFTER_MS + 10_000);
  let run: Run;

  before(async function () {
    const version = nvimVersion();
    if (!version) {
      if (process.env.CI) throw new Error('nvim is not installed, and CI is set: CI must install Neovim (apt-get install -y neovim).');
      console.warn('      Skipped: Neovim (nvim) is not installed. Install it (apt-get install -y neovim) to run these tests.');
      this.skip();
    }
    assert.ok(existsSync(server), 'dist/server.js is missing: run `npm run build` (node esbuild.mjs) first');
    run = await runScript();
    if (!run.result) {
      assert.fail(`nvim wrote no result (exit ${run.code}, signal ${run.signal}, ${run.ms} ms). Its output:\n${run.stderr}`);
    }
    console.log(`      ${version}: ${run.result.checks.length} checks in ${run.ms} ms`);
  });

  /** Asserts that at least `count` checks match (none was skipped) and that all of them passed. */
  function expectChecks(filter: (check: Check) => boolean, count: number): void {
    const checks = run.result!.checks.filter(filter);
    const failed = checks.filter((check) => !check.ok);
    assert.ok(
      failed.length === 0,
      `${failed.length} of ${checks.length} checks failed:\n${failed.map((check) => `  [${check.scenario}] ${check.name}: ${check.detail ?? ''}`).join('\n')}` +
        (run.result!.error ? `\nScript error: ${run.result!.error}` : ''),
    );
    assert.ok(
      checks.length >= count,
      `expected ${count} checks, ran ${checks.length} (the script stopped early?): ${checks.map((check) => `[${check.scenario}] ${check.name}`).join('; ')}` +
        (run.result!.error ? `\nScript error: ${run.result!.error}` : ''),
    );
  }
  const named = (pattern: RegExp, scenario?: string) => (check: Check) => pattern.test(check.name) && (scenario === undefined || check.scenario === scenario);

  it('starts the server from a FileType autocmd on *.rec.md (vim.lsp.start_client), which indexes and initializes', () => {
    expectChecks(named(/filetype recommendation|start_client started|server initialized|diagnostics after indexing/), 20);
  });

  it('shows numbering-gap and duplicate-item warnings (source "precedent") on the right lines', () => {
    expectChecks(named(/^numbering-gap on|^duplicate-item warnings/), 10);
  });

  it('reports precedent-reuse by default', () => {
    expectChecks(named(/^precedent-reuse/, 'defaults'), 1);
  });

  it('hover over a reused item names the seed precedent (Viet Nam, 13th AFML)', () => {
    expectChecks(named(/^hover/, 'defaults'), 2);
  });

  it('go to definition lands in seeds/viet-nam-afml13-2020.txt at the precedent item', () => {
    expectChecks(named(/definition/, 'defaults'), 2);
  });

  it('completion offers the next label on a new line, and the precedent wording (with its source) while typing', () => {
    expectChecks(named(/completion/, 'defaults'), 4);
  });

  it('diagnostics follow edits made in the buffer', () => {
    expectChecks(named(/follow the edits/, 'defaults'), 1);
  });

  it('applies settings from init_options = { settings = { precedent = {...} } }', () => {
    expectChecks((check) => check.scenario === 'init_options' && /precedentReuse|severity/.test(check.name), 2);
  });

  it('applies settings = { precedent = {...} } answered to workspace/configuration', () => {
    expectChecks((check) => check.scenario === 'settings+workspace/configuration' && /precedentReuse|severity|workspace\/configuration/.test(check.name), 3);
  });

  it('applies settings = { precedent = {...} } pushed with workspace/didChangeConfiguration from on_init', () => {
    expectChecks((check) => check.scenario === 'settings+didChangeConfiguration' && /precedentReuse|severity/.test(check.name), 2);
  });

  it("runs the README's Neovim 0.7 snippet as written: its settings and its corpus.paths take effect", () => {
    expectChecks((check) => check.scenario === 'README', 12);
  });

  it('never asks Neovim 0.7 for a dynamic registration it cannot do', () => {
    expectChecks(named(/registerCapability/), 5);
  });

  it('the server exits cleanly when Neovim stops the client', () => {
    expectChecks(named(/exits on shutdown/), 5);
  });

  it('every check passed and nvim exited 0', () => {
    expectChecks(() => true, 60);
    assert.equal(run.result!.ok, true, run.result!.error ?? 'the result is not ok');
    assert.equal(run.code, 0, `nvim exited ${run.code} (signal ${run.signal}). Its output:\n${run.stderr}`);
  });
});
