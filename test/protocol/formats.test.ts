// The server with a corpus folder of PDF and Word files (the seeds printed and saved, a scan among them): their
// items are precedents, a hover names the file and page and links to the readable text of the extraction at the
// precedent's line (and to the original PDF at its page), go to definition opens that text, and the scan is
// named with its reason in precedent/indexStatus.

import assert from 'node:assert/strict';
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DefinitionRequest, DidChangeWatchedFilesNotification, FileChangeType, HoverRequest, MarkupContent, type Location } from 'vscode-languageserver-protocol';
import { LspClient, REPO_ROOT, SERVER_JS, TempWorkspace } from './harness';

const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'formats');

describe('language server: a corpus of PDF and Word files', function () {
  this.timeout(30_000);
  const workspace = new TempWorkspace({ 'draft.rec.md': 'Recommendations\n\n1. Reduce the costs of remittance services and make them more accessible, including digital services.\n2. Improve database management so that governments can track migrant workers.\n' });
  const draftUri = workspace.uri('draft.rec.md');
  let client: LspClient;

  const hover = async (line: number) => {
    const result = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: draftUri }, position: { line, character: 5 } });
    assert.ok(result && MarkupContent.is(result.contents));
    return result.contents.value;
  };
  /** The text at a `file:…#L<n>` link: the line the editor opens. */
  const lineAt = (link: string) => {
    const match = /^<?(file:[^#>]+)#L(\d+),\d+-L\d+,\d+>?$/.exec(link);
    assert.ok(match, link);
    return readFileSync(fileURLToPath(match[1]!), 'utf8').split('\n')[Number(match[2]) - 1]!;
  };

  before(async () => {
    assert.ok(existsSync(SERVER_JS), 'run `npm run build` first');
    for (const name of ['viet-nam-afml13-2020.pdf', 'recommendations-recruitment-reintegration.docx', 'scanned-viet-nam-afml13-2020.pdf']) copyFileSync(join(FIXTURES, name), workspace.write(`library/${name}`, ''));
    client = LspClient.start();
    client.configuration = { precedent: { corpus: { paths: ['library'], includeSeeds: false } } };
    await client.initialize({ workspaceFolders: [workspace.folder()], initializationOptions: { globalStoragePath: workspace.file('storage') } });
    await client.waitForIndexReady();
    await client.open(draftUri, readFileSync(workspace.file('draft.rec.md'), 'utf8'));
  });

  after(async () => {
    await client?.shutdown();
    workspace.remove();
  });

  it('names the scan with its reason in precedent/indexStatus and the log', () => {
    const status = client.indexStatuses.at(-1)!;
    assert.equal(status.documents, 3, 'the PDF, the Word file and the workspace draft (and no scan)');
    const scan = status.skipped.find((file) => file.path.endsWith('scanned-viet-nam-afml13-2020.pdf'));
    assert.match(scan?.reason ?? '', /no text layer.*needs OCR/);
    assert.ok(client.logs.some((log) => /Skipped .*scanned-viet-nam-afml13-2020\.pdf: the PDF has no text layer/.test(log.message)), client.serverOutput());
  });

  it('a hover names the PDF and its page, links to the extracted text at the precedent\'s line, and to the PDF at its page', async () => {
    const value = await hover(2);
    assert.match(value, /viet-nam-afml13-2020\.pdf p\. 1/);
    const open = /\[Open precedent\]\(([^)]+)\)/.exec(value)?.[1];
    assert.ok(open, value);
    assert.match(open, /extracted/);
    assert.match(lineAt(open), /^6\. Reduce costs and increase the availability and accessibility of remittance services/);
    const original = /\[Open the PDF at p\. 1\]\(<?([^)>]+)>?\)/.exec(value)?.[1];
    assert.ok(original, value);
    assert.match(original, /library\/viet-nam-afml13-2020\.pdf#page=1$/);
  });

  it('precedent/original: the text view\'s original file and the page of a line; null for any other file', async () => {
    const value = await hover(2);
    const view = /\[Open precedent\]\(<?(file:[^#>]+)#L(\d+),\d+-L\d+,\d+>?\)/.exec(value)!;
    const original = await client.connection.sendRequest<{ uri: string; page: number | null; format: string } | null>('precedent/original', { uri: view[1], line: Number(view[2]) - 1 });
    assert.deepEqual(original, { uri: workspace.uri('library/viet-nam-afml13-2020.pdf'), page: 1, format: 'pdf' });
    const lastLine = readFileSync(fileURLToPath(view[1]!), 'utf8').trimEnd().split('\n').length - 1;
    assert.equal((await client.connection.sendRequest<{ page: number }>('precedent/original', { uri: view[1], line: lastLine })).page, 2);
    assert.equal(await client.connection.sendRequest('precedent/original', { uri: draftUri, line: 0 }), null);
  });

  it('precedent/documentTitles: the text view has the PDF\'s title, the PDF itself none (it opens as itself)', async () => {
    const view = /\[Open precedent\]\(<?(file:[^#>]+)#/.exec(await hover(2))![1]!;
    const [viewTitle, pdfTitle] = await client.connection.sendRequest<(string | null)[]>('precedent/documentTitles', { uris: [view, workspace.uri('library/viet-nam-afml13-2020.pdf')] });
    assert.match(viewTitle ?? 'null', /viet-nam-afml13-2020\.pdf$/);
    assert.equal(pdfTitle, null);
  });

  it('a precedent from a Word file links to its extracted text, with Word\'s own label', async () => {
    const value = await hover(3);
    assert.match(value, /recommendations-recruitment-reintegration\.docx/);
    const open = /\[Open precedent\]\(([^)]+)\)/.exec(value)?.[1];
    assert.ok(open, value);
    assert.match(lineAt(open), /^2\. Improve database management to ensure that governments are able to track migrant/);
  });

  it('go to definition opens the extracted text at the precedent item', async () => {
    const locations = (await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: draftUri }, position: { line: 2, character: 5 } })) as Location[];
    assert.equal(locations.length, 1);
    const [location] = locations;
    const lines = readFileSync(fileURLToPath(location!.uri), 'utf8').split('\n');
    assert.match(lines[location!.range.start.line]!, /^6\. Reduce costs/);
    assert.match(location!.uri, /viet-nam-afml13-2020\.pdf\.txt$/);
  });

  it('a PDF added to the folder is read when the watcher reports it', async () => {
    copyFileSync(join(FIXTURES, 'lao-pdr-afml13-2020.pdf'), workspace.file('library/lao-pdr-afml13-2020.pdf'));
    const status = client.nextIndexStatus();
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: workspace.uri('library/lao-pdr-afml13-2020.pdf'), type: FileChangeType.Created }] });
    assert.equal((await status).documents, 4, 'two PDFs, the Word file and the draft');
    assert.match(await hover(2), /lao-pdr-afml13-2020\.pdf p\. \d/);
  });
});
