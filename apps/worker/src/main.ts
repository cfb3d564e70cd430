import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger as PinoLogger } from 'nestjs-pino';
import { loadConfig } from '@enlace/config';
import { prepareRuntime } from '@enlace/embedded';
import { stopOnSignals, stopPlatform } from '@enlace/platform';
import { WorkerModule } from './worker.module.js';

/** `npm run start:worker`: consumes the BullMQ queues (documents, notifications) of DATABASE_URL + REDIS_URL. */
async function main(): Promise<void> {
  const logger = new Logger('EnlaceWorker');
  const config = loadConfig();
  if (config.mode !== 'external') {
    throw new Error('The worker runs beside a production API: set DATABASE_URL (and REDIS_URL). `npm start` runs everything in one process.');
  }
  const runtime = await prepareRuntime(config);
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(runtime.config), { bufferLogs: true });
  app.useLogger(app.get(PinoLogger));
  stopOnSignals(logger, () => stopPlatform(app, logger));
  logger.log(`Consuming queues on ${config.redisUrl ? 'Redis' : 'PostgreSQL'}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
