import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@enlace/config';
import { DependencyStatus, QUEUE_TIMEOUT, isUnavailable, reasonOf, withDeadline } from '@enlace/core';
import { QUEUE_OF, QueueName, createQueue, describeBackend, type JobName, type QueueBackend, type QueueHandle } from '@enlace/queue';

export const QUEUE_BACKEND = Symbol('QUEUE_BACKEND');

/** The queue port: hands a job to BullMQ under the outbox row's id, so a second hand-off is a no-op. */
@Injectable()
export class JobQueue implements OnModuleDestroy {
  private readonly logger = new Logger(JobQueue.name);
  private readonly queues = new Map<QueueName, QueueHandle>();

  constructor(
    @Inject(QUEUE_BACKEND) private readonly backend: QueueBackend,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly status: DependencyStatus,
  ) {
    status.name('queue', `The queue backend (${describeBackend(backend)})`);
  }

  /** `delayMs`: a delayed job (a deadline's alarm), run that long from now. Fails within queueTimeoutMs. */
  async enqueue(job: JobName, outboxId: string, delayMs = 0): Promise<void> {
    await this.bounded(this.queue(QUEUE_OF[job]).add(job, { outboxId }, {
      jobId: outboxId,
      ...(delayMs > 0 && { delay: Math.round(delayMs) }),
      // Tried jobAttempts times, waiting jobBackoffMs, then twice that, and so on (2 s, 4 s, 8 s, 16 s).
      attempts: this.config.jobAttempts,
      backoff: { type: 'exponential', delay: this.config.jobBackoffMs },
      removeOnComplete: true,
      removeOnFail: { age: 7 * 24 * 3600 },
    }));
  }

  /** Whether the queue backend answers a command within queueTimeoutMs (readiness); throws if not. */
  async ping(timeoutMs = this.config.queueTimeoutMs): Promise<void> {
    await this.bounded(this.queue(QueueName.Documents).getWaitingCount(), timeoutMs);
  }

  /** Where the queues are, for log lines and readiness: never a password. */
  describe(): string {
    return describeBackend(this.backend);
  }

  /** A command that does not answer in time fails (and says the queue backend is down) instead of hanging. */
  private async bounded<T>(work: Promise<T>, timeoutMs = this.config.queueTimeoutMs): Promise<T> {
    try {
      const result = await withDeadline(work, timeoutMs, QUEUE_TIMEOUT, `${this.describe()} did not answer within ${timeoutMs} ms`);
      this.status.up('queue');
      return result;
    } catch (error) {
      if (isUnavailable(error)) this.status.down('queue', reasonOf(error));
      throw error;
    }
  }
  /** How many jobs wait for a worker in each queue, and since when the oldest has waited. */
  async waiting(): Promise<{ queue: QueueName; jobs: number; oldestSince: Date | null }[]> {
    return Promise.all(
      Object.values(QueueName).map(async (name) => {
        const queue = this.queue(name);
        const jobs = await this.bounded(queue.getWaitingCount());
        if (jobs === 0) return { queue: name, jobs, oldestSince: null };
        // The oldest is at one end of the list, which end depends on the backend (Redis or PostgreSQL).
        const ends = await this.bounded(Promise.all([queue.getWaiting(0, 0), queue.getWaiting(jobs - 1, jobs - 1)]));
        const since = Math.min(...ends.flat().map((job) => job.timestamp));
        return { queue: name, jobs, oldestSince: Number.isFinite(since) ? new Date(since) : null };
      }),
    );
  }

  private queue(name: QueueName): QueueHandle {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = createQueue(this.backend, name);
      // Each reconnection attempt is an 'error': it sets the state, which logs one line when it changes.
      queue.on('error', (error) => (isUnavailable(error) ? this.status.down('queue', reasonOf(error)) : this.logger.warn(`Queue ${name}: ${reasonOf(error)}`)));
      this.queues.set(name, queue);
    }
    return queue;
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close().catch((e) => this.logger.warn(String(e)))));
    this.queues.clear();
  }
}
