import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { loadConfig } from '@enlace/config';
import { prepareRuntime } from '@enlace/embedded';

/**
 * `npm start` (no DATABASE_URL): everything in one process on the service's own PostgreSQL, the demo
 * directory seeded. `npm run start:api` (DATABASE_URL, REDIS_URL): the API alone; workers run apart.
 */
async function main(): Promise<void> {
  const logger = new Logger('Enlace');
  const started = Date.now();
  const runtime = await prepareRuntime(loadConfig(), { log: (line) => logger.log(line) });
  const { config } = runtime;
  // Loaded once the database is there: a start that cannot go on says so before the whole API loads.
  const [{ createApiApplication }, { stopOnSignals, stopPlatform }, { DemoDirectory }] = await Promise.all([
    import('./api-application.js'),
    import('@enlace/platform'),
    import('@enlace/directory'),
  ]);
  const embedded = config.mode === 'embedded';
  const app = await createApiApplication(config, { consume: embedded }).catch(async (error: unknown) => {
    await runtime.stop();
    throw error;
  });
  // From here on, a SIGTERM or SIGINT stops everything in order, the embedded PostgreSQL last.
  stopOnSignals(logger, config, async () => {
    await stopPlatform(app, logger);
    await runtime.stop();
  });
  try {
    if (embedded) {
      const created = await app.get(DemoDirectory).seed(config.demoPassword, new Date());
      if (created > 0) logger.log(`Demo directory seeded: ${created} users (password from ENLACE_DEMO_PASSWORD)`);
    }
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await app.close().catch(() => {});
    await runtime.stop();
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new Error(`Port ${config.port} on ${config.host} is taken by another program: stop it, or set PORT to a free port.`);
    }
    throw error;
  }
  logger.log(
    `Listening on http://${config.host}:${config.port}/api (${embedded ? `embedded PostgreSQL, data in ${config.dataDir}` : 'external PostgreSQL'}) ` +
      `in ${Date.now() - started} ms; API documentation at /api/docs`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
