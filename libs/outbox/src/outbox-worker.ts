import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '@enlace/config';
import { Clock, DependencyStatus, QUEUE_TIMEOUT, isUnavailable, reasonOf, withDeadline } from '@enlace/core';
import { OutboxRepository } from '@enlace/persistence';
import { QUEUE_OF, createWorker, describeBackend, type JobData, type QueueBackend, type QueueName, type WorkerHandle } from '@enlace/queue';
import { OUTBOX_HANDLERS, WaitForPrerequisiteError, type OutboxHandler } from './outbox-handler.js';
import { QUEUE_BACKEND } from './job-queue.js';

export const WORKER_CONCURRENCY = Symbol('WORKER_CONCURRENCY');

/** A job may wait this long in all for what it cites; longer, and the wait counts as a failed attempt. */
const MAX_WAIT_MS = 30 * 60_000;

/** Consumes the queues: loads the outbox row named by the job, runs its handler, marks it done. */
@Injectable()
export class OutboxWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxWorker.name);
  private readonly workers: WorkerHandle[] = [];
  private readonly handlers: Map<string, OutboxHandler>;
  private stopping: Promise<void> | undefined;
  private lastError: Error | undefined;

  constructor(
    @Inject(QUEUE_BACKEND) private readonly backend: QueueBackend,
    @Inject(OUTBOX_HANDLERS) handlers: OutboxHandler[],
    @Inject(WORKER_CONCURRENCY) private readonly concurrency: number,
    private readonly outbox: OutboxRepository,
    private readonly clock: Clock,
    private readonly status: DependencyStatus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.handlers = new Map(handlers.map((h) => [h.job, h]));
  }

  async onApplicationBootstrap(): Promise<void> {
    const queues = new Set<QueueName>([...this.handlers.keys()].map((job) => QUEUE_OF[job as keyof typeof QUEUE_OF]));
    for (const queue of queues) {
      const worker = createWorker(this.backend, queue, (job, token) => this.process(job, token), {
        concurrency: this.concurrency,
        maxStalledCount: this.config.jobMaxStalls,
      });
      worker.on('failed', (job, error) => void this.failed(job, error));
      worker.on('error', (error) => {
        this.lastError = error;
        if (isUnavailable(error)) this.status.down('queue', reasonOf(error));
        else this.logger.warn(`Worker ${queue}: ${reasonOf(error)}`);
      });
      this.workers.push(worker);
    }
    // A worker that never reaches its queues consumes nothing: it says so and the process ends (exit
    // 1), so that a wrong REDIS_URL shows as a failed start rather than a worker silently idle.
    const limit = this.config.queueConnectTimeoutMs;
    try {
      await withDeadline(Promise.all(this.workers.map((w) => w.waitUntilReady())), limit, QUEUE_TIMEOUT, 'not ready');
    } catch (error) {
      for (const worker of this.workers) void worker.close(true).catch(() => undefined);
      const cause = this.lastError ? reasonOf(this.lastError) : reasonOf(error);
      throw new Error(`Cannot reach the queue backend (${describeBackend(this.backend)}) within ${limit / 1000} s (${cause}): check REDIS_URL`);
    }
    this.status.up('queue');
  }

  async onApplicationShutdown(): Promise<void> {
    // A stop already under way (stopPlatform) is waited for there, with its bound.
    if (!this.stopping) await this.stop();
  }

  /** Takes no new job; resolves when the active ones have finished. */
  stop(): Promise<void> {
    this.stopping ??= Promise.all(this.workers.map((w) => w.close())).then(() => undefined);
    return this.stopping;
  }

  /**
   * One job: at-least-once delivery, so a row already done is acknowledged and left alone. A handler
   * that waits on another job's work puts its job back, delayed, without spending an attempt.
   */
  async process(job: Pick<Job<JobData>, 'name' | 'data'> & Partial<Pick<Job<JobData>, 'moveToDelayed' | 'timestamp'>>, token?: string): Promise<void> {
    const row = await this.outbox.findById(job.data.outboxId);
    if (!row || row.doneAt) return;
    const handler = this.handlers.get(row.job);
    if (!handler) throw new Error(`No handler for ${row.job}`);
    try {
      await handler.handle(row);
    } catch (error) {
      const waited = Date.now() - (job.timestamp ?? Date.now());
      if (error instanceof WaitForPrerequisiteError && job.moveToDelayed && token && waited < MAX_WAIT_MS) {
        await job.moveToDelayed(Date.now() + error.delayMs, token);
        // BullMQ's way of saying: not failed, not done, moved to the delayed set by the processor.
        throw new DelayedError();
      }
      throw error;
    }
    await this.outbox.markDone(row.id, this.clock.now());
  }

  private async failed(job: Job<JobData> | undefined, error: Error): Promise<void> {
    if (!job) return;
    try {
      await this.outbox.recordError(job.data.outboxId, error.message);
      // BullMQ tries it again, unless it gave it up at once (a job that lost its worker more than
      // jobMaxStalls times fails unrecoverably, attempts left or not).
      if (!(error instanceof UnrecoverableError) && job.attemptsMade < (job.opts.attempts ?? 1)) return;
      const row = await this.outbox.findById(job.data.outboxId);
      if (!row) return;
      await this.handlers.get(row.job)?.exhausted?.(row, error);
      // Dead-lettered: the sweep stops re-sending it; a new attempt is a new outbox row.
      await this.outbox.markDone(row.id, this.clock.now());
    } catch (e) {
      this.logger.error(`Could not record the failure of job ${job.id}: ${String(e)}`);
    }
  }
}
