// `npm start`: build, then run Precedent's checks and precedent search on the example draft against the
// shipped seeds, so a newcomer sees what it does. (Opening a real VS Code on the example comes with the
// editor issue; until then this is the command-line face of the same core.)
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const draft = 'examples/draft-afml17.rec.md';
const step = (title, command, args) => {
  process.stdout.write(`\n== ${title}\n$ ${[command, ...args].join(' ')}\n`);
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.error) throw result.error;
  return result.status ?? 1;
};

if (step('Building dist/ (esbuild)', process.execPath, ['esbuild.mjs']) !== 0) process.exit(1);
if (!existsSync(draft)) {
  process.stderr.write(`${draft} is missing.\n`);
  process.exit(1);
}
step('Checking the example draft (duplicates, numbering, precedent reuse)', process.execPath, ['dist/cli.js', 'check', draft]);
step('Closest earlier precedents of each item (top 1)', process.execPath, ['dist/cli.js', 'similar', '--file', draft, '--top', '1']);
process.stdout.write(`\nThe full Markdown report: node dist/cli.js report ${draft}\n`);
