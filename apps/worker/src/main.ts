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
  // Resolves once every queue consumer is connected; a queue backend never reached within
  // ENLACE_QUEUE_CONNECT_TIMEOUT_MS rejects, and the process says why in one line and exits 1.
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(runtime.config), { bufferLogs: true, abortOnError: false });
  app.useLogger(app.get(PinoLogger));
  stopOnSignals(logger, config, () => stopPlatform(app, logger));
  logger.log(`Consuming queues on ${config.redisUrl ? 'Redis' : 'PostgreSQL'}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
