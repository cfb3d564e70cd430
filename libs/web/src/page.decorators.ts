import { Controller, Header, SetMetadata, UseFilters, UseGuards, applyDecorators, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@enlace/auth';
import { findUnsafeText, unsafeTextRefusal } from '@enlace/core';
import type { PageContext } from '@enlace/pages';
import { PAGE_HEADERS } from './page-headers.js';
import { PageErrorFilter } from './page-error.filter.js';
import { ANYONE_MAY, PageGuard, SIGNED_IN_GOES_ON } from './page.guard.js';
import type { FormFields, PageRequest } from './web-request.js';

/**
 * A controller of pages: authenticated by the browser session instead of a bearer token, its errors
 * shown as pages, left out of the API's OpenAPI document. Its paths must be among PAGE_ROUTE_PATTERNS.
 */
export const PageController = (path?: string) =>
  applyDecorators(Controller(path ?? ''), Public(), UseGuards(PageGuard), UseFilters(PageErrorFilter), ApiExcludeController());

/** A page anyone may open without signing in (sign-in, public verification). */
export const AnyoneMay = () => SetMetadata(ANYONE_MAY, true);

/**
 * A form whose handler, for someone already signed in, does nothing but send them on (the sign-in
 * form): its token is not checked for them, since a token of the sign-in page seen before the session
 * (another tab, a link from another site) is bound to nobody and would be refused for ever.
 */
export const SignedInGoesOn = () => SetMetadata(SIGNED_IN_GOES_ON, true);

/** The route answers a page. */
export const Html = () => applyDecorators(...Object.entries(PAGE_HEADERS).map(([name, value]) => Header(name, value)));

/** The page context the guard established. */
export const Ctx = createParamDecorator((_data: unknown, context: ExecutionContext): PageContext => context.switchToHttp().getRequest<PageRequest>().page!);

/**
 * `@Form(CHECKED_BY_HANDLER)`: the handler passes every field it keeps through the API's DTO
 * (`validated`), which refuses a NUL or a bidirectional control as a field error, and shows it beside
 * the field with the form again, like its other refusals; or keeps only what a closed check lets
 * through (a language of the list, a path through `localPath`). Fields it does not read are dropped unchecked.
 */
export const CHECKED_BY_HANDLER = 'checked-by-handler';

/**
 * The posted form's fields (application/x-www-form-urlencoded), refused with 400 naming the field when
 * one holds a NUL or a bidirectional control, as the API refuses them in a JSON body: on the error
 * page, unless the handler checks them itself (CHECKED_BY_HANDLER).
 */
export const Form = createParamDecorator((checks: typeof CHECKED_BY_HANDLER | undefined, context: ExecutionContext): FormFields => {
  const form = (context.switchToHttp().getRequest<PageRequest>().body as FormFields | undefined) ?? {};
  const unsafe = checks === CHECKED_BY_HANDLER ? null : findUnsafeText(form);
  if (unsafe) throw unsafeTextRefusal(unsafe);
  return form;
});

/**
 * A page's query string, for a handler that checks it itself (CHECKED_BY_HANDLER, as `@Form`): the
 * period a person typed or pasted into a filter comes back beside its box, a NUL or a bidirectional
 * control named and taken out, where `@Query()` refuses such text on the error page before the handler runs.
 */
export const PageQuery = createParamDecorator((checks: typeof CHECKED_BY_HANDLER | undefined, context: ExecutionContext): FormFields => {
  const query = (context.switchToHttp().getRequest<PageRequest>().query as FormFields | undefined) ?? {};
  const unsafe = checks === CHECKED_BY_HANDLER ? null : findUnsafeText(query);
  if (unsafe) throw unsafeTextRefusal(unsafe);
  return query;
});

/** Whether htmx asked for a part of the page rather than the whole. */
export const Partial = createParamDecorator((_data: unknown, context: ExecutionContext): boolean => context.switchToHttp().getRequest<PageRequest>().headers['hx-request'] === 'true');
