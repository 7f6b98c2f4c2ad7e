// An editor's local replica of the shared library: the documents it keeps (after the filters), as parsed
// documents for the in-process index, and a copy on disk so that the next start, or a start while the
// database is unreachable, begins from it and fetches only the changes after its last sequence number.
//
// It follows the library live: LISTEN on the library's channel (a NOTIFY follows every add and remove), a
// catch-up every `catchUpMs` besides (a notification lost with a dropped connection is caught up on), and on
// a lost connection it goes offline, keeps what it has, and reconnects with backoff (1 s doubling to 60 s).
//
// On disk, in its folder: text/<library id>/<file name> is the document's text (the parser's input, and the
// file a precedent link opens; `.txt` added to the name of a PDF, Word file or web page), meta/<library id>.json
// the rest of what rebuilds it; state.json the sequence number. A document's id is original/<library id>/<file
// name> in that folder, so that it is named by its own file name, as a folder's document is. What must stay true: state.json is written (atomically) only after the documents it covers, so a
// crash between the two at worst fetches some changes again.

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type pg from 'pg';
import type { RecDocument } from '../../core/document/model';
import { connect, describeConnection, errorMessage, redactText, type LibraryConnection } from './connection';
import { CHANNEL, libraryVersion, schemaProblem, SCHEMA_VERSION } from './schema';
import { changesSince, originalOf, parseStored, safeFileName, type LibraryFilter, type StoredDocument } from './store';
import { pathToFileURL } from 'node:url';

export type ReplicaState = 'connecting' | 'online' | 'offline';

export interface ReplicaStatus {
  /** The library's connection string without its password. */
  url: string;
  state: ReplicaState;
  /** When the connection was lost (or first failed), ISO 8601; null while online. */
  offlineSince: string | null;
  /** Why it is offline, without any password. */
  reason: string | null;
  documents: number;
  /** The last change this replica has. */
  seq: number;
  /** The database changes are read from (a read replica, or the primary), without password; null when offline. */
  readFrom: string | null;
  /** Set while offline because the library's schema version is not this code's (`library` null: no schema there yet). */
  schema: { library: number | null; needed: number } | null;
}

/** One of the replica's documents: its id, its content hash (what a persisted index is keyed by), and its parse. */
export interface ReplicaEntry {
  id: string;
  hash: string;
  /** The parsed document (parsed on first call, from memory or the copy on disk); null if its text is gone. */
  document(): RecDocument | null;
}

export interface ReplicaChange {
  upserted: ReplicaEntry[];
  /** Ids of documents gone. */
  removed: string[];
}

export interface ReplicaOptions {
  /** The primary: notifications come from it (and reads, without a reachable read replica). */
  connection: LibraryConnection;
  /** Hot standbys to read from, first reachable first. Nothing is ever written by a replica. */
  readConnections?: LibraryConnection[];
  filter?: LibraryFilter;
  /** Folder under which replicas are kept (one sub-folder per library and filter); null keeps it in memory. */
  cacheDir: string | null;
  log: (message: string) => void;
  /** Documents added, replaced or removed since the last call (those of the copy on disk are in `entries()` at start). */
  onChange: (change: ReplicaChange) => void;
  /** The state or size changed (online, offline…). */
  onStatus?: (status: ReplicaStatus) => void;
  catchUpMs?: number;
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /** A document's id from its library id and file name (default: its original's path in the replica's folder). */
  documentId?: (id: number, fileName: string) => string;
  /** Whether the originals of PDF, Word files and web pages are fetched too, for links to them (default true). */
  originals?: boolean;
}

interface Kept {
  meta: Omit<StoredDocument, 'text'>;
  entry: ReplicaEntry;
}

export class LibraryReplica {
  private readonly kept = new Map<number, Kept>();
  private seq = 0;
  private state: ReplicaState = 'connecting';
  private offlineSince: Date | null = null;
  private reason: string | null = null;
  private schema: ReplicaStatus['schema'] = null;
  /** The connection changes are read on (a read replica's, or the primary's), and which database that is. */
  private client: pg.Client | null = null;
  private readFrom: string | null = null;
  /** Every connection of the current session (the listener on the primary, and the reader if another). */
  private connections: pg.Client[] = [];
  private stopped = false;
  private backoff: number;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private catchUpTimer: NodeJS.Timeout | null = null;
  /** Fetches run one at a time, in order. */
  private fetching: Promise<void> = Promise.resolve();
  readonly folder: string | null;

  constructor(private readonly options: ReplicaOptions) {
    this.backoff = options.minBackoffMs ?? 1000;
    const key = JSON.stringify({ url: describeConnection(options.connection), filter: options.filter ?? {} });
    this.folder = options.cacheDir === null ? null : join(options.cacheDir, 'library', createHash('sha1').update(key).digest('hex').slice(0, 16));
  }

  /**
   * Loads the copy on disk (its documents are then in `entries()`, parsed only when asked for: a persisted index
   * that has them already needs no parse), then connects and follows in the background.
   */
  start(): void {
    const loaded = this.loadCopy();
    this.options.log(`Library ${this.url()}: ${loaded > 0 ? `${loaded} documents from the local replica (up to change ${this.seq}); ` : ''}connecting.`);
    void this.connectNow();
  }

  /**
   * One catch-up, without following (the CLI): the copy on disk, then only the changes after its last sequence
   * number, saved back. Throws, naming the database without its password, when the library cannot be read
   * (unreachable, another schema version, no rights).
   */
  async syncOnce(): Promise<void> {
    this.loadCopy();
    const client = await connect(this.options.connection);
    try {
      const problem = schemaProblem(await libraryVersion(client));
      if (problem !== null) throw new LibraryUnreadable(`${this.url()}: ${problem}.`);
      this.client = client;
      await this.fetchChanges();
    } catch (error) {
      if (error instanceof LibraryUnreadable) throw error;
      throw new LibraryUnreadable(`cannot read the library at ${this.url()}: ${redactText(errorMessage(error), this.options.connection)}`);
    } finally {
      this.client = null;
      this.stopped = true;
      await client.end().catch(() => {});
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    if (this.catchUpTimer) clearInterval(this.catchUpTimer);
    this.client = null;
    await this.fetching.catch(() => {});
    await this.closeConnections();
  }

  /** Ends the connections of the current session (the primary's and a read replica's). */
  private async closeConnections(): Promise<void> {
    const clients = this.connections;
    this.connections = [];
    for (const client of clients) await client.end().catch(() => {});
  }

  /** The documents, in library order (by library id), as a folder lists its files in name order. */
  entries(): ReplicaEntry[] {
    return [...this.kept.entries()].sort((a, b) => a[0] - b[0]).map(([, kept]) => kept.entry);
  }

  /** The parsed documents, in library order. */
  documents(): RecDocument[] {
    return this.entries().flatMap((entry) => entry.document() ?? []);
  }

  /** The text file (URI) a link to one of this replica's documents opens, or null for another document. */
  viewOf(id: string): string | null {
    return this.views.get(id) ?? null;
  }

  /** Document id → URI of its text file. */
  private readonly views = new Map<string, string>();

  status(): ReplicaStatus {
    return { url: this.url(), state: this.state, offlineSince: this.offlineSince?.toISOString() ?? null, reason: this.reason, documents: this.kept.size, seq: this.seq, readFrom: this.state === 'online' ? this.readFrom : null, schema: this.schema };
  }

  private url(): string {
    return describeConnection(this.options.connection);
  }

  /**
   * Connects: the primary for LISTEN, and the first reachable read URL (a hot standby) for reading, else the
   * primary for both. With the primary unreachable but a standby reachable, the replica follows by its catch-up
   * alone. Losing either connection starts it all again.
   */
  private async connectNow(): Promise<void> {
    if (this.stopped) return;
    await this.closeConnections();
    const opened: pg.Client[] = [];
    this.connections = opened;
    const closeAll = async () => {
      const clients = [...opened];
      opened.length = 0;
      for (const client of clients) await client.end().catch(() => {});
    };
    let problem = '';
    let listener: pg.Client | null = null;
    try {
      listener = await connect(this.options.connection, 5000);
      opened.push(listener);
      listener.on('notification', (message) => {
        if (message.channel === CHANNEL) this.caughtUpTo(Number(message.payload));
      });
      await listener.query(`LISTEN ${CHANNEL}`);
    } catch (error) {
      problem = errorMessage(error);
      listener = null;
    }
    let reader = listener;
    this.readFrom = this.url();
    for (const read of this.options.readConnections ?? []) {
      try {
        const client = await connect(read, 5000);
        opened.push(client);
        reader = client;
        this.readFrom = describeConnection(read);
        break;
      } catch (error) {
        this.options.log(`Library read replica ${describeConnection(read)} unreachable: ${redactText(errorMessage(error), read)}`);
      }
    }
    if (this.stopped || reader === null) {
      await closeAll();
      if (reader === null) this.goOffline(problem);
      return;
    }
    const session = reader;
    const lost = (error?: Error) => {
      if (this.client !== session) return;
      this.client = null;
      void closeAll();
      this.goOffline(error ? redactText(error.message, this.options.connection) : 'the connection closed');
    };
    for (const client of opened) {
      client.on('error', lost);
      client.on('end', () => lost());
    }
    this.client = session;
    try {
      // A library of another schema version is offline with what to do about it, and retried (a librarian's
      // `library init` brings it online).
      const version = await libraryVersion(session);
      const problem = schemaProblem(version);
      if (problem !== null) {
        if (this.client !== session) return;
        this.client = null;
        await closeAll();
        this.goOffline(problem, { library: version, needed: SCHEMA_VERSION });
        return;
      }
      await this.catchUp();
    } catch (error) {
      // Reachable but unreadable (no `library init` there, a role without the reader's rights): offline, retried.
      if (this.client !== session) return;
      this.client = null;
      await closeAll();
      this.goOffline(`cannot read the library: ${errorMessage(error)}`);
      return;
    }
    if (this.client !== session) return;
    const wasOffline = this.offlineSince !== null;
    this.state = 'online';
    this.offlineSince = null;
    this.schema = null;
    this.reason = listener === null ? `primary unreachable (${redactText(problem, this.options.connection)}): following ${this.readFrom} by catch-up only` : null;
    this.backoff = this.options.minBackoffMs ?? 1000;
    const from = this.readFrom === this.url() ? '' : ` (reading from ${this.readFrom})`;
    this.options.log(`Library ${this.url()}: ${wasOffline ? 'back online' : 'online'}${from}, ${this.kept.size} documents, up to change ${this.seq}.`);
    this.options.onStatus?.(this.status());
    if (this.catchUpTimer === null) {
      this.catchUpTimer = setInterval(() => this.catchUp().catch(() => {}), this.options.catchUpMs ?? 30_000);
      this.catchUpTimer.unref();
    }
  }

  /**
   * A change was committed on the primary (its number from the NOTIFY). A standby may not have replayed it yet:
   * the fetch is tried again a few times until the replica has it (the periodic catch-up remains behind that).
   */
  private caughtUpTo(seq: number, attempt = 0): void {
    void this.catchUp().then(() => {
      if (!Number.isFinite(seq) || this.seq >= seq || attempt >= 20 || this.stopped) return;
      setTimeout(() => this.caughtUpTo(seq, attempt + 1), 100).unref();
    }, () => {});
  }

  private goOffline(reason: string, schema: ReplicaStatus['schema'] = null): void {
    if (this.stopped) return;
    this.schema = schema;
    const message = redactText(reason, this.options.connection);
    if (this.state !== 'offline') {
      this.offlineSince ??= new Date();
      this.options.log(`Library ${this.url()} offline: ${message}. Answering from the local replica (${this.kept.size} documents); reconnecting.`);
    }
    this.state = 'offline';
    this.reason = message;
    this.options.onStatus?.(this.status());
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      void this.connectNow();
    }, this.backoff);
    this.reconnectTimer.unref();
    this.backoff = Math.min(this.backoff * 2, this.options.maxBackoffMs ?? 60_000);
  }

  /** Fetches the changes after the last sequence number (queued behind a fetch under way); rejects if it fails. */
  private catchUp(): Promise<void> {
    const run = this.fetching.then(() => this.fetchChanges());
    this.fetching = run.catch((error: unknown) => {
      this.options.log(`Library ${this.url()}: catching up failed: ${redactText(errorMessage(error), this.options.connection)}`);
    });
    return run;
  }

  private async fetchChanges(): Promise<void> {
    const client = this.client;
    if (client === null || this.stopped) return;
    let changes = await changesSince(client, this.seq, this.options.filter);
    if (changes.seq < this.seq) {
      // A library whose changes end before ours (restored from a backup, or another database at the same
      // address): our sequence numbers mean nothing there. Fetch it whole; what it lacks goes.
      this.options.log(`Library ${this.url()}: its changes end at ${changes.seq}, before this replica's ${this.seq}: fetching it whole.`);
      changes = await changesSince(client, 0, this.options.filter);
      const present = new Set(changes.documents.map((document) => document.id));
      changes.removed = [...this.kept.keys()].filter((id) => !present.has(id));
    }
    if (changes.seq === this.seq && changes.documents.length === 0 && changes.removed.length === 0) return;
    const upserted: ReplicaEntry[] = [];
    const removed: string[] = [];
    for (const stored of changes.documents) upserted.push(this.keep(stored));
    for (const id of changes.removed) {
      const kept = this.kept.get(id);
      if (kept === undefined) continue;
      this.kept.delete(id);
      this.views.delete(kept.entry.id);
      removed.push(kept.entry.id);
      this.forget(id);
    }
    this.seq = changes.seq;
    this.saveState();
    if (upserted.length > 0 || removed.length > 0) {
      this.options.onChange({ upserted, removed });
      this.options.log(`Library ${this.url()}: ${upserted.length} documents added or changed, ${removed.length} removed (up to change ${this.seq}).`);
    }
    this.options.onStatus?.(this.status());
    // The originals of PDF, Word files and web pages, which a hover's "Open the PDF" link opens, after the index
    // has the documents (a text file's original is its text).
    if (this.options.originals === false) return;
    for (const stored of changes.documents) if (stored.source !== null) await this.fetchOriginal(client, stored);
  }

  private async fetchOriginal(client: pg.Client, stored: StoredDocument): Promise<void> {
    if (this.folder === null || this.client !== client) return;
    const path = join(this.folder, 'original', String(stored.id), safeFileName(stored.fileName));
    if (existsSync(path)) return;
    const bytes = await originalOf(client, stored.id);
    if (bytes === null) return;
    try {
      mkdirSync(join(path, '..'), { recursive: true });
      writeAtomically(path, bytes);
    } catch (error) {
      this.options.log(`Library replica ${this.folder}: cannot write ${stored.fileName}: ${errorMessage(error)}`);
    }
  }

  /** Keeps a fetched document (on disk, or in memory without a folder). */
  private keep(stored: StoredDocument): ReplicaEntry {
    const { text, ...meta } = stored;
    const textPath = this.textPath(stored.id, stored.fileName);
    const entry = this.remember(stored.id, meta, this.folder === null ? text : null);
    if (this.folder !== null && textPath !== null) {
      try {
        this.forget(stored.id);
        mkdirSync(join(textPath, '..'), { recursive: true });
        mkdirSync(join(this.folder, 'meta'), { recursive: true });
        writeAtomically(textPath, text);
        writeAtomically(join(this.folder, 'meta', `${stored.id}.json`), JSON.stringify(meta));
      } catch (error) {
        this.options.log(`Library replica ${this.folder}: cannot write ${stored.fileName}: ${errorMessage(error)}`);
      }
    }
    return entry;
  }

  /**
   * Keeps a document under its id; its text is read from the copy on disk when first parsed (or given, for a
   * replica without a folder). The parse is kept only until the caller has it: the index holds documents.
   */
  private remember(id: number, meta: Omit<StoredDocument, 'text'>, text: string | null): ReplicaEntry {
    const previous = this.kept.get(id);
    if (previous !== undefined) this.views.delete(previous.entry.id);
    const textPath = this.textPath(id, meta.fileName);
    const documentId = this.options.documentId?.(id, meta.fileName)
      ?? (this.folder === null ? `library:${id}/${safeFileName(meta.fileName)}` : pathToFileURL(join(this.folder, 'original', String(id), safeFileName(meta.fileName))).href);
    const entry: ReplicaEntry = {
      id: documentId,
      hash: meta.contentHash,
      document: () => {
        let body = text;
        if (body === null && textPath !== null) {
          try {
            body = readFileSync(textPath, 'utf8');
          } catch (error) {
            this.options.log(`Library replica ${this.folder}: cannot read ${textPath}: ${errorMessage(error)}`);
            return null;
          }
        }
        return body === null ? null : parseStored({ ...meta, text: body }, documentId);
      },
    };
    this.kept.set(id, { meta, entry });
    if (textPath !== null) this.views.set(documentId, pathToFileURL(textPath).href);
    return entry;
  }

  /** The text file of a document: its own name, `.txt` added for an extracted format (it is the text, not the PDF). */
  private textPath(id: number, fileName: string): string | null {
    if (this.folder === null) return null;
    const safe = safeFileName(fileName);
    const name = /\.(txt|md|markdown|rec)$/i.test(safe) ? safe : `${safe}.txt`;
    return join(this.folder, 'text', String(id), name);
  }

  private forget(id: number): void {
    if (this.folder === null) return;
    rmSync(join(this.folder, 'text', String(id)), { recursive: true, force: true });
    rmSync(join(this.folder, 'original', String(id)), { recursive: true, force: true });
    rmSync(join(this.folder, 'meta', `${id}.json`), { force: true });
  }

  private saveState(): void {
    if (this.folder === null) return;
    try {
      mkdirSync(this.folder, { recursive: true });
      const file = join(this.folder, 'state.json');
      const temporary = `${file}.${process.pid}.tmp`;
      writeFileSync(temporary, JSON.stringify({ seq: this.seq }));
      renameSync(temporary, file);
    } catch (error) {
      this.options.log(`Library replica ${this.folder}: cannot save its state: ${errorMessage(error)}`);
    }
  }

  /** The copy on disk (its size), if whole: metadata that cannot be read makes the replica start again from 0. */
  private loadCopy(): number {
    if (this.folder === null) return 0;
    let seq: number;
    try {
      seq = Number((JSON.parse(readFileSync(join(this.folder, 'state.json'), 'utf8')) as { seq: unknown }).seq);
      if (!Number.isInteger(seq) || seq < 0) throw new Error('bad sequence number');
    } catch {
      return 0;
    }
    let names: string[] = [];
    try {
      // Another process's file being written (`<id>.json.<pid>.tmp`) is not one yet.
      names = readdirSync(join(this.folder, 'meta')).filter((name) => /^\d+\.json$/.test(name));
    } catch {
      // No document yet.
    }
    try {
      for (const name of names) {
        const meta = JSON.parse(readFileSync(join(this.folder, 'meta', name), 'utf8')) as Omit<StoredDocument, 'text'>;
        if (!Number.isInteger(meta.id) || typeof meta.fileName !== 'string' || typeof meta.contentHash !== 'string') throw new Error(`${name} is not a document's metadata`);
        this.remember(meta.id, meta, null);
      }
    } catch (error) {
      this.options.log(`Library replica ${this.folder} unreadable (${errorMessage(error)}): fetching the whole library again.`);
      this.kept.clear();
      this.views.clear();
      return 0;
    }
    this.seq = seq;
    return this.kept.size;
  }
}

/** Why a library cannot be read, said for people (the database named without its password). */
export class LibraryUnreadable extends Error {}

/**
 * Writes a file whole or not at all (a temporary file renamed over it): another process following the same library
 * with the same cache folder (a second editor window, a CLI run in parallel) never reads half a document.
 */
function writeAtomically(path: string, data: string | Uint8Array): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, data);
  renameSync(temporary, path);
}
