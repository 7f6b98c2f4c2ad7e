// `precedent compare DRAFT EARLIER` and `precedent report FILE --against EARLIER` as a reviewer runs them: the
// built dist/cli.js in a child process, on the real seeds and the format fixtures (PDF, Word, web page).

import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..', '..');
const cli = join(root, 'dist', 'cli.js');
const lao = 'seeds/lao-pdr-afml13-2020.txt';
const vn2020 = 'seeds/viet-nam-afml13-2020.txt';
const vn2022 = 'seeds/viet-nam-afml15-2022.txt';

function run(args: string[]) {
  const result = spawnSync(process.execPath, [cli, ...args, '--no-cache'], { cwd: root, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface PairJson {
  class: string;
  score: number | null;
  draft: { file: string; line: number; label: string; section: string | null; page: number | null; text: string } | null;
  earlier: PairJson['draft'];
  sectionChanged: boolean;
  moved: boolean;
  diff: { op: string; text: string }[] | null;
}

describe('precedent compare', function () {
  this.timeout(60000);

  before(() => assert.equal(spawnSync(process.execPath, [cli, '--version']).status, 0, 'dist/cli.js is missing: run `npm run build` first'));

  it('reads like a reviewer\'s summary: the documents, counts per class, then the items with their changed words', () => {
    const { status, stdout } = run(['compare', lao, vn2020]);
    assert.equal(status, 0);
    const lines = stdout.split('\n');
    assert.match(lines[0]!, /^Draft: {3}seeds\/lao-pdr-afml13-2020\.txt — Lao PDR National Recommendations for the 13th ASEAN Forum on Migrant Labour, 23 October 2020 \(26 items\)$/);
    assert.match(lines[1]!, /^Earlier: seeds\/viet-nam-afml13-2020\.txt — Viet Nam National Recommendations .*, 28 September 2020 \(29 items\)$/);
    assert.equal(lines[3], '1 unchanged, 12 reworded, 2 merged, 0 split, 12 new, 14 dropped (items paired from 25% similarity)');
    assert.match(stdout, /^ {2}unchanged 100% \(line 24 ← line 25 4\.\): Encourage job retention/m);
    assert.match(stdout, /^ {2}reworded 66% \(line 26 ← line 27 6\.\)\n {6}Reduce \{\+remittance\+\} costs and increase \[-the availability and accessibility of remittance-\]/m);
    assert.match(stdout, /^ {2}dropped \(line 24 3\.\)\n {6}Tackle xenophobia/m);
    assert.match(stdout, /^ {2}merged 41% \(line 48 ← line 51 7\.\)/m);
  });

  it('lists the earlier items dropped before the draft\'s first item under their own section, named as earlier', () => {
    const { stdout } = run(['compare', vn2022, vn2020]);
    assert.match(stdout, /similarity\)\n\nSub-theme 1: Impact of COVID-19 on migrant workers and responses in ASEAN \(earlier document\)\n {2}dropped \(line 22 1\.\)\n/);
    assert.match(stdout, /\n\nSub theme 1 “Economic Recovery and Labour Migration”\n {2}new \(line 15\)\n {6}Prepare for labour migration/);
  });

  it('prints the documented JSON: pairs with class, score, both items\' file, line, label and section, and the word diff', () => {
    const { status, stdout } = run(['compare', vn2022, vn2020, '--format', 'json']);
    assert.equal(status, 0);
    const record = JSON.parse(stdout) as { draft: Record<string, unknown>; earlier: Record<string, unknown>; threshold: number; counts: Record<string, number>; pairs: PairJson[] };
    assert.deepEqual(Object.keys(record), ['draft', 'earlier', 'threshold', 'counts', 'pairs']);
    assert.deepEqual(record.draft, { file: vn2022, title: 'Recommendations from Viet Nam National Tripartite Preparatory Workshop', country: 'Viet Nam', forum: '15th ASEAN Forum on Migrant Labour', date: '2022-10-10', items: 21 });
    assert.deepEqual(record.counts, { unchanged: 0, reworded: 3, merged: 0, split: 0, new: 18, dropped: 26 });
    assert.equal(record.pairs.length, 47);
    const pair = record.pairs.find((entry) => entry.class === 'reworded' && entry.earlier?.label === '6.')!;
    assert.deepEqual(Object.keys(pair), ['class', 'score', 'draft', 'earlier', 'sectionChanged', 'moved', 'diff']);
    assert.ok(pair.score! >= 0.25 && pair.score! < 1);
    assert.deepEqual({ ...pair.earlier!, text: pair.earlier!.text.slice(0, 33) }, { file: vn2020, line: 50, label: '6.', section: 'Sub-theme 2: Inclusive and responsive labour migration policy for future preparedness in ASEAN', page: null, text: 'Extend social protection coverage' });
    assert.equal(pair.draft!.line, 31);
    assert.equal(pair.draft!.section, 'Sub-theme 2. Rights protection to maximize development impacts of labour migration');
    assert.ok(pair.diff!.every((change) => ['kept', 'added', 'removed'].includes(change.op)));
    assert.equal(pair.diff!.filter((change) => change.op !== 'removed').map((change) => change.text).join(''), pair.draft!.text);
    const dropped = record.pairs.find((entry) => entry.class === 'dropped')!;
    assert.equal(dropped.draft, null);
    assert.equal(dropped.score, null);
    assert.equal(dropped.diff, null);
  });

  it('writes Markdown and a standalone HTML page, counts first, document text escaped', () => {
    const markdown = run(['compare', lao, vn2020, '--format', 'markdown']);
    assert.equal(markdown.status, 0);
    assert.match(markdown.stdout, /^# Changes in Lao PDR National Recommendations .* since Viet Nam National Recommendations/);
    assert.match(markdown.stdout, /\| unchanged \| reworded \| merged \| split \| new \| dropped \|\n\|---:\|---:\|---:\|---:\|---:\|---:\|\n\| 1 \| 12 \| 2 \| 0 \| 12 \| 14 \|/);
    assert.match(markdown.stdout, /- \*\*reworded\*\* 66% \(line 26 ← line 27 `6\.`\): Reduce \*\*remittance\*\* costs and increase ~~the availability and accessibility of remittance~~/);
    const html = run(['compare', lao, vn2020, '--format', 'html']);
    assert.equal(html.status, 0);
    assert.match(html.stdout, /^<!DOCTYPE html>/);
    assert.match(html.stdout, /<td class="reworded">12<\/td>/);
    assert.match(html.stdout, /<del>the availability and accessibility of remittance <\/del>/);
    assert.doesNotMatch(html.stdout, /<script/);
    // The apostrophe of "migrant workers' housing" is escaped like every other character with a meaning in HTML.
    assert.match(html.stdout, /migrant workers&#39;/);
  });

  it('compares a PDF, a Word file and a web page with the text they were made from: every item unchanged', () => {
    for (const format of ['pdf', 'docx', 'html']) {
      const { status, stdout, stderr } = run(['compare', `test/fixtures/formats/viet-nam-afml13-2020.${format}`, vn2020, '--format', 'json']);
      assert.equal(status, 0, stderr);
      const record = JSON.parse(stdout) as { counts: Record<string, number>; pairs: PairJson[] };
      assert.deepEqual(record.counts, { unchanged: 29, reworded: 0, merged: 0, split: 0, new: 0, dropped: 0 }, format);
      // Item 16 repeats item 14 word for word: each is paired with itself, so nothing moved.
      assert.ok(record.pairs.every((pair) => !pair.moved && !pair.sectionChanged && pair.draft!.label === pair.earlier!.label), format);
      assert.equal(record.pairs[0]!.draft!.page, format === 'pdf' ? 1 : null);
    }
  });

  it('exits 2 naming the file and the reason when a document cannot be read', () => {
    const missing = run(['compare', 'no-such-draft.txt', vn2020]);
    assert.equal(missing.status, 2);
    assert.equal(missing.stdout, '');
    assert.match(missing.stderr, /precedent: cannot read no-such-draft\.txt: no such file/);
    const scanned = run(['compare', lao, 'test/fixtures/formats/scanned-viet-nam-afml13-2020.pdf']);
    assert.equal(scanned.status, 2);
    assert.match(scanned.stderr, /cannot read test\/fixtures\/formats\/scanned-viet-nam-afml13-2020\.pdf: the PDF has no text layer/);
    const usage = run(['compare', lao]);
    assert.equal(usage.status, 2);
    assert.match(usage.stderr, /compare needs a DRAFT and an EARLIER document/);
    assert.match(run(['compare', lao, vn2020, '--format', 'sarif']).stderr, /--format must be one of text, json, markdown, html/);
  });
});

describe('precedent report --against', function () {
  this.timeout(60000);

  it('adds the section "Changes since <title>" with the counts and the changed items', () => {
    const { status, stdout } = run(['report', lao, '--against', vn2020]);
    assert.equal(status, 0);
    const at = stdout.indexOf('## Changes since Viet Nam National Recommendations for the 13th ASEAN Forum on Migrant Labour\n');
    assert.ok(at > stdout.indexOf('## Items and their closest precedents'), 'the section follows the items');
    const section = stdout.slice(at);
    assert.match(section, /\| 1 \| 12 \| 2 \| 0 \| 12 \| 14 \|/);
    assert.match(section, /- \*\*dropped\*\* \(line 24 `3\.`\): Tackle xenophobia/);
    // Unchanged items are counted but not listed again.
    assert.doesNotMatch(section, /\*\*unchanged\*\*/);
    assert.doesNotMatch(run(['report', lao]).stdout, /Changes since/);
  });

  it('exits 2 when the earlier document cannot be read', () => {
    const { status, stderr } = run(['report', lao, '--against', 'no-such-earlier.pdf']);
    assert.equal(status, 2);
    assert.match(stderr, /cannot read no-such-earlier\.pdf/);
  });
});
