// OpenDocument text (.odt, LibreOffice): the paragraphs and headings of content.xml in order, each list item
// given back the label the list style shows ("1.", "a)", "•"), read with the same bounded zip reader and streaming
// XML parser as Word files. A list goes on from the one before it when it says so (text:continue-numbering,
// text:continue-list); a list item may restart its list (text:start-value). Notes (footnotes) are left out.

import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { BULLET_CHARACTERS, formatLabel } from '../../core/document/labels';
import type { LabelKind } from '../../core/document/model';
import { isEmptyText, type ExtractionLimits, type ExtractionResult } from './extraction';
import { readZipParts } from './zip';

const CONTENT = 'content.xml';
const STYLES = 'styles.xml';

interface ListLevel {
  /** style:num-format: "1", "a", "A", "i", "I", or "" (no number); null for a bullet level. */
  format: string | null;
  prefix: string;
  suffix: string;
  start: number;
  bullet: string;
}

interface Block {
  text: string;
  /** For the first paragraph of a list item: its label and nesting level. */
  label: string | null;
  level: number;
  /** A paragraph of a list item after its first one. */
  inItem: boolean;
}

const FORMATS: Record<string, LabelKind> = { a: 'lower-alpha', A: 'upper-alpha', i: 'lower-roman', I: 'upper-roman' };

export async function extractOdt(bytes: Uint8Array, limits: ExtractionLimits): Promise<ExtractionResult> {
  const zip = await readZipParts(bytes, [CONTENT, STYLES], limits.maxInflatedBytes, 'OpenDocument file');
  if (!zip.ok) return zip;
  const content = zip.parts.get(CONTENT);
  if (content === undefined) return { ok: false, reason: 'not an OpenDocument text: the archive has no content.xml' };
  try {
    const styles = new Map<string, Map<number, ListLevel>>();
    if (zip.parts.has(STYLES)) readListStyles(zip.parts.get(STYLES)!, styles);
    readListStyles(content, styles);
    const blocks = readBlocks(content, styles, limits);
    const lines: string[] = [];
    const generatedLabelLines: number[] = [];
    let previousWasItem = false;
    for (const block of blocks) {
      const text = block.text.split('\n').map((line) => line.replace(/\s+/g, ' ').trim()).filter((line) => line !== '');
      if (text.length === 0) continue;
      const isItem = block.label !== null || block.inItem;
      if (lines.length > 0 && !(isItem && previousWasItem)) lines.push('');
      const indent = '   '.repeat(Math.max(0, block.level));
      if (block.label !== null) {
        generatedLabelLines.push(lines.length);
        lines.push(`${indent}${block.label} ${text[0]}`, ...text.slice(1).map((line) => `${indent}   ${line}`));
      } else {
        lines.push(...text.map((line) => (block.inItem ? `${indent}   ${line}` : line)));
      }
      previousWasItem = isItem;
    }
    const out = lines.join('\n') + (lines.length > 0 ? '\n' : '');
    if (isEmptyText(out)) return { ok: false, reason: 'the OpenDocument file has no text' };
    return { ok: true, extraction: { text: out, pageStarts: null, generatedLabelLines, pages: 1 } };
  } catch (error) {
    return { ok: false, reason: `the OpenDocument file is damaged (${error instanceof Error ? error.message : String(error)})` };
  }
}

function parseXml(xml: string, open: (tag: SaxesTagPlain) => void, close: (tag: SaxesTagPlain) => void, text: (value: string) => void = () => {}): void {
  const parser = new SaxesParser({ xmlns: false });
  parser.on('error', (error) => {
    throw error;
  });
  parser.on('opentag', open);
  parser.on('closetag', close);
  parser.on('text', text);
  parser.write(xml).close();
}

function attribute(tag: SaxesTagPlain, name: string): string | null {
  const value = tag.attributes[name];
  return typeof value === 'string' ? value : null;
}

function readListStyles(xml: string, styles: Map<string, Map<number, ListLevel>>): void {
  let current: Map<number, ListLevel> | null = null;
  parseXml(xml, (tag) => {
    if (tag.name === 'text:list-style') {
      current = new Map();
      styles.set(attribute(tag, 'style:name') ?? '', current);
    } else if (current && (tag.name === 'text:list-level-style-number' || tag.name === 'text:list-level-style-bullet')) {
      const level = Number.parseInt(attribute(tag, 'text:level') ?? '1', 10) || 1;
      const start = Number.parseInt(attribute(tag, 'text:start-value') ?? '1', 10);
      current.set(level, {
        format: tag.name === 'text:list-level-style-number' ? attribute(tag, 'style:num-format') ?? '1' : null,
        prefix: attribute(tag, 'style:num-prefix') ?? '',
        suffix: attribute(tag, 'style:num-suffix') ?? '',
        start: Number.isFinite(start) ? start : 1,
        bullet: attribute(tag, 'text:bullet-char') ?? '•',
      });
    }
  }, (tag) => {
    if (tag.name === 'text:list-style') current = null;
  });
}

function readBlocks(xml: string, styles: Map<string, Map<number, ListLevel>>, limits: ExtractionLimits): Block[] {
  const blocks: Block[] = [];
  /** The open lists, outermost first: style, this list's counters by level, and whether its item has a label yet. */
  const lists: Array<{ style: string; counters: number[]; itemLabelled: boolean; id: string | null }> = [];
  /** Counters of lists that ended, by style and by xml:id, for a list that continues one. */
  const lastByStyle = new Map<string, number[]>();
  const byId = new Map<string, number[]>();
  let paragraph: Block | null = null;
  let noteDepth = 0;
  let characters = 0;
  let pendingStart: number | null = null;
  parseXml(xml, (tag) => {
    switch (tag.name) {
      case 'text:note':
        noteDepth++;
        break;
      case 'text:list': {
        const outer = lists[lists.length - 1];
        const style = attribute(tag, 'text:style-name') ?? outer?.style ?? '';
        const id = attribute(tag, 'xml:id');
        const continued = attribute(tag, 'text:continue-list');
        let counters: number[] = [];
        if (outer) counters = outer.counters;
        else if (continued !== null && byId.has(continued)) counters = byId.get(continued)!;
        else if (attribute(tag, 'text:continue-numbering') === 'true') counters = lastByStyle.get(style) ?? [];
        lists.push({ style, counters, itemLabelled: false, id });
        break;
      }
      case 'text:list-item': {
        const start = Number.parseInt(attribute(tag, 'text:start-value') ?? '', 10);
        pendingStart = Number.isFinite(start) ? start : null;
        const list = lists[lists.length - 1];
        if (list) list.itemLabelled = false;
        break;
      }
      case 'text:p':
      case 'text:h':
        if (noteDepth === 0) paragraph = { text: '', label: null, level: Math.max(0, lists.length - 1), inItem: false };
        break;
      case 'text:s':
        if (paragraph) paragraph.text += ' '.repeat(Math.min(100, Number.parseInt(attribute(tag, 'text:c') ?? '1', 10) || 1));
        break;
      case 'text:tab':
        if (paragraph) paragraph.text += '\t';
        break;
      case 'text:line-break':
        if (paragraph) paragraph.text += '\n';
        break;
    }
  }, (tag) => {
    switch (tag.name) {
      case 'text:note':
        noteDepth--;
        break;
      case 'text:list': {
        const list = lists.pop();
        if (list && lists.length === 0) {
          lastByStyle.set(list.style, list.counters);
          if (list.id !== null) byId.set(list.id, list.counters);
        }
        break;
      }
      case 'text:p':
      case 'text:h': {
        if (!paragraph || noteDepth > 0) break;
        const list = lists[lists.length - 1];
        if (list && !list.itemLabelled) {
          list.itemLabelled = true;
          paragraph.label = labelOf(styles.get(list.style), lists.length, list.counters, pendingStart);
          pendingStart = null;
        } else if (list) {
          paragraph.inItem = true;
        }
        blocks.push(paragraph);
        paragraph = null;
        break;
      }
    }
  }, (value) => {
    if (!paragraph || noteDepth > 0) return;
    paragraph.text += value;
    characters += value.length;
    if (characters > limits.maxTextCharacters) throw new Error(`more than ${(limits.maxTextCharacters / 1048576).toFixed(0)} million characters of text`);
  });
  return blocks;
}

/** The next label of a list at `depth` (1-based), counting it; deeper levels start again. */
function labelOf(style: Map<number, ListLevel> | undefined, depth: number, counters: number[], start: number | null): string {
  const level = style?.get(depth) ?? { format: '1', prefix: '', suffix: '.', start: 1, bullet: '•' };
  counters[depth - 1] = start ?? (counters[depth - 1] === undefined ? level.start : counters[depth - 1]! + 1);
  counters.length = depth;
  if (level.format === null) {
    const bullet = level.bullet.trim().charAt(0);
    return bullet !== '' && BULLET_CHARACTERS.includes(bullet) ? bullet : '•';
  }
  if (level.format === '') return '•';
  const counted = formatLabel({ kind: FORMATS[level.format] ?? 'decimal', style: '#' }, counters[depth - 1]!);
  return `${level.prefix}${counted}${level.suffix}` || `${counted}.`;
}
