// `precedent history` and the occasions of `precedent similar --format json`: the built dist/cli.js in a child
// process, on the example draft and the real seeds.

import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..', '..');
const cli = join(root, 'dist', 'cli.js');
const example = 'examples/draft-afml17.rec.md';

function run(args: string[]) {
  const result = spawnSync(process.execPath, [cli, ...args, '--no-cache'], { cwd: root, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface MatchRecord { file: string; line: number; label: string | null; score: number; country: string | null; date: string | null; text: string }
interface OccasionRecord { title: string | null; country: string | null; forum: string | null; date: string | null; best: MatchRecord }

describe('precedent history', function () {
  this.timeout(30000);

  before(() => assert.ok(spawnSync(process.execPath, [cli, '--version']).status === 0, 'dist/cli.js is missing: run `npm run build` first'));

  it('prints each item of the example draft with the occasions it was asked at, oldest first', () => {
    const { status, stdout, stderr } = run(['history', example]);
    assert.equal(status, 0, stderr);
    const lines = stdout.split('\n');
    assert.equal(lines[0], `${example}: 15 of 20 items asked at 4 occasions of the precedent library`);
    const item = lines.findIndex((line) => line.startsWith('  line 16, 3. Encourage job retention'));
    assert.ok(item > 0, stdout);
    assert.equal(lines[item + 1], '    Asked twice before, since 2020: Viet Nam (13th AFML, 2020, item 4), Lao PDR (13th AFML, 2020)');
    assert.match(lines[item + 2]!, /^ {6}28 September 2020 +Viet Nam, 13th ASEAN Forum on Migrant Labour +100% +seeds\/viet-nam-afml13-2020\.txt:25$/);
    assert.match(lines[item + 3]!, /^ {6}23 October 2020 +Lao PDR, 13th ASEAN Forum on Migrant Labour +100% +seeds\/lao-pdr-afml13-2020\.txt:24$/);
    // Viet Nam 2020's items 14 and 16 are the same call: one occasion that names both.
    const board = lines.findIndex((line) => line.startsWith('  line 17, 4. Enhance the role of labor management board'));
    assert.equal(lines[board + 1], '    Asked once before, in 2020: Viet Nam (13th AFML, 2020, item 14)');
    assert.match(lines[board + 2]!, /seeds\/viet-nam-afml13-2020\.txt:36 \(2 items: 14, 16\)$/);
    assert.equal(lines[lines.findIndex((line) => line.startsWith('  line 19, 6. Provide information in Khmer')) + 1], '    not asked at any occasion of the library');
  });

  it('--format json: the occasions of every item, with their best precedent', () => {
    const { status, stdout } = run(['history', example, '--format', 'json']);
    assert.equal(status, 0);
    const [file] = JSON.parse(stdout) as { file: string; items: { text: string; line: number; label: string; occasions: OccasionRecord[] }[] }[];
    assert.equal(file!.file, example);
    assert.equal(file!.items.length, 20);
    const retention = file!.items.find((item) => item.text.startsWith('Encourage job retention'))!;
    assert.deepEqual([retention.line, retention.label], [16, '3.']);
    assert.deepEqual(retention.occasions.map((occasion) => [occasion.country, occasion.forum, occasion.date]), [
      ['Viet Nam', '13th ASEAN Forum on Migrant Labour', '2020-09-28'],
      ['Lao PDR', '13th ASEAN Forum on Migrant Labour', '2020-10-23'],
    ]);
    assert.deepEqual([retention.occasions[0]!.best.file, retention.occasions[0]!.best.label, retention.occasions[0]!.best.line], ['seeds/viet-nam-afml13-2020.txt', '4.', 25]);
    // The ILO seed is undated and names no country: it counts, with nulls, never dropped.
    const matching = file!.items.find((item) => item.text.startsWith('Develop better systems to match'))!;
    assert.deepEqual(matching.occasions.map((occasion) => [occasion.country, occasion.date, occasion.best.file, occasion.best.label]), [[null, null, 'seeds/recommendations-recruitment-reintegration.txt', '5.']]);
  });

  it('refuses usage it does not take, with exit 2', () => {
    for (const args of [['history'], ['history', example, '--format', 'sarif'], ['history', example, '--top', '3']]) {
      const { status, stderr } = run(args);
      assert.equal(status, 2, `${args.join(' ')}: ${stderr}`);
      assert.match(stderr, /^precedent: /);
    }
  });
});

describe('precedent similar --format json: occasions', function () {
  this.timeout(30000);

  it('gives each query item its occasions (title, country, forum, date, best), oldest first', () => {
    const { status, stdout } = run(['similar', '--file', example, '--format', 'json']);
    assert.equal(status, 0);
    const answers = JSON.parse(stdout) as { query: { text: string }; matches: MatchRecord[]; occasions: OccasionRecord[] }[];
    assert.equal(answers.length, 20);
    const board = answers.find((answer) => answer.query.text.startsWith('Enhance the role of labor management board'))!;
    assert.equal(board.matches.filter((match) => match.file === 'seeds/viet-nam-afml13-2020.txt').length, 2, 'items 14 and 16 are both matches');
    assert.equal(board.occasions.length, 1, 'and one occasion');
    assert.deepEqual(Object.keys(board.occasions[0]!), ['title', 'country', 'forum', 'date', 'best']);
    assert.equal(board.occasions[0]!.title, 'Viet Nam National Recommendations for the 13th ASEAN Forum on Migrant Labour');
    assert.equal(board.occasions[0]!.best.score, 1);
    const fresh = answers.find((answer) => answer.query.text.startsWith('Provide information in Khmer'))!;
    assert.deepEqual(fresh.occasions, [], 'matches below the similarity threshold are no occasion');
  });

  it('a TEXT query has occasions too, and never calls them "before" (the text has no date)', () => {
    const json = JSON.parse(run(['similar', 'Encourage job retention, remote/flexible arrangements, alternative employment', '--format', 'json']).stdout) as { occasions: OccasionRecord[] }[];
    assert.deepEqual(json[0]!.occasions.map((occasion) => occasion.country), ['Viet Nam', 'Lao PDR']);
    const text = run(['similar', 'Encourage job retention, remote/flexible arrangements, alternative employment']).stdout;
    assert.match(text, /^ {2}Asked twice, since 2020: Viet Nam \(13th AFML, 2020, item 4\), Lao PDR \(13th AFML, 2020\)$/m);
  });
});

describe('precedent report --format html', function () {
  this.timeout(30000);

  it('one HTML file: the report, and the timeline as inline SVG with a mark per occasion, no script', () => {
    const { status, stdout, stderr } = run(['report', example, '--format', 'html']);
    assert.equal(status, 0, stderr);
    assert.equal(stderr, '', 'no warning from the chart');
    assert.match(stdout, /^<!doctype html>\n<html lang="en">/);
    assert.match(stdout, /<h2>Recommendations repeated from earlier forums<\/h2>/);
    assert.equal(stdout.match(/<svg /g)?.length, 1);
    assert.doesNotMatch(stdout, /<script|javascript:|https?:\/\/(?!www\.w3\.org)/i, 'nothing to run, nothing remote');
    const svg = stdout.slice(stdout.indexOf('<svg '), stdout.indexOf('</svg>'));
    const marks = svg.slice(svg.indexOf('<g class="mark-symbol role-mark'), svg.indexOf('</g>', svg.indexOf('<g class="mark-symbol role-mark')));
    assert.equal(marks.match(/<path /g)?.length, 22, 'one mark per occasion of the 15 items asked before');
    for (const column of ['2020', '2022', 'date unknown']) assert.match(svg, new RegExp(`>${column}</text>`));
    assert.match(svg, />Viet Nam<\/text>/);
  });

  it('keeps hostile draft text inert: no tag of its own, in the report or in the chart\'s labels', () => {
    const folder = mkdtempSync(join(tmpdir(), 'precedent-html-'));
    try {
      const draft = join(folder, 'hostile.rec.md');
      writeFileSync(draft, '# <script>alert(1)</script> Recommendations\n\n1. Encourage job retention, remote/flexible arrangements <img src=x onerror=alert(1)> [x](javascript:alert(1))\n');
      const { status, stdout } = run(['report', draft, '--format', 'html']);
      assert.equal(status, 0);
      assert.doesNotMatch(stdout, /<script|<img|href="javascript/i);
      assert.match(stdout, /&lt;img src=x onerror=alert\(1\)&gt;/);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
