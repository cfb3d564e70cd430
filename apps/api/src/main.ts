import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { loadConfig } from '@enlace/config';
import { DemoDirectory } from '@enlace/directory';
import { prepareRuntime } from '@enlace/embedded';
import { createApiApplication } from './api-application.js';

/**
 * `npm start` (no DATABASE_URL): everything in one process on the service's own PostgreSQL, the demo
 * directory seeded. `npm run start:api` (DATABASE_URL, REDIS_URL): the API alone; workers run apart.
 */
async function main(): Promise<void> {
  const logger = new Logger('Enlace');
  const started = Date.now();
  const runtime = await prepareRuntime(loadConfig());
  const { config } = runtime;
  const embedded = config.mode === 'embedded';
  const app = await createApiApplication(config, { consume: embedded });
  if (embedded) {
    const created = await app.get(DemoDirectory).seed(config.demoPassword, new Date());
    if (created > 0) logger.log(`Demo directory seeded: ${created} users (password from ENLACE_DEMO_PASSWORD)`);
  }
  await app.listen({ port: config.port, host: config.host });
  logger.log(
    `Listening on http://${config.host}:${config.port}/api (${embedded ? `embedded PostgreSQL, data in ${config.dataDir}` : 'external PostgreSQL'}) ` +
      `in ${Date.now() - started} ms; API documentation at /api/docs`,
  );
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: stopping`);
    await app.close();
    await runtime.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
