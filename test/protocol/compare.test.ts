// precedent/compare and precedent/similarDocuments over a real JSON-RPC connection: an open draft made from the
// Viet Nam 2020 seed by a script (one change of each kind), compared with the seed; the library's documents most
// like it, for the picker; an earlier file that cannot be read.

import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseDocument } from '../../server/src/core/document/parse';
import type { CompareResult, SimilarDocumentResult } from '../../server/src/lsp/protocol';
import { scriptedDraft } from '../unit/support/scriptedDraft';
import { LspClient, REPO_ROOT, SEEDS_DIR, SERVER_JS, seedUri, TempWorkspace } from './harness';

describe('language server: comparing a draft with an earlier document', function () {
  this.timeout(30_000);
  const vn2020 = 'viet-nam-afml13-2020.txt';
  const script = scriptedDraft(parseDocument(readFileSync(join(SEEDS_DIR, vn2020), 'utf8'), vn2020));
  const workspace = new TempWorkspace({ 'notes.txt': 'Not a recommendation.\n' });
  const draftUri = workspace.uri('draft-2021.rec.md');
  let client: LspClient;

  before(async () => {
    assert.ok(existsSync(SERVER_JS), 'run `npm run build` first');
    client = LspClient.start();
    client.configuration = { precedent: { compare: { threshold: 0.25 } } };
    await client.initialize({ workspaceFolders: [workspace.folder()], initializationOptions: { indexCache: false } });
    await client.waitForIndexReady();
    // Open only, never saved: the editor's text is the draft.
    await client.open(draftUri, script.text);
  });

  after(async () => {
    await client?.shutdown();
    workspace.remove();
  });

  it('precedent/compare: every change of the scripted draft, and nothing else, with URIs and 1-based lines', async () => {
    const result = await client.connection.sendRequest<CompareResult>('precedent/compare', { uri: draftUri, earlierUri: seedUri(vn2020) });
    assert.deepEqual(result.counts, { unchanged: 24, reworded: 1, merged: 2, split: 2, new: 1, dropped: 1 });
    assert.equal(result.draft.file, draftUri);
    assert.equal(result.earlier.file, seedUri(vn2020));
    assert.equal(result.earlier.title, 'Viet Nam National Recommendations for the 13th ASEAN Forum on Migrant Labour');
    const reworded = result.pairs.find((pair) => pair.class === 'reworded')!;
    assert.equal(reworded.draft!.text, script.changes.reworded.draft);
    assert.deepEqual([reworded.earlier!.file, reworded.earlier!.line, reworded.earlier!.label], [seedUri(vn2020), 27, '6.']);
    assert.deepEqual([reworded.draft!.file, reworded.draft!.line, reworded.draft!.label], [draftUri, 12, '6.']);
    assert.deepEqual(reworded.diff!.filter((change) => change.op === 'added').map((change) => change.text.trim()), ['Lower the', 'widen', 'among them.']);
    assert.deepEqual(result.pairs.filter((pair) => pair.moved).map((pair) => pair.draft!.text), [script.changes.swapped[1]]);
    assert.deepEqual(result.pairs.filter((pair) => pair.class === 'new').map((pair) => pair.draft!.text), [script.changes.added]);
    assert.deepEqual(result.pairs.filter((pair) => pair.class === 'dropped').map((pair) => pair.earlier!.text), [script.changes.deleted]);
  });

  it('precedent/compare follows the editor: an edit to the open draft is in the next comparison', async () => {
    const line = script.text.split('\n').findIndex((text) => text.startsWith(`18. ${script.changes.added}`));
    assert.ok(line > 0);
    await client.change(draftUri, 2, [{ range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }, text: '' }]);
    const result = await client.connection.sendRequest<CompareResult>('precedent/compare', { uri: draftUri, earlierUri: seedUri(vn2020) });
    assert.equal(result.counts.new, 0);
    assert.equal(result.draft.items, script.text.split('\n').filter((text) => /^\d+\. /.test(text)).length - 1);
  });

  it('precedent/similarDocuments: the library\'s documents most like the draft first, none dated after it', async () => {
    const documents = await client.connection.sendRequest<SimilarDocumentResult[]>('precedent/similarDocuments', { uri: draftUri });
    assert.deepEqual(documents.slice(0, 2).map((document) => document.uri), [seedUri(vn2020), seedUri('lao-pdr-afml13-2020.txt')]);
    const [first] = documents;
    assert.deepEqual({ ...first, score: undefined, itemsMatched: undefined }, {
      uri: seedUri(vn2020), title: 'Viet Nam National Recommendations for the 13th ASEAN Forum on Migrant Labour', country: 'Viet Nam',
      forum: '13th ASEAN Forum on Migrant Labour', date: '2020-09-28', name: vn2020, score: undefined, itemsMatched: undefined, items: 29,
    });
    assert.ok(first!.score > 0.8 && first!.itemsMatched >= 28, JSON.stringify(first));
    // The draft is dated 12 October 2021: the 2022 and 2024 documents are not earlier.
    assert.ok(documents.every((document) => document.date === null || document.date <= '2021-10-12'), JSON.stringify(documents));
    assert.ok(!documents.some((document) => document.uri === draftUri));
  });

  it('precedent/compare reads an earlier PDF outside the library, and names it by the text view at whose lines its items are', async () => {
    const pdf = join(REPO_ROOT, 'test', 'fixtures', 'formats', 'viet-nam-afml13-2020.pdf');
    const result = await client.connection.sendRequest<CompareResult>('precedent/compare', { uri: draftUri, earlierUri: pathToFileURL(pdf).href });
    // The same changes as against the text seed (`new` aside: a test above deletes the added item from the draft).
    assert.deepEqual({ ...result.counts, new: 0 }, { unchanged: 24, reworded: 1, merged: 2, split: 2, new: 0, dropped: 1 });
    assert.match(result.earlier.file, /^file:.*viet-nam-afml13-2020\.pdf\.txt$/);
    const dropped = result.pairs.find((pair) => pair.class === 'dropped')!.earlier!;
    assert.equal(dropped.page, 1);
    const viewLine = readFileSync(fileURLToPath(dropped.file), 'utf8').split('\n')[dropped.line - 1];
    assert.equal(viewLine, `12. ${script.changes.deleted}`);
  });

  it('precedent/compare answers an unreadable earlier file with an error that names it and the reason', async () => {
    const missing = workspace.uri('no-such-earlier.pdf');
    await assert.rejects(client.connection.sendRequest('precedent/compare', { uri: draftUri, earlierUri: missing }), (error: { message?: string }) => {
      assert.match(error.message ?? '', /cannot read .*no-such-earlier\.pdf: no such file/);
      return true;
    });
    // The server goes on serving.
    const result = await client.connection.sendRequest<CompareResult>('precedent/compare', { uri: draftUri, earlierUri: seedUri(vn2020) });
    assert.equal(result.earlier.items, 29);
  });
});
