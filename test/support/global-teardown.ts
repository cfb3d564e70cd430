import type { EmbeddedPostgresServer } from '../../libs/embedded/src/embedded-postgres.server.ts';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __enlacePostgres?: EmbeddedPostgresServer }).__enlacePostgres?.stop();
}
