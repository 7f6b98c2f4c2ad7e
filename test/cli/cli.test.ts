// The `precedent` command as CI and reviewers run it: the built dist/cli.js in a child process, on the real
// seeds, asserting its output formats (SPEC §5) and exit statuses.

import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, chmodSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..', '..');
const cli = join(root, 'dist', 'cli.js');
const viet2020 = 'seeds/viet-nam-afml13-2020.txt';
const lao2020 = 'seeds/lao-pdr-afml13-2020.txt';

function run(args: string[], cwd = root) {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('precedent CLI', function () {
  this.timeout(30000);
  let scratch: string;

  before(() => {
    // `npm test` builds before mocha runs; fail clearly if someone runs mocha alone.
    assert.ok(spawnSync(process.execPath, [cli, '--version']).status === 0, 'dist/cli.js is missing: run `npm run build` first');
    scratch = mkdtempSync(join(tmpdir(), 'precedent-cli-'));
  });
  after(() => rmSync(scratch, { recursive: true, force: true }));

  describe('check', () => {
    it('reports the duplicate items 14 and 16 of seed 001 as text, exit 1', () => {
      const { status, stdout } = run(['check', viet2020]);
      assert.equal(status, 1);
      assert.match(stdout, /^seeds\/viet-nam-afml13-2020\.txt:38:1: warning duplicate-item .*item 14 \(line 36\)/m);
      assert.doesNotMatch(stdout, /numbering-|marker-mixed/);
    });

    it('finds no numbering or marker problem in any of the five seeds', () => {
      const { stdout } = run(['check', '--format', 'json', 'seeds/viet-nam-afml15-2022.txt', viet2020, 'seeds/recommendations-recruitment-reintegration.txt', 'seeds/iom-dolab-safe-migration-2024.txt', lao2020]);
      const records = JSON.parse(stdout) as { code: string; file: string }[];
      assert.deepEqual(records.filter((record) => record.code.startsWith('numbering-') || record.code === 'marker-mixed'), []);
      assert.deepEqual(records.filter((record) => record.code === 'duplicate-item').map((record) => record.file), [viet2020]);
    });

    it('prints the JSON shape of SPEC §5 with 1-based lines and related locations', () => {
      const { stdout } = run(['check', '--format', 'json', viet2020]);
      const [record] = (JSON.parse(stdout) as Record<string, unknown>[]).filter((entry) => entry.code === 'duplicate-item');
      assert.deepEqual(Object.keys(record!).sort(), ['code', 'column', 'endColumn', 'endLine', 'file', 'line', 'message', 'related', 'severity'].sort());
      assert.equal(record!.line, 38);
      assert.equal(record!.column, 1);
      assert.equal(record!.endLine, 38);
      assert.equal(record!.severity, 'warning');
      assert.deepEqual((record!.related as { file: string; line: number }[]).map(({ file, line }) => ({ file, line })), [{ file: viet2020, line: 36 }]);
    });

    it('writes SARIF 2.1.0 with rules and results', () => {
      const { stdout, status } = run(['check', '--format', 'sarif', viet2020]);
      assert.equal(status, 1);
      const sarif = JSON.parse(stdout);
      assert.equal(sarif.version, '2.1.0');
      const [theRun] = sarif.runs;
      assert.equal(theRun.tool.driver.name, 'precedent');
      assert.ok(theRun.tool.driver.rules.some((rule: { id: string }) => rule.id === 'duplicate-item'));
      const result = theRun.results.find((entry: { ruleId: string }) => entry.ruleId === 'duplicate-item');
      assert.equal(result.level, 'warning');
      assert.equal(result.locations[0].physicalLocation.artifactLocation.uri, viet2020);
      assert.equal(result.locations[0].physicalLocation.region.startLine, 38);
      assert.equal(theRun.tool.driver.rules[result.ruleIndex].id, 'duplicate-item');
    });

    it('exits 0 on a clean draft and 1 on a numbering slip', () => {
      const clean = join(scratch, 'clean.rec.md');
      writeFileSync(clean, 'Recommendations\n\n1. Ratify the domestic workers convention.\n2. Publish recruitment fees online.\n');
      assert.equal(run(['check', '--no-seeds', clean]).status, 0);
      const gap = join(scratch, 'gap.rec.md');
      writeFileSync(gap, 'Recommendations\n\n1. Ratify the domestic workers convention.\n2. Publish recruitment fees online.\n4. Train labour inspectors.\n');
      const { status, stdout } = run(['check', '--no-seeds', gap]);
      assert.equal(status, 1);
      assert.match(stdout, /gap\.rec\.md:5:1: warning numbering-gap /);
    });

    it('exits 2 naming the file and the reason for a missing, binary or non-UTF-8 file', () => {
      const binary = join(scratch, 'scan.pdf.txt');
      writeFileSync(binary, Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0x01, 0x02]));
      const latin1 = join(scratch, 'latin1.txt');
      writeFileSync(latin1, Buffer.from('Recommandations pour la r\xe9gion\n', 'latin1'));
      for (const [file, reason] of [[join(scratch, 'missing.txt'), /no such file/], [binary, /binary/], [latin1, /not valid UTF-8/]] as const) {
        const { status, stderr } = run(['check', file]);
        assert.equal(status, 2, `${file}: ${stderr}`);
        assert.ok(stderr.includes(file), stderr);
        assert.match(stderr, reason);
      }
    });

    it('skips an unreadable corpus file with a message and still checks', () => {
      const corpus = join(scratch, 'corpus');
      mkdirSync(corpus, { recursive: true });
      writeFileSync(join(corpus, 'binary.txt'), Buffer.from([0, 1, 2, 3]));
      writeFileSync(join(corpus, 'ok.md'), '- Ratify the domestic workers convention.\n');
      const { status, stderr } = run(['check', viet2020, '--corpus', corpus]);
      assert.equal(status, 1);
      assert.match(stderr, /binary\.txt: file is binary/);
    });

    it('rejects bad usage with exit 2 and the usage text', () => {
      for (const args of [[], ['check'], ['frobnicate'], ['check', viet2020, '--format', 'xml'], ['similar', '--top', 'zero', 'text'], ['similar', 'text', '--min-score', '2']]) {
        const { status, stderr } = run(args);
        assert.equal(status, 2, `${args.join(' ')}: ${stderr}`);
        assert.match(stderr, /^precedent: /);
      }
    });
  });

  describe('similar', () => {
    it('lists the Viet Nam 2020 counterparts first for the paraphrased Lao PDR items (JSON shape of SPEC §5)', () => {
      const { status, stdout } = run(['similar', '--file', lao2020, '--corpus', 'seeds', '--format', 'json']);
      assert.equal(status, 0);
      const answers = JSON.parse(stdout) as { query: { text: string; line: number; label: string }; matches: { file: string; label: string; line: number; score: number; country: string; forum: string; date: string | null; title: string; section: string; text: string }[] }[];
      assert.equal(answers.length, 26);
      for (const answer of answers) {
        assert.ok(answer.matches.length <= 3);
        assert.ok(answer.matches.every((match) => match.file !== lao2020), 'a file is never its own precedent');
        // Only earlier precedents: the 2022 Viet Nam document is dated after the Lao PDR draft.
        assert.ok(answer.matches.every((match) => match.date === null || match.date <= '2020-10-23'));
        const scores = answer.matches.map((match) => match.score);
        assert.deepEqual(scores, [...scores].sort((a, b) => b - a));
      }
      const top = (start: string) => answers.find((answer) => answer.query.text.startsWith(start))!.matches[0]!;
      const remittance = top('Reduce remittance costs');
      assert.equal(remittance.file, viet2020);
      assert.equal(remittance.label, '6.');
      assert.equal(remittance.country, 'Viet Nam');
      assert.equal(remittance.forum, '13th ASEAN Forum on Migrant Labour');
      assert.equal(remittance.date, '2020-09-28');
      assert.match(remittance.section, /^Sub-theme 1/);
      assert.ok(remittance.score > 0 && remittance.score <= 1);
      assert.equal(top('Consider repayment of, or moratorium').label, '9.');
      assert.equal(top('Encourage job retention').label, '4.');
      assert.equal(answers[0]!.query.label, '-');
      assert.equal(answers[0]!.query.line, 19);
    });

    it('answers a TEXT query with null line and label, top N', () => {
      const { stdout } = run(['similar', 'lower the cost of sending remittances home', '--top', '2', '--format', 'json']);
      const [answer] = JSON.parse(stdout) as { query: { line: null; label: null }; matches: { file: string; label: string }[] }[];
      assert.equal(answer!.query.line, null);
      assert.equal(answer!.query.label, null);
      assert.equal(answer!.matches.length, 2);
      // The two remittance items of the seeds (Viet Nam 2020 item 6 and its Lao PDR paraphrase) come first.
      assert.deepEqual(answer!.matches.map((match) => `${match.file} ${match.label}`).sort(), [`${lao2020} -`, `${viet2020} 6.`]);
    });

    it('honours --min-score and --no-seeds', () => {
      const high = JSON.parse(run(['similar', 'remittance services', '--min-score', '0.99', '--format', 'json']).stdout);
      assert.deepEqual(high[0].matches, []);
      const none = JSON.parse(run(['similar', 'remittance services', '--no-seeds', '--format', 'json']).stdout);
      assert.deepEqual(none[0].matches, []);
    });

    it('reads corpus globs', () => {
      const { stdout } = run(['similar', 'remittance services', '--no-seeds', '--corpus', 'seeds/viet-nam-*.txt', '--format', 'json']);
      const files = new Set((JSON.parse(stdout)[0].matches as { file: string }[]).map((match) => match.file));
      assert.ok(files.size > 0);
      for (const file of files) assert.match(file, /^seeds\/viet-nam-/);
    });
  });

  describe('report', () => {
    it('prints the Markdown consistency report with findings and closest precedents', () => {
      const { status, stdout } = run(['report', lao2020]);
      assert.equal(status, 0);
      assert.match(stdout, /^# Consistency report: Lao PDR National Recommendations/);
      assert.match(stdout, /## Findings/);
      assert.match(stdout, /## Items and their closest precedents/);
      assert.match(stdout, /Closest precedent, \d+% similar: “Reduce costs and increase the availability and accessibility of remittance services/);
    });

    it('writes to --output and nothing to stdout', () => {
      const out = join(scratch, 'report.md');
      const { status, stdout } = run(['report', viet2020, '--output', out]);
      assert.equal(status, 0);
      assert.equal(stdout, '');
      assert.match(require('node:fs').readFileSync(out, 'utf8'), /duplicate-item/);
    });
  });

  it('refuses an unreadable file with permission denied (when not root)', function () {
    if (process.getuid?.() === 0) this.skip();
    const locked = join(scratch, 'locked.txt');
    writeFileSync(locked, '1. text\n');
    chmodSync(locked, 0o000);
    const { status, stderr } = run(['check', locked]);
    assert.equal(status, 2);
    assert.match(stderr, /permission denied/);
  });
});
