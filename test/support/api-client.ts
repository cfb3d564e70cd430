import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Api } from './api/enlace-api.js';

export { Api };
export type * from './api/enlace-api.js';

/**
 * The typed client generated from apps/api/openapi.json (`npm run api:client`), talking to a test
 * app in process through Fastify's inject: no port, and every call typed by the document, so a
 * change of the API that the document does not follow breaks `npm run typecheck`.
 */
export function apiClient(app: NestFastifyApplication, authorization?: string): Api<unknown> {
  const fastify = app.getHttpAdapter().getInstance();
  const customFetch: typeof fetch = async (input, init = {}) => {
    const url = new URL(String(input));
    const headers = Object.fromEntries(new Headers(init.headers).entries());
    const reply = await fastify.inject({
      method: (init.method ?? 'GET') as 'GET',
      url: url.pathname + url.search,
      headers,
      ...(typeof init.body === 'string' && { payload: init.body }),
    });
    const replyHeaders = new Headers();
    for (const [name, value] of Object.entries(reply.headers)) {
      for (const one of Array.isArray(value) ? value : [value]) if (one !== undefined) replyHeaders.append(name, String(one));
    }
    const empty = reply.statusCode === 204 || reply.statusCode === 304;
    return new Response(empty ? null : new Uint8Array(reply.rawPayload), { status: reply.statusCode, headers: replyHeaders });
  };
  return new Api({ customFetch, baseApiParams: authorization ? { headers: { Authorization: authorization } } : {} });
}
