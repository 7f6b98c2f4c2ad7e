// Bundles the extension tests (test/vscode/suite/*.ts) to out/test/vscode/*.js, CommonJS, for the extension host to
// require: `vscode` comes from the host, mocha and other packages from node_modules (not bundled).
import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SUITE_OUT = join(ROOT, 'out', 'test', 'vscode');

export async function buildSuite() {
  const suite = join(ROOT, 'test', 'vscode', 'suite');
  const entryPoints = readdirSync(suite).filter((name) => name.endsWith('.ts')).map((name) => join(suite, name));
  await esbuild.build({
    entryPoints,
    outdir: SUITE_OUT,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    packages: 'external',
    external: ['vscode'],
    logLevel: 'warning',
  });
  return join(SUITE_OUT, 'index.js');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.stdout.write(`${await buildSuite()}\n`);
}
