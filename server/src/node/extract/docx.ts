// Word files (.docx): the paragraphs of word/document.xml in order, each list paragraph given back the label
// Word shows for it (wordNumbering.ts), deeper list levels indented. mammoth turns Word into HTML lists and
// loses what the label was (a list that goes on after a gap starts again at 1 in HTML), so the parts are read
// here with a streaming XML parser (saxes) from the bounded zip reader.
//
// The text, as the parser wants it: one line per paragraph, list paragraphs of one run of list together, a
// blank line between other paragraphs. Tracked deletions, field codes and empty paragraphs are left out.

import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { isEmptyText, type Extraction, type ExtractionLimits, type ExtractionResult } from './extraction';
import { emptyNumbering, WordCounter, type NumberingDefinitions } from './wordNumbering';
import { readZipParts } from './zip';

const DOCUMENT = 'word/document.xml';
const NUMBERING = 'word/numbering.xml';
const STYLES = 'word/styles.xml';

interface Paragraph {
  text: string;
  styleId: string | null;
  numId: string | null;
  level: number | null;
}

interface StyleNumbering {
  numId: string | null;
  level: number | null;
  basedOn: string | null;
}

export async function extractDocx(bytes: Uint8Array, limits: ExtractionLimits): Promise<ExtractionResult> {
  const zip = await readZipParts(bytes, [DOCUMENT, NUMBERING, STYLES], limits.maxInflatedBytes, 'Word file');
  if (!zip.ok) return zip;
  const documentXml = zip.parts.get(DOCUMENT);
  if (documentXml === undefined) return { ok: false, reason: 'not a Word document: the archive has no word/document.xml' };
  try {
    const numbering = zip.parts.has(NUMBERING) ? readNumbering(zip.parts.get(NUMBERING)!) : emptyNumbering();
    const styles = zip.parts.has(STYLES) ? readStyles(zip.parts.get(STYLES)!) : new Map<string, StyleNumbering>();
    const paragraphs = readParagraphs(documentXml, limits);
    const extraction = layOut(paragraphs, numbering, styles);
    if (isEmptyText(extraction.text)) return { ok: false, reason: 'the Word file has no text' };
    return { ok: true, extraction };
  } catch (error) {
    return { ok: false, reason: `the Word file is damaged (${error instanceof Error ? error.message : String(error)})` };
  }
}

/** Runs a strict XML parser over `xml`; errors are thrown (and reported by the caller as damage). */
function parseXml(xml: string, handlers: { open?: (tag: SaxesTagPlain) => void; close?: (tag: SaxesTagPlain) => void; text?: (text: string) => void }): void {
  const parser = new SaxesParser({ xmlns: false });
  parser.on('error', (error) => {
    throw error;
  });
  if (handlers.open) parser.on('opentag', handlers.open);
  if (handlers.close) parser.on('closetag', handlers.close);
  if (handlers.text) parser.on('text', handlers.text);
  parser.write(xml).close();
}

function attribute(tag: SaxesTagPlain, name: string): string | null {
  const value = tag.attributes[name];
  return typeof value === 'string' ? value : null;
}

function integer(value: string | null, fallback: number): number {
  const parsed = value === null ? Number.NaN : Number.parseInt(value, 10);
  return Number.isFinite(parsed) ? parsed : fallback;
}

function readNumbering(xml: string): NumberingDefinitions {
  const numbering = emptyNumbering();
  let abstractId: string | null = null;
  let level: { index: number; start: number; format: string; text: string } | null = null;
  let instance: { id: string; abstractId: string; startOverrides: Map<number, number> } | null = null;
  let overrideLevel: number | null = null;
  parseXml(xml, {
    open(tag) {
      switch (tag.name) {
        case 'w:abstractNum':
          abstractId = attribute(tag, 'w:abstractNumId');
          if (abstractId !== null) numbering.abstract.set(abstractId, new Map());
          break;
        case 'w:lvl':
          if (abstractId !== null && instance === null) level = { index: integer(attribute(tag, 'w:ilvl'), 0), start: 1, format: 'decimal', text: '' };
          break;
        case 'w:start':
          if (level) level.start = integer(attribute(tag, 'w:val'), 1);
          break;
        case 'w:numFmt':
          if (level) level.format = attribute(tag, 'w:val') ?? 'decimal';
          break;
        case 'w:lvlText':
          if (level) level.text = attribute(tag, 'w:val') ?? '';
          break;
        case 'w:num':
          instance = { id: attribute(tag, 'w:numId') ?? '', abstractId: '', startOverrides: new Map() };
          break;
        case 'w:abstractNumId':
          if (instance) instance.abstractId = attribute(tag, 'w:val') ?? '';
          break;
        case 'w:lvlOverride':
          overrideLevel = integer(attribute(tag, 'w:ilvl'), 0);
          break;
        case 'w:startOverride':
          if (instance && overrideLevel !== null) instance.startOverrides.set(overrideLevel, integer(attribute(tag, 'w:val'), 1));
          break;
      }
    },
    close(tag) {
      if (tag.name === 'w:lvl' && level && abstractId !== null) {
        numbering.abstract.get(abstractId)?.set(level.index, { start: level.start, format: level.format, text: level.text });
        level = null;
      } else if (tag.name === 'w:abstractNum') {
        abstractId = null;
      } else if (tag.name === 'w:num' && instance) {
        numbering.instances.set(instance.id, { abstractId: instance.abstractId, startOverrides: instance.startOverrides });
        instance = null;
      } else if (tag.name === 'w:lvlOverride') {
        overrideLevel = null;
      }
    },
  });
  return numbering;
}

/** Paragraph styles that number their paragraphs ("List Number"), with what they are based on. */
function readStyles(xml: string): Map<string, StyleNumbering> {
  const styles = new Map<string, StyleNumbering>();
  let current: StyleNumbering | null = null;
  parseXml(xml, {
    open(tag) {
      if (tag.name === 'w:style') {
        const id = attribute(tag, 'w:styleId');
        current = { numId: null, level: null, basedOn: null };
        if (id !== null) styles.set(id, current);
      } else if (current) {
        if (tag.name === 'w:basedOn') current.basedOn = attribute(tag, 'w:val');
        else if (tag.name === 'w:numId') current.numId = attribute(tag, 'w:val');
        else if (tag.name === 'w:ilvl') current.level = integer(attribute(tag, 'w:val'), 0);
      }
    },
    close(tag) {
      if (tag.name === 'w:style') current = null;
    },
  });
  return styles;
}

function readParagraphs(xml: string, limits: ExtractionLimits): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  // Text boxes hold paragraphs inside a paragraph: a stack, each emitted when it closes.
  const open: Paragraph[] = [];
  const stack: string[] = [];
  let characters = 0;
  parseXml(xml, {
    open(tag) {
      const parent = stack[stack.length - 1];
      stack.push(tag.name);
      const paragraph = open[open.length - 1];
      switch (tag.name) {
        case 'w:p':
          open.push({ text: '', styleId: null, numId: null, level: null });
          break;
        case 'w:pStyle':
          if (paragraph && parent === 'w:pPr') paragraph.styleId = attribute(tag, 'w:val');
          break;
        case 'w:numId':
          if (paragraph && parent === 'w:numPr') paragraph.numId = attribute(tag, 'w:val');
          break;
        case 'w:ilvl':
          if (paragraph && parent === 'w:numPr') paragraph.level = integer(attribute(tag, 'w:val'), 0);
          break;
        case 'w:tab':
          if (paragraph && parent === 'w:r') paragraph.text += '\t';
          break;
        case 'w:br':
        case 'w:cr':
          if (paragraph && parent === 'w:r') paragraph.text += '\n';
          break;
        case 'w:noBreakHyphen':
          if (paragraph) paragraph.text += '-';
          break;
      }
    },
    close(tag) {
      stack.pop();
      if (tag.name === 'w:p') {
        const paragraph = open.pop();
        if (paragraph) paragraphs.push(paragraph);
      }
    },
    text(text) {
      // Only the text of w:t elements: not w:delText (a tracked deletion) nor w:instrText (a field's code).
      const paragraph = open[open.length - 1];
      if (paragraph && stack[stack.length - 1] === 'w:t') {
        paragraph.text += text;
        characters += text.length;
        if (characters > limits.maxTextCharacters) throw new Error(`more than ${(limits.maxTextCharacters / 1048576).toFixed(0)} million characters of text`);
      }
    },
  });
  return paragraphs;
}

/** The numbering a paragraph has: its own, else its style's (through the styles it is based on). */
function numberingOf(paragraph: Paragraph, styles: Map<string, StyleNumbering>): { numId: string; level: number } | null {
  if (paragraph.numId !== null) return paragraph.numId === '0' ? null : { numId: paragraph.numId, level: paragraph.level ?? 0 };
  let styleId = paragraph.styleId;
  for (let depth = 0; styleId !== null && depth < 20; depth++) {
    const style = styles.get(styleId);
    if (!style) return null;
    if (style.numId !== null) return style.numId === '0' ? null : { numId: style.numId, level: paragraph.level ?? style.level ?? 0 };
    styleId = style.basedOn;
  }
  return null;
}

function layOut(paragraphs: readonly Paragraph[], numbering: NumberingDefinitions, styles: Map<string, StyleNumbering>): Extraction {
  const counter = new WordCounter(numbering);
  const lines: string[] = [];
  const generatedLabelLines: number[] = [];
  let previousWasListItem = false;
  for (const paragraph of paragraphs) {
    const text = paragraph.text.split('\n').map((line) => line.replace(/\s+/g, ' ').trim()).filter((line) => line !== '');
    const numbered = numberingOf(paragraph, styles);
    // An empty list paragraph still takes its number in Word: count it, show nothing.
    const label = numbered ? counter.next(numbered.numId, numbered.level) : null;
    if (text.length === 0) continue;
    const isListItem = label !== null;
    if (lines.length > 0 && !(isListItem && previousWasListItem)) lines.push('');
    if (isListItem) {
      generatedLabelLines.push(lines.length);
      const indent = '   '.repeat(Math.max(0, numbered!.level));
      lines.push(`${indent}${label.label} ${text[0]}`, ...text.slice(1).map((line) => `${indent}   ${line}`));
    } else {
      lines.push(...text);
    }
    previousWasListItem = isListItem;
  }
  return { text: lines.join('\n') + (lines.length > 0 ? '\n' : ''), pageStarts: null, generatedLabelLines, pages: 1 };
}
