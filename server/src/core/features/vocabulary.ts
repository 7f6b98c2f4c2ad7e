// The corpus's own vocabulary for completion: the section headings it uses ("Sub-theme 1: Impact of
// COVID-19 on migrant workers…") and its frequent multi-word terms ("portability of social protection",
// "safe and regular migration channels"), found as word sequences repeated across documents.

import type { RecDocument } from '../document/model';
import { fold } from '../text/fold';
import { isStopWord } from '../text/stopwords';

export interface Term {
  /** The term as most often written. */
  text: string;
  /** Folded form, for prefix matching. */
  key: string;
  /** Items it occurs in. */
  count: number;
}

export interface Vocabulary {
  headings: { title: string; count: number }[];
  terms: Term[];
}

const MIN_WORDS = 2;
const MAX_WORDS = 5;
const MAX_TERMS = 5000;

/**
 * Items read for the terms, at most: above it, documents spread evenly over the corpus are read until the
 * budget is spent (a term frequent in the corpus is frequent in such a sample; reading every word sequence
 * of 100,000 items would take seconds and hundreds of megabytes). Headings are always counted in full.
 */
export const VOCABULARY_ITEM_BUDGET = 15_000;

export function buildVocabulary(documents: readonly RecDocument[], itemBudget: number = VOCABULARY_ITEM_BUDGET): Vocabulary {
  const headingCounts = new Map<string, { title: string; count: number }>();
  const grams = new Map<string, Gram>();
  const total = documents.reduce((n, d) => n + d.items.length, 0);
  // Every document while the corpus is within the budget; otherwise every k-th (in order), deterministically.
  const stride = total <= itemBudget ? 1 : total / itemBudget;
  let next = 0;

  for (const [position, document] of documents.entries()) {
    const sampled = position >= next;
    if (sampled) next += stride;
    for (const section of document.sections) {
      if (section.index === 0 || section.title.length === 0) continue;
      const key = fold(section.title);
      const entry = headingCounts.get(key) ?? { title: section.title, count: 0 };
      entry.count++;
      headingCounts.set(key, entry);
    }
    if (!sampled) continue;
    for (const item of document.items) {
      const seen = new Set<string>();
      // Terms never run across punctuation: "workers, including" is not a term.
      for (const phrase of item.text.split(/[,.;:!?()[\]{}"“”‘’/]|\s[-–—]\s/u)) {
        const words = phrase.split(/\s+/).filter((word) => /\p{L}/u.test(word));
        const folded = words.map((word) => fold(word));
        for (let start = 0; start < words.length; start++) {
          if (isStopWord(folded[start]!)) continue;
          for (let length = MIN_WORDS; length <= MAX_WORDS && start + length <= words.length; length++) {
            if (isStopWord(folded[start + length - 1]!)) continue;
            const key = folded.slice(start, start + length).join(' ');
            if (seen.has(key)) continue;
            seen.add(key);
            const form = words.slice(start, start + length).join(' ');
            let gram = grams.get(key);
            if (!gram) grams.set(key, (gram = { forms: new Map(), items: 0, documents: new Set(), before: new Map(), after: new Map() }));
            gram.forms.set(form, (gram.forms.get(form) ?? 0) + 1);
            gram.items++;
            gram.documents.add(document.id);
            count(gram.before, folded[start - 1] ?? '');
            count(gram.after, folded[start + length] ?? '');
          }
        }
      }
    }
  }

  // A term is repeated across documents, and complete: a word sequence nearly always preceded or followed by
  // the same word is a piece of a longer term ("portability of social" → "… protection"), not a term.
  const terms: Term[] = [];
  for (const [key, gram] of grams) {
    if (gram.documents.size < 2 || incomplete(gram.before, gram.items) || incomplete(gram.after, gram.items)) continue;
    const text = [...gram.forms].sort((a, b) => b[1] - a[1])[0]![0];
    terms.push({ text, key, count: gram.items });
  }
  terms.sort((a, b) => b.count - a.count || b.key.split(' ').length - a.key.split(' ').length || a.key.localeCompare(b.key));
  const headings = [...headingCounts.values()].sort((a, b) => b.count - a.count || a.title.localeCompare(b.title));
  return { headings, terms: terms.slice(0, MAX_TERMS) };
}

interface Gram {
  forms: Map<string, number>;
  items: number;
  documents: Set<string>;
  /** The folded word before and after each occurrence ("" at a phrase boundary). */
  before: Map<string, number>;
  after: Map<string, number>;
}

function count(counts: Map<string, number>, word: string): void {
  counts.set(word, (counts.get(word) ?? 0) + 1);
}

/** Nearly every occurrence has the same neighbouring word (a phrase boundary does not count as one). */
function incomplete(neighbours: ReadonlyMap<string, number>, occurrences: number): boolean {
  for (const [word, times] of neighbours) if (word !== '' && times >= Math.max(2, occurrences * 0.6)) return true;
  return false;
}

/** Terms that continue the words typed so far (`portab` → "portability of social protection"). */
export function termsStartingWith(vocabulary: Vocabulary, typed: string, limit = 20): Term[] {
  const key = fold(typed).replace(/\s+/g, ' ').trim();
  if (key.length < 2) return [];
  return vocabulary.terms.filter((term) => term.key.startsWith(key) && term.key !== key).slice(0, limit);
}
