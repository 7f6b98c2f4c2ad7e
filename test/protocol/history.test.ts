// Protocol tests of the recurrence features: the server (`node dist/server.js --stdio`) over JSON-RPC, on the
// example draft and the real seeds. The Precedents panel's request (precedent/precedents), the hover's first
// line, and the recurring-recommendation hint with its settings from workspace/configuration and from
// initializationOptions.

import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DiagnosticSeverity, HoverRequest, MarkupContent, type Diagnostic } from 'vscode-languageserver-protocol/node';
import type { PrecedentsParams, PrecedentsResult, TimelineResult } from '../../server/src/lsp/protocol';
import { LspClient, REPO_ROOT, SERVER_JS, seedUri, TempWorkspace, vscodeCapabilities } from './harness';

const EXAMPLE = readFileSync(join(REPO_ROOT, 'examples', 'draft-afml17.rec.md'), 'utf8');
const VIET_NAM_2020 = seedUri('viet-nam-afml13-2020.txt');
const LAO_PDR_2020 = seedUri('lao-pdr-afml13-2020.txt');
/** 0-based line of "3. Encourage job retention…" in the example draft. */
const RETENTION_LINE = EXAMPLE.split('\n').findIndex((line) => line.startsWith('3. Encourage job retention'));

function recurring(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics.filter((diagnostic) => diagnostic.code === 'recurring-recommendation');
}

describe('precedent/precedents, the hover and the recurring-recommendation hint (settings from workspace/configuration)', function () {
  this.timeout(20_000);
  const workspace = new TempWorkspace();
  const uri = workspace.uri('draft-afml17.rec.md');
  let client: LspClient;
  const precedents = (params: Partial<PrecedentsParams> & { line: number; character?: number }) =>
    client.connection.sendRequest<PrecedentsResult>('precedent/precedents', { textDocument: params.textDocument ?? { uri }, position: { line: params.line, character: params.character ?? 5 }, limit: params.limit });

  before(async () => {
    assert.ok(existsSync(SERVER_JS), `${SERVER_JS} is missing: run \`npm run build\` first`);
    client = LspClient.start();
    client.configuration = { precedent: { diagnostics: { recurringRecommendation: true }, recurrence: { minOccasions: 2 } } };
    await client.initialize({ workspaceFolders: [workspace.folder()] });
    await client.waitForIndexReady();
    await client.open(uri, EXAMPLE);
  });

  after(async () => {
    await client?.shutdown();
    workspace.remove();
  });

  afterEach(function () {
    if (this.currentTest?.state === 'failed') console.error(client.serverOutput());
  });

  it('the panel request answers the item at the cursor: its recurrence, occasions oldest first, precedents best first', async () => {
    const result = await precedents({ line: RETENTION_LINE });
    assert.equal(result.state, 'ready');
    assert.equal(result.reason, null);
    assert.equal(result.version, 1);
    assert.equal(result.item?.label, '3.');
    assert.deepEqual(result.item?.range.start, { line: RETENTION_LINE, character: 0 });
    assert.deepEqual(result.item?.wordingRange.start, { line: RETENTION_LINE, character: 3 }, 'the wording starts after "3. "');
    assert.equal(result.recurrence, 'Asked twice before, since 2020: Viet Nam (13th AFML, 2020, item 4), Lao PDR (13th AFML, 2020)');
    assert.deepEqual(result.occasions.map((occasion) => [occasion.who, occasion.date, occasion.best.uri, occasion.best.range.start.line]), [
      ['Viet Nam', '2020-09-28', VIET_NAM_2020, 24],
      ['Lao PDR', '2020-10-23', LAO_PDR_2020, 23],
    ]);
    const [first] = result.precedents;
    assert.ok(first && first.similarity > 0.99, JSON.stringify(result.precedents[0]));
    assert.match(first.text, /^Encourage job retention, remote\/flexible arrangements/);
    assert.equal(first.source.forum, '13th ASEAN Forum on Migrant Labour');
    assert.ok(['Viet Nam (13th AFML, 2020, item 4)', 'Lao PDR (13th AFML, 2020)'].includes(first.occasion), first.occasion);
    assert.match(first.citation, /^(Viet Nam|Lao PDR) · 13th AFML · 2\d (Sep|Oct) 2020 · Sub-theme 1 · /);
    const similarities = result.precedents.map((precedent) => precedent.similarity);
    assert.deepEqual(similarities, [...similarities].sort((a, b) => b - a), 'best first');
    assert.ok(result.precedents.every((precedent) => precedent.uri !== uri), 'the draft is not its own precedent');
  });

  it('Viet Nam 2020\'s items 14 and 16 are two precedents but one occasion', async () => {
    const line = EXAMPLE.split('\n').findIndex((text) => text.startsWith('4. Enhance the role of labor management board'));
    const result = await precedents({ line });
    assert.deepEqual(result.precedents.slice(0, 2).map((precedent) => precedent.source.label).sort(), ['14.', '16.']);
    assert.equal(result.occasions.length, 1);
    assert.equal(result.occasions[0]!.items, 2);
    assert.match(result.recurrence, /^Asked once before, in 2020: Viet Nam \(13th AFML, 2020, item 1[46]\)$/);
  });

  it('honours limit, and says why it has nothing: no item at the position, a document that is not open', async () => {
    assert.equal((await precedents({ line: RETENTION_LINE, limit: 1 })).precedents.length, 1);
    const heading = await precedents({ line: EXAMPLE.split('\n').findIndex((text) => text.startsWith('## Sub-theme 1')) });
    assert.deepEqual([heading.reason, heading.item, heading.precedents, heading.recurrence], ['no-item', null, [], '']);
    const closed = await precedents({ textDocument: { uri: workspace.uri('not-open.rec.md') }, line: 0 });
    assert.deepEqual([closed.reason, closed.version, closed.state], ['not-open', null, 'ready']);
  });

  it('precedent/timeline: the item at the position (a mark per occasion, with where to open it), or the whole draft', async () => {
    const item = await client.connection.sendRequest<TimelineResult>('precedent/timeline', { textDocument: { uri }, position: { line: RETENTION_LINE, character: 5 } });
    assert.equal(item.scope, 'item');
    assert.deepEqual(item.marks.map((mark) => [mark.row, mark.when, mark.uri, mark.range.start.line]), [['Viet Nam', '2020', VIET_NAM_2020, 24], ['Lao PDR', '2020', LAO_PDR_2020, 23]]);
    const draft = await client.connection.sendRequest<TimelineResult>('precedent/timeline', { textDocument: { uri }, position: { line: RETENTION_LINE, character: 5 }, scope: 'draft' });
    assert.equal(draft.scope, 'draft');
    assert.equal(draft.title, 'Cambodia National Recommendations for the 17th ASEAN Forum on Migrant Labour');
    assert.equal(draft.marks.length, 22);
    const onHeading = await client.connection.sendRequest<TimelineResult>('precedent/timeline', { textDocument: { uri }, position: { line: 0, character: 0 } });
    assert.equal(onHeading.scope, 'draft', 'off an item, the whole draft');
  });

  it('the hover starts with the recurrence line', async () => {
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: RETENTION_LINE, character: 5 } });
    assert.ok(hover && MarkupContent.is(hover.contents));
    assert.equal(hover.contents.value.split('\n')[0], 'Asked twice before, since 2020: Viet Nam (13th AFML, 2020, item 4), Lao PDR (13th AFML, 2020)');
  });

  it('recurring-recommendation: a hint on each item asked at 2 or more occasions, naming them, related to each occasion\'s item', async () => {
    const published = await client.waitForDiagnostics(uri, (params) => recurring(params.diagnostics).length > 0);
    const hints = recurring(published.diagnostics);
    assert.equal(hints.length, 7, JSON.stringify(hints.map((hint) => hint.range.start.line)));
    const retention = hints.find((hint) => hint.range.start.line === RETENTION_LINE)!;
    assert.equal(retention.severity, DiagnosticSeverity.Hint);
    assert.equal(retention.source, 'precedent');
    assert.equal(retention.message, 'Asked twice before, since 2020: Viet Nam (13th AFML, 2020, item 4), Lao PDR (13th AFML, 2020). Check what came of the earlier calls before repeating this one.');
    assert.deepEqual(retention.relatedInformation?.map((related) => [related.location.uri, related.location.range.start.line]), [[VIET_NAM_2020, 24], [LAO_PDR_2020, 23]]);
  });

  it('is off again when the setting is turned off (workspace/didChangeConfiguration)', async () => {
    const next = client.nextDiagnostics(uri, (params) => recurring(params.diagnostics).length === 0);
    client.configuration = { precedent: { diagnostics: { recurringRecommendation: false } } };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const published = await next;
    assert.ok(published.diagnostics.some((diagnostic) => diagnostic.code === 'precedent-reuse'), 'the other diagnostics stay');
  });
});

describe('recurring-recommendation with settings from initializationOptions (default: 3 occasions)', function () {
  this.timeout(20_000);
  // A third occasion of "Encourage job retention…": a 2021 draft kept in the workspace, which is a precedent too.
  const workspace = new TempWorkspace({
    'archive/cambodia-afml14-2021.rec.md': '---\ncountry: Cambodia\nforum: 14th ASEAN Forum on Migrant Labour\ndate: 2021-10-27\n---\n\n1. Encourage job retention, remote/flexible arrangements, alternative employment, job creation, and renewal/extensions of contracts, visas and work permits.\n',
  });
  const uri = workspace.uri('draft-afml17.rec.md');
  let client: LspClient;

  before(async () => {
    client = LspClient.start();
    await client.initialize({
      capabilities: vscodeCapabilities({ configuration: false, watchedFiles: false }),
      initializationOptions: { settings: { precedent: { diagnostics: { recurringRecommendation: true } } } },
      workspaceFolders: [workspace.folder()],
    });
    await client.waitForIndexReady();
    await client.open(uri, EXAMPLE);
  });

  after(async () => {
    await client?.shutdown();
    workspace.remove();
  });

  it('reports only the item asked at three occasions: Viet Nam 2020, Lao PDR 2020, Cambodia 2021', async () => {
    const published = await client.waitForDiagnostics(uri, (params) => params.diagnostics.some((diagnostic) => diagnostic.code === 'precedent-reuse'));
    const hints = recurring(published.diagnostics);
    assert.deepEqual(hints.map((hint) => hint.range.start.line), [RETENTION_LINE], client.serverOutput());
    assert.equal(hints[0]!.message, 'Asked 3 times before, since 2020: Viet Nam (13th AFML, 2020, item 4), Lao PDR (13th AFML, 2020), Cambodia (14th AFML, 2021, item 1). Check what came of the earlier calls before repeating this one.');
  });
});
