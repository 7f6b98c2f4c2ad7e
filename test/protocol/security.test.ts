// Security and robustness of the server over a real JSON-RPC connection:
// - hostile corpus text (command and javascript: links, HTML, comments, backticks, headings, bare URLs, e-mail
//   addresses, `](` in odd places, a file name that is itself a command link, very long lines) renders in hovers,
//   completion documentation (after resolve) and the consistency report to no link but our own `file:…#L<line>`
//   links and no HTML (rendered with markdown-it, see test/support/markdownSafety.ts);
// - the server never writes to a file: every command, code action and request leaves the workspace on disk as
//   it was (edits only go to the client, as WorkspaceEdits);
// - corpus files that are binary, not UTF-8, too large, unreadable, symbolic link loops, dangling links, pipes or
//   devices, or that vanish before they are read, are skipped with a log line and their reason in
//   precedent/indexStatus, and the server goes on answering;
// - settings spelled to get around the client's untrusted-workspace restriction read no other paths. (The server
//   itself reads the corpus paths it is given: `initializationOptions.trusted` is not consulted; filtering the
//   workspace's own paths in Restricted Mode is the VS Code client's job, tested in test/unit/clientTrust.test.ts.)

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  CodeActionRequest,
  CompletionRequest,
  CompletionResolveRequest,
  DefinitionRequest,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DocumentOnTypeFormattingRequest,
  DocumentSymbolRequest,
  ExecuteCommandRequest,
  FileChangeType,
  HoverRequest,
  MarkupContent,
  ReferencesRequest,
  WorkspaceSymbolRequest,
  type CodeAction,
  type CompletionItem,
  type CompletionList,
  type Hover,
} from 'vscode-languageserver-protocol/node';
import { linkTargets, unsafeParts } from '../support/markdownSafety';
import { LspClient, SEEDS_DIR, TempWorkspace, vscodeCapabilities } from './harness';

const AS_ROOT = process.getuid?.() === 0;
const SEED_COUNT = readdirSync(SEEDS_DIR).filter((name) => name.endsWith('.txt')).length;

const HOSTILE_ITEMS = [
  'Protect domestic workers from confiscation of passports [click](command:workbench.action.terminal.new) by employers.',
  'Provide shelters <img src=x onerror=alert(1)> for domestic workers who escape abusive employers.',
  'Ratify the ILO Domestic Workers Convention [docs](javascript:alert(document.cookie)) and <javascript:alert(1)> without delay.',
  'Guarantee portable pension rights for seafarers `` ` ``` <!-- hidden --> on foreign fishing vessels.',
  'Recognise the skills ](command:workbench.action.openSettings) of returning ![x](https://evil.example/x.png) migrant workers.',
  '- Establish one-stop service centres at https://evil.example/login and www.evil.com, write to help@evil.com.',
  '# Train labour inspectors on forced labour indicators <script>alert(1)</script> in the fishing sector.',
  `Extend social protection to workers in the informal sector ${'and their families '.repeat(3000)}[x](command:y).`,
];

/** The draft: one item close to each hostile precedent. */
const DRAFT = [
  'Recommendations',
  '',
  '1. Protect domestic workers from confiscation of their passports by employers.',
  '2. Provide shelters for domestic workers who escape abusive employers.',
  '3. Ratify the ILO Domestic Workers Convention without delay.',
  '4. Guarantee portable pension rights for seafarers on foreign fishing vessels.',
  '5. Recognise the skills of returning migrant workers.',
  '6. Establish one-stop service centres for migrant workers.',
  '7. Train labour inspectors on forced labour indicators in the fishing sector.',
  '9. Extend social protection to workers in the informal sector and their families.',
  '',
].join('\n');

const HOSTILE_NAME = '[open](command:workbench.action.terminal.new) <img src=x onerror=alert(1)>.txt';

function hoverValue(hover: Hover | null): string {
  assert.ok(hover && MarkupContent.is(hover.contents), 'a Markdown hover');
  return hover.contents.value;
}

function assertSafe(markdown: string, what: string): void {
  assert.deepEqual(unsafeParts(markdown), [], `${what} renders something active that is not ours:\n${markdown.slice(0, 3000)}`);
}

/** Every file under `folder` (size, time and bytes); special files by kind. */
function snapshot(folder: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) {
        const stats = statSync(path);
        const readable = AS_ROOT || (stats.mode & 0o400) !== 0;
        out.set(relative(folder, path), `${stats.size} ${stats.mtimeMs} ${stats.mode} ${readable ? readFileSync(path).toString('base64') : ''}`);
      } else out.set(relative(folder, path), entry.isSymbolicLink() ? 'symlink' : 'special');
    }
  };
  walk(folder);
  return out;
}

describe('language server: hostile corpus, no writes to disk, bad corpus files', function () {
  this.timeout(60_000);
  const workspace = new TempWorkspace({
    'corpus/hostile.txt': ['Recommendations of an untrusted workshop [title](command:workbench.action.terminal.new) <b>bold</b>', '', 'Sub-theme 1: <img src=x onerror=alert(1)> [x](javascript:alert(1))', '', ...HOSTILE_ITEMS.map((text, index) => `${index + 1}. ${text}`), ''].join('\n'),
    [`corpus/${HOSTILE_NAME}`]: '1. Guarantee portable pension rights for seafarers working on foreign fishing vessels.\n',
    'corpus/huge.txt': '1. Extend social protection to migrant workers.\n'.repeat(120_000),
    'corpus/locked.txt': '1. Nobody may read this.\n',
    'draft.rec.md': DRAFT,
    'other.rec.md': 'Recommendations\n\n1. Protect domestic workers from confiscation of passports by employers.\n',
  });
  const draftUri = workspace.uri('draft.rec.md');
  let client: LspClient;

  before(async () => {
    writeFileSync(workspace.file('corpus/binary.txt'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x14]));
    writeFileSync(workspace.file('corpus/latin1.txt'), Buffer.from('1. Caf\xe9 workers.\n', 'latin1'));
    chmodSync(workspace.file('corpus/locked.txt'), 0o000);
    mkdirSync(workspace.file('odd'));
    symlinkSync('loop.txt', workspace.file('odd/loop.txt'));
    symlinkSync('no-such-target.txt', workspace.file('odd/dangling.txt'));
    symlinkSync('/dev/zero', workspace.file('odd/zero.txt'));
    assert.equal(spawnSync('mkfifo', [workspace.file('odd/pipe.txt')]).status, 0, 'mkfifo');
    client = LspClient.start({ cwd: workspace.path });
    client.configuration = { precedent: { corpus: { paths: ['corpus', 'odd/loop.txt', 'odd/dangling.txt', 'odd/zero.txt', 'odd/pipe.txt'] } } };
    await client.initialize({ workspaceFolders: [workspace.folder()] });
    await client.waitForIndexReady();
    await client.open(draftUri, DRAFT);
    await client.waitForDiagnostics(draftUri);
  });

  after(async () => {
    await client?.shutdown();
    workspace.remove();
  });

  afterEach(function () {
    if (this.currentTest?.state === 'failed') console.error(client.serverOutput().slice(-4000));
  });

  it('skips binary, non-UTF-8, too large, unreadable, looping, dangling, device and pipe files with their reasons', () => {
    const status = client.indexStatuses.at(-1)!;
    // Files found in a folder are named by their absolute path, paths named in the settings as written.
    const reasons = new Map(status.skipped.map((file) => [file.path.startsWith('/') ? relative(workspace.path, file.path) : file.path, file.reason]));
    assert.match(reasons.get('corpus/binary.txt') ?? '', /binary/);
    assert.match(reasons.get('corpus/latin1.txt') ?? '', /not valid UTF-8/);
    assert.match(reasons.get('corpus/huge.txt') ?? '', /too large \(5\.\d MB; the limit is 5\.0 MB\)/);
    // Root reads any file whatever its mode: chmod 000 blocks nothing there, so the file is indexed instead.
    if (!AS_ROOT) assert.match(reasons.get('corpus/locked.txt') ?? '', /permission denied/);
    assert.match(reasons.get('odd/loop.txt') ?? '', /symbolic link loop/);
    assert.match(reasons.get('odd/dangling.txt') ?? '', /no such file or folder/);
    assert.match(reasons.get('odd/zero.txt') ?? '', /not a regular file/);
    assert.match(reasons.get('odd/pipe.txt') ?? '', /not a regular file/);
    for (const name of ['binary.txt', 'latin1.txt', 'huge.txt', 'loop.txt', 'pipe.txt']) {
      assert.ok(client.logs.some((log) => log.message.startsWith('Skipped ') && log.message.includes(name)), `a log line for ${name}`);
    }
    // The seeds, hostile.txt, the hostile file name, other.rec.md and the open draft (+ locked.txt as root).
    assert.equal(status.documents, SEED_COUNT + 4 + (AS_ROOT ? 1 : 0));
  });

  it('a pipe or a vanished file reported by the file watcher is skipped with its reason, never a hang', async () => {
    assert.equal(spawnSync('mkfifo', [workspace.file('corpus/new-pipe.txt')]).status, 0);
    workspace.write('corpus/vanishing.txt', '1. Here a moment.\n');
    rmSync(workspace.file('corpus/vanishing.txt'));
    const status = client.nextIndexStatus();
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [
      { uri: workspace.uri('corpus/new-pipe.txt'), type: FileChangeType.Created },
      { uri: workspace.uri('corpus/vanishing.txt'), type: FileChangeType.Created },
    ] });
    const reasons = new Map((await status).skipped.map((file) => [relative(workspace.path, file.path), file.reason]));
    assert.match(reasons.get('corpus/new-pipe.txt') ?? '', /not a regular file/);
    assert.match(reasons.get('corpus/vanishing.txt') ?? '', /no such file/);
    assert.ok(hoverValue(await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: draftUri }, position: { line: 3, character: 5 } })).length > 0, 'still answering');
    rmSync(workspace.file('corpus/new-pipe.txt'));
  });

  it('hovers show hostile corpus text inert: no link but ours, no HTML', async () => {
    const lines = DRAFT.split('\n');
    let sawHostileName = false;
    for (let line = 2; line < lines.length - 1; line++) {
      const value = hoverValue(await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: draftUri }, position: { line, character: 4 } }));
      assertSafe(value, `hover on line ${line + 1}`);
      const targets = linkTargets(value);
      assert.ok(targets.length > 0 && targets.every((target) => target.startsWith('file://') && /#L\d+,\d+-L\d+,\d+$/.test(target)), `our links only: ${targets.join(', ')}`);
      if (value.includes('hostile.txt#L')) assert.ok(targets.some((target) => target.includes('hostile.txt#L')));
      if (targets.some((target) => target.includes('onerror'))) sawHostileName = true;
    }
    assert.ok(sawHostileName, 'the file named like a command link was shown, as a file link');
  });

  it('completion documentation (after resolve) of hostile precedents is inert', async () => {
    const typed = ['10. Protect domestic workers from confiscation', '10. Provide shelters for domestic', '10. Ratify the ILO Domestic Workers', '10. Establish one-stop service', '10. Train labour inspectors on forced', '10. Recognise the skills of returning'];
    let resolved = 0;
    for (const prefix of typed) {
      const text = `${DRAFT}${prefix}`;
      const line = text.split('\n').length - 1;
      await client.change(draftUri, 100 + resolved, [{ text }]);
      const list = await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: draftUri }, position: { line, character: prefix.length } }) as CompletionList;
      for (const item of list.items.filter((candidate: CompletionItem) => candidate.data !== undefined)) {
        const full = await client.connection.sendRequest(CompletionResolveRequest.type, item);
        assert.ok(MarkupContent.is(full.documentation), 'Markdown documentation');
        assertSafe(full.documentation.value, `documentation of "${item.label.slice(0, 60)}"`);
        resolved++;
      }
    }
    assert.ok(resolved >= typed.length, `resolved ${resolved} precedents`);
    await client.change(draftUri, 1000, [{ text: DRAFT }]);
  });

  it('the consistency report is inert', async () => {
    const { markdown } = await client.connection.sendRequest('precedent/report', { uri: draftUri }) as { markdown: string };
    assert.ok(markdown.includes('hostile'), 'the hostile precedents are in it');
    assertSafe(markdown, 'the report');
  });

  it('no command, code action or request writes to a file: edits only reach the client', async () => {
    const before = snapshot(workspace.path);
    const lines = DRAFT.split('\n');
    const uri = draftUri;
    const diagnostics = client.latestDiagnostics(uri)!.diagnostics;
    const actions: CodeAction[] = [];
    for (let line = 0; line < lines.length; line++) {
      for (const only of [undefined, ['quickfix'], ['refactor.rewrite'], ['source.fixAll.precedent'], ['source']]) {
        const range = { start: { line, character: 0 }, end: { line, character: lines[line]!.length } };
        const answer = await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics: diagnostics.filter((d) => d.range.start.line === line), ...(only ? { only } : {}) } });
        actions.push(...(answer ?? []).filter((action): action is CodeAction => 'title' in action && 'edit' in action));
      }
      await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri }, position: { line, character: 3 } });
      await client.connection.sendRequest(ReferencesRequest.type, { textDocument: { uri }, position: { line, character: 3 }, context: { includeDeclaration: true } });
      await client.connection.sendRequest(DocumentOnTypeFormattingRequest.type, { textDocument: { uri }, position: { line, character: 0 }, ch: '\n', options: { tabSize: 2, insertSpaces: true } });
    }
    assert.ok(actions.some((action) => /Renumber/.test(action.title)) && actions.some((action) => /^Use the wording of /.test(action.title)), actions.map((action) => action.title).join('; '));
    await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } });
    await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: 'domestic workers' });
    await client.connection.sendRequest('precedent/search', { query: 'command workbench' });
    await client.connection.sendRequest('precedent/report', { uri });
    const applied = client.nextAppliedEdit();
    await client.connection.sendRequest(ExecuteCommandRequest.type, { command: 'precedent.server.renumberLists', arguments: [uri] });
    assert.ok((await applied).edit, 'renumbering goes to the client as a workspace/applyEdit');
    const rebuilt = client.nextIndexRebuilt();
    await client.connection.sendRequest(ExecuteCommandRequest.type, { command: 'precedent.server.rebuildIndex', arguments: [] });
    await rebuilt;
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { precedent: { hover: { maxResults: 2 } } } });
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: workspace.uri('corpus/hostile.txt'), type: FileChangeType.Changed }] });
    await client.close(uri);
    await client.open(uri, DRAFT);
    await client.waitForDiagnostics(uri, (params) => params.version === 1);
    assert.deepEqual(snapshot(workspace.path), before, 'the workspace on disk is as it was');
    assert.equal(readFileSync(workspace.file('draft.rec.md'), 'utf8'), DRAFT);
  });
});

describe('language server: settings spelled to get around the untrusted-workspace restriction', function () {
  this.timeout(30_000);
  const secret = new TempWorkspace({ 'secret.txt': 'Secret recommendations\n\n1. Guarantee portable pension rights for seafarers working on foreign fishing vessels.\n' });
  const workspace = new TempWorkspace();
  let client: LspClient;

  after(async () => {
    await client?.shutdown();
    secret.remove();
    workspace.remove();
  });

  it('initializationOptions with trusted: false: a nested "precedent" section or dotted keys add no corpus path', async () => {
    client = LspClient.start({ cwd: workspace.path });
    const capabilities = vscodeCapabilities({ configuration: false });
    await client.initialize({
      capabilities,
      workspaceFolders: [workspace.folder()],
      initializationOptions: {
        trusted: false,
        // What the VS Code client sends in Restricted Mode, with workspace settings "precedent.precedent" and
        // "precedent": { "corpus.paths": … } riding along inside the section.
        settings: { corpus: { paths: [] }, thesaurus: { paths: [] }, 'corpus.paths': [secret.path], precedent: { corpus: { paths: [secret.path] } } },
      },
    });
    const status = await client.waitForIndexReady();
    assert.equal(status.documents, SEED_COUNT, 'the seeds only');
    const symbols = await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: 'seafarers foreign fishing vessels' });
    assert.ok(!JSON.stringify(symbols).includes('secret.txt'), 'nothing from the secret folder');
  });
});
