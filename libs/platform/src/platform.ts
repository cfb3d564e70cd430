import type { Type } from '@nestjs/common';
import type { DestinationStream } from 'pino';
import { ConfigModule, type AppConfig } from '@enlace/config';
import { CoreModule } from '@enlace/core';
import { DirectoryModule } from '@enlace/directory';
import { DocumentRenderingModule, RenderDocumentHandler } from '@enlace/documents';
import { NotifyPartiesHandler } from '@enlace/notifications';
import { ObservabilityModule } from '@enlace/observability';
import { OutboxModule, type OutboxHandler } from '@enlace/outbox';
import { PersistenceModule, boundedPoolOptions } from '@enlace/persistence';
import type { QueueBackend } from '@enlace/queue';
import { DeadlineAlarmHandler, TurnaroundModule } from '@enlace/turnaround';
import { DependencyMonitorModule } from './dependency-monitor.js';

/** Redis when configured; otherwise BullMQ keeps its queues in the service's own PostgreSQL. */
export function queueBackendOf(config: AppConfig): QueueBackend {
  if (config.redisUrl) return { kind: 'redis', url: config.redisUrl, prefix: config.queuePrefix };
  if (!config.databaseUrl) throw new Error('No database URL to keep the queues in');
  return { kind: 'postgres', url: config.databaseUrl, pool: boundedPoolOptions(config.database) };
}

export interface PlatformOptions {
  /** Run the job consumers in this process (the worker app, or everything-in-one). */
  consume: boolean;
  /** Where the JSON log lines go: stdout unless a test captures them. */
  logDestination?: DestinationStream;
  /**
   * Bound every wait on PostgreSQL (config.database), as a serving process must; false for a CLI
   * that runs long statements on purpose (the synthetic seed).
   */
  boundedWaits?: boolean;
}

/** Every job this platform runs, carried out by whichever process consumes the queues. */
export const OUTBOX_HANDLER_TYPES: Type<OutboxHandler>[] = [NotifyPartiesHandler, RenderDocumentHandler, DeadlineAlarmHandler];

/** What the API, the worker and the CLIs share: configuration, persistence, the directory, the outbox. */
export function platformImports(config: AppConfig, options: PlatformOptions) {
  return [
    ConfigModule.forRoot(config),
    ObservabilityModule.forRoot(config, options.logDestination),
    CoreModule,
    PersistenceModule.forRoot(config.databaseUrl!, { bounds: options.boundedWaits === false ? undefined : config.database }),
    DependencyMonitorModule,
    DirectoryModule,
    // Stage clocks for the runner; deadlines swept where the queues are consumed.
    TurnaroundModule.forRoot({ sweep: options.consume }),
    OutboxModule.forRoot({
      backend: queueBackendOf(config),
      consume: options.consume,
      // One job more than renderers: a document's reads, seal and write overlap another's render.
      concurrency: config.renderThreads + 1,
      handlers: OUTBOX_HANDLER_TYPES,
      imports: [DocumentRenderingModule],
    }),
  ];
}
