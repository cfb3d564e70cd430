import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@enlace/config';
import { Clock, DependencyStatus, isUnavailable, reasonOf } from '@enlace/core';
import { OutboxRepository } from '@enlace/persistence';
import { isJobName } from '@enlace/queue';
import { JobQueue } from './job-queue.js';

/**
 * A row the queue took and that is not done after this long is handed over again (Redis may have lost
 * the job); under the same job id, a no-op while the queue still has it.
 */
const REDISPATCH_AFTER_MS = 60_000;
const BATCH = 100;
/** Jobs handed to the queue at once, out of a batch. */
const HAND_OVER = 16;

/**
 * Hands committed outbox rows to the queue. Called right after each commit (`kick`), and by a
 * periodic sweep that re-sends what a crash between commit and enqueue, or a lost Redis, left behind.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(OutboxRelay.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private again = false;

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly queue: JobQueue,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly status: DependencyStatus,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.kick(), this.config.outboxSweepMs);
    this.timer.unref();
    this.kick();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** At shutdown: stops the sweep and hands to the queue what the last requests committed. Never throws. */
  async flush(): Promise<void> {
    await this.onModuleDestroy();
    await this.drain().catch((error: unknown) => this.logger.warn(`Outbox not flushed, the next start's sweep will: ${reasonOf(error)}`));
  }

  /** Starts a dispatch pass, or asks the running one to go round once more. Never throws. */
  kick(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      // A dependency that is down is said once, by its state change; anything else here is a bug to see.
      .catch((error: unknown) => isUnavailable(error) || this.logger.warn(`Outbox dispatch failed, the sweep will retry: ${reasonOf(error)}`))
      .finally(() => {
        this.running = undefined;
        if (this.again && this.timer) {
          this.again = false;
          this.kick();
        }
      });
  }

  /**
   * Dispatches everything pending now; resolves when done (tests and shutdown wait on it). The rows it
   * claims are leased for outboxLeaseMs and the lease renewed while it works: if this process dies
   * holding them, another relay (or the next start) takes them once the lease lapses, within seconds.
   */
  async drain(): Promise<number> {
    let total = 0;
    const leaseMs = this.config.outboxLeaseMs;
    for (;;) {
      const now = this.clock.now();
      const rows = await this.outbox
        .claimForDispatch({
          now,
          leaseUntil: new Date(now.getTime() + leaseMs),
          staleEnqueuedBefore: new Date(now.getTime() - REDISPATCH_AFTER_MS),
          limit: BATCH,
        })
        .catch((error: unknown) => {
          if (isUnavailable(error)) this.status.down('database', reasonOf(error));
          throw error;
        });
      const held = new Set(rows.map((row) => row.id));
      const heartbeat = setInterval(
        () => void this.outbox.renewLease([...held], new Date(this.clock.now().getTime() + leaseMs)).catch(() => undefined),
        Math.max(100, Math.floor(leaseMs / 3)),
      );
      heartbeat.unref();
      try {
        const jobs = [];
        for (const row of rows) {
          if (isJobName(row.job)) jobs.push({ row, job: row.job });
          else {
            await this.outbox.recordError(row.id, `Unknown job ${row.job}`);
            held.delete(row.id);
          }
        }
        // The batch's jobs handed over HAND_OVER at a time, each group marked in one statement: one at
        // a time (a queue round trip and an UPDATE each) the relay fell behind 6 clients, and a document
        // waited 1.2 s (Redis) to 2.9 s (PostgreSQL's queue) mean between its step's commit and its job
        // (issue 15); the group stays small enough for PostgreSQL's queue, whose pool takes 4 at once,
        // to answer each within queueTimeoutMs.
        for (let from = 0; from < jobs.length; from += HAND_OVER) {
          const group = jobs.slice(from, from + HAND_OVER);
          const at = this.clock.now().getTime();
          const handed = await Promise.allSettled(group.map(({ row, job }) => this.queue.enqueue(job, row.id, row.runAt ? row.runAt.getTime() - at : 0)));
          const enqueued = group.filter((_, i) => handed[i]!.status === 'fulfilled').map(({ row }) => row.id);
          await this.outbox.markEnqueued(enqueued, this.clock.now());
          for (const id of enqueued) held.delete(id);
          total += enqueued.length;
          const refused = handed.find((result): result is PromiseRejectedResult => result.status === 'rejected');
          if (refused) throw refused.reason;
        }
      } catch (error) {
        // What is left of the batch goes back at once rather than waiting for its lease to lapse.
        await this.outbox.release([...held], reasonOf(error)).catch(() => undefined);
        throw error;
      } finally {
        clearInterval(heartbeat);
      }
      if (rows.length < BATCH) return total;
    }
  }
}
