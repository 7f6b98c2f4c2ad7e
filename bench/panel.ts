// The Precedents view's update latency on a large library: the built server (dist/server.js --stdio) over
// JSON-RPC, as the VS Code client asks it, indexing the benchmark's synthetic corpus (bench/synthetic.ts, the
// same seed as `npm run bench`). It times `precedent/precedents` (what the view asks when the cursor moves to
// another item) and, beside it, `textDocument/hover` on other items, once the index is ready; it asks the panel
// while the first build runs, to see it answer "indexing" at once; and it times the draft's diagnostics with the
// recurring-recommendation hint turned on.
//
//   npm run bench:panel [-- --items N] [--questions N]
//
// A measurement to read, not a test: timings on a shared machine drift by ±30%.

import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HoverRequest } from 'vscode-languageserver-protocol/node';
import { parseDocument } from '../server/src/core/document/parse';
import type { PrecedentsResult } from '../server/src/lsp/protocol';
import { LspClient, SERVER_JS, TempWorkspace } from '../test/protocol/harness';
import { percentile, round } from './stats';
import { Generator, loadMaterial, SEEDS_DIR, TEMPLATE_SEEDS } from './synthetic';

const option = (name: string, fallback: number) => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
};
const ITEMS = option('--items', 100_000);
const QUESTIONS = option('--questions', 300);
const SEED = 20_201_028;

function corpusFolder(): string {
  const dir = join(tmpdir(), 'precedent-bench', `panel-items-${ITEMS}-seed-${SEED}`);
  if (existsSync(join(dir, 'done'))) return dir;
  process.stderr.write(`Generating ${ITEMS.toLocaleString('en')} items in ${dir} …\n`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const gen = new Generator(loadMaterial(), SEED);
  const seeded = TEMPLATE_SEEDS.reduce((n, name) => n + parseDocument(readFileSync(join(SEEDS_DIR, name), 'utf8'), name).items.length, 0);
  gen.corpus(ITEMS - seeded).forEach((text, i) => writeFileSync(join(dir, `doc-${String(i).padStart(6, '0')}.md`), text));
  writeFileSync(join(dir, 'done'), '');
  return dir;
}

function summary(samples: number[]): string {
  return `p50 ${round(percentile(samples, 50))} ms, p90 ${round(percentile(samples, 90))} ms, p99 ${round(percentile(samples, 99))} ms, max ${round(Math.max(...samples))} ms`;
}

async function main(): Promise<void> {
  if (!existsSync(SERVER_JS)) throw new Error(`${SERVER_JS} is missing: run npm run build first.`);
  const corpus = corpusFolder();
  const workspace = new TempWorkspace();
  const draftText = new Generator(loadMaterial(), SEED + 1).draft(500);
  const draftUri = workspace.uri('draft.rec.md');
  const client = LspClient.start();
  try {
    await client.initialize({
      workspaceFolders: [workspace.folder()],
      initializationOptions: { indexCache: false, settings: { precedent: { corpus: { paths: [corpus] }, diagnostics: { precedentReuse: false } } } },
    });
    client.configuration = { precedent: { corpus: { paths: [corpus] }, diagnostics: { precedentReuse: false } } };
    await client.open(draftUri, draftText);
    const itemLines = draftText.split('\n').flatMap((line, i) => (/^\d+\. /.test(line) ? [i] : []));
    const ask = (line: number) => client.connection.sendRequest<PrecedentsResult>('precedent/precedents', { textDocument: { uri: draftUri }, position: { line, character: 4 } });

    // While the first build runs: the view asks, and is told "indexing" with what is indexed so far.
    const started = performance.now();
    const during: number[] = [];
    let states = '';
    // Built: "ready" with the whole library (a status sent when the draft opens, before the build starts, says "ready" too).
    const built = () => {
      const status = client.indexStatuses.at(-1);
      return status?.state === 'ready' && status.items >= ITEMS ? status : undefined;
    };
    while (!built()) {
      const t = performance.now();
      const answer = await ask(itemLines[during.length % itemLines.length]!);
      during.push(performance.now() - t);
      states = answer.state;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const ready = built()!;
    process.stdout.write(`library: ${ready.documents.toLocaleString('en')} documents, ${ready.items.toLocaleString('en')} items, indexed in ${round((performance.now() - started) / 1000, 1)} s\n`);
    if (during.length > 0) process.stdout.write(`precedent/precedents during the first build (${during.length} asked, last state "${states}"): ${summary(during)}\n`);

    // Once ready: the cursor moves to another item each time. The index remembers answers, and the panel and the
    // hover ask the same question, so each item is asked once: the even ones by the panel, the odd ones by the hover.
    const lines = Array.from({ length: QUESTIONS * 2 }, (_, i) => itemLines[(i * 7) % itemLines.length]!);
    const panel: number[] = [];
    const hover: number[] = [];
    let occasions = 0;
    let listed = 0;
    for (const [i, line] of lines.entries()) {
      const t = performance.now();
      if (i % 2 === 0) {
        const answer = await ask(line);
        panel.push(performance.now() - t);
        occasions += answer.occasions.length;
        listed += answer.precedents.length;
      } else {
        await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: draftUri }, position: { line, character: 4 } });
        hover.push(performance.now() - t);
      }
    }
    process.stdout.write(`precedent/precedents over JSON-RPC (${QUESTIONS} items of a 500-item draft): ${summary(panel)}; ${round(listed / QUESTIONS, 1)} precedents and ${round(occasions / QUESTIONS, 1)} occasions per answer\n`);
    process.stdout.write(`textDocument/hover on ${QUESTIONS} other items of the draft: ${summary(hover)}\n`);

    // The recurring-recommendation hint (off by default) asks each item's occasions: the whole 500-item draft's
    // diagnostics once it is turned on, from the setting's change to the publication that has the hints.
    const recurring = (params: { diagnostics: { code?: string | number }[] }) => params.diagnostics.some((diagnostic) => diagnostic.code === 'recurring-recommendation');
    const seen = client.diagnostics.get(draftUri)?.length ?? 0;
    const first = client.nextDiagnostics(draftUri, recurring, 120_000);
    const turnedOn = performance.now();
    client.configuration = { precedent: { corpus: { paths: [corpus] }, diagnostics: { precedentReuse: false, recurringRecommendation: true } } };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await first;
    // A long check publishes what it has at once and the whole set when done: wait for a quiet second.
    const arrivals: number[] = [];
    let count = seen;
    for (let quiet = 0; quiet < 1000; quiet += 50) {
      const published = client.diagnostics.get(draftUri)?.length ?? 0;
      if (published > count) {
        for (; count < published; count++) arrivals.push(performance.now());
        quiet = 0;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const last = client.latestDiagnostics(draftUri)!;
    const hints = last.diagnostics.filter((diagnostic) => diagnostic.code === 'recurring-recommendation').length;
    const done = (arrivals.at(-1) ?? performance.now()) - turnedOn;
    process.stdout.write(`recurring-recommendation on the 500-item draft: all ${hints} hints published ${round(done)} ms after the setting was turned on (${arrivals.length} publications)\n`);
  } finally {
    await client.shutdown(10_000);
    workspace.remove();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
