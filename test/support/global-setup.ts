import { join } from 'node:path';
import { EmbeddedPostgresServer } from '../../libs/embedded/src/embedded-postgres.server.ts';
import { requireServices } from './services.ts';

/**
 * The tests run on a real PostgreSQL: the one named by DATABASE_URL (CI, and any developer who has
 * one), or else the embedded one the service itself uses, so that `npm test` needs nothing but Node.
 */
export default async function globalSetup(): Promise<void> {
  if (!process.env.DATABASE_URL) {
    const server = new EmbeddedPostgresServer({
      dir: join(process.cwd(), '.enlace-test', 'postgres'),
      port: Number(process.env.ENLACE_TEST_PG_PORT ?? 5499),
      database: 'postgres',
    });
    process.env.DATABASE_URL = await server.start();
    (globalThis as { __enlacePostgres?: EmbeddedPostgresServer }).__enlacePostgres = server;
    console.log(`\nTests use an embedded PostgreSQL (set DATABASE_URL to use another).`);
  }
  await requireServices();
}
