import { Injectable, Logger } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Refreshes gauges just before a scrape, from where the truth is kept (the queues, the database). */
export type MetricsProbe = () => Promise<void>;

/**
 * The process's Prometheus metrics (prom-client), one registry per application so that several apps
 * in one process (the tests) never share counters. Counters are counted where the thing happens; the
 * gauges of queues and deadlines are read at scrape time by the probes their owners register.
 */
@Injectable()
export class Metrics {
  private readonly logger = new Logger(Metrics.name);
  readonly registry = new Registry();
  private readonly probes: MetricsProbe[] = [];

  readonly httpRequestDuration = new Histogram({
    name: 'enlace_http_request_duration_seconds',
    help: 'HTTP requests by method, route pattern and status, and how long they took to answer',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly transitions = new Counter({
    name: 'enlace_transitions_total',
    help: 'Workflow events committed (a request changed state), by event',
    labelNames: ['event'] as const,
    registers: [this.registry],
  });

  readonly documentsRendered = new Counter({
    name: 'enlace_documents_rendered_total',
    help: 'Documents rendered and stored, by kind',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });

  readonly documentsFailed = new Counter({
    name: 'enlace_documents_failed_total',
    help: 'Documents given up after their last attempt (shown as failed; a supervisor may re-queue them)',
    registers: [this.registry],
  });

  readonly queueWaiting = new Gauge({
    name: 'enlace_queue_waiting_jobs',
    help: 'Jobs waiting for a worker, by queue',
    labelNames: ['queue'] as const,
    registers: [this.registry],
  });

  readonly queueOldestWaiting = new Gauge({
    name: 'enlace_queue_oldest_waiting_seconds',
    help: 'Age of the oldest job waiting for a worker, by queue (0 when none waits)',
    labelNames: ['queue'] as const,
    registers: [this.registry],
  });

  readonly overdueOpen = new Gauge({
    name: 'enlace_deadlines_overdue_open',
    help: 'Stage deadlines passed with the request still in that stage',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'enlace_' });
  }

  probe(probe: MetricsProbe): void {
    this.probes.push(probe);
  }

  /** The Prometheus text exposition, gauges refreshed first; a probe that fails leaves its last values. */
  async scrape(): Promise<string> {
    await Promise.all(
      this.probes.map((probe) => probe().catch((error: unknown) => this.logger.warn(`A metrics probe failed: ${String(error)}`))),
    );
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
