// Test helpers for the parser: parse with the invariants checked, and the compact shape expectations are written in.

import type { RecDocument } from '../../../server/src/core/document/model';
import { parseDocument } from '../../../server/src/core/document/parse';
import { assertDocumentInvariants } from './documentChecks';

/** The parsed document, its invariants checked (every test of the parser checks them). */
export function parse(text: string, id = 'test.rec.md'): RecDocument {
  const doc = parseDocument(text, id);
  assertDocumentInvariants(doc, text);
  return doc;
}

/** Label, number and text of each item: the compact shape most expectations are written in. */
export function shape(doc: RecDocument): [string, number | null, string][] {
  return doc.items.map((item) => [item.label, item.number, item.text]);
}

/** 1, 2, …, n. */
export const range1to = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);
