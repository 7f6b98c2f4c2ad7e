// A long draft opened on a large library: the precedent-reuse check (one index question per item) takes longer
// than a request should wait, so the server publishes every structure warning at once, then the reuse findings
// in slices between which requests are answered, then the whole set. Library: the seed-made synthetic corpus of
// the benchmark (bench/synthetic.ts), 20,000 items, written to a temporary workspace: large enough for the server
// to answer the reuse questions on two threads (PARALLEL_FROM), whose findings must be the core's own.

import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { HoverRequest, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { Generator, loadMaterial } from '../../bench/synthetic';
import { checkPrecedentReuse } from '../../server/src/core/checks/reuse';
import { parseDocument } from '../../server/src/core/document/parse';
import { PARALLEL_FROM, PrecedentIndex } from '../../server/src/core/index/precedentIndex';
import { createAnalyser } from '../../server/src/core/text/analyser';
import { readCorpus } from '../../server/src/node/corpus';
import { readThesauri } from '../../server/src/node/thesaurusFile';
import { pathToUri } from '../../server/src/node/fileUri';
import { LspClient, SERVER_JS, TempWorkspace } from './harness';

const LIBRARY_ITEMS = 20_000;
const DRAFT_ITEMS = 1_500;

describe('language server: a long draft on a large library (diagnostics in slices)', function () {
  this.timeout(120_000);
  let workspace: TempWorkspace;
  let client: LspClient;
  let draft: string;
  const draftUri = () => workspace.uri('draft.rec.md');
  const reuseLines = (p: PublishDiagnosticsParams) => p.diagnostics.filter((d) => d.code === 'precedent-reuse').map((d) => d.range.start.line);
  const warnings = (p: PublishDiagnosticsParams) => p.diagnostics.filter((d) => d.code !== 'precedent-reuse').map((d) => `${d.code}@${d.range.start.line}`);

  before(async () => {
    assert.ok(existsSync(SERVER_JS), 'dist/server.js is missing: run `npm run build` first');
    const material = loadMaterial();
    const files: Record<string, string> = {};
    new Generator(material, 11).corpus(LIBRARY_ITEMS).forEach((text, i) => (files[`library/doc-${i}.md`] = text));
    workspace = new TempWorkspace(files);
    draft = new Generator(material, 12).draft(DRAFT_ITEMS);
    client = LspClient.start();
    await client.initialize({
      workspaceFolders: [workspace.folder()],
      initializationOptions: { indexCache: false, settings: { precedent: { corpus: { paths: ['library'], includeSeeds: false } } } },
    });
    const status = await client.waitForIndexReady(90_000);
    assert.ok(status.items >= LIBRARY_ITEMS * 0.9, `indexed ${status.items} items`);
  });

  after(async () => {
    await client?.shutdown();
    workspace?.remove();
  });

  it('publishes the structure warnings at once, answers requests while checking, then publishes every reuse finding', async () => {
    await client.open(draftUri(), draft);
    const first = await client.waitForDiagnostics(draftUri(), (p) => p.version === 1, 60_000);
    // A request sent now is answered before the check is done.
    const hover = client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: draftUri() }, position: { line: 4, character: 6 } });
    const answeredAt = await hover.then(() => (client.diagnostics.get(draftUri()) ?? []).length);
    // Done: no publication for a while after the last.
    let count = 0;
    for (;;) {
      count = client.diagnostics.get(draftUri())!.length;
      await new Promise((resolve) => setTimeout(resolve, 1500));
      if (client.diagnostics.get(draftUri())!.length === count) break;
    }
    const all = client.diagnostics.get(draftUri())!;
    const last = all[all.length - 1]!;
    assert.ok(all.length >= 2, `a ${DRAFT_ITEMS}-item draft on ${LIBRARY_ITEMS} items is checked in slices (${all.length} publication)`);
    assert.ok(answeredAt < all.length, 'the hover was answered before the last publication');
    assert.deepEqual(warnings(first), warnings(last), 'every numbering and duplicate warning is in the first publication');
    assert.ok(warnings(last).length > 0, 'the draft has duplicate warnings (it repeats library wording)');
    // Reuse findings only grow, and in the end most items reuse library wording (the draft is made from it).
    for (let i = 1; i < all.length; i++) {
      const before = new Set(reuseLines(all[i - 1]!));
      assert.ok(reuseLines(all[i]!).length >= before.size);
    }
    assert.ok(reuseLines(last).length > reuseLines(first).length, 'reuse findings arrive after the first publication');
    assert.ok(reuseLines(last).length > DRAFT_ITEMS / 3, `${reuseLines(last).length} reuse findings`);

    // The same findings as the core's, on one thread, over the same documents (the library and the draft).
    const library = await readCorpus({ paths: ['library'], includeSeeds: false, baseDir: workspace.path, idOf: pathToUri });
    assert.ok(library.documents.reduce((n, d) => n + d.items.length, 0) >= PARALLEL_FROM.items, 'a library the server answers on two threads');
    const index = new PrecedentIndex(createAnalyser(readThesauri([]).thesaurus));
    for (const doc of library.documents) index.addDocument(doc);
    const draftDocument = parseDocument(draft, draftUri());
    index.addDocument(draftDocument);
    const expected = checkPrecedentReuse(draftDocument, index).map((f) => `${f.range.start.line} ${f.message}`);
    const published = last.diagnostics.filter((d) => d.code === 'precedent-reuse').map((d) => `${d.range.start.line} ${d.message}`);
    assert.deepEqual(published, expected);
  });

  it('stops checking a version once the draft changed, and publishes the newer one', async () => {
    const lines = draft.split('\n');
    const at = lines.findIndex((l) => /^\d+\. /.test(l));
    await client.change(draftUri(), 2, [{ range: { start: { line: at, character: 0 }, end: { line: at, character: 0 } }, text: 'Edited: ' }]);
    await client.change(draftUri(), 3, [{ range: { start: { line: at, character: 0 }, end: { line: at, character: 8 } }, text: '' }]);
    await client.waitForDiagnostics(draftUri(), (p) => p.version === 3, 60_000);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const versions = client.diagnostics.get(draftUri())!.map((p) => p.version ?? 0);
    for (let i = 1; i < versions.length; i++) assert.ok(versions[i]! >= versions[i - 1]!, `published versions never go down: ${versions.join(',')}`);
    assert.equal(versions[versions.length - 1], 3);
  });
});
