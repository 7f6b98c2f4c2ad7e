// A server that follows the shared library (precedent.library.url) on a real PostgreSQL cluster started for
// this file: its hovers are those of a server reading the same files from a folder; a document a librarian
// adds appears in a running server's hover; with the database stopped it keeps answering from its local
// replica (also when it starts while the database is down), says since when it is offline, and catches up
// once the database is back. The server connects as a rapporteur (read-only role), its password given the
// way the VS Code client gives it (initializationOptions), never written to a log.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { HoverRequest, MarkupContent } from 'vscode-languageserver-protocol';
import pg from 'pg';
import { describeWithPostgres, PostgresCluster, SUPERUSER_PASSWORD } from '../support/postgresCluster';
import { LspClient, REPO_ROOT, SEEDS_DIR, SERVER_JS, TempWorkspace } from './harness';

const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'formats');
const CLI = join(REPO_ROOT, 'dist', 'cli.js');
const READER_PASSWORD = 'rapporteur-secret-7731';

/** A draft whose items echo the seeds (text, PDF and Word alike), and one that no seed says. */
const DRAFT = [
  'Recommendations',
  '',
  '1. Extend social protection coverage to all migrant workers, and develop bilateral agreements on the portability of social security.',
  '2. Prepare for labour migration by enhancing skills training and pre-departure orientation for workers going abroad.',
  '3. Reduce the costs of remittance services and make them more accessible, including digital services.',
  '4. Strengthen the role of the representative agency for workers and the protection of workers abroad.',
  '5. Establish a regional registry of seafarers rescued at sea under the Lantern Convention.',
  '6. Cap the fees on remittances sent home by migrant workers at three per cent.',
  '',
].join('\n');
const NOVEL_LINE = 6;
const REMITTANCE_LINE = 7;

interface LibraryStatusNote { state: string; offlineSince: string | null; reason: string | null; documents: number; seq: number; readFrom?: string | null }
type Status = LspClient['indexStatuses'][number] & { library?: LibraryStatusNote };

describeWithPostgres('language server: following the shared library (PostgreSQL)', function () {
  this.timeout(60_000);
  const workspace = new TempWorkspace({ 'draft.rec.md': DRAFT });
  const draftUri = workspace.uri('draft.rec.md');
  let cluster: PostgresCluster;
  let db: string;
  let fromFolder: LspClient;
  let following: LspClient;
  const started: LspClient[] = [];

  const cli = (args: string[]) => {
    const result = spawnSync(process.execPath, [CLI, ...args, '--db', db], { cwd: workspace.path, encoding: 'utf8', env: { ...process.env, PGPASSWORD: SUPERUSER_PASSWORD, PGUSER: 'postgres' } });
    assert.equal(result.status, 0, result.stderr);
    return result.stdout;
  };
  const hover = async (client: LspClient, line: number) => {
    const result = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: draftUri }, position: { line, character: 6 } });
    assert.ok(result && MarkupContent.is(result.contents));
    return result.contents.value;
  };
  /** A hover with its links' targets left out: the folder's files and the replica's live in different places. */
  const withoutLinks = (value: string) => value.replace(/\]\(<?file:[^)]*\)/g, '](…)');
  const status = (client: LspClient) => client.indexStatuses.at(-1) as Status | undefined;
  const waitFor = async <T>(what: string, client: LspClient, probe: () => Promise<T | undefined> | T | undefined, timeout = 20_000): Promise<T> => {
    const deadline = Date.now() + timeout;
    for (;;) {
      const value = await probe();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${client.serverOutput()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  const startFollowing = async (storage: string) => {
    const client = LspClient.start();
    started.push(client);
    client.configuration = { precedent: { corpus: { includeSeeds: false }, library: { url: `postgres://rapporteur@127.0.0.1:${cluster.port}/library` } } };
    await client.initialize({ initializationOptions: { globalStoragePath: workspace.file(storage), libraryPassword: READER_PASSWORD } });
    await client.open(draftUri, DRAFT);
    return client;
  };

  before(async () => {
    assert.ok(existsSync(SERVER_JS), 'run `npm run build` first');
    cluster = await PostgresCluster.start();
    await cluster.query('postgres', 'CREATE DATABASE library');
    db = `postgres://127.0.0.1:${cluster.port}/library`;
    cli(['library', 'init']);
    await cluster.query('postgres', `CREATE ROLE rapporteur LOGIN PASSWORD '${READER_PASSWORD}' IN ROLE precedent_reader`);
    // The seeds as text, and two of them again as PDF and Word files, in one folder: added as a librarian does.
    for (const name of ['iom-dolab-safe-migration-2024.txt', 'lao-pdr-afml13-2020.txt', 'recommendations-recruitment-reintegration.txt', 'viet-nam-afml13-2020.txt', 'viet-nam-afml15-2022.txt']) copyFileSync(join(SEEDS_DIR, name), workspace.write(`corpus/${name}`, ''));
    for (const name of ['lao-pdr-afml13-2020.pdf', 'viet-nam-afml15-2022.docx']) copyFileSync(join(FIXTURES, name), workspace.write(`corpus/${name}`, ''));
    assert.match(cli(['library', 'add', 'corpus']), /^7 documents added/m);

    fromFolder = LspClient.start();
    started.push(fromFolder);
    fromFolder.configuration = { precedent: { corpus: { paths: [workspace.file('corpus')], includeSeeds: false } } };
    await fromFolder.initialize({ initializationOptions: { globalStoragePath: workspace.file('storage-folder') } });
    await fromFolder.waitForIndexReady();
    await fromFolder.open(draftUri, DRAFT);

    following = await startFollowing('storage-library');
    await waitFor('the library online with its 7 documents', following, () => {
      const library = status(following)?.library;
      return library?.state === 'online' && library.documents === 7 && status(following)?.state === 'ready' ? library : undefined;
    });
  });

  after(async () => {
    for (const client of started) await client.shutdown().catch(() => {});
    cluster?.destroy();
    workspace.remove();
  });

  it('answers every hover exactly as a server reading the same files from a folder', async () => {
    let fromPdfOrWord = 0;
    for (let line = 2; line <= REMITTANCE_LINE; line++) {
      const expected = withoutLinks(await hover(fromFolder, line));
      assert.equal(withoutLinks(await hover(following, line)), expected, `hover of line ${line + 1}`);
      if (/\.(pdf|docx)\b/.test(expected)) fromPdfOrWord++;
    }
    assert.ok(fromPdfOrWord > 0, 'some precedents come from the PDF and the Word file');
    // Links open the replica's text at the precedent's line, and the PDF's original (fetched beside it) at its page.
    const value = await hover(following, 2);
    const text = /\[Open precedent\]\(<?(file:[^)>]*\/text\/\d+\/lao-pdr-afml13-2020\.pdf\.txt)#L(\d+)[^>)]*>?\)/.exec(value);
    assert.ok(text, value);
    assert.match(readFileSync(fileURLToPath(text[1]!), 'utf8').split('\n')[Number(text[2]) - 1]!, /Extend social protection\/support for migrant workers/);
    const original = /\[Open the PDF at p\. 1\]\(<?(file:[^)>#]*)#page=1>?\)/.exec(value);
    assert.ok(original, value);
    await waitFor('the PDF fetched into the replica', following, () => (existsSync(fileURLToPath(original[1]!)) ? true : undefined));
    assert.deepEqual(readFileSync(fileURLToPath(original[1]!)), readFileSync(join(FIXTURES, 'lao-pdr-afml13-2020.pdf')));
  });

  it('shows a document a librarian adds in a running server\'s hover, without a restart', async () => {
    assert.doesNotMatch(await hover(following, NOVEL_LINE), /seafarers-registry/);
    workspace.write('new/seafarers-registry-2026.txt', 'Recommendations\n\n1. Establish a regional registry of seafarers rescued at sea, as the Lantern Convention asks.\n');
    const added = Date.now();
    cli(['library', 'add', 'new/seafarers-registry-2026.txt']);
    const value = await waitFor('the new document in the hover', following, async () => {
      const text = await hover(following, NOVEL_LINE);
      return text.includes('seafarers-registry-2026.txt') ? text : undefined;
    });
    assert.match(value, /Establish a regional registry of seafarers rescued at sea/);
    console.log(`      (add to hover: ${Date.now() - added} ms after the add began)`);
  });

  it('keeps answering while the database is stopped, says since when, and catches up once it is back', async () => {
    const before = await hover(following, 3);
    cluster.stopServer();
    const offline = await waitFor('the library offline', following, () => {
      const library = status(following)?.library;
      return library?.state === 'offline' ? library : undefined;
    });
    assert.ok(offline.offlineSince !== null && Math.abs(Date.parse(offline.offlineSince) - Date.now()) < 30_000);
    assert.equal(offline.documents, 8);
    assert.equal(await hover(following, 3), before);

    // A server started while the database is down answers from its replica at once.
    const restarted = await startFollowing('storage-library');
    const replica = await waitFor('a restarted server offline with its replica', restarted, () => {
      const library = status(restarted)?.library;
      // Indexed: the replica's 8 documents and the open draft.
      return library?.state === 'offline' && status(restarted)?.state === 'ready' && status(restarted)?.documents === 9 ? library : undefined;
    });
    assert.equal(replica.documents, 8);
    assert.equal(await hover(restarted, NOVEL_LINE), await hover(following, NOVEL_LINE));

    // Back, with a document added before the servers reconnect.
    cluster.startServer();
    workspace.write('new/remittances-2026.txt', 'Recommendations\n\n1. Cap remittance fees for migrant workers at three per cent of the amount sent home.\n');
    cli(['library', 'add', 'new/remittances-2026.txt']);
    for (const client of [following, restarted]) {
      await waitFor('the library back online with the new document', client, () => {
        const library = status(client)?.library;
        return library?.state === 'online' && library.documents === 9 ? library : undefined;
      }, 40_000);
      assert.match(await hover(client, REMITTANCE_LINE), /remittances-2026\.txt/);
    }
  });

  it('reads from a hot standby, and goes on reading from it with the primary stopped', async () => {
    const standby = await cluster.startStandby();
    try {
      const client = LspClient.start();
      started.push(client);
      client.configuration = { precedent: { corpus: { includeSeeds: false }, library: { url: `postgres://rapporteur@127.0.0.1:${cluster.port}/library`, readUrls: [`postgres://rapporteur@127.0.0.1:${standby.port}/library`] } } };
      await client.initialize({ initializationOptions: { globalStoragePath: workspace.file('storage-standby'), libraryPassword: READER_PASSWORD } });
      await client.open(draftUri, DRAFT);
      const online = await waitFor('the library online, read from the standby', client, () => {
        const library = status(client)?.library;
        return library?.state === 'online' && status(client)?.documents === 10 ? library : undefined;
      });
      assert.equal(online.readFrom, `postgres://rapporteur@127.0.0.1:${standby.port}/library`);
      const onStandby = new pg.Client({ connectionString: standby.url() });
      await onStandby.connect();
      const sessions = await onStandby.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'precedent-server'`);
      await onStandby.end();
      assert.equal(sessions.rows[0].n, 1, 'the server reads on the standby');

      // Added on the primary, announced by it, read on the standby once replayed.
      workspace.write('new/standby-2026.txt', 'Recommendations\n\n1. Establish a regional registry of seafarers rescued at sea under the Lantern Convention.\n');
      cli(['library', 'add', 'new/standby-2026.txt']);
      await waitFor('the document added on the primary, in the hover', client, async () => ((await hover(client, NOVEL_LINE)).includes('standby-2026.txt') ? true : undefined));

      cluster.stopServer();
      const alone = await waitFor('the library online from the standby alone', client, () => {
        const library = status(client)?.library;
        return library?.state === 'online' && /primary unreachable/.test(library.reason ?? '') ? library : undefined;
      }, 30_000);
      assert.equal(alone.readFrom, `postgres://rapporteur@127.0.0.1:${standby.port}/library`);
      assert.match(await hover(client, NOVEL_LINE), /standby-2026\.txt/);
    } finally {
      standby.destroy();
    }
  });

  it('never writes the password to its log', () => {
    for (const client of started) assert.ok(!client.serverOutput().includes(READER_PASSWORD));
    assert.ok(following.logs.some((log) => /Library postgres:\/\/rapporteur@127\.0\.0\.1:\d+\/library: online/.test(log.message)), following.serverOutput());
  });
});

