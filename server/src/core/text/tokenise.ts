// Splits text into words with their offsets. Runs of letters and digits are found with a regular expression;
// runs in scripts written without spaces between words (Lao, Thai, Khmer, Myanmar, Chinese, Japanese) are
// split further with `Intl.Segmenter` (word granularity, `isWordLike`). The segmenter is used on short runs
// only: its cost grows with the square of the string's length.

export interface Token {
  /** The word as written in the source. */
  text: string;
  /** UTF-16 offsets of the word in the text given to `tokenise`. */
  start: number;
  end: number;
}

/** Letters, marks and digits, with inner apostrophes (`OSH's`, `don't`). Hyphens and slashes separate words. */
const WORD = /[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}\p{N}]+)*/gu;
/** The same pattern, for callers that walk the words of a text themselves (see `mayNeedSegmenter`). */
export const WORD_PATTERN = new RegExp(WORD.source, WORD.flags);
const NEEDS_SEGMENTER =
  /[\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
/** Longest run given to the segmenter at once; longer runs are cut (a word may be split at a cut). */
const SEGMENT_CHUNK = 1000;

let segmenter: Intl.Segmenter | undefined;

function wordSegmenter(): Intl.Segmenter {
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'word' });
  return segmenter;
}

function segmentRun(run: string, offset: number, out: Token[]): void {
  const seg = wordSegmenter();
  let chunkStart = 0;
  while (chunkStart < run.length) {
    let chunkEnd = Math.min(run.length, chunkStart + SEGMENT_CHUNK);
    // Do not cut a surrogate pair.
    if (chunkEnd < run.length && /[\ud800-\udbff]/.test(run[chunkEnd - 1]!)) chunkEnd++;
    for (const s of seg.segment(run.slice(chunkStart, chunkEnd))) {
      if (!s.isWordLike) continue;
      const start = offset + chunkStart + s.index;
      out.push({ text: s.segment, start, end: start + s.segment.length });
    }
    chunkStart = chunkEnd;
  }
}

/**
 * Whether a text may hold a script written without spaces (all of them are at U+0E00 or above). When it does
 * not, its words are exactly the matches of `WORD_PATTERN`.
 */
export function mayNeedSegmenter(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 0x0e00) return NEEDS_SEGMENTER.test(text);
  return false;
}

/** The words of `text`, in order, with their offsets. */
export function tokenise(text: string): Token[] {
  const out: Token[] = [];
  const anyComplex = mayNeedSegmenter(text);
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m !== null; m = WORD.exec(text)) {
    const run = m[0];
    if (anyComplex && NEEDS_SEGMENTER.test(run)) segmentRun(run, m.index, out);
    else out.push({ text: run, start: m.index, end: m.index + run.length });
  }
  return out;
}
