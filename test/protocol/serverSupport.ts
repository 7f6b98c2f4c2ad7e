// What the protocol tests of the server share: the seed names, the example draft of the 17th AFML, and how a
// hover, a diagnostic or a code action is read as a user sees it.

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { MarkupContent, type CodeAction, type Diagnostic, type Hover, type PublishDiagnosticsParams, type TextEdit } from 'vscode-languageserver-protocol/node';
import { SERVER_JS, seedUri } from './harness';

export const SEED_NAMES = [
  'viet-nam-afml13-2020.txt',
  'viet-nam-afml15-2022.txt',
  'lao-pdr-afml13-2020.txt',
  'recommendations-recruitment-reintegration.txt',
  'iom-dolab-safe-migration-2024.txt',
] as const;
export const VIET_NAM_2020 = seedUri('viet-nam-afml13-2020.txt');
export const NUMBERING_CODES = ['numbering-gap', 'numbering-repeat', 'numbering-order', 'numbering-start', 'numbering-restart', 'marker-mixed'];

/** A draft for the 17th AFML: item 1 is Viet Nam 2020's item 6 word for word, 3 → 5 skips 4, item 6 repeats item 2. */
export const DRAFT = [
  'Viet Nam National Recommendations for the 17th ASEAN Forum on Migrant Labour',
  '',
  '15 October 2024',
  '',
  'Sub-theme 1: Decent work and social protection for migrant workers',
  '',
  '1. Reduce costs and increase the availability and accessibility of remittance services, including digital services.',
  '2. Enhance the role of labour management boards in receiving countries.',
  '3. Extend social protection coverage to all migrant workers, including workers in the informal sector.',
  '5. Strengthen grievance mechanisms and access to justice for migrant workers in destination countries.',
  '6. Enhance the role of labour management boards in receiving countries.',
  '',
  'Sub-theme 2: Skills and reintegration of returning migrant workers',
  '',
  '1. Recognise the skills that migrant workers gained abroad through national qualification frameworks.',
  '2. Develop reintegration programmes for returned migrant workers, with attention to women migrant workers.',
  '',
  'The meeting was held on 15 October 2024 at Hanoi, Viet Nam.',
  '',
].join('\n');

/** 0-based line of the first line of `text` that contains `needle`. */
export function lineOf(text: string, needle: string): number {
  const line = text.split('\n').findIndex((candidate) => candidate.includes(needle));
  assert.ok(line >= 0, `no line contains ${JSON.stringify(needle)}`);
  return line;
}

export function codes(params: PublishDiagnosticsParams | Diagnostic[]): string[] {
  return (Array.isArray(params) ? params : params.diagnostics).map((diagnostic) => String(diagnostic.code));
}

export function messageOf(diagnostic: Diagnostic): string {
  return typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
}

export function hoverText(hover: Hover | null): string {
  assert.ok(hover, 'expected a hover');
  assert.ok(MarkupContent.is(hover.contents), 'hover contents should be MarkupContent');
  assert.equal(hover.contents.kind, 'markdown');
  return hover.contents.value;
}

/** The hover card split into one block per precedent (the card separates them with `---`). */
export function hoverBlocks(value: string): string[] {
  return value.split(/\n---\n/);
}

/** Every Markdown link destination in a hover (an escaped `\]` opens none): the card only links to files, in angle brackets. */
export function linkTargets(value: string): string[] {
  return [...value.matchAll(/(?<!\\)\]\(([^)]*)\)/g)].map((match) => match[1]!);
}

/** Undoes backslash escapes and HTML entities: the text a reader sees. */
export function unescapeMarkdown(value: string): string {
  return value.replace(/\\([!-/:-@[-`{-~])/g, '$1').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
}

export function editsFor(action: CodeAction, uri: string): TextEdit[] {
  const edits = action.edit?.changes?.[uri];
  assert.ok(edits && edits.length > 0, `code action "${action.title}" has no edits for ${uri}`);
  return edits;
}

export function requireBuiltServer(): void {
  if (!existsSync(SERVER_JS)) throw new Error(`${SERVER_JS} is missing: run \`node esbuild.mjs\` (npm test builds it) before the protocol tests.`);
}

