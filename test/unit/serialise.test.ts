// The persisted index, in the core (bytes in, bytes out): a round trip gives the same documents and the same
// answers; wrong magic, another format version, truncation and any flipped byte are refused with a reason.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseDocument } from '../../server/src/core/document/parse';
import type { RecDocument } from '../../server/src/core/document/model';
import { invertState, PrecedentIndex, reachOfState, scoringOf } from '../../server/src/core/index/precedentIndex';
import { checksum, deserialiseIndex, INDEX_FORMAT_VERSION, readIndexHeader, serialiseIndex } from '../../server/src/core/index/serialise';
import { createAnalyser } from '../../server/src/core/text/analyser';
import { seedThesaurus } from './support/documentChecks';
import { prng } from '../../bench/synthetic';

const SEEDS = fileURLToPath(new URL('../../seeds/', import.meta.url));
const SEED_NAMES = ['viet-nam-afml13-2020.txt', 'viet-nam-afml15-2022.txt', 'recommendations-recruitment-reintegration.txt', 'iom-dolab-safe-migration-2024.txt', 'lao-pdr-afml13-2020.txt'];

const thesaurus = seedThesaurus();
const analyser = createAnalyser(thesaurus);

function seed(name: string): RecDocument {
  return parseDocument(readFileSync(SEEDS + name, 'utf8'), name);
}

function seedIndex(): PrecedentIndex {
  const index = new PrecedentIndex(analyser);
  for (const name of SEED_NAMES) index.addDocument(seed(name));
  // A document with front matter problems, CRLF, a Lao item and a paragraph document: every field stored.
  index.addDocument(parseDocument('---\ntitle: [broken\n---\r\n1. ສົ່ງເສີມແຮງງານເຄື່ອນຍ້າຍ ແລະ ສິດທິ\r\n2)  Wrapped item\r\n   over two lines\r\n- bullet\r\n', 'mixed'));
  return index;
}

const QUERIES = ['Reduce remittance costs', 'portability of social protection', 'Department of Overseas Labour', 'ແຮງງານເຄື່ອນຍ້າຍ', 'Wrapped item over two lines'];

function answers(index: PrecedentIndex): string[] {
  return QUERIES.flatMap((q) => index.query(q, { limit: 5 }).map((m) => `${q} → ${m.document.id}#${m.item.index} ${m.score.toFixed(12)}`));
}

describe('serialise: the persisted index (core)', () => {
  it('round-trips: the same documents (deep-equal) and the same answers and scores', () => {
    const index = seedIndex();
    const { bytes, leftOut } = serialiseIndex(index, 'the key');
    assert.deepEqual(leftOut, []);
    const read = deserialiseIndex(bytes, analyser);
    assert.ok(read.ok, read.ok ? '' : read.reason);
    assert.equal(read.key, 'the key');
    assert.deepEqual(read.index.documents(), index.documents());
    assert.deepEqual(read.index.stats(), index.stats());
    assert.deepEqual(answers(read.index), answers(index));
    assert.equal(read.index.similarity('labor management board', 'labour management boards'), index.similarity('labor management board', 'labour management boards'));
  });

  it('stays a working index after loading: documents added, replaced and removed', () => {
    const read = deserialiseIndex(serialiseIndex(seedIndex(), '').bytes, analyser);
    assert.ok(read.ok);
    const fresh = seedIndex();
    for (const index of [read.index, fresh]) {
      index.replaceDocument(parseDocument('1. Reduce remittance costs for migrant families.', 'mixed'));
      index.removeDocument('viet-nam-afml15-2022.txt');
      index.addDocument(parseDocument('1. Abolish recruitment fees charged to workers.', 'new'));
    }
    assert.deepEqual(answers(read.index), answers(fresh));
    assert.equal(read.index.query('recruitment fees charged', { limit: 1 })[0]?.document.id, 'new');
  });

  it('stores a document replaced in place that now uses terms a later document brought (each term list stays sorted)', () => {
    // The Rebuild Index sequence of issue 15: a workspace draft read again keeps its early place among the
    // documents, and its new words were first used by a document after it.
    const replaced = new PrecedentIndex(analyser);
    replaced.addDocument(parseDocument('1. Extend social protection to all migrant workers.\n', 'a'));
    replaced.addDocument(parseDocument('1. Provide consular assistance to stranded fishers in foreign ports.\n', 'b'));
    replaced.replaceDocument(parseDocument('1. Provide consular help to fishers stranded in foreign ports.\n', 'a'));
    const fresh = new PrecedentIndex(analyser);
    fresh.addDocument(parseDocument('1. Provide consular help to fishers stranded in foreign ports.\n', 'a'));
    fresh.addDocument(parseDocument('1. Provide consular assistance to stranded fishers in foreign ports.\n', 'b'));
    const ask = (index: PrecedentIndex) => ['consular assistance to fishers', 'social protection', 'foreign ports'].map((q) => index.query(q, { limit: 2 }).map((m) => `${m.document.id} ${m.score.toFixed(12)}`).join(', '));
    assert.deepEqual(ask(replaced), ask(fresh), 'the index in memory answers as one built from the same texts');
    const read = deserialiseIndex(serialiseIndex(replaced, '').bytes, analyser);
    assert.ok(read.ok, read.ok ? '' : read.reason);
    assert.deepEqual(read.index.documents(), replaced.documents());
    assert.deepEqual(ask(read.index), ask(fresh));
  });

  it('after any run of documents added, replaced and removed, the stored index loads and answers as the index did', () => {
    const items = SEED_NAMES.flatMap((name) => seed(name).items.map((item) => item.text));
    const random = prng(15);
    const pick = () => items[Math.floor(random() * items.length)]!;
    const draft = (id: string) => parseDocument(Array.from({ length: 1 + Math.floor(random() * 6) }, (_, i) => `${i + 1}. ${pick()}`).join('\n'), id);
    for (let run = 0; run < 20; run++) {
      const index = new PrecedentIndex(analyser);
      const ids: string[] = [];
      for (let step = 0; step < 40; step++) {
        const roll = random();
        const id = ids.length > 0 && roll < 0.5 ? ids[Math.floor(random() * ids.length)]! : `doc-${run}-${step}`;
        if (roll < 0.1 && ids.includes(id)) {
          index.removeDocument(id);
          ids.splice(ids.indexOf(id), 1);
        } else {
          index.replaceDocument(draft(id));
          if (!ids.includes(id)) ids.push(id);
        }
        // A question now and then seals the index part way, as a server's requests do.
        if (step % 13 === 0) index.query(pick(), { limit: 1 });
      }
      const read = deserialiseIndex(serialiseIndex(index, '').bytes, analyser);
      assert.ok(read.ok, `run ${run}: ${read.ok ? '' : read.reason}`);
      const questions = [pick(), pick(), pick()];
      const answersOf = (target: PrecedentIndex) => questions.map((q) => target.query(q, { limit: 3 }).map((m) => `${m.document.id}#${m.item.index} ${m.score.toFixed(9)}`).join(', '));
      assert.deepEqual(answersOf(read.index), answersOf(index), `run ${run}`);
    }
  });

  it('stores only the documents asked for', () => {
    const { bytes } = serialiseIndex(seedIndex(), '', (doc) => doc.id !== 'mixed');
    const read = deserialiseIndex(bytes, analyser);
    assert.ok(read.ok);
    assert.deepEqual(read.index.documents().map((d) => d.id), SEED_NAMES);
  });

  it('leaves out a document it cannot store exactly (a lone surrogate), and says so', () => {
    const index = new PrecedentIndex(analyser);
    index.addDocument(parseDocument('1. Fine item.', 'fine'));
    index.addDocument(parseDocument('1. Broken \ud800 item.', 'broken'));
    const { bytes, leftOut } = serialiseIndex(index, '');
    assert.deepEqual(leftOut, ['broken']);
    const read = deserialiseIndex(bytes, analyser);
    assert.ok(read.ok);
    assert.deepEqual(read.index.documents().map((d) => d.id), ['fine']);
  });

  it('refuses, with a reason, what is not an index of this format', () => {
    const { bytes } = serialiseIndex(seedIndex(), 'k');
    const cases: Array<[string, Uint8Array, RegExp]> = [
      ['empty', new Uint8Array(0), /truncated/],
      ['truncated', bytes.subarray(0, Math.floor(bytes.length / 2)), /truncated/],
      ['one byte short', bytes.subarray(0, bytes.length - 1), /truncated/],
      ['another file', new TextEncoder().encode('x'.repeat(100)), /not a Precedent index/],
    ];
    const older = bytes.slice();
    new DataView(older.buffer).setUint32(8, INDEX_FORMAT_VERSION - 1, true);
    cases.push(['an older format', older, /format/]);
    for (const [name, data, reason] of cases) {
      const read = deserialiseIndex(data, analyser);
      assert.ok(!read.ok, name);
      assert.match(read.reason, reason, name);
      assert.equal(readIndexHeader(data).ok, false, name);
    }
  });

  it('refuses a flipped byte anywhere past the header (checksum)', () => {
    const { bytes } = serialiseIndex(seedIndex(), 'k');
    for (const at of [24, 40, Math.floor(bytes.length / 3), Math.floor(bytes.length / 2), bytes.length - 1]) {
      const corrupt = bytes.slice();
      corrupt[at]! ^= 0x20;
      const read = deserialiseIndex(corrupt, analyser);
      assert.ok(!read.ok, `byte ${at}`);
      assert.match(read.reason, /checksum|corrupt|header/, `byte ${at}`);
    }
  });

  it('checksums the same bytes the same wherever they lie in memory, and tells apart a change in any lane', () => {
    const { bytes } = serialiseIndex(seedIndex(), 'k');
    const sum = checksum(bytes, 24);
    for (const shift of [1, 2, 3]) {
      const shifted = new Uint8Array(bytes.length + shift);
      shifted.set(bytes, shift);
      assert.equal(checksum(shifted, 24 + shift), sum, `shifted by ${shift}`);
    }
    // A change in each of the four words of one 16-byte block, and in the tail.
    for (const at of [64, 68, 72, 76, bytes.length - 1]) {
      const changed = bytes.slice();
      changed[at]! ^= 1;
      assert.notEqual(checksum(changed, 24), sum, `byte ${at}`);
    }
  });

  it("refuses a stored reach that does not fit the items (a reach too low would lose answers silently)", () => {
    const state = seedIndex().exportState();
    const rows = invertState(state);
    const scoring = scoringOf(state);
    const reach = reachOfState(state, rows, scoring);
    const load = (values: Uint8Array, rank = reach.rank) => () => PrecedentIndex.fromState(analyser, { ...state, rows, scoring, reach: { rank, values } });
    // As stored, it loads, and answers as the index it came from.
    assert.deepEqual(answers(load(reach.values)()), answers(seedIndex()));
    assert.throws(load(reach.values.map((v) => Math.max(0, v - 1))), /inconsistent index state: reach/);
    assert.throws(load(reach.values.subarray(1)), /inconsistent index state: reach/);
    assert.throws(load(reach.values, reach.rank.map(() => 0)), /inconsistent index state: reach/);
  });

  it('never throws on random bytes with a valid header and checksum', () => {
    const { bytes } = serialiseIndex(seedIndex(), 'k');
    let state = 11;
    const random = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let round = 0; round < 40; round++) {
      const garbled = bytes.slice();
      for (let k = 0; k < 8; k++) garbled[48 + Math.floor(random() * (garbled.length - 48))] = Math.floor(random() * 256);
      // Recompute the checksum so that only the structure checks stand between the bytes and an index.
      new DataView(garbled.buffer).setUint32(12, checksum(garbled, 24), true);
      const read = deserialiseIndex(garbled, analyser);
      if (read.ok) read.index.query('Reduce remittance costs');
    }
  });
});
