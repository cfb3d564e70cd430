/**
 * The address below /api a request is for ('/requests/…'), or null when it is not the API's. Decided on
 * the decoded path, as Fastify matches routes: /%61pi/requests reaches /api/requests and is the API's.
 */
export function apiPathOf(url: string): string | null {
  const raw = url.split('?', 1)[0];
  let path = raw;
  try {
    path = decodeURIComponent(raw);
  } catch {
    // A malformed escape: no route matches it; judged as sent.
  }
  if (path === '/api') return '/';
  return path.startsWith('/api/') ? path.slice('/api'.length) : null;
}
