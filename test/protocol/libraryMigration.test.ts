// A shared library left at an earlier schema version by an earlier Precedent, met by this one, on a real
// PostgreSQL cluster started for this file: the CLI (`library list`, `similar --db`) and a following server say
// which version the library is, which one they need and who can fix it, instead of failing on a missing column or
// index; the server keeps answering from its replica meanwhile. A librarian's `library init` then migrates the
// existing database in place (documents kept, the filters' indexes made), and the server comes online by itself.
// A library newer than this Precedent is refused with the same clarity. The database owner who is no superuser (the
// README's secretariat) can apply every migration.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { HoverRequest, MarkupContent } from 'vscode-languageserver-protocol';
import type pg from 'pg';
import { describeWithPostgres, PostgresCluster, SUPERUSER_PASSWORD } from '../support/postgresCluster';
import { initLibrary, SCHEMA_VERSION } from '../../server/src/node/library/schema';
import { addFile, filterSql } from '../../server/src/node/library/store';
import { LspClient, REPO_ROOT, SEEDS_DIR, TempWorkspace } from './harness';

const CLI = join(REPO_ROOT, 'dist', 'cli.js');
const READER_PASSWORD = 'rapporteur-secret-5120';
const DRAFT = 'Recommendations\n\n1. Establish a regional registry of seafarers rescued at sea under the Lantern Convention.\n';
const LIBRARY_ONLY = 'Recommendations\n\n1. Establish a regional registry of seafarers rescued at sea, as the Lantern Convention asks.\n';

type Status = LspClient['indexStatuses'][number] & { library?: { state: string; reason: string | null; documents: number; schema?: { library: number | null; needed: number } | null } };

describeWithPostgres('shared library schema versions (PostgreSQL)', function () {
  this.timeout(90_000);
  const workspace = new TempWorkspace({ 'draft.rec.md': DRAFT, 'library/seafarers-registry-2026.txt': LIBRARY_ONLY });
  let cluster: PostgresCluster;
  let db: string;
  let server: LspClient | undefined;

  const cli = (args: string[]) => {
    const result = spawnSync(process.execPath, [CLI, ...args, '--db', db], { cwd: workspace.path, encoding: 'utf8', env: { ...process.env, PGPASSWORD: SUPERUSER_PASSWORD, PGUSER: 'postgres', PRECEDENT_DATABASE_URL: '' } });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  };
  const superuser = <T>(body: (client: pg.Client) => Promise<T>): Promise<T> => cluster.withClient('library', body);
  const libraryStatus = () => (server?.indexStatuses.at(-1) as Status | undefined)?.library;
  const waitFor = async <T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeout = 30_000): Promise<T> => {
    const deadline = Date.now() + timeout;
    for (;;) {
      const value = await probe();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${server?.serverOutput() ?? ''}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  const hover = async () => {
    const result = await server!.connection.sendRequest(HoverRequest.type, { textDocument: { uri: workspace.uri('draft.rec.md') }, position: { line: 2, character: 6 } });
    return result && MarkupContent.is(result.contents) ? result.contents.value : '';
  };

  before(async () => {
    assert.equal(SCHEMA_VERSION, 2, 'this test migrates from version 1 to 2: extend it with the next migration');
    cluster = await PostgresCluster.start();
    await cluster.query('postgres', 'CREATE DATABASE library');
    await cluster.query('postgres', `CREATE ROLE rapporteur LOGIN PASSWORD '${READER_PASSWORD}'`);
    db = `postgres://127.0.0.1:${cluster.port}/library`;
    // The library as the previous Precedent made it: schema version 1, with documents in it.
    await superuser(async (client) => {
      assert.deepEqual((await initLibrary(client, { upTo: 1 })).applied, [1]);
      await client.query('GRANT precedent_reader TO rapporteur');
      for (const name of ['lao-pdr-afml13-2020.txt', 'viet-nam-afml13-2020.txt']) assert.equal((await addFile(client, join(SEEDS_DIR, name))).status, 'added');
      assert.equal((await addFile(client, workspace.file('library/seafarers-registry-2026.txt'))).status, 'added');
    });
  });

  after(async () => {
    await server?.shutdown().catch(() => {});
    cluster?.destroy();
    workspace.remove();
  });

  it('the CLI names both versions and who can fix it, for library commands and --db alike', () => {
    const expected = `postgres://127.0.0.1:${cluster.port}/library: library schema is version 1; this Precedent needs 2: run \`precedent library init\` (librarian).`;
    const list = cli(['library', 'list']);
    assert.equal(list.status, 2);
    assert.equal(list.stderr, `precedent: ${expected}\n`);
    const similar = cli(['similar', 'a registry of seafarers', '--no-seeds', '--no-cache']);
    assert.equal(similar.status, 2);
    assert.ok(similar.stderr.includes(expected), similar.stderr);
    assert.equal(similar.stdout, '');
    for (const output of [list.stderr, similar.stderr]) assert.ok(!output.includes(SUPERUSER_PASSWORD));
  });

  it('a following server is offline with that message, answering from what it has, and never logs the password', async () => {
    server = LspClient.start();
    server.configuration = { precedent: { corpus: { includeSeeds: false }, library: { url: `postgres://rapporteur@127.0.0.1:${cluster.port}/library` } } };
    await server.initialize({ initializationOptions: { globalStoragePath: workspace.file('storage'), libraryPassword: READER_PASSWORD } });
    await server.open(workspace.uri('draft.rec.md'), DRAFT);
    const offline = await waitFor('the library offline for its schema', () => {
      const library = libraryStatus();
      return library?.state === 'offline' && library.reason ? library : undefined;
    });
    assert.equal(offline.reason, 'library schema is version 1; this Precedent needs 2: run `precedent library init` (librarian)');
    assert.equal(offline.documents, 0);
    assert.deepEqual(offline.schema, { library: 1, needed: 2 });
    assert.match(server.serverOutput(), /Library postgres:\/\/rapporteur@127\.0\.0\.1:\d+\/library offline: library schema is version 1; this Precedent needs 2/);
    assert.doesNotMatch(await hover(), /seafarers-registry/);
    assert.ok(!server.serverOutput().includes(READER_PASSWORD));
  });

  it('library init migrates the existing library in place; the filters read by index; the server comes online', async () => {
    const before = await superuser(async (client) => (await client.query('SELECT id, content_hash, item_count FROM precedent.documents ORDER BY id')).rows);
    const init = cli(['library', 'init']);
    assert.equal(init.status, 0, init.stderr);
    assert.match(init.stdout, /schema version 2, applied migrations 2\.$/m);
    assert.deepEqual(await superuser(async (client) => (await client.query('SELECT id, content_hash, item_count FROM precedent.documents ORDER BY id')).rows), before);
    const list = cli(['library', 'list', '--format', 'json']);
    assert.equal(list.status, 0, list.stderr);
    assert.equal((JSON.parse(list.stdout) as unknown[]).length, 3);

    // Each filter of a replica is answered from its index (sequential scans off: the table is small).
    const plan = async (filter: Parameters<typeof filterSql>[0]) => superuser(async (client) => {
      await client.query('SET enable_seqscan = off');
      const where = filterSql(filter, 1);
      const rows = await client.query(`EXPLAIN SELECT id FROM precedent.documents WHERE ${where.sql}`, where.values);
      return rows.rows.map((row: Record<string, string>) => row['QUERY PLAN']).join('\n');
    });
    assert.match(await plan({ countries: ['lao pdr'] }), /Index Scan using documents_country|Bitmap Index Scan on documents_country/);
    assert.match(await plan({ years: [2020, 2026] }), /Index Scan using documents_year|Bitmap Index Scan on documents_year/);
    assert.match(await plan({ forums: ['13th ASEAN Forum'] }), /Bitmap Index Scan on documents_forum/);

    const online = await waitFor('the library online after init', () => {
      const library = libraryStatus();
      return library?.state === 'online' && library.documents === 3 ? library : undefined;
    }, 70_000);
    assert.equal(online.reason, null);
    assert.equal(online.schema, null);
    await waitFor('the library-only document in the hover', async () => ((await hover()).includes('seafarers-registry-2026.txt') ? true : undefined));
  });

  it('library init by the database owner, not a superuser (the README\'s secretariat role), makes every index', async () => {
    await cluster.query('postgres', `CREATE ROLE secretariat LOGIN CREATEROLE PASSWORD 'secretariat-secret'`);
    await cluster.query('postgres', 'CREATE DATABASE secretariat_library OWNER secretariat');
    const init = spawnSync(process.execPath, [CLI, 'library', 'init', '--db', `postgres://secretariat@127.0.0.1:${cluster.port}/secretariat_library`], { cwd: workspace.path, encoding: 'utf8', env: { ...process.env, PGPASSWORD: 'secretariat-secret', PRECEDENT_DATABASE_URL: '' } });
    assert.equal(init.status, 0, init.stderr);
    assert.match(init.stdout, /schema version 2, applied migrations 1, 2/);
    const indexes = (await cluster.query('secretariat_library', `SELECT indexname FROM pg_indexes WHERE schemaname = 'precedent' AND tablename = 'documents' ORDER BY indexname`)).map((row) => row.indexname as string);
    assert.deepEqual(indexes.filter((name) => /^documents_(country|year|date|forum)$/.test(name)), ['documents_country', 'documents_date', 'documents_forum', 'documents_year']);
  });

  it('a library newer than this Precedent is refused: update Precedent', async () => {
    await superuser((client) => client.query(`INSERT INTO precedent.migrations (version, description) VALUES (3, 'from a later Precedent')`));
    const list = cli(['library', 'list']);
    assert.equal(list.status, 2);
    assert.ok(list.stderr.includes('library schema is version 3; this Precedent needs 2: update Precedent'), list.stderr);
    const init = cli(['library', 'init']);
    assert.equal(init.status, 0, init.stderr);
    assert.match(init.stderr, /library schema is version 3, newer than this Precedent's 2: left as it is; update Precedent/);
  });
});
