import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { CODE_OF_STATUS, DomainError, ERROR_STATUS, ErrorCode, isUnavailable } from '@enlace/core';
import { apiPathOf } from './api-path.js';
import { PageErrorFilter, dropPayloadHeaders, type PageGuard, type PageReply, type PageRequest } from '@enlace/web';

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  [detail: string]: unknown;
}

export function errorBody(error: unknown): ErrorBody {
  if (error instanceof DomainError) {
    return { statusCode: ERROR_STATUS[error.code], error: error.code, message: error.message, ...error.details };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    return { statusCode: status, error: CODE_OF_STATUS[status] ?? 'error', message: error.message };
  }
  const status = (error as { statusCode?: number })?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    // Errors raised by Fastify before a route runs (malformed JSON, body too large, wrong content type).
    return { statusCode: status, error: CODE_OF_STATUS[status] ?? 'error', message: (error as Error).message };
  }
  if (isUnavailable(error)) {
    return { statusCode: 503, error: ErrorCode.Unavailable, message: 'A service the platform needs is not reachable' };
  }
  return { statusCode: 500, error: 'internal_error', message: 'Something went wrong on our side; nothing was changed' };
}

/**
 * One place maps every error to the contract's JSON shape (../shared/contract/http-api.md, "Errors").
 * A 503 says when to try again (Retry-After, in seconds); that a dependency is down is logged once by
 * the dependency monitor, not once per request. What reaches it outside /api was refused before any
 * page ran (an address no page answers, a form over the size limit): a browser's, answered as a page.
 */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  private readonly pages = new PageErrorFilter();

  constructor(
    private readonly retryAfterSeconds = 5,
    /** What gives such a page its session, language and forms' token, as every page has. */
    private readonly pageGuard?: PageGuard,
  ) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<PageRequest>();
    if (apiPathOf(request.url) === null) {
      const reply = host.switchToHttp().getResponse<PageReply>();
      // Without a session (the database down, say), the page is still shown, signed out.
      const context = this.pageGuard && !request.page ? this.pageGuard.open(request, reply).catch(() => undefined) : Promise.resolve();
      void context
        .then(() => this.pages.catch(error, host))
        .catch((failure: unknown) => {
          this.logger.error(failure instanceof Error ? (failure.stack ?? failure.message) : String(failure));
          if (!reply.sent) reply.code(500).header('Content-Type', 'text/plain; charset=utf-8').send('500');
        });
      return;
    }
    const body = errorBody(error);
    if (body.statusCode === 500) this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    const reply = host.switchToHttp().getResponse<{
      header(name: string, value: string): unknown;
      removeHeader(name: string): unknown;
      status(code: number): { send(body: unknown): void };
    }>();
    dropPayloadHeaders(reply);
    if (typeof body.retryAfterSeconds === 'number') reply.header('Retry-After', String(body.retryAfterSeconds));
    else if (body.statusCode === 503) reply.header('Retry-After', String(this.retryAfterSeconds));
    reply.status(body.statusCode).send(body);
  }
}
