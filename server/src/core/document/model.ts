// The document model every layer shares: what the parser produces from a recommendation document.
// Plain data only (no classes, no LSP types) so that it can cross into the server, the CLI and the cache.

/** A 0-based position; `character` counts UTF-16 code units, as LSP and JavaScript strings do. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** Metadata of a document; a field the text does not give stays null (never guessed). */
export interface DocumentMetadata {
  title: string | null;
  country: string | null;
  forum: string | null;
  /** ISO 8601 calendar date (YYYY-MM-DD). */
  date: string | null;
  place: string | null;
}

/** How an item's label counts: numbers, letters, Roman numerals, bullets, or none (a prose passage). */
export type LabelKind = 'decimal' | 'lower-alpha' | 'upper-alpha' | 'lower-roman' | 'upper-roman' | 'bullet' | 'paragraph';

/**
 * The shape of a label with its value taken out, e.g. `1.` → `#.`, `(a)` → `(#)`, `2)` → `#)`,
 * a bullet is its own character (`-`, `*`, `•`, `–`), a paragraph is the empty string.
 * Two items of one list with different `style` are mixed markers.
 */
export interface Marker {
  kind: LabelKind;
  style: string;
}

export interface Section {
  index: number;
  /** The heading text as written, without Markdown `#` marks; "" for the implicit section before any heading. */
  title: string;
  /** The heading line's range; for the implicit first section, an empty range at the document start. */
  range: Range;
  /** Markdown heading level (1–6), or 0 for a heading recognised by its words ("Sub-theme 2: …"). */
  level: number;
}

export interface Item {
  /** Position of the item in the document's `items` (document order). */
  index: number;
  /** The label as written, e.g. `14.`, `(a)`, `-`; "" for a paragraph. */
  label: string;
  /** The value of a numbered or lettered label (`14.` → 14, `(b)` → 2, `iv.` → 4); null for bullets and paragraphs. */
  number: number | null;
  marker: Marker;
  /** Index of the section the item belongs to. */
  section: number;
  /** Items that number together share a list id; nested lists (`(a)` under `1.`) have their own. */
  list: number;
  /** Nesting depth: 0 for a top-level item, 1 for an item of a list nested under another item, … */
  depth: number;
  /** The whole item in the source, label and continuation lines included. */
  range: Range;
  /** The label's own range (empty at the start of the item for a paragraph). */
  labelRange: Range;
  /** The source text at `range`, exactly. */
  raw: string;
  /** The item's words without its label, lines joined by single spaces, NFC. What people read. */
  text: string;
}

export interface RecDocument {
  /** Whatever the caller names the document by (a file path or URI); the core never opens it. */
  id: string;
  metadata: DocumentMetadata;
  sections: Section[];
  items: Item[];
  /** True when the document has no list and its paragraphs were taken as items (`paragraph` kind). */
  prose: boolean;
  /** Line count of the source text. */
  lineCount: number;
  /** Problems found while parsing that a user should hear of (e.g. invalid front matter). */
  problems: ParseProblem[];
  /** Where the text came from when it was extracted from a PDF, a Word file or a web page; absent for text files. */
  source?: DocumentSource;
}

/**
 * The original of an extracted document: its format, its pages and the labels its authoring program wrote.
 * The parser never sees it; it describes the text it was given.
 */
export interface DocumentSource {
  /** The original's format, e.g. "pdf", "docx", "html". */
  format: string;
  /** 0-based line at which each page of the original starts (the first is 0), or null where it has no pages. */
  pageStarts: number[] | null;
  /** 0-based lines whose label the authoring program wrote (automatic numbering): they cannot be misnumbered. */
  generatedLabelLines: number[];
  /** Content hash of the original file (hex): names the extracted text kept beside the persisted index. */
  contentHash: string;
}

export interface ParseProblem {
  message: string;
  range: Range;
}
