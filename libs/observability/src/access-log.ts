import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Options } from 'pino-http';

/** What the HTTP layer learns about a request once it is routed and authenticated. */
export interface AccessNote {
  /** The route pattern (`/api/requests/:id`), never the URL: no ids, no query strings. */
  route: string;
  userId?: string;
}

const NOTE = Symbol('enlace.access');
const LOGGED = Symbol('enlace.access-logged');

/**
 * The middleware can be mounted on overlapping routes (the API under /api, the pages excluded from
 * that prefix): the first mount that sees a request writes its access line, the others stay quiet.
 */
function loggedOnce(req: IncomingMessage): boolean {
  const seen = req as IncomingMessage & { [LOGGED]?: true };
  if (seen[LOGGED]) return true;
  seen[LOGGED] = true;
  return false;
}

/** Called by the HTTP layer before the response is sent, so that the access line can name both. */
export function noteAccess(raw: IncomingMessage, note: AccessNote): void {
  (raw as IncomingMessage & { [NOTE]?: AccessNote })[NOTE] = note;
}

function accessLine(req: IncomingMessage, res: ServerResponse, durationMs: unknown) {
  const note = (req as IncomingMessage & { [NOTE]?: AccessNote })[NOTE];
  return {
    method: req.method,
    route: note?.route ?? 'unmatched',
    status: res.statusCode,
    durationMs,
    ...(note?.userId && { userId: note.userId }),
  };
}

/**
 * pino-http as the access log: one line per request when it ends (method, route pattern, status,
 * duration, user id), and every other line logged while serving it carries only its `requestId`:
 * never a body, a header, a token or a query string.
 */
export function accessLogOptions(level: string): Options {
  return {
    level,
    timestamp: () => `,"time":"${new Date().toISOString()}"`,
    quietReqLogger: true,
    quietResLogger: true,
    autoLogging: { ignore: loggedOnce },
    customAttributeKeys: { reqId: 'requestId', responseTime: 'durationMs' },
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : 'info'),
    customSuccessMessage: () => 'request completed',
    customErrorMessage: () => 'request failed',
    customSuccessObject: (req, res, value: Record<string, unknown>) => accessLine(req, res, value.durationMs),
    customErrorObject: (req, res, error, value: Record<string, unknown>) => ({
      ...accessLine(req, res, value.durationMs),
      error: error.message,
    }),
  };
}
