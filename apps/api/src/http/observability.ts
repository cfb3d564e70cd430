import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { noteAccess, type Metrics } from '@enlace/observability';

const SENT_ID = /^[\w.:-]{1,64}$/;

/** The request id: the caller's `X-Request-Id` when it looks like one (a proxy's), else a new UUID. */
export function requestId(raw: IncomingMessage): string {
  const sent = raw.headers['x-request-id'];
  return typeof sent === 'string' && SENT_ID.test(sent) ? sent : randomUUID();
}

/** The route pattern, so that metrics and the access log never carry ids or query strings. */
const routeOf = (request: FastifyRequest): string => request.routeOptions.url ?? 'unmatched';

/**
 * Per request: the id goes back in `X-Request-Id`; the route and the signed-in user are noted for
 * the access line (pino-http writes it when the response ends); its latency goes to the histogram.
 */
export function observeHttp(fastify: FastifyInstance, metrics: Metrics): void {
  fastify.addHook('onRequest', async (request, reply) => {
    reply.header('X-Request-Id', request.id);
  });
  fastify.addHook('onSend', async (request) => {
    noteAccess(request.raw, { route: routeOf(request), userId: (request as { principal?: { id: string } }).principal?.id });
  });
  fastify.addHook('onResponse', async (request, reply) => {
    metrics.httpRequestDuration.observe({ method: request.method, route: routeOf(request), status: reply.statusCode }, reply.elapsedTime / 1000);
  });
}
