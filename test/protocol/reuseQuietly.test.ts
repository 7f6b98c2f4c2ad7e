// Reuse shown quietly (issue 15): precedent-reuse is a hint by default (no squiggle, out of VS Code's Problems
// panel) with an end-of-line inlay hint naming the source ("↩ Viet Nam 2020 · 6 · 100%");
// `precedent.inlayHints.precedentReuse: false` turns the inlay hint off and `precedent.diagnostics.severity`
// `{ "precedent-reuse": "information" }` brings the information severity back, from workspace/configuration
// and from initializationOptions.settings alike.

import assert from 'node:assert/strict';
import {
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  ExecuteCommandRequest,
  InlayHintRequest,
  type InlayHint,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { LspClient, TempWorkspace, vscodeCapabilities } from './harness';

/** Item 1 is Viet Nam 2020's item 6 word for word (seed line 27); item 2 reuses nothing. */
const DRAFT = [
  'Recommendations',
  '',
  '1. Reduce costs and increase the availability and accessibility of remittance services, including digital services.',
  '2. Paint every labour office in the capital a bright shade of green.',
  '',
].join('\n');
const REUSED_LINE = 2;

function reuseSeverity(params: PublishDiagnosticsParams): DiagnosticSeverity | undefined {
  return params.diagnostics.find((diagnostic) => diagnostic.code === 'precedent-reuse' && diagnostic.range.start.line === REUSED_LINE)?.severity;
}

async function inlayHints(client: LspClient, uri: string): Promise<InlayHint[]> {
  return ((await client.connection.sendRequest(InlayHintRequest.type, { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 5, character: 0 } } })) ?? []) as InlayHint[];
}

describe('language server: reuse shown quietly (workspace/configuration)', function () {
  this.timeout(20_000);
  const workspace = new TempWorkspace();
  const uri = workspace.uri('quiet.rec.md');
  let client: LspClient;

  before(async () => {
    client = LspClient.start();
    client.configuration = { precedent: {} };
    const result = await client.initialize({ workspaceFolders: [workspace.folder()], initializationOptions: { indexCache: false } });
    assert.deepEqual(result.capabilities.inlayHintProvider, { resolveProvider: false });
    await client.waitForIndexReady();
    await client.open(uri, DRAFT);
  });

  after(async () => {
    await client?.shutdown();
    workspace.remove();
  });

  afterEach(function () {
    if (this.currentTest?.state === 'failed') console.error(client.serverOutput());
  });

  it('by default the reuse is a hint diagnostic', async () => {
    const published = await client.waitForDiagnostics(uri, (params) => reuseSeverity(params) !== undefined);
    assert.equal(reuseSeverity(published), DiagnosticSeverity.Hint);
  });

  it('an inlay hint at the end of the reused item names the source briefly: "↩ Viet Nam 2020 · 6 · 100%"', async () => {
    const hints = await inlayHints(client, uri);
    assert.equal(hints.length, 1, JSON.stringify(hints));
    assert.equal(hints[0]!.label, '↩ Viet Nam 2020 · 6 · 100%');
    assert.deepEqual(hints[0]!.position, { line: REUSED_LINE, character: DRAFT.split('\n')[REUSED_LINE]!.length });
    assert.match(String(hints[0]!.tooltip), /Viet Nam · 13th AFML · 28 Sep 2020 · Sub-theme 1 · item 6/);
  });

  it('only the hints of the lines asked for', async () => {
    const hints = (await client.connection.sendRequest(InlayHintRequest.type, { textDocument: { uri }, range: { start: { line: 3, character: 0 }, end: { line: 4, character: 0 } } })) ?? [];
    assert.deepEqual(hints, []);
  });

  it('diagnostics.severity { "precedent-reuse": "information" } brings the information severity back', async () => {
    client.configuration = { precedent: { diagnostics: { severity: { 'precedent-reuse': 'information' } } } };
    const published = client.nextDiagnostics(uri, (params) => reuseSeverity(params) === DiagnosticSeverity.Information);
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    assert.equal(reuseSeverity(await published), DiagnosticSeverity.Information);
  });

  it('inlayHints.precedentReuse: false turns the inlay hints off, and the client is asked to refresh them', async () => {
    const refreshes = client.inlayHintRefreshes;
    client.configuration = { precedent: { inlayHints: { precedentReuse: false } } };
    const published = client.nextDiagnostics(uri);
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    await published;
    assert.ok(client.inlayHintRefreshes > refreshes, 'workspace/inlayHint/refresh after the settings changed');
    assert.deepEqual(await inlayHints(client, uri), []);
  });

  it('no inlay hint either when reuse is not reported at all (diagnostics.precedentReuse: false, or its severity "off")', async () => {
    for (const diagnostics of [{ precedentReuse: false }, { severity: { 'precedent-reuse': 'off' } }]) {
      client.configuration = { precedent: { diagnostics } };
      const published = client.nextDiagnostics(uri);
      await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
      assert.equal(reuseSeverity(await published), undefined);
      assert.deepEqual(await inlayHints(client, uri), [], JSON.stringify(diagnostics));
    }
    client.configuration = { precedent: {} };
    const published = client.nextDiagnostics(uri);
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    await published;
    assert.equal((await inlayHints(client, uri)).length, 1, 'back with the defaults');
  });

  it('Rebuild Index asks the client to refresh the inlay hints', async () => {
    const refreshes = client.inlayHintRefreshes;
    await client.connection.sendRequest(ExecuteCommandRequest.type, { command: 'precedent.server.rebuildIndex', arguments: [] });
    assert.ok(client.inlayHintRefreshes > refreshes);
  });
});

describe('language server: reuse shown quietly (initializationOptions.settings)', function () {
  this.timeout(20_000);
  const workspace = new TempWorkspace();
  let client: LspClient;

  before(async () => {
    client = LspClient.start();
    const capabilities = vscodeCapabilities({ configuration: false, watchedFiles: false });
    await client.initialize({
      capabilities,
      workspaceFolders: [workspace.folder()],
      initializationOptions: { indexCache: false, settings: { precedent: { inlayHints: { precedentReuse: false }, diagnostics: { severity: { 'precedent-reuse': 'information' } } } } },
    });
    await client.waitForIndexReady();
  });

  after(async () => {
    await client?.shutdown();
    workspace.remove();
  });

  it('the settings given at start-up: no inlay hint, the reuse as information', async () => {
    const uri = workspace.uri('start-up.rec.md');
    await client.open(uri, DRAFT);
    const published = await client.waitForDiagnostics(uri, (params) => reuseSeverity(params) !== undefined);
    assert.equal(reuseSeverity(published), DiagnosticSeverity.Information);
    assert.deepEqual(await inlayHints(client, uri), []);
  });
});
