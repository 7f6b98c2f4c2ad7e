// Protocol tests of the server's workspace: a corpus on disk and its files changing, workspace folders coming and
// going, settings from initializationOptions or from workspace/configuration, and the example draft. The built
// server driven over a real JSON-RPC connection, asserting what a user of an editor would see.

import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import {
  CodeActionRequest,
  CompletionRequest,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DidChangeWorkspaceFoldersNotification,
  ExecuteCommandRequest,
  FileChangeType,
  HoverRequest,
  type CodeAction,
  type CompletionList,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { applyEdits, LspClient, REPO_ROOT, seedUri, TempWorkspace, vscodeCapabilities } from './harness';
import { SEED_NAMES, lineOf, codes, messageOf, hoverText, hoverBlocks, linkTargets, unescapeMarkdown, editsFor, requireBuiltServer } from './serverSupport';

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

  it('precedent/documentTitles: a title for each precedent (seed, corpus file), none for a draft (open or not)', async () => {
    const uris = [seedUri('viet-nam-afml13-2020.txt'), second.uri('library/fishers.txt'), second.uri('afml18.rec.md'), draftUri, first.uri('never-indexed.txt')];
    const titles = await client.connection.sendRequest<(string | null)[]>('precedent/documentTitles', { uris });
    assert.equal(titles[0], 'Viet Nam · 13th AFML · 2020');
    assert.match(titles[1] ?? 'null', /fishers/i, 'a document of the corpus paths is a precedent, opened read-only');
    assert.deepEqual(titles.slice(2), [null, null, null], 'drafts (a workspace draft, the open draft) and unknown files keep their files');
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
