// Analysis before indexing (as Lucene's Analyzer runs before its IndexWriter): a document's items are analysed
// with the base analyser extended by the abbreviations the document defines ("Department of Overseas Labour
// (DoLAB)"), and questions with the abbreviations of the whole corpus. The index stores the terms it is handed;
// the analysers, the abbreviations learnt and the analyses of recent questions are this object's.
import type { RecDocument } from '../document/model';
import { findDefinedAbbreviations } from '../text/abbreviations';
import type { Analyser, TermWeights } from '../text/analyser';
import { mergeThesauri, type ThesaurusGroup } from '../text/thesaurus';
import { ownCopy } from './textKey';

/** Analyses of recent query texts remembered, cleared when full. */
const QUERY_CACHE = 4096;
/** Analysers extended with a document's abbreviations remembered, cleared when full. */
const EXTENDED_CACHE = 256;

/** How a document's items are analysed: with the abbreviations it defines. */
export interface DocumentAnalysis {
  abbreviations: ThesaurusGroup[];
  /** Fingerprint of `abbreviations`: an item's analysis can be reused while it is the same. */
  key: string;
  analyser: Analyser;
}

export function abbreviationKeyOf(abbreviations: readonly ThesaurusGroup[]): string {
  return abbreviations.length === 0 ? '' : JSON.stringify(abbreviations);
}

export class CorpusAnalysis {
  /** Analysers extended with a document's abbreviations, by their fingerprint. */
  private readonly extended = new Map<string, Analyser>();
  /** The abbreviations each document defining some defines, with their fingerprint. */
  private readonly learnt = new Map<string, { abbreviations: ThesaurusGroup[]; key: string }>();
  private queryAnalyserCache: Analyser | null = null;
  /** Analyses of recent query texts (a draft's items are asked again and again). */
  private readonly queryTerms = new Map<string, TermWeights>();
  /** Counts the query analysers made (what analysed a remembered question). */
  rebuilds = 0;

  /**
   * `learnAbbreviations` false: documents and questions are analysed with `analyser` alone. Null: nothing is
   * analysed (a replica of the index, which is handed question vectors).
   */
  constructor(private readonly analyser: Analyser | null, private readonly learnAbbreviations: boolean) {}

  private get base(): Analyser {
    if (this.analyser === null) throw new Error('this index analyses no text (a replica)');
    return this.analyser;
  }

  /** How `doc`'s items are analysed. */
  ofDocument(doc: RecDocument): DocumentAnalysis {
    const abbreviations = this.learnAbbreviations ? findDefinedAbbreviations(doc.items.map((i) => i.text).join('\n')) : [];
    const key = abbreviationKeyOf(abbreviations);
    return { abbreviations, key, analyser: this.analyserFor(abbreviations, key, doc.id) };
  }

  /** The base analyser, extended with a document's abbreviations (shared between documents defining the same). */
  private analyserFor(abbreviations: ThesaurusGroup[], key: string, id: string): Analyser {
    if (abbreviations.length === 0) return this.base;
    let analyser = this.extended.get(key);
    if (analyser === undefined) {
      if (this.extended.size >= EXTENDED_CACHE) this.extended.clear();
      analyser = this.base.extend({ spelling: new Map(), groups: abbreviations, sources: [id] });
      this.extended.set(key, analyser);
    }
    return analyser;
  }

  /** The corpus now has document `id`, which defines `abbreviations` (questions then know them too). */
  learn(id: string, abbreviations: ThesaurusGroup[], key: string): void {
    if (abbreviations.length === 0) return;
    this.learnt.set(id, { abbreviations, key });
    this.queryAnalyserCache = null;
  }

  /** The corpus no longer has document `id`. */
  forget(id: string): void {
    if (this.learnt.delete(id)) this.queryAnalyserCache = null;
  }

  /** The query analyser as it is (null: to be made again at the next question), for `keep`. */
  get current(): Analyser | null {
    return this.queryAnalyserCache;
  }

  /** Keeps `analyser` as the query analyser: the corpus's abbreviations are the same as when it was made. */
  keep(analyser: Analyser | null): void {
    this.queryAnalyserCache = analyser;
  }

  /** The analyser questions use: the base analyser plus the abbreviations the corpus defines. */
  queryAnalyser(): Analyser {
    if (this.queryAnalyserCache === null) {
      this.queryTerms.clear();
      this.rebuilds++;
      // Documents defining the same abbreviations (a template reused across countries) count once.
      const byKey = new Map<string, { id: string; abbreviations: ThesaurusGroup[] }>();
      for (const [id, { abbreviations, key }] of this.learnt) {
        const other = byKey.get(key);
        if (other === undefined || id < other.id) byKey.set(key, { id, abbreviations });
      }
      const learnt = [...byKey.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      this.queryAnalyserCache = learnt.length === 0
        ? this.base
        : this.base.extend(mergeThesauri(learnt.map((e) => ({ spelling: new Map(), groups: e.abbreviations, sources: [e.id] }))));
    }
    return this.queryAnalyserCache;
  }

  /** A question's terms, with the query analyser. */
  analyseQuery(text: string): TermWeights {
    const analyser = this.queryAnalyser();
    let terms = this.queryTerms.get(text);
    if (terms === undefined) {
      terms = analyser.analyse(text);
      if (this.queryTerms.size >= QUERY_CACHE) this.queryTerms.clear();
      this.queryTerms.set(ownCopy(text), terms);
    }
    return terms;
  }
}
