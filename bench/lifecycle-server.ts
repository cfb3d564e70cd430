// The service as bench/lifecycle.bench.ts runs it, in a process of its own: the API (and, with
// --consume, the queue consumers and the render pool: everything in one process, as
// `npm start` assembles it) on the PostgreSQL of DATABASE_URL, the demo directory seeded. Prints
// "ready" on stdout once listening; ends on SIGTERM.
import 'reflect-metadata';
import { loadConfig } from '@enlace/config';
import { DemoDirectory } from '@enlace/directory';
import { createApiApplication } from '../apps/api/src/api-application.js';

const config = loadConfig();
const app = await createApiApplication(config, { consume: process.argv.includes('--consume') });
await app.get(DemoDirectory).seed(config.demoPassword, new Date());
await app.listen({ port: config.port, host: '127.0.0.1' });
process.stdout.write('ready\n');
process.on('SIGTERM', () => {
  void app.close().then(() => process.exit(0));
});
