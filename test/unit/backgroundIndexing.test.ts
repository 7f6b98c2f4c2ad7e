// Requests on drafts are served while a large corpus is indexed: the server's library answers from what is
// indexed so far (the first time), and the index is complete and ready at the end. Also the fast paths made
// for scale give what the plain ones give: the duplicate check's pair finder, the analyser's ASCII scanner.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDocument } from '../../server/src/core/document/parse';
import { PrecedentIndex } from '../../server/src/core/index/precedentIndex';
import { defaultSettings } from '../../server/src/core/settings';
import { createAnalyser } from '../../server/src/core/text/analyser';
import { readThesauri } from '../../server/src/node/thesaurusFile';
import { PrecedentLibrary } from '../../server/src/node/precedentLibrary';

describe('background indexing', function () {
  this.timeout(60000);
  let dir: string;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'precedent-background-'));
    mkdirSync(join(dir, 'corpus'));
    const words = ['remittance', 'costs', 'social', 'protection', 'recruitment', 'fees', 'training', 'skills', 'returnees', 'health', 'care', 'women', 'workers', 'agencies', 'dialogue'];
    for (let f = 0; f < 600; f++) {
      const items = Array.from({ length: 20 }, (_, i) => `${i + 1}. Ensure ${words[(f + i) % words.length]} and ${words[(f * 7 + i * 3) % words.length]} for migrant workers in country ${f}.`);
      writeFileSync(join(dir, 'corpus', `doc-${f}.txt`), items.join('\n'));
    }
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('answers from the partial index while the first build runs, then from the whole corpus', async () => {
    const library = new PrecedentLibrary(() => {});
    const settings = defaultSettings();
    settings.corpus.paths = [join(dir, 'corpus')];
    settings.corpus.includeSeeds = false;
    const seen: Array<{ state: string; items: number; answers: number }> = [];
    let done = false;
    const building = library.rebuild(settings, [dir]).then(() => (done = true));
    while (!done) {
      await new Promise((resolve) => setImmediate(resolve));
      const status = library.status();
      seen.push({ state: status.state, items: status.items, answers: library.precedents().query('remittance costs for migrant workers', { limit: 3 }).length });
    }
    await building;
    const during = seen.filter((s) => s.state === 'indexing' && s.items > 0 && s.items < 12_000);
    assert.ok(during.length >= 2, `requests answered during indexing: ${JSON.stringify(seen.slice(0, 5))}`);
    assert.ok(during.every((s) => s.answers > 0), 'answers from what is indexed so far');
    assert.deepEqual([library.status().state, library.status().items], ['ready', 12_000]);
  });
});

describe('similarPairs (the duplicate check at scale)', () => {
  it('gives exactly the pairs above a threshold that scoring every pair gives', () => {
    const index = new PrecedentIndex(createAnalyser(readThesauri([]).thesaurus));
    const texts = ['Reduce remittance costs.', 'Reduce the costs of remittances', 'Extend social protection to migrant workers.', 'Extend social protection for all migrant workers', 'Promote social dialogue.', 'Reduce remittance costs.', 'Abolish recruitment fees', 'abolish recruitment fees charged to workers', ''];
    index.addDocument(parseDocument(texts.map((t, i) => `${i + 1}. ${t}`).join('\n'), 'corpus'));
    for (const threshold of [0.2, 0.5, 0.85, 1]) {
      const expected: Array<[number, number, number]> = [];
      for (let j = 0; j < texts.length; j++) for (let i = 0; i < j; i++) {
        const score = index.similarity(texts[i]!, texts[j]!);
        if (score >= threshold && score > 0) expected.push([i, j, score]);
      }
      assert.deepEqual(index.similarPairs(texts, threshold), expected, `threshold ${threshold}`);
    }
  });
});

describe('analyser: the ASCII scanner', () => {
  it('finds the same words as the word pattern (a non-ASCII character at the end takes the pattern path)', () => {
    const analyser = createAnalyser(readThesauri([]).thesaurus);
    const ascii = fc.string({ unit: fc.constantFrom(...'abcXYZ019 \'-.,;:()/re-co OSH MOUs DoLAB workers\'s'.split('')), maxLength: 80 });
    fc.assert(fc.property(ascii, (text) => {
      assert.deepEqual([...analyser.analyse(text)], [...analyser.analyse(`${text} \u2019`)]);
    }), { numRuns: 500 });
  });
});
