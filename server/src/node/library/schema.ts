// The shared library's schema in PostgreSQL, as numbered migrations applied in order by `precedent library
// init` (each in its own transaction, recorded in precedent.migrations; applying them again does nothing).
// A migration is never edited once released: a change is a new migration at the end of the list.
//
// What clients rely on:
// - precedent.documents holds each document once (content_hash is unique): the original file's bytes (for
//   `library export`), the text the parser reads (decoded, or extracted from a PDF, Word file or web page) and
//   its source map (pages, generated labels), and the metadata people filter by (date: ISO 8601 text, as the
//   parser gives it, so that no time zone ever shifts it). A client rebuilds the parsed
//   document exactly by parsing `text` with the core and attaching `source`.
// - precedent.items is the parsed items, for SQL readers and reports; clients do not need it to rebuild.
// - precedent.changes is the change sequence: one row per add or remove, `seq` increasing in commit order
//   (writers take LOCK_CHANGES just before numbering their change, so a later seq never commits earlier).
//   A client that has seen every change up to N asks for seq > N. A NOTIFY on CHANNEL follows each commit.
// - Roles: READER may read everything; WRITER may also add and remove. Both are group roles without login:
//   people's own login roles are granted one of them (GRANT precedent_reader TO alice).

import type pg from 'pg';

export const SCHEMA = 'precedent';
export const CHANNEL = 'precedent_library';
export const READER_ROLE = 'precedent_reader';
export const WRITER_ROLE = 'precedent_librarian';
/** Advisory lock keys: one for migrations, one taken by writers just before numbering their change. */
export const LOCK_MIGRATIONS = 7_215_001;
export const LOCK_CHANGES = 7_215_002;

interface Migration {
  version: number;
  description: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'documents, items and the change sequence',
    sql: `
      CREATE TABLE precedent.documents (
        id bigserial PRIMARY KEY,
        content_hash text NOT NULL UNIQUE,
        file_name text NOT NULL,
        original bytea NOT NULL,
        format text NOT NULL,
        text text NOT NULL,
        source jsonb,
        title text,
        country text,
        forum text,
        date text CHECK (date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
        place text,
        item_count integer NOT NULL,
        added_by text NOT NULL DEFAULT session_user,
        added_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE precedent.items (
        document_id bigint NOT NULL REFERENCES precedent.documents (id) ON DELETE CASCADE,
        position integer NOT NULL,
        label text NOT NULL,
        number integer,
        section text NOT NULL,
        text text NOT NULL,
        start_line integer NOT NULL,
        start_character integer NOT NULL,
        end_line integer NOT NULL,
        end_character integer NOT NULL,
        page integer,
        PRIMARY KEY (document_id, position)
      );
      CREATE TABLE precedent.changes (
        seq bigserial PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('add', 'remove')),
        document_id bigint NOT NULL,
        content_hash text NOT NULL,
        file_name text NOT NULL,
        changed_by text NOT NULL DEFAULT session_user,
        changed_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX changes_document ON precedent.changes (document_id);
    `,
  },
  {
    version: 2,
    description: 'indexes for the filters on country, forum and date',
    // Each index matches the expression a replica's filter compares (store.ts, filterSql), so that a laptop that
    // keeps one country of a large library reads its documents by index. A forum is filtered by the words it
    // contains (ILIKE '%…%'), which only a trigram index serves: made with pg_trgm where the server has it (it
    // is a trusted extension, which the database owner may create), else the forum filter reads every row.
    sql: `
      CREATE INDEX documents_country ON precedent.documents (lower(country));
      CREATE INDEX documents_year ON precedent.documents (left(date, 4));
      CREATE INDEX documents_date ON precedent.documents (date);
      DO $migration$
      DECLARE
        trgm_schema name;
      BEGIN
        IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm') THEN
          BEGIN
            CREATE EXTENSION IF NOT EXISTS pg_trgm;
          EXCEPTION WHEN insufficient_privilege THEN
            -- Before PostgreSQL 13 only a superuser may create it: the forum filter then reads every row.
            NULL;
          END;
        END IF;
        SELECT n.nspname INTO trgm_schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm';
        IF trgm_schema IS NOT NULL THEN
          EXECUTE format('CREATE INDEX documents_forum ON precedent.documents USING gin (forum %I.gin_trgm_ops)', trgm_schema);
        END IF;
      END
      $migration$;
    `,
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

export interface InitResult {
  applied: number[];
  version: number;
  rolesCreated: string[];
}

/**
 * Creates the schema, applies the migrations not yet applied, creates the two roles if missing and grants them
 * their rights. Needs a role that may create schemas and roles (the database owner with CREATEROLE, or a superuser).
 */
export async function initLibrary(client: pg.Client, options: { upTo?: number } = {}): Promise<InitResult> {
  /** Migrations up to this version only: a library as an earlier Precedent left it (for tests of the migrations). */
  const upTo = options.upTo ?? SCHEMA_VERSION;
  const applied: number[] = [];
  const rolesCreated: string[] = [];
  let version = 0;
  // Two `library init` at once: the second waits, then finds everything applied.
  await client.query('SELECT pg_advisory_lock($1)', [LOCK_MIGRATIONS]);
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${SCHEMA}`);
    await client.query(`CREATE TABLE IF NOT EXISTS ${SCHEMA}.migrations (version integer PRIMARY KEY, description text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = new Set((await client.query<{ version: number }>(`SELECT version FROM ${SCHEMA}.migrations`)).rows.map((row) => row.version));
    for (const migration of MIGRATIONS) {
      if (done.has(migration.version) || migration.version > upTo) continue;
      await client.query('BEGIN');
      try {
        await client.query(migration.sql);
        await client.query(`INSERT INTO ${SCHEMA}.migrations (version, description) VALUES ($1, $2)`, [migration.version, migration.description]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
      applied.push(migration.version);
    }
    version = Math.max(0, ...done, ...applied);
    for (const role of [READER_ROLE, WRITER_ROLE]) {
      const exists = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
      if (exists.rowCount === 0) {
        // Role names are constants of this file, never user input: identifiers cannot be parameters.
        await client.query(`CREATE ROLE ${role} NOLOGIN`);
        rolesCreated.push(role);
      }
    }
    await client.query(`REVOKE ALL ON ALL TABLES IN SCHEMA ${SCHEMA} FROM PUBLIC`);
    await client.query(`GRANT USAGE ON SCHEMA ${SCHEMA} TO ${READER_ROLE}, ${WRITER_ROLE}`);
    await client.query(`GRANT SELECT ON ALL TABLES IN SCHEMA ${SCHEMA} TO ${READER_ROLE}`);
    await client.query(`GRANT SELECT ON ALL TABLES IN SCHEMA ${SCHEMA} TO ${WRITER_ROLE}`);
    await client.query(`GRANT INSERT, DELETE ON ${SCHEMA}.documents, ${SCHEMA}.items TO ${WRITER_ROLE}`);
    await client.query(`GRANT INSERT ON ${SCHEMA}.changes TO ${WRITER_ROLE}`);
    await client.query(`GRANT USAGE ON ALL SEQUENCES IN SCHEMA ${SCHEMA} TO ${WRITER_ROLE}`);
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK_MIGRATIONS]);
  }
  return { applied, version, rolesCreated };
}

/**
 * What keeps this Precedent from using a library at `version` (from `libraryVersion`), said so that the person who
 * meets it knows who can fix it; null when the versions agree. The code reads exactly the schema it was written
 * for: an older library lacks what it relies on, a newer one may have changed it.
 */
export function schemaProblem(version: number | null, expected: number = SCHEMA_VERSION): string | null {
  if (version === expected) return null;
  if (version === null) return `no Precedent library there yet (no schema): run \`precedent library init\` (librarian)`;
  if (version < expected) return `library schema is version ${version}; this Precedent needs ${expected}: run \`precedent library init\` (librarian)`;
  return `library schema is version ${version}; this Precedent needs ${expected}: update Precedent to a version that reads it`;
}

/** The schema version of a library, or null when `library init` has not run there. */
export async function libraryVersion(client: pg.Client): Promise<number | null> {
  const exists = await client.query(`SELECT to_regclass('${SCHEMA}.migrations') IS NOT NULL AS present`);
  if (!(exists.rows[0] as { present: boolean }).present) return null;
  const row = await client.query<{ version: number | null }>(`SELECT max(version) AS version FROM ${SCHEMA}.migrations`);
  return row.rows[0]?.version ?? null;
}
