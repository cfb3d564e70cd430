import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { loadConfig } from '@enlace/config';
import { PAGE_ROUTE_PATTERNS } from '@enlace/pages';
import { AppModule } from '../app.module.js';
import { createOpenApiDocument } from '../http/openapi.js';

/** Where the document is committed: the typed client of the e2e tests is generated from it. */
const OPENAPI_FILE = 'apps/api/openapi.json';

/**
 * `npm run openapi`: writes the OpenAPI document of the controllers to apps/api/openapi.json, the same
 * document /api/docs/openapi.json serves (a test compares them). Nest's preview mode assembles the
 * modules without running any provider, so no database is needed.
 */
async function main(): Promise<void> {
  const config = loadConfig({ DATABASE_URL: 'postgres://openapi@127.0.0.1:1/openapi', ENLACE_LOG_LEVEL: 'silent' });
  const app = await NestFactory.create(AppModule.forRoot(config, { consume: false }), new FastifyAdapter(), { preview: true, logger: false });
  app.setGlobalPrefix('api', { exclude: [...PAGE_ROUTE_PATTERNS] });
  writeFileSync(OPENAPI_FILE, `${JSON.stringify(createOpenApiDocument(app), null, 2)}\n`);
  await app.close();
  console.log(`Wrote ${OPENAPI_FILE}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
