import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedPostgresServer } from '../../libs/embedded/src/embedded-postgres.server.ts';
import { requireServices } from './services.ts';

interface TestRun {
  server: EmbeddedPostgresServer;
  dir: string;
}

/**
 * The tests run on a real PostgreSQL: the one named by DATABASE_URL (CI, and any developer who has
 * one), or else a throw-away cluster of the embedded PostgreSQL the service itself uses, made for this
 * run alone (about a second), so that `npm test` needs nothing but Node and two runs never collide.
 */
export default async function globalSetup(): Promise<void> {
  if (!process.env.DATABASE_URL) {
    const dir = mkdtempSync(join(tmpdir(), 'enlace-test-pg-'));
    chmodSync(dir, 0o711); // PostgreSQL runs as its own OS user when the tests run as root
    // The server picks a free port itself and says why in one line when it cannot start.
    const server = new EmbeddedPostgresServer({ dir, database: 'postgres', environment: process.env });
    process.env.DATABASE_URL = await server.start();
    (globalThis as { __enlaceTestRun?: TestRun }).__enlaceTestRun = { server, dir };
    console.log(`\nTests use a throw-away embedded PostgreSQL (set DATABASE_URL to use another).`);
  }
  await requireServices();
  // Tests that run the service's own processes (npm start, the worker, the CLIs) use dist/: built
  // here, once, from the sources under test.
  execFileSync('npm', ['run', 'build'], { stdio: 'inherit' });
  // The e2e tests call the API through the client generated from apps/api/openapi.json.
  execFileSync('npm', ['run', 'api:client'], { stdio: 'inherit' });
}
