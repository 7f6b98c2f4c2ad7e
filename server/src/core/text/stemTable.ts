// Stems numbered in the order they are first met, and each folded word's stem, remembered. The analyser stems a
// word once; the index maps a stem number to its term id through an array instead of hashing the stem again
// (at 100,000 items, millions of lookups).

/** Stem number of a stop word. */
export const STOP = -1;

export class StemTable {
  /** Stem number → stem. */
  readonly names: string[] = [];
  private readonly numbers = new Map<string, number>();
  private readonly folded = new Map<string, number>();

  /** The number of a stem (a new one the first time). */
  number(stem: string): number {
    let n = this.numbers.get(stem);
    if (n === undefined) {
      n = this.names.length;
      this.names.push(stem);
      this.numbers.set(stem, n);
    }
    return n;
  }

  /** The remembered stem number of a folded word (STOP for a stop word), or undefined. */
  ofFolded(folded: string): number | undefined {
    return this.folded.get(folded);
  }

  remember(folded: string, stem: number): void {
    this.folded.set(folded, stem);
  }

  /** Folded words remembered (the analyser starts a new table past a bound). */
  get size(): number {
    return this.folded.size;
  }
}
