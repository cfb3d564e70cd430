import { isIP } from 'node:net';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';

export type RunMode = 'embedded' | 'external';

/** Everything the service reads from its environment, read once at boot and validated. */
export interface AppConfig {
  mode: RunMode;
  port: number;
  /** Where the API listens: loopback by default in embedded mode, every interface in production. */
  host: string;
  dataDir: string;
  /** Where the PDFs are stored (the filesystem adapter of the document storage). */
  documentsDir: string;
  /**
   * Workers that render PDFs, so rendering never blocks the event loop, at a lower priority than the
   * process's own threads (renderNice): by default one core left to the request path, two at most (issue 15: on 2
   * cores a second renderer rendered no more documents a second, each taking twice as long, and slowed
   * the reads beside it; see defaultRenderThreads).
   */
  renderThreads: number;
  /**
   * Render in processes of their own at a lower OS priority rather than in threads of this one:
   * the default when everything runs in one process (embedded), so that rendering yields the cores
   * to the API; a production worker process renders in its threads.
   */
  renderProcesses: boolean;
  /** The render workers' nice value, processes or threads (0 as the service, 19 lowest). */
  renderNice: number;
  /** Set in external mode; in embedded mode the embedded PostgreSQL's URL is filled in at start. */
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  /** A fixed port for the embedded PostgreSQL; unset: one chosen free at first start and kept in the data folder. */
  embeddedPostgresPort: number | undefined;
  tokenSecret: string | undefined;
  tokenTtlSeconds: number;
  demoPassword: string;
  bodyLimitBytes: number;
  logLevel: 'silent' | 'error' | 'warn' | 'info' | 'debug';
  /** Namespaces the queues (a Redis key prefix), so that several deployments or test runs share one Redis. */
  queuePrefix: string;
  /** How often a job is tried before it is given up (a document then shows as failed). */
  jobAttempts: number;
  /** The first wait before a job is tried again; each next wait doubles. */
  jobBackoffMs: number;
  /**
   * How often a job may lose its worker (killed, machine gone) and go back to the queue before it is
   * given up as one that kills its workers (BullMQ's maxStalledCount, 1 by default there).
   */
  jobMaxStalls: number;
  /** How often the outbox sweep re-sends rows whose dispatch was lost. */
  outboxSweepMs: number;
  /**
   * How long a relay's claim on outbox rows lasts; it renews it while it works, so the rows of a
   * relay that died are re-sent by another (or the next start) within this, not after a minute.
   */
  outboxLeaseMs: number;
  /** Bounded waits on PostgreSQL: every pool's connect, statement and idle-in-transaction timeouts. */
  database: DatabaseBounds;
  /** A queue command (hand a job over, count the waiting ones) that has not answered after this fails. */
  queueTimeoutMs: number;
  /** A worker that has never reached its queue backend after this long says so and exits 1. */
  queueConnectTimeoutMs: number;
  /** Seconds a 503 `unavailable` asks the client to wait before trying again (Retry-After). */
  retryAfterSeconds: number;
  /**
   * The address people reach this service at (ENLACE_PUBLIC_URL), without a trailing slash: the QR
   * code of every PDF points to its public verification page there, and session cookies are marked
   * Secure when it is https. Defaults to the local address the service listens on.
   */
  publicUrl: string;
  /** A bearer token that opens GET /api/metrics from anywhere (unset: only from `metricsNetworks`). */
  metricsToken: string | undefined;
  /** Addresses or CIDR blocks (the operators' network) that may read GET /api/metrics without the token. */
  metricsNetworks: string[];
  /**
   * Cross-country figures (the admin's region aggregates) hold back every group counting fewer
   * requests than this ("fewer than 5"), so that no figure points at one case.
   */
  aggregateMinGroup: number;
  /** The supervisors' figures and the region's overdue counts kept ready (ReadyFigures). */
  figures: ReadyFiguresSettings;
  /**
   * The roles whose accounts must sign in with a second factor (TOTP): none unless set, so that the
   * demo users keep signing in with their password; production sets
   * ENLACE_TOTP_REQUIRED_ROLES=cancilleria,central_authority,supervisor,admin.
   */
  totpRequiredRoles: string[];
  /** How long a one-time password link stays good. */
  passwordResetTtlSeconds: number;
  /** Brakes on guessing passwords, kept in PostgreSQL so that every API process applies the same count. */
  signIn: SignInThrottlePolicy;
  /** How every PDF is sealed with its issuing office's certificate (PAdES). */
  seal: SealSettings;
  /** Files a fiscal attaches to a request: at most this many, each at most this large. */
  annexes: { maxBytes: number; maxCount: number };
  /** Started by npm (`npm start`), which may exit on SIGTERM without passing it on: the process watches for npm's going. */
  startedByNpm: boolean;
}

/**
 * A figure counting at least `readyFromVisits` stage visits (the region's overdue counts: late visits) whose computing
 * took at least `readyFromMs` is kept ready: the workers compute it again every `refreshMs` (or twenty times its
 * computing, when longer) while it is read,
 * and a read takes it as it stands, saying the instant it was computed for. Older than five of those (no worker
 * running), it is computed again on the read.
 */
export interface ReadyFiguresSettings {
  readyFromVisits: number;
  readyFromMs: number;
  refreshMs: number;
}

/**
 * Sealing certificates. `pkcs12` empty: a demonstration authority and one certificate per office are
 * made in `dir` at first need and kept there (the embedded mode; not for official use). Otherwise each
 * issuing office's PKCS#12 file by office id (workflows/rules/offices.json), one passphrase, and the
 * certificates of the authorities a seal must chain to.
 */
export interface SealSettings {
  dir: string;
  pkcs12: Readonly<Record<string, string>>;
  passphrase: string | undefined;
  trust: readonly string[];
}

/**
 * How sign-in failures are braked, per e-mail address typed (whether or not an account has it, so
 * that the answer never tells) and per client address. Failures count within `windowSeconds`; from
 * the `freeFailures`-th on, the next attempt waits `firstDelaySeconds`, doubling with each further
 * failure; at `lockAfterFailures` on one e-mail the sign-in is locked for `lockSeconds`.
 */
export interface SignInThrottlePolicy {
  accountFreeFailures: number;
  addressFreeFailures: number;
  windowSeconds: number;
  firstDelaySeconds: number;
  lockAfterFailures: number;
  lockSeconds: number;
}

/**
 * What a process waits for PostgreSQL at most. A database that does not answer within these is
 * unavailable (503 with Retry-After), never a hang.
 */
export interface DatabaseBounds {
  /** Opening a connection, or waiting for a free one of the pool. */
  connectTimeoutMs: number;
  /** One statement: cancelled by PostgreSQL after this, and the connection dropped by us if it does not answer at all. */
  statementTimeoutMs: number;
  /** A transaction left open without a statement is ended by PostgreSQL after this (its locks released). */
  idleInTransactionTimeoutMs: number;
}

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

/**
 * The environment a child process of the platform (the embedded PostgreSQL, a bench's service) starts
 * with: this process's own, with `overrides` set or, where undefined, removed.
 */
export function childEnvironment(overrides: Env = {}): Env {
  const env: Env = { ...process.env, ...overrides };
  for (const [key, value] of Object.entries(overrides)) if (value === undefined) delete env[key];
  return env;
}

/**
 * How many PDF renderers a process starts unless ENLACE_RENDER_THREADS says: one core left to the
 * API, the job loop and PostgreSQL, two at most. Measured on 2 cores (issue 15, 6 clients walking 30
 * lifecycles back to back, one renderer against two, alternating): the same documents a second
 * (3.2-3.5 lifecycles a second either way), a render's wall time halved (35 against 67 ms, the two
 * had shared one core's worth), and a read while only documents render 10-15% faster.
 */
export function defaultRenderThreads(cores: number): number {
  return Math.max(1, Math.min(2, cores - 1));
}

function integer(env: Env, name: string, fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number between ${min} and ${max}, got "${raw}"`);
  }
  return value;
}

function boolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (raw !== 'true' && raw !== 'false') throw new ConfigError(`${name} must be true or false, got "${raw}"`);
  return raw === 'true';
}

function url(env: Env, name: string, protocols: string[]): string | undefined {
  const raw = env[name];
  if (!raw) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(`${name} is not a URL`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(`${name} must use ${protocols.join(' or ')}, got ${parsed.protocol}`);
  }
  return raw;
}

/** Comma-separated addresses or CIDR blocks, each checked here so that a typo stops the boot. */
function networks(env: Env, name: string, fallback: string): string[] {
  const list = (env[name] ?? fallback)
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  for (const entry of list) {
    const [address, bits, ...rest] = entry.split('/');
    const family = isIP(address);
    const max = family === 6 ? 128 : 32;
    if (family === 0 || rest.length > 0 || (bits !== undefined && !(/^\d+$/.test(bits) && Number(bits) <= max))) {
      throw new ConfigError(`${name} must list IP addresses or CIDR blocks separated by commas, got "${entry}"`);
    }
  }
  return list;
}

/** `ENLACE_SEAL_P12=GT-MINEX=/etc/enlace/gt-minex.p12,GT-MP=/etc/enlace/gt-mp.p12`. */
function sealSettings(env: Env, dataDir: string): SealSettings {
  const pkcs12: Record<string, string> = {};
  for (const entry of (env.ENLACE_SEAL_P12 ?? '').split(',').map((e) => e.trim()).filter(Boolean)) {
    const [office, file, ...rest] = entry.split('=');
    if (!office || !file || rest.length > 0 || !/^[A-Z]{2}-[A-Z0-9-]+$/.test(office)) {
      throw new ConfigError(`ENLACE_SEAL_P12 must list OFFICE-ID=/path/to/file.p12 separated by commas, got "${entry}"`);
    }
    pkcs12[office] = resolve(file);
  }
  const trust = (env.ENLACE_SEAL_TRUST ?? '').split(',').map((e) => e.trim()).filter(Boolean).map((file) => resolve(file));
  if (Object.keys(pkcs12).length > 0 && trust.length === 0) {
    throw new ConfigError('ENLACE_SEAL_TRUST must name the PEM certificate(s) of the authority that issued the ENLACE_SEAL_P12 files');
  }
  return { dir: resolve(env.ENLACE_SEAL_DIR ?? join(dataDir, 'seal')), pkcs12, passphrase: env.ENLACE_SEAL_P12_PASSPHRASE, trust };
}

function signInPolicy(env: Env): SignInThrottlePolicy {
  const accountFreeFailures = integer(env, 'ENLACE_SIGNIN_FREE_FAILURES', 5, 1, 100);
  const policy = {
    accountFreeFailures,
    addressFreeFailures: integer(env, 'ENLACE_SIGNIN_ADDRESS_FREE_FAILURES', 20, 1, 10_000),
    windowSeconds: 15 * 60,
    firstDelaySeconds: integer(env, 'ENLACE_SIGNIN_FIRST_DELAY_SECONDS', 60, 1, 3600),
    lockAfterFailures: integer(env, 'ENLACE_SIGNIN_LOCK_AFTER_FAILURES', 10, 2, 1000),
    lockSeconds: integer(env, 'ENLACE_SIGNIN_LOCK_SECONDS', 30 * 60, 60, 86_400),
  };
  if (policy.lockAfterFailures <= accountFreeFailures) {
    throw new ConfigError('ENLACE_SIGNIN_LOCK_AFTER_FAILURES must be more than ENLACE_SIGNIN_FREE_FAILURES');
  }
  return policy;
}

const ROLE_NAMES = ['fiscal', 'cancilleria', 'central_authority', 'supervisor', 'admin'];

function roles(env: Env, name: string): string[] {
  const list = (env[name] ?? '').split(',').map((r) => r.trim()).filter(Boolean);
  for (const role of list) if (!ROLE_NAMES.includes(role)) throw new ConfigError(`${name} must list roles among ${ROLE_NAMES.join(', ')}, got "${role}"`);
  return list;
}

const LOG_LEVELS = ['silent', 'error', 'warn', 'info', 'debug'] as const;

/**
 * The settings, validated once. `defaults` are a program's own values for settings its operator did
 * not set (the seeder's long bounds, say): what the environment says always wins.
 */
export function loadConfig(environment: Env = process.env, defaults: Env = {}): AppConfig {
  const env: Env = { ...defaults, ...environment };
  const databaseUrl = url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']);
  const redisUrl = url(env, 'REDIS_URL', ['redis:', 'rediss:']);
  const tokenSecret = env.ENLACE_TOKEN_SECRET;
  if (tokenSecret !== undefined && tokenSecret.length < 32) {
    throw new ConfigError('ENLACE_TOKEN_SECRET must be at least 32 characters');
  }
  const metricsToken = env.ENLACE_METRICS_TOKEN || undefined;
  if (metricsToken !== undefined && metricsToken.length < 16) throw new ConfigError('ENLACE_METRICS_TOKEN must be at least 16 characters');
  const logLevel = (env.ENLACE_LOG_LEVEL ?? 'info') as AppConfig['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) throw new ConfigError(`ENLACE_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
  const port = integer(env, 'PORT', 3000, 0, 65535);
  const host = env.HOST ?? (databaseUrl ? '0.0.0.0' : '127.0.0.1');
  const publicUrl = url(env, 'ENLACE_PUBLIC_URL', ['http:', 'https:']) ?? `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
  return {
    mode: databaseUrl ? 'external' : 'embedded',
    port,
    host,
    dataDir: resolve(env.ENLACE_DATA_DIR ?? './.enlace'),
    documentsDir: resolve(env.ENLACE_DOCUMENTS_DIR ?? join(env.ENLACE_DATA_DIR ?? './.enlace', 'documents')),
    renderThreads: integer(env, 'ENLACE_RENDER_THREADS', defaultRenderThreads(availableParallelism()), 1, 16),
    renderProcesses: boolean(env, 'ENLACE_RENDER_PROCESSES', !databaseUrl),
    renderNice: integer(env, 'ENLACE_RENDER_NICE', 10, 0, 19),
    databaseUrl,
    redisUrl,
    embeddedPostgresPort: env.ENLACE_EMBEDDED_PG_PORT ? integer(env, 'ENLACE_EMBEDDED_PG_PORT', 0, 1024, 65535) : undefined,
    tokenSecret,
    tokenTtlSeconds: integer(env, 'ENLACE_TOKEN_TTL_SECONDS', 900, 30, 86400),
    demoPassword: env.ENLACE_DEMO_PASSWORD ?? 'enlace-demo',
    bodyLimitBytes: integer(env, 'ENLACE_BODY_LIMIT_BYTES', 256 * 1024, 1024),
    logLevel,
    queuePrefix: env.ENLACE_QUEUE_PREFIX ?? 'enlace',
    jobAttempts: integer(env, 'ENLACE_JOB_ATTEMPTS', 5, 1, 50),
    jobBackoffMs: integer(env, 'ENLACE_JOB_BACKOFF_MS', 2000, 1, 3_600_000),
    jobMaxStalls: integer(env, 'ENLACE_JOB_MAX_STALLS', 5, 1, 100),
    outboxSweepMs: integer(env, 'ENLACE_OUTBOX_SWEEP_MS', 5000, 100),
    outboxLeaseMs: integer(env, 'ENLACE_OUTBOX_LEASE_MS', 10_000, 1000, 600_000),
    database: {
      connectTimeoutMs: integer(env, 'ENLACE_DB_CONNECT_TIMEOUT_MS', 5000, 100, 600_000),
      // Up to a day: the synthetic seeder's statements at ten million requests (bulkBounds).
      statementTimeoutMs: integer(env, 'ENLACE_DB_STATEMENT_TIMEOUT_MS', 10_000, 100, 86_400_000),
      idleInTransactionTimeoutMs: integer(env, 'ENLACE_DB_IDLE_IN_TRANSACTION_TIMEOUT_MS', 10_000, 100, 3_600_000),
    },
    queueTimeoutMs: integer(env, 'ENLACE_QUEUE_TIMEOUT_MS', 5000, 100, 600_000),
    queueConnectTimeoutMs: integer(env, 'ENLACE_QUEUE_CONNECT_TIMEOUT_MS', 30_000, 100, 3_600_000),
    retryAfterSeconds: integer(env, 'ENLACE_RETRY_AFTER_SECONDS', 5, 1, 3600),
    publicUrl: publicUrl.replace(/\/+$/, ''),
    metricsToken,
    metricsNetworks: networks(env, 'ENLACE_METRICS_NETWORKS', '127.0.0.1,::1'),
    signIn: signInPolicy(env),
    aggregateMinGroup: integer(env, 'ENLACE_AGGREGATE_MIN_GROUP', 5, 1, 1000),
    figures: {
      readyFromVisits: integer(env, 'ENLACE_FIGURES_READY_FROM_VISITS', 100_000, 0),
      readyFromMs: integer(env, 'ENLACE_FIGURES_READY_FROM_MS', 50, 0, 3_600_000),
      refreshMs: integer(env, 'ENLACE_FIGURES_REFRESH_MS', 60_000, 1000, 86_400_000),
    },
    totpRequiredRoles: roles(env, 'ENLACE_TOTP_REQUIRED_ROLES'),
    passwordResetTtlSeconds: integer(env, 'ENLACE_PASSWORD_RESET_TTL_SECONDS', 24 * 3600, 300, 7 * 24 * 3600),
    seal: sealSettings(env, resolve(env.ENLACE_DATA_DIR ?? './.enlace')),
    annexes: {
      maxBytes: integer(env, 'ENLACE_ANNEX_MAX_BYTES', 20 * 1024 * 1024, 1024, 25 * 1024 * 1024),
      maxCount: integer(env, 'ENLACE_ANNEX_MAX_COUNT', 20, 1, 200),
    },
    startedByNpm: Boolean(env.npm_lifecycle_event),
  };
}
