// Entry point of the extension tests inside VS Code's extension host (`extensionTestsPath`): the host requires this
// file (bundled to out/test/vscode/index.js) and calls run(). The same file serves the code-server route
// (test/vscode/runCodeServer.mjs, offline) and @vscode/test-electron (test/vscode/runElectron.mjs, desktop).

import { readdirSync } from 'node:fs';
import { join } from 'node:path';

// Mocha from the repository's node_modules, in its CommonJS build: the extension host requires it like any module.
type MochaConstructor = typeof import('mocha');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Mocha: MochaConstructor = require('mocha/lib/mocha.cjs');

export function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    timeout: 60_000,
    reporter: 'spec',
    // PRECEDENT_VSCODE_GREP narrows the run, like `mocha --grep`.
    ...(process.env.PRECEDENT_VSCODE_GREP ? { grep: process.env.PRECEDENT_VSCODE_GREP } : {}),
  });
  for (const file of readdirSync(__dirname).filter((name) => name.endsWith('.test.js')).sort()) mocha.addFile(join(__dirname, file));
  return new Promise((resolve, reject) => {
    try {
      mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} extension test(s) failed.`)) : resolve()));
    } catch (error) {
      reject(error);
    }
  });
}
