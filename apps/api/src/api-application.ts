import type { DynamicModule, NestApplicationOptions } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import type { AppConfig } from '@enlace/config';
import { PAGE_ROUTE_PATTERNS } from '@enlace/pages';
import { PageGuard, registerWebPlugins } from '@enlace/web';
import { Metrics } from '@enlace/observability';
import type { PlatformOptions } from '@enlace/platform';
import { AppModule } from './app.module.js';
import { ErrorFilter } from './http/error.filter.js';
import { registerJsonBody } from './http/json-body.js';
import { observeHttp, requestId } from './http/observability.js';
import { createOpenApiDocument } from './http/openapi.js';
import { registerSecurityHeaders } from './http/security-headers.js';
import { validationPipe } from './http/validation.js';

/** Makes the Nest application; tests pass one that overrides providers (e.g. the Clock). */
export type NestAppFactory = (root: DynamicModule, adapter: FastifyAdapter, options: NestApplicationOptions) => Promise<NestFastifyApplication>;

/** The HTTP API, assembled the same way for `npm start`, `start:api` and the e2e tests. */
export async function createApiApplication(
  config: AppConfig,
  options: PlatformOptions,
  create: NestAppFactory = (root, adapter, nestOptions) => NestFactory.create<NestFastifyApplication>(root, adapter, nestOptions),
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({ bodyLimit: config.bodyLimitBytes, trustProxy: false, genReqId: requestId });
  const app = await create(AppModule.forRoot(config, options), adapter, { bufferLogs: true, abortOnError: false });
  app.useLogger(app.get(Logger));
  observeHttp(app.getHttpAdapter().getInstance(), app.get(Metrics));

  await registerSecurityHeaders(app, config);
  await registerWebPlugins(app);
  // The pages answer at their own paths (/, /sign-in, /desk/..., /verify); everything else is the API.
  app.setGlobalPrefix('api', { exclude: [...PAGE_ROUTE_PATTERNS] });
  registerJsonBody(app, config.bodyLimitBytes);
  app.useGlobalPipes(validationPipe());
  app.useGlobalFilters(new ErrorFilter(config.retryAfterSeconds, app.get(PageGuard)));
  SwaggerModule.setup('api/docs', app, () => createOpenApiDocument(app), {
    jsonDocumentUrl: 'api/docs/openapi.json',
  });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}
