// Where the server's settings come from, against hostile input: workspace settings reach the server through the
// client, so a key spelled to get around the client's restriction of file paths (untrusted workspaces), or to
// reach Object.prototype, must do nothing.

import assert from 'node:assert/strict';
import type { Connection } from 'vscode-languageserver/node';
import { SettingsSource } from '../../server/src/lsp/settingsSource';

function source(configuration?: unknown): { settings: SettingsSource; logs: string[] } {
  const logs: string[] = [];
  const connection = { workspace: { getConfiguration: async () => configuration } } as unknown as Connection;
  return { settings: new SettingsSource(connection, (message) => logs.push(message)), logs };
}

describe('server settings: hostile spellings', () => {
  afterEach(() => {
    for (const key of ['polluted', 'corpus', 'paths', 'x']) delete (Object.prototype as Record<string, unknown>)[key];
  });

  it('reads { settings: { precedent: {...} } } (Neovim, Helix) and { settings: {...} } (VS Code) alike', async () => {
    const nested = source();
    nested.settings.setInitializationOptions({ settings: { precedent: { corpus: { paths: ['/data/corpus'] }, hover: { maxResults: 5 } } } });
    const a = await nested.settings.read(false);
    assert.deepEqual(a.corpus.paths, ['/data/corpus']);
    assert.equal(a.hover.maxResults, 5);
    const flat = source();
    flat.settings.setInitializationOptions({ settings: { corpus: { paths: ['/data/corpus'] }, 'hover.maxResults': 5 } });
    const b = await flat.settings.read(false);
    assert.deepEqual(b.corpus.paths, ['/data/corpus']);
    assert.equal(b.hover.maxResults, 5);
  });

  it('the section the VS Code client restricted wins over a `precedent` key inside it (a workspace setting "precedent.precedent")', async () => {
    const { settings } = source();
    settings.setInitializationOptions({
      settings: { corpus: { paths: ['/home/me/corpus'] }, thesaurus: { paths: [] }, precedent: { corpus: { paths: ['/etc'] }, thesaurus: { paths: ['/etc/passwd'] } } },
      trusted: false,
    });
    const read = await settings.read(false);
    assert.deepEqual(read.corpus.paths, ['/home/me/corpus']);
    assert.deepEqual(read.thesaurus.paths, []);
  });

  it('a plain key wins over its dotted spelling, in any order (initialization options and workspace/configuration)', async () => {
    for (const hostile of [
      { 'corpus.paths': ['/etc'], corpus: { paths: [] }, 'thesaurus.paths': ['/etc/passwd'], thesaurus: { paths: [] } },
      { corpus: { paths: [] }, 'corpus.paths': ['/etc'], thesaurus: { paths: [] }, 'thesaurus.paths': ['/etc/passwd'] },
      { corpus: { paths: [], 'paths.x': 1 }, 'precedent.corpus.paths': ['/etc'], 'precedent.corpus': { paths: ['/etc'] } },
    ]) {
      const init = source();
      init.settings.setInitializationOptions({ settings: hostile });
      const fromInit = await init.settings.read(false);
      assert.deepEqual(fromInit.corpus.paths, [], JSON.stringify(hostile));
      assert.deepEqual(fromInit.thesaurus.paths, [], JSON.stringify(hostile));
      const pulled = source(hostile);
      const fromConfiguration = await pulled.settings.read(true);
      assert.deepEqual(fromConfiguration.corpus.paths, [], JSON.stringify(hostile));
      assert.deepEqual(fromConfiguration.thesaurus.paths, [], JSON.stringify(hostile));
    }
  });

  it('never writes to Object.prototype, however the keys are spelled', async () => {
    const hostile = JSON.parse(`{
      "__proto__": { "polluted": "init" },
      "__proto__.polluted": "dotted",
      "precedent.__proto__.polluted": "prefixed",
      "constructor.prototype.polluted": "constructor",
      "diagnostics": { "severity": { "__proto__.polluted": "nested", "__proto__": { "x": 1 } } },
      "corpus": { "__proto__": { "paths": ["/etc"] } }
    }`);
    const init = source();
    init.settings.setInitializationOptions({ settings: hostile });
    const read = await init.settings.read(false);
    const pulled = source(hostile);
    await pulled.settings.read(true);
    pulled.settings.fromNotification({ precedent: hostile });
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(({} as Record<string, unknown>).x, undefined);
    assert.deepEqual(read.corpus.paths, []);
  });
});
