// Issue 17 §1 over a real LSP connection: the numbering slips of test/support/numberingCases.ts, typed into
// drafts opened in the built server, give exactly the diagnostics a reviewer expects (one per mistake, on
// that item, naming the label renumbering writes there); the quick fix and fix-all renumber as before; and
// the numbering.style settings are followed.

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { CodeActionRequest, type CodeAction, type Diagnostic, type PublishDiagnosticsParams, type TextEdit } from 'vscode-languageserver-protocol/node';
import { applyEdits, LspClient, SERVER_JS, TempWorkspace, vscodeCapabilities } from './harness';
import { expectedIn, FIRST_ITEM_LINE, NUMBERING_CASES, numberingDraft } from '../support/numberingCases';

const NUMBERING_CODES = ['numbering-gap', 'numbering-repeat', 'numbering-order', 'numbering-start', 'numbering-restart', 'marker-mixed'];

/** `code@line` (0-based) and the label the message names as expected ("-" for none), numbering diagnostics only. */
function seen(params: PublishDiagnosticsParams): string[] {
  return params.diagnostics
    .filter((diagnostic) => NUMBERING_CODES.includes(String(diagnostic.code)))
    .map((diagnostic) => `${diagnostic.code}@${diagnostic.range.start.line} ${expectedIn(messageOf(diagnostic)) ?? '-'}`);
}

function messageOf(diagnostic: Diagnostic): string {
  return typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
}

function editsFor(action: CodeAction, uri: string): TextEdit[] {
  const edits = action.edit?.changes?.[uri];
  assert.ok(edits && edits.length > 0, `code action "${action.title}" has no edits for ${uri}`);
  return edits;
}

/** A server with `settings` at start-up (as Neovim, Emacs and Helix pass them), its workspace, and a draft opener. */
function serverWith(settings?: Record<string, unknown>) {
  const workspace = new TempWorkspace();
  const opened: string[] = [];
  const state = { client: undefined as unknown as LspClient };
  before(async () => {
    if (!existsSync(SERVER_JS)) throw new Error(`${SERVER_JS} is missing: run \`node esbuild.mjs\` (npm test builds it) before the protocol tests.`);
    state.client = LspClient.start();
    await state.client.initialize({
      capabilities: vscodeCapabilities({ configuration: settings === undefined, watchedFiles: false }),
      initializationOptions: settings === undefined ? undefined : { settings: { precedent: settings } },
      workspaceFolders: [workspace.folder()],
    });
    await state.client.waitForIndexReady();
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') console.error(state.client.serverOutput().slice(-5000));
    for (const uri of opened.splice(0)) await state.client.close(uri);
  });
  after(async () => {
    await state.client?.shutdown();
    workspace.remove();
  });
  const open = async (name: string, text: string) => {
    const uri = workspace.uri(name);
    opened.push(uri);
    await state.client.open(uri, text);
    return { uri, published: await state.client.waitForDiagnostics(uri, (params) => params.version === 1) };
  };
  return { state, open };
}

describe('numbering over LSP: the fewest wrong labels, each named once', function () {
  this.timeout(30_000);
  const { state, open } = serverWith();

  NUMBERING_CASES.forEach((example, k) => {
    it(`${example.name}: ${example.labels.join(' ')}`, async () => {
      const { published } = await open(`numbering-${k}.rec.md`, numberingDraft(example.labels));
      assert.deepEqual(seen(published), example.findings.map((finding) => `${finding.code}@${FIRST_ITEM_LINE + finding.at} ${finding.expected ?? '-'}`));
    });
  });

  it('"Renumber this list" on the one typo finding writes the label it named, and fixes nothing else', async () => {
    const text = numberingDraft(['1.', '2.', '3.', '4.', '50.', '6.', '7.']);
    const { uri, published } = await open('typo-fix.rec.md', text);
    const typo = published.diagnostics.find((diagnostic) => diagnostic.code === 'numbering-order');
    assert.ok(typo, JSON.stringify(published.diagnostics));
    const actions = (await state.client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: typo.range, context: { diagnostics: [typo], triggerKind: 1 } })) as CodeAction[];
    const renumber = actions.find((action) => action.title === 'Renumber this list');
    assert.ok(renumber, actions.map((action) => action.title).join('\n'));
    assert.deepEqual(editsFor(renumber, uri).map((edit) => [edit.range.start.line, edit.newText]), [[typo.range.start.line, '5.']]);
    assert.equal(applyEdits(text, editsFor(renumber, uri)), numberingDraft(['1.', '2.', '3.', '4.', '5.', '6.', '7.']));
  });

  it('source.fixAll renumbers a swap and a repeat in one go', async () => {
    const text = `${numberingDraft(['1.', '3.', '2.', '4.'])}\nOther matters\n\n1. Collect data.\n2. Publish it.\n2. Review it.\n`;
    const { uri, published } = await open('fixall-numbering.rec.md', text);
    assert.deepEqual(seen(published), ['numbering-order@3 2.', 'numbering-order@4 3.', 'numbering-repeat@11 3.']);
    const actions = (await state.client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll'] } })) as CodeAction[];
    assert.deepEqual(actions.map((action) => action.kind), ['source.fixAll.precedent']);
    assert.equal(applyEdits(text, editsFor(actions[0]!, uri)), `${numberingDraft(['1.', '2.', '3.', '4.'])}\nOther matters\n\n1. Collect data.\n2. Publish it.\n3. Review it.\n`);
  });
});

describe('numbering over LSP under numbering.style (settings at start-up)', function () {
  this.timeout(30_000);
  const sections = (second: string[]) => `# One\n\n1. Ratify the conventions.\n2. Promote fair recruitment.\n\n# Two\n\n${second.map((label, k) => `${label} Measure ${k + 1} of section two.`).join('\n')}\n`;

  describe('continuous', () => {
    const { open } = serverWith({ numbering: { style: 'continuous' }, diagnostics: { precedentReuse: false } });
    it('a typo in the second section names the continued label; a section that restarts is numbering-restart', async () => {
      assert.deepEqual(seen((await open('continuous-typo.rec.md', sections(['3.', '7.', '5.']))).published), ['numbering-order@8 4.']);
      assert.deepEqual(seen((await open('continuous-restart.rec.md', sections(['1.', '2.', '3.']))).published), ['numbering-restart@7 3.']);
    });
  });

  describe('restartPerSection', () => {
    const { open } = serverWith({ numbering: { style: 'restartPerSection' }, diagnostics: { precedentReuse: false } });
    it('a typo in the second section names the restarted label; a section that continues is numbering-restart', async () => {
      assert.deepEqual(seen((await open('restart-typo.rec.md', sections(['1.', '5.', '3.']))).published), ['numbering-order@8 2.']);
      assert.deepEqual(seen((await open('restart-continues.rec.md', sections(['3.', '4.', '5.']))).published), ['numbering-restart@7 -']);
    });
  });
});
