// A throw-away PostgreSQL cluster for tests: initdb in a temporary folder, a free port on 127.0.0.1, pg_ctl to
// start and stop it. Nothing is mocked: the tests talk to a real server. The superuser `postgres` has a
// password (scram-sha-256 over TCP), so that the tests exercise passwords the way a secretariat's server has
// them. PostgreSQL refuses to run as root: as root the cluster runs as the `postgres` user (Debian's package
// creates it), its folder handed over to that user.
//
// Without PostgreSQL's binaries (a developer machine without the Debian package), `findPostgres()` returns
// null and the database tests are skipped with a line saying why; under CI (CI set) they fail instead, so
// that CI can never pass them silently.

import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface PostgresBinaries {
  bin: string;
}

/** The folder of initdb, pg_ctl and postgres: Debian's /usr/lib/postgresql/<newest>/bin, else `pg_config --bindir`. */
export function findPostgres(): PostgresBinaries | null {
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
    if (versions.length > 0) return { bin: join(root, versions[0]!, 'bin') };
  }
  const config = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  const bin = config.status === 0 ? config.stdout.trim() : '';
  return bin && existsSync(join(bin, 'initdb')) ? { bin } : null;
}

/** Calls `describe` for the database tests, or skips them (failing under CI) when PostgreSQL is not installed. */
export function describeWithPostgres(title: string, body: (this: Mocha.Suite) => void): void {
  if (findPostgres() !== null) {
    describe(title, body);
    return;
  }
  if (process.env.CI) {
    describe(title, () => it('needs PostgreSQL (apt-get install postgresql), which CI installs', () => { throw new Error('PostgreSQL binaries not found'); }));
    return;
  }
  describe.skip(`${title} (skipped: PostgreSQL binaries not found; apt-get install postgresql)`, body);
}

export const SUPERUSER_PASSWORD = 'test-superuser-secret';

export class PostgresCluster {
  readonly port: number;
  private running = false;

  private constructor(private readonly bin: string, readonly dir: string, port: number, private readonly asUser: string | null) {
    this.port = port;
  }

  /** initdb a new cluster in a temporary folder and start it on a free port. */
  static async start(): Promise<PostgresCluster> {
    const binaries = findPostgres();
    if (binaries === null) throw new Error('PostgreSQL binaries not found (apt-get install postgresql)');
    const asUser = process.getuid?.() === 0 ? 'postgres' : null;
    const dir = mkdtempSync(join(tmpdir(), 'precedent-pg-'));
    const cluster = new PostgresCluster(binaries.bin, dir, await freePort(), asUser);
    if (asUser !== null) {
      const uid = Number(execFileSync('id', ['-u', asUser], { encoding: 'utf8' }).trim());
      const gid = Number(execFileSync('id', ['-g', asUser], { encoding: 'utf8' }).trim());
      chownSync(dir, uid, gid);
    }
    chmodSync(dir, 0o700);
    const pwfile = join(dir, 'pwfile');
    writeFileSync(pwfile, `${SUPERUSER_PASSWORD}\n`, { mode: 0o600 });
    if (asUser !== null) chownSync(pwfile, Number(execFileSync('id', ['-u', asUser], { encoding: 'utf8' }).trim()), 0);
    cluster.run('initdb', ['-D', cluster.dataDir, '-U', 'postgres', `--pwfile=${pwfile}`, '--auth-local=trust', '--auth-host=scram-sha-256', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
    rmSync(pwfile, { force: true });
    cluster.startServer();
    return cluster;
  }

  get dataDir(): string {
    return join(this.dir, 'data');
  }

  /** The superuser's connection string (password included: for tests only). */
  url(database = 'postgres', user = 'postgres', password = SUPERUSER_PASSWORD): string {
    return `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${this.port}/${database}`;
  }

  /** `body` with a connection of its own to `database`, as the superuser; closed afterwards. */
  async withClient<T>(database: string, body: (client: pg.Client) => Promise<T>): Promise<T> {
    const client = new pg.Client({ connectionString: this.url(database) });
    await client.connect();
    try {
      return await body(client);
    } finally {
      await client.end();
    }
  }

  /** The rows of `sql` run on `database` as the superuser, in a connection of its own. */
  async query(database: string, sql: string, values: unknown[] = []): Promise<any[]> {
    return this.withClient(database, async (client) => (await client.query(sql, values)).rows);
  }

  /** Starts the server (again, after `stopServer`) and waits until it accepts connections. */
  startServer(): void {
    const options = `-c listen_addresses=127.0.0.1 -c port=${this.port} -c unix_socket_directories=${this.dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
    this.run('pg_ctl', ['-D', this.dataDir, '-l', join(this.dir, 'log'), '-o', options, '-w', '-t', '30', 'start']);
    this.running = true;
  }

  /**
   * A hot standby of this cluster (pg_basebackup -R, streaming replication over 127.0.0.1), started on a free
   * port: read-only, replaying what the primary commits.
   */
  async startStandby(): Promise<PostgresCluster> {
    const dir = mkdtempSync(join(tmpdir(), 'precedent-pg-standby-'));
    const standby = new PostgresCluster(this.bin, dir, await freePort(), this.asUser);
    if (this.asUser !== null) chownSync(dir, Number(execFileSync('id', ['-u', this.asUser], { encoding: 'utf8' }).trim()), Number(execFileSync('id', ['-g', this.asUser], { encoding: 'utf8' }).trim()));
    chmodSync(dir, 0o700);
    standby.run('pg_basebackup', ['-D', standby.dataDir, '-R', '-X', 'stream', '-h', '127.0.0.1', '-p', String(this.port), '-U', 'postgres', '--no-sync'], { PGPASSWORD: SUPERUSER_PASSWORD });
    standby.startServer();
    return standby;
  }

  /** Stops the server fast (clients are disconnected); the data stay. */
  stopServer(): void {
    if (!this.running) return;
    this.run('pg_ctl', ['-D', this.dataDir, '-m', 'fast', '-w', 'stop']);
    this.running = false;
  }

  /** Stops the server and deletes the cluster. */
  destroy(): void {
    try {
      this.stopServer();
    } finally {
      rmSync(this.dir, { recursive: true, force: true });
    }
  }

  private run(program: string, args: string[], env: Record<string, string> = {}): void {
    const path = join(this.bin, program);
    const [command, argv] = this.asUser === null ? [path, args] : ['runuser', ['-u', this.asUser, '--', path, ...args]];
    const result = spawnSync(command, argv, { encoding: 'utf8', cwd: this.dir, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    if (result.status !== 0) throw new Error(`${program} failed (${result.status}): ${result.stderr || result.stdout}`);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
