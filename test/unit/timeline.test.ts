// The timeline of the example draft on the seeds: one mark per earlier occasion, at its year or in a column of
// its own for undated ones, and the Vega-Lite spec the webview and the HTML report draw.

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseDocument } from '../../server/src/core/document/parse';
import { DATE_UNKNOWN, timeline, timelineSpec } from '../../server/src/core/features/timeline';
import { PrecedentIndex } from '../../server/src/core/index/precedentIndex';
import { createAnalyser } from '../../server/src/core/text/analyser';
import { readSeed, SEED_NAMES, SEEDS_DIR, seedThesaurus } from './support/documentChecks';

const index = new PrecedentIndex(createAnalyser(seedThesaurus()));
for (const name of SEED_NAMES) index.addDocument(parseDocument(readSeed(name), SEEDS_DIR + name));
const draft = parseDocument(readFileSync(fileURLToPath(new URL('../../examples/draft-afml17.rec.md', import.meta.url)), 'utf8'), 'examples/draft-afml17.rec.md');
const retention = draft.items.find((item) => item.text.startsWith('Encourage job retention'))!;

describe('timeline', () => {
  it('of one item: a row per country or author, a mark per occasion at its year', () => {
    const chart = timeline(draft, [retention], index, 0.3, 'item');
    assert.equal(chart.title, '3. Encourage job retention, remote/flexible arr…');
    assert.deepEqual(chart.marks.map((mark) => [mark.row, mark.when, mark.percent, mark.occasion]), [
      ['Viet Nam', '2020', '100%', 'Viet Nam (13th AFML, 2020, item 4)'],
      ['Lao PDR', '2020', '100%', 'Lao PDR (13th AFML, 2020)'],
    ]);
    assert.equal(chart.marks[0]!.documentId, SEEDS_DIR + 'viet-nam-afml13-2020.txt');
    assert.equal(chart.marks[0]!.range.start.line, 24);
  });

  it('of the whole draft: a row per item asked before; Viet Nam and Lao PDR in 2020, Viet Nam in 2022, the undated ILO text apart', () => {
    const chart = timeline(draft, draft.items, index, 0.3, 'draft');
    assert.equal(chart.marks.length, 22, 'the 22 occasions of the 15 items asked before (precedent history counts the same)');
    assert.equal(new Set(chart.marks.map((mark) => mark.row)).size, 15);
    const whenWho = new Set(chart.marks.map((mark) => `${mark.who} ${mark.when}`));
    assert.deepEqual([...whenWho].sort(), ['Lao PDR 2020', 'Viet Nam 2020', 'Viet Nam 2022', `recommendations-recruitment-reintegration.txt ${DATE_UNKNOWN}`]);
    const spec = timelineSpec(chart) as { encoding: { x: { scale: { domain: string[] } }; y: { sort: string[] }; color: { field?: string } }; data: { values: unknown[] } };
    assert.deepEqual(spec.encoding.x.scale.domain, ['2020', '2022', DATE_UNKNOWN], 'years in order, the undated column last');
    assert.equal(spec.encoding.y.sort[0], '1. Strengthen pre-departure orientation and ski…', 'rows in the order of the draft');
    assert.equal(spec.encoding.color.field, 'who');
    assert.equal(spec.data.values.length, 22);
  });

  it('draws in the colours it is given (the webview passes the editor theme\'s)', () => {
    const dark = { foreground: '#cccccc', background: '#1e1e1e', grid: '#444444', accent: '#3794ff' };
    const spec = timelineSpec(timeline(draft, [retention], index, 0.3, 'item'), dark) as { background: string; encoding: { color: { value?: string } }; config: { axis: { labelColor: string } } };
    assert.deepEqual([spec.background, spec.encoding.color.value, spec.config.axis.labelColor], ['#1e1e1e', '#3794ff', '#cccccc']);
  });
});
