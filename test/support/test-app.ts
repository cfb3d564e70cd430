import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { Test } from '@nestjs/testing';
import { Clock } from '@enlace/core';
import { loadConfig, type AppConfig } from '@enlace/config';
import { DemoDirectory } from '@enlace/directory';
import type { PlatformOptions } from '@enlace/platform';
import { createApiApplication } from '../../apps/api/src/api-application.js';
import { apiClient, type Api } from './api-client.js';
import { redisAvailable } from './services.js';
import { createTestDatabase, withClient } from './test-database.js';

export const DEMO_PASSWORD = 'enlace-demo';

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  http: () => ReturnType<typeof request>;
  /** Logs in a demo user and returns an Authorization header value. */
  login(email: string): Promise<string>;
  /** The typed client of the OpenAPI document, signed in as this demo user (or anonymous). */
  api(email?: string): Promise<Api<unknown>>;
  sql<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  consume?: boolean;
  /** Use Redis for the queues when the run has it (else the PostgreSQL backend). */
  redis?: boolean;
  env?: Record<string, string>;
  /** A clock the test controls (Nest's overrideProvider), e.g. a TestClock. */
  clock?: Clock;
  /** Other providers the test replaces (Nest's overrideProvider), e.g. a renderer that fails. */
  overrides?: { provide: unknown; useValue: unknown }[];
  /** Where the JSON log lines go (stdout by default), for tests that read them. */
  logDestination?: PlatformOptions['logDestination'];
  /** The PostgreSQL to make the test database in (DATABASE_URL by default), e.g. one the test freezes. */
  adminUrl?: string;
}

/** The assembled API on a fresh database of its own, with the demo directory seeded. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = await createTestDatabase(options.adminUrl);
  const documentsDir = mkdtempSync(join(tmpdir(), 'enlace-documents-'));
  const config = loadConfig({
    ENLACE_DOCUMENTS_DIR: documentsDir,
    // One demonstration sealing authority for all test apps of the machine (made once, kept).
    ENLACE_SEAL_DIR: join(tmpdir(), 'enlace-test-seal'),
    DATABASE_URL: database.url,
    ENLACE_TOKEN_SECRET: randomBytes(32).toString('hex'),
    ENLACE_LOG_LEVEL: 'error',
    ENLACE_QUEUE_PREFIX: `test-${randomBytes(4).toString('hex')}`,
    ...(options.redis && redisAvailable() ? { REDIS_URL: process.env.REDIS_URL! } : {}),
    ...options.env,
  });
  const overrides = [...(options.clock ? [{ provide: Clock, useValue: options.clock }] : []), ...(options.overrides ?? [])];
  const app = await createApiApplication(
    config,
    { consume: options.consume ?? false, logDestination: options.logDestination },
    overrides.length > 0
      ? async (root, adapter, nestOptions) => {
          const builder = Test.createTestingModule({ imports: [root] });
          for (const o of overrides) builder.overrideProvider(o.provide).useValue(o.useValue);
          return (await builder.compile()).createNestApplication(adapter, nestOptions);
        }
      : undefined,
  );
  await app.get(DemoDirectory).seed(DEMO_PASSWORD, new Date());
  const http = () => request(app.getHttpServer());
  const tokens = new Map<string, string>();
  const anonymous = apiClient(app);
  const login = async (email: string): Promise<string> => {
    if (!tokens.has(email)) {
      const { data } = await anonymous.auth.authLogin({ email, password: DEMO_PASSWORD });
      tokens.set(email, `Bearer ${data.accessToken}`);
    }
    return tokens.get(email)!;
  };
  return {
    app,
    config,
    http,
    login,
    api: async (email) => (email ? apiClient(app, await login(email)) : anonymous),
    sql: (text, params = []) => withClient(database.url, async (c) => (await c.query(text, params)).rows),
    async close() {
      await app.close();
      await database.drop();
      rmSync(documentsDir, { recursive: true, force: true });
    },
  };
}
