// The shared library's documents in PostgreSQL: adding a file (read and parsed by the same code as a corpus
// folder's), removing, listing, exporting, and the changes a replica follows. Parameterised SQL only.
//
// What must stay true:
// - One transaction per document: its row, all its items and its change, or nothing (a killed `library add`
//   leaves no trace; PostgreSQL rolls back a transaction whose connection dies).
// - A document is stored once: content_hash is unique and the insert does nothing on conflict, so two
//   librarians adding the same file at once leave one copy (the second waits for the first's commit, then
//   finds it).
// - Changes are numbered in commit order: a writer takes LOCK_CHANGES (a transaction-scoped advisory lock)
//   just before taking its seq, and holds it until its commit.

import { basename } from 'node:path';
import type pg from 'pg';
import type { DocumentMetadata, DocumentSource, RecDocument } from '../../core/document/model';
import { parseDocument } from '../../core/document/parse';
import { pageOf } from '../../core/document/source';
import { readFileBounded } from '../boundedRead';
import { DEFAULT_MAX_DOCUMENT_BYTES } from '../../core/document/decode';
import { documentFromBytes } from '../documentFile';
import { maxBytesFor } from '../extract/extraction';
import type { Extractor } from '../extract/extractionThread';
import { hashBytes } from '../indexCache';
import { CHANNEL, LOCK_CHANGES, SCHEMA } from './schema';

export type MetadataOverrides = Partial<Pick<DocumentMetadata, 'country' | 'forum' | 'date' | 'title' | 'place'>>;

export type AddResult =
  | { status: 'added'; id: number; seq: number; items: number; fileName: string }
  | { status: 'present'; id: number; fileName: string }
  | { status: 'skipped'; reason: string };

/** Rows inserted per INSERT of items (11 parameters each, well under PostgreSQL's 65,535). */
const ITEM_ROWS_PER_INSERT = 500;

/**
 * Adds one file: read and parsed (PDF, Word and web pages extracted) outside the transaction, then its row,
 * items and change in one transaction. A file whose bytes are already in the library is not added again.
 */
export async function addFile(client: pg.Client, path: string, overrides: MetadataOverrides = {}, extract?: Extractor): Promise<AddResult> {
  const read = readFileBounded(path, maxBytesFor(path, DEFAULT_MAX_DOCUMENT_BYTES));
  if (!read.ok) return { status: 'skipped', reason: read.reason };
  const hash = hashBytes(read.bytes);
  const fileName = basename(path);
  const known = await client.query<{ id: string; file_name: string }>(`SELECT id, file_name FROM ${SCHEMA}.documents WHERE content_hash = $1`, [hash]);
  if (known.rows[0]) return { status: 'present', id: Number(known.rows[0].id), fileName: known.rows[0].file_name };
  const file = await documentFromBytes(path, fileName, read.bytes, { extractedFolder: null, extract }, hash);
  if (!file.ok) return { status: 'skipped', reason: file.reason };
  const document = file.document;
  const metadata: DocumentMetadata = { ...document.metadata, ...definedOnly(overrides) };
  const source = document.source === undefined ? null : { format: document.source.format, pageStarts: document.source.pageStarts, generatedLabelLines: document.source.generatedLabelLines };

  await client.query('BEGIN');
  try {
    const inserted = await client.query<{ id: string }>(
      `INSERT INTO ${SCHEMA}.documents (content_hash, file_name, original, format, text, source, title, country, forum, date, place, item_count)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT (content_hash) DO NOTHING RETURNING id`,
      [hash, fileName, Buffer.from(read.bytes), source?.format ?? 'text', file.text, source === null ? null : JSON.stringify(source), metadata.title, metadata.country, metadata.forum, metadata.date, metadata.place, document.items.length],
    );
    const id = inserted.rows[0]?.id;
    if (id === undefined) {
      // Another librarian's add of the same bytes committed meanwhile.
      await client.query('ROLLBACK');
      const other = await client.query<{ id: string; file_name: string }>(`SELECT id, file_name FROM ${SCHEMA}.documents WHERE content_hash = $1`, [hash]);
      return { status: 'present', id: Number(other.rows[0]?.id ?? 0), fileName: other.rows[0]?.file_name ?? fileName };
    }
    await insertItems(client, id, document);
    const seq = await recordChange(client, 'add', id, hash, fileName);
    await client.query('COMMIT');
    return { status: 'added', id: Number(id), seq, items: document.items.length, fileName };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  }
}

async function insertItems(client: pg.Client, documentId: string, document: RecDocument): Promise<void> {
  for (let from = 0; from < document.items.length; from += ITEM_ROWS_PER_INSERT) {
    const rows = document.items.slice(from, from + ITEM_ROWS_PER_INSERT);
    const values: unknown[] = [];
    const tuples = rows.map((item) => {
      const at = values.length;
      values.push(documentId, item.index, item.label, item.number, document.sections[item.section]?.title ?? '', item.text, item.range.start.line, item.range.start.character, item.range.end.line, item.range.end.character, pageOf(document, item));
      return `(${Array.from({ length: 11 }, (_, k) => `$${at + k + 1}`).join(', ')})`;
    });
    await client.query(`INSERT INTO ${SCHEMA}.items (document_id, position, label, number, section, text, start_line, start_character, end_line, end_character, page) VALUES ${tuples.join(', ')}`, values);
  }
}

/** Numbers a change in commit order (the lock is held until the transaction ends) and tells the followers. */
async function recordChange(client: pg.Client, kind: 'add' | 'remove', documentId: string, hash: string, fileName: string): Promise<number> {
  await client.query('SELECT pg_advisory_xact_lock($1)', [LOCK_CHANGES]);
  const change = await client.query<{ seq: string }>(`INSERT INTO ${SCHEMA}.changes (kind, document_id, content_hash, file_name) VALUES ($1, $2, $3, $4) RETURNING seq`, [kind, documentId, hash, fileName]);
  const seq = change.rows[0]!.seq;
  // Delivered at commit, never for a transaction that rolls back.
  await client.query('SELECT pg_notify($1, $2)', [CHANNEL, seq]);
  return Number(seq);
}

export interface LibraryEntry {
  id: number;
  fileName: string;
  contentHash: string;
  format: string;
  title: string | null;
  country: string | null;
  forum: string | null;
  date: string | null;
  place: string | null;
  items: number;
  addedBy: string;
  addedAt: string;
}

const ENTRY_COLUMNS = `id, file_name, content_hash, format, title, country, forum, date, place, item_count, added_by, to_char(added_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS added_at`;

function entryOf(row: Record<string, unknown>): LibraryEntry {
  return {
    id: Number(row.id), fileName: String(row.file_name), contentHash: String(row.content_hash), format: String(row.format),
    title: row.title as string | null, country: row.country as string | null, forum: row.forum as string | null, date: row.date as string | null, place: row.place as string | null,
    items: Number(row.item_count), addedBy: String(row.added_by), addedAt: String(row.added_at),
  };
}

export async function listDocuments(client: pg.Client): Promise<LibraryEntry[]> {
  const result = await client.query(`SELECT ${ENTRY_COLUMNS} FROM ${SCHEMA}.documents ORDER BY id`);
  return result.rows.map(entryOf);
}

/**
 * The document a librarian names: by library id (`12`), by content hash or its first 8+ hex digits, or by a file
 * (whose bytes' hash is looked up). Null when none (or, for a hash prefix, more than one) matches.
 */
export async function findDocument(client: pg.Client, name: string, hashOfFile: (path: string) => string | null): Promise<LibraryEntry | null> {
  if (/^\d+$/.test(name)) {
    const byId = await client.query(`SELECT ${ENTRY_COLUMNS} FROM ${SCHEMA}.documents WHERE id = $1`, [name]);
    if (byId.rows[0]) return entryOf(byId.rows[0]);
  }
  if (/^[0-9a-f]{8,40}$/i.test(name)) {
    const byHash = await client.query(`SELECT ${ENTRY_COLUMNS} FROM ${SCHEMA}.documents WHERE content_hash LIKE $1 ORDER BY id`, [`${name.toLowerCase()}%`]);
    if (byHash.rows.length === 1) return entryOf(byHash.rows[0]);
  }
  const hash = hashOfFile(name);
  if (hash === null) return null;
  const byFile = await client.query(`SELECT ${ENTRY_COLUMNS} FROM ${SCHEMA}.documents WHERE content_hash = $1`, [hash]);
  return byFile.rows[0] ? entryOf(byFile.rows[0]) : null;
}

/** Removes a document and its items, recording the change; false when it was already gone. */
export async function removeDocument(client: pg.Client, id: number): Promise<boolean> {
  await client.query('BEGIN');
  try {
    const deleted = await client.query<{ content_hash: string; file_name: string }>(`DELETE FROM ${SCHEMA}.documents WHERE id = $1 RETURNING content_hash, file_name`, [id]);
    const row = deleted.rows[0];
    if (row === undefined) {
      await client.query('ROLLBACK');
      return false;
    }
    await recordChange(client, 'remove', String(id), row.content_hash, row.file_name);
    await client.query('COMMIT');
    return true;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  }
}

/** The original bytes of a document (for `library export`). */
export async function originalOf(client: pg.Client, id: number): Promise<Uint8Array | null> {
  const result = await client.query<{ original: Buffer }>(`SELECT original FROM ${SCHEMA}.documents WHERE id = $1`, [id]);
  return result.rows[0]?.original ?? null;
}

/** What a replica keeps of a library document: enough to rebuild its parsed document exactly. */
export interface StoredDocument {
  id: number;
  fileName: string;
  contentHash: string;
  text: string;
  source: Omit<DocumentSource, 'contentHash'> | null;
  metadata: DocumentMetadata;
}

/** The parsed document of a stored one, under `documentId`: the same as reading the original file. */
export function parseStored(stored: StoredDocument, documentId: string): RecDocument {
  const parsed = parseDocument(stored.text, documentId);
  const document: RecDocument = { ...parsed, metadata: { ...stored.metadata } };
  if (stored.source !== null) document.source = { ...stored.source, contentHash: stored.contentHash };
  return document;
}

/** Which documents a replica keeps (each list empty or absent: no restriction). */
export interface LibraryFilter {
  /** Countries, compared without case. */
  countries?: string[];
  /** Words a forum's name contains, without case ("AFML", "13th ASEAN Forum"). */
  forums?: string[];
  /** Years of the document's date. */
  years?: number[];
}

export interface Changes {
  /** The last change seen: ask for changes after it next time. */
  seq: number;
  /** Documents to add or replace (those changed since, that pass the filter). */
  documents: StoredDocument[];
  /** Library ids of documents gone since (removed, or no longer passing the filter). */
  removed: number[];
}

const STORED_COLUMNS = `id, file_name, content_hash, text, source, title, country, forum, date, place`;

function storedOf(row: Record<string, unknown>): StoredDocument {
  const source = row.source as { format: string; pageStarts: number[] | null; generatedLabelLines: number[] } | null;
  return {
    id: Number(row.id), fileName: String(row.file_name), contentHash: String(row.content_hash), text: String(row.text), source,
    metadata: { title: row.title as string | null, country: row.country as string | null, forum: row.forum as string | null, date: row.date as string | null, place: row.place as string | null },
  };
}

/**
 * The WHERE clause of a replica's filter, its values numbered from `$first`. What must stay true: each clause
 * compares exactly the expression an index of the schema is on (lower(country), left(date, 4), forum by trigrams).
 */
export function filterSql(filter: LibraryFilter, first: number): { sql: string; values: unknown[] } {
  const clauses: string[] = [];
  const values: unknown[] = [];
  if (filter.countries && filter.countries.length > 0) {
    values.push(filter.countries.map((c) => c.toLowerCase()));
    clauses.push(`lower(country) = ANY($${first + values.length - 1})`);
  }
  if (filter.forums && filter.forums.length > 0) {
    values.push(filter.forums.map((f) => `%${f.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
    clauses.push(`forum ILIKE ANY($${first + values.length - 1})`);
  }
  if (filter.years && filter.years.length > 0) {
    values.push(filter.years.map(String));
    clauses.push(`left(date, 4) = ANY($${first + values.length - 1})`);
  }
  return { sql: clauses.length === 0 ? 'TRUE' : clauses.join(' AND '), values };
}

/**
 * Everything that changed after `since` (0: the whole library), read in one snapshot so that the documents
 * and the seq agree.
 */
export async function changesSince(client: pg.Client, since: number, filter: LibraryFilter = {}): Promise<Changes> {
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    const last = await client.query<{ seq: string | null }>(`SELECT max(seq) AS seq FROM ${SCHEMA}.changes`);
    const seq = Number(last.rows[0]?.seq ?? 0);
    const where = filterSql(filter, 1);
    let documents: StoredDocument[];
    let removed: number[] = [];
    if (since === 0) {
      const rows = await client.query(`SELECT ${STORED_COLUMNS} FROM ${SCHEMA}.documents WHERE ${where.sql} ORDER BY id`, where.values);
      documents = rows.rows.map(storedOf);
    } else {
      const touched = await client.query<{ document_id: string }>(`SELECT DISTINCT document_id FROM ${SCHEMA}.changes WHERE seq > $1 AND seq <= $2`, [since, seq]);
      const ids = touched.rows.map((row) => row.document_id);
      const rows = ids.length === 0 ? { rows: [] } : await client.query(`SELECT ${STORED_COLUMNS} FROM ${SCHEMA}.documents WHERE id = ANY($1) AND ${filterSql(filter, 2).sql} ORDER BY id`, [ids, ...where.values]);
      documents = rows.rows.map(storedOf);
      const present = new Set(documents.map((d) => d.id));
      removed = ids.map(Number).filter((id) => !present.has(id));
    }
    await client.query('COMMIT');
    return { seq, documents, removed };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  }
}

function definedOnly(overrides: MetadataOverrides): MetadataOverrides {
  return Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined && value !== null)) as MetadataOverrides;
}

/** A stored file name as one harmless path segment (it is whatever the librarian's file was called). */
export function safeFileName(fileName: string): string {
  return fileName.replace(/[/\\\0]/g, '_').replace(/^\.+/, '_') || 'document';
}
