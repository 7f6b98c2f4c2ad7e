// The README's Neovim snippet for the shared library, in a real headless Neovim against a real PostgreSQL cluster
// started for this file (test/nvim/library_check.lua does the Neovim side): the server started by the snippet
// follows the library with its URL from init_options and its password from the file PGPASSFILE names (nothing
// else in its environment gives one), and a hover over a draft's item shows a precedent only the library has.

import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describeWithPostgres, PostgresCluster, SUPERUSER_PASSWORD } from '../support/postgresCluster';

const root = resolve(__dirname, '..', '..');
const script = join(root, 'test', 'nvim', 'library_check.lua');
const cli = join(root, 'dist', 'cli.js');
const READER_PASSWORD = 'rapporteur-nvim-secret-2209';
const ITEM = 'Establish a regional registry of seafarers rescued at sea';
const LIBRARY_ONLY = 'and share it among ASEAN Member States';
const TIMEOUT_MS = 60_000;

interface Result {
  ok: boolean;
  nvim: string;
  checks: { name: string; ok: boolean; detail?: string }[];
  log: string[];
  hover?: string;
  error?: string;
}

function hasNvim(): boolean {
  const probe = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
  return !probe.error && probe.status === 0;
}

describeWithPostgres('Neovim follows the shared library (README snippet, PostgreSQL)', function () {
  this.timeout(TIMEOUT_MS + 30_000);
  let cluster: PostgresCluster;
  let scratch: string;
  let result: Result | null = null;
  let output = '';

  before(async function () {
    if (!hasNvim()) {
      if (process.env.CI) throw new Error('nvim is not installed, and CI is set: CI must install Neovim (apt-get install -y neovim).');
      console.warn('      Skipped: Neovim (nvim) is not installed.');
      this.skip();
    }
    scratch = mkdtempSync(join(tmpdir(), 'precedent-nvim-library-'));
    cluster = await PostgresCluster.start();
    await cluster.query('postgres', 'CREATE DATABASE library');
    const librarian = (args: string[]) => {
      const run = spawnSync(process.execPath, [cli, ...args, '--db', `postgres://127.0.0.1:${cluster.port}/library`], { cwd: scratch, encoding: 'utf8', env: { ...process.env, PGUSER: 'postgres', PGPASSWORD: SUPERUSER_PASSWORD, PRECEDENT_DATABASE_URL: '' } });
      assert.equal(run.status, 0, run.stderr);
    };
    librarian(['library', 'init']);
    await cluster.query('library', `CREATE ROLE rapporteur LOGIN PASSWORD '${READER_PASSWORD}' IN ROLE precedent_reader`);
    writeFileSync(join(scratch, 'seafarers-registry-2025.txt'), `Recommendations\n\n1. ${ITEM}, as the Lantern Convention asks, ${LIBRARY_ONLY}.\n`);
    librarian(['library', 'add', 'seafarers-registry-2025.txt', '--country', 'Philippines', '--date', '2023-10-26']);

    const workspace = join(scratch, 'workspace');
    mkdirSync(workspace);
    writeFileSync(join(workspace, 'draft.rec.md'), `Recommendations\n\n1. ${ITEM} under the Lantern Convention.\n`);
    // libpq's password file: read only when no one but its owner may read it.
    const passfile = join(scratch, 'pgpass');
    writeFileSync(passfile, `127.0.0.1:${cluster.port}:library:rapporteur:${READER_PASSWORD}\n`, { mode: 0o600 });

    const resultFile = join(scratch, 'result.json');
    const env: NodeJS.ProcessEnv = {};
    // No password or PG* setting from the outer environment: the password file alone gives it.
    for (const [name, value] of Object.entries(process.env)) if (!/^PG|^PRECEDENT_/.test(name)) env[name] = value;
    Object.assign(env, {
      HOME: scratch,
      XDG_CACHE_HOME: join(scratch, 'cache'),
      PRECEDENT_NVIM_RESULT: resultFile,
      PRECEDENT_NODE: process.execPath,
      PRECEDENT_SERVER: join(root, 'dist', 'server.js'),
      PRECEDENT_WORKSPACE: workspace,
      PRECEDENT_LIBRARY_URL: `postgres://rapporteur@127.0.0.1:${cluster.port}/library`,
      PRECEDENT_PGPASSFILE: passfile,
      PRECEDENT_EXPECT: LIBRARY_ONLY,
      PRECEDENT_NVIM_TIMEOUT: String(TIMEOUT_MS),
    });
    await new Promise<void>((done) => {
      const child = spawn('nvim', ['--headless', '--clean', '-u', 'NONE', '-c', `luafile ${script.replace(/ /g, '\\ ')}`], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], timeout: TIMEOUT_MS + 20_000, killSignal: 'SIGKILL' });
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
      child.on('close', () => done());
    });
    try {
      result = JSON.parse(readFileSync(resultFile, 'utf8')) as Result;
    } catch {
      result = null;
    }
  });

  after(() => {
    cluster?.destroy();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('runs the snippet as written; the server comes online with the password from PGPASSFILE', () => {
    assert.ok(result, `nvim wrote no result:\n${output}`);
    const failed = result.checks.filter((check) => !check.ok);
    assert.deepEqual(failed, [], `${output}\n${result.error ?? ''}`);
    assert.ok(result.log.some((line) => /^Library postgres:\/\/rapporteur@127\.0\.0\.1:\d+\/library: online/.test(line)), result.log.join('\n'));
  });

  it("shows the library's precedent in the hover over the draft's item", () => {
    assert.ok(result, `nvim wrote no result:\n${output}`);
    assert.ok(result.checks.some((check) => /hover/.test(check.name) && check.ok), output);
    assert.match(result.hover ?? '', /Philippines/);
  });

  it('never writes the password to the log Neovim receives', () => {
    assert.ok(result, `nvim wrote no result:\n${output}`);
    assert.ok(!result.log.join('\n').includes(READER_PASSWORD));
    assert.ok(!output.includes(READER_PASSWORD));
  });
});
