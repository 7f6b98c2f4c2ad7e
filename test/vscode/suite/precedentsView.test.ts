// The Precedents view in a real VS Code: it follows the cursor through the example draft, says why it is empty
// elsewhere, and its entry actions copy a citation and replace an item with a precedent's wording.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PrecedentApi } from '../../../client/src/extension';
import type { PrecedentsResult } from '../../../server/src/lsp/protocol';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(what: string, probe: () => T | undefined | false, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(150);
  }
}

function lineOf(document: vscode.TextDocument, prefix: string): number {
  for (let line = 0; line < document.lineCount; line++) if (document.lineAt(line).text.startsWith(prefix)) return line;
  throw new Error(`no line starts with "${prefix}" in ${document.uri.fsPath}`);
}

describe('Precedents view (Explorer)', function () {
  this.timeout(60_000);
  let api: PrecedentApi;
  let editor: vscode.TextEditor;

  const moveTo = (line: number) => {
    editor.selection = new vscode.Selection(line, 4, line, 4);
  };

  before(async function () {
    this.timeout(120_000);
    const extension = vscode.extensions.getExtension<PrecedentApi>('precedent.precedent');
    assert.ok(extension);
    api = await extension.activate();
    await api.ready;
    await until('the index to be ready', () => api.indexStatus()?.state === 'ready', 60_000);
    const [draftUri] = await vscode.workspace.findFiles('**/draft-afml17.rec.md', '**/node_modules/**', 1);
    assert.ok(draftUri);
    editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(draftUri));
    // A hidden view asks nothing: show it (the command VS Code makes for every view), keeping the draft active.
    await vscode.commands.executeCommand('precedent.precedents.focus');
    await vscode.window.showTextDocument(editor.document, editor.viewColumn);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('follows the cursor: item 3 of the example draft was asked twice before, by Viet Nam and Lao PDR in 2020', async () => {
    moveTo(lineOf(editor.document, '3. Encourage job retention'));
    const view = await until('the view to show item 3', () => {
      const snapshot = api.precedentsView();
      return snapshot.message.startsWith('Asked twice before') && snapshot;
    });
    assert.equal(view.message, 'Asked twice before, since 2020: Viet Nam (13th AFML, 2020, item 4), Lao PDR (13th AFML, 2020)');
    // Each row starts with what tells it apart (similarity and source); the precedent's words follow.
    const labels = view.entries.map((entry) => entry.label);
    assert.ok(labels.includes('100% · Viet Nam · 13th AFML · 28 Sep 2020 · Sub-theme 1 · item 4'), labels.join('\n'));
    assert.ok(labels.includes('100% · Lao PDR · 13th AFML · 23 Oct 2020 · Sub-theme 1 · 6th item'), labels.join('\n'));
    assert.match(view.entries[0]!.description, /^Encourage job retention/);
  });

  it('says why it is empty on a heading and outside recommendation documents', async () => {
    moveTo(lineOf(editor.document, '## Sub-theme 1'));
    await until('the "no item" sentence', () => api.precedentsView().message === 'Put the cursor on an item to see its precedents.');
    assert.deepEqual(api.precedentsView().entries, []);
    const plain = await vscode.workspace.openTextDocument({ language: 'plaintext', content: '1. Encourage job retention.\n' });
    await vscode.window.showTextDocument(plain);
    await until('the "outside" sentence', () => api.precedentsView().message.startsWith('Open a recommendation document'));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    editor = await vscode.window.showTextDocument(editor.document, editor.viewColumn);
  });

  it('copies a citation and replaces the item at the cursor with a precedent\'s wording', async () => {
    const line = lineOf(editor.document, '1. Strengthen pre-departure orientation');
    moveTo(line);
    await until('the view to show item 1', () => api.precedentsView().message.startsWith('Asked once before, in 2022'));
    const answer = await api.client.sendRequest<PrecedentsResult>('precedent/precedents', {
      textDocument: { uri: api.client.code2ProtocolConverter.asUri(editor.document.uri) },
      position: { line, character: 4 },
    });
    const entry = answer.precedents[0]!;
    await vscode.commands.executeCommand('precedent.precedents.copyCitation', entry);
    assert.equal(await vscode.env.clipboard.readText(), entry.citation);
    await vscode.commands.executeCommand('precedent.precedents.replaceItem', entry);
    await until('the item replaced', () => editor.document.lineAt(line).text === `1. ${entry.text}`);
  });
});

describe('Precedent: Show Precedent Timeline', function () {
  this.timeout(60_000);

  it('draws a mark per occasion of the item at the cursor, then of the whole draft, with nothing refused by its content security policy', async () => {
    const extension = vscode.extensions.getExtension<PrecedentApi>('precedent.precedent')!;
    const api = await extension.activate();
    await api.ready;
    const [draftUri] = await vscode.workspace.findFiles('**/draft-afml17.rec.md', '**/node_modules/**', 1);
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(draftUri!));
    const line = lineOf(editor.document, '3. Encourage job retention');
    editor.selection = new vscode.Selection(line, 4, line, 4);
    await vscode.commands.executeCommand('precedent.showTimeline');
    const item = await until('the item timeline drawn', () => api.timelineDrawing()?.scope === 'item' && api.timelineDrawing());
    assert.equal(item.marks, 2, 'Viet Nam 2020 and Lao PDR 2020');
    assert.deepEqual(item.refused, []);
    // The chart took the focus: back to the draft, on a heading (no item: the whole draft).
    const heading = lineOf(editor.document, '## Sub-theme 1');
    const again = await vscode.window.showTextDocument(editor.document, editor.viewColumn);
    again.selection = new vscode.Selection(heading, 0, heading, 0);
    await vscode.commands.executeCommand('precedent.showTimeline');
    const draft = await until('the draft timeline drawn', () => api.timelineDrawing()?.scope === 'draft' && api.timelineDrawing());
    assert.equal(draft.marks, 22);
    assert.deepEqual(draft.refused, []);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
