import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { DomainError, ERROR_STATUS, ErrorCode, isUnavailable, isUnsafeTextRule } from '@enlace/core';
import { PATHS, errorPage, timeZoneOf, ui, type PageContext } from '@enlace/pages';
import { PAGE_HEADERS, dropPayloadHeaders } from './page-headers.js';
import { pageLanguage } from './page-language.js';
import { pagePathOf } from './page-path.js';
import { errorPageText, refusedOnce } from './refusal-text.js';
import { COOKIES, type PageReply, type PageRequest } from './web-request.js';

/** Where a browser goes after a redirect answer to a form: always with GET (303 See Other). */
export function seeOther(reply: PageReply, location: string, partial = false): string {
  // htmx follows a redirect itself and would swap the whole next page into a part: ask it to navigate.
  if (partial) reply.header('HX-Redirect', location).code(204);
  else reply.header('Location', location).code(303);
  return '';
}

/** A page that could not reach the database asks the browser to come back shortly. */
const RETRY_AFTER_SECONDS = 5;

// Only the page's own words (errorPageText): a refusal's message may echo what the address carried (an
// unknown query parameter's name: "<text>: property … should not exist"), which would then read as the
// site's own on its origin. A form's fields at fault are shown by the form itself, in its error summary;
// a refused address names its parameters (plain names only) with the page's own words for what is wrong.

// A field's name is shown only when it is a plain identifier: a parameter's name is the sender's text too.
const PLAIN_NAME = /^[A-Za-z][A-Za-z0-9_.]{0,60}$/;

/** The fields a refusal names, each with its problem in the page's words (never the sender's text). */
function fieldsAtFault(error: unknown, lang: PageContext['lang']): { field: string; problem: string }[] {
  if (!(error instanceof DomainError)) return [];
  // A field refused by two rules (missing, and so not a date) is listed once.
  return refusedOnce(error)
    .filter((f) => typeof f.field === 'string' && PLAIN_NAME.test(f.field))
    .map((f) => ({ field: f.field, problem: ui(lang, isUnsafeTextRule(f.rule) ? 'fieldHasControlCharacter' : 'fieldNotValid') }));
}

function statusOf(error: unknown): number {
  if (error instanceof DomainError) return ERROR_STATUS[error.code];
  if (error instanceof HttpException) return error.getStatus();
  const status = (error as { statusCode?: number })?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) return status;
  return isUnavailable(error) ? 503 : 500;
}

/**
 * A page's refusals as pages: no session sends the browser to sign in (and back here afterwards);
 * a form from another site or an expired one says so; everything else is an error page with the
 * status the API would answer. Forms that can show their own errors catch them before this.
 */
@Catch()
export class PageErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Pages');

  catch(error: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<PageRequest>();
    const reply = host.switchToHttp().getResponse<PageReply>();
    const partial = request.headers['hx-request'] === 'true';
    if (error instanceof DomainError && error.code === ErrorCode.Unauthorized) {
      // Back to the page the person was on (the address bar's for htmx, never a fragment's or a form's action).
      const page = pagePathOf(request);
      const query = new URLSearchParams(page === PATHS.home ? {} : { next: page });
      // The session ended: the sign-in page says so, and, when a form was sent, that it was not saved;
      // signing out of an ended session is simply done.
      const signingOut = request.routeOptions?.url === PATHS.signOut;
      const sent = request.method !== 'GET' && request.method !== 'HEAD';
      const notice = signingOut ? 'signedOut' : sent ? 'sessionExpiredUnsaved' : request.cookies?.[COOKIES.session] ? 'sessionExpired' : null;
      if (notice) query.set('notice', notice);
      const search = query.toString().replaceAll('+', '%20');
      reply.send(seeOther(reply, `${PATHS.signIn}${search ? `?${search}` : ''}`, partial));
      return;
    }
    const status = statusOf(error);
    if (status === 503) reply.header('Retry-After', String(RETRY_AFTER_SECONDS));
    else if (status >= 500) this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    const ctx: PageContext = request.page ?? {
      lang: pageLanguage(request.cookies?.[COOKIES.lang], request.headers['accept-language']),
      path: pagePathOf(request),
      csrf: '',
      user: null,
      unread: 0,
      timeZone: timeZoneOf(null),
    };
    const csrf = error instanceof DomainError && error.details.csrf === true;
    const message = csrf ? ui(ctx.lang, 'formExpired') : errorPageText(ctx.lang, error, status);
    dropPayloadHeaders(reply);
    const fields = status === 400 ? fieldsAtFault(error, ctx.lang) : [];
    reply.code(status).headers(PAGE_HEADERS).send(errorPage(ctx, { status, message, fields }));
  }
}
