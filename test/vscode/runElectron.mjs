// The same extension tests (test/vscode/suite) in desktop VS Code, through @vscode/test-electron — for a developer
// machine with internet access: runTests downloads VS Code (into .vscode-test/, git-ignored) unless
// VSCODE_EXECUTABLE_PATH points at an installed one. Not run in CI (no download possible there); offline the same
// suite runs in code-server instead (test/vscode/runCodeServer.mjs, part of `npm run test:editors`).
//
//   npm run build && npm run test:vscode:electron
//   VSCODE_EXECUTABLE_PATH=/usr/share/code/code npm run test:vscode:electron     (an installed VS Code)
//   VSCODE_VERSION=1.91.0 npm run test:vscode:electron                           (the oldest supported)
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { buildSuite, ROOT } from './build.mjs';

const extensionTestsPath = await buildSuite();
const scratch = join(ROOT, '.cache', 'vscode-test', `electron-${process.pid}`);
rmSync(scratch, { recursive: true, force: true });
const workspace = join(scratch, 'workspace');
mkdirSync(workspace, { recursive: true });
// A copy of the examples: the tests edit the draft and must not touch the repository's.
cpSync(join(ROOT, 'examples'), join(workspace, 'examples'), { recursive: true });

try {
  await runTests({
    extensionDevelopmentPath: ROOT,
    extensionTestsPath,
    ...(process.env.VSCODE_EXECUTABLE_PATH ? { vscodeExecutablePath: process.env.VSCODE_EXECUTABLE_PATH } : { version: process.env.VSCODE_VERSION ?? 'stable' }),
    launchArgs: [
      workspace,
      '--disable-extensions',
      '--disable-workspace-trust',
      '--skip-welcome',
      '--skip-release-notes',
      '--user-data-dir', join(scratch, 'user-data'),
      '--extensions-dir', join(scratch, 'extensions'),
    ],
    extensionTestsEnv: process.env.PRECEDENT_VSCODE_GREP ? { PRECEDENT_VSCODE_GREP: process.env.PRECEDENT_VSCODE_GREP } : undefined,
  });
} catch (error) {
  process.stderr.write(`The extension tests failed in desktop VS Code: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
