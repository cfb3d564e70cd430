import { rmSync } from 'node:fs';
import type { EmbeddedPostgresServer } from '../../libs/embedded/src/embedded-postgres.server.ts';

export default async function globalTeardown(): Promise<void> {
  const run = (globalThis as { __enlaceTestRun?: { server: EmbeddedPostgresServer; dir: string } }).__enlaceTestRun;
  if (!run) return;
  await run.server.stop();
  rmSync(run.dir, { recursive: true, force: true });
}
