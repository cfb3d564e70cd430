import { localPath } from '@enlace/pages';
import type { PageRequest } from './web-request.js';

/** The path (and query) of a same-origin address the browser sent in a header, else undefined. */
function sameOriginPath(request: PageRequest, address: unknown): string | undefined {
  if (typeof address !== 'string' || !address) return undefined;
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return undefined;
  }
  if (url.host !== request.headers.host) return undefined;
  const path = `${url.pathname}${url.search}`;
  return localPath(path, '') || undefined;
}

/**
 * The address of the page the person is looking at, which they can load again: the request's own for
 * a GET; for htmx the address bar's (HX-Current-URL), never the fragment's; for a plain form the page
 * it was posted from (Referer), since a form's action answers only POST (an annex's carries ?_csrf=).
 * Used to come back after signing in or changing the language.
 */
export function pagePathOf(request: PageRequest): string {
  const shown = request.headers['hx-request'] === 'true' ? sameOriginPath(request, request.headers['hx-current-url']) : undefined;
  if (shown) return shown;
  if (request.method === 'GET' || request.method === 'HEAD') return request.url;
  return sameOriginPath(request, request.headers.referer) ?? '/';
}
