// The `precedent` command on hostile ground: it writes nothing unless --output names a file, and corpus files
// or drafts that are binary, not UTF-8, too large, unreadable, symbolic link loops, dangling links, pipes or
// devices are skipped (corpus) or refused (drafts, exit 2) with a line on stderr naming the file and the reason:
// never a hang, never a crash.

import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';

const root = resolve(__dirname, '..', '..');
const cli = join(root, 'dist', 'cli.js');

/** Where the persisted index goes in these tests ($XDG_CACHE_HOME/precedent), outside the scratch folder. */
let cacheHome = '';

function run(args: string[], cwd: string) {
  // A timeout: a careless read of a FIFO blocks for ever, and the test must fail, not hang.
  const result = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', timeout: 20_000, env: { ...process.env, XDG_CACHE_HOME: cacheHome } });
  assert.equal(result.signal, null, `precedent ${args.join(' ')} was killed (${result.signal}): it hung`);
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Every file under `folder` with its size and modification time (and its bytes, for small files). */
function snapshot(folder: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) {
        const stats = statSync(path);
        const readable = process.getuid?.() === 0 || (stats.mode & 0o400) !== 0;
        out.set(relative(folder, path), `${stats.size} ${stats.mtimeMs} ${stats.size < 100_000 && readable ? readFileSync(path, 'base64') : ''}`);
      } else out.set(relative(folder, path), entry.isSymbolicLink() ? 'symlink' : 'special');
    }
  };
  walk(folder);
  return out;
}

const DRAFT = [
  'Recommendations',
  '',
  '1. Extend social protection coverage to all migrant workers, including workers in the informal sector.',
  '2. Reduce costs and increase the availability and accessibility of remittance services.',
  '4. Strengthen grievance mechanisms for migrant workers.',
  '',
].join('\n');

describe('precedent CLI: writes only with --output, survives hostile files', function () {
  this.timeout(120_000);
  let scratch: string;
  const asRoot = process.getuid?.() === 0;

  before(function () {
    if (!readdirSync(join(root, 'dist')).includes('cli.js')) this.skip();
    scratch = mkdtempSync(join(tmpdir(), 'precedent-cli-robust-'));
    cacheHome = mkdtempSync(join(tmpdir(), 'precedent-cli-cache-'));
    writeFileSync(join(scratch, 'draft.rec.md'), DRAFT);
    const corpus = join(scratch, 'corpus');
    mkdirSync(corpus);
    writeFileSync(join(corpus, 'good.txt'), 'Earlier recommendations\n\n1. Extend social protection coverage to all migrant workers, including workers in the informal sector.\n');
    writeFileSync(join(corpus, 'binary.txt'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x14, 0x00]));
    writeFileSync(join(corpus, 'latin1.txt'), Buffer.from('1. Caf\xe9 workers.\n', 'latin1'));
    writeFileSync(join(corpus, 'huge.txt'), '1. Extend social protection to migrant workers.\n'.repeat(120_000)); // 5.5 MB, over the 5 MB limit
    writeFileSync(join(corpus, 'locked.txt'), '1. Nobody may read this.\n');
    chmodSync(join(corpus, 'locked.txt'), 0o000);
    const odd = join(scratch, 'odd');
    mkdirSync(odd);
    symlinkSync('loop.txt', join(odd, 'loop.txt'));
    symlinkSync('no-such-target.txt', join(odd, 'dangling.txt'));
    symlinkSync('/dev/zero', join(odd, 'zero.txt'));
    const fifo = spawnSync('mkfifo', [join(odd, 'pipe.txt')]);
    assert.equal(fifo.status, 0, 'mkfifo');
  });

  after(() => {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
    if (cacheHome) rmSync(cacheHome, { recursive: true, force: true });
  });

  it('check, similar and report write nothing without --output but their persisted index (none with --no-cache)', () => {
    rmSync(cacheHome, { recursive: true, force: true });
    mkdirSync(cacheHome);
    const before = snapshot(scratch);
    for (const args of [
      ['check', 'draft.rec.md'],
      ['check', '--format', 'sarif', 'draft.rec.md'],
      ['similar', '--file', 'draft.rec.md'],
      ['report', 'draft.rec.md'],
    ]) {
      const { status, stdout } = run([...args, '--corpus', 'corpus/good.txt', '--no-seeds'], scratch);
      assert.ok(status === 0 || status === 1, `${args.join(' ')}: exit ${status}`);
      assert.ok(stdout.length > 0, `${args.join(' ')} prints its output`);
    }
    assert.deepEqual(snapshot(scratch), before, 'no file created, changed or removed beside the drafts and the corpus');
    // The one file written: the persisted index, in the cache folder ($XDG_CACHE_HOME/precedent, or --cache DIR).
    assert.ok([...snapshot(cacheHome).keys()].every((name) => name.startsWith(`precedent${sep}`)), [...snapshot(cacheHome).keys()].join(', '));
    rmSync(cacheHome, { recursive: true, force: true });
    mkdirSync(cacheHome);
    for (const args of [['check', 'draft.rec.md'], ['report', 'draft.rec.md'], ['similar', '--file', 'draft.rec.md']]) run([...args, '--no-cache'], scratch);
    assert.deepEqual([...snapshot(cacheHome).keys()], [], '--no-cache writes nothing at all');
    assert.deepEqual(snapshot(scratch), before);
  });

  it('--output writes exactly that file, with what stdout would have shown', () => {
    const before = snapshot(scratch);
    const shown = run(['report', 'draft.rec.md', '--corpus', 'corpus/good.txt', '--no-seeds'], scratch);
    const written = run(['report', 'draft.rec.md', '--corpus', 'corpus/good.txt', '--no-seeds', '--output', 'out/report.md'], scratch);
    // The folder of --output must exist: the CLI creates no folders.
    assert.equal(written.status, 2);
    assert.match(written.stderr, /cannot write .*report\.md/);
    assert.deepEqual(snapshot(scratch), before);
    const ok = run(['report', 'draft.rec.md', '--corpus', 'corpus/good.txt', '--no-seeds', '--output', 'report.md'], scratch);
    assert.equal(ok.status, 0);
    assert.equal(ok.stdout, '');
    const after = snapshot(scratch);
    assert.deepEqual([...after.keys()].filter((name) => !before.has(name)), ['report.md']);
    for (const [name, value] of before) assert.equal(after.get(name), value, `${name} unchanged`);
    assert.equal(readFileSync(join(scratch, 'report.md'), 'utf8'), shown.stdout);
    rmSync(join(scratch, 'report.md'));
  });

  // Twice each: the second run starts from the persisted index, with the files checked on the corpus check thread.
  for (const start of ['first run', 'warm start'])
  it(`skips binary, non-UTF-8, too large and unreadable corpus files with their reasons on stderr, and still checks (${start})`, () => {
    const { status, stdout, stderr } = run(['check', 'draft.rec.md', '--corpus', 'corpus', '--no-seeds'], scratch);
    assert.equal(status, 1, 'the draft\'s own gap; skipped corpus files do not change the exit status');
    assert.match(stdout, /numbering-gap/);
    assert.match(stderr, /skipped corpus .*binary\.txt: file is binary/);
    assert.match(stderr, /skipped corpus .*latin1\.txt: file is not valid UTF-8 text \(invalid byte 0xe9 at offset 6\)/);
    assert.match(stderr, /skipped corpus .*huge\.txt: file is too large \(\d\.\d MB; the limit is 5\.0 MB\)/);
    if (asRoot) {
      // Root reads a file whatever its mode: chmod 000 blocks nothing, so there is no skip to see here.
      assert.doesNotMatch(stderr, /locked\.txt/);
    } else {
      assert.match(stderr, /skipped corpus .*locked\.txt: permission denied/);
    }
    assert.match(run(['similar', '--file', 'draft.rec.md', '--corpus', 'corpus', '--no-seeds'], scratch).stdout, /good\.txt/, 'the good file is used');
  });

  for (const start of ['first run', 'warm start'])
  it(`skips corpus paths that are symbolic link loops, dangling links, devices and pipes, without hanging (${start})`, () => {
    const odd = ['odd/loop.txt', 'odd/dangling.txt', 'odd/zero.txt', 'odd/pipe.txt'];
    const { status, stderr } = run(['check', 'draft.rec.md', '--no-seeds', ...odd.flatMap((path) => ['--corpus', path]), '--corpus', 'odd'], scratch);
    assert.equal(status, 1);
    assert.match(stderr, /skipped corpus odd\/loop\.txt: symbolic link loop/);
    assert.match(stderr, /skipped corpus odd\/dangling\.txt: no such file or folder/);
    assert.match(stderr, /skipped corpus odd\/zero\.txt: not a regular file/);
    assert.match(stderr, /skipped corpus odd\/pipe\.txt: not a regular file/);
    // A folder of such entries: they are not document files and are passed over (links are not followed).
    assert.doesNotMatch(stderr, /internal error/);
  });

  it('refuses a draft that is a pipe, a device, a link loop, a folder or too large: exit 2, the file and the reason', () => {
    const cases: [string, RegExp][] = [
      ['odd/pipe.txt', /cannot read odd\/pipe\.txt: not a regular file/],
      ['odd/zero.txt', /cannot read odd\/zero\.txt: not a regular file/],
      ['odd/loop.txt', /cannot read odd\/loop\.txt: symbolic link loop/],
      ['odd/dangling.txt', /cannot read odd\/dangling\.txt: no such file/],
      ['corpus', /cannot read corpus: is a folder, not a file/],
      ['corpus/huge.txt', /cannot read corpus\/huge\.txt: file is too large/],
      ['corpus/binary.txt', /cannot read corpus\/binary\.txt: file is binary/],
    ];
    for (const [file, message] of cases) {
      const { status, stderr } = run(['check', file, '--no-seeds'], scratch);
      assert.equal(status, 2, `${file}: exit 2`);
      assert.match(stderr, message);
    }
  });
});
