// Protocol tests: the built server (`node dist/server.js --stdio`) driven over a real JSON-RPC connection,
// asserting what a user of an editor would see. Similarity scores are still being tuned, so the tests check
// WHICH precedent is found (file and line, label), never exact percentages.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  CodeActionRequest,
  CompletionRequest,
  CompletionResolveRequest,
  DefinitionRequest,
  DiagnosticSeverity,
  DocumentOnTypeFormattingRequest,
  DocumentSymbolRequest,
  ExecuteCommandRequest,
  HoverRequest,
  MarkupContent,
  ReferencesRequest,
  SymbolKind,
  WorkspaceSymbolRequest,
  type CodeAction,
  type CompletionItem,
  type CompletionList,
  type Diagnostic,
  type DocumentSymbol,
  type Location,
  type PublishDiagnosticsParams,
  type TextEdit,
  type WorkspaceSymbol,
} from 'vscode-languageserver-protocol/node';
import { applyEdits, LspClient, SEEDS_DIR, seedUri, TempWorkspace } from './harness';
import { SEED_NAMES, VIET_NAM_2020, NUMBERING_CODES, DRAFT, lineOf, codes, messageOf, hoverText, hoverBlocks, linkTargets, editsFor, requireBuiltServer } from './serverSupport';

describe('language server over JSON-RPC (VS Code client, default settings)', function () {
  this.timeout(20_000);
  const workspace = new TempWorkspace();
  let client: LspClient;
  const draftUri = workspace.uri('draft-afml17.rec.md');

  const hover = (uri: string, line: number, character = 4) => client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character } });
  const completion = async (uri: string, line: number, character: number) => {
    const result = await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line, character }, context: { triggerKind: 1 } });
    assert.ok(result && !Array.isArray(result), 'completion should answer a CompletionList');
    return result as CompletionList;
  };
  const codeActions = (uri: string, range: Diagnostic['range'], diagnostics: Diagnostic[], only?: string[]) =>
    client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics, only, triggerKind: 1 } }) as Promise<CodeAction[]>;

  /** Drafts opened by tests; open drafts are precedents for each other, so each group closes its own. */
  const scratch: string[] = [];

  /** Opens a draft and waits for its first diagnostics. */
  async function openDraft(name: string, text: string): Promise<{ uri: string; diagnostics: PublishDiagnosticsParams }> {
    const uri = workspace.uri(name);
    scratch.push(uri);
    await client.open(uri, text);
    return { uri, diagnostics: await client.waitForDiagnostics(uri, (params) => params.version === 1) };
  }

  async function closeDrafts(): Promise<void> {
    for (const uri of scratch.splice(0)) await client.close(uri);
  }

  before(async () => {
    requireBuiltServer();
    client = LspClient.start();
    const result = await client.initialize({ workspaceFolders: [workspace.folder()] });
    assert.equal(result.serverInfo?.name, 'precedent');
    const status = await client.waitForIndexReady();
    assert.equal(status.documents, SEED_NAMES.length, 'the five shipped seeds are indexed');
  });

  after(async () => {
    await client?.shutdown();
    workspace.remove();
  });

  afterEach(function () {
    if (this.currentTest?.state === 'failed') console.error(client.serverOutput());
  });

  it('announces its capabilities and registers for configuration changes and file watching', async () => {
    assert.ok(client.registrations.some((registration) => registration.method === 'workspace/didChangeConfiguration'));
    const watch = client.registrations.find((registration) => registration.method === 'workspace/didChangeWatchedFiles');
    assert.ok(watch, 'the server asks the client to watch corpus files');
    assert.ok(client.configurationRequests.length >= 1, 'settings are read with workspace/configuration');
    assert.deepEqual(client.indexStatuses.map((status) => status.state).slice(0, 2), ['indexing', 'ready'], 'the first index status says "indexing", not a premature "ready" with 0 documents');
  });

  it('reports the indexing as work-done progress (begin … end) on a token it created', () => {
    assert.equal(client.progressTokens.length, 1);
    const kinds = client.progress.filter((report) => report.token === client.progressTokens[0]).map((report) => report.value.kind);
    assert.equal(kinds[0], 'begin');
    assert.equal(kinds.at(-1), 'end');
    assert.match(client.progress[0]!.value.title ?? '', /Precedent/);
  });

  describe('diagnostics', () => {
    let published: PublishDiagnosticsParams;

    before(async () => {
      await client.open(draftUri, DRAFT);
      published = await client.waitForDiagnostics(draftUri);
    });

    afterEach(closeDrafts);

    it('carry the document version and source "precedent"', () => {
      assert.equal(published.version, 1);
      assert.ok(published.diagnostics.length > 0);
      for (const diagnostic of published.diagnostics) assert.equal(diagnostic.source, 'precedent');
    });

    it('report the repeated item as duplicate-item, related to its first occurrence', () => {
      const duplicate = published.diagnostics.filter((diagnostic) => diagnostic.code === 'duplicate-item');
      assert.equal(duplicate.length, 1, JSON.stringify(published.diagnostics, null, 1));
      assert.equal(duplicate[0]!.range.start.line, lineOf(DRAFT, '6. Enhance the role'));
      assert.equal(duplicate[0]!.severity, DiagnosticSeverity.Warning);
      const related = duplicate[0]!.relatedInformation;
      assert.ok(related && related.length >= 1, 'duplicate-item has relatedInformation');
      assert.equal(related[0]!.location.uri, draftUri);
      assert.equal(related[0]!.location.range.start.line, lineOf(DRAFT, '2. Enhance the role'));
    });

    it('report the skipped number as numbering-gap on the item after the gap', () => {
      const gaps = published.diagnostics.filter((diagnostic) => diagnostic.code === 'numbering-gap');
      assert.equal(gaps.length, 1, JSON.stringify(codes(published)));
      assert.equal(gaps[0]!.range.start.line, lineOf(DRAFT, '5. Strengthen grievance'));
      assert.match(messageOf(gaps[0]!), /4/);
      // Sub-theme 2 restarts at 1 like the first section: nothing else about numbering.
      assert.deepEqual(codes(published).filter((code) => NUMBERING_CODES.includes(code)), ['numbering-gap']);
    });

    it('report precedent-reuse as a hint (issue 15: no squiggle, not in the Problems panel), naming the Viet Nam 2020 seed', () => {
      const reuse = published.diagnostics.filter((diagnostic) => diagnostic.code === 'precedent-reuse' && diagnostic.range.start.line === lineOf(DRAFT, '1. Reduce costs'));
      assert.equal(reuse.length, 1, `precedent-reuse on item 1: ${JSON.stringify(published.diagnostics, null, 1)}`);
      assert.equal(reuse[0]!.severity, DiagnosticSeverity.Hint);
      assert.match(messageOf(reuse[0]!), /Viet Nam/);
      assert.match(messageOf(reuse[0]!), /13th AFML/);
      assert.match(messageOf(reuse[0]!), /2020/);
      assert.match(messageOf(reuse[0]!), /item 6\b/);
      const related = reuse[0]!.relatedInformation?.[0];
      assert.equal(related?.location.uri, VIET_NAM_2020);
      assert.equal(related?.location.range.start.line, 26);
    });

    it('on a copy of the Viet Nam 2020 seed: items 14 and 16 of sub-theme 1 are duplicates (line 38)', async () => {
      const text = readFileSync(`${SEEDS_DIR}/viet-nam-afml13-2020.txt`, 'utf8');
      const { diagnostics } = await openDraft('viet-nam-copy.rec.txt', text);
      const duplicates = diagnostics.diagnostics.filter((diagnostic) => diagnostic.code === 'duplicate-item');
      assert.deepEqual(duplicates.map((diagnostic) => diagnostic.range.start.line), [37]);
      assert.equal(duplicates[0]!.relatedInformation?.[0]?.location.range.start.line, 35, 'related to item 14 on line 36');
    });

    for (const name of SEED_NAMES) {
      it(`on a copy of seed ${name}: no numbering or marker diagnostic`, async () => {
        const text = readFileSync(`${SEEDS_DIR}/${name}`, 'utf8');
        const { diagnostics } = await openDraft(`copy-of-${name.replace(/\.txt$/, '')}.rec.txt`, text);
        const numbering = diagnostics.diagnostics.filter((diagnostic) => NUMBERING_CODES.includes(String(diagnostic.code)));
        assert.deepEqual(numbering.map((diagnostic) => `${diagnostic.range.start.line + 1}: ${diagnostic.code} ${diagnostic.message}`), []);
      });
    }
  });

  describe('hover, definition, references', () => {
    const remittanceText = 'Reduce remittance costs and increase access to services, facilitate money transfer services, including digital services.';
    // Dated before the open 17th AFML draft (which words item 6 the same): that draft is not an earlier precedent.
    const text = `Draft recommendations\n\n1 March 2023\n\n1. ${remittanceText}\n2. Reduce costs and increase the availability and accessibility of remittance services, including digital services.\n`;
    let uri: string;

    before(async () => {
      ({ uri } = await openDraft('hover.rec.md', text));
    });

    after(closeDrafts);

    it('hover on a paraphrase of a seed item names Viet Nam 13th AFML item 6 with a #L link to the seed', async () => {
      const value = hoverText(await hover(uri, 4));
      const block = hoverBlocks(value).find((candidate) => candidate.includes('viet-nam-afml13-2020.txt#L27'));
      assert.ok(block, `a precedent linking to viet-nam-afml13-2020.txt#L27 in:\n${value}`);
      assert.match(block, /Viet Nam/);
      assert.match(block, /13th AFML/);
      assert.match(block, /item 6\b/);
      assert.match(block, /availability and accessibility of remittance services/);
      assert.ok(linkTargets(value).some((target) => new RegExp(`^<${VIET_NAM_2020.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}#L27,1-L27,\\d+>$`).test(target)), 'the link opens the seed with the item selected');
    });

    it('hover lists at most precedent.hover.maxResults (3) precedents, best first, and covers the item', async () => {
      const result = await hover(uri, 4);
      const value = hoverText(result);
      const blocks = hoverBlocks(value);
      assert.ok(blocks.length >= 1 && blocks.length <= 3, value);
      const percents = [...value.matchAll(/\*\*(\d+)% similar\*\*/g)].map((match) => Number(match[1]));
      assert.equal(percents.length, blocks.length);
      assert.deepEqual(percents, [...percents].sort((a, b) => b - a), 'best first');
      assert.equal(result?.range?.start.line, 4);
    });

    it('hover on a line that is not an item answers null', async () => {
      assert.equal(await hover(uri, 1, 0), null);
    });

    it('definition lands on Viet Nam 2020 item 6 (seed line 27)', async () => {
      const result = (await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri }, position: { line: 5, character: 10 } })) as Location[];
      assert.ok(Array.isArray(result) && result.length === 1, JSON.stringify(result));
      assert.equal(result[0]!.uri, VIET_NAM_2020);
      assert.equal(result[0]!.range.start.line, 26);
    });

    it('references are best first, include the definition, and never point into the draft itself', async () => {
      const references = await client.connection.sendRequest(ReferencesRequest.type, { textDocument: { uri }, position: { line: 5, character: 10 }, context: { includeDeclaration: true } });
      assert.ok(references && references.length >= 1);
      assert.equal(references[0]!.uri, VIET_NAM_2020);
      assert.equal(references[0]!.range.start.line, 26);
      assert.ok(references.every((location) => location.uri !== uri), 'a draft is not its own precedent');
      assert.ok(references.every((location) => location.uri !== draftUri), 'the open draft dated 2024 is not an earlier precedent of a 2023 draft');
      // The Lao PDR counterpart of the same template item is among them too.
      const fromLine4 = await client.connection.sendRequest(ReferencesRequest.type, { textDocument: { uri }, position: { line: 4, character: 10 }, context: { includeDeclaration: true } });
      assert.ok(fromLine4?.some((location) => location.uri === VIET_NAM_2020 && location.range.start.line === 26), JSON.stringify(fromLine4));
      assert.ok(fromLine4?.some((location) => location.uri === seedUri('lao-pdr-afml13-2020.txt') && location.range.start.line === 25), JSON.stringify(fromLine4));
    });
  });

  describe('completion', () => {
    const text = [
      'Draft recommendations for the 17th ASEAN Forum on Migrant Labour',
      '',
      'Sub-theme 1: Protection of migrant workers',
      '',
      '1. Extend social protection coverage to all migrant workers.',
      '2. Strengthen grievance mechanisms for migrant workers.',
      '3. Ensure access to justice for migrant workers.',
      '',
      'Sub-theme 2: Remittances',
      '',
      '- Promote financial literacy of migrant workers and their families.',
      '- Reduce the cost of sending remittances home.',
      '',
    ].join('\n');
    let uri: string;

    before(async () => {
      ({ uri } = await openDraft('completion.rec.md', text));
    });

    after(closeDrafts);

    it('at the start of the line after item 3. offers "4. " first', async () => {
      const list = await completion(uri, 7, 0);
      const first = [...list.items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label))[0];
      assert.equal(first?.label, '4. ');
      assert.equal(first?.preselect, true);
      assert.deepEqual(first?.textEdit && 'range' in first.textEdit ? first.textEdit : null, { range: { start: { line: 7, character: 0 }, end: { line: 7, character: 0 } }, newText: '4. ' });
    });

    it('in a bulleted list offers "- "', async () => {
      const list = await completion(uri, 12, 0);
      const first = [...list.items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label))[0];
      assert.equal(first?.label, '- ');
    });

    it('offers section headings the corpus uses', async () => {
      const list = await completion(uri, 7, 0);
      assert.ok(list.items.some((item) => item.label.startsWith('Sub-theme 1: Impact of COVID-19 on migrant workers')), list.items.map((item) => item.label).join('\n'));
    });

    it('offers frequent corpus terms that continue the last words typed', async () => {
      const typed = '1. Develop agreements on the portability of so';
      const { uri: termUri } = await openDraft('terms.rec.md', `Recommendations\n\n${typed}`);
      const list = await completion(termUri, 2, typed.length);
      const term = list.items.find((item) => item.label === 'portability of social protection');
      assert.ok(term, list.items.map((item) => item.label).join('\n'));
      assert.equal(term.kind, 14);
      assert.equal(applyEdits(`Recommendations\n\n${typed}`, [term.textEdit as TextEdit]).split('\n')[2], '1. Develop agreements on the portability of social protection');
    });

    it('a half-typed precedent is completed with Viet Nam 2020 item 9, provenance in detail and the full text on resolve', async () => {
      const typed = '14. Consider repayment of, or morat';
      const doc = `Sub-theme 1: Impact of COVID-19\n\n13. Conduct an evaluation on the impacts to migrant workers.\n${typed}`;
      const { uri: moratUri } = await openDraft('morat.rec.md', doc);
      const list = await completion(moratUri, 3, typed.length);
      assert.equal(list.isIncomplete, true, 'more typing changes the precedents: the list is incomplete');
      const wording = 'Consider repayment of, or moratorium on, loan repayments/debt from migration.';
      const item = list.items.find((candidate) => candidate.label === wording);
      assert.ok(item, `Viet Nam 2020 item 9 among:\n${list.items.map((candidate) => candidate.label).join('\n')}`);
      assert.match(item.detail ?? '', /Viet Nam · 13th AFML · 2020/);
      assert.deepEqual(item.textEdit && 'range' in item.textEdit ? item.textEdit : null, { range: { start: { line: 3, character: 4 }, end: { line: 3, character: typed.length } }, newText: wording });
      assert.equal(applyEdits(doc, [item.textEdit as TextEdit]).split('\n')[3], `14. ${wording}`, 'accepting it keeps the label and inserts the wording');

      const resolved: CompletionItem = await client.connection.sendRequest(CompletionResolveRequest.type, item);
      assert.ok(MarkupContent.is(resolved.documentation), 'documentation is Markdown');
      const documentation = resolved.documentation.value;
      assert.match(documentation, /moratorium on, loan repayments\/debt from migration/);
      assert.match(documentation, /Viet Nam · 13th AFML · 28 Sep 2020 · Sub-theme 1 · item \d+/);
      assert.ok(documentation.includes(`${VIET_NAM_2020}#L30`), documentation);
    });
  });

  describe('code actions and commands', () => {
    afterEach(closeDrafts);

    it('numbering-gap: "Renumber this list" turns 1, 2, 4 into 1, 2, 3', async () => {
      const text = 'Recommendations\n\n1. Ratify the relevant ILO conventions.\n2. Promote fair recruitment.\n4. Extend social protection to migrant workers.\n';
      const { uri, diagnostics } = await openDraft('gap.rec.md', text);
      const gap = diagnostics.diagnostics.find((diagnostic) => diagnostic.code === 'numbering-gap');
      assert.ok(gap, JSON.stringify(diagnostics.diagnostics));
      const actions = await codeActions(uri, gap.range, [gap]);
      const renumber = actions.find((action) => action.title === 'Renumber this list');
      assert.ok(renumber, actions.map((action) => action.title).join('\n'));
      assert.equal(renumber.kind, 'quickfix');
      assert.equal(renumber.isPreferred, true);
      assert.deepEqual(renumber.diagnostics?.map((diagnostic) => diagnostic.code), ['numbering-gap']);
      const fixed = applyEdits(text, editsFor(renumber, uri));
      assert.equal(fixed, 'Recommendations\n\n1. Ratify the relevant ILO conventions.\n2. Promote fair recruitment.\n3. Extend social protection to migrant workers.\n');
    });

    it('duplicate-item: "Remove duplicate item" deletes the second occurrence, its line and nothing else', async () => {
      const text = 'Recommendations\n\n1. Promote fair recruitment.\n2. Ratify the relevant ILO conventions.\n3. Promote fair recruitment.\n4. Extend social protection to migrant workers.\n';
      const { uri, diagnostics } = await openDraft('duplicate.rec.md', text);
      const duplicate = diagnostics.diagnostics.find((diagnostic) => diagnostic.code === 'duplicate-item');
      assert.ok(duplicate, JSON.stringify(diagnostics.diagnostics));
      const actions = await codeActions(uri, duplicate.range, [duplicate], ['quickfix']);
      const remove = actions.find((action) => action.title.startsWith('Remove duplicate item'));
      assert.ok(remove, actions.map((action) => action.title).join('\n'));
      assert.equal(remove.kind, 'quickfix');
      assert.match(remove.title, /3\./);
      const fixed = applyEdits(text, editsFor(remove, uri));
      assert.equal(fixed, 'Recommendations\n\n1. Promote fair recruitment.\n2. Ratify the relevant ILO conventions.\n4. Extend social protection to migrant workers.\n');
    });

    it('source.fixAll.precedent renumbers every list of the draft (what VS Code asks for on save)', async () => {
      const text = 'Sub-theme 1: Protection\n\n1. One.\n3. Three.\n\nSub-theme 2: Reintegration\n\n1. Uno.\n2. Dos.\n2. Tres.\n';
      const { uri } = await openDraft('fixall.rec.md', text);
      const actions = await codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], ['source.fixAll']);
      assert.deepEqual(actions.map((action) => action.kind), ['source.fixAll.precedent']);
      const fixed = applyEdits(text, editsFor(actions[0]!, uri));
      assert.equal(fixed, 'Sub-theme 1: Protection\n\n1. One.\n2. Three.\n\nSub-theme 2: Reintegration\n\n1. Uno.\n2. Dos.\n3. Tres.\n');
    });

    it('converts a bulleted list to numbers and a numbered list back to bullets', async () => {
      const text = 'Recommendations\n\n- Promote fair recruitment.\n- Ratify the relevant ILO conventions.\n- Extend social protection.\n';
      const { uri } = await openDraft('convert.rec.md', text);
      const at = { start: { line: 3, character: 3 }, end: { line: 3, character: 3 } };
      const toNumbers = (await codeActions(uri, at, [], ['refactor.rewrite'])).find((action) => action.title === 'Convert list to numbers');
      assert.ok(toNumbers);
      const numbered = applyEdits(text, editsFor(toNumbers, uri));
      assert.equal(numbered, 'Recommendations\n\n1. Promote fair recruitment.\n2. Ratify the relevant ILO conventions.\n3. Extend social protection.\n');

      await client.change(uri, 2, [{ text: numbered }]);
      const toBullets = (await codeActions(uri, at, [], ['refactor.rewrite'])).find((action) => action.title === 'Convert list to bullets');
      assert.ok(toBullets);
      assert.equal(applyEdits(numbered, editsFor(toBullets, uri)), text);
    });

    it('offers to replace an item with the wording of a close precedent', async () => {
      const text = 'Recommendations\n\n1. Enhance the role of labour management boards in receiving countries.\n';
      const { uri } = await openDraft('replace.rec.md', text);
      const actions = await codeActions(uri, { start: { line: 2, character: 5 }, end: { line: 2, character: 5 } }, [], ['refactor.rewrite']);
      const replace = actions.find((action) => action.title.startsWith('Use the wording of Viet Nam 2020'));
      assert.ok(replace, actions.map((action) => action.title).join('\n'));
      // Issue 15: the source as people name it, the similarity, and the words it puts in.
      assert.match(replace.title, /^Use the wording of Viet Nam 2020, item 1[46] \(\d+%\): “Enhance the role of labor management board in receiving countries\.”$/);
      assert.equal(applyEdits(text, editsFor(replace, uri)), 'Recommendations\n\n1. Enhance the role of labor management board in receiving countries.\n');
    });

    it('precedent.server.renumberLists sends a workspace/applyEdit that fixes the gap', async () => {
      const text = 'Recommendations\n\n1. Promote fair recruitment.\n2. Ratify the relevant ILO conventions.\n5. Extend social protection to migrant workers.\n6. Recognise skills.\n';
      const { uri } = await openDraft('command.rec.md', text);
      const edit = client.nextAppliedEdit();
      const result = await client.connection.sendRequest(ExecuteCommandRequest.type, { command: 'precedent.server.renumberLists', arguments: [uri] });
      const applied = await edit;
      assert.deepEqual(result, { applied: true, edits: 2 });
      // A client that takes versioned edits gets one for the version it has, so a stale edit would be refused.
      const [change] = applied.edit.documentChanges ?? [];
      assert.ok(change && 'edits' in change);
      assert.deepEqual(change.textDocument, { uri, version: 1 });
      const edits = change.edits.filter((edit): edit is TextEdit => 'range' in edit);
      assert.equal(applyEdits(text, edits), 'Recommendations\n\n1. Promote fair recruitment.\n2. Ratify the relevant ILO conventions.\n3. Extend social protection to migrant workers.\n4. Recognise skills.\n');
      assert.equal(client.textOf(uri), applyEdits(text, edits));
    });

    it('precedent.server.renumberLists without an open draft fails with an error', async () => {
      await assert.rejects(client.connection.sendRequest(ExecuteCommandRequest.type, { command: 'precedent.server.renumberLists', arguments: [workspace.uri('not-open.rec.md')] }), /open draft/);
    });

    it('on-type formatting: Enter after "2. text" types "3. " on the new line', async () => {
      const text = 'Recommendations\n\n1. Promote fair recruitment.\n2. Ratify the relevant ILO conventions.';
      const { uri } = await openDraft('ontype.rec.md', text);
      // VS Code sends the typed newline first, then asks for the formatting at the start of the new line.
      await client.change(uri, 2, [{ range: { start: { line: 3, character: 39 }, end: { line: 3, character: 39 } }, text: '\n' }]);
      const edits = await client.connection.sendRequest(DocumentOnTypeFormattingRequest.type, { textDocument: { uri }, position: { line: 4, character: 0 }, ch: '\n', options: { tabSize: 4, insertSpaces: true } });
      assert.ok(edits);
      assert.equal(applyEdits(client.textOf(uri)!, edits), 'Recommendations\n\n1. Promote fair recruitment.\n2. Ratify the relevant ILO conventions.\n3. ');
    });
  });

  describe('symbols and Precedent requests', () => {
    it('document symbols: sections with their items as children', async () => {
      const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: draftUri } })) as DocumentSymbol[];
      const sections = symbols.filter((symbol) => symbol.name.startsWith('Sub-theme'));
      assert.deepEqual(sections.map((section) => section.name), ['Sub-theme 1: Decent work and social protection for migrant workers', 'Sub-theme 2: Skills and reintegration of returning migrant workers']);
      assert.deepEqual(sections.map((section) => section.children?.length), [5, 2]);
      assert.deepEqual(sections.map((section) => [section.kind, section.detail]), [[SymbolKind.File, '5 items'], [SymbolKind.File, '2 items']]);
      const first = sections[0]!.children![0]!;
      // Issue 15: the item's label and first words, as a list entry (not "abc" with "(string)").
      assert.equal(first.name, '1. Reduce costs and increase the availability and…');
      assert.equal(first.kind, SymbolKind.EnumMember);
      assert.equal(first.range.start.line, lineOf(DRAFT, '1. Reduce costs'));
      assert.equal(sections[1]!.children![1]!.range.start.line, lineOf(DRAFT, '2. Develop reintegration'));
    });

    it('workspace symbols: "remittance" finds the remittance items of the seeds', async () => {
      const symbols = (await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: 'remittance' })) as WorkspaceSymbol[];
      const where = symbols.map((symbol) => `${symbol.location.uri}:${'range' in symbol.location ? symbol.location.range.start.line : '?'}`);
      assert.ok(where.includes(`${VIET_NAM_2020}:26`), where.join('\n'));
      assert.ok(where.includes(`${seedUri('lao-pdr-afml13-2020.txt')}:25`), where.join('\n'));
      const vietNam = symbols.find((symbol) => symbol.location.uri === VIET_NAM_2020)!;
      assert.match(vietNam.containerName ?? '', /Viet Nam · 13th AFML · 2020/);
      assert.ok(symbols.every((symbol) => /remit/i.test(symbol.name)), symbols.map((symbol) => symbol.name).join('\n'));
    });

    it('precedent/search finds the library items by words, with provenance and location', async () => {
      const results = await client.connection.sendRequest<{ text: string; source: string; detail: string; uri: string; range: Location['range']; score: number }[]>('precedent/search', { query: 'moratorium loan repayments', limit: 5 });
      const vietNam = results.find((result) => result.uri === VIET_NAM_2020);
      assert.ok(vietNam, JSON.stringify(results, null, 1));
      assert.equal(vietNam.range.start.line, 29);
      assert.equal(vietNam.text, 'Consider repayment of, or moratorium on, loan repayments/debt from migration.');
      assert.match(vietNam.detail, /item 9/);
      assert.ok(results.length <= 5);
      // Started from a draft that holds the same words, the draft itself is left out.
      const { uri } = await openDraft('search-from.rec.md', '1. Consider repayment of, or moratorium on, loan repayments/debt from migration.\n');
      const within = await client.connection.sendRequest<{ uri: string }[]>('precedent/search', { query: 'moratorium loan repayments', limit: 5 });
      assert.ok(within.some((result) => result.uri === uri), 'without excludeUri the open draft is found too');
      const excluded = await client.connection.sendRequest<{ uri: string }[]>('precedent/search', { query: 'moratorium loan repayments', limit: 5, excludeUri: uri });
      assert.ok(excluded.length > 0 && excluded.every((result) => result.uri !== uri), JSON.stringify(excluded));
    });

    it('precedent/report: the Markdown consistency report with the finding codes', async () => {
      const { markdown } = await client.connection.sendRequest<{ markdown: string }>('precedent/report', { uri: draftUri });
      assert.match(markdown, /Consistency report/);
      for (const code of ['duplicate-item', 'numbering-gap', 'precedent-reuse']) assert.ok(markdown.includes(`| ${code} |`), `${code} in:\n${markdown}`);
      assert.match(markdown, /viet-nam-afml13-2020\.txt/);
    });
  });

  describe('robustness', () => {
    afterEach(closeDrafts);

    it('a failing request is answered with an error, and the server goes on answering', async () => {
      await assert.rejects(client.connection.sendRequest('precedent/report', { uri: workspace.uri('never-opened.rec.md') }), (error: { code?: number; message?: string }) => {
        assert.equal(error.code, -32603);
        assert.match(error.message ?? '', /not an open draft/);
        return true;
      });
      await assert.rejects(client.connection.sendRequest(ExecuteCommandRequest.type, { command: 'precedent.server.noSuchCommand', arguments: [] }));
      const value = hoverText(await hover(draftUri, lineOf(DRAFT, '2. Enhance the role')));
      assert.ok(value.includes('viet-nam-afml13-2020.txt#L36'), value);
    });

    it('an edit storm: 200 quick edits, the last diagnostics are for the final version, versions never go down', async () => {
      const base = 'Recommendations\n\n1. Promote fair recruitment.\n2. Ratify the relevant ILO conventions.\n3. Extend social protection.\n';
      const { uri } = await openDraft('storm.rec.md', base);
      const typed = ' Include migrant workers in the informal sector and domestic workers, whose employers are often households, and make sure that contributions follow the workers when they move between countries of the region.';
      let version = 1;
      const end = { line: 4, character: '3. Extend social protection.'.length };
      for (let i = 0; i < 199; i++) {
        const at = { line: end.line, character: end.character + i };
        await client.change(uri, ++version, [{ range: { start: at, end: at }, text: typed[i % typed.length]! }]);
      }
      // The last edit renumbers item 3 as 5: the final text has a gap that no earlier version had.
      await client.change(uri, ++version, [{ range: { start: { line: 4, character: 0 }, end: { line: 4, character: 1 } }, text: '5' }]);
      assert.equal(version, 201);
      const final = await client.waitForDiagnostics(uri, (params) => params.version === version);
      assert.deepEqual(codes(final).filter((code) => NUMBERING_CODES.includes(code)), ['numbering-gap']);
      assert.equal(final.diagnostics.find((diagnostic) => diagnostic.code === 'numbering-gap')!.range.start.line, 4);
      await new Promise((resolve) => setTimeout(resolve, 400));
      const versions = (client.diagnostics.get(uri) ?? []).map((params) => params.version ?? -1);
      assert.equal(versions.at(-1), version, `last published version: ${versions.join(', ')}`);
      for (let i = 1; i < versions.length; i++) assert.ok(versions[i]! >= versions[i - 1]!, `versions went down: ${versions.join(', ')}`);
      assert.ok(versions.length < 50, `a storm of edits should not queue a check per edit (${versions.length} publications)`);
      assert.equal(client.textOf(uri)!.split('\n')[4]!.slice(0, 2), '5.');
    });

    it('closing a draft clears its diagnostics', async () => {
      const { uri, diagnostics } = await openDraft('closing.rec.md', 'Recommendations\n\n1. One.\n3. Three.\n');
      assert.ok(diagnostics.diagnostics.length > 0);
      const cleared = client.nextDiagnostics(uri, (params) => params.diagnostics.length === 0);
      await client.close(uri);
      await cleared;
    });
  });
});
