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
