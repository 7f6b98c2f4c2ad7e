// A synthetic precedent corpus, made deterministically (seeded PRNG) from the seeds' vocabulary and sentence
// shapes: documents of 10–40 items in 1–4 sections, in varied numbering styles (`1.`, `1)`, `(1)`, `(a)`, `a.`,
// `-`, `•`), with varied metadata (country, forum, date; front matter or a title block), some items hard-wrapped.
// Items are seed items mutated the way drafters do: words swapped for other corpus words, dropped, spelled the
// other way (labour/labor), two items spliced at a comma, or a seed item reused word for word.
//
// The Lao PDR 2020 seed is held out: it is not a template, so its items (with their hand-labelled Viet Nam
// counterparts) are real queries that the synthetic corpus has not seen.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from '../server/src/core/document/parse';
import { isStopWord } from '../server/src/core/text/stopwords';
import { seedsFolder } from '../server/src/node/seedsFolder';

export const SEEDS_DIR = seedsFolder();
export const HELD_OUT_SEED = 'lao-pdr-afml13-2020.txt';
export const TEMPLATE_SEEDS = ['viet-nam-afml13-2020.txt', 'viet-nam-afml15-2022.txt', 'recommendations-recruitment-reintegration.txt', 'iom-dolab-safe-migration-2024.txt'];

/** mulberry32: small, fast, deterministic. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const COUNTRIES = ['Brunei Darussalam', 'Cambodia', 'Indonesia', 'Lao PDR', 'Malaysia', 'Myanmar', 'Philippines', 'Singapore', 'Thailand', 'Viet Nam'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const ORDINAL = (n: number) => `${n}${n % 100 >= 11 && n % 100 <= 13 ? 'th' : ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
const SPELLING: Array<[RegExp, string]> = [[/\blabour/g, 'labor'], [/\bprogramme/g, 'program'], [/isation/g, 'ization'], [/\borganis/g, 'organiz']];
const STYLES = ['#.', '#)', '(#)', '(a)', 'a.', '-', '•'] as const;
type Style = typeof STYLES[number];

interface Material {
  items: string[];
  sectionTitles: string[];
  /** Content words, as often as they occur (so picks follow corpus frequency). */
  words: string[];
}

export function loadMaterial(): Material {
  const items: string[] = [];
  const sectionTitles = new Set<string>();
  const words: string[] = [];
  for (const name of TEMPLATE_SEEDS) {
    const doc = parseDocument(readFileSync(join(SEEDS_DIR, name), 'utf8'), name);
    for (const item of doc.items) {
      if (item.text.length < 20 || item.text.length > 600) continue;
      items.push(item.text);
      for (const w of item.text.match(/[A-Za-z][A-Za-z'-]*/g) ?? []) if (w.length > 2 && !isStopWord(w.toLowerCase())) words.push(w.toLowerCase());
    }
    for (const s of doc.sections) if (s.title.length > 3 && s.title.length < 160) sectionTitles.add(s.title.replace(/^Sub[- ]theme\s*\d+[.:]?\s*/i, ''));
  }
  return { items, sectionTitles: [...sectionTitles], words };
}

export class Generator {
  private readonly rand: () => number;
  constructor(private readonly material: Material, seed: number) {
    this.rand = prng(seed);
  }

  private int(lo: number, hi: number): number {
    return lo + Math.floor(this.rand() * (hi - lo + 1));
  }

  private pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.rand() * list.length)]!;
  }

  /** Which seed item (index in `material.items`) each generated item text was made from. */
  readonly provenance = new Map<string, number>();

  /** One item's text: a seed item, mutated. */
  item(): string {
    const text = this.mutatedItem();
    const key = normaliseSpace(text);
    if (!this.provenance.has(key)) this.provenance.set(key, this.lastTemplate);
    return text;
  }

  private lastTemplate = -1;

  private mutatedItem(): string {
    const r = this.rand();
    this.lastTemplate = Math.floor(this.rand() * this.material.items.length);
    let text = this.material.items[this.lastTemplate]!;
    if (r < 0.12) return text; // reused word for word
    if (r < 0.4) {
      // Spliced: the head of one item, the tail of another.
      const other = this.pick(this.material.items);
      const cutA = text.indexOf(', ');
      const cutB = other.indexOf(', ');
      if (cutA > 0 && cutB > 0) text = `${text.slice(0, cutA)}, ${other.slice(cutB + 2)}`;
    }
    const words = text.split(' ');
    const out: string[] = [];
    for (const w of words) {
      const core = w.replace(/[^A-Za-z'-]/g, '');
      if (core.length > 2 && !isStopWord(core.toLowerCase())) {
        const p = this.rand();
        if (p < 0.2) {
          out.push(w.replace(core, this.pick(this.material.words)));
          continue;
        }
        if (p < 0.25) continue;
      }
      out.push(w);
    }
    text = out.join(' ');
    if (this.rand() < 0.3) for (const [from, to] of SPELLING) text = text.replace(from, to);
    return text.charAt(0).toUpperCase() + text.slice(1);
  }

  /** One document's text, and how many items it has. */
  document(itemCount: number): { text: string; items: number } {
    const country = this.pick(COUNTRIES);
    const forumNumber = this.int(1, 17);
    const year = 2007 + forumNumber;
    const date = `${this.int(1, 28)} ${this.pick(MONTHS)} ${year}`;
    const forum = `${ORDINAL(forumNumber)} ASEAN Forum on Migrant Labour`;
    const lines: string[] = [];
    if (this.rand() < 0.5) {
      const iso = `${year}-${String(MONTHS.indexOf(date.split(' ')[1]!) + 1).padStart(2, '0')}-${date.split(' ')[0]!.padStart(2, '0')}`;
      lines.push('---', `title: ${country} National Recommendations for the ${forum}`, `country: ${country}`, `forum: ${forum}`, `date: ${iso}`, '---', '');
    } else {
      lines.push(`${country} National Recommendations for the ${forum}`, '', date, '');
    }
    let style: Style = this.pick(STYLES);
    const sections = this.int(1, Math.min(4, Math.ceil(itemCount / 8)));
    const continuous = style.includes('#') && this.rand() < 0.3;
    let written = 0;
    let number = 0;
    for (let s = 0; s < sections; s++) {
      const count = s === sections - 1 ? itemCount - written : Math.max(1, Math.round(itemCount / sections));
      if (count <= 0) break;
      const heading = this.rand() < 0.6 ? `Sub-theme ${s + 1}: ${this.pick(this.material.sectionTitles)}` : `# ${this.pick(this.material.sectionTitles)}`;
      lines.push(heading, '');
      if (!continuous) number = 0;
      if ((style === '(a)' || style === 'a.') && count > 26) style = '#.';
      for (let k = 0; k < count; k++) {
        number++;
        const letter = String.fromCharCode(96 + ((number - 1) % 26) + 1);
        const label = style === '#.' ? `${number}.` : style === '#)' ? `${number})` : style === '(#)' ? `(${number})`
          : style === '(a)' ? `(${letter})` : style === 'a.' ? `${letter}.` : style;
        let text = this.item();
        if (text.length > 90 && this.rand() < 0.2) {
          const cut = text.lastIndexOf(' ', 80);
          if (cut > 20) text = `${text.slice(0, cut)}\n   ${text.slice(cut + 1)}`;
        }
        lines.push(`${label} ${text}`);
      }
      written += count;
      lines.push('');
    }
    return { text: lines.join('\n'), items: written };
  }

  /** Documents of 10–40 items until `items` items in all. */
  corpus(items: number): string[] {
    const docs: string[] = [];
    let total = 0;
    while (total < items) {
      const n = Math.min(this.int(10, 40), Math.max(items - total, 1));
      const doc = this.document(Math.max(n, Math.min(10, items - total)));
      docs.push(doc.text);
      total += doc.items;
    }
    return docs;
  }

  /** A draft of `items` items, some of them repeated (exactly or nearly) as drafts are. */
  draft(items: number): string {
    const lines = ['Cambodia National Recommendations for the 18th ASEAN Forum on Migrant Labour', '', '15 October 2025', '', 'Recommendations', ''];
    const texts: string[] = [];
    for (let i = 1; i <= items; i++) {
      let text = this.item();
      if (texts.length > 0 && this.rand() < 0.03) text = this.pick(texts);
      else if (texts.length > 0 && this.rand() < 0.03) text = this.pick(texts).replace(/\blabour/g, 'labor').replace(/\.$/, '');
      texts.push(text);
      lines.push(`${i}. ${text}`);
    }
    return lines.join('\n');
  }
}

export function normaliseSpace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** A query typed half-way: the first 30–70% of an item's words (at least three letters). */
export function halfTyped(text: string, rand: () => number): string {
  const words = text.split(/\s+/);
  const keep = Math.max(2, Math.round(words.length * (0.3 + 0.4 * rand())));
  return words.slice(0, keep).join(' ');
}
