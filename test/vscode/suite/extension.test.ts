// The Precedent extension inside a real VS Code: the extension host loads the extension (its dist/ bundles), which
// starts the language server; everything below goes through the `vscode` API, as a user's editor would.
// The workspace is a scratch copy of examples/ (the runners make it), so edits never touch the repository.

import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import * as vscode from 'vscode';
import type { PrecedentApi } from '../../../client/src/extension';
import type { CompareResult } from '../../../server/src/lsp/protocol';

const EXTENSION_ID = 'precedent.precedent';
const VIET_NAM_2020 = 'viet-nam-afml13-2020.txt';

// ---- helpers ---------------------------------------------------------------------------------------------------

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `probe` until it returns a value other than undefined/false, or fails with `what` after `timeoutMs`. */
async function until<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await sleep(150);
  }
}

function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return typeof code === 'object' && code !== null ? String(code.value) : String(code);
}

function precedentDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === 'precedent');
}

/** "code@line" (1-based) of the warnings and errors, sorted: what a reviewer sees in the Problems panel. */
function warnings(uri: vscode.Uri): string[] {
  return precedentDiagnostics(uri)
    .filter((diagnostic) => diagnostic.severity <= vscode.DiagnosticSeverity.Warning)
    .map((diagnostic) => `${codeOf(diagnostic)}@${diagnostic.range.start.line + 1}`)
    .sort();
}

function hoverText(hovers: vscode.Hover[] | undefined): string {
  return (hovers ?? [])
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : content.value))
    .join('\n---\n');
}

function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

function targetOf(location: vscode.Location | vscode.LocationLink): { uri: vscode.Uri; range: vscode.Range } {
  return 'targetUri' in location ? { uri: location.targetUri, range: location.targetRange } : { uri: location.uri, range: location.range };
}

function lineOf(document: vscode.TextDocument, needle: string): number {
  for (let line = 0; line < document.lineCount; line++) if (document.lineAt(line).text.includes(needle)) return line;
  throw new Error(`"${needle}" is not in ${document.uri.fsPath}`);
}

/** Error messages the extension shows while a command runs (its commands report failures that way, not by throwing). */
/**
 * Runs a command that waits in quick picks, accepting the selected row of each as it comes. Accepting before a
 * pick's rows are in does nothing, so it accepts every 700 ms until the command is done (at most 15 s).
 */
async function runAcceptingQuickPicks(command: string): Promise<void> {
  const running = vscode.commands.executeCommand(command);
  let settled = false;
  void Promise.resolve(running).then(
    () => (settled = true),
    () => (settled = true),
  );
  const deadline = Date.now() + 15_000;
  while (!settled && Date.now() < deadline) {
    await sleep(700);
    if (!settled) await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
  }
  if (!settled) await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  await running;
}

function captureErrors(): { messages: string[]; restore(): void } {
  const messages: string[] = [];
  const window = vscode.window as { showErrorMessage: (...args: unknown[]) => unknown };
  const original = window.showErrorMessage;
  window.showErrorMessage = (...args: unknown[]) => {
    messages.push(String(args[0]));
    return original.apply(vscode.window, args);
  };
  return {
    messages,
    restore: () => {
      window.showErrorMessage = original;
    },
  };
}

async function runCommand(command: string, ...args: unknown[]): Promise<void> {
  const errors = captureErrors();
  try {
    await vscode.commands.executeCommand(command, ...args);
  } finally {
    errors.restore();
  }
  assert.deepEqual(errors.messages, [], `${command} showed an error`);
}

/** Closes every editor without saving (no "Save changes?" dialog for the edited untitled documents). */
async function closeAllEditors(): Promise<void> {
  for (let i = 0; i < 20 && vscode.window.visibleTextEditors.length > 0; i++) {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

// ---- the suite -------------------------------------------------------------------------------------------------

describe('Precedent in VS Code (extension host)', function () {
  this.timeout(60_000);
  let api: PrecedentApi;
  let extension: vscode.Extension<PrecedentApi>;
  let draft: vscode.TextDocument;
  let uri: vscode.Uri;
  /** 0-based lines of the example's items that the checks are about. */
  let lines: { boards: number; boardsAgain: number; khmer: number; khmerAgain: number; gap: number; lastOfFirstList: number };

  before(async function () {
    this.timeout(120_000);
    const found = vscode.extensions.getExtension<PrecedentApi>(EXTENSION_ID);
    assert.ok(found, `extension ${EXTENSION_ID} is loaded`);
    extension = found;
    const [draftUri] = await vscode.workspace.findFiles('**/draft-afml17.rec.md', '**/node_modules/**', 1);
    assert.ok(draftUri, 'the workspace holds examples/draft-afml17.rec.md');
    uri = draftUri;
    draft = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(draft);
    assert.equal(draft.languageId, 'recommendation', '*.rec.md opens as a recommendation document');
    api = await extension.activate();
    assert.ok(extension.isActive);
    await api.ready;
    await until('the index to be ready', () => api.indexStatus()?.state === 'ready', 60_000);
    await until('diagnostics of the example draft', () => warnings(uri).length >= 3 || undefined, 30_000);
    // Diagnostics published while the index was still being built come again, with precedent-reuse, once it is ready.
    await until('precedent-reuse diagnostics of the example draft', () => precedentDiagnostics(uri).filter((d) => codeOf(d) === 'precedent-reuse').length >= 3, 30_000);
    lines = {
      boards: lineOf(draft, '4. Enhance the role of labor management board'),
      boardsAgain: lineOf(draft, '5. Enhance the role of labour management boards'),
      khmer: lineOf(draft, '6. Provide information in Khmer'),
      khmerAgain: lineOf(draft, '4. Provide information in Khmer'),
      gap: lineOf(draft, '4. Collect sex- and age-disaggregated'),
      lastOfFirstList: lineOf(draft, 'until the end of the contract.'),
    };
  });

  after(closeAllEditors);

  describe('language features', () => {
    it('activates on a recommendation document and reports the index (seeds indexed)', () => {
      const status = api.indexStatus();
      assert.equal(status?.state, 'ready');
      assert.ok((status?.documents ?? 0) >= 5, JSON.stringify(status));
      assert.ok((status?.items ?? 0) > 50, JSON.stringify(status));
    });

    it('diagnostics: the numbering gap (line 28) and the two duplicates (lines 29 and 38) of the example', () => {
      assert.deepEqual([lines.gap + 1, lines.boardsAgain + 1, lines.khmerAgain + 1], [28, 29, 38]);
      assert.deepEqual(warnings(uri), ['duplicate-item@29', 'duplicate-item@38', 'numbering-gap@28']);
      const all = precedentDiagnostics(uri);
      const duplicate = all.find((diagnostic) => codeOf(diagnostic) === 'duplicate-item' && diagnostic.range.start.line === lines.khmerAgain);
      assert.equal(duplicate?.relatedInformation?.[0]?.location.range.start.line, lines.khmer, 'the duplicate points at its first occurrence');
      const reuse = all.filter((diagnostic) => codeOf(diagnostic) === 'precedent-reuse');
      assert.ok(reuse.length >= 3, 'precedent-reuse findings too');
      // Reuse is shown quietly (issue 15): a hint, kept out of the Problems panel.
      assert.ok(reuse.every((diagnostic) => diagnostic.severity === vscode.DiagnosticSeverity.Hint));
      // Its related place, the precedent, opens as the hover's link does: read-only, under the document's title.
      const source = reuse.find((diagnostic) => diagnostic.range.start.line === lines.boards)?.relatedInformation?.[0]?.location.uri;
      assert.equal(source?.scheme, 'precedent', source?.toString());
      assert.equal(source?.path, '/Viet Nam · 13th AFML · 2020.txt');
    });

    it('inlay hint: the reused item ends with its short source ("↩ Viet Nam 2020 · …")', async () => {
      const line = draft.lineAt(lines.boards);
      const hints = await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', uri, new vscode.Range(lines.boards, 0, lines.boards, line.text.length));
      const labels = hints.map((hint) => (typeof hint.label === 'string' ? hint.label : hint.label.map((part) => part.value).join('')));
      assert.equal(labels.length, 1, JSON.stringify(labels));
      assert.match(labels[0]!, /^↩ Viet Nam 2020 · 1[46] · \d+%$/);
      assert.equal(hints[0]!.position.line, lines.boards);
    });

    it('hover on a reused item names the Viet Nam 2020 seed it comes from, with a link to it', async () => {
      const text = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(lines.boards, 5)));
      assert.match(text, /Viet Nam/);
      assert.match(text, /13th AFML/);
      assert.ok(text.includes(VIET_NAM_2020), text);
    });

    it('completion offers the next item label on the line after the last item', async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, new vscode.Position(lines.lastOfFirstList + 1, 0));
      const labels = list.items.map(labelOf);
      assert.ok(labels.includes('9. '), labels.join('\n'));
      const next = list.items.find((item) => labelOf(item) === '9. ')!;
      assert.equal(next.preselect, true, 'the next label is preselected');
    });

    it('completion finishes a half-typed item in the words of a precedent, naming its source', async () => {
      const typed = '14. Consider repayment of, or morat';
      const content = `Sub-theme 1: Impact of COVID-19\n\n13. Conduct an evaluation on the impacts to migrant workers.\n${typed}`;
      const untitled = await vscode.workspace.openTextDocument({ language: 'recommendation', content });
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', untitled.uri, new vscode.Position(3, typed.length));
      const wording = 'Consider repayment of, or moratorium on, loan repayments/debt from migration.';
      const item = list.items.find((candidate) => labelOf(candidate) === wording);
      assert.ok(item, list.items.map(labelOf).join('\n'));
      assert.match(item.detail ?? '', /Viet Nam · 13th AFML · 2020/);
    });

    it('go to definition lands in seeds/viet-nam-afml13-2020.txt, opened read-only under its title', async () => {
      const result = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', uri, new vscode.Position(lines.boards, 10));
      assert.ok(result.length >= 1, 'a definition');
      const target = targetOf(result[0]!);
      // A `precedent:` document: its path the title, its query the seed's file.
      assert.equal(target.uri.scheme, 'precedent');
      assert.equal(target.uri.path, '/Viet Nam · 13th AFML · 2020.txt');
      const file = vscode.Uri.parse(target.uri.query);
      assert.equal(basename(file.fsPath), VIET_NAM_2020);
      assert.equal(basename(join(file.fsPath, '..')), 'seeds');
      const seed = await vscode.workspace.openTextDocument(target.uri);
      assert.match(seed.lineAt(target.range.start.line).text, /management board/i, 'on the precedent item');
    });

    it('find references lists the precedents, never the draft itself', async () => {
      const result = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', uri, new vscode.Position(lines.boards, 10));
      assert.ok(result.length >= 1);
      const fileOf = (location: vscode.Location) => (location.uri.scheme === 'precedent' ? vscode.Uri.parse(location.uri.query) : location.uri);
      assert.ok(result.some((location) => basename(fileOf(location).fsPath) === VIET_NAM_2020), result.map((location) => location.uri.toString()).join('\n'));
      assert.ok(result.every((location) => location.uri.toString() !== uri.toString()));
    });

    it('document symbols: the sub-themes with their items', async () => {
      const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', uri);
      const flat: vscode.DocumentSymbol[] = [];
      const walk = (list: vscode.DocumentSymbol[]) => {
        for (const symbol of list) {
          flat.push(symbol);
          walk(symbol.children ?? []);
        }
      };
      walk(symbols);
      const sections = flat.filter((symbol) => symbol.name.startsWith('Sub-theme'));
      assert.deepEqual(sections.map((section) => section.name), [
        'Sub-theme 1: Skills, fair recruitment and safe migration',
        'Sub-theme 2: Social protection and rights across the migration cycle',
        'Sub-theme 3: Return and reintegration',
      ]);
      assert.deepEqual(sections.map((section) => section.children.length), [8, 6, 6]);
    });

    it('workspace symbols: "remittance" finds the remittance items of the seeds', async () => {
      const symbols = await vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', 'remittance');
      assert.ok(symbols.some((symbol) => basename(symbol.location.uri.fsPath) === VIET_NAM_2020), symbols.map((symbol) => `${symbol.name} ${symbol.location.uri.fsPath}`).join('\n'));
    });

    it('quick fix "Renumber this list" (code action + workspace.applyEdit) closes the gap', async () => {
      const gap = precedentDiagnostics(uri).find((diagnostic) => codeOf(diagnostic) === 'numbering-gap');
      assert.ok(gap);
      const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', uri, gap.range, vscode.CodeActionKind.QuickFix.value, 10);
      const renumber = actions.find((action): action is vscode.CodeAction => action.title === 'Renumber this list' && 'edit' in action);
      assert.ok(renumber?.edit, actions.map((action) => action.title).join('\n'));
      assert.ok(await vscode.workspace.applyEdit(renumber.edit));
      assert.match(draft.lineAt(lines.gap).text, /^3\. Collect/);
      assert.match(draft.lineAt(lines.gap + 1).text, /^4\. Enhance/);
      assert.match(draft.lineAt(lines.gap + 3).text, /^6\. Mainstream gender/);
      await until('diagnostics without numbering-gap', () => !warnings(uri).includes('numbering-gap@28') && warnings(uri).length === 2);
      assert.deepEqual(warnings(uri), ['duplicate-item@29', 'duplicate-item@38'], 'the duplicates are still reported');
      await vscode.commands.executeCommand('workbench.action.files.revert');
      assert.match(draft.lineAt(lines.gap).text, /^4\. Collect/, 'reverted');
      await until('the gap reported again after the revert', () => warnings(uri).includes('numbering-gap@28'));
    });

  });

  describe('commands', () => {
    beforeEach(async () => {
      await vscode.window.showTextDocument(draft);
    });

    it('Precedent: Renumber Lists fixes the gap through the server', async () => {
      assert.equal(vscode.window.activeTextEditor?.document, draft);
      await runCommand('precedent.renumberLists');
      await until('the renumbering', () => /^3\. Collect/.test(draft.lineAt(lines.gap).text));
      await until('diagnostics without numbering-gap', () => !warnings(uri).some((warning) => warning.startsWith('numbering-')));
      await vscode.commands.executeCommand('workbench.action.files.revert');
      await until('the gap reported again after the revert', () => warnings(uri).includes('numbering-gap@28'));
    });

    it('Precedent: Export Consistency Report opens the report rendered (the Markdown preview)', async () => {
      await runCommand('precedent.exportReport');
      await until('the Markdown preview of the report', () => vscode.window.tabGroups.all.flatMap((group) => group.tabs).find((tab) => tab.input instanceof vscode.TabInputWebview && /markdown\.preview/.test(tab.input.viewType) && /report|Untitled/i.test(tab.label)));
      const report = await until('the report document', () => vscode.workspace.textDocuments.find((document) => document.languageId === 'markdown' && document.getText().includes('Consistency report')));
      const text = report.getText();
      for (const code of ['duplicate-item', 'numbering-gap']) assert.ok(text.includes(code), `${code} in the report`);
      assert.ok(text.includes(VIET_NAM_2020), `the report names the precedents:\n${text}`);
    });

    it('Precedent: Compare with Earlier Document… lists the library most alike first, then shows the comparison in a webview', async () => {
      await vscode.window.showTextDocument(draft);
      // The quick pick answered as a user would: the first document offered (the most alike).
      const window = vscode.window as { showQuickPick: (...args: unknown[]) => unknown };
      const original = window.showQuickPick;
      let offered: Array<vscode.QuickPickItem & { uri: string | null }> = [];
      window.showQuickPick = async (items: unknown) => {
        offered = (await items) as typeof offered;
        return offered[0];
      };
      const errors = captureErrors();
      let record: CompareResult | undefined;
      try {
        record = await vscode.commands.executeCommand<CompareResult | undefined>('precedent.compareWithEarlier');
      } finally {
        window.showQuickPick = original;
        errors.restore();
      }
      assert.deepEqual(errors.messages, []);
      const documents = offered.filter((item) => item.uri !== null);
      assert.ok(documents.length >= 2, JSON.stringify(offered));
      // Title, then country · forum · date; "Choose a file…" last.
      assert.ok(documents.every((item) => item.description && /\d{4}-\d{2}-\d{2}|no date/.test(item.description)), JSON.stringify(documents));
      assert.match(offered.at(-1)!.label, /Choose a file…/);
      assert.ok(record, 'the command returns the comparison it shows');
      assert.equal(record.earlier.file, documents[0]!.uri);
      assert.equal(record.draft.file, uri.toString());
      const tab = await until('the comparison tab', () => vscode.window.tabGroups.all.flatMap((group) => group.tabs).find((candidate) => candidate.input instanceof vscode.TabInputWebview && candidate.label.startsWith('Changes since ')));
      await vscode.window.tabGroups.close(tab);
    });

    it('Precedent: Compare with Earlier Document… with the Viet Nam 2020 seed: its reused items are paired', async () => {
      const earlier = vscode.Uri.joinPath(extension.extensionUri, 'seeds', VIET_NAM_2020);
      const record = await vscode.commands.executeCommand<CompareResult | undefined>('precedent.compareWithEarlier', uri, earlier);
      assert.ok(record);
      assert.equal(record.earlier.items, 29);
      assert.ok(record.pairs.some((pair) => pair.draft && pair.earlier?.text.startsWith('Enhance the role of labor management board')), JSON.stringify(record.counts));
      const total = Object.values(record.counts).reduce((sum, count) => sum + count, 0);
      assert.equal(total, record.pairs.length);
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    });

    it('Precedent: Rebuild Index re-reads the corpus, then says what it indexed; the index is ready again', async () => {
      const informations: string[] = [];
      const window = vscode.window as { showInformationMessage: (...args: unknown[]) => unknown };
      const original = window.showInformationMessage;
      window.showInformationMessage = (...args: unknown[]) => {
        informations.push(String(args[0]));
        return original.apply(vscode.window, args);
      };
      try {
        await runCommand('precedent.rebuildIndex');
      } finally {
        window.showInformationMessage = original;
      }
      assert.equal(informations.length, 1, JSON.stringify(informations));
      assert.match(informations[0]!, /^Precedent: Indexed \d+ documents, \d+ items in (< 0\.1|\d+\.\d) s/);
      await until('the index to be ready', () => api.indexStatus()?.state === 'ready', 60_000);
      assert.ok((api.indexStatus()?.items ?? 0) > 50);
    });

    it('Precedent: Show Similar Precedents lists the precedents best first and opens the chosen one with its item selected', async () => {
      const editor = await vscode.window.showTextDocument(draft);
      editor.selection = new vscode.Selection(lines.boards, 5, lines.boards, 5);
      const errors = captureErrors();
      try {
        // The command waits in a quick pick: accept its first (best) row once it is there.
        await runAcceptingQuickPicks('precedent.showSimilar');
      } finally {
        errors.restore();
      }
      assert.deepEqual(errors.messages, []);
      // Read-only under its title: a `precedent:` document of the seed's file.
      const opened = await until('the best precedent opened', () => {
        const shown = vscode.window.activeTextEditor?.document.uri;
        return shown?.scheme === 'precedent' && shown.path === '/Viet Nam · 13th AFML · 2020.txt' && vscode.Uri.parse(shown.query).fsPath.endsWith(VIET_NAM_2020) ? vscode.window.activeTextEditor : undefined;
      });
      assert.match(opened.document.getText(opened.selection), /Enhance the role of labor management board in receiving countries\./, 'the precedent item is selected');
      // Read as a recommendation (its grammar, wrapped), but not as a draft: the server never checks it.
      const reading = await until('the precedent in its reading language', () => vscode.workspace.textDocuments.find((document) => document.uri.toString() === opened.document.uri.toString() && document.languageId === 'recommendation-precedent'));
      assert.deepEqual(vscode.languages.getDiagnostics(reading.uri), [], 'no findings on a precedent');
      await vscode.window.showTextDocument(draft);
    });

    it('Precedent: Search Precedents… searches the selected words and inserts the chosen precedent', async () => {
      const content = 'Recommendations\n\n1. moratorium loan repayments\n';
      const untitled = await vscode.workspace.openTextDocument({ language: 'recommendation', content });
      const editor = await vscode.window.showTextDocument(untitled);
      editor.selection = new vscode.Selection(2, 3, 2, untitled.lineAt(2).text.length);
      const errors = captureErrors();
      try {
        // The command waits for the user in two quick picks: accept the first result, then "Insert at cursor".
        await runAcceptingQuickPicks('precedent.searchPrecedents');
      } finally {
        errors.restore();
      }
      assert.deepEqual(errors.messages, []);
      // The best match from the seeds (Viet Nam or Lao PDR 2020, one word apart), never the draft's own item.
      const line = await until('the precedent inserted', () => /^1\. Consider repayment of, or moratorium (on|of), loan repayments\/debt from migration\./.test(untitled.lineAt(2).text) && untitled.lineAt(2).text, 5000);
      assert.doesNotMatch(line, /^1\. moratorium loan repayments$/);
    });
  });

  // Last: an open copy of a seed dated 2020 is itself an earlier precedent of the 2024 draft (open drafts count).
  describe('a copy of a seed', () => {
    it('a copy of the Viet Nam 2020 seed: its repeated item is a duplicate, its numbering is consistent', async () => {
      const folder = mkdtempSync(join(tmpdir(), 'precedent-seed-'));
      const copy = join(folder, 'viet-nam-afml13-2020.rec.txt');
      copyFileSync(join(extension.extensionPath, 'seeds', VIET_NAM_2020), copy);
      const copyUri = vscode.Uri.file(copy);
      const document = await vscode.workspace.openTextDocument(copyUri);
      assert.equal(document.languageId, 'recommendation');
      await vscode.window.showTextDocument(document);
      const found = await until('diagnostics of the seed copy', () => warnings(copyUri).length > 0 && warnings(copyUri));
      assert.deepEqual(found, ['duplicate-item@38']);
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    });
  });

  describe('robustness', () => {
    it('the language server killed mid-session is restarted by the client, and hovers work again', async function () {
      this.timeout(90_000);
      await vscode.window.showTextDocument(draft);
      const before = serverPid(api);
      assert.ok(before, 'the server process is known');
      process.kill(before, 'SIGKILL');
      await until('a new server process', () => {
        const pid = serverPid(api);
        return pid !== undefined && pid !== before && api.client.isRunning() && pid;
      }, 60_000);
      await until('the index to be ready again', () => api.indexStatus()?.state === 'ready', 60_000);
      const text = await until('a hover naming the Viet Nam seed again', async () => {
        const value = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(lines.boards, 5)));
        return value.includes(VIET_NAM_2020) && value;
      }, 30_000);
      assert.match(text, /Viet Nam/);
      await until('diagnostics again', () => warnings(uri).includes('numbering-gap@28'));
    });
  });
});

/** The language server's pid: the client's child process, else found with `ps` among the extension host's children. */
function serverPid(api: PrecedentApi): number | undefined {
  const pid = api.client.serverProcess?.pid;
  if (pid) return pid;
  try {
    const table = execFileSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' });
    for (const row of table.split('\n')) {
      const match = /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(row);
      if (match && Number(match[2]) === process.pid && /dist[\\/]server\.js/.test(match[3]!)) return Number(match[1]);
    }
  } catch {
    // No ps: only the client's record.
  }
  return undefined;
}
