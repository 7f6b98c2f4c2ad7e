// `npm run bench:compare [-- --base REV] [--items N] [--rounds R] [--swap]`: is the working tree's index faster than the
// one at REV (default HEAD)? Both are built in one process from the same benchmark corpus, then asked the same
// questions — the 500-item draft's reuse questions and the held-out hover questions — in alternating rounds
// (the order swapped each round), so that this machine's drift (±20–30% between separate runs) falls on both
// alike. Prints each side's median per round and the ratio. The corpus is `npm run bench`'s (made if missing).
// No full garbage collection between rounds: one makes the questions after it 25–40% slower here (the
// sweeping that follows competes for the second core), and the times would not be the benchmark's. The same
// code compared with itself can come out anywhere from ×0.97 to ×1.6 on the reuse questions, the index built
// second being the slower one (placement in memory, it seems; hovers are not affected). So run it twice, the
// second time with `--swap` (the working tree's index built first), and take both ratios into account.
// It also checks that both sides give the same answers to every question of the first round (says which differ).

import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from '../server/src/core/document/parse';
import { readCorpus } from '../server/src/node/corpus';
import { median, round } from './stats';
import { shippedThesaurus } from './thesaurus';
import type { Queries } from './worker';

interface Side {
  name: string;
  index: { addDocument(doc: unknown): void; query(text: string, options: object): Match[] };
  reuse: number[];
  hover: number[];
  /** The first round's answers, one line per question. */
  answers: string[];
}

interface Match {
  document: { id: string };
  item: { index: number };
  score: number;
}

const answerLine = (matches: Match[]) => matches.map((m) => `${m.document.id}#${m.item.index} ${m.score.toFixed(12)}`).join(', ');

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1]! : fallback;
};
const root = join(__dirname, '..');
const base = option('--base', 'HEAD');
const items = Number(option('--items', '100000'));
const rounds = Number(option('--rounds', '12'));
const git = (...a: string[]) => execFileSync('git', a, { cwd: root, encoding: 'utf8' }).trim();

/** The core and node layers at `rev`, in the ignored .cache folder (so that imports of packages resolve). */
function checkout(rev: string): string {
  const commit = git('rev-parse', '--verify', `${rev}^{commit}`);
  const dir = join(root, '.cache', 'compare', commit);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  execFileSync('sh', ['-c', `git archive ${commit} server/src | tar -x -C "${dir}"`], { cwd: root });
  return join(dir, 'server', 'src');
}

async function side(name: string, src: string, documents: unknown[]): Promise<Side> {
  // Each side with its own analyser: the analysis may have changed too.
  const { PrecedentIndex } = await import(join(src, 'core', 'index', 'precedentIndex.ts'));
  const { createAnalyser } = await import(join(src, 'core', 'text', 'analyser.ts'));
  const index = new PrecedentIndex(createAnalyser(shippedThesaurus()));
  const t = performance.now();
  for (const doc of documents) index.addDocument(doc);
  index.query('migrant workers', { limit: 1 });
  process.stderr.write(`  ${name}: built in ${Math.round(performance.now() - t)} ms\n`);
  return { name, index, reuse: [], hover: [], answers: [] };
}

async function main(): Promise<void> {
  const dir = execFileSync(process.execPath, ['--import', 'tsx', join(__dirname, 'run.ts'), '--items', String(items), '--prepare-only'], { cwd: root, encoding: 'utf8' }).trim().split('\n').pop()!;
  const queries = JSON.parse(readFileSync(join(dir, 'queries.json'), 'utf8')) as Queries;
  const documents = (await readCorpus({ paths: [join(dir, 'corpus')], includeSeeds: false, baseDir: dir })).documents;
  const build = {
    base: () => side(`${base} (${git('rev-parse', '--short', base)})`, checkout(base), documents),
    tree: () => side('working tree', join(root, 'server', 'src'), documents),
  };
  // Built in this order; reported base first either way.
  const sides = args.includes('--swap') ? [await build.tree(), await build.base()].reverse() : [await build.base(), await build.tree()];
  const draft = parseDocument(queries.draft, 'draft').items.map((item) => item.text);
  const date = '2025-10-15';
  for (let r = 0; r < rounds; r++) {
    // Every round's questions are new to both indexes (they remember answers): another excluded document.
    const exclude = new Set([`compare-${r}`]);
    for (const s of r % 2 === 0 ? sides : [...sides].reverse()) {
      const reuse = draft.map(() => [] as Match[]);
      const hover = queries.hover.map(() => [] as Match[]);
      let t = performance.now();
      draft.forEach((text, i) => {
        reuse[i] = s.index.query(text, { limit: 1, minScore: 0.6, excludeDocuments: exclude, draftDate: date });
      });
      s.reuse.push(performance.now() - t);
      t = performance.now();
      queries.hover.forEach((text, i) => {
        hover[i] = s.index.query(text, { limit: 3, minScore: 0.3, excludeDocuments: exclude, draftDate: date });
      });
      s.hover.push(performance.now() - t);
      if (r === 0) s.answers = [...reuse, ...hover].map(answerLine);
    }
  }
  // The first two rounds warm the JIT up.
  const summary = (s: Side) => ({ reuse: median(s.reuse.slice(2)), hover: median(s.hover.slice(2)) });
  const [a, b] = sides.map(summary) as [ReturnType<typeof summary>, ReturnType<typeof summary>];
  const line = (label: string, x: number, y: number) => console.log(`${label.padEnd(40)} ${round(x, 1)} ms → ${round(y, 1)} ms  (×${round(y / x, 3)})`);
  console.log(`${items.toLocaleString('en')} items, ${rounds - 2} rounds: median per round, ${sides[0]!.name} → ${sides[1]!.name}`);
  line(`reuse questions of a ${draft.length}-item draft`, a.reuse, b.reuse);
  line(`${queries.hover.length} hover questions`, a.hover, b.hover);
  const questions = [...draft, ...queries.hover];
  const differ = questions.flatMap((_, i) => (sides[0]!.answers[i] === sides[1]!.answers[i] ? [] : [i]));
  console.log(`answers: ${differ.length === 0 ? 'the same' : `${differ.length} differ`} on ${questions.length} questions`);
  for (const i of differ.slice(0, 5)) {
    console.log(`  ${questions[i]!.slice(0, 60)}…\n    ${sides[0]!.name}: ${sides[0]!.answers[i]}\n    ${sides[1]!.name}: ${sides[1]!.answers[i]}`);
  }
  if (differ.length > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
