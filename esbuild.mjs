// Bundles the command-line tool (and, later, the server and the VS Code client) into dist/.
// One bundle per entry point, CommonJS for Node 20 and the VS Code extension host; no node_modules at run time.
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const entries = [
  { in: 'server/src/cli/main.ts', out: 'cli', banner: '#!/usr/bin/env node' },
];

const contexts = await Promise.all(entries.map((entry) => esbuild.context({
  entryPoints: { [entry.out]: entry.in },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: !production,
  minify: production,
  external: ['vscode'],
  banner: entry.banner ? { js: entry.banner } : undefined,
  logLevel: 'warning',
})));

if (watch) {
  await Promise.all(contexts.map((ctx) => ctx.watch()));
} else {
  await Promise.all(contexts.map((ctx) => ctx.rebuild()));
  await Promise.all(contexts.map((ctx) => ctx.dispose()));
}
