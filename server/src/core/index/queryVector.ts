// A question as the searchers take it: its terms known to the index, sorted by id, with their query-side
// weight × idf (questionBatch.ts's `QueryVector`), and the norm of the whole question, unknown terms included.
import type { TermWeights } from '../text/analyser';
import type { QueryVector } from './questionBatch';
import type { RarityWeights } from './scoring';
import type { TermDictionary } from './termDictionary';

export function queryVector(terms: TermWeights, dictionary: TermDictionary, weights: RarityWeights): QueryVector {
  const ids = new Int32Array(terms.size);
  const weightOf = new Float64Array(terms.size);
  const df = weights.df;
  let n = 0;
  let sum = 0;
  let postings = 0;
  for (const [term, weight] of terms) {
    const id = dictionary.idOf(term);
    if (id !== undefined && df[id]! > 0) {
      // Insertion by id: a question has tens of terms.
      let i = n++;
      for (; i > 0 && ids[i - 1]! > id; i--) {
        ids[i] = ids[i - 1]!;
        weightOf[i] = weightOf[i - 1]!;
      }
      ids[i] = id;
      weightOf[i] = weight;
      postings += df[id]!;
    } else {
      const qw = weight * weights.idfFor(0);
      sum += qw * qw;
    }
  }
  const qw = new Float64Array(n);
  const idf = new Float64Array(n);
  const factor = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    idf[i] = weights.idfOf(ids[i]!);
    qw[i] = weightOf[i]! * idf[i]!;
    factor[i] = qw[i]! * idf[i]!;
    sum += qw[i]! * qw[i]!;
  }
  return { ids: ids.subarray(0, n), qw, idf, factor, norm: Math.sqrt(sum), postings };
}
