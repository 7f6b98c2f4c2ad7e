// The parser: source text in, RecDocument out. It never throws on any text (a document it cannot make sense
// of has no items, not an exception), and every item's `raw` is exactly the text at its `range`.
//
// Real recommendation documents come from PDF and web extraction: hard-wrapped items, page-break gaps of
// blank lines inside a list, logo lines and title blocks, a closing "The meeting was held on …" line. The rules:
// - an item starts at a label line and takes the lines after it until a blank line, a heading, another
//   label or a closing line;
// - after blank lines, a paragraph still continues the item when the item's last line does not end a
//   sentence ("…migrant workers," then a blank line then "ASEAN governments should…");
// - blank lines between items never end a list: only a section heading does;
// - a short line standing alone right before a list is a heading, even without a heading keyword;
// - a document with no item at all (a news article) is indexed as its paragraphs.

import { readFrontMatter } from './frontMatter';
import { looksLikeHeading, matchHeading, stripEmphasis } from './headings';
import { labelFamily, letterValue, matchLabel, type LabelMatch } from './labels';
import { indentation, isBlank, isRule, splitLines, type SourceLine } from './lines';
import { findDate, recogniseMetadata } from './metadata';
import type { DocumentMetadata, Item, Marker, ParseProblem, Position, Range, RecDocument, Section } from './model';
import { standalone, standaloneRaw } from '../text/standalone';

const CLOSING_LINE = /^(?:the\s+)?(?:meeting|workshop|forum|consultation|conference|event|session|dialogue)\s+(?:was\s+|were\s+)?(?:held|organi[sz]ed|convened|conducted|took\s+place)\b|^(?:adopted|done|signed|endorsed|agreed)\s+(?:on|at|in|by)\b/i;
const SENTENCE_END = /[.!?…;:]["”’)\]*_]*$/;

interface ItemDraft {
  match: LabelMatch;
  marker: Marker;
  value: number | null;
  lines: SourceLine[];
  section: number;
  list: number;
  depth: number;
}

interface OpenList {
  id: number;
  family: ReturnType<typeof labelFamily>;
  indent: number;
  /** The indentation of items that joined the list by going on from its numbers ("   9." under 8.), if any. */
  alsoAt: number | null;
  depth: number;
  lastValue: number | null;
  /** Whether the list's first label is upper case (`A.`, `IV.`). */
  upper: boolean;
}

export function parseDocument(text: string, id: string): RecDocument {
  const lines = splitLines(text);
  const problems: ParseProblem[] = [];
  const frontMatter = readFrontMatter(lines);
  // A byte order mark that reached us (decodeDocument removes it, an editor buffer may not) is read as one
  // space of indentation: same length, so every character offset stays true, but "\uFEFF# Title" is still
  // a Markdown heading. (The front matter fence allows the mark itself.)
  if (text.charCodeAt(0) === 0xfeff) lines[0] = { ...lines[0]!, text: ' ' + lines[0]!.text.slice(1) };
  if (frontMatter?.error) problems.push({ message: frontMatter.error, range: lineRange(lines[0]!) });
  const bodyStart = frontMatter?.lineCount ?? 0;

  // When the front matter is the whole document the body starts past its last line: the implicit section then
  // sits at the end of the text, so that its range stays inside the document.
  const lastLine = lines[lines.length - 1]!;
  const bodyPosition: Position = bodyStart < lines.length ? { line: bodyStart, character: 0 } : { line: lastLine.line, character: lastLine.text.length };
  const sections: Section[] = [{ index: 0, title: '', range: { start: bodyPosition, end: bodyPosition }, level: 0 }];
  const drafts: ItemDraft[] = [];
  const textBlocks: SourceLine[][] = []; // non-item paragraphs, in order
  const headerLines: string[] = [];
  let blocksAfterLastItem: SourceLine[][] = [];
  let openItem: ItemDraft | null = null;
  let openBlock: SourceLine[] | null = null;
  let blankRun = 0;
  let lists: OpenList[] = [];
  let listCount = 0;

  const startSection = (line: SourceLine, title: string, level: number) => {
    sections.push({ index: sections.length, title: standalone(title), range: lineRange(line), level });
    lists = [];
    openItem = null;
    openBlock = null;
  };

  for (let i = bodyStart; i < lines.length; i++) {
    const line = lines[i]!;
    if (isBlank(line.text)) {
      blankRun++;
      openBlock = null;
      continue;
    }
    if (isRule(line.text)) {
      // A `---` / `***` rule separates like a blank line and also closes the open item: read as a continuation
      // line, it would give "- a" followed by "---" the text "a ---".
      blankRun++;
      openBlock = null;
      openItem = null;
      continue;
    }
    const afterBlank = blankRun > 0 || i === bodyStart;
    blankRun = 0;

    const label = matchLabel(line.text);
    if (label) {
      openBlock = null;
      const placed = placeInList(label, indentation(line.text), lists, openItem, () => listCount++);
      openItem = { match: label, marker: placed.marker, value: placed.value, lines: [line], section: sections.length - 1, list: placed.list.id, depth: placed.list.depth };
      drafts.push(openItem);
      blocksAfterLastItem = [];
      continue;
    }

    const heading = matchHeading(line.text);
    const markdownHeading = heading !== null && heading.level > 0;
    // A heading-like line right under an item's line is a hard-wrapped part of it, unless the author marked it
    // as a heading: `#`, or bold ("**Sub-theme 2:** …"), which no PDF extraction produces in running text.
    const markedHeading = markdownHeading || (heading !== null && /^\s*(?:\*\*|__)/.test(line.text));
    if (heading && (markedHeading || afterBlank || openItem === null)) {
      // A theme heading ("Sub-theme 1: Recommendations on fair recruitment") is not the document's title block:
      // kept in the header it would be taken as the title. Markdown headings stay ("# Viet Nam National Recommendations…").
      if (drafts.length === 0 && markdownHeading) headerLines.push(line.text);
      startSection(line, heading.title, heading.level);
      continue;
    }

    const current = openItem as ItemDraft | null;
    if (current && !CLOSING_LINE.test(line.text.trim())) {
      const lastText = current.lines[current.lines.length - 1]!.text.trim();
      // After blank lines, a short line carrying a date ("Hanoi, 28 September 2020") is a signature line
      // under the list, not the rest of an item whose last line lacks a full stop.
      if (!afterBlank || (!SENTENCE_END.test(lastText) && !isStandaloneHeading(lines, i) && !isDateLine(line.text))) {
        current.lines.push(line);
        continue;
      }
    }

    if (afterBlank && isStandaloneHeading(lines, i)) {
      if (drafts.length === 0) headerLines.push(line.text);
      // Emphasis marks are not part of the title: "*Other matters*" → "Other matters", as matchHeading does.
      startSection(line, stripEmphasis(line.text.trim()), 0);
      continue;
    }

    openItem = null;
    if (drafts.length === 0) headerLines.push(line.text);
    if (!openBlock) {
      openBlock = [];
      textBlocks.push(openBlock);
      blocksAfterLastItem.push(openBlock);
    }
    openBlock.push(line);
  }

  let prose = false;
  let items = drafts.map((draft, index) => toItem(draft, index, text));
  let metadataHeader = headerLines;
  if (items.length === 0) {
    prose = true;
    const header = textBlocks[0] ? [textBlocks[0][0]!.text] : [];
    metadataHeader = header;
    const passages = proseLines(textBlocks, header.length > 0 && isTitleLine(header[0]!));
    // Passages and sections are both in document order: one forward walk (a search per passage is
    // quadratic: 3 s for 20,000 paragraphs under 20,000 headings).
    let section = 0;
    items = passages.map((passage, index) => {
      const line = passage[0]!.line;
      while (section + 1 < sections.length && sections[section + 1]!.range.start.line <= line) section++;
      return passageToItem(passage, index, text, section);
    });
  }

  const closingLines = prose ? [] : blocksAfterLastItem.flat().map((line) => line.text);
  const metadata = recogniseMetadata(metadataHeader, closingLines, prose);
  if (frontMatter) Object.assign(metadata, frontMatter.metadata);
  for (const key of Object.keys(metadata) as Array<keyof DocumentMetadata>) {
    const value = metadata[key];
    if (typeof value === 'string') metadata[key] = standalone(value);
  }

  // An empty document (or one that is only a title) has no list and no paragraph either: it is not prose.
  return { id, metadata, sections, items, prose: prose && items.length > 0, lineCount: lines.length, problems };
}

/** A short non-sentence line with blank lines around it and a list item next: an unmarked heading. */
function isStandaloneHeading(lines: readonly SourceLine[], index: number): boolean {
  const text = lines[index]!.text;
  if (!looksLikeHeading(text) || findDate(text) !== null || CLOSING_LINE.test(text.trim())) return false;
  // A rule under the line (a Markdown setext underline) separates like a blank line.
  const separates = (line: SourceLine) => isBlank(line.text) || isRule(line.text);
  let next = index + 1;
  if (next < lines.length && !separates(lines[next]!)) return false;
  while (next < lines.length && separates(lines[next]!)) next++;
  return next < lines.length && matchLabel(lines[next]!.text) !== null;
}

/**
 * Decides which list a new label belongs to. Same family and about the same indentation joins an open list;
 * more indentation, a letter or Roman label under a numbered item, or any other label after an item that ends
 * with ":" opens a nested list; anything else joins the current list (and the numbering check will call the
 * mix of markers out).
 */
function placeInList(label: LabelMatch, indent: number, lists: OpenList[], previous: ItemDraft | null, nextId: () => number): { list: OpenList; marker: Marker; value: number | null } {
  let marker = label.marker;
  let value = label.value;
  if (label.ambiguousLetter) {
    const letter = label.ambiguousLetter;
    const asLetter = letterValue(letter);
    const expectsLetter = lists.some((list) => list.family === 'letter' && list.lastValue === asLetter - 1);
    const expectsRoman = lists.some((list) => list.family === 'roman' && list.lastValue === (value ?? 0) - 1);
    // Neither reading follows on: a `v.`, `x.`, `c.` … typed in a Roman list (`i. ii. v. iv.`), the open list at
    // this indentation in the same case, stays in that list as a Roman numeral for the numbering check to name,
    // instead of opening a nested lettered list. After an item ending with ":" a nested list opens all the same.
    // `i.` keeps its reading (Roman unless it follows `h.`): a Roman list under a lettered item may start there.
    const upper = letter === letter.toUpperCase();
    const opensNested = previous !== null && previous.lines[previous.lines.length - 1]!.text.trim().endsWith(':');
    const alongside = opensNested ? undefined : [...lists].reverse().find((list) => Math.abs(list.indent - indent) <= 1);
    const inRomanList = alongside?.family === 'roman' && alongside.upper === upper;
    if (expectsLetter || (!expectsRoman && !inRomanList && letter.toLowerCase() !== 'i')) {
      marker = { kind: upper ? 'upper-alpha' : 'lower-alpha', style: marker.style };
      value = asLetter;
    }
  }
  const family = labelFamily(marker.kind);

  for (let k = lists.length - 1; k >= 0; k--) {
    const list = lists[k]!;
    if (list.family === family && (Math.abs(list.indent - indent) <= 1 || (list.alsoAt !== null && Math.abs(list.alsoAt - indent) <= 1))) {
      lists.length = k + 1;
      list.lastValue = value;
      return { list, marker, value };
    }
  }
  // An indented number that goes on from an open list's last number is an item of that list, not a nested
  // list starting there: "   9." under a wrapped item 8 whose continuation lines are indented (a reader sees
  // item 9; a nested list starts at 1, a, i). Read as a nested list, it would be flagged as starting at 9 and
  // "renumbered" to 1. A number further on ("   10." after 8.) is the list's item too, with a gap to report.
  if (family !== 'bullet' && value !== null && value > 1) {
    for (let k = lists.length - 1; k >= 0; k--) {
      const list = lists[k]!;
      if (list.family !== family || list.lastValue === null || value <= list.lastValue || list.indent > indent) continue;
      lists.length = k + 1;
      list.lastValue = value;
      list.alsoAt = indent;
      return { list, marker, value };
    }
  }
  while (lists.length > 0 && lists[lists.length - 1]!.indent > indent + 1) lists.pop();

  const top = lists[lists.length - 1];
  const previousText = previous ? previous.lines[previous.lines.length - 1]!.text.trim() : '';
  const nests = top !== undefined && (
    indent > top.indent + 1 ||
    ((family === 'letter' || family === 'roman') && top.family !== family) ||
    previousText.endsWith(':'));
  if (top && !nests) {
    top.lastValue = value;
    return { list: top, marker, value };
  }
  const list: OpenList = { id: nextId(), family, indent, alsoAt: null, depth: top && nests ? top.depth + 1 : 0, lastValue: value, upper: marker.kind === 'upper-alpha' || marker.kind === 'upper-roman' };
  lists.push(list);
  return { list, marker, value };
}

function toItem(draft: ItemDraft, index: number, source: string): Item {
  const first = draft.lines[0]!;
  const last = draft.lines[draft.lines.length - 1]!;
  const start: Position = { line: first.line, character: draft.match.start };
  const end: Position = { line: last.line, character: last.text.trimEnd().length };
  const labelRange: Range = { start, end: { line: first.line, character: draft.match.end } };
  const body = [first.text.slice(draft.match.end), ...draft.lines.slice(1).map((line) => line.text)];
  const label = standalone(draft.match.label);
  const text = standalone(joinWords(body));
  return {
    index,
    label,
    number: draft.value,
    marker: draft.marker,
    section: draft.section,
    list: draft.list,
    depth: draft.depth,
    range: { start, end },
    labelRange,
    raw: standaloneRaw(source.slice(first.offset + start.character, last.offset + end.character), label, text),
    text,
  };
}

/**
 * Prose paragraphs as passages. Web extractions put a paragraph on one line, PDF extractions wrap it:
 * a line joins the one before when that one does not end a sentence and this one starts in lower case.
 * A trailing run of short headline lines (a news site's "related articles") is left out: those are other
 * articles' titles, not this document's text, and would surface as false precedents.
 */
function proseLines(blocks: readonly SourceLine[][], skipTitle: boolean): SourceLine[][] {
  const passages: SourceLine[][] = [];
  blocks.forEach((block, blockIndex) => {
    let current: SourceLine[] | null = null;
    block.forEach((line, lineIndex) => {
      if (skipTitle && blockIndex === 0 && lineIndex === 0) return;
      const previous = current?.[current.length - 1];
      if (current && previous && !SENTENCE_END.test(previous.text.trim()) && /^\s*[\p{Ll}\d]/u.test(line.text)) {
        current.push(line);
      } else {
        current = [line];
        passages.push(current);
      }
    });
  });
  let end = passages.length;
  while (end > 0 && isHeadline(passages[end - 1]!)) end--;
  // Only when something is left: a document that is nothing but short lines is all its own text (it lost
  // every passage before).
  return passages.length - end >= 2 && end > 0 ? passages.slice(0, end) : passages;
}

function isHeadline(passage: readonly SourceLine[]): boolean {
  return passage.length === 1 && isTitleLine(passage[0]!.text);
}

function isTitleLine(text: string): boolean {
  const trimmed = text.trim();
  return trimmed.length <= 160 && !/[.;:,!?)"”]$/.test(trimmed);
}

function passageToItem(lines: readonly SourceLine[], index: number, source: string, section: number): Item {
  const first = lines[0]!;
  const last = lines[lines.length - 1]!;
  const startCharacter = first.text.length - first.text.trimStart().length;
  const start: Position = { line: first.line, character: startCharacter };
  const end: Position = { line: last.line, character: last.text.trimEnd().length };
  const text = standalone(joinWords(lines.map((line) => line.text)));
  return {
    index,
    label: '',
    number: null,
    marker: { kind: 'paragraph', style: '' },
    section,
    list: -1,
    depth: 0,
    range: { start, end },
    labelRange: { start, end: start },
    raw: standaloneRaw(source.slice(first.offset + startCharacter, last.offset + end.character), '', text),
    text,
  };
}

/** A short line that is mostly a date: "28 September 2020", "Hanoi, 28 September 2020". */
function isDateLine(text: string): boolean {
  const trimmed = text.trim();
  return trimmed.length <= 60 && findDate(trimmed) !== null;
}

function joinWords(parts: readonly string[]): string {
  return parts.join(' ').replace(/\s+/g, ' ').trim().normalize('NFC');
}

function lineRange(line: SourceLine): Range {
  return { start: { line: line.line, character: 0 }, end: { line: line.line, character: line.text.length } };
}

