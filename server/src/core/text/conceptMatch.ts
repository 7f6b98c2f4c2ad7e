// Thesaurus concepts found in a text: each group's phrases compiled into a trie over stems (normalised by the
// analyser's own word pipeline, so phrases match exactly as texts are analysed) and its short forms into a table;
// a text's words are matched against both, longest phrase first.
import { shortFormKey, type ThesaurusGroup } from './thesaurus';

interface TrieNode {
  next: Map<string, TrieNode>;
  groups: string[];
}

/** Thesaurus entries compiled for matching: phrase trie over stems, short-form table. */
export interface CompiledGroups {
  trie: TrieNode;
  shortForms: Map<string, string[]>;
}

/** What matching reads of a text's content words. */
export interface MatchWord {
  stem: string;
  /** Short-form key when the word was written with two or more capitals. */
  shortKey: string | null;
  /** A sentence break comes before this word: no phrase spans it. */
  breakBefore: boolean;
}

/** Compiles groups; `stemsOf` is the analyser's word pipeline (a phrase's stems). */
export function compileGroups(groups: readonly ThesaurusGroup[], stemsOf: (phrase: string) => string[]): CompiledGroups {
  const trie: TrieNode = { next: new Map(), groups: [] };
  const shortForms = new Map<string, string[]>();
  for (const group of groups) {
    for (const phrase of group.phrases) {
      const stems = stemsOf(phrase);
      if (stems.length === 0) continue;
      let node = trie;
      for (const s of stems) {
        let child = node.next.get(s);
        if (child === undefined) {
          child = { next: new Map(), groups: [] };
          node.next.set(s, child);
        }
        node = child;
      }
      if (!node.groups.includes(group.id)) node.groups.push(group.id);
    }
    for (const short of group.abbreviations) {
      const key = shortFormKey(short);
      const list = shortForms.get(key) ?? [];
      if (!list.includes(group.id)) list.push(group.id);
      shortForms.set(key, list);
    }
  }
  return { trie, shortForms };
}

/** Counts the thesaurus concepts of `words` into `concepts`; overlapping matches of one concept count once. */
export function matchConcepts(words: readonly MatchWord[], compiled: readonly CompiledGroups[], concepts: Map<string, number>): void {
  const coveredUntil = new Map<string, number>();
  const hit = (group: string, start: number, end: number): void => {
    if ((coveredUntil.get(group) ?? -1) > start) {
      coveredUntil.set(group, Math.max(end, coveredUntil.get(group)!));
      return;
    }
    coveredUntil.set(group, end);
    concepts.set(group, (concepts.get(group) ?? 0) + 1);
  };
  for (let i = 0; i < words.length; i++) {
    for (const { trie, shortForms } of compiled) {
      const shortKey = words[i]!.shortKey;
      if (shortKey !== null) for (const g of shortForms.get(shortKey) ?? []) hit(g, i, i + 1);
      // Longest phrase first per concept: collect, then record.
      let node: TrieNode | undefined = trie.next.get(words[i]!.stem);
      let found: Array<[string, number]> | null = null;
      for (let j = i; node !== undefined; ) {
        if (node.groups.length > 0) {
          found ??= [];
          for (const g of node.groups) found.push([g, j + 1]);
        }
        j++;
        if (j >= words.length || words[j]!.breakBefore) break;
        node = node.next.get(words[j]!.stem);
      }
      if (found !== null) for (let k = found.length - 1; k >= 0; k--) hit(found[k]![0], i, found[k]![1]);
    }
  }
}
