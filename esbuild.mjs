// Bundles the command-line tool, the language server and the VS Code client into dist/.
// One bundle per entry point, CommonJS for Node 20 and the VS Code extension host; no node_modules at run time.
import { cpSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const entries = [
  { in: 'server/src/cli/main.ts', out: 'cli', banner: '#!/usr/bin/env node' },
  // The VS Code extension (thin client); `vscode` is provided by the extension host (external below).
  { in: 'client/src/extension.ts', out: 'extension' },
  // The language server, started by the client as `node dist/server.js --node-ipc` (and by other editors with --stdio).
  { in: 'server/src/lsp/main.ts', out: 'server' },
  // The question thread the server and the command-line tool answer large batches of index questions with.
  { in: 'server/src/node/questionWorker.ts', out: 'questionWorker' },
  // The thread that lists and fingerprints the corpus files while a persisted index loads.
  { in: 'server/src/node/corpusCheckWorker.ts', out: 'corpusCheckWorker' },
  // The thread that extracts the text of PDF, Word files and web pages.
  { in: 'server/src/node/extract/extractWorker.ts', out: 'extractWorker' },
  // The HTML report (markdown-it, and Vega-Lite drawing the timeline as SVG), loaded by `report --format html` only.
  { in: 'server/src/node/reportHtml.ts', out: 'reportHtml' },
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
  // pdfjs-dist: loaded at run time from dist/pdfjs/ (below), never bundled. pg-native: node-postgres's optional
  // libpq binding, which Precedent does not use (pg requires it only when asked for it).
  external: ['vscode', 'pdfjs-dist', 'pg-native'],
  // ESM-only dependencies (fdir, stemmer) read import.meta.url, which a CommonJS bundle lacks: give them the bundle's own URL.
  define: { 'import.meta.url': '__bundleUrl' },
  // Vega's Node build of vega-canvas awaits an optional native `canvas` at the top level, which CommonJS cannot;
  // its browser build answers "no canvas" in Node, and the SVG drawn here needs none.
  alias: { 'vega-canvas': './node_modules/vega-canvas/build/vega-canvas.browser.js' },
  banner: { js: [entry.banner, "const __bundleUrl = require('node:url').pathToFileURL(__filename).href;"].filter(Boolean).join('\n') },
  logLevel: 'warning',
})));

// The timeline webview's script (Vega-Lite in the browser): one file the webview loads from the extension, as
// its content security policy allows nothing else.
contexts.push(await esbuild.context({
  entryPoints: { timelineView: 'client/src/webview/timelineView.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'browser',
  format: 'iife',
  target: 'es2022',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
}));

// pdf.js stays an ES module of its own, loaded on the first PDF (server/src/node/extract/pdf.ts): its legacy
// build and worker, and the character maps and standard fonts that some PDFs need to be read.
const pdfjs = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
mkdirSync('dist/pdfjs', { recursive: true });
for (const file of ['pdf.mjs', 'pdf.worker.mjs']) cpSync(join(pdfjs, 'legacy', 'build', file), join('dist', 'pdfjs', file));
for (const folder of ['cmaps', 'standard_fonts']) cpSync(join(pdfjs, folder), join('dist', 'pdfjs', folder), { recursive: true });

if (watch) {
  await Promise.all(contexts.map((ctx) => ctx.watch()));
} else {
  await Promise.all(contexts.map((ctx) => ctx.rebuild()));
  await Promise.all(contexts.map((ctx) => ctx.dispose()));
}
