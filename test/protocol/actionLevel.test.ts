// `vague-action` over LSP: off by default; with precedent.diagnostics.vagueAction a hint (code, source, the
// level in the message) on the items that only ask to consider or continue, and none on the others.

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol';
import { LspClient, SERVER_JS, TempWorkspace } from './harness';

const DRAFT = ['Recommendations', '', '1. Consider a regional skills passport for migrant workers.', '2. Continue the dialogue with countries of destination.', '3. Adopt a national action plan on fair recruitment by 2027.', '4. Strengthen labour inspection in fishing.', ''].join('\n');

describe('language server: vague-action', function () {
  this.timeout(20_000);
  const workspace = new TempWorkspace();
  const uri = workspace.uri('draft.rec.md');
  let client: LspClient;

  before(() => assert.ok(existsSync(SERVER_JS), 'run `npm run build` first'));
  afterEach(async () => client?.shutdown());
  after(() => workspace.remove());

  const codesOn = async (settings: object) => {
    client = LspClient.start();
    client.configuration = { precedent: settings };
    await client.initialize({ workspaceFolders: [workspace.folder()] });
    await client.waitForIndexReady();
    await client.open(uri, DRAFT);
    return (await client.waitForDiagnostics(uri)).diagnostics;
  };

  it('is off by default', async () => {
    const diagnostics = await codesOn({});
    assert.ok(!diagnostics.some((diagnostic) => diagnostic.code === 'vague-action'));
  });

  it('marks the items that ask to consider or continue, as hints naming the level', async () => {
    const diagnostics = (await codesOn({ diagnostics: { vagueAction: true, precedentReuse: false } })).filter((diagnostic) => diagnostic.code === 'vague-action');
    assert.deepEqual(diagnostics.map((diagnostic) => diagnostic.range.start.line), [2, 3]);
    assert.ok(diagnostics.every((diagnostic) => diagnostic.severity === DiagnosticSeverity.Hint && diagnostic.source === 'precedent'));
    assert.match(String(diagnostics[0]!.message), /Asks only to consider a change \(“consider”: level 3 of 5/);
  });
});
