// `npm run package`: the production bundles (minified, no source maps), then the .vsix with `vsce package
// --no-dependencies` (the bundles are self-contained; .vscodeignore keeps sources, tests and node_modules out).
// The .vsix goes to out/ (git-ignored); its path is printed, and returned by packageVsix() for `npm start` and the UI check.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function run(command, args, quiet) {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit', encoding: 'utf8' });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    if (quiet) process.stderr.write(`${result.stdout}${result.stderr}`);
    throw new Error(`${command} ${args.join(' ')} failed (exit code ${result.status}).`);
  }
}

/** Builds the production bundles and packages them; returns the .vsix's absolute path. */
export function packageVsix({ quiet = false } = {}) {
  const { name, version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const vsix = join(ROOT, 'out', `${name}-${version}.vsix`);
  mkdirSync(dirname(vsix), { recursive: true });
  rmSync(vsix, { force: true });
  run(process.execPath, ['esbuild.mjs', '--production'], quiet);
  // Source maps of an earlier development build do not match the minified bundles (.vscodeignore leaves them out anyway).
  for (const file of readdirSync(join(ROOT, 'dist'))) if (file.endsWith('.map')) rmSync(join(ROOT, 'dist', file), { force: true });
  const vsce = join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
  run(process.execPath, [vsce, 'package', '--no-dependencies', '--out', vsix], quiet);
  return vsix;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const vsix = packageVsix();
  process.stdout.write(`\n${relative(process.cwd(), vsix)}: ${Math.round(statSync(vsix).size / 1024)} KB\n`);
}
