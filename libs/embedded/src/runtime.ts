import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { ConfigError, childEnvironment, type AppConfig } from '@enlace/config';
import { EmbeddedPostgresServer, keptSecret } from './embedded-postgres.server.js';

export interface Runtime {
  config: AppConfig;
  stop(): Promise<void>;
}

export interface RuntimeOptions {
  /** A CLI: use the PostgreSQL of a service running on the same data folder instead of refusing. */
  joinRunning?: boolean;
  log?: (line: string) => void;
}

/**
 * Completes the configuration with what the mode provides. Embedded: starts the service's own
 * PostgreSQL under the data folder and keeps a token secret beside it, so that a restart keeps both
 * the data and the sessions. External: everything comes from the environment.
 */
export async function prepareRuntime(config: AppConfig, options: RuntimeOptions = {}): Promise<Runtime> {
  if (config.mode === 'external') {
    if (!config.tokenSecret) throw new ConfigError('ENLACE_TOKEN_SECRET is required when DATABASE_URL is set');
    return { config, stop: async () => {} };
  }
  const postgres = new EmbeddedPostgresServer({
    dir: config.dataDir,
    port: config.embeddedPostgresPort,
    database: 'enlace',
    joinRunning: options.joinRunning,
    log: options.log,
    environment: childEnvironment(),
  });
  const databaseUrl = await postgres.start();
  try {
    const tokenSecret = config.tokenSecret ?? (await keptSecret(join(config.dataDir, 'token-secret'), () => randomBytes(32).toString('base64url')));
    return { config: { ...config, databaseUrl, tokenSecret }, stop: () => postgres.stop() };
  } catch (error) {
    await postgres.stop();
    throw error;
  }
}
