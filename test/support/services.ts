import pg from 'pg';
import { Redis } from 'ioredis';

const inCi = (): boolean => process.env.CI === 'true' || process.env.CI === '1';

async function reachable(check: () => Promise<unknown>): Promise<string | null> {
  try {
    await check();
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/**
 * PostgreSQL must answer, always. Redis must answer in CI; elsewhere the tests that need it skip,
 * and say so on every run.
 */
export async function requireServices(): Promise<void> {
  const pgError = await reachable(async () => {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    await client.end();
  });
  if (pgError) throw new Error(`PostgreSQL at DATABASE_URL is not reachable: ${pgError}`);
  const redisUrl = process.env.REDIS_URL;
  const redisError = redisUrl ? await reachable(() => pingRedis(redisUrl)) : 'REDIS_URL is not set';
  if (redisError) {
    if (inCi()) throw new Error(`Redis is required in CI and is not reachable: ${redisError}`);
    process.env.ENLACE_TEST_NO_REDIS = redisError;
    console.warn(
      `\n*** WARNING: Redis is not available (${redisError}); the tests that need Redis are SKIPPED. ` +
        'Set REDIS_URL to run them. CI never skips them. ***\n',
    );
  }
}

async function pingRedis(url: string): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 2000, retryStrategy: () => null });
  try {
    await redis.connect();
    await redis.ping();
  } finally {
    redis.disconnect();
  }
}

/** Whether this run has Redis; a test that needs it uses `describeWithRedis`. */
export const redisAvailable = (): boolean => !process.env.ENLACE_TEST_NO_REDIS && !!process.env.REDIS_URL;
