// The persisted index on disk (node layer): keyed by each file's path, size, modification time and content hash
// and by the analyser; unchanged documents reused, changed ones read again, deleted ones dropped; a truncated,
// corrupt, old-format or other-thesaurus cache reported and rebuilt, never trusted. Also the CLI's --cache and
// --no-cache, and its report of a cache it could not use.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { INDEX_FORMAT_VERSION } from '../../server/src/core/index/serialise';
import { createAnalyser } from '../../server/src/core/text/analyser';
import { emptyThesaurus } from '../../server/src/core/text/thesaurus';
import { readThesauri } from '../../server/src/node/thesaurusFile';
import { describeCache, indexCorpus, type CorpusIndex } from '../../server/src/node/corpusIndex';
import { analyserKey, cacheFilePath, defaultCacheDir } from '../../server/src/node/indexCache';

const thesaurus = readThesauri([]).thesaurus;
/** Built by `npm test` before the tests run. */
const CHECK_WORKER = resolve(__dirname, '..', '..', 'dist', 'corpusCheckWorker.js');

describe('index cache: the persisted index on disk', () => {
  let dir: string;
  let corpus: string;
  let cache: string;

  const build = (theirThesaurus = thesaurus, checkWorker?: string): Promise<CorpusIndex> => indexCorpus({
    paths: [corpus], baseDir: dir, includeSeeds: false, analyser: createAnalyser(theirThesaurus), analyserKey: analyserKey(theirThesaurus),
    cacheDir: cache, scope: 'test', checkWorker, checkOnThreadFrom: 0,
  });
  const file = () => cacheFilePath(cache, 'test');
  const top = (result: CorpusIndex, text: string) => result.index.query(text, { limit: 1 })[0]?.item.text;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'precedent-cache-'));
    corpus = join(dir, 'corpus');
    cache = join(dir, 'cache');
    mkdirSync(corpus, { recursive: true });
    writeFileSync(join(corpus, 'a.txt'), '1. Reduce remittance costs for migrant workers.\n2. Extend social protection.');
    writeFileSync(join(corpus, 'b.txt'), '1. Abolish recruitment fees.');
    writeFileSync(join(corpus, 'c.md'), '- Promote social dialogue.');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('builds and writes it the first time, then reuses every unchanged document', async () => {
    const first = await build();
    assert.equal(first.cache.used, false);
    assert.equal(first.cache.missing, true);
    assert.equal(first.cache.read, 3);
    assert.ok(first.cache.written > 0 && existsSync(file()));
    const second = await build();
    assert.equal(second.cache.used, true, describeCache(second.cache));
    assert.deepEqual([second.cache.reused, second.cache.read, second.cache.removed, second.cache.written], [3, 0, 0, 0]);
    assert.deepEqual(second.index.documents(), first.index.documents());
    assert.equal(top(second, 'remittance costs'), 'Reduce remittance costs for migrant workers.');
  });

  it('reads again a changed file, drops a deleted one, and keys by modification time too', async () => {
    await build();
    writeFileSync(join(corpus, 'a.txt'), '1. Reduce the cost of sending money home.');
    rmSync(join(corpus, 'b.txt'));
    const changed = await build();
    assert.equal(changed.cache.used, true);
    assert.deepEqual([changed.cache.reused, changed.cache.read, changed.cache.removed], [1, 1, 1]);
    assert.equal(top(changed, 'sending money home'), 'Reduce the cost of sending money home.');
    assert.ok(changed.index.query('recruitment fees').every((m) => !m.document.id.endsWith('b.txt')));
    assert.ok(changed.cache.written > 0, 'the cache is brought up to date');
    // Same bytes, another modification time: read again (the key has the time).
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(corpus, 'c.md'), later, later);
    const touched = await build();
    assert.deepEqual([touched.cache.reused, touched.cache.read], [1, 1]);
    assert.deepEqual((await build()).cache.read, 0);
  });

  it('with persistFrom, a change below that share of the documents is read again next time rather than written', async () => {
    await build();
    const withShare = (persistFrom: number) => indexCorpus({
      paths: [corpus], baseDir: dir, includeSeeds: false, analyser: createAnalyser(thesaurus), analyserKey: analyserKey(thesaurus), cacheDir: cache, scope: 'test', persistFrom,
    });
    writeFileSync(join(corpus, 'a.txt'), '1. Reduce the cost of sending money home.');
    const below = await withShare(0.5);
    assert.deepEqual([below.cache.read, below.cache.written], [1, 0]);
    assert.equal(top(below, 'sending money home'), 'Reduce the cost of sending money home.');
    const again = await withShare(0.5);
    assert.deepEqual([again.cache.read, again.cache.written], [1, 0], 'the persisted index is as before: the change is read again');
    const reached = await withShare(0.3);
    assert.equal(reached.cache.read, 1);
    assert.ok(reached.cache.written > 0);
    assert.equal((await withShare(0.3)).cache.read, 0);
  });

  for (const [name, spoil, reason] of [
    ['truncated', (bytes: Buffer) => bytes.subarray(0, bytes.length - 100), /truncated/],
    ['corrupt', (bytes: Buffer) => {
      const copy = Buffer.from(bytes);
      copy[Math.floor(copy.length / 2)]! ^= 0xff;
      return copy;
    }, /checksum/],
    ['of an older format', (bytes: Buffer) => {
      const copy = Buffer.from(bytes);
      copy.writeUInt32LE(INDEX_FORMAT_VERSION - 1, 8);
      return copy;
    }, /format/],
    ['not an index at all', () => Buffer.from(JSON.stringify({ not: 'an index', padding: 'x'.repeat(100) })), /not a Precedent index/],
  ] as const) {
    it(`reports a cache ${name}, rebuilds it and writes it anew`, async () => {
      const first = await build();
      writeFileSync(file(), spoil(readFileSync(file())));
      const rebuilt = await build();
      assert.equal(rebuilt.cache.used, false);
      assert.match(rebuilt.cache.reason ?? '', reason);
      assert.match(describeCache(rebuilt.cache), /not used/);
      assert.equal(rebuilt.cache.read, 3);
      assert.deepEqual(rebuilt.index.documents(), first.index.documents());
      assert.ok(rebuilt.cache.written > 0);
      assert.equal((await build()).cache.used, true, 'the rewritten cache is good');
    });
  }

  describe('the corpus check thread (files listed and fingerprinted while the index loads)', () => {
    for (const [name, script, onThread] of [
      ['on the thread (dist/corpusCheckWorker.js)', CHECK_WORKER, true],
      ['here, when the thread cannot start', join(__dirname, 'no-such-worker.js'), false],
    ] as const) {
      it(`warm start with the files checked ${name}: the same reuse, re-reads, removals and skips`, async function () {
        if (onThread && !existsSync(CHECK_WORKER)) this.skip();
        writeFileSync(join(corpus, 'e.txt'), Buffer.from([0x31, 0x2e, 0x00, 0x01, 0x02]));
        const first = await build(thesaurus, script);
        assert.equal(first.checkedOnThread, false, 'no persisted index to load: nothing to overlap');
        const unchanged = await build(thesaurus, script);
        assert.equal(unchanged.checkedOnThread, onThread);
        assert.deepEqual([unchanged.cache.reused, unchanged.cache.read, unchanged.cache.removed], [3, 0, 0]);
        assert.deepEqual(unchanged.skipped.map((f) => f.path), [join(corpus, 'e.txt')]);
        assert.match(unchanged.skipped[0]!.reason, /^file is binary/);
        writeFileSync(join(corpus, 'a.txt'), '1. Reduce the cost of sending money home.');
        rmSync(join(corpus, 'b.txt'));
        writeFileSync(join(corpus, 'd.txt'), '1. Ratify the domestic workers convention.');
        const changed = await build(thesaurus, script);
        assert.equal(changed.checkedOnThread, onThread);
        assert.deepEqual([changed.cache.reused, changed.cache.read, changed.cache.removed], [1, 2, 1]);
        assert.equal(top(changed, 'sending money home'), 'Reduce the cost of sending money home.');
        assert.equal(top(changed, 'domestic workers convention'), 'Ratify the domestic workers convention.');
        assert.ok(changed.index.query('recruitment fees').every((m) => !m.document.id.endsWith('b.txt')));
        assert.deepEqual(changed.skipped.map((f) => f.path), [join(corpus, 'e.txt')]);
        assert.deepEqual([...changed.documents.keys()].sort(), ['a.txt', 'c.md', 'd.txt'].map((name) => join(corpus, name)));
      });
    }
  });

  it('starts a new scope from the previous scope\'s persisted index: only the files it lacks are read', async () => {
    await build();
    mkdirSync(join(dir, 'more'));
    writeFileSync(join(dir, 'more', 'd.txt'), '1. Ratify the domestic workers convention.');
    const wider = (previousScope?: string) => indexCorpus({
      sources: [{ paths: [corpus, join(dir, 'more')], baseDir: dir }], includeSeeds: false, analyser: createAnalyser(thesaurus),
      analyserKey: analyserKey(thesaurus), cacheDir: cache, scope: 'wider', previousScope,
    });
    const first = await wider('test');
    assert.equal(first.cache.used, true, describeCache(first.cache));
    assert.equal(first.cache.from, file());
    assert.match(describeCache(first.cache), /started from .*the previous corpus's/);
    assert.deepEqual([first.cache.reused, first.cache.read, first.cache.removed], [3, 1, 0]);
    assert.ok(first.cache.written > 0 && existsSync(cacheFilePath(cache, 'wider')), 'written under its own scope');
    assert.equal(top(first, 'domestic workers convention'), 'Ratify the domestic workers convention.');
    // From now on, its own: nothing read, nothing written.
    const again = await wider('test');
    assert.equal(again.cache.from, null);
    assert.deepEqual([again.cache.reused, again.cache.read, again.cache.written], [4, 0, 0]);
    // Back to the narrower scope from the wider one: the extra document is dropped, nothing read.
    rmSync(file());
    const narrower = await indexCorpus({
      paths: [corpus], baseDir: dir, includeSeeds: false, analyser: createAnalyser(thesaurus), analyserKey: analyserKey(thesaurus),
      cacheDir: cache, scope: 'test', previousScope: 'wider',
    });
    assert.deepEqual([narrower.cache.reused, narrower.cache.read, narrower.cache.removed], [3, 0, 1]);
    assert.ok(narrower.index.query('domestic workers convention').every((m) => !m.document.id.endsWith('d.txt')));
  });

  it('does not use a cache made with another thesaurus', async () => {
    await build();
    const other = await build(emptyThesaurus());
    assert.equal(other.cache.used, false);
    assert.match(other.cache.reason ?? '', /another thesaurus/);
  });

  it('keeps the cache folder under XDG_CACHE_HOME', () => {
    assert.equal(defaultCacheDir({ XDG_CACHE_HOME: '/x/cache' }), join('/x/cache', 'precedent'));
  });
});

describe('index cache: the CLI', function () {
  this.timeout(30000);
  const root = resolve(__dirname, '..', '..');
  const cli = join(root, 'dist', 'cli.js');
  let dir: string;
  const run = (args: string[]) => spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, XDG_CACHE_HOME: join(dir, 'xdg') } });

  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'precedent-cli-cache-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the persisted index under --cache DIR, under $XDG_CACHE_HOME/precedent by default, nowhere with --no-cache', () => {
    const args = ['similar', 'Reduce remittance costs', '--format', 'json'];
    const plain = run([...args, '--no-cache']);
    assert.equal(plain.status, 0, plain.stderr);
    assert.ok(!existsSync(join(dir, 'xdg')));
    const cached = run([...args, '--cache', join(dir, 'mine')]);
    assert.equal(cached.stdout, plain.stdout);
    assert.equal(readdirSync(join(dir, 'mine')).filter((f) => f.endsWith('.bin')).length, 1);
    const again = run([...args, '--cache', join(dir, 'mine')]);
    assert.equal(again.stdout, plain.stdout, 'the same answer from the persisted index');
    assert.equal(again.stderr, '');
    run(args);
    assert.equal(readdirSync(join(dir, 'xdg', 'precedent')).filter((f) => f.endsWith('.bin')).length, 1);
    assert.equal(run([...args, '--cache', 'x', '--no-cache']).status, 2);
  });

  it('says so on stderr when the persisted index is corrupt, and answers the same', () => {
    const args = ['similar', 'Reduce remittance costs', '--format', 'json', '--cache', join(dir, 'c')];
    const first = run(args);
    const [name] = readdirSync(join(dir, 'c')).filter((f) => f.endsWith('.bin'));
    const path = join(dir, 'c', name!);
    const bytes = readFileSync(path);
    bytes[bytes.length - 10]! ^= 0xff;
    writeFileSync(path, bytes);
    const second = run(args);
    assert.equal(second.status, 0);
    assert.equal(second.stdout, first.stdout);
    assert.match(second.stderr, /index cache not used \(checksum mismatch/);
    assert.equal(run(args).stderr, '', 'rebuilt and written anew');
  });
});
