import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@enlace/config';
import { QUEUE_OF, QueueName, createQueue, type JobName, type QueueBackend, type QueueHandle } from '@enlace/queue';

export const QUEUE_BACKEND = Symbol('QUEUE_BACKEND');

/** The queue port: hands a job to BullMQ under the outbox row's id, so a second hand-off is a no-op. */
@Injectable()
export class JobQueue implements OnModuleDestroy {
  private readonly logger = new Logger(JobQueue.name);
  private readonly queues = new Map<QueueName, QueueHandle>();

  constructor(
    @Inject(QUEUE_BACKEND) private readonly backend: QueueBackend,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** `delayMs`: a delayed job (a deadline's alarm), run that long from now. */
  async enqueue(job: JobName, outboxId: string, delayMs = 0): Promise<void> {
    await this.queue(QUEUE_OF[job]).add(job, { outboxId }, {
      jobId: outboxId,
      ...(delayMs > 0 && { delay: Math.round(delayMs) }),
      // Tried jobAttempts times, waiting jobBackoffMs, then twice that, and so on (2 s, 4 s, 8 s, 16 s).
      attempts: this.config.jobAttempts,
      backoff: { type: 'exponential', delay: this.config.jobBackoffMs },
      removeOnComplete: true,
      removeOnFail: { age: 7 * 24 * 3600 },
    });
  }

  /** How many jobs wait for a worker in each queue, and since when the oldest has waited. */
  async waiting(): Promise<{ queue: QueueName; jobs: number; oldestSince: Date | null }[]> {
    return Promise.all(
      Object.values(QueueName).map(async (name) => {
        const queue = this.queue(name);
        const jobs = await queue.getWaitingCount();
        if (jobs === 0) return { queue: name, jobs, oldestSince: null };
        // The oldest is at one end of the list, which end depends on the backend (Redis or PostgreSQL).
        const ends = await Promise.all([queue.getWaiting(0, 0), queue.getWaiting(jobs - 1, jobs - 1)]);
        const since = Math.min(...ends.flat().map((job) => job.timestamp));
        return { queue: name, jobs, oldestSince: Number.isFinite(since) ? new Date(since) : null };
      }),
    );
  }

  private queue(name: QueueName): QueueHandle {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = createQueue(this.backend, name);
      this.queues.set(name, queue);
    }
    return queue;
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close().catch((e) => this.logger.warn(String(e)))));
    this.queues.clear();
  }
}
