// The term dictionary: terms interned to dense ids, and analyser weights interned to 16-bit codes (the analyser
// gives few distinct weights: kind weight × (1 + ln count)). Stores an analysed item as its sorted term list
// in the segment's forward pool; phrases are interned by their two stems' ids, without a phrase string.
import type { AnalysisParts } from '../text/analyser';
import type { StemTable } from '../text/stemTable';
import type { RarityWeights } from './scoring';
import { grow, type Segment } from './segment';

/** Weight codes are 16-bit; a weight beyond the table is rounded to the nearest one (never in practice). */
export const MAX_WEIGHT_CODES = 0x10000;

export class TermDictionary {
  private readonly ids = new Map<string, number>();
  private names: string[] = [];
  private readonly weightCodes = new Map<number, number>();
  /** Phrase terms by their two stems' term ids (see `pairId`). */
  private pairFirst = new Int32Array(1 << 12).fill(-1);
  private pairSecond = new Int32Array(1 << 12);
  private pairIds = new Int32Array(1 << 12);
  private pairCount = 0;
  private stemScratch = new Int32Array(256);
  /** Term ids by stem number, per stem table the analysers number stems with (tables are few and long-lived). */
  private readonly stemTerms = new WeakMap<StemTable, { ids: Int32Array }>();

  constructor(private readonly segment: Segment, private readonly weights: RarityWeights) {}

  get size(): number {
    return this.names.length;
  }

  /** The terms by id. */
  get terms(): readonly string[] {
    return this.names;
  }

  /** How many weight codes are in use (`segment.weightValues[0 .. weightCount)`). */
  get weightCount(): number {
    return this.weightCodes.size;
  }

  /** A term's id, if known. */
  idOf(term: string): number | undefined {
    return this.ids.get(term);
  }

  /** Takes a saved state's terms and weights as the dictionary (which is empty); false when a term repeats. */
  load(terms: readonly string[], weights: Float64Array): boolean {
    const segment = this.segment;
    segment.weightValues = grow(segment.weightValues, weights.length);
    weights.forEach((w, code) => {
      segment.weightValues[code] = w;
      this.weightCodes.set(w, code);
    });
    this.names = terms.slice();
    terms.forEach((t, id) => this.ids.set(t, id));
    this.weights.growTerms(terms.length);
    return this.ids.size === terms.length;
  }

  private termId(term: string): number {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.names.length;
      this.ids.set(term, id);
      this.names.push(term);
      this.weights.growTerms(id + 1);
    }
    return id;
  }

  private weightCode(weight: number): number {
    const segment = this.segment;
    // Few distinct weights: a scan of the table, without boxing the number for a Map.
    const known = this.weightCodes.size;
    if (known <= 64) {
      const values = segment.weightValues;
      for (let c = 0; c < known; c++) if (values[c] === weight) return c;
    }
    let code = this.weightCodes.get(weight);
    if (code === undefined) {
      if (this.weightCodes.size >= MAX_WEIGHT_CODES) {
        // Never in practice (the analyser gives a few hundred distinct weights): the nearest weight known.
        let best = 0;
        for (let c = 1; c < MAX_WEIGHT_CODES; c++) if (Math.abs(segment.weightValues[c]! - weight) < Math.abs(segment.weightValues[best]! - weight)) best = c;
        return best;
      }
      code = this.weightCodes.size;
      segment.weightValues = grow(segment.weightValues, code + 1);
      segment.weightValues[code] = weight;
      this.weightCodes.set(weight, code);
    }
    return code;
  }

  /** Stores an analysis as the slot's sorted term list, counted in the terms' document frequencies. */
  store(parts: AnalysisParts, slot: number): void {
    const nStems = parts.stems.length;
    const nPairs = parts.pairWeights.length;
    const n = nStems + nPairs + parts.concepts.length;
    if (this.stemScratch.length < nStems) this.stemScratch = new Int32Array(nStems * 2);
    const stemIds = this.stemScratch;
    const termOf = this.termsOfStems(parts.stemTable);
    for (let i = 0; i < nStems; i++) {
      const n = parts.stemNumbers[i]!;
      let id = termOf.ids[n]!;
      if (id === -1) id = termOf.ids[n] = this.termId(parts.stems[i]!);
      stemIds[i] = id;
    }
    const segment = this.segment;
    const start = segment.reserveForward(n);
    const ids = segment.fwdIds;
    const codes = segment.fwdCodes;
    let k = 0;
    // Insertion by id (items have tens of terms; sorted ids make merges and binary searches possible).
    const put = (id: number, weight: number): void => {
      const code = this.weightCode(weight);
      let i = start + k;
      while (i > start && ids[i - 1]! > id) {
        ids[i] = ids[i - 1]!;
        codes[i] = codes[i - 1]!;
        i--;
      }
      ids[i] = id;
      codes[i] = code;
      k++;
    };
    for (let i = 0; i < nStems; i++) put(stemIds[i]!, parts.stemWeights[i]!);
    for (let p = 0; p < nPairs; p++) {
      const a = parts.pairFirst[p]!;
      const b = parts.pairSecond[p]!;
      put(this.pairId(stemIds[a]!, stemIds[b]!, parts.stems[a]!, parts.stems[b]!), parts.pairWeights[p]!);
    }
    parts.concepts.forEach((concept, i) => put(this.termId(concept), parts.conceptWeights[i]!));
    segment.slotStart[slot] = start;
    segment.slotLength[slot] = n;
    this.weights.count(slot, 1);
  }

  /** The term ids of a stem table's stems, by stem number (-1 until met), grown to the table's size. */
  private termsOfStems(table: StemTable): { ids: Int32Array } {
    let entry = this.stemTerms.get(table);
    if (entry === undefined) this.stemTerms.set(table, (entry = { ids: new Int32Array(0) }));
    if (entry.ids.length < table.names.length) entry.ids = grow(entry.ids, table.names.length, -1);
    return entry;
  }

  /** The term id of the phrase "stemA stemB", by the stems' ids (open addressing; the string only when new). */
  private pairId(a: number, b: number, stemA: string, stemB: string): number {
    const mask = this.pairFirst.length - 1;
    for (let i = (Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 1, 0x85ebca77)) & mask; ; i = (i + 1) & mask) {
      const first = this.pairFirst[i]!;
      if (first === a && this.pairSecond[i] === b) return this.pairIds[i]!;
      if (first === -1) {
        const id = this.termId(`${stemA} ${stemB}`);
        this.pairFirst[i] = a;
        this.pairSecond[i] = b;
        this.pairIds[i] = id;
        if (++this.pairCount * 2 > this.pairFirst.length) this.growPairs();
        return id;
      }
    }
  }

  private growPairs(): void {
    const first = this.pairFirst;
    const second = this.pairSecond;
    const ids = this.pairIds;
    this.pairFirst = new Int32Array(first.length * 2).fill(-1);
    this.pairSecond = new Int32Array(first.length * 2);
    this.pairIds = new Int32Array(first.length * 2);
    const mask = this.pairFirst.length - 1;
    for (let j = 0; j < first.length; j++) {
      const a = first[j]!;
      if (a === -1) continue;
      const b = second[j]!;
      let i = (Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 1, 0x85ebca77)) & mask;
      while (this.pairFirst[i] !== -1) i = (i + 1) & mask;
      this.pairFirst[i] = a;
      this.pairSecond[i] = b;
      this.pairIds[i] = ids[j]!;
    }
  }
}
