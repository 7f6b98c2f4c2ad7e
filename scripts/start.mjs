// `npm start`: build, show what the checks find in the example draft (the command-line tool), then open a real
// VS Code with the extension on examples/ against the shipped seeds:
//   - desktop VS Code when `code` is on the PATH: `code --extensionDevelopmentPath=<repo> examples/ <draft>`;
//   - otherwise VS Code in the browser: code-server on 127.0.0.1 (installed on first use into .cache/editors/,
//     2 to 4 minutes), with the extension installed from a freshly packaged .vsix; prints the address to open and
//     stays up until Ctrl+C.
// Options: --code-server (or PRECEDENT_EDITOR=code-server) uses the browser route even when `code` is there;
//          --port N (or PORT=N) chooses the port (default 8080 when free, else any free port).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, join, relative } from 'node:path';
import { EDITORS_CACHE, freePort, installExtension, ROOT, startCodeServer } from './code-server.mjs';
import { packageVsix } from './package.mjs';

const args = process.argv.slice(2);
const examples = join(ROOT, 'examples');
const draft = join(examples, 'draft-afml17.rec.md');
const say = (text) => process.stdout.write(`${text}\n`);
const step = (title, command, commandArgs) => {
  say(`\n== ${title}\n$ ${[command === process.execPath ? 'node' : command, ...commandArgs].join(' ')}`);
  const result = spawnSync(command, commandArgs, { cwd: ROOT, stdio: 'inherit' });
  if (result.error) throw result.error;
  return result.status ?? 1;
};

function onPath(command) {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => dir && existsSync(join(dir, command)));
}

function portIsFree(port) {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

async function choosePort() {
  const at = args.indexOf('--port');
  const wanted = Number(at >= 0 ? args[at + 1] : (process.env.PORT ?? 0));
  if (wanted > 0) return wanted;
  return (await portIsFree(8080)) ? 8080 : freePort();
}

if (step('Building dist/ (esbuild)', process.execPath, ['esbuild.mjs']) !== 0) process.exit(1);
if (!existsSync(draft)) {
  process.stderr.write(`${relative(ROOT, draft)} is missing.\n`);
  process.exit(1);
}
// Exit code 1 means "found warnings", which is the point of the example.
step('What Precedent finds in the example draft (command-line tool)', process.execPath, ['dist/cli.js', 'check', relative(ROOT, draft)]);

const useCodeServer = args.includes('--code-server') || process.env.PRECEDENT_EDITOR === 'code-server' || !onPath('code');

if (!useCodeServer) {
  say('\n== Opening VS Code with the extension loaded from this repository (Extension Development Host)');
  const status = step('VS Code', 'code', [`--extensionDevelopmentPath=${ROOT}`, examples, draft]);
  if (status !== 0) process.exit(status);
  say('\nVS Code opened examples/ with the draft. Edit client/ or server/, run `npm run build`, then "Developer: Reload Window".');
  process.exit(0);
}

say(`\n== VS Code in the browser (code-server)${onPath('code') ? '' : ': `code` is not on the PATH'}`);
try {
  const scratch = join(EDITORS_CACHE, 'start-profile');
  say('Packaging the extension (.vsix)…');
  const vsix = packageVsix({ quiet: true });
  say(`Installing ${relative(ROOT, vsix)} into code-server…`);
  // Installs code-server first if needed (printing its progress).
  await installExtension(vsix, { scratch });
  const port = await choosePort();
  const server = await startCodeServer({ workspace: examples, scratch, port });
  const remoteDraft = `vscode-remote://127.0.0.1:${port}${draft}`;
  const address = `${server.url}/?folder=${encodeURIComponent(examples)}&payload=${encodeURIComponent(JSON.stringify([['openFile', remoteDraft]]))}`;
  say(`
VS Code (code-server) with Precedent is running on ${server.url}, opening ${relative(ROOT, examples)}/.

  Open this address in a browser on this machine:

    ${address}

  (or ${server.url}/ and Ctrl+P → draft-afml17.rec.md). Hover over an item for its precedents; the Problems panel
  (Ctrl+Shift+M) lists the draft's numbering gap and duplicates; the Precedent commands are in the palette (F1).
  From another machine: ssh -L ${port}:127.0.0.1:${port} <this host>, then the same address.

Press Ctrl+C to stop. (Server log: ${relative(ROOT, server.logFile)})`);

  let stopping = false;
  const stop = async (signal) => {
    if (stopping) return;
    stopping = true;
    say(`\n${signal}: stopping code-server…`);
    await server.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  const exited = await server.exited;
  if (!stopping) {
    process.stderr.write(`code-server stopped by itself (${JSON.stringify(exited)}); see ${server.logFile}\n`);
    process.exit(1);
  }
} catch (error) {
  process.stderr.write(`\nnpm start could not open VS Code in the browser: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
