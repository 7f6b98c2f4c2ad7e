// How Precedent reaches the shared library's PostgreSQL: a connection string (`--db URL`, the setting
// `precedent.library.url`), else PRECEDENT_DATABASE_URL, else libpq's own PG* variables and ~/.pgpass, which
// node-postgres reads itself. TLS is whatever the string says (`sslmode=require`, `verify-full`…).
//
// What must stay true: a password never reaches a log line or an error message. Every message that names the
// database names it through `redactUrl`, and a password given apart from the URL (VS Code's SecretStorage)
// goes into the client's configuration only.

import type pg from 'pg';

export interface LibraryConnection {
  /** The connection string, or null for libpq's PG* variables. */
  url: string | null;
  /** A password kept apart from the URL (the editor's secret store); overrides one in the URL. */
  password?: string;
  /** Name shown in this connection's sessions (pg_stat_activity). */
  applicationName?: string;
}

/** The connection a command uses: `--db URL`, else PRECEDENT_DATABASE_URL, else the PG* variables. */
export function connectionFrom(dbOption: string | null | undefined, env: NodeJS.ProcessEnv = process.env): LibraryConnection {
  const url = dbOption ?? (env.PRECEDENT_DATABASE_URL || null);
  return { url };
}

/** node-postgres's configuration of a connection; connects within `timeoutMs`. */
export function clientConfig(connection: LibraryConnection, timeoutMs = 10_000): pg.ClientConfig {
  const config: pg.ClientConfig = { connectionTimeoutMillis: timeoutMs, application_name: connection.applicationName ?? 'precedent' };
  if (connection.url !== null) config.connectionString = withPassword(connection.url, connection.password);
  else if (connection.password !== undefined) config.password = connection.password;
  return config;
}

/**
 * The connection string with a separately kept password in it: node-postgres lets every field of the string
 * (an absent password too) override the configuration's own, so the password must travel inside the string.
 */
function withPassword(url: string, password: string | undefined): string {
  if (password === undefined) return url;
  try {
    const parsed = new URL(url);
    parsed.password = encodeURIComponent(password);
    return parsed.href;
  } catch {
    return url;
  }
}

/** A connected client, or an error whose message names the database without its password. */
export async function connect(connection: LibraryConnection, timeoutMs?: number): Promise<pg.Client> {
  // Loaded on the first connection: an editor without a shared library never pays for node-postgres at start.
  const { default: postgres } = await import('pg');
  const client = new postgres.Client(clientConfig(connection, timeoutMs));
  // An idle connection that the server drops emits 'error'; without a listener that would end the process.
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => {});
    throw new Error(`cannot connect to ${describeConnection(connection)}: ${redactText(errorMessage(error), connection)}`);
  }
  return client;
}

/** The database as people read it: the URL with its password replaced, or the PG* variables it comes from. */
export function describeConnection(connection: LibraryConnection, env: NodeJS.ProcessEnv = process.env): string {
  if (connection.url !== null) return redactUrl(connection.url);
  const host = env.PGHOST ?? 'localhost';
  return `postgres://${env.PGUSER ? `${env.PGUSER}@` : ''}${host}${env.PGPORT ? `:${env.PGPORT}` : ''}/${env.PGDATABASE ?? ''} (from PG* variables)`;
}

/** A connection string with any password (in the user part or a `password=` parameter) replaced by `***`. */
export function redactUrl(url: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) {
    return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@?#]*):[^@/?#]*@/i, '$1:***@').replace(/([?&]password=)[^&#]*/gi, '$1***');
  }
  // Key=value strings ("host=… password=…") are connection strings too.
  return url.replace(/(\bpassword\s*=\s*)('(?:[^'\\]|\\.)*'|\S+)/gi, '$1***');
}

/** A message with every password this connection knows of removed (drivers sometimes echo the string). */
export function redactText(text: string, connection: LibraryConnection): string {
  let out = text;
  const secrets = [connection.password, passwordOf(connection.url)].filter((s): s is string => typeof s === 'string' && s.length > 0);
  for (const secret of secrets) out = out.split(secret).join('***');
  if (connection.url !== null) out = out.split(connection.url).join(redactUrl(connection.url));
  return out;
}

function passwordOf(url: string | null): string | null {
  if (url === null) return null;
  try {
    const parsed = new URL(url);
    const password = parsed.password || parsed.searchParams.get('password');
    return password ? decodeURIComponent(password) : null;
  } catch {
    return null;
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
