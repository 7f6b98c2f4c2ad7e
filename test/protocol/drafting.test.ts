// The drafting flow of issue 15 over LSP: Enter after an item types the next label flush with the list
// (one-line and wrapped items, indented and flush continuation lines, numbered and bulleted), the next-label
// completion replaces the indentation an editor kept, and an indented label that continues the numbering is
// read, shown and renumbered as the list's next item.

import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import {
  CodeActionRequest,
  CompletionRequest,
  DocumentOnTypeFormattingRequest,
  DocumentSymbolRequest,
  type CodeAction,
  type CompletionList,
  type DocumentSymbol,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { applyEdits, LspClient, REPO_ROOT, SERVER_JS, TempWorkspace } from './harness';

const EXAMPLE = `${REPO_ROOT}examples/draft-afml17.rec.md`;

/** A numbered list whose item 2 is wrapped over a continuation line indented as `continuation` says. */
const numbered = (continuation: string) => [
  'Sub-theme 1: Recruitment',
  '',
  '1. Reduce recruitment costs for migrant workers.',
  '2. Require licensed recruitment agencies to publish their fees and to keep contact with the workers they place',
  `${continuation}until the end of the contract.`,
  '',
].join('\n');

const bulleted = (continuation: string) => [
  'Sub-theme 1: Recruitment',
  '',
  '- Reduce recruitment costs for migrant workers.',
  '- Require licensed recruitment agencies to publish their fees and to keep contact with the workers they place',
  `${continuation}until the end of the contract.`,
  '',
].join('\n');

describe('language server: Enter and the next label (drafting flow)', function () {
  this.timeout(20_000);
  const workspace = new TempWorkspace();
  let client: LspClient;
  let count = 0;

  before(async () => {
    if (!existsSync(SERVER_JS)) throw new Error(`${SERVER_JS} is missing: run \`node esbuild.mjs\` first.`);
    client = LspClient.start();
    await client.initialize({ workspaceFolders: [workspace.folder()], initializationOptions: { indexCache: false } });
    await client.waitForIndexReady();
  });

  after(async () => {
    await client?.shutdown();
    workspace.remove();
  });

  afterEach(function () {
    if (this.currentTest?.state === 'failed') console.error(client.serverOutput());
  });

  async function open(text: string): Promise<string> {
    const uri = workspace.uri(`draft-${++count}.rec.md`);
    await client.open(uri, text);
    await client.waitForDiagnostics(uri);
    return uri;
  }

  /**
   * What VS Code does on Enter at the end of `line`: the line break and the indentation it keeps (its own
   * onEnterRules' text for a bulleted line: `kept`), then onTypeFormatting at the end of that on the new line.
   * Returns the lines of the document once the server's edits are applied, and the edits.
   */
  async function pressEnter(uri: string, line: number, kept = ''): Promise<{ lines: string[]; edits: TextEdit[] }> {
    const before = client.textOf(uri)!.split('\n');
    const character = before[line]!.length;
    await client.change(uri, 2, [{ range: { start: { line, character }, end: { line, character } }, text: `\n${kept}` }]);
    const edits = (await client.connection.sendRequest(DocumentOnTypeFormattingRequest.type, { textDocument: { uri }, position: { line: line + 1, character: kept.length }, ch: '\n', options: { tabSize: 4, insertSpaces: true } })) ?? [];
    return { lines: applyEdits(client.textOf(uri)!, edits).split('\n'), edits };
  }

  for (const [name, continuation] of [['indented', '   '], ['flush', '']] as const) {
    it(`Enter after a numbered item wrapped over ${name} continuation lines types "3. " flush with the list`, async () => {
      const uri = await open(numbered(continuation));
      const { lines } = await pressEnter(uri, 4, continuation);
      assert.equal(lines[5], '3. ');
    });

    it(`Enter after a bulleted item wrapped over ${name} continuation lines types "- " flush with the list`, async () => {
      const uri = await open(bulleted(continuation));
      const { lines } = await pressEnter(uri, 4, continuation);
      assert.equal(lines[5], '- ');
    });
  }

  it('Enter after a one-line numbered item types the next number', async () => {
    const uri = await open('Sub-theme 1: Recruitment\n\n1. Reduce recruitment costs for migrant workers.\n');
    const { lines } = await pressEnter(uri, 2);
    assert.deepEqual(lines.slice(2, 4), ['1. Reduce recruitment costs for migrant workers.', '2. ']);
  });

  it('Enter after a one-line bulleted item where VS Code typed "- " already: nothing more (no "- - ")', async () => {
    const uri = await open(bulleted(''));
    const { lines, edits } = await pressEnter(uri, 2, '- ');
    assert.deepEqual(edits, []);
    assert.equal(lines[3], '- ');
  });

  it('Enter at the end of a wrapped item\'s first line, its continuation below: no label (the item goes on)', async () => {
    const uri = await open(numbered('   '));
    const { edits } = await pressEnter(uri, 3, '');
    assert.deepEqual(edits, []);
  });

  it('Enter after an item of a nested list keeps the nested list\'s indentation', async () => {
    const uri = await open('Recommendations\n\n1. Protect migrant workers:\n   (a) in recruitment;\n   (b) at work;\n');
    const { lines } = await pressEnter(uri, 4, '   ');
    assert.equal(lines[5], '   (c) ');
  });

  it('Enter on an empty item ends the list: its label goes', async () => {
    const uri = await open('Recommendations\n\n1. Promote fair recruitment.\n2. ');
    const { lines } = await pressEnter(uri, 3);
    assert.deepEqual(lines.slice(2), ['1. Promote fair recruitment.', '', '']);
  });

  it('Enter after a lone "12." that is not the list\'s next label (a page number) leaves it', async () => {
    const uri = await open('Recommendations\n\n1. Promote fair recruitment.\n12.');
    const { edits } = await pressEnter(uri, 3);
    assert.deepEqual(edits, []);
  });

  it('the next-label completion on an indented line replaces the indentation: "3. " flush with the list', async () => {
    const uri = await open(`${numbered('   ')}   `);
    const list = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: 5, character: 3 }, context: { triggerKind: 1 } })) as CompletionList;
    const label = list.items.find((item) => item.kind === 13);
    assert.ok(label && label.textEdit && 'range' in label.textEdit, JSON.stringify(list.items.slice(0, 3)));
    assert.equal(label.label, '3. ');
    assert.equal(applyEdits(client.textOf(uri)!, [label.textEdit]).split('\n')[5], '3. ');
    assert.deepEqual(list.items.filter((item) => item.kind === 9).map((item) => item.label), [], 'no section headings on an indented line');
  });

  it('an indented "9." after wrapped item 8 of the example is item 9: no numbering warning, not nested in the outline, left as 9 by Renumber', async function () {
    if (!existsSync(EXAMPLE)) this.skip();
    const example = readFileSync(EXAMPLE, 'utf8');
    const text = example.replace('   until the end of the contract.\n', '   until the end of the contract.\n   9. Publish the list of licensed recruitment agencies every year.\n');
    assert.notEqual(text, example, 'the example still has its wrapped item 8');
    const uri = workspace.uri('example-nine.rec.md');
    await client.open(uri, text);
    const published = await client.waitForDiagnostics(uri);
    const nine = text.split('\n').findIndex((line) => line.startsWith('   9.'));
    const onNine = published.diagnostics.filter((diagnostic) => diagnostic.range.start.line === nine).map((diagnostic) => diagnostic.code);
    assert.ok(!onNine.some((code) => /^numbering|^marker/.test(String(code))), JSON.stringify(published.diagnostics, null, 1));

    const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as DocumentSymbol[];
    const section = symbols.flatMap((symbol) => [symbol, ...(symbol.children ?? [])]).find((symbol) => symbol.name.startsWith('Sub-theme 1'));
    assert.ok(section?.children, JSON.stringify(symbols, null, 1));
    assert.equal(section.children.length, 9, 'items 1 to 9 side by side');
    assert.equal(section.children[8]!.range.start.line, nine);
    assert.deepEqual(section.children[7]!.children ?? [], [], 'nothing nested under item 8');

    const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll'] } })) as CodeAction[];
    const fixed = applyEdits(text, actions.flatMap((action) => action.edit?.changes?.[uri] ?? [])).split('\n');
    assert.equal(fixed[nine], '   9. Publish the list of licensed recruitment agencies every year.');
  });
});
