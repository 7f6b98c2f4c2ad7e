// The analyser: text in, weighted index terms out. The one place that decides which words of two texts count
// as the same. Steps: words (tokenise) → fold (NFC, case, Latin diacritics) → join split prefixes
// (`re-integration`, `up-skilling`) → spelling (thesaurus data + -isation/-ization rules) → stop words →
// Porter stem (Latin words). Terms: each stem, each pair of adjacent stems within a sentence (phrases), and a
// concept term for every thesaurus entry found (abbreviation, long form or near-synonym).
import { compileGroups, matchConcepts, type CompiledGroups } from './conceptMatch';
import { foldSpelling } from './spelling';
import { stem } from './stem';
import { StemTable, STOP } from './stemTable';
import { isStopWord } from './stopwords';
import { mergeThesauri, type Thesaurus, type ThesaurusGroup } from './thesaurus';
import { mayNeedSegmenter, tokenise, WORD_PATTERN } from './tokenise';
import { WordMemory, type WrittenWord } from './wordMemory';

export { CONCEPT_PREFIX } from './wordMemory';

/** Index terms of a text and their weights (kind weight × (1 + ln count)). */
export type TermWeights = Map<string, number>;

export interface AnalyserOptions {
  /** Weight of a phrase term (two adjacent words) relative to a word. Default 0.75. */
  bigramWeight?: number;
  /**
   * Weight of a concept term (thesaurus entry) relative to a word. Default 1.5: a concept stands for a notion
   * that paraphrases word differently (tuned on test/unit/relevance.test.ts; 2 starts to hurt).
   */
  conceptWeight?: number;
}

export interface Analyser {
  readonly thesaurus: Thesaurus;
  /** The weighted index terms of a text: stems, `stem stem` phrases, `#concept` terms. Empty text → empty map. */
  analyse(text: string): TermWeights;
  /**
   * The same terms as `analyse`, in parts: the distinct stems, the phrases as pairs of those stems (no phrase
   * string made), the concepts, each with its weight. What the index interns items from.
   */
  analyseParts(text: string): AnalysisParts;
  /** The normalised words of a text (folded, spelling-folded, stemmed, stop words removed), in order. */
  words(text: string): string[];
  /** One word normalised as the index does, or null for a stop word or a non-word. */
  normaliseWord(word: string): string | null;
  /** An analyser that also knows `extra` (e.g. abbreviations a document defines); this one is unchanged. */
  extend(extra: Thesaurus): Analyser;
}

export interface AnalysisParts {
  /** Distinct stems, in order of first occurrence, and their weights. */
  stems: string[];
  stemWeights: number[];
  /** The stems' numbers in `stemTable` (the same table, the same number for the same stem). */
  stemNumbers: number[];
  stemTable: StemTable;
  /** Phrases: `stems[pairFirst[k]] + ' ' + stems[pairSecond[k]]`, with their weights. */
  pairFirst: number[];
  pairSecond: number[];
  pairWeights: number[];
  /** Concept terms (with their prefix) and their weights. */
  concepts: string[];
  conceptWeights: number[];
}

/** Prefixes joined to the next word when written with a hyphen: `re-integration` = `reintegration`. */
const HYPHEN_PREFIXES = new Set(['re', 'pre', 'post', 'co', 'non', 'multi', 'inter', 'anti', 'sub', 'up', 'e', 'semi', 'bi', 'tri', 'de', 'un', 'mis']);
/** Prefixes that are never words of their own, joined to the next word also across a space: `re skilling`. */
const SPACE_PREFIXES = new Set(['re', 'pre', 'non', 'multi', 'inter', 'anti', 'semi']);
const GAP_SPACE = 0;
const GAP_HYPHEN = 1;
const GAP_BREAK = 2;
const GAP_OTHER = 3;

/**
 * What separates two words: only white space; a lone hyphen (`re-integration`); a sentence break
 * (. ; : ! ?), which stops phrases and concepts; or anything else (comma, slash, brackets…).
 */
function gapKind(text: string, start: number, end: number): number {
  if (end - start === 1) {
    const c = text.charCodeAt(start);
    if (c === 0x2d || c === 0x2010 || c === 0x2011) return GAP_HYPHEN;
  }
  let kind = GAP_SPACE;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x2e || c === 0x3b || c === 0x3a || c === 0x21 || c === 0x3f) return GAP_BREAK;
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0xa0) kind = GAP_OTHER;
  }
  return kind;
}

interface Word {
  /** Folded form (before spelling and stemming). */
  folded: string;
  /** The written word it comes from, unless joined to another or respelled (then `folded` is stemmed anew). */
  written: WrittenWord | null;
  /** Short-form key when the word was written with two or more capitals (`MOUs` → `mou`). */
  shortKey: string | null;
  /** A sentence break (. ; : ! ?) comes before this word. */
  breakBefore: boolean;
}

interface ContentWord {
  stem: string;
  stemNumber: number;
  shortKey: string | null;
  breakBefore: boolean;
}

/** Multi-word spellings: first folded word → [rest of the words, replacement words], longest first. */
type MultiSpelling = Map<string, Array<[string[], string[]]>>;

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

function isAsciiWordChar(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39);
}

/**
 * Per text: where each stem number was first met (valid where `seenStamp` is the text's stamp). Scratch of one
 * analysis at a time, shared by an analyser and those extended from it (each sized to the stem table: one per
 * document's abbreviations took 4 MB at 100,000 items).
 */
interface StemScratch {
  seenAt: Int32Array;
  seenStamp: Int32Array;
  stamp: number;
}

/** What an analyser extended with groups only (no spellings) shares with the one it extends. */
interface SharedParts {
  compiled: readonly CompiledGroups[];
  memory: WordMemory;
  stems: StemTable;
  scratch: StemScratch;
  single: ReadonlyMap<string, string>;
  multi: MultiSpelling;
}

class TextAnalyser implements Analyser {
  private readonly single: ReadonlyMap<string, string>;
  private readonly multi: MultiSpelling;
  /** Stems of folded words (shared with analysers extended without new spellings: they stem alike). */
  private stems: StemTable;
  private readonly scratch: StemScratch;
  private readonly compiled: CompiledGroups[];
  /** The words met (shared with analysers extended from this one). */
  private readonly memory: WordMemory;
  /** The thesaurus, or how to make it: an extended analyser merges its base's with its own when asked. */
  private thesaurusSource: Thesaurus | (() => Thesaurus);

  /**
   * Compiles `thesaurus`, or, given `base`, shares its compiled entries, spellings, stems and scratch and compiles
   * only `extraGroups` (an analyser per document's abbreviations: at 100,000 items, hundreds of them).
   */
  constructor(
    thesaurus: Thesaurus | (() => Thesaurus),
    readonly options: Required<AnalyserOptions>,
    base?: SharedParts & { extraGroups: readonly ThesaurusGroup[] },
  ) {
    this.thesaurusSource = thesaurus;
    this.stems = base?.stems ?? new StemTable();
    this.scratch = base?.scratch ?? { seenAt: new Int32Array(256), seenStamp: new Int32Array(256), stamp: 0 };
    this.memory = base?.memory ?? new WordMemory();
    if (base !== undefined) {
      this.single = base.single;
      this.multi = base.multi;
      this.compiled = [...base.compiled, this.compile(base.extraGroups)];
      return;
    }
    const own = this.thesaurus;
    const single = new Map<string, string>();
    const multi: MultiSpelling = new Map();
    for (const [from, to] of own.spelling) {
      const fromWords = from.split(' ');
      if (fromWords.length === 1) single.set(from, to);
      else {
        const list = multi.get(fromWords[0]!) ?? [];
        list.push([fromWords.slice(1), to.split(' ')]);
        list.sort((a, b) => b[0].length - a[0].length);
        multi.set(fromWords[0]!, list);
      }
    }
    this.single = single;
    this.multi = multi;
    this.compiled = [this.compile(own.groups)];
  }

  get thesaurus(): Thesaurus {
    if (typeof this.thesaurusSource === 'function') this.thesaurusSource = this.thesaurusSource();
    return this.thesaurusSource;
  }

  /** Compiles groups with this analyser's word pipeline (so phrases are normalised exactly like texts). */
  private compile(groups: readonly ThesaurusGroup[]): CompiledGroups {
    return compileGroups(groups, (phrase) => this.contentWords(phrase).map((w) => w.stem));
  }

  /** The stem number of a folded word's spelling-folded, stemmed form (STOP for a stop word), memoised. */
  private stemOf(folded: string): number {
    let n = this.stems.ofFolded(folded);
    if (n === undefined) {
      const spelled = foldSpelling(folded, this.single);
      n = isStopWord(folded) || isStopWord(spelled) ? STOP : this.stems.number(stem(spelled));
      this.stems.remember(folded, n);
    }
    return n;
  }

  /** Folded words with prefixes joined and multi-word spellings applied (single words are spelled later). */
  private foldedWords(text: string): Word[] {
    const words: Word[] = [];
    let prevEnd = 0;
    // The common cases walk the text without a token object per word: plain ASCII by hand (the word pattern
    // on ASCII is exactly [A-Za-z0-9]+ joined by inner apostrophes), other text with the pattern's matches.
    const ascii = isAscii(text);
    const tokens = !ascii && mayNeedSegmenter(text) ? tokenise(text) : null;
    const pattern = WORD_PATTERN;
    pattern.lastIndex = 0;
    let at = 0;
    for (let t = 0; ; t++) {
      let written: string;
      let start: number;
      if (ascii) {
        while (at < text.length && !isAsciiWordChar(text.charCodeAt(at))) at++;
        if (at >= text.length) break;
        start = at;
        while (at < text.length && isAsciiWordChar(text.charCodeAt(at))) at++;
        while (at + 1 < text.length && text.charCodeAt(at) === 0x27 && isAsciiWordChar(text.charCodeAt(at + 1))) {
          at++;
          while (at < text.length && isAsciiWordChar(text.charCodeAt(at))) at++;
        }
        written = text.slice(start, at);
      } else if (tokens !== null) {
        if (t >= tokens.length) break;
        written = tokens[t]!.text;
        start = tokens[t]!.start;
      } else {
        const m = pattern.exec(text);
        if (m === null) break;
        written = m[0];
        start = m.index;
      }
      const gap = gapKind(text, prevEnd, start);
      prevEnd = start + written.length;
      const info = this.memory.writtenWord(written);
      const folded = info.folded;
      if (folded === '') continue;
      const breakBefore = gap === GAP_BREAK;
      const prev = words.length > 0 ? words[words.length - 1]! : undefined;
      if (prev !== undefined && prev.shortKey === null &&
          (gap === GAP_HYPHEN ? HYPHEN_PREFIXES.has(prev.folded) : gap === GAP_SPACE && SPACE_PREFIXES.has(prev.folded))) {
        prev.folded += folded;
        prev.written = null;
        continue;
      }
      words.push({ folded, written: info, shortKey: info.shortKey, breakBefore });
    }
    if (this.multi.size === 0) return words;
    // Multi-word spellings (`health care` → `healthcare`).
    const out: Word[] = [];
    for (let i = 0; i < words.length; i++) {
      const w = words[i]!;
      const candidates = this.multi.get(w.folded);
      let replaced = false;
      if (candidates !== undefined) {
        for (const [rest, replacement] of candidates) {
          let ok = i + rest.length < words.length;
          for (let k = 0; ok && k < rest.length; k++) {
            const next = words[i + 1 + k]!;
            ok = next.folded === rest[k] && !next.breakBefore;
          }
          if (!ok) continue;
          replacement.forEach((r, k) => out.push({ folded: r, written: null, shortKey: null, breakBefore: k === 0 && w.breakBefore }));
          i += rest.length;
          replaced = true;
          break;
        }
      }
      if (!replaced) out.push(w);
    }
    return out;
  }

  private contentWords(text: string): ContentWord[] {
    const out: ContentWord[] = [];
    let pendingBreak = false;
    // Bounded memory: past 200,000 words, a new table, between texts (the index maps each table on its own).
    if (this.stems.size > 200_000) this.stems = new StemTable();
    const table = this.stems;
    for (const w of this.foldedWords(text)) {
      pendingBreak ||= w.breakBefore;
      let n: number;
      if (w.written !== null && w.written.table === table) n = w.written.stem;
      else {
        n = this.stemOf(w.folded);
        if (w.written !== null) {
          w.written.table = table;
          w.written.stem = n;
        }
      }
      if (n === STOP && w.shortKey === null) continue;
      // A stop word written as a short form (`IT`) stays, as itself.
      if (n === STOP) n = table.number(w.folded);
      out.push({ stem: table.names[n]!, stemNumber: n, shortKey: w.shortKey, breakBefore: pendingBreak });
      pendingBreak = false;
    }
    return out;
  }

  words(text: string): string[] {
    return this.contentWords(text).map((w) => w.stem);
  }

  normaliseWord(word: string): string | null {
    const words = this.contentWords(word);
    return words.length === 1 ? words[0]!.stem : null;
  }

  analyse(text: string): TermWeights {
    // The same terms and weights as `analyseParts`, as one map (a phrase is its two stems and a space).
    const parts = this.analyseParts(text);
    const terms: TermWeights = new Map();
    parts.stems.forEach((stem, i) => terms.set(stem, parts.stemWeights[i]!));
    for (let k = 0; k < parts.pairWeights.length; k++) terms.set(`${parts.stems[parts.pairFirst[k]!]} ${parts.stems[parts.pairSecond[k]!]}`, parts.pairWeights[k]!);
    parts.concepts.forEach((concept, i) => terms.set(concept, parts.conceptWeights[i]!));
    return terms;
  }

  analyseParts(text: string): AnalysisParts {
    const words = this.contentWords(text);
    const table = this.stems;
    const stems: string[] = [];
    const stemNumbers: number[] = [];
    const stemCounts: number[] = [];
    const pairs = new Map<number, number>();
    const bigramWeight = this.options.bigramWeight;
    // The text's own number of each stem (by stem number, valid where stamped with this text's stamp).
    const scratch = this.scratch;
    if (scratch.seenAt.length < table.names.length) {
      scratch.seenAt = new Int32Array(table.names.length * 2);
      scratch.seenStamp = new Int32Array(table.names.length * 2);
    }
    if (scratch.stamp === 0x7fffffff) {
      scratch.seenStamp.fill(0);
      scratch.stamp = 0;
    }
    const stamp = ++scratch.stamp;
    const seenAt = scratch.seenAt;
    const seenStamp = scratch.seenStamp;
    let previous = -1;
    for (let i = 0; i < words.length; i++) {
      const w = words[i]!;
      const n = w.stemNumber;
      if (seenStamp[n] !== stamp) {
        seenStamp[n] = stamp;
        seenAt[n] = stems.length;
        stems.push(w.stem);
        stemNumbers.push(n);
        stemCounts.push(0);
      }
      const k = seenAt[n]!;
      stemCounts[k]!++;
      if (i > 0 && !w.breakBefore && bigramWeight > 0) {
        // A phrase is a pair of the text's own stem numbers (a text has far fewer than 2^20 distinct stems).
        const key = previous * 0x100000 + k;
        pairs.set(key, (pairs.get(key) ?? 0) + 1);
      }
      previous = k;
    }
    const weight = (kind: number, count: number) => kind * (1 + Math.log(count));
    const parts: AnalysisParts = {
      stems,
      stemWeights: stemCounts.map((count) => weight(1, count)),
      stemNumbers,
      stemTable: table,
      pairFirst: [],
      pairSecond: [],
      pairWeights: [],
      concepts: [],
      conceptWeights: [],
    };
    for (const [key, count] of pairs) {
      parts.pairFirst.push(Math.floor(key / 0x100000));
      parts.pairSecond.push(key % 0x100000);
      parts.pairWeights.push(weight(bigramWeight, count));
    }
    if (this.options.conceptWeight > 0) {
      const concepts = new Map<string, number>();
      matchConcepts(words, this.compiled, concepts);
      for (const [concept, count] of concepts) {
        parts.concepts.push(this.memory.conceptTerm(concept));
        parts.conceptWeights.push(weight(this.options.conceptWeight, count));
      }
    }
    return parts;
  }

  extend(extra: Thesaurus): Analyser {
    if (extra.spelling.size > 0) return createAnalyser(mergeThesauri([this.thesaurus, extra]), this.options);
    // The merged thesaurus only when asked for: an analyser per document's abbreviations copied the whole
    // thesaurus (~80 KB each, 14 MB at 100,000 items) and almost never needs it.
    return new TextAnalyser(() => mergeThesauri([this.thesaurus, extra]), this.options, {
      compiled: this.compiled, memory: this.memory, extraGroups: extra.groups, stems: this.stems, scratch: this.scratch, single: this.single, multi: this.multi,
    });
  }
}

/** An analyser for the given thesaurus (use `emptyThesaurus()` for none). */
/**
 * The analyser of each thesaurus with the default options: compiling a thesaurus takes tens of milliseconds,
 * and a server asks for the same thesaurus's analyser at start and at every rebuild. Analysers are
 * deterministic (their stem table only remembers), so one may serve several indexes.
 */
const defaultAnalysers = new WeakMap<Thesaurus, Analyser>();

export function createAnalyser(thesaurus: Thesaurus, options: AnalyserOptions = {}): Analyser {
  const isDefault = options.bigramWeight === undefined && options.conceptWeight === undefined;
  const known = isDefault ? defaultAnalysers.get(thesaurus) : undefined;
  if (known !== undefined) return known;
  const resolved: Required<AnalyserOptions> = {
    bigramWeight: options.bigramWeight ?? 0.75,
    conceptWeight: options.conceptWeight ?? 1.5,
  };
  const analyser = new TextAnalyser(thesaurus, resolved);
  if (isDefault) defaultAnalysers.set(thesaurus, analyser);
  return analyser;
}
