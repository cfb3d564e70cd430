import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { AuthModule } from '@enlace/auth';
import { ConfigModule, type AppConfig } from '@enlace/config';
import { CoreModule } from '@enlace/core';
import { DirectoryModule } from '@enlace/directory';
import { OutboxModule, type OutboxHandler } from '@enlace/outbox';
import { PersistenceModule } from '@enlace/persistence';
import type { QueueBackend } from '@enlace/queue';
import { RequestsModule } from '@enlace/requests';
import { AuthController } from './auth/auth.controller.js';
import { HealthController } from './health/health.controller.js';
import { RequestsController } from './requests/requests.controller.js';

/** Redis when configured; otherwise BullMQ keeps its queues in the service's own PostgreSQL. */
export function queueBackendOf(config: AppConfig): QueueBackend {
  if (config.redisUrl) return { kind: 'redis', url: config.redisUrl, prefix: config.queuePrefix };
  if (!config.databaseUrl) throw new Error('No database URL to keep the queues in');
  return { kind: 'postgres', url: config.databaseUrl };
}

export interface PlatformOptions {
  /** Run the job consumers in this process (the worker app, or everything-in-one). */
  consume: boolean;
}

/** What the API and the worker share: configuration, persistence, the directory and the outbox. */
export function platformImports(config: AppConfig, options: PlatformOptions, handlers: Type<OutboxHandler>[] = []) {
  return [
    ConfigModule.forRoot(config),
    CoreModule,
    PersistenceModule.forRoot(config.databaseUrl!),
    DirectoryModule,
    OutboxModule.forRoot({ backend: queueBackendOf(config), consume: options.consume, handlers }),
  ];
}

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, options: PlatformOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [...platformImports(config, options), AuthModule, RequestsModule],
      controllers: [AuthController, HealthController, RequestsController],
    };
  }
}
