// `--db` with a cache folder, on a real PostgreSQL cluster started for this file: the CLI keeps a replica of the
// library there (as an editor does) and fetches only the changes after its last sequence number, so a second
// `check --db` reads nothing it already has; documents added and removed meanwhile are followed; the answers are
// those of a run without a cache.

import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describeWithPostgres, PostgresCluster, SUPERUSER_PASSWORD } from '../support/postgresCluster';

const root = resolve(__dirname, '..', '..');
const cli = join(root, 'dist', 'cli.js');
const QUERY = 'Establish a regional registry of seafarers rescued at sea';

describeWithPostgres('precedent --db with a cache folder (PostgreSQL)', function () {
  this.timeout(60_000);
  let cluster: PostgresCluster;
  let scratch: string;
  let db: string;

  const run = (args: string[]) => {
    const result = spawnSync(process.execPath, [cli, ...args, '--db', db], { cwd: scratch, encoding: 'utf8', env: { ...process.env, PGUSER: 'postgres', PGPASSWORD: SUPERUSER_PASSWORD, PRECEDENT_DATABASE_URL: '' } });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  };
  const similar = (cache: string[]) => {
    const result = run(['similar', QUERY, '--no-seeds', '--top', '5', '--format', 'json', ...cache]);
    assert.equal(result.status, 0, result.stderr);
    return (JSON.parse(result.stdout) as Array<{ matches: Array<{ file: string; text: string; country: string | null }> }>)[0]!.matches;
  };
  const superuser = (sql: string, values: unknown[] = []) => cluster.query('library', sql, values);

  before(async () => {
    cluster = await PostgresCluster.start();
    await cluster.query('postgres', 'CREATE DATABASE library');
    db = `postgres://127.0.0.1:${cluster.port}/library`;
    scratch = mkdtempSync(join(tmpdir(), 'precedent-library-cache-'));
    assert.equal(run(['library', 'init']).status, 0);
    writeFileSync(join(scratch, 'seafarers-2023.txt'), `Recommendations\n\n1. ${QUERY}, as the Lantern Convention asks.\n`);
    const added = run(['library', 'add', join(root, 'seeds'), 'seafarers-2023.txt']);
    assert.equal(added.status, 0, added.stderr);
  });

  after(() => {
    cluster?.destroy();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('answers as without a cache, then reads only what changed since: added and removed documents followed', async () => {
    const cache = ['--cache', join(scratch, 'cache')];
    const first = similar(cache);
    assert.deepEqual(first, similar(['--no-cache']));
    assert.match(first[0]!.file, /^library:\d+\/seafarers-2023\.txt$/);

    // Changed behind the change sequence's back (no change recorded): a run with the cache does not read it again;
    // a run without reads the library whole.
    await superuser(`UPDATE precedent.documents SET text = replace(text, 'Lantern Convention', 'Beacon Treaty') WHERE file_name = 'seafarers-2023.txt'`);
    assert.match(similar(cache)[0]!.text, /Lantern Convention/);
    assert.match(similar(['--no-cache'])[0]!.text, /Beacon Treaty/);

    // A document added, then one removed, through the change sequence: both followed by the next run.
    writeFileSync(join(scratch, 'seafarers-2025.txt'), `Recommendations\n\n1. ${QUERY} and in ports, with a registry shared among ASEAN Member States.\n`);
    assert.equal(run(['library', 'add', 'seafarers-2025.txt']).status, 0);
    assert.ok(similar(cache).some((match) => match.file.endsWith('/seafarers-2025.txt')));
    const removed = run(['library', 'remove', 'seafarers-2025.txt']);
    assert.equal(removed.status, 0, removed.stderr);
    assert.ok(!similar(cache).some((match) => match.file.endsWith('/seafarers-2025.txt')));
  });

  it('an unreachable library is an error even with its replica in the cache', () => {
    cluster.stopServer();
    try {
      const result = run(['check', join(root, 'examples', 'draft-afml17.rec.md'), '--no-seeds', '--cache', join(scratch, 'cache')]);
      assert.equal(result.status, 2);
      assert.match(result.stderr, /^precedent: cannot connect to postgres:\/\/127\.0\.0\.1:\d+\/library: /);
      assert.ok(!result.stderr.includes(SUPERUSER_PASSWORD));
    } finally {
      cluster.startServer();
    }
  });
});
