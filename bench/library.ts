// `npm run bench:library [-- --items N]`: the shared library's figures (issue 20), on a throw-away PostgreSQL
// cluster (test/support/postgresCluster.ts) and the built dist/ (run `npm run build` first):
// - `library add` throughput of a synthetic library of N items (default 100,000; documents of 10 to 60 items
//   made deterministically from the seeds' vocabulary, as `npm run bench` makes its corpus);
// - a language server's first sync of that library, cold (empty replica) and warm (its replica and persisted
//   index from the cold run: only the changes since its last sequence number are fetched), from start to a
//   `precedent/indexStatus` that is ready and online with every document;
// - the delay from a librarian's `library add` to a running server's hover showing the new document;
// - `precedent similar --db` run twice with one cache folder, and again after documents were added.
// Not part of `npm run bench` (which needs no database).

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { HoverRequest, MarkupContent } from 'vscode-languageserver-protocol';
import { LspClient, REPO_ROOT } from '../test/protocol/harness';
import { PostgresCluster, SUPERUSER_PASSWORD } from '../test/support/postgresCluster';
import { Generator, loadMaterial } from './synthetic';
import { median, percentile, round } from './stats';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const ITEMS = option('--items', 100_000);
const HOVER_SAMPLES = option('--samples', 10);
const CLI = join(REPO_ROOT, 'dist', 'cli.js');

async function main(): Promise<void> {
  const scratch = mkdtempSync(join(tmpdir(), 'precedent-bench-library-'));
  const cluster = await PostgresCluster.start();
  const admin = new pg.Client({ connectionString: cluster.url() });
  await admin.connect();
  await admin.query('CREATE DATABASE library');
  await admin.query('CREATE ROLE rapporteur LOGIN PASSWORD \'bench\'');
  await admin.end();
  const db = `postgres://127.0.0.1:${cluster.port}/library`;
  const env = { ...process.env, PGPASSWORD: SUPERUSER_PASSWORD, PGUSER: 'postgres' };
  const cli = (cliArgs: string[]) => {
    const result = spawnSync(process.execPath, [CLI, ...cliArgs, '--db', db], { cwd: scratch, encoding: 'utf8', env });
    if (result.status !== 0) throw new Error(result.stderr);
    return result.stdout;
  };
  const started: LspClient[] = [];
  try {
    cli(['library', 'init']);
    spawnSync('psql', [cluster.url('library'), '-q', '-c', 'GRANT precedent_reader TO rapporteur'], { env });

    // The synthetic library, one file a document.
    const generator = new Generator(loadMaterial(), 20_201_028);
    const folder = join(scratch, 'library');
    mkdirSync(folder);
    let documents = 0;
    for (let total = 0; total < ITEMS; documents++) {
      const document = generator.document(Math.min(10 + (documents % 51), ITEMS - total));
      writeFileSync(join(folder, `doc-${String(documents).padStart(6, '0')}.txt`), document.text);
      total += document.items;
    }
    let at = performance.now();
    const added = cli(['library', 'add', folder]);
    const addSeconds = (performance.now() - at) / 1000;
    const addedItems = Number(/\((\d+) items\)/.exec(added)?.[1] ?? 0);
    console.log(`library add: ${documents} documents, ${addedItems} items in ${round(addSeconds)} s: ${round(documents / addSeconds, 0)} documents/s, ${round(addedItems / addSeconds, 0)} items/s (one process, one transaction a document, extraction-free text files)`);

    // The CLI with --db: a first run, then a second one with the same cache folder, as CI runs `check` each push.
    const cliCache = join(scratch, 'cli-cache');
    const cliRun = (label: string) => {
      at = performance.now();
      cli(['similar', 'portability of social protection for migrant workers', '--no-seeds', '--cache', cliCache, '--format', 'json']);
      console.log(`precedent similar --db, ${label}: ${round((performance.now() - at) / 1000)} s`);
    };
    cliRun('first run (empty cache)');
    cliRun('second run (the same --cache)');

    const storage = join(scratch, 'storage');
    const sync = async (label: string) => {
      const client = LspClient.start();
      started.push(client);
      client.configuration = { precedent: { corpus: { includeSeeds: false }, library: { url: `postgres://rapporteur@127.0.0.1:${cluster.port}/library` } } };
      at = performance.now();
      await client.initialize({ initializationOptions: { globalStoragePath: storage, libraryPassword: 'bench' } });
      for (;;) {
        const status = client.indexStatuses.at(-1) as (LspClient['indexStatuses'][number] & { library?: { state: string; documents: number } }) | undefined;
        if (status?.state === 'ready' && status.library?.state === 'online' && status.library.documents === documents && status.items >= addedItems) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const ms = performance.now() - at;
      console.log(`first sync, ${label}: ${round(ms / 1000)} s to ${documents} documents online and indexed`);
      // The server's own account: what the replica fetched, and each rebuild's use of the persisted index.
      for (const message of client.logs.map((l) => l.message).filter((m) => /^Index cache|^Indexed \d|documents added or changed|from the local replica/.test(m))) console.log(`  ${message}`);
      return client;
    };
    const cold = await sync('cold (empty replica)');
    await cold.shutdown(10_000);
    const warm = await sync('warm (replica and persisted index of the cold run)');

    // Add to hover: a new one-item document at a time, its text the draft's item.
    const draftUri = `file://${join(scratch, 'draft.rec.md')}`;
    const delays: number[] = [];
    for (let sample = 0; sample < HOVER_SAMPLES; sample++) {
      const item = `Establish a registry of seafarers rescued at sea, number ${sample} of the Lantern series ${'qwxz'.repeat(sample + 1)}.`;
      await warm.open(draftUri.replace('draft', `draft-${sample}`), `Recommendations\n\n1. ${item}\n`);
      const file = join(scratch, `new-${sample}.txt`);
      writeFileSync(file, `Recommendations\n\n1. ${item}\n`);
      at = performance.now();
      cli(['library', 'add', file]);
      for (;;) {
        const hover = await warm.connection.sendRequest(HoverRequest.type, { textDocument: { uri: draftUri.replace('draft', `draft-${sample}`) }, position: { line: 2, character: 5 } });
        if (hover && MarkupContent.is(hover.contents) && hover.contents.value.includes(`new-${sample}.txt`)) break;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      delays.push(performance.now() - at);
    }
    cliRun(`after ${HOVER_SAMPLES} documents added`);
    console.log(`add to hover: median ${round(median(delays), 0)} ms, max ${round(percentile(delays, 100), 0)} ms over ${HOVER_SAMPLES} adds (from starting \`library add\`, a Node process of ~150 ms, to the hover naming the new document)`);
  } finally {
    for (const client of started) await client.shutdown(10_000).catch(() => {});
    cluster.destroy();
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
