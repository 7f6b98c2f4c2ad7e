// How long comparing two 500-item documents takes (issue 19), with the index of the seeds and a synthetic corpus
// (made as `npm run bench` makes it) giving the rarity weights. Two cases: a draft edited from its earlier
// version (items reworded, dropped, merged, added, two swapped: the usual question), and two unrelated documents
// written from the same vocabulary (many weak pairs: the alignment's largest problems). Each is timed whole
// (pair finding, optimal assignment, classification, word diffs), in several runs; the median is reported.
//
//   npm run bench:compare-documents [-- --items 500] [--corpus-items 20000] [--runs 7] [--json]

import { parseArgs } from 'node:util';
import { parseDocument } from '../server/src/core/document/parse';
import { alignOptimally, crossSimilarities } from '../server/src/core/features/compare/alignment';
import { compareDocuments } from '../server/src/core/features/compare/comparison';
import { PrecedentIndex } from '../server/src/core/index/precedentIndex';
import { defaultSettings } from '../server/src/core/settings';
import { createAnalyser } from '../server/src/core/text/analyser';
import { readThesauri } from '../server/src/node/thesaurusFile';
import { median, round } from './stats';
import { Generator, loadMaterial, prng } from './synthetic';

const { values } = parseArgs({ options: { items: { type: 'string' }, 'corpus-items': { type: 'string' }, runs: { type: 'string' }, json: { type: 'boolean' } } });
const items = Number(values.items ?? 500);
const corpusItems = Number(values['corpus-items'] ?? 20_000);
const runs = Number(values.runs ?? 7);
const threshold = defaultSettings().compare.threshold;

const material = loadMaterial();
const index = new PrecedentIndex(createAnalyser(readThesauri([]).thesaurus));
new Generator(material, 7).corpus(corpusItems).forEach((text, i) => index.addDocument(parseDocument(text, `corpus-${i}`)));

const earlierText = new Generator(material, 11).draft(items);
const earlier = parseDocument(earlierText, 'earlier');
const cases = {
  edited: parseDocument(editedDraft(earlier.items.map((item) => item.text), 23), 'edited'),
  unrelated: parseDocument(new Generator(material, 29).draft(items), 'unrelated'),
};

const results: Record<string, unknown> = { items, corpusItems, threshold, runs };
for (const [name, draft] of Object.entries(cases)) {
  const compare = () => compareDocuments(draft, earlier, { threshold, similarPairs: (texts, floor) => index.similarPairs(texts, floor), analyser: index.queryAnalyser() });
  compare(); // the texts analysed once, as an open draft's are
  const times: number[] = [];
  let comparison = compare();
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    comparison = compare();
    times.push(performance.now() - start);
  }
  // Where the time goes: finding the pairs, then the assignment.
  const start = performance.now();
  const similarities = crossSimilarities(draft.items.map((item) => item.text), earlier.items.map((item) => item.text), threshold, (texts, floor) => index.similarPairs(texts, floor));
  const pairsMs = performance.now() - start;
  const alignStart = performance.now();
  alignOptimally(similarities);
  const alignMs = performance.now() - alignStart;
  results[name] = {
    draftItems: draft.items.length,
    earlierItems: earlier.items.length,
    medianMs: round(median(times), 1),
    runsMs: times.map((time) => round(time, 1)),
    pairFindingMs: round(pairsMs, 1),
    assignmentMs: round(alignMs, 1),
    pairsAboveThreshold: similarities.byDraft.reduce((sum, list) => sum + list.length, 0),
    counts: comparison.counts,
  };
}

if (values.json) {
  process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
} else {
  console.log(`Compare two ${items}-item documents (index: seeds' vocabulary, ${corpusItems} synthetic items; threshold ${threshold}; median of ${runs} runs)`);
  for (const name of Object.keys(cases)) {
    const r = results[name] as { draftItems: number; medianMs: number; runsMs: number[]; pairFindingMs: number; assignmentMs: number; pairsAboveThreshold: number; counts: Record<string, number> };
    console.log(`  ${name.padEnd(9)} ${r.medianMs} ms (runs ${r.runsMs.join(', ')}); pair finding ${r.pairFindingMs} ms, assignment ${r.assignmentMs} ms; ${r.pairsAboveThreshold} pairs above the threshold; ${JSON.stringify(r.counts)}`);
  }
}

/** A draft edited from an earlier one: 10% reworded, 5% dropped, 3% merged with the next item, 5% new, two swapped. */
function editedDraft(texts: readonly string[], seed: number): string {
  const rand = prng(seed);
  const fresh = new Generator(material, seed + 1);
  const out: string[] = [];
  for (let i = 0; i < texts.length; i++) {
    const roll = rand();
    let text = texts[i]!;
    if (roll < 0.05) continue;
    if (roll < 0.15) {
      const words = text.split(' ');
      words.splice(Math.floor(rand() * words.length), 1, 'effectively', 'ensure');
      text = words.join(' ');
    } else if (roll < 0.18 && i + 1 < texts.length) {
      text = `${text.replace(/\.$/, ';')} ${texts[++i]!}`;
    }
    out.push(text);
    if (rand() < 0.05) out.push(fresh.item());
  }
  [out[10], out[11]] = [out[11]!, out[10]!];
  return ['Cambodia National Recommendations for the 19th ASEAN Forum on Migrant Labour', '', '1 October 2026', '', 'Recommendations', '', ...out.map((text, i) => `${i + 1}. ${text}`)].join('\n');
}
