// The VS Code client's workspace-trust handling, with a stand-in for the `vscode` module: in an untrusted
// workspace the corpus paths of the workspace settings never reach the server, neither in the settings sent
// at start nor in any `workspace/configuration` answer. Also the corpus watchers' glob splitting.

import assert from 'node:assert/strict';
import Module from 'node:module';
import * as path from 'node:path';
import type * as TrustedSettings from '../../client/src/trustedSettings';
import type * as CorpusPatterns from '../../client/src/corpusPatterns';

interface FakeState {
  isTrusted: boolean;
  userPaths: string[] | undefined;
  workspacePaths: string[] | undefined;
  folders: string[];
  /** Other keys the workspace's settings put in the `precedent` section (unregistered ones included). */
  extra: Record<string, unknown>;
}

const state: FakeState = { isTrusted: false, userPaths: undefined, workspacePaths: undefined, folders: [], extra: {} };

class FakeUri {
  constructor(readonly fsPath: string) {}
  static file(fsPath: string): FakeUri {
    return new FakeUri(fsPath);
  }
  static parse(text: string): FakeUri {
    return new FakeUri(text.replace(/^file:\/\//, ''));
  }
}

class FakeRelativePattern {
  constructor(readonly baseUri: FakeUri, readonly pattern: string) {}
}

const fakeVscode = {
  Uri: FakeUri,
  RelativePattern: FakeRelativePattern,
  workspace: {
    get isTrusted() {
      return state.isTrusted;
    },
    get workspaceFolders() {
      return state.folders.map((folder) => ({ uri: FakeUri.file(folder) }));
    },
    getConfiguration(section: string) {
      assert.equal(section, 'precedent');
      // What VS Code would answer if it did not filter restricted settings itself: the workspace value wins.
      const effective = state.workspacePaths ?? state.userPaths ?? [];
      const config = { corpus: { paths: effective, includeSeeds: true }, similarity: { threshold: 0.3 }, ...state.extra };
      Object.defineProperty(config, 'get', { enumerable: false, value: (key: string) => (key === 'corpus.paths' ? effective : undefined) });
      Object.defineProperty(config, 'inspect', {
        enumerable: false,
        value: (key: string) => (key === 'corpus.paths' ? { key, defaultValue: [], globalValue: state.userPaths, workspaceValue: state.workspacePaths } : undefined),
      });
      return config;
    },
  },
};

let trusted: typeof TrustedSettings;
let watchers: typeof CorpusPatterns;

describe('VS Code client: workspace trust and corpus watching', () => {
  const moduleWithLoad = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const originalLoad = moduleWithLoad._load;

  before(async () => {
    moduleWithLoad._load = function (request: string, ...rest: unknown[]) {
      return request === 'vscode' ? fakeVscode : originalLoad.call(this, request, ...rest);
    };
    trusted = await import('../../client/src/trustedSettings');
    watchers = await import('../../client/src/corpusPatterns');
  });

  after(() => {
    moduleWithLoad._load = originalLoad;
  });

  beforeEach(() => {
    state.isTrusted = false;
    state.userPaths = ['/home/me/corpus'];
    state.workspacePaths = ['/etc', '../../secrets'];
    state.folders = ['/work/draft'];
    state.extra = {};
  });

  it('uses only the user-level corpus paths when the workspace is untrusted', () => {
    assert.deepEqual(trusted.allowedCorpusPaths(), ['/home/me/corpus']);
    const settings = trusted.effectiveSettings();
    assert.deepEqual(settings['corpus'], { paths: ['/home/me/corpus'], includeSeeds: true });
    assert.deepEqual(settings['similarity'], { threshold: 0.3 });
    state.userPaths = undefined;
    assert.deepEqual(trusted.allowedCorpusPaths(), []);
  });

  it('uses the workspace corpus paths once the workspace is trusted', () => {
    state.isTrusted = true;
    assert.deepEqual(trusted.allowedCorpusPaths(), ['/etc', '../../secrets']);
  });

  it('rewrites every workspace/configuration answer that contains the corpus or thesaurus paths when untrusted', async () => {
    const items = [
      { section: 'precedent' },
      { section: 'precedent.corpus' },
      { section: 'precedent.corpus.paths' },
      { section: 'precedent.similarity' },
      {},
      { section: 'precedent.thesaurus.paths' },
    ];
    const answer = [
      { corpus: { paths: ['/etc'], includeSeeds: true }, hover: { maxResults: 3 }, thesaurus: { paths: ['/etc/evil.yaml'] } },
      { paths: ['/etc'], includeSeeds: false },
      ['/etc'],
      { threshold: 0.4 },
      { precedent: { corpus: { paths: ['/etc'] } }, editor: { wordWrap: 'on' } },
      ['/etc/evil.yaml'],
    ];
    const next = async () => answer;
    const run = () => trusted.configurationMiddleware({ items }, { isCancellationRequested: false } as never, next as never);
    // The workspace's thesaurus paths are dropped too (the user set none of their own).
    assert.deepEqual(await run(), [
      { corpus: { paths: ['/home/me/corpus'], includeSeeds: true }, hover: { maxResults: 3 }, thesaurus: { paths: [] } },
      { paths: ['/home/me/corpus'], includeSeeds: false },
      ['/home/me/corpus'],
      { threshold: 0.4 },
      { precedent: { corpus: { paths: ['/home/me/corpus'] }, thesaurus: { paths: [] } }, editor: { wordWrap: 'on' } },
      [],
    ]);
    state.isTrusted = true;
    assert.deepEqual(await run(), answer);
  });

  it('untrusted: what the client sends, as the server reads it, names only the user\'s paths, however the workspace spells others', async () => {
    const { SettingsSource } = await import('../../server/src/lsp/settingsSource');
    // Workspace settings "precedent.precedent", "precedent": { "corpus.paths": … } and "precedent.thesaurus.paths".
    state.extra = JSON.parse('{ "precedent": { "corpus": { "paths": ["/etc"] } }, "corpus.paths": ["/etc"], "thesaurus.paths": ["/etc/passwd"], "__proto__.paths": ["/etc"] }');
    const pushed = new SettingsSource({} as never, () => undefined);
    pushed.setInitializationOptions({ settings: trusted.effectiveSettings(), trusted: false });
    const atStart = await pushed.read(false);
    assert.deepEqual(atStart.corpus.paths, ['/home/me/corpus']);
    assert.deepEqual(atStart.thesaurus.paths, []);
    const [answer] = await trusted.configurationMiddleware({ items: [{ section: 'precedent' }] }, { isCancellationRequested: false } as never, (async () => [JSON.parse(JSON.stringify(fakeVscode.workspace.getConfiguration('precedent')))]) as never) as unknown[];
    const pulled = new SettingsSource({ workspace: { getConfiguration: async () => answer } } as never, () => undefined);
    pulled.setInitializationOptions({ settings: trusted.effectiveSettings(), trusted: false });
    const fromConfiguration = await pulled.read(true);
    assert.deepEqual(fromConfiguration.corpus.paths, ['/home/me/corpus']);
    assert.deepEqual(fromConfiguration.thesaurus.paths, []);
    assert.equal(({} as Record<string, unknown>).paths, undefined);
  });

  it('splits a corpus glob into a folder to watch and a pattern', () => {
    assert.deepEqual(watchers.splitGlob('/data/corpus/**/*.md'), { root: '/data/corpus', glob: '**/*.md' });
    assert.deepEqual(watchers.splitGlob('/data/corpus'), { root: '/data/corpus', glob: watchers.DOCUMENT_GLOB });
    assert.deepEqual(watchers.splitGlob('/data/corpus/viet-nam.txt'), { root: '/data/corpus', glob: 'viet-nam.txt' });
    assert.deepEqual(watchers.splitGlob('/*.rec'), { root: path.sep, glob: '*.rec' });
  });

  it('watches only the corpus paths outside the workspace folders', () => {
    const patterns = watchers.outsidePatterns(['corpus', '../shared/corpus', '/data/afml/**/*.txt', '/work/draft/old', '  ']) as unknown as FakeRelativePattern[];
    assert.deepEqual(
      patterns.map((pattern) => [pattern.baseUri.fsPath, pattern.pattern]),
      [
        ['/work/shared/corpus', watchers.DOCUMENT_GLOB],
        ['/data/afml', '**/*.txt'],
      ],
    );
    state.folders = [];
    assert.deepEqual(
      (watchers.outsidePatterns(['corpus', '/data']) as unknown as FakeRelativePattern[]).map((pattern) => pattern.baseUri.fsPath),
      ['/data'],
    );
  });
});
