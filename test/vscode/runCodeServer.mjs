// Runs the extension tests (test/vscode/suite) in a real VS Code offline: code-server (installed on first use, see
// scripts/code-server.mjs) with the smoke-test driver, its web workbench in headless Chromium, and the test payload
// (extensionDevelopmentPath = this repository, extensionTestsPath = out/test/vscode/index.js). The extension host
// runs the mocha suite and reports its exit code to the page (codeAutomationExit).
//
//   node test/vscode/runCodeServer.mjs            (after `npm run build`)
//   PRECEDENT_VSCODE_GREP=hover node test/vscode/runCodeServer.mjs
import { cpSync, createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import { ROOT, startCodeServer } from '../../scripts/code-server.mjs';
import { launchChromium } from './browser.mjs';
import { buildSuite } from './build.mjs';

// The workbench's own chatter, harmless offline (no gallery, no GitHub sign-in, no chat models).
const NOISE = [
  /^\[(ChatModelSelection|AgentHost|AgentHost:remote|AccountPolicyGate|reconnection-grace-time|Service Worker)\]/,
  /^(Resolving|Resolved) connection token|^Creating a socket|^Updating additional builtin extensions cache/,
  /ENOTFOUND open-vsx\.org|authentication provider 'github'|vsda/,
];
const TIMEOUT_MS = Number(process.env.PRECEDENT_VSCODE_TIMEOUT_MS ?? 240_000);

export async function runExtensionTests() {
  const started = Date.now();
  const testsPath = await buildSuite();
  const scratch = join(ROOT, '.cache', 'vscode-test', `host-${process.pid}`);
  rmSync(scratch, { recursive: true, force: true });
  const workspace = join(scratch, 'workspace');
  mkdirSync(workspace, { recursive: true });
  // A copy of the examples: the tests edit the draft (quick fixes, renumbering) and must not touch the repository's.
  cpSync(join(ROOT, 'examples'), join(workspace, 'examples'), { recursive: true });

  const server = await startCodeServer({ workspace, scratch: join(scratch, 'profile'), smokeTestDriver: true });
  let browser;
  let passed = false;
  try {
    browser = await launchChromium({ scratch });
    const page = await browser.newPage();
    let settle;
    const exitCode = new Promise((resolve) => (settle = resolve));
    // The workbench forwards the extension host's output and, at the end, the suite's exit code.
    // Everything goes to extension-host.log; the terminal gets the suite's output without the workbench's chatter.
    const hostLog = createWriteStream(join(scratch, 'extension-host.log'));
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const text = format(...(Array.isArray(args) ? args : [args])).replace(/\n$/, '');
      hostLog.write(`[${type}] ${text}\n`);
      if (!NOISE.some((pattern) => pattern.test(text))) process.stdout.write(`${type === 'error' ? '[error] ' : ''}${text}\n`);
    });
    await page.exposeFunction('codeAutomationExit', (code) => settle(code));
    const remote = (path) => `vscode-remote://127.0.0.1:${server.port}${path}`;
    const payload = [
      ['extensionDevelopmentPath', remote(ROOT)],
      ['extensionTestsPath', remote(testsPath)],
    ];
    if (process.env.PRECEDENT_VSCODE_GREP) payload.push(['extensionEnvironment', JSON.stringify({ PRECEDENT_VSCODE_GREP: process.env.PRECEDENT_VSCODE_GREP })]);
    const url = `${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    process.stdout.write(`[vscode] code-server ${server.url} (${Math.round((Date.now() - started) / 100) / 10} s); running the extension tests in the extension host…\n`);
    await page.goto(url);
    let timer;
    const code = await Promise.race([exitCode, new Promise((resolve) => (timer = setTimeout(() => resolve('timeout'), TIMEOUT_MS)))]);
    clearTimeout(timer);
    if (code === 'timeout') {
      await page.screenshot({ path: join(scratch, 'timeout.png') }).catch(() => undefined);
      process.stdout.write(`[vscode] no result after ${TIMEOUT_MS / 1000} s (screenshot: ${join(scratch, 'timeout.png')}, log: ${server.logFile})\n`);
      return 1;
    }
    process.stdout.write(`[vscode] extension host suite exit code ${code} (${Math.round((Date.now() - started) / 100) / 10} s)${code === 0 ? '' : `; logs in ${scratch}`}\n`);
    passed = code === 0;
    return code;
  } finally {
    await browser?.close().catch(() => undefined);
    await server.stop();
    // Kept for a look when the suite failed.
    if (passed) rmSync(scratch, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await runExtensionTests();
}
