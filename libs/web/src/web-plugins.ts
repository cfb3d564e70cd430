import fastifyCompress from '@fastify/compress';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

/** A largest PDF anyone may drop on the public verification page. */
export const VERIFY_MAX_BYTES = 25 * 1024 * 1024;

/**
 * What pages need of Fastify besides its JSON and form parsers: cookies, a multipart upload for the verification page,
 * compression, and the assets served from this application itself (the design system, htmx and
 * Enlace's own CSS and JS), never from a CDN.
 */
export async function registerWebPlugins(app: NestFastifyApplication): Promise<void> {
  await app.register(fastifyCompress, { global: true, encodings: ['br', 'gzip'], threshold: 1024 });
  await app.register(fastifyCookie);
  // One multipart parser for the whole application; routes read their parts as streams.
  await app.register(fastifyMultipart, { limits: { fileSize: VERIFY_MAX_BYTES, files: 1, fields: 10, fieldSize: 4096 } });
  const assets = [
    { prefix: '/assets/uswds/', root: dirname(dirname(require.resolve('@uswds/uswds'))), allowed: /^\/(css|fonts|img)\// },
    { prefix: '/assets/htmx/', root: dirname(require.resolve('htmx.org/dist/htmx.min.js')), allowed: /^\/htmx\.min\.js$/ },
    { prefix: '/assets/enlace/', root: fileURLToPath(new URL('../assets/', import.meta.url)), allowed: /^\/[\w-]+\.(css|js|svg)$/ },
  ];
  for (const [i, asset] of assets.entries()) {
    await app.register(fastifyStatic, {
      root: asset.root,
      prefix: asset.prefix,
      decorateReply: i === 0,
      index: false,
      list: false,
      maxAge: '1d',
      allowedPath: (pathName) => asset.allowed.test(pathName),
    });
  }
}
