// The documents of a persisted index as one stream of 32-bit integers (strings by their id in the string table):
// each document's record, then its sections', then its items'. One field table per record drives both writing
// and reading, so the two cannot drift apart; a field's codec writes its value as a fixed run of integers.
// `storable` says which documents this format stores exactly (the model's fields as the tables know them).
import type { Item, LabelKind, RecDocument, Section } from '../document/model';
import { isWellFormed } from '../text/standalone';
import type { ThesaurusGroup } from '../text/thesaurus';

/** What a record is written to: integers, and strings interned to ids. */
export interface RecordOut {
  ints: number[];
  str(s: string): number;
}

/** What a record is read from. Throws past the end or for an unknown string id. */
export interface RecordIn {
  next(): number;
  str(id: number): string;
}

/** One field's value as integers. `write` may look at the whole record. */
interface Codec<V, R> {
  write(value: V, out: RecordOut, record: R): void;
  read(input: RecordIn, record: R): V;
}

/** A record's fields in the order they are written, each a key of the record and its codec. */
type FieldTable<R> = ReadonlyArray<{ [K in keyof R]: readonly [K, Codec<R[K], R>] }[keyof R]>;

const int: Codec<number, unknown> = { write: (v, out) => void out.ints.push(v), read: (input) => input.next() };
const str: Codec<string, unknown> = { write: (v, out) => void out.ints.push(out.str(v)), read: (input) => input.str(input.next()) };
const bool: Codec<boolean, unknown> = { write: (v, out) => void out.ints.push(v ? 1 : 0), read: (input) => input.next() === 1 };
/** A value as its JSON text. */
function json<V>(): Codec<V, unknown> {
  return { write: (v, out) => void out.ints.push(out.str(JSON.stringify(v))), read: (input) => JSON.parse(input.str(input.next())) as V };
}
/** A value as its JSON text, or -1 when `isAbsent` (undefined, or an empty list): then `absent()` is read. */
function jsonUnless<V>(isAbsent: (v: V) => boolean, absent: () => V): Codec<V, unknown> {
  return {
    write: (v, out) => void out.ints.push(isAbsent(v) ? -1 : out.str(JSON.stringify(v))),
    read: (input) => {
      const id = input.next();
      return id === -1 ? absent() : (JSON.parse(input.str(id)) as V);
    },
  };
}
const position = {
  write: (p: { line: number; character: number }, out: RecordOut) => void out.ints.push(p.line, p.character),
  read: (input: RecordIn) => ({ line: input.next(), character: input.next() }),
};
const range: Codec<Item['range'], unknown> = {
  write: (r, out) => {
    position.write(r.start, out);
    position.write(r.end, out);
  },
  read: (input) => ({ start: position.read(input), end: position.read(input) }),
};

const KINDS: readonly LabelKind[] = ['decimal', 'lower-alpha', 'upper-alpha', 'lower-roman', 'upper-roman', 'bullet', 'paragraph'];

/** An item's raw text when it is its label and text (the usual case): derived, not stored. */
function derivedRaw(item: Pick<Item, 'label' | 'text'>): string {
  return item.label === '' ? item.text : `${item.label} ${item.text}`;
}

const SECTION_FIELDS: FieldTable<Section> = [['index', int], ['title', str], ['level', int], ['range', range]];

const nullableInt: Codec<number | null, unknown> = {
  write: (n, out) => void out.ints.push(n === null ? 0 : 1, n ?? 0),
  read: (input) => (input.next() === 1 ? input.next() : (input.next(), null)),
};
const marker: Codec<Item['marker'], unknown> = {
  write: (m, out) => void out.ints.push(KINDS.indexOf(m.kind), out.str(m.style)),
  read: (input) => {
    const kind = KINDS[input.next()];
    if (kind === undefined) throw new Error('label kind');
    return { kind, style: input.str(input.next()) };
  },
};
/** Stored only when it is not the label and text; read before the text, so null until `readDocument` derives it. */
const raw: Codec<string, Item> = {
  write: (value, out, item) => void out.ints.push(value === derivedRaw(item) ? -1 : out.str(value)),
  read: (input) => {
    const id = input.next();
    return id === -1 ? (null as unknown as string) : input.str(id);
  },
};

const ITEM_FIELDS: FieldTable<Item> = [
  ['index', int], ['label', str], ['number', nullableInt], ['marker', marker], ['section', int], ['list', int], ['depth', int],
  ['raw', raw], ['text', str], ['range', range], ['labelRange', range],
];

/** A stored document: the document and the abbreviations it defines (the index's analysis of it). */
export interface StoredDocument {
  doc: RecDocument;
  abbreviations: ThesaurusGroup[];
}

/** A document's record: its own fields, its abbreviations, then how many sections and items follow it. */
interface DocumentRecord extends Omit<RecDocument, 'sections' | 'items'> {
  abbreviations: ThesaurusGroup[];
  sectionCount: number;
  itemCount: number;
}

const DOCUMENT_FIELDS: FieldTable<DocumentRecord> = [
  ['id', str],
  ['metadata', json<DocumentRecord['metadata']>()],
  ['prose', bool],
  ['lineCount', int],
  ['problems', jsonUnless<DocumentRecord['problems']>((p) => p.length === 0, () => [])],
  ['abbreviations', jsonUnless<ThesaurusGroup[]>((a) => a.length === 0, () => [])],
  ['source', jsonUnless<DocumentRecord['source']>((s) => s === undefined, () => undefined)],
  ['sectionCount', int],
  ['itemCount', int],
];

/** The model's keys of each record, in the order the parser makes them (a read record has them in that order). */
const ITEM_KEYS = ['index', 'label', 'number', 'marker', 'section', 'list', 'depth', 'range', 'labelRange', 'raw', 'text'] as const;
const SECTION_KEYS = ['index', 'title', 'range', 'level'] as const;
const DOC_KEYS = ['id', 'metadata', 'sections', 'items', 'prose', 'lineCount', 'problems'] as const;

function writeRecord<R>(fields: FieldTable<R>, record: R, out: RecordOut): void {
  for (const [key, codec] of fields) codec.write(record[key], out, record);
}

/** A record read by `fields`, its keys first laid out in the order `keys` gives (the model's). */
function readRecord<R>(fields: FieldTable<R>, keys: readonly string[], input: RecordIn): R {
  const record = {} as Record<string, unknown>;
  for (const key of keys) record[key] = undefined;
  for (const [key, codec] of fields) record[key as string] = codec.read(input, record as R);
  return record as R;
}

/** Writes a stored document's records. */
export function writeDocument({ doc, abbreviations }: StoredDocument, out: RecordOut): void {
  const { sections, items, ...own } = doc;
  writeRecord(DOCUMENT_FIELDS, { ...own, abbreviations, sectionCount: sections.length, itemCount: items.length }, out);
  for (const s of sections) writeRecord(SECTION_FIELDS, s, out);
  for (const item of items) writeRecord(ITEM_FIELDS, item, out);
}

/** Reads a stored document's records. Throws on inconsistent records. */
export function readDocument(input: RecordIn): StoredDocument {
  const record = readRecord(DOCUMENT_FIELDS, [], input);
  const { abbreviations, sectionCount, itemCount, source } = record;
  if (sectionCount < 0 || itemCount < 0) throw new Error('counts');
  const sections: Section[] = [];
  for (let k = 0; k < sectionCount; k++) sections.push(readRecord(SECTION_FIELDS, SECTION_KEYS, input));
  const items: Item[] = [];
  for (let k = 0; k < itemCount; k++) {
    const item = readRecord(ITEM_FIELDS, ITEM_KEYS, input);
    if (item.raw === null) item.raw = derivedRaw(item);
    items.push(item);
  }
  const doc = { ...Object.fromEntries(DOC_KEYS.map((k) => [k, undefined])), ...record } as unknown as RecDocument & Partial<DocumentRecord>;
  doc.sections = sections;
  doc.items = items;
  delete doc.abbreviations;
  delete doc.sectionCount;
  delete doc.itemCount;
  if (source === undefined) delete doc.source;
  return { doc, abbreviations };
}

/** Whether a document can be stored exactly: the model's fields as the tables know them, no lone surrogates. */
export function storable(doc: RecDocument): boolean {
  const keys = Object.keys(doc).sort().join();
  if (keys !== [...DOC_KEYS].sort().join() && (keys !== [...DOC_KEYS, 'source'].sort().join() || doc.source === undefined)) return false;
  if (doc.items.length > 0 && Object.keys(doc.items[0]!).sort().join() !== [...ITEM_KEYS].sort().join()) return false;
  if (doc.sections.length > 0 && Object.keys(doc.sections[0]!).sort().join() !== [...SECTION_KEYS].sort().join()) return false;
  if (!isWellFormed(doc.id) || !isWellFormed(JSON.stringify(doc.metadata)) || !isWellFormed(JSON.stringify(doc.problems))) return false;
  for (const s of doc.sections) if (!isWellFormed(s.title)) return false;
  for (const item of doc.items) {
    if (!KINDS.includes(item.marker.kind) || !isWellFormed(item.text) || !isWellFormed(item.raw) || !isWellFormed(item.label) || !isWellFormed(item.marker.style)) return false;
    if (item.number !== null && !Number.isInteger(item.number)) return false;
  }
  return true;
}
