import { Logger, type INestApplicationContext } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AppConfig } from '@enlace/config';
import { OutboxRelay, OutboxWorker } from '@enlace/outbox';

/** How long the HTTP requests in flight may take to finish once a stop is asked for. */
export const HTTP_DRAIN_MS = 10_000;
/** How long the jobs being processed may take to finish; then they are left to BullMQ's stall check. */
export const JOBS_DRAIN_MS = 10_000;
/** A stop that has not finished after this long exits the process anyway (non-zero). */
const STOP_DEADLINE_MS = 40_000;

/**
 * Runs `stop` once, on the first SIGTERM or SIGINT (or when npm, which started this process, has
 * gone: npm may exit on SIGTERM without passing it on), then exits 0, or 1 when stop fails or
 * overruns its deadline. The one place a process of the platform decides to end.
 */
export function stopOnSignals(logger: Logger, config: Pick<AppConfig, 'startedByNpm'>, stop: (reason: string) => Promise<void>): void {
  let stopping = false;
  const begin = (reason: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${reason}: stopping`);
    setTimeout(() => {
      logger.error(`Still stopping after ${STOP_DEADLINE_MS / 1000} s: exiting anyway`);
      process.exit(1);
    }, STOP_DEADLINE_MS).unref();
    stop(reason).then(
      () => {
        logger.log('Stopped');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error(`Stop failed: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => begin('SIGTERM'));
  process.on('SIGINT', () => begin('SIGINT'));
  if (config.startedByNpm) {
    const parent = process.ppid;
    setInterval(() => process.ppid !== parent && begin('npm has exited'), 250).unref();
  }
}

/**
 * The order of a graceful stop: no new connections and the requests in flight answered (bounded),
 * the job consumers stopped (active jobs finish, bounded), what the last requests committed handed to
 * the queue, then Nest's own hooks close the queues and the pools. The embedded PostgreSQL, if any,
 * is the caller's to stop after this.
 */
export async function stopPlatform(app: INestApplicationContext, logger: Logger): Promise<void> {
  const http = (app as Partial<NestFastifyApplication>).getHttpAdapter?.().getInstance();
  if (http) {
    const closed = http.close();
    // A keep-alive connection that finishes its request after the close began would otherwise hold
    // the close open until its keep-alive timeout (72 s): each is closed as soon as it is idle.
    const idle = setInterval(() => http.server.closeIdleConnections(), 50);
    try {
      if ((await within(closed, HTTP_DRAIN_MS)) === 'late') {
        logger.warn(`HTTP requests still open after ${HTTP_DRAIN_MS / 1000} s: closing their connections`);
        http.server.closeAllConnections();
        await closed;
      }
    } finally {
      clearInterval(idle);
    }
  }
  const worker = optional(app, OutboxWorker);
  if (worker && (await within(worker.stop(), JOBS_DRAIN_MS)) === 'late') {
    logger.warn(`Jobs still running after ${JOBS_DRAIN_MS / 1000} s: leaving them to BullMQ's stall check, which retries them`);
  }
  await optional(app, OutboxRelay)?.flush();
  await app.close();
}

function optional<T>(app: INestApplicationContext, type: abstract new (...args: never[]) => T): T | undefined {
  try {
    return app.get(type, { strict: false });
  } catch {
    return undefined;
  }
}

async function within(work: Promise<unknown>, ms: number): Promise<'done' | 'late'> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), ms)));
  try {
    return await Promise.race([work.then(() => 'done' as const), late]);
  } finally {
    clearTimeout(timer);
  }
}
