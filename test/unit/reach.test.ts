// Reach (prefix filtering for one answer above a floor): each posting's reach is the item's norm from that
// term on, rarest term first, never below the true value; and the bound it gives holds for any question.

import { strict as assert } from 'node:assert';
import { REACH_STEPS, reachOfList, reachOfRows, termOrder } from '../../server/src/core/index/reach';

/** A deterministic pseudo-random sequence in [0, 1) (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Items {
  terms: number;
  /** Each item's sorted term ids and weight codes, pooled as the index pools them. */
  slotStart: Int32Array;
  slotLength: Int32Array;
  fwdIds: Int32Array;
  fwdCodes: Uint16Array;
  weightValues: Float64Array;
  idf: Float64Array;
  /** Norms at records[slot × 2 + 1]. */
  records: Float64Array;
  rowStart: Int32Array;
  rowSlots: Int32Array;
  rowCodes: Uint16Array;
}

/** `count` items of 1–12 distinct terms out of `terms` (the low ids commoner), with rows in slot order. */
function someItems(count: number, terms: number, next: () => number): Items {
  const lists: number[][] = [];
  for (let s = 0; s < count; s++) {
    const length = Math.min(terms, 1 + Math.floor(next() * 12));
    const ids = new Set<number>();
    while (ids.size < length) ids.add(Math.floor(next() ** 2 * terms));
    lists.push([...ids].sort((a, b) => a - b));
  }
  const weightValues = Float64Array.from([1, 1.5, 2.2, 0.7]);
  const idf = Float64Array.from({ length: terms }, () => 0.2 + next() * 5);
  const slotStart = new Int32Array(count);
  const slotLength = new Int32Array(count);
  const fwdIds: number[] = [];
  const fwdCodes: number[] = [];
  const records = new Float64Array(count * 2);
  lists.forEach((ids, s) => {
    slotStart[s] = fwdIds.length;
    slotLength[s] = ids.length;
    let squares = 0;
    for (const id of ids) {
      const code = Math.floor(next() * weightValues.length);
      fwdIds.push(id);
      fwdCodes.push(code);
      squares += (weightValues[code]! * idf[id]!) ** 2;
    }
    records[s * 2 + 1] = Math.sqrt(squares);
  });
  const rowStart = new Int32Array(terms + 1);
  for (const id of fwdIds) rowStart[id + 1]!++;
  for (let t = 0; t < terms; t++) rowStart[t + 1]! += rowStart[t]!;
  const fill = rowStart.slice(0, terms);
  const rowSlots = new Int32Array(fwdIds.length);
  const rowCodes = new Uint16Array(fwdIds.length);
  lists.forEach((ids, s) => ids.forEach((id, k) => {
    const at = fill[id]!++;
    rowSlots[at] = s;
    rowCodes[at] = fwdCodes[slotStart[s]! + k]!;
  }));
  return { terms, slotStart, slotLength, fwdIds: Int32Array.from(fwdIds), fwdCodes: Uint16Array.from(fwdCodes), weightValues, idf, records, rowStart, rowSlots, rowCodes };
}

/** Item `slot`'s unit vector as term → weight. */
function unitVector(items: Items, slot: number): Map<number, number> {
  const vector = new Map<number, number>();
  const norm = items.records[slot * 2 + 1]!;
  for (let k = items.slotStart[slot]!; k < items.slotStart[slot]! + items.slotLength[slot]!; k++) {
    vector.set(items.fwdIds[k]!, (items.weightValues[items.fwdCodes[k]!]! * items.idf[items.fwdIds[k]!]!) / norm);
  }
  return vector;
}

/** The norm of `vector` over the terms ranked at or after `rank` (brute force). */
function normFrom(vector: Map<number, number>, ranks: Int32Array, rank: number): number {
  let squares = 0;
  for (const [id, w] of vector) if (ranks[id]! >= rank) squares += w * w;
  return Math.sqrt(squares);
}

function reachOf(items: Items): { reach: Uint8Array; ranks: Int32Array } {
  const { order, rank } = termOrder(items.rowStart, items.terms);
  return { reach: reachOfRows({ ...items, order, slotCount: items.slotLength.length, stride: 2, normAt: 1 }), ranks: rank };
}

describe('index: reach (prefix filtering)', () => {
  it('ranks terms rarest first: shorter rows first, then lower ids', () => {
    // Rows of lengths 3, 1, 2, 1 and 0.
    const rowStart = Int32Array.from([0, 3, 4, 6, 7, 7]);
    const { order, rank } = termOrder(rowStart, 5);
    assert.deepEqual([...order], [4, 1, 3, 2, 0]);
    assert.deepEqual([...rank], [4, 1, 3, 2, 0]);
  });

  it("gives each posting its item's norm from that term on, rounded up to the next step", () => {
    const next = random(7);
    const items = someItems(400, 60, next);
    const { reach, ranks } = reachOf(items);
    let checked = 0;
    for (let t = 0; t < items.terms; t++) {
      for (let p = items.rowStart[t]!; p < items.rowStart[t + 1]!; p++) {
        const truth = normFrom(unitVector(items, items.rowSlots[p]!), ranks, ranks[t]!) * REACH_STEPS;
        assert.ok(reach[p]! >= truth - 1e-9 && reach[p]! < truth + 1 + 1e-6, `posting ${p}: ${reach[p]} for ${truth}`);
        checked++;
      }
    }
    assert.equal(checked, items.rowSlots.length);
  });

  it('bounds any question: x·y ≤ ‖x from the first shared term on‖ × the reach there', () => {
    const next = random(11);
    const items = someItems(300, 40, next);
    const { reach, ranks } = reachOf(items);
    const reachAt = (slot: number, term: number) => {
      for (let p = items.rowStart[term]!; p < items.rowStart[term + 1]!; p++) if (items.rowSlots[p] === slot) return reach[p]! / REACH_STEPS;
      throw new Error('no posting');
    };
    let tight = 0;
    for (let q = 0; q < 300; q++) {
      const x = unitVector(items, q);
      for (let slot = 0; slot < 300; slot++) {
        const y = unitVector(items, slot);
        const shared = [...x.keys()].filter((id) => y.has(id)).sort((a, b) => ranks[a]! - ranks[b]!);
        if (shared.length === 0) continue;
        const first = shared[0]!;
        const dot = shared.reduce((sum, id) => sum + x.get(id)! * y.get(id)!, 0);
        const bound = normFrom(x, ranks, ranks[first]!) * reachAt(slot, first);
        assert.ok(dot <= bound + 1e-12, `items ${q} and ${slot}: ${dot} > ${bound}`);
        if (bound < 0.9) tight++;
      }
    }
    // The bound is worth having: it rules out many pairs that share a term.
    assert.ok(tight > 1000, `${tight} pairs bounded below 0.9`);
  });

  it("works out one item's reach as the rows' pass does, to the last bit (what a loaded index is checked with)", () => {
    const items = someItems(300, 50, random(3));
    const { reach, ranks } = reachOf(items);
    for (let slot = 0; slot < 300; slot++) {
      const from = items.slotStart[slot]!;
      const own = reachOfList(items.fwdIds, items.fwdCodes, from, from + items.slotLength[slot]!, ranks, items.weightValues, items.idf, items.records[slot * 2 + 1]!);
      own.forEach((value, k) => {
        const term = items.fwdIds[from + k]!;
        const p = items.rowSlots.subarray(0, items.rowStart[term + 1]!).indexOf(slot, items.rowStart[term]!);
        assert.equal(value, reach[p], `item ${slot}, term ${term}`);
      });
    }
  });
});
