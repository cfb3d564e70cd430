import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@enlace/config';
import { Clock, DependencyStatus, isUnavailable, reasonOf } from '@enlace/core';
import { OutboxRepository } from '@enlace/persistence';
import { isJobName } from '@enlace/queue';
import { JobQueue } from './job-queue.js';

/** A dispatched row not done after this long is handed to the queue again (its job may be lost). */
const REDISPATCH_AFTER_MS = 60_000;
const BATCH = 100;

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

  /** Dispatches everything pending now; resolves when done (tests and shutdown wait on it). */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const now = this.clock.now();
      const rows = await this.outbox.claimForDispatch(new Date(now.getTime() - REDISPATCH_AFTER_MS), BATCH, now).catch((error: unknown) => {
        if (isUnavailable(error)) this.status.down('database', reasonOf(error));
        throw error;
      });
      for (const row of rows) {
        if (!isJobName(row.job)) {
          await this.outbox.recordError(row.id, `Unknown job ${row.job}`);
          continue;
        }
        try {
          await this.queue.enqueue(row.job, row.id, row.runAt ? row.runAt.getTime() - now.getTime() : 0);
          total += 1;
        } catch (error) {
          await this.outbox.release(row.id, String(error));
          throw error;
        }
      }
      if (rows.length < BATCH) return total;
    }
  }
}
