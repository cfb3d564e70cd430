import { Injectable, type OnModuleInit } from '@nestjs/common';
import { JobQueue } from '@enlace/outbox';
import { Metrics } from '@enlace/observability';
import { StagesRepository } from '@enlace/persistence';

/** The gauges read at scrape time from where the truth is kept: the queues and the database. */
@Injectable()
export class MetricsProbes implements OnModuleInit {
  constructor(
    private readonly metrics: Metrics,
    private readonly queue: JobQueue,
    private readonly stages: StagesRepository,
  ) {}

  onModuleInit(): void {
    this.metrics.probe(async () => {
      const now = Date.now();
      for (const { queue, jobs, oldestSince } of await this.queue.waiting()) {
        this.metrics.queueWaiting.set({ queue }, jobs);
        this.metrics.queueOldestWaiting.set({ queue }, oldestSince ? Math.max(0, (now - oldestSince.getTime()) / 1000) : 0);
      }
    });
    this.metrics.probe(async () => this.metrics.overdueOpen.set(await this.stages.countOverdueOpen()));
  }
}
