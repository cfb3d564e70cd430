import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { ConfigError, type AppConfig } from '@enlace/config';
import { EmbeddedPostgresServer } from './embedded-postgres.server.js';

export interface Runtime {
  config: AppConfig;
  stop(): Promise<void>;
}

/**
 * Completes the configuration with what the mode provides. Embedded: starts the service's own
 * PostgreSQL under the data folder and keeps a token secret beside it, so that a restart keeps both
 * the data and the sessions. External: everything comes from the environment.
 */
export async function prepareRuntime(config: AppConfig, log: (line: string) => void = () => {}): Promise<Runtime> {
  if (config.mode === 'external') {
    if (!config.tokenSecret) throw new ConfigError('ENLACE_TOKEN_SECRET is required when DATABASE_URL is set');
    return { config, stop: async () => {} };
  }
  // Traversable, not listable: PostgreSQL runs as its own OS user when the service runs as root.
  await mkdir(config.dataDir, { recursive: true, mode: 0o711 });
  const postgres = new EmbeddedPostgresServer({
    dir: join(config.dataDir, 'postgres'),
    port: config.embeddedPostgresPort,
    database: 'enlace',
    log,
  });
  const databaseUrl = await postgres.start();
  const tokenSecret = config.tokenSecret ?? (await keptSecret(join(config.dataDir, 'token-secret')));
  return { config: { ...config, databaseUrl, tokenSecret }, stop: () => postgres.stop() };
}

async function keptSecret(file: string): Promise<string> {
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const secret = randomBytes(32).toString('base64url');
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
