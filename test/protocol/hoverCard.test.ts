// The hover as a reader meets it: a document that says one thing twice (Viet Nam 2020's items 14 and 16) is one
// precedent, and so are two files of one document (its text and its PDF); the card stays short: one line of
// source and link, the quote, a rule between precedents.

import assert from 'node:assert/strict';
import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { DefinitionRequest, HoverRequest, MarkupContent } from 'vscode-languageserver-protocol';
import { LspClient, REPO_ROOT, SERVER_JS, TempWorkspace } from './harness';

describe('language server: the hover card', function () {
  this.timeout(20_000);
  const workspace = new TempWorkspace();
  const uri = workspace.uri('draft.rec.md');
  let client: LspClient;

  before(async () => {
    assert.ok(existsSync(SERVER_JS), 'run `npm run build` first');
    client = LspClient.start();
    client.configuration = { precedent: { hover: { maxResults: 3 } } };
    await client.initialize({ workspaceFolders: [workspace.folder()] });
    await client.waitForIndexReady();
    await client.open(uri, 'Recommendations\n\n1. Enhance the role of labour management boards and of trade unions in receiving countries.\n2. Promote their use.\n3. Use technology.\n');
  });
  after(async () => {
    await client?.shutdown();
    workspace.remove();
  });

  it('lists a text a document repeats once, and still three precedents', async () => {
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 2, character: 5 } });
    assert.ok(hover && MarkupContent.is(hover.contents));
    const value = hover.contents.value;
    const sources = [...value.matchAll(/\*\*\d+% similar\*\* · ([^\n]*?) · \[Open precedent\]/g)].map((match) => match[1]!);
    assert.equal(sources.length, 3, value);
    assert.equal(new Set(sources).size, 3, 'three different precedents');
    // Viet Nam 2020's items 14 and 16 are one text: item 14 stands for both, and item 15 takes the place.
    assert.ok(sources.some((source) => /^Viet Nam · 13th AFML .* item 14$/.test(source)), value);
    assert.ok(!sources.some((source) => /^Viet Nam · 13th AFML .* item 16$/.test(source)), value);
    // Short: the recurrence line and a heading line, then per precedent one line of source and link and one of
    // quote, with a rule between (and the action level on a last line of its own).
    assert.ok(value.split("\n").length <= 2 + 2 + 3 * 3 + 2 * 2 + 2, value);
    assert.match(value, /\*Action level 4 of 5, general action\* \(“enhance”\)$/);
  });

  it('marks a precedent that shares only general words as loosely related, and never goes to it', async () => {
    const hoverAt = async (line: number) => {
      const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character: 5 } });
      assert.ok(hover && MarkupContent.is(hover.contents));
      return hover.contents.value;
    };
    // "Promote their use." shares "promote" and "use" with "Promoting the use of technological tools…": above the
    // similarity threshold by score, but no measure in common.
    const general = await hoverAt(3);
    assert.match(general, /\*\*\d+% similar\*\* · loosely related \(shares only general words\) · [^\n]* · \[Open precedent\][^\n]*\n\n> Promoting the use of technological tools/, general);
    const definition = await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri }, position: { line: 3, character: 5 } });
    assert.deepEqual(definition, [], 'no closest precedent: the only ones are loosely related');
    // "Use technology." names a measure (technology) with the same precedent: a precedent like any other.
    const specific = await hoverAt(4);
    assert.match(specific, /\*\*\d+% similar\*\* · [^\n]*Promoting the use|> Promoting the use of technological tools/);
    assert.doesNotMatch(specific.split('---')[0]!, /loosely related/, specific);
  });
});

describe('language server: the hover card with one document in two files (the seed and its PDF)', function () {
  this.timeout(30_000);
  const workspace = new TempWorkspace();
  const uri = workspace.uri('draft.rec.md');
  let client: LspClient;

  before(async () => {
    assert.ok(existsSync(SERVER_JS), 'run `npm run build` first');
    copyFileSync(join(REPO_ROOT, 'test', 'fixtures', 'formats', 'viet-nam-afml13-2020.pdf'), workspace.write('library/viet-nam-afml13-2020.pdf', ''));
    client = LspClient.start();
    client.configuration = { precedent: { corpus: { paths: ['library'] }, hover: { maxResults: 3 } } };
    await client.initialize({ workspaceFolders: [workspace.folder()], initializationOptions: { globalStoragePath: workspace.file('storage') } });
    await client.waitForIndexReady();
    await client.open(uri, 'Recommendations\n\n1. Enhance the role of labor management board in receiving countries.\n');
  });
  after(async () => {
    await client?.shutdown();
    workspace.remove();
  });

  it('shows the text once, naming the other file it is also in', async () => {
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 2, character: 5 } });
    assert.ok(hover && MarkupContent.is(hover.contents));
    const value = hover.contents.value;
    const cards = value.split('\n---\n');
    const same = cards.filter((card) => card.includes('> Enhance the role of labor management board in receiving countries.'));
    assert.equal(same.length, 1, value);
    // The seed's text or the PDF's, whichever ranked first; the other named with a link to it.
    assert.match(same[0]!, /Viet Nam · 13th AFML · 28 Sep 2020 · Sub-theme 1 · item 14/);
    assert.match(same[0]!, / · also in \[(viet-nam-afml13-2020\.pdf p\. 1|viet-nam-afml13-2020\.txt)\]\(<?file:[^)]+\)/, value);
    assert.match(value, /^Asked once, in 2020: Viet Nam/, 'one occasion');
  });
});
