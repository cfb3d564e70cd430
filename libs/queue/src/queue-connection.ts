import { setTimeout as sleep } from 'node:timers/promises';
import { Queue, Worker, createPostgresBackend, type ConnectionOptions, type Job, type JobsOptions } from 'bullmq';
import type { JobData } from './job-catalogue.js';

/**
 * Where BullMQ keeps its queues: Redis in production, or the service's own PostgreSQL when it runs
 * embedded (BullMQ 6's PostgreSQL backend: the same Queue and Worker API, so the same processors).
 */
export type QueueBackend =
  | { kind: 'redis'; url: string; prefix: string }
  /** `pool`: node-postgres pool settings (the bounded waits of the service's own pool). */
  | { kind: 'postgres'; url: string; pool?: Record<string, unknown> };

/** Where the queues are, for a log line: never the password. */
export function describeBackend(backend: QueueBackend): string {
  const url = new URL(backend.url);
  return `${backend.kind === 'redis' ? 'Redis' : 'PostgreSQL'} at ${url.host}`;
}

/** The part of a BullMQ Queue the platform uses, whichever backend is behind it. */
export interface QueueHandle {
  add(name: string, data: JobData, options: JobsOptions): Promise<unknown>;
  getWaitingCount(): Promise<number>;
  /** Waiting jobs between two positions of the list; each has its `timestamp` of creation. */
  getWaiting(start?: number, end?: number): Promise<Pick<Job, 'timestamp'>[]>;
  close(): Promise<void>;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

/** The part of a BullMQ Worker the platform uses. */
export interface WorkerHandle {
  on(event: 'failed', listener: (job: Job<JobData> | undefined, error: Error) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  waitUntilReady(): Promise<unknown>;
  close(force?: boolean): Promise<void>;
}

export interface WorkerSettings {
  concurrency: number;
  /** How often a job may lose its worker and go back to the queue before BullMQ fails it for good. */
  maxStalledCount: number;
}

const POSTGRES_SCHEMA = 'bullmq';

// `migrate`: BullMQ creates or upgrades its own tables in the schema at first connection.
const postgresConnection = (backend: { url: string; pool?: Record<string, unknown> }) => ({
  ...backend.pool,
  connectionString: backend.url,
  schema: POSTGRES_SCHEMA,
  max: 4,
  migrate: true,
});

/**
 * Workers block on Redis: they must never give up a command (BullMQ: maxRetriesPerRequest null).
 * Options rather than a client, so that BullMQ owns its connections and closes them on close() (a
 * client passed in is shared and was left open: a closed worker kept its process alive).
 */
const redisConnection = (url: string): ConnectionOptions => ({ url, maxRetriesPerRequest: null, retryStrategy: reconnectDelay });

/**
 * Reconnect within a few seconds of Redis coming back (1 s, 2 s, ... then every 5 s), rather than
 * BullMQ's default that grows to 20 s between attempts: a short outage must not cost a long stall.
 */
function reconnectDelay(attempt: number): number {
  return Math.min(attempt * 1000, 5000);
}

/**
 * A producer fails fast while Redis is unreachable (no offline queue): the outbox row stays pending
 * and the sweep hands it over once Redis is back, instead of a command parked in memory.
 */
const producerConnection = (url: string): ConnectionOptions => ({ url, maxRetriesPerRequest: 1, enableOfflineQueue: false, retryStrategy: reconnectDelay });

/** How often one queue operation is run again after PostgreSQL aborted it as a deadlock. */
const DEADLOCK_ATTEMPTS = 5;

/**
 * BullMQ's PostgreSQL backend, with a queue operation that PostgreSQL aborts as a deadlock run again.
 * Every operation is one statement (a stored function) in a transaction of its own on the backend's
 * pool. Two workers finishing or claiming jobs at once each promote the delayed jobs that are due
 * (retries waiting out their backoff) and can lock them in opposite orders; PostgreSQL then aborts
 * one of them with 40P01 ("deadlock detected", seen under load in CI with BullMQ 6.7.0). The aborted
 * statement wrote nothing, so running it again is safe, and it is what PostgreSQL's documentation
 * advises; without it the worker reported an error and the finished job stayed active until its lock
 * expired and it ran a second time. Clients checked out of the pool (LISTEN, migrations) are untouched.
 */
export const createPostgresBackendRetryingDeadlocks: typeof createPostgresBackend = (name, options, factoryOptions) => {
  const backend = createPostgresBackend(name, options, factoryOptions);
  const pool = backend.connection.pool;
  const query = pool.query.bind(pool);
  pool.query = async (text, params) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await query(text, params);
      } catch (error) {
        if ((error as { code?: string }).code !== '40P01' || attempt === DEADLOCK_ATTEMPTS) throw error;
        // A random pause, growing with the attempts, so the two sides do not meet again at once.
        await sleep(Math.random() * 20 * attempt);
      }
    }
  };
  return backend;
};

export function createQueue(backend: QueueBackend, name: string): QueueHandle {
  return backend.kind === 'redis'
    ? new Queue(name, { connection: producerConnection(backend.url), prefix: backend.prefix })
    : new Queue(name, { connection: postgresConnection(backend) }, createPostgresBackendRetryingDeadlocks);
}

export function createWorker(
  backend: QueueBackend,
  name: string,
  processor: (job: Job<JobData>, token?: string) => Promise<void>,
  settings: WorkerSettings,
): WorkerHandle {
  // Jobs here take well under a second: a worker that dies holding one gives it back within about
  // 15 s (lock expiry plus the next stalled check) instead of BullMQ's default of up to a minute.
  const options = { ...settings, autorun: true, lockDuration: 10_000, stalledInterval: 5_000 };
  return backend.kind === 'redis'
    ? new Worker(name, processor, { ...options, connection: redisConnection(backend.url), prefix: backend.prefix })
    : new Worker(name, processor, { ...options, connection: postgresConnection(backend) }, createPostgresBackendRetryingDeadlocks);
}
