// The librarian's commands (`precedent library …`) against a real PostgreSQL cluster started for this file:
// the built dist/cli.js in child processes, as a librarian runs it, with the password in PGPASSWORD only.

import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { describeWithPostgres, PostgresCluster, SUPERUSER_PASSWORD } from '../support/postgresCluster';
import { LOCK_CHANGES } from '../../server/src/node/library/schema';
import { LibraryReplica, type ReplicaStatus } from '../../server/src/node/library/replica';

const root = resolve(__dirname, '..', '..');
const cli = join(root, 'dist', 'cli.js');
const formats = join(root, 'test', 'fixtures', 'formats');

describeWithPostgres('precedent library (PostgreSQL)', function () {
  this.timeout(60000);
  let cluster: PostgresCluster;
  let admin: pg.Client;
  let scratch: string;
  let db: string;

  const env = (user = 'postgres', password = SUPERUSER_PASSWORD) => ({ ...process.env, PGPASSWORD: password, PGUSER: user, PRECEDENT_DATABASE_URL: '' });
  const run = (args: string[], runEnv = env()) => {
    const result = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8', env: runEnv });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  };
  const list = () => JSON.parse(run(['library', 'list', '--format', 'json', '--db', db]).stdout) as Array<{ id: number; fileName: string; country: string | null; forum: string | null; date: string | null; items: number; format: string; addedBy: string }>;

  const inLibrary = (sql: string, values: unknown[] = []) => cluster.query('library', sql, values);

  before(async () => {
    assert.ok(spawnSync(process.execPath, [cli, '--version']).status === 0, 'dist/cli.js is missing: run `npm run build` first');
    cluster = await PostgresCluster.start();
    admin = new pg.Client({ connectionString: cluster.url() });
    await admin.connect();
    await admin.query('CREATE DATABASE library');
    db = `postgres://127.0.0.1:${cluster.port}/library`;
    scratch = mkdtempSync(join(tmpdir(), 'precedent-library-cli-'));
  });
  after(async () => {
    await admin?.end();
    cluster?.destroy();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('init creates the schema and the two roles, and a second init changes nothing', () => {
    const first = run(['library', 'init', '--db', db]);
    assert.equal(first.status, 0, first.stderr);
    assert.match(first.stdout, /schema version 2, applied migrations 1, 2; created roles precedent_reader, precedent_librarian/);
    const second = run(['library', 'init', '--db', db]);
    assert.equal(second.status, 0, second.stderr);
    assert.match(second.stdout, /already up to date\.$/m);
    assert.doesNotMatch(second.stdout, /created roles/);
  });

  it('add reads every corpus format, once per content, with the metadata the files give', () => {
    const added = run(['library', 'add', 'seeds', join(formats, 'lao-pdr-afml13-2020.pdf'), join(formats, 'viet-nam-afml15-2022.docx'), '--db', db]);
    assert.equal(added.status, 0, added.stderr);
    assert.match(added.stdout, /^7 documents added \(\d+ items\)/m);
    const entries = list();
    assert.deepEqual(entries.map((e) => e.fileName).sort(), ['iom-dolab-safe-migration-2024.txt', 'lao-pdr-afml13-2020.pdf', 'lao-pdr-afml13-2020.txt', 'recommendations-recruitment-reintegration.txt', 'viet-nam-afml13-2020.txt', 'viet-nam-afml15-2022.docx', 'viet-nam-afml15-2022.txt']);
    const pdf = entries.find((e) => e.fileName === 'lao-pdr-afml13-2020.pdf')!;
    const text = entries.find((e) => e.fileName === 'lao-pdr-afml13-2020.txt')!;
    assert.equal(pdf.format, 'pdf');
    assert.equal(pdf.items, text.items);
    assert.deepEqual([pdf.country, pdf.date], ['Lao PDR', '2020-10-23']);
    assert.equal(pdf.addedBy, 'postgres');

    const again = run(['library', 'add', 'seeds/lao-pdr-afml13-2020.txt', '--db', db]);
    assert.equal(again.status, 0, again.stderr);
    assert.match(again.stdout, /already in the library: .*lao-pdr-afml13-2020\.txt \(library id \d+/);
    assert.equal(list().length, 7);
  });

  it('add takes --country, --forum and --date over what the file says', () => {
    const added = run(['library', 'add', join(formats, 'iom-dolab-safe-migration-2024.html'), '--country', 'Thailand', '--forum', 'IOM–DOLAB consultation', '--date', '2024-03-01', '--db', db]);
    assert.equal(added.status, 0, added.stderr);
    const html = list().find((e) => e.fileName === 'iom-dolab-safe-migration-2024.html')!;
    assert.deepEqual([html.country, html.forum, html.date, html.format], ['Thailand', 'IOM–DOLAB consultation', '2024-03-01', 'html']);
  });

  it('check and similar use the library as corpus with --db, beside --corpus or alone', () => {
    const similar = run(['similar', 'portability of social protection for migrant workers', '--no-seeds', '--no-cache', '--format', 'json', '--db', db]);
    assert.equal(similar.status, 0, similar.stderr);
    const matches = (JSON.parse(similar.stdout) as Array<{ matches: Array<{ file: string; country: string | null }> }>)[0]!.matches;
    assert.equal(matches.length, 3);
    for (const match of matches) assert.match(match.file, /^library:\d+\//);
    const beside = run(['similar', 'portability of social protection for migrant workers', '--no-seeds', '--no-cache', '--corpus', 'seeds', '--top', '8', '--format', 'json', '--db', db]);
    assert.equal(beside.status, 0, beside.stderr);
    const files = (JSON.parse(beside.stdout) as Array<{ matches: Array<{ file: string }> }>)[0]!.matches.map((m) => m.file);
    assert.ok(files.some((f) => f.startsWith('library:')) && files.some((f) => f.startsWith('seeds/')), files.join(', '));
    const check = run(['check', 'seeds/viet-nam-afml13-2020.txt', '--no-seeds', '--no-cache', '--format', 'json', '--db', db]);
    const reuse = (JSON.parse(check.stdout) as Array<{ code: string; message: string }>).filter((f) => f.code === 'precedent-reuse');
    assert.ok(reuse.length > 0, 'the library\'s Lao PDR and Viet Nam documents are precedents of the draft');
  });

  it('a rapporteur (read-only role) can list but is refused add and remove', async () => {
    await admin.query(`CREATE ROLE rapporteur LOGIN PASSWORD 'rapporteur-secret' IN ROLE precedent_reader`);
    const reader = env('rapporteur', 'rapporteur-secret');
    const listed = run(['library', 'list', '--db', db], reader);
    assert.equal(listed.status, 0, listed.stderr);
    assert.match(listed.stdout, /8 documents/);
    const added = run(['library', 'add', join(formats, 'recommendations-recruitment-reintegration.docx'), '--db', db], reader);
    assert.equal(added.status, 2);
    assert.match(added.stderr, /permission denied .*this role may only read the library/);
    const removed = run(['library', 'remove', '1', '--db', db], reader);
    assert.equal(removed.status, 2);
    assert.match(removed.stderr, /permission denied/);
    assert.equal(list().length, 8);
  });

  it('a librarian (writer role) adds and removes; removal takes the items with it', async () => {
    await admin.query(`CREATE ROLE librarian LOGIN PASSWORD 'librarian-secret' IN ROLE precedent_librarian`);
    const librarian = env('librarian', 'librarian-secret');
    const added = run(['library', 'add', join(formats, 'recommendations-recruitment-reintegration.docx'), '--db', db], librarian);
    assert.equal(added.status, 0, added.stderr);
    const entry = list().find((e) => e.fileName === 'recommendations-recruitment-reintegration.docx')!;
    const items = async () => (await inLibrary('SELECT count(*)::int AS n FROM precedent.items WHERE document_id = $1', [entry.id]))[0].n as number;
    assert.equal(await items(), entry.items);
    assert.ok(entry.items > 0);
    const removed = run(['library', 'remove', String(entry.id), '--db', db], librarian);
    assert.equal(removed.status, 0, removed.stderr);
    assert.match(removed.stdout, /removed recommendations-recruitment-reintegration\.docx/);
    assert.equal(list().length, 8);
    assert.equal(await items(), 0);
    const gone = run(['library', 'remove', String(entry.id), '--db', db], librarian);
    assert.equal(gone.status, 2);
    assert.match(gone.stderr, /not in the library/);
  });

  it('export writes the original files back, byte for byte', () => {
    const dir = join(scratch, 'export');
    const exported = run(['library', 'export', dir, '--db', db]);
    assert.equal(exported.status, 0, exported.stderr);
    assert.equal(readdirSync(dir).length, 8);
    assert.deepEqual(readFileSync(join(dir, 'lao-pdr-afml13-2020.pdf')), readFileSync(join(formats, 'lao-pdr-afml13-2020.pdf')));
    assert.deepEqual(readFileSync(join(dir, 'viet-nam-afml13-2020.txt')), readFileSync(join(root, 'seeds', 'viet-nam-afml13-2020.txt')));
  });

  it('never shows a password: refused on the command line, redacted from connection errors', () => {
    const onCommandLine = run(['library', 'list', '--db', `postgres://postgres:${SUPERUSER_PASSWORD}@127.0.0.1:${cluster.port}/library`]);
    assert.equal(onCommandLine.status, 2);
    assert.match(onCommandLine.stderr, /--db must not contain a password/);
    assert.ok(!onCommandLine.stderr.includes(SUPERUSER_PASSWORD));
    // A wrong password in the environment's URL: the error names the database, never the password.
    const wrong = run(['library', 'list'], { ...env(), PRECEDENT_DATABASE_URL: `postgres://postgres:wrong-secret-42@127.0.0.1:${cluster.port}/library`, PGPASSWORD: '' });
    assert.equal(wrong.status, 2);
    assert.match(wrong.stderr, /cannot connect to postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:\d+\/library: password authentication failed/);
    assert.ok(!wrong.stderr.includes('wrong-secret-42'));
  });

  it('concurrent adds of the same files leave one copy of each', async () => {
    const files = [join(formats, 'recommendations-recruitment-reintegration.pdf'), join(formats, 'viet-nam-afml13-2020.docx')];
    const runs = await Promise.all([0, 1, 2, 3].map(() => runAsync(['library', 'add', ...files, '--db', db], env())));
    for (const result of runs) assert.equal(result.status, 0, result.stderr);
    const entries = list().filter((e) => e.fileName === 'recommendations-recruitment-reintegration.pdf' || e.fileName === 'viet-nam-afml13-2020.docx');
    assert.equal(entries.length, 2);
    const addedTimes = runs.map((r) => (r.stdout.match(/^added /gm) ?? []).length).reduce((a, b) => a + b, 0);
    assert.equal(addedTimes, 2, 'each file is reported added by exactly one of the four runs');
  });

  it('a library add killed in the middle of its transaction leaves nothing of the document', async () => {
    const before = list().length;
    const library = new pg.Client({ connectionString: cluster.url('library') });
    await library.connect();
    try {
      // Hold the lock a writer takes after inserting the document and its items, just before its change.
      await library.query('BEGIN');
      await library.query('SELECT pg_advisory_xact_lock($1)', [LOCK_CHANGES]);
      const child = spawn(process.execPath, [cli, 'library', 'add', join(formats, 'iom-dolab-safe-migration-2024.pdf'), '--db', db], { cwd: root, env: env() });
      const exited = new Promise((done) => child.on('exit', done));
      // Wait until the add's transaction has written its rows and waits for the lock.
      const deadline = Date.now() + 20000;
      for (;;) {
        // Asked on another connection: inside a transaction, pg_stat_activity stays as it was first read.
        const waiting = await admin.query(`SELECT 1 FROM pg_stat_activity WHERE application_name = 'precedent library add' AND wait_event = 'advisory'`);
        if (waiting.rowCount === 1) break;
        assert.ok(Date.now() < deadline, 'library add never reached its change');
        await new Promise((r) => setTimeout(r, 50));
      }
      child.kill('SIGKILL');
      await exited;
      await library.query('COMMIT');
    } finally {
      await library.end();
    }
    const entries = list();
    assert.equal(entries.length, before);
    assert.ok(!entries.some((e) => e.fileName === 'iom-dolab-safe-migration-2024.pdf'));
    const orphans = await admin.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'precedent library add'`);
    assert.equal(orphans.rows[0].n, 0);
    // Added again, it goes in whole.
    const again = run(['library', 'add', join(formats, 'iom-dolab-safe-migration-2024.pdf'), '--db', db]);
    assert.match(again.stdout, /^added iom-dolab-safe-migration-2024\.pdf: library id \d+, 15 items$/m);
  });

  it('a replica with filters keeps only the countries, forums and years they name', async () => {
    const follow = async (filter: ConstructorParameters<typeof LibraryReplica>[0]['filter']) => {
      let online!: () => void;
      const ready = new Promise<void>((resolve) => (online = resolve));
      const replica = new LibraryReplica({ connection: { url: cluster.url('library') }, filter, cacheDir: null, log: () => {}, onChange: () => {}, onStatus: (status: ReplicaStatus) => status.state === 'online' && online() });
      replica.start();
      await ready;
      const documents = replica.documents().map((d) => `${d.id.split('/').pop()} ${d.metadata.country} ${d.metadata.date}`).sort();
      await replica.stop();
      return documents;
    };
    assert.deepEqual(await follow({ countries: ['lao pdr'] }), ['lao-pdr-afml13-2020.pdf Lao PDR 2020-10-23', 'lao-pdr-afml13-2020.txt Lao PDR 2020-10-23']);
    assert.deepEqual(await follow({ forums: ['15th ASEAN'], years: [2022] }), ['viet-nam-afml15-2022.docx Viet Nam 2022-10-10', 'viet-nam-afml15-2022.txt Viet Nam 2022-10-10']);
    assert.equal((await follow({})).length, list().length);
  });
});

function runAsync(args: string[], env: NodeJS.ProcessEnv): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd: root, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (status) => done({ status, stdout, stderr }));
  });
}
