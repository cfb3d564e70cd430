import { Injectable, Logger } from '@nestjs/common';

/** The code of the error a query gets when PostgreSQL did not answer it in time. */
export const DATABASE_TIMEOUT = 'ENLACE_DB_TIMEOUT';
/** The code of the error a queue command gets when the queue backend did not answer it in time. */
export const QUEUE_TIMEOUT = 'ENLACE_QUEUE_TIMEOUT';

// Connection-level failures: the database or the queue backend is down, restarting, full or frozen.
// 57014: a statement cancelled by statement_timeout; 25P03: idle_in_transaction_session_timeout.
const CODES = new Set([
  DATABASE_TIMEOUT,
  QUEUE_TIMEOUT,
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  '57P01',
  '57P02',
  '57P03',
  '57014',
  '25P03',
  '53300',
]);
// node-postgres says these in words only: a pool that could not hand out a connection in time, a
// connection that could not be opened in time or that dropped.
// ioredis, in words too: a command refused while the connection is down.
const MESSAGES = [
  /timeout exceeded when trying to connect/i,
  /^timeout expired$/i,
  /^Connection terminated/i,
  /is not queryable/i,
  /Query read timeout/i,
  /Stream isn't writeable/i,
  /^Connection is closed/i,
  /Reached the max retries per request limit/i,
];

/** Whether an error says that a service the platform needs is unreachable (a 503, never a 500). */
export function isUnavailable(error: unknown): boolean {
  // TypeORM wraps the driver's error (driverError); others chain it as `cause`.
  let current: unknown = error;
  for (let depth = 0; current && depth < 4; depth++) {
    const { code, message } = current as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && (CODES.has(code) || /^08/.test(code))) return true;
    if (typeof message === 'string' && MESSAGES.some((m) => m.test(message))) return true;
    current = (current as { driverError?: unknown }).driverError ?? (current as { cause?: unknown }).cause;
  }
  return false;
}

/** A short reason for a log line: the error's code and first line, never a stack. */
export function reasonOf(error: unknown): string {
  const hasMessage = (e: unknown): e is { message: string; code?: unknown } => typeof (e as { message?: unknown })?.message === 'string';
  if (!hasMessage(error)) return String(error);
  const driver = (error as { driverError?: unknown }).driverError;
  const root = hasMessage(driver) ? driver : error;
  const code = root.code;
  const first = root.message.split('\n')[0];
  return typeof code === 'string' && !first.includes(code) ? `${code}: ${first}` : first;
}

/** `work`, or an error with `code` once `ms` have passed (the work itself is left to finish or fail). */
export async function withDeadline<T>(work: Promise<T>, ms: number, code: string, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(message), { code })), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

export type Dependency = 'database' | 'queue';

/** How long after a dependency answered again a failure is taken for a connection still reconnecting. */
const SETTLE_MS = 5000;

const LINES: Record<Dependency, { down: string; up: string }> = {
  database: {
    down: 'does not answer: requests that need it answer 503 until it is back',
    up: 'answers again',
  },
  queue: {
    down: 'does not answer: changes are still saved, their documents and notifications wait in the outbox until it is back',
    up: 'answers again; the outbox hands it what waited',
  },
};

/**
 * What this process last saw of each dependency. Every component that meets a failure reports it
 * here, and one line is logged per change of state (down, then up again), instead of a stack per
 * retry and per client.
 */
@Injectable()
export class DependencyStatus {
  private readonly logger = new Logger('Dependencies');
  private readonly states = new Map<Dependency, { up: boolean; since: number }>();
  private readonly names: Record<Dependency, string> = { database: 'PostgreSQL', queue: 'The queue backend' };

  /** How log lines name a dependency, e.g. the queue backend's address (never a password). */
  name(dependency: Dependency, name: string): void {
    this.names[dependency] = name;
  }

  up(dependency: Dependency): void {
    const state = this.states.get(dependency);
    if (state?.up) return;
    this.states.set(dependency, { up: true, since: Date.now() });
    // The first "up" of a start is not news; coming back is.
    if (state) this.logger.log(`${this.names[dependency]} ${LINES[dependency].up} (down ${Math.round((Date.now() - state.since) / 1000)} s)`);
  }

  down(dependency: Dependency, reason: string): void {
    const state = this.states.get(dependency);
    if (state && !state.up) return;
    // Just back: the other connections to it are still reconnecting, and their last failures are not
    // news. A dependency really down again keeps failing, and is reported after this.
    if (state?.up && Date.now() - state.since < SETTLE_MS) return;
    this.states.set(dependency, { up: false, since: Date.now() });
    this.logger.warn(`${this.names[dependency]} ${LINES[dependency].down} (${reason})`);
  }

  /** Undefined until this process has seen it either way. */
  isUp(dependency: Dependency): boolean | undefined {
    return this.states.get(dependency)?.up;
  }
}
