// A map from non-negative integers to numbers for the length of one question, by open addressing in typed
// arrays small enough to stay in the first-level cache. A question's full scores look up every term of every
// candidate, most of them not the question's: a table indexed by term id (hundreds of thousands of terms)
// would cost a cache miss per lookup, a Map a hash of a boxed number.

const EMPTY = -1;
const MULTIPLIER = 0x9e3779b1;

export class NumberTable {
  private keys = new Int32Array(64).fill(EMPTY);
  private values = new Float64Array(64);
  private shift = 32 - 6;
  private mask = 63;

  /** Empties the table, sized for up to `expected` keys. */
  reset(expected: number): void {
    // At most a quarter full: a key not in the table usually meets an empty cell at once.
    let bits = 6;
    while (1 << bits < expected * 4) bits++;
    if (this.keys.length !== 1 << bits) {
      this.keys = new Int32Array(1 << bits);
      this.values = new Float64Array(1 << bits);
    }
    this.keys.fill(EMPTY);
    this.shift = 32 - bits;
    this.mask = (1 << bits) - 1;
  }

  /** Sets `key` (≥ 0) to `value`; more keys than `reset` was told of grow the table. */
  set(key: number, value: number): void {
    let h = Math.imul(key, MULTIPLIER) >>> this.shift;
    for (let used = 0; ; h = (h + 1) & this.mask, used++) {
      const k = this.keys[h]!;
      if (k === key || k === EMPTY) {
        this.keys[h] = key;
        this.values[h] = value;
        if (k === EMPTY && used > 8) this.rehash();
        return;
      }
    }
  }

  /** The value of `key`, or NaN. */
  get(key: number): number {
    for (let h = Math.imul(key, MULTIPLIER) >>> this.shift; ; h = (h + 1) & this.mask) {
      const k = this.keys[h]!;
      if (k === key) return this.values[h]!;
      if (k === EMPTY) return NaN;
    }
  }

  /** Σ value(ids[k]) × weights[codes[k]] over k in [start, end), keys not held counting 0: a dot product. */
  dot(ids: Int32Array, codes: Uint16Array, weights: Float64Array, start: number, end: number): number {
    const keys = this.keys;
    const values = this.values;
    const shift = this.shift;
    const mask = this.mask;
    let dot = 0;
    for (let k = start; k < end; k++) {
      const id = ids[k]!;
      for (let h = Math.imul(id, MULTIPLIER) >>> shift; ; h = (h + 1) & mask) {
        const key = keys[h]!;
        if (key === id) {
          dot += values[h]! * weights[codes[k]!]!;
          break;
        }
        if (key === EMPTY) break;
      }
    }
    return dot;
  }

  /** Long probe sequences: twice the cells, the same entries. */
  private rehash(): void {
    const keys = this.keys;
    const values = this.values;
    let count = 0;
    for (const k of keys) if (k !== EMPTY) count++;
    this.reset(count * 2);
    for (let i = 0; i < keys.length; i++) if (keys[i] !== EMPTY) this.set(keys[i]!, values[i]!);
  }
}
