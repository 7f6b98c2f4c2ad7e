// The action scale on the command line: each query's `actionLevel` in `similar --format json`, and the
// `vague-action` hint in `check` when the settings ask for it (off by default).

import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..', '..');
const cli = join(root, 'dist', 'cli.js');

describe('precedent CLI: the action scale', function () {
  this.timeout(30000);
  let scratch: string;
  const run = (args: string[]) => spawnSync(process.execPath, [cli, ...args, '--no-cache'], { cwd: root, encoding: 'utf8' });

  before(() => {
    scratch = mkdtempSync(join(tmpdir(), 'precedent-action-'));
  });
  after(() => rmSync(scratch, { recursive: true, force: true }));

  it('similar --format json gives each query its action level (null where no verb says it)', () => {
    const result = run(['similar', '--file', 'seeds/viet-nam-afml13-2020.txt', '--format', 'json', '--top', '1']);
    assert.equal(result.status, 0, result.stderr);
    const queries = JSON.parse(result.stdout) as Array<{ query: { text: string; actionLevel: number | null } }>;
    const levelOf = (start: string) => queries.find((query) => query.query.text.startsWith(start))!.query.actionLevel;
    assert.equal(levelOf('Continue increasing and improving'), 2);
    assert.equal(levelOf('Consider a moratorium'), 3);
    assert.equal(levelOf('Tackle xenophobia'), 4);
    assert.equal(levelOf('Collect comprehensive confidential'), 5);
    const text = JSON.parse(run(['similar', 'Migrant workers and their families', '--format', 'json']).stdout) as Array<{ query: { actionLevel: number | null } }>;
    assert.equal(text[0]!.query.actionLevel, null);
  });

  it('check reports vague-action hints only when the settings turn them on', () => {
    const off = JSON.parse(run(['check', 'seeds/viet-nam-afml13-2020.txt', '--format', 'json']).stdout) as Array<{ code: string }>;
    assert.ok(!off.some((record) => record.code === 'vague-action'));
    const settings = join(scratch, 'settings.json');
    writeFileSync(settings, JSON.stringify({ 'precedent.diagnostics.vagueAction': true }));
    const on = JSON.parse(run(['check', 'seeds/viet-nam-afml13-2020.txt', '--format', 'json', '--settings', settings]).stdout) as Array<{ code: string; severity: string; line: number; message: string }>;
    const vague = on.filter((record) => record.code === 'vague-action');
    // Items 8, 9 and 18 of Sub-theme 1 ask to consider, item 10 to continue, item 13 to evaluate (a study), and the
    // enterprise's item 12 to review.
    assert.equal(vague.length, 6, vague.map((record) => record.message).join('\n'));
    assert.ok(vague.every((record) => record.severity === 'hint'));
    assert.ok(vague.some((record) => /Asks only to continue \(“continue”: level 2 of 5, continuity\)/.test(record.message)));
  });

  it('a user\'s verb list moves a verb to another level', () => {
    const verbs = join(scratch, 'verbs.yaml');
    writeFileSync(verbs, 'levels:\n  3: [tackle]\n');
    const settings = join(scratch, 'settings-verbs.json');
    writeFileSync(settings, JSON.stringify({ 'precedent.actionVerbs.paths': [verbs] }));
    const queries = JSON.parse(run(['similar', 'Tackle xenophobia and discrimination.', '--format', 'json', '--settings', settings]).stdout) as Array<{ query: { actionLevel: number } }>;
    assert.equal(queries[0]!.query.actionLevel, 3);
  });
});
