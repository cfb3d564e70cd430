import { Module, type DynamicModule, type Provider, type Type } from '@nestjs/common';
import type { QueueBackend } from '@enlace/queue';
import { JobQueue, QUEUE_BACKEND } from './job-queue.js';
import { OUTBOX_HANDLERS, type OutboxHandler } from './outbox-handler.js';
import { OutboxRelay } from './outbox-relay.js';
import { OutboxWorker, WORKER_CONCURRENCY } from './outbox-worker.js';

export interface OutboxModuleOptions {
  backend: QueueBackend;
  /** Run the queue consumers in this process (the worker app, and the embedded mode). */
  consume: boolean;
  concurrency?: number;
  /** The handlers this process carries out, when it consumes. */
  handlers?: Type<OutboxHandler>[];
  imports?: DynamicModule['imports'];
}

@Module({})
export class OutboxModule {
  static forRoot(options: OutboxModuleOptions): DynamicModule {
    const handlers = options.consume ? (options.handlers ?? []) : [];
    const providers: Provider[] = [
      { provide: QUEUE_BACKEND, useValue: options.backend },
      { provide: WORKER_CONCURRENCY, useValue: options.concurrency ?? 2 },
      JobQueue,
      OutboxRelay,
      ...handlers,
      { provide: OUTBOX_HANDLERS, useFactory: (...all: OutboxHandler[]) => all, inject: handlers },
      ...(options.consume ? [OutboxWorker] : []),
    ];
    return {
      module: OutboxModule,
      global: true,
      imports: options.imports ?? [],
      providers,
      exports: [OutboxRelay, JobQueue, ...(options.consume ? [OutboxWorker] : [])],
    };
  }
}
