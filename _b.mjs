import { buildSync } from 'esbuild';
buildSync({ entryPoints: ['bench/_prof.ts'], outfile: '/tmp/s10/prof.cjs', bundle: true, platform: 'node', format: 'cjs', target: 'node20',
  define: { 'import.meta.url': '__bundleUrl' }, banner: { js: "const __bundleUrl = require('node:url').pathToFileURL(__filename).href;" }, logLevel: 'warning' });
