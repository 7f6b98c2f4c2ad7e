// Pairwise similarity of texts (a draft's items compared with each other, a draft with an earlier document):
// the cosine of their term vectors weighted by the index's current rarity weights, on the same scale as the
// index's answers. Terms the corpus does not have still match each other.
import type { SharedTerm } from '../text/generalTerms';
import type { CorpusAnalysis } from './corpusAnalysis';
import type { TermDictionary } from './termDictionary';
import { ownCopy } from './textKey';
import * as scoring from './scoring';
import type { RarityWeights } from './scoring';

// Module constants rather than imported bindings in the hot loops: where modules run as CommonJS (tsx: the tests
// and the benchmark), every read of an imported binding calls a getter.
const { cosine, EPSILON } = scoring;

/** Cached vectors (a draft's items compared pairwise), cleared when full. */
const VECTOR_CACHE = 4096;

/** An analysed text: sorted ids (known terms, then negative ids for unknown ones), weights × idf. */
interface Vector {
  ids: Int32Array;
  weights: Float64Array;
  norm: number;
  generation: number;
}

export class PairwiseSimilarity {
  private readonly vectors = new Map<string, Vector>();
  private readonly unknownTerms = new Map<string, number>();
  /** The query analysers made so far when `vectors` were analysed (`CorpusAnalysis.rebuilds`). */
  private analysersSeen = 0;

  /** `refresh` brings the rarity weights up to date before a comparison. */
  constructor(private readonly analysis: CorpusAnalysis, private readonly terms: TermDictionary, private readonly weights: RarityWeights,
    private readonly refresh: () => void) {}

  /** Forgets the vectors (of earlier rarity weights). */
  clear(): void {
    this.vectors.clear();
  }

  /**
   * Pairs of `texts` at least `threshold` similar, as `[i, j, score]` with i < j, the score exactly what
   * `similarity(texts[i], texts[j])` gives. Prefix filtering: a text's heaviest terms, up to where the rest of
   * its unit vector is shorter than the threshold, must meet the other text for the pair to reach it
   * (Cauchy–Schwarz); only such pairs are scored.
   */
  similarPairs(texts: readonly string[], threshold: number): Array<[number, number, number]> {
    this.refresh();
    const vectors = texts.map((t) => this.vectorOf(t));
    const pairs: Array<[number, number, number]> = [];
    const holders = new Map<number, number[]>();
    const seen = new Int32Array(texts.length).fill(-1);
    const cut = threshold * (1 - EPSILON);
    for (let j = 0; j < vectors.length; j++) {
      const b = vectors[j]!;
      if (b.norm > 0) {
        // The prefix: heaviest terms first, until the rest of the unit vector is shorter than the threshold.
        const order = Array.from(b.ids.keys()).sort((x, y) => b.weights[y]! - b.weights[x]!);
        let rest = 1;
        for (const k of order) {
          if (threshold > 0 && Math.sqrt(Math.max(0, rest)) < cut) break;
          const u = b.weights[k]! / b.norm;
          rest -= u * u;
          for (const i of holders.get(b.ids[k]!) ?? []) {
            if (seen[i] === j) continue;
            seen[i] = j;
            const score = this.similarityOf(vectors[i]!, b);
            if (score >= threshold && score > 0) pairs.push([i, j, score]);
          }
        }
        for (const id of b.ids) {
          let list = holders.get(id);
          if (list === undefined) holders.set(id, (list = []));
          list.push(j);
        }
      }
    }
    return pairs.sort((x, y) => x[1] - y[1] || x[0] - y[0]);
  }

  /**
   * Similarity of two texts in 0..1 (cosine of their term vectors, weighted by the corpus's rarity weights),
   * on the same scale as `query` scores. Either text empty → 0.
   */
  similarity(textA: string, textB: string): number {
    this.refresh();
    return this.similarityOf(this.vectorOf(textA), this.vectorOf(textB));
  }

  /**
   * The terms two texts share, each with its part of `similarity(textA, textB)` and the share of the index's
   * items that hold it: what a precedent has in common with a draft's item.
   */
  sharedTerms(textA: string, textB: string, liveItems: number): SharedTerm[] {
    this.refresh();
    const a = this.vectorOf(textA);
    const b = this.vectorOf(textB);
    const shared: SharedTerm[] = [];
    if (a.norm === 0 || b.norm === 0) return shared;
    const names = this.terms.terms;
    for (let i = 0, j = 0; i < a.ids.length && j < b.ids.length;) {
      const x = a.ids[i]!;
      const y = b.ids[j]!;
      if (x === y) {
        // A term the index does not have (a negative id) is in none of its items: unnamed, it counts as specific.
        const df = x >= 0 ? this.weights.df[x]! : 0;
        const term = x >= 0 ? names[x]! : '';
        shared.push({ term, contribution: cosine(a.weights[i++]! * b.weights[j++]!, a.norm, b.norm), itemShare: liveItems > 0 ? df / liveItems : 0 });
      } else if (x < y) i++;
      else j++;
    }
    return shared;
  }

  private similarityOf(a: Vector, b: Vector): number {
    if (a.norm === 0 || b.norm === 0) return 0;
    let dot = 0;
    const ai = a.ids;
    const bi = b.ids;
    for (let i = 0, j = 0; i < ai.length && j < bi.length;) {
      const x = ai[i]!;
      const y = bi[j]!;
      if (x === y) dot += a.weights[i++]! * b.weights[j++]!;
      else if (x < y) i++;
      else j++;
    }
    return cosine(dot, a.norm, b.norm);
  }

  /** A text's weighted vector for `similarity`, cached per generation of rarity weights. */
  private vectorOf(text: string): Vector {
    // Vectors analysed with an earlier query analyser are forgotten once another is made.
    if (this.analysis.rebuilds !== this.analysersSeen) {
      this.analysersSeen = this.analysis.rebuilds;
      this.vectors.clear();
    }
    const cached = this.vectors.get(text);
    if (cached !== undefined && cached.generation === this.weights.generation) return cached;
    const terms = this.analysis.analyseQuery(text);
    const entries: Array<[number, number]> = [];
    let sum = 0;
    for (const [term, weight] of terms) {
      let id = this.terms.idOf(term);
      let idf: number;
      if (id === undefined || this.weights.df[id] === 0) {
        idf = this.weights.idfFor(0);
        // Terms the corpus does not have still match each other: a negative id of their own.
        if (id === undefined) {
          id = this.unknownTerms.get(term);
          if (id === undefined) {
            if (this.unknownTerms.size >= 1_000_000) {
              this.unknownTerms.clear();
              this.vectors.clear();
            }
            id = -1 - this.unknownTerms.size;
            this.unknownTerms.set(term, id);
          }
        }
      } else {
        idf = this.weights.idfOf(id);
      }
      const w = weight * idf;
      entries.push([id, w]);
      sum += w * w;
    }
    entries.sort((a, b) => a[0] - b[0]);
    const vector: Vector = {
      ids: Int32Array.from(entries, (e) => e[0]),
      weights: Float64Array.from(entries, (e) => e[1]),
      norm: Math.sqrt(sum),
      generation: this.weights.generation,
    };
    if (this.vectors.size >= VECTOR_CACHE) this.vectors.clear();
    this.vectors.set(ownCopy(text), vector);
    return vector;
  }
}
