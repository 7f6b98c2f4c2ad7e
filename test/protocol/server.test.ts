// Protocol tests: the built server (`node dist/server.js --stdio`) driven over a real JSON-RPC connection,
// asserting what a user of an editor would see. Similarity scores are still being tuned, so the tests check
// WHICH precedent is found (file and line, label), never exact percentages.

import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import {
  CodeActionRequest,
  CompletionRequest,
  CompletionResolveRequest,
  DefinitionRequest,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DidChangeWorkspaceFoldersNotification,
  DocumentOnTypeFormattingRequest,
  DocumentSymbolRequest,
  ExecuteCommandRequest,
  FileChangeType,
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
  type Hover,
  type Location,
  type PublishDiagnosticsParams,
  type TextEdit,
  type WorkspaceSymbol,
} from 'vscode-languageserver-protocol/node';
import { applyEdits, LspClient, REPO_ROOT, SEEDS_DIR, SERVER_JS, seedUri, TempWorkspace, vscodeCapabilities } from './harness';

const SEED_NAMES = [
  'viet-nam-afml13-2020.txt',
  'viet-nam-afml15-2022.txt',
  'lao-pdr-afml13-2020.txt',
  'recommendations-recruitment-reintegration.txt',
  'iom-dolab-safe-migration-2024.txt',
] as const;
const VIET_NAM_2020 = seedUri('viet-nam-afml13-2020.txt');
const NUMBERING_CODES = ['numbering-gap', 'numbering-repeat', 'numbering-order', 'numbering-start', 'numbering-restart', 'marker-mixed'];

/** A draft for the 17th AFML: item 1 is Viet Nam 2020's item 6 word for word, 3 → 5 skips 4, item 6 repeats item 2. */
const DRAFT = [
  'Viet Nam National Recommendations for the 17th ASEAN Forum on Migrant Labour',
  '',
  '15 October 2024',
  '',
  'Sub-theme 1: Decent work and social protection for migrant workers',
  '',
  '1. Reduce costs and increase the availability and accessibility of remittance services, including digital services.',
  '2. Enhance the role of labour management boards in receiving countries.',
  '3. Extend social protection coverage to all migrant workers, including workers in the informal sector.',
  '5. Strengthen grievance mechanisms and access to justice for migrant workers in destination countries.',
  '6. Enhance the role of labour management boards in receiving countries.',
  '',
  'Sub-theme 2: Skills and reintegration of returning migrant workers',
  '',
  '1. Recognise the skills that migrant workers gained abroad through national qualification frameworks.',
  '2. Develop reintegration programmes for returned migrant workers, with attention to women migrant workers.',
  '',
  'The meeting was held on 15 October 2024 at Hanoi, Viet Nam.',
  '',
].join('\n');

/** 0-based line of the first line of `text` that contains `needle`. */
function lineOf(text: string, needle: string): number {
  const line = text.split('\n').findIndex((candidate) => candidate.includes(needle));
  assert.ok(line >= 0, `no line contains ${JSON.stringify(needle)}`);
  return line;
}

function codes(params: PublishDiagnosticsParams | Diagnostic[]): string[] {
  return (Array.isArray(params) ? params : params.diagnostics).map((diagnostic) => String(diagnostic.code));
}

function messageOf(diagnostic: Diagnostic): string {
  return typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
}

function hoverText(hover: Hover | null): string {
  assert.ok(hover, 'expected a hover');
  assert.ok(MarkupContent.is(hover.contents), 'hover contents should be MarkupContent');
  assert.equal(hover.contents.kind, 'markdown');
  return hover.contents.value;
}

/** The hover card split into one block per precedent (the card separates them with `---`). */
function hoverBlocks(value: string): string[] {
  return value.split(/\n---\n/);
}

/** Every Markdown link destination in a hover (an escaped `\]` opens none): the card only links to files, in angle brackets. */
function linkTargets(value: string): string[] {
  return [...value.matchAll(/(?<!\\)\]\(([^)]*)\)/g)].map((match) => match[1]!);
}

/** Undoes backslash escapes and HTML entities: the text a reader sees. */
function unescapeMarkdown(value: string): string {
  return value.replace(/\\([!-/:-@[-`{-~])/g, '$1').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
}

function editsFor(action: CodeAction, uri: string): TextEdit[] {
  const edits = action.edit?.changes?.[uri];
  assert.ok(edits && edits.length > 0, `code action "${action.title}" has no edits for ${uri}`);
  return edits;
}

function requireBuiltServer(): void {
  if (!existsSync(SERVER_JS)) throw new Error(`${SERVER_JS} is missing: run \`node esbuild.mjs\` (npm test builds it) before the protocol tests.`);
}

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

describe('language server: corpus on disk (precedent.corpus.paths, file watching, hostile text)', function () {
  this.timeout(20_000);
  const workspace = new TempWorkspace({
    'corpus/hostile.txt': [
      'Recommendations of an untrusted workshop',
      '',
      '1. Protect domestic workers from confiscation of passports [click](command:workbench.action.terminal.new) by employers.',
      '2. <img src=x onerror=alert(1)> Provide shelters for domestic workers who escape abusive employers.',
      '',
    ].join('\n'),
    // Not a text document: skipped, with its reason.
    'corpus/scan.txt': 'PK\u0000\u0003\u0004 scanned page\u0000\u0000',
  });
  const corpusDir = workspace.file('corpus');
  const draftUri = workspace.uri('draft.rec.md');
  const draft = [
    'Recommendations',
    '',
    '1. Protect domestic workers from confiscation of their passports and provide shelters when they escape abusive employers.',
    '2. Guarantee portable pension rights for seafarers working on foreign fishing vessels.',
    '',
  ].join('\n');
  let client: LspClient;
  const hoverValue = async (line: number) => hoverText(await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: draftUri }, position: { line, character: 5 } }));

  before(async () => {
    requireBuiltServer();
    client = LspClient.start();
    client.configuration = { precedent: { corpus: { paths: [corpusDir, workspace.file('no-such-folder')] } } };
    await client.initialize({ workspaceFolders: [workspace.folder()] });
    const status = await client.waitForIndexReady();
    assert.equal(status.documents, SEED_NAMES.length + 1, 'the seeds and the corpus file');
    await client.open(draftUri, draft);
    await client.waitForDiagnostics(draftUri);
  });

  after(async () => {
    await client?.shutdown();
    workspace.remove();
  });

  afterEach(function () {
    if (this.currentTest?.state === 'failed') console.error(client.serverOutput());
  });

  it('reports skipped corpus files and missing corpus paths, with their reasons, in precedent/indexStatus and the log', () => {
    const skipped = client.indexStatuses.at(-1)!.skipped;
    const reasons = new Map(skipped.map((file) => [file.path, file.reason]));
    assert.match(reasons.get(workspace.file('corpus/scan.txt')) ?? '', /binary/);
    assert.match(reasons.get(workspace.file('no-such-folder')) ?? '', /no such file or folder/);
    assert.ok(client.logs.some((log) => log.message.includes('scan.txt') && /binary/.test(log.message)), client.serverOutput());
  });

  it('hover shows hostile corpus text escaped: no command link, no raw HTML', async () => {
    const value = await hoverValue(2);
    assert.ok(value.includes('hostile.txt#L3') && value.includes('hostile.txt#L4'), `both hostile items are shown:\n${value}`);
    assert.doesNotMatch(value, /(?<!\\)\]\(command:/, 'no link can form: its bracket is escaped');
    assert.ok(!/<img/i.test(value), value);
    // The text itself is there, escaped: undoing the Markdown escapes gives it back.
    const shown = unescapeMarkdown(value);
    assert.ok(shown.includes('[click](command:workbench.action.terminal.new)'), shown);
    assert.ok(shown.includes('<img src=x onerror=alert(1)>'), shown);
    for (const target of linkTargets(value)) assert.match(target, /^<file:\/\/[^<>\s]*>$/, `every link opens a file: ${target}`);
  });

  it('a corpus file created on disk is a precedent after workspace/didChangeWatchedFiles (Created)', async () => {
    assert.ok(!(await hoverValue(3)).includes('fresh.txt'));
    workspace.write('corpus/fresh.txt', 'Fresh recommendations\n\n1. Guarantee portable pension rights for seafarers working on foreign fishing vessels.\n');
    const status = client.nextIndexStatus();
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: workspace.uri('corpus/fresh.txt'), type: FileChangeType.Created }] });
    assert.equal((await status).documents, SEED_NAMES.length + 3, 'the seeds, the two corpus files and the open draft');
    const value = await hoverValue(3);
    assert.ok(value.includes('fresh.txt#L3'), value);
  });

  it('a corpus file changed on disk is read again (Changed): the hover shows the new item', async () => {
    workspace.write('corpus/fresh.txt', 'Fresh recommendations\n\n1. Provide consular assistance to stranded seafarers.\n2. Guarantee portable pension rights for seafarers working on foreign fishing vessels.\n');
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: workspace.uri('corpus/fresh.txt'), type: FileChangeType.Changed }] });
    const value = await hoverValue(3);
    assert.ok(value.includes('fresh.txt#L4'), value);
    assert.ok(!value.includes('fresh.txt#L3,'), 'the old line is gone');
  });

  it('a deleted corpus file disappears from the precedents (Deleted)', async () => {
    rmSync(workspace.file('corpus/fresh.txt'));
    const status = client.nextIndexStatus();
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: workspace.uri('corpus/fresh.txt'), type: FileChangeType.Deleted }] });
    assert.equal((await status).documents, SEED_NAMES.length + 2, 'the seeds, hostile.txt and the open draft');
    assert.ok(!(await hoverValue(3)).includes('fresh.txt'));
  });

  it('a deleted corpus folder takes its documents with it (VS Code reports only the folder)', async () => {
    assert.ok(client.registrations.some((registration) => (registration.registerOptions as { watchers?: { globPattern: unknown; kind?: number }[] } | undefined)?.watchers?.some((watcher) => watcher.globPattern === '**/*' && watcher.kind === 4)), 'folder deletions are watched');
    workspace.write('corpus/sub/fresh.txt', 'Fresh recommendations\n\n1. Guarantee portable pension rights for seafarers working on foreign fishing vessels.\n');
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: workspace.uri('corpus/sub/fresh.txt'), type: FileChangeType.Created }] });
    assert.ok((await hoverValue(3)).includes('fresh.txt'));
    rmSync(corpusDir, { recursive: true });
    const status = client.nextIndexStatus();
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: workspace.uri('corpus'), type: FileChangeType.Deleted }] });
    const after = await status;
    assert.equal(after.documents, SEED_NAMES.length + 1, 'the seeds and the open draft');
    assert.ok(!after.skipped.some((file) => file.path.endsWith('scan.txt')), 'nor is a file in it skipped any more');
    assert.ok(!(await hoverValue(3)).includes('fresh.txt'));
    assert.ok(!(await hoverValue(2)).includes('hostile.txt'));
  });

  it('a file outside the corpus paths is ignored', async () => {
    workspace.write('elsewhere/other.txt', '1. Guarantee portable pension rights for seafarers working on foreign fishing vessels.\n');
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: workspace.uri('elsewhere/other.txt'), type: FileChangeType.Created }] });
    assert.ok(!(await hoverValue(3)).includes('other.txt'));
  });
});

describe('language server: workspace folders added and removed (workspace/didChangeWorkspaceFolders)', function () {
  this.timeout(20_000);
  const first = new TempWorkspace({ 'draft.rec.md': 'Recommendations\n\n1. Extend social protection to all migrant workers.\n' });
  // A second folder, with its own draft and its own corpus folder (the relative corpus path of each folder).
  const second = new TempWorkspace({
    'afml18.rec.md': 'Draft recommendations for the 18th Forum\n\n1. Guarantee portable pension rights for seafarers working on foreign fishing vessels.\n',
    'library/fishers.txt': 'Recommendations on fishers\n\n1. Provide consular assistance to stranded fishers in foreign ports.\n',
  });
  // The persisted index's folder (as VS Code's global storage): each folder set has its own.
  const storage = new TempWorkspace();
  const draftUri = first.uri('open.rec.md');
  const draft = 'Recommendations\n\n1. Guarantee portable pension rights for seafarers on foreign fishing vessels.\n2. Provide consular assistance to fishers stranded in foreign ports.\n';
  let client: LspClient;
  const hoverValue = async (line: number) => hoverText(await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: draftUri }, position: { line, character: 5 } }));

  before(async () => {
    requireBuiltServer();
    client = LspClient.start();
    client.configuration = { precedent: { corpus: { paths: ['library'] } } };
    const result = await client.initialize({ workspaceFolders: [first.folder()], initializationOptions: { globalStoragePath: storage.path } });
    assert.deepEqual(result.capabilities.workspace?.workspaceFolders, { supported: true, changeNotifications: true });
    assert.equal((await client.waitForIndexReady()).documents, SEED_NAMES.length + 1, 'the seeds and the first folder\'s draft');
    await client.open(draftUri, draft);
    await client.waitForDiagnostics(draftUri);
  });

  after(async () => {
    await client?.shutdown();
    first.remove();
    second.remove();
    storage.remove();
  });

  afterEach(function () {
    if (this.currentTest?.state === 'failed') console.error(client.serverOutput());
  });

  it('a folder added is indexed: its drafts and its corpus folder are precedents', async () => {
    assert.ok(!(await hoverValue(2)).includes('afml18.rec.md'));
    const rebuilt = client.nextIndexRebuilt();
    await client.connection.sendNotification(DidChangeWorkspaceFoldersNotification.type, { event: { added: [{ uri: second.uri(), name: 'second' }], removed: [] } });
    assert.equal((await rebuilt).documents, SEED_NAMES.length + 4, 'the seeds, both folders\' drafts, the second folder\'s corpus file and the open draft');
    // Started from the persisted index of the folders before: only the new folder's files were read.
    const line = client.logs.map((log) => log.message).find((message) => /started from .*the previous corpus's/.test(message)) ?? '';
    assert.match(line, new RegExp(`reused ${SEED_NAMES.length + 1} documents, read 2, removed 0`), client.serverOutput());
    assert.ok((await hoverValue(2)).includes(`${second.uri('afml18.rec.md')}#L3`), await hoverValue(2));
    assert.ok((await hoverValue(3)).includes(`${second.uri('library/fishers.txt')}#L3`), await hoverValue(3));
  });

  it('a folder removed takes its documents with it', async () => {
    const rebuilt = client.nextIndexRebuilt();
    await client.connection.sendNotification(DidChangeWorkspaceFoldersNotification.type, { event: { added: [], removed: [{ uri: second.uri(), name: 'second' }] } });
    assert.equal((await rebuilt).documents, SEED_NAMES.length + 2, 'the seeds, the first folder\'s draft and the open draft');
    assert.ok(!(await hoverValue(2)).includes('afml18.rec.md'));
    assert.ok(!(await hoverValue(3)).includes('fishers.txt'));
  });
});

describe('language server: settings from initializationOptions (client without workspace/configuration)', function () {
  this.timeout(20_000);
  const workspace = new TempWorkspace({
    // A draft of an earlier year saved in the workspace: the workspace's drafts are precedents too.
    'archive/afml16-2023.rec.md': 'Draft recommendations for the 16th ASEAN Forum on Migrant Labour\n\n1 September 2023\n\n1. Set up a one-stop service centre for migrant workers in every border province.\n',
    'corpus/readme.txt': 'Corpus notes\n\n1. Nothing to see here.\n',
  });
  let client: LspClient;
  const text = [
    'Sub-theme 1: Protection',
    '',
    '1. Reduce costs and increase the availability and accessibility of remittance services, including digital services.',
    '2. Promote fair recruitment.',
    '',
    'Sub-theme 2: Reintegration',
    '',
    '1. Develop reintegration programmes.',
    '2. Recognise skills gained abroad.',
    '',
  ].join('\n');

  before(async () => {
    requireBuiltServer();
    client = LspClient.start();
    // Neovim, Emacs, Helix: no workspace/configuration, no dynamic file watching; settings at start-up.
    const capabilities = vscodeCapabilities({ configuration: false, watchedFiles: false });
    capabilities.textDocument!.publishDiagnostics!.relatedInformation = false;
    await client.initialize({
      capabilities,
      // A corpus path relative to the workspace folder.
      initializationOptions: { settings: { precedent: { diagnostics: { precedentReuse: false }, numbering: { style: 'continuous' }, corpus: { paths: ['corpus'] } } } },
      workspaceFolders: [workspace.folder()],
    });
    const status = await client.waitForIndexReady();
    assert.equal(status.documents, SEED_NAMES.length + 2, 'the seeds, the corpus file and the archived draft');
  });

  after(async () => {
    await client?.shutdown();
    workspace.remove();
  });

  afterEach(function () {
    if (this.currentTest?.state === 'failed') console.error(client.serverOutput());
  });

  it('never asks for workspace/configuration and says how corpus changes are picked up', () => {
    assert.equal(client.configurationRequests.length, 0);
    assert.ok(!client.registrations.some((registration) => registration.method === 'workspace/didChangeWatchedFiles'));
    assert.ok(client.logs.some((log) => /Rebuild Index/.test(log.message)), client.serverOutput());
  });

  it('diagnostics.precedentReuse: false removes precedent-reuse; numbering.style: continuous reports the restart', async () => {
    const uri = workspace.uri('continuous.rec.md');
    await client.open(uri, text);
    const published = await client.waitForDiagnostics(uri);
    assert.ok(!codes(published).includes('precedent-reuse'), JSON.stringify(published.diagnostics, null, 1));
    const restart = published.diagnostics.filter((diagnostic) => diagnostic.code === 'numbering-restart');
    assert.deepEqual(restart.map((diagnostic) => diagnostic.range.start.line), [7], JSON.stringify(published.diagnostics, null, 1));
  });

  it('numbering.style: continuous is followed by completion and the renumber fix', async () => {
    const uri = workspace.uri('continuous-completion.rec.md');
    const draft = 'Sub-theme 1: Protection\n\n1. One.\n2. Two.\n\nSub-theme 2: Reintegration\n\n';
    await client.open(uri, draft);
    await client.waitForDiagnostics(uri);
    const list = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: 7, character: 0 } })) as CompletionList;
    assert.equal(list.items.find((item) => item.kind === 13)?.label, '3. ', 'the next label continues from sub-theme 1');

    const restarting = workspace.uri('continuous.rec.md');
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: restarting }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll'] } })) as CodeAction[];
    assert.equal(actions.length, 1);
    const fixed = applyEdits(text, editsFor(actions[0]!, restarting)).split('\n');
    assert.deepEqual([fixed[7]!.slice(0, 3), fixed[8]!.slice(0, 3)], ['3. ', '4. ']);
  });

  it('a client without relatedInformation support still learns where the first occurrence is', async () => {
    const uri = workspace.uri('duplicates.rec.md');
    await client.open(uri, 'Recommendations\n\n1. Promote fair recruitment.\n2. Ratify the relevant ILO conventions.\n3. Promote fair recruitment.\n');
    const published = await client.waitForDiagnostics(uri);
    const duplicate = published.diagnostics.find((diagnostic) => diagnostic.code === 'duplicate-item');
    assert.ok(duplicate);
    assert.equal(duplicate.relatedInformation, undefined);
    assert.match(messageOf(duplicate), /item 1\b.*line 3/);
  });

  it('a draft saved in the workspace is a precedent', async () => {
    const uri = workspace.uri('new.rec.md');
    await client.open(uri, 'Recommendations\n\n1 March 2025\n\n1. Open one-stop service centres for migrant workers in the border provinces.\n');
    await client.waitForDiagnostics(uri);
    const value = hoverText(await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 4, character: 5 } }));
    assert.ok(value.includes(`${workspace.uri('archive/afml16-2023.rec.md')}#L5`), value);
  });

  it('precedent.server.rebuildIndex reads a corpus changed on disk (clients that cannot watch files)', async () => {
    const rebuildIndex = async () => (await client.connection.sendRequest(ExecuteCommandRequest.type, { command: 'precedent.server.rebuildIndex', arguments: [] })) as { state: string; documents: number };
    const uri = workspace.uri('seafarers.rec.md');
    await client.open(uri, 'Recommendations\n\n1. Guarantee portable pension rights for seafarers working on foreign fishing vessels.\n');
    await client.waitForDiagnostics(uri);
    const before = (await rebuildIndex()).documents;
    workspace.write('corpus/late.txt', 'Late recommendations\n\n1. Guarantee portable pension rights for seafarers working on foreign fishing vessels.\n');
    const hoverValue = async () => hoverText(await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 2, character: 5 } }));
    assert.ok(!(await hoverValue()).includes('late.txt'), 'not yet: nobody told the server');
    const status = await rebuildIndex();
    assert.equal(status.state, 'ready');
    assert.equal(status.documents, before + 1, 'one more document: the new corpus file');
    assert.ok((await hoverValue()).includes(`${workspace.uri('corpus/late.txt')}#L3`));
  });

  it('workspace/didChangeConfiguration with the settings in it applies them (push model)', async () => {
    const uri = workspace.uri('continuous.rec.md');
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { precedent: { numbering: { style: 'continuous' }, corpus: { paths: ['corpus'] }, diagnostics: { precedentReuse: false, severity: { 'numbering-restart': 'error' } } } } });
    const published = await client.waitForDiagnostics(uri, (params) => params.diagnostics.some((diagnostic) => diagnostic.code === 'numbering-restart' && diagnostic.severity === DiagnosticSeverity.Error));
    assert.ok(!codes(published).includes('precedent-reuse'));
    assert.equal(client.configurationRequests.length, 0);
  });
});

describe('language server: settings from workspace/configuration (VS Code)', function () {
  this.timeout(20_000);
  const workspace = new TempWorkspace();
  let client: LspClient;
  const uri = workspace.uri('settings.rec.md');
  const text = [
    'Recommendations',
    '',
    '1. Reduce costs and increase the availability and accessibility of remittance services, including digital services.',
    '2. Promote fair recruitment.',
    '4. Promote fair recruitment.',
    '',
  ].join('\n');

  /** Changes the client's settings and tells the server, as VS Code does (the server pulls them again). */
  async function reconfigure(precedent: Record<string, unknown>, predicate: (params: PublishDiagnosticsParams) => boolean): Promise<PublishDiagnosticsParams> {
    client.configuration = { precedent };
    const requests = client.configurationRequests.length;
    const published = client.nextDiagnostics(uri, predicate);
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    const result = await published;
    assert.ok(client.configurationRequests.length > requests, 'the server read the settings again');
    return result;
  }

  before(async () => {
    requireBuiltServer();
    client = LspClient.start();
    client.configuration = { precedent: {} };
    await client.initialize({ capabilities: vscodeCapabilities({ configuration: true }), workspaceFolders: [workspace.folder()] });
    await client.waitForIndexReady();
    await client.open(uri, text);
  });

  after(async () => {
    await client?.shutdown();
    workspace.remove();
  });

  afterEach(function () {
    if (this.currentTest?.state === 'failed') console.error(client.serverOutput());
  });

  it('asks for the "precedent" section', () => {
    const sections = client.configurationRequests.flatMap((request) => (request as { items: { section?: string }[] }).items.map((item) => item.section));
    assert.ok(sections.includes('precedent'), JSON.stringify(client.configurationRequests));
  });

  it('defaults: numbering-gap is a warning, the duplicate and the reuse are reported', async () => {
    const published = await client.waitForDiagnostics(uri);
    assert.equal(published.diagnostics.find((diagnostic) => diagnostic.code === 'numbering-gap')?.severity, DiagnosticSeverity.Warning);
    assert.ok(codes(published).includes('duplicate-item'));
    assert.ok(codes(published).includes('precedent-reuse'), JSON.stringify(published.diagnostics, null, 1));
  });

  it('diagnostics.severity { "numbering-gap": "error" } re-publishes the gap as an error after didChangeConfiguration', async () => {
    const published = await reconfigure({ diagnostics: { severity: { 'numbering-gap': 'error' } } }, (params) => params.diagnostics.some((diagnostic) => diagnostic.code === 'numbering-gap'));
    assert.equal(published.diagnostics.find((diagnostic) => diagnostic.code === 'numbering-gap')?.severity, DiagnosticSeverity.Error);
    assert.equal(published.version, 1, 'the same version, checked again');
  });

  it('"off" silences a code, and precedentReuse: false removes precedent-reuse', async () => {
    const published = await reconfigure({ diagnostics: { precedentReuse: false, severity: { 'duplicate-item': 'off' } } }, () => true);
    assert.ok(!codes(published).includes('duplicate-item'), JSON.stringify(codes(published)));
    assert.ok(!codes(published).includes('precedent-reuse'), JSON.stringify(codes(published)));
    assert.ok(codes(published).includes('numbering-gap'));
    assert.equal(published.diagnostics.find((diagnostic) => diagnostic.code === 'numbering-gap')?.severity, DiagnosticSeverity.Warning, 'back to the default severity');
  });

  it('hover.maxResults: 1 shows a single precedent', async () => {
    await reconfigure({ hover: { maxResults: 1 } }, () => true);
    const value = hoverText(await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 2, character: 5 } }));
    assert.equal(hoverBlocks(value).length, 1, value);
    assert.ok(value.includes('viet-nam-afml13-2020.txt#L27'), value);
  });

  it('shutdown then exit: the server process ends by itself with code 0', async () => {
    const probe = LspClient.start();
    await probe.initialize({ capabilities: vscodeCapabilities(), workspaceFolders: [workspace.folder()] });
    await probe.waitForIndexReady();
    assert.equal(await probe.shutdown(), 'exited', probe.serverOutput());
    assert.equal(probe.exitCode, 0);
  });

  it('the server ends when the editor goes away without shutdown (its input closes)', async () => {
    const probe = LspClient.start();
    await probe.initialize({ capabilities: vscodeCapabilities(), workspaceFolders: [workspace.folder()] });
    await probe.closeInput();
    assert.ok(probe.exitCode !== null, 'the process exited');
  });

  it('corpus.includeSeeds: false leaves the seeds out of the index', async () => {
    const rebuilt = client.nextIndexRebuilt();
    client.configuration = { precedent: { corpus: { includeSeeds: false } } };
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    const status = await rebuilt;
    assert.equal(status.documents, 1, 'only the open draft');
    const value = hoverText(await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 2, character: 5 } }));
    assert.ok(!value.includes('seeds/'), value);
  });
});

// The repository's own example draft, when it is there: the server checks it without errors.
describe('language server: the example draft', function () {
  this.timeout(20_000);
  const example = `${REPO_ROOT}examples/draft-afml17.rec.md`;
  const workspace = new TempWorkspace();
  let client: LspClient;

  before(async function () {
    if (!existsSync(example)) this.skip();
    client = LspClient.start();
    await client.initialize({ workspaceFolders: [workspace.folder()] });
    await client.waitForIndexReady();
  });

  after(async () => {
    await client?.shutdown();
    workspace.remove();
  });

  it('examples/draft-afml17.rec.md: its gap, its exact and near duplicates, and the Viet Nam 2020 item it reuses', async () => {
    const text = readFileSync(example, 'utf8');
    const uri = workspace.uri('draft-afml17.rec.md');
    await client.open(uri, text);
    const published = await client.waitForDiagnostics(uri);
    assert.equal(published.version, 1);
    for (const diagnostic of published.diagnostics) assert.equal(diagnostic.source, 'precedent');
    const at = (code: string) => published.diagnostics.filter((diagnostic) => diagnostic.code === code).map((diagnostic) => diagnostic.range.start.line);

    assert.deepEqual(at('numbering-gap'), [lineOf(text, '4. Collect sex- and age-disaggregated')]);
    const boards = lineOf(text, 'Enhance the role of labor management board');
    const boardsAgain = lineOf(text, 'Enhance the role of labour management boards');
    const khmer = lineOf(text, '6. Provide information in Khmer');
    const khmerAgain = lineOf(text, '4. Provide information in Khmer');
    assert.deepEqual(at('duplicate-item').sort((a, b) => a - b), [boardsAgain, khmerAgain]);
    const related = published.diagnostics.filter((diagnostic) => diagnostic.code === 'duplicate-item').map((diagnostic) => [diagnostic.range.start.line, diagnostic.relatedInformation?.[0]?.location.range.start.line]);
    assert.deepEqual(related.sort((a, b) => a[0]! - b[0]!), [[boardsAgain, boards], [khmerAgain, khmer]]);

    const reuse = published.diagnostics.find((diagnostic) => diagnostic.code === 'precedent-reuse' && diagnostic.range.start.line === boards);
    assert.ok(reuse, JSON.stringify(published.diagnostics, null, 1));
    assert.match(messageOf(reuse), /Viet Nam · 13th AFML.*item 1[46]\b/);
    const value = hoverText(await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: boards, character: 5 } }));
    assert.ok(/viet-nam-afml13-2020\.txt#L3[68],/.test(value), value);
  });
});
