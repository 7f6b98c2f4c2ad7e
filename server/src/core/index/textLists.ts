// Which live slot holds the term list of an item text (analysed with given abbreviations): an item with the same
// text shares that list instead of being analysed again (drafts and templates repeat precedents word for word),
// and a question with that very text starts from that item's score. Holds live items only: no old draft kept alive.
import type { DocEntry, DocumentTable } from './documentTable';
import type { Segment } from './segment';

/** Item texts remembered, cleared when full. */
const TEXT_CACHE = 400_000;

export class TextLists {
  /** Item text (after its abbreviations' number) → a live slot holding its analysis. */
  private readonly slots = new Map<string, number>();
  /** A number for each abbreviation fingerprint met (for `keyOf`). */
  private readonly abbreviationNumbers = new Map<string, number>();
  /**
   * After a load, each loaded item's term list until the items are remembered (when a document is first added:
   * not on a warm start's path).
   */
  private loadedLists: Int32Array | null = null;

  constructor(private readonly segment: Segment, private readonly documents: DocumentTable) {}

  /**
   * The key of a text: the text, after a short number for the abbreviations it was analysed with, if any
   * (their fingerprint is a JSON text of ~200 characters: put before every such item's text, it would be copied and
   * hashed at each look-up).
   */
  private keyOf(text: string, abbreviationKey: string): string {
    if (abbreviationKey === '') return text;
    let n = this.abbreviationNumbers.get(abbreviationKey);
    if (n === undefined) this.abbreviationNumbers.set(abbreviationKey, (n = this.abbreviationNumbers.size));
    return `${n}\u0000${text}`;
  }

  /** A live slot whose item has this text and was analysed with the same abbreviations, if remembered. */
  slotOf(text: string, abbreviationKey: string): number | undefined {
    const slot = this.slots.get(this.keyOf(text, abbreviationKey));
    if (slot === undefined || this.segment.slotOrdinal[slot] === -1) return undefined;
    const entry = this.documents.entryOf(slot);
    if (!entry || entry.abbreviationKey !== abbreviationKey || entry.doc.items[this.segment.slotItem[slot]!]?.text !== text) return undefined;
    return slot;
  }

  remember(text: string, abbreviationKey: string, slot: number): void {
    if (this.slots.size >= TEXT_CACHE) this.slots.clear();
    this.slots.set(this.keyOf(text, abbreviationKey), slot);
  }

  /** Forgets the texts remembered from a document's items (before they are removed). */
  forget(entry: DocEntry): void {
    entry.doc.items.forEach((item, i) => {
      const key = this.keyOf(item.text, entry.abbreviationKey);
      if (this.slots.get(key) === entry.slots[i]) this.slots.delete(key);
    });
  }

  /** A loaded state's items (slot i is item i, with term list `lists[i]`): remembered at the next `rememberLoaded`. */
  loaded(lists: Int32Array): void {
    this.loadedLists = lists;
  }

  /** Remembers the texts of the items a state brought, the first item with a text for each text. */
  rememberLoaded(): void {
    const lists = this.loadedLists;
    if (lists === null) return;
    this.loadedLists = null;
    // Loaded slot i is item i; the first item of each term list stands for its text.
    const seen = new Uint8Array(lists.length);
    for (let slot = 0; slot < lists.length; slot++) {
      if (seen[lists[slot]!] === 1 || this.segment.slotOrdinal[slot] === -1) continue;
      seen[lists[slot]!] = 1;
      const entry = this.documents.entryOf(slot)!;
      const text = entry.doc.items[this.segment.slotItem[slot]!]!.text;
      if (this.slotOf(text, entry.abbreviationKey) === undefined) this.remember(text, entry.abbreviationKey, slot);
    }
  }
}
