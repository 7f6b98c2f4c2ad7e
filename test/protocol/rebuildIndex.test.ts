// The persisted index after "Rebuild Index" (issue 15): a workspace draft opened, changed, saved and reported
// changed on disk, then the index rebuilt; the next server start must take the persisted index as it is, not
// call it corrupt and index the library again, and answer as the server before it did.

import assert from 'node:assert/strict';
import {
  DidChangeWatchedFilesNotification,
  ExecuteCommandRequest,
  FileChangeType,
  HoverRequest,
  MarkupContent,
  type Hover,
} from 'vscode-languageserver-protocol/node';
import { LspClient, TempWorkspace } from './harness';

/** Two workspace drafts: the first is changed to use words the second brought into the library. */
const FIRST = 'Recommendations\n\n1. Extend social protection to all migrant workers.\n';
const SECOND = 'Recommendations of the fishers\n\n1. Provide consular assistance to stranded fishers in foreign ports.\n';
const FIRST_CHANGED = 'Recommendations\n\n1. Provide consular help to fishers stranded in foreign ports and their families.\n';

function hoverText(hover: Hover | null): string {
  assert.ok(hover && MarkupContent.is(hover.contents), 'expected a Markdown hover');
  return hover.contents.value;
}

describe('language server: the persisted index after Rebuild Index', function () {
  this.timeout(30_000);
  const workspace = new TempWorkspace({ 'a-first.rec.md': FIRST, 'b-second.rec.md': SECOND });
  const storage = new TempWorkspace();
  const start = async (): Promise<LspClient> => {
    const client = LspClient.start();
    await client.initialize({ workspaceFolders: [workspace.folder()], initializationOptions: { globalStoragePath: storage.path } });
    await client.waitForIndexReady();
    return client;
  };
  let client: LspClient | null = null;

  after(async () => {
    await client?.shutdown();
    workspace.remove();
    storage.remove();
  });

  afterEach(function () {
    if (this.currentTest?.state === 'failed' && client) console.error(client.serverOutput());
  });

  it('open, change, save, report on disk, rebuild, restart: the persisted index is used and answers alike', async () => {
    client = await start();
    const uri = workspace.uri('a-first.rec.md');
    await client.open(uri, FIRST);
    await client.waitForDiagnostics(uri);
    await client.change(uri, 2, [{ text: FIRST_CHANGED }]);
    workspace.write('a-first.rec.md', FIRST_CHANGED);
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri, type: FileChangeType.Changed }] });
    const tokens = client.progressTokens.length;
    const status = (await client.connection.sendRequest(ExecuteCommandRequest.type, { command: 'precedent.server.rebuildIndex', arguments: [] })) as { state: string; documents: number; items: number; message: string };
    assert.equal(status.state, 'ready');
    // What the user is told (issue 15): progress while it runs, then what was indexed and how long it took.
    assert.match(status.message, new RegExp(`^Indexed ${status.documents} documents, ${status.items} items in (< 0\\.1|\\d+\\.\\d) s\\.$`));
    assert.equal(status.documents, 7, 'the five seeds and the two workspace drafts');
    const token = client.progressTokens[tokens];
    assert.ok(token !== undefined, 'a work-done progress was created for the rebuild');
    assert.deepEqual([...new Set(client.progress.filter((report) => report.token === token).map((report) => report.value.kind))].filter((kind) => kind !== 'report'), ['begin', 'end']);
    assert.match(client.logs.map((log) => log.message).join('\n'), /reused \d+ documents, read 1, removed 0; wrote/, 'the rebuild read the changed draft and wrote the persisted index');
    // A question about the second draft's item, from a draft that is not in the workspace.
    const probe = workspace.uri('probe.rec.md');
    const askHover = async (server: LspClient) => {
      await server.open(probe, 'Draft\n\n1. Provide consular assistance to fishers stranded in foreign ports.\n');
      await server.waitForDiagnostics(probe);
      return hoverText(await server.connection.sendRequest(HoverRequest.type, { textDocument: { uri: probe }, position: { line: 2, character: 5 } }));
    };
    const before = await askHover(client);
    assert.ok(before.includes(workspace.uri('b-second.rec.md')) && before.includes(uri), before);
    await client.close(probe);
    assert.equal(await client.shutdown(), 'exited');

    client = await start();
    const logs = client.logs.map((log) => log.message).join('\n');
    assert.doesNotMatch(logs, /corrupt|not used/, logs);
    assert.match(logs, /reused \d+ documents, read 0, removed 0/, logs);
    const after = await askHover(client);
    assert.equal(after, before, 'the restarted server answers as the one that wrote the index');
  });
});
