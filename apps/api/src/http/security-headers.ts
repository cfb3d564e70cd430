import fastifyHelmet from '@fastify/helmet';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AppConfig } from '@enlace/config';

/** The OpenAPI viewer (Swagger UI) loads its own scripts and needs its inline styles. */
const DOCS_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
  "frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'";

/** A PDF is shown by the browser's own viewer, which a stricter policy would block: no frame is all it gets. */
const PDF_CSP = "frame-ancestors 'none'";

/** Only the application's own static files (the design system, htmx, Enlace's CSS and JS) may be kept by a cache. */
const CACHEABLE = /^\/assets\//;

/**
 * The headers of a service holding confidential case data (helmet): no MIME sniffing, no framing
 * (clickjacking), no referrer leaving with a case's URL, a CSP on every answer, HSTS when the public
 * address is https; and `Cache-Control: no-store` on everything but the static assets, so that no
 * browser, proxy or shared computer keeps a case, a PDF or the login answer carrying a token.
 */
export async function registerSecurityHeaders(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  await app.register(fastifyHelmet, {
    global: true,
    // What a JSON answer may load when a browser opens it: nothing, inside no frame. Pages send their
    // own policy (PAGE_CSP in libs/web: their own scripts and styles, nothing inline) from their routes.
    contentSecurityPolicy: { useDefaults: false, directives: { 'default-src': ["'none'"], 'frame-ancestors': ["'none'"], 'base-uri': ["'none'"], 'form-action': ["'none'"] } },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: config.publicUrl.startsWith('https:') ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    crossOriginResourcePolicy: { policy: 'same-origin' },
    crossOriginOpenerPolicy: { policy: 'same-origin' },
  });
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onSend', async (request, reply, payload) => {
      const path = request.url.split('?')[0];
      const cacheable = CACHEABLE.test(path) && (reply.statusCode === 200 || reply.statusCode === 304);
      if (!cacheable) reply.header('Cache-Control', 'no-store');
      if (path === '/api/docs' || path.startsWith('/api/docs/')) reply.header('Content-Security-Policy', DOCS_CSP);
      else if (String(reply.getHeader('Content-Type') ?? '').startsWith('application/pdf')) reply.header('Content-Security-Policy', PDF_CSP);
      return payload;
    });
}
