import { Get, Post, Query, Res } from '@nestjs/common';
import { SignInThrottled } from '@enlace/auth';
import { DomainError, ErrorCode } from '@enlace/core';
import { PATHS, SIGN_IN_NOTICES, homeFor, localPath, signInPage, ui, type PageContext, type SignInNotice } from '@enlace/pages';
import { AnyoneMay, BrowserSessions, COOKIES, Ctx, Form, Html, PageController, PageGuard, SignedInGoesOn, seeOther, type FormFields, type PageReply, type PageRequest } from '@enlace/web';

const text = (value: FormFields[string]): string => (typeof value === 'string' ? value.trim() : '');

@PageController()
export class SignInController {
  constructor(
    private readonly sessions: BrowserSessions,
    private readonly guard: PageGuard,
  ) {}

  @Get()
  @AnyoneMay()
  home(@Ctx() ctx: PageContext, @Res({ passthrough: true }) reply: PageReply) {
    return seeOther(reply, ctx.user ? homeFor(ctx.user.role) : PATHS.signIn);
  }

  /** Each role's own desk: the fiscal's requests, the cancillería's queue, the supervisor's dashboard... */
  @Get('desk')
  desk(@Ctx() ctx: PageContext, @Res({ passthrough: true }) reply: PageReply) {
    return seeOther(reply, homeFor(ctx.user?.role));
  }

  @Get('sign-in')
  @AnyoneMay()
  @Html()
  form(@Ctx() ctx: PageContext, @Query('next') next?: string, @Query('notice') notice?: string) {
    return signInPage(ctx, {
      email: '',
      next: localPath(next, PATHS.desk),
      errors: [],
      notice: (SIGN_IN_NOTICES as readonly string[]).includes(notice ?? '') ? (notice as SignInNotice) : undefined,
    });
  }

  @Post('sign-in')
  @AnyoneMay()
  @SignedInGoesOn()
  @Html()
  async signIn(@Ctx() ctx: PageContext, @Form() form: FormFields, @Res({ passthrough: true }) reply: PageReply) {
    const next = localPath(form.next, PATHS.desk);
    // Already signed in (in another tab, or the session outlived the sign-in page): go on, change nothing.
    if (ctx.user) return seeOther(reply, next);
    const email = text(form.email);
    const password = typeof form.password === 'string' ? form.password : '';
    const errors = [
      ...(email ? [] : [{ field: 'email', message: ui(ctx.lang, 'fieldRequired') }]),
      ...(password ? [] : [{ field: 'password', message: ui(ctx.lang, 'fieldRequired') }]),
    ];
    if (errors.length === 0) {
      try {
        const token = await this.sessions.signIn(email, password, reply.request.ip, text(form.code) || undefined);
        this.guard.setSession(reply, token, this.guard.secure(reply.request));
        // The pre-sign-in CSRF secret is replaced: a token seen before sign-in is worth nothing after.
        reply.clearCookie(COOKIES.csrf, { path: '/' });
        return seeOther(reply, next);
      } catch (error) {
        if (error instanceof SignInThrottled) {
          const minutes = String(Math.ceil(error.retryAfterSeconds / 60));
          reply.code(429).header('Retry-After', String(error.retryAfterSeconds));
          const message = ui(ctx.lang, error.locked ? 'signInLocked' : 'signInThrottled').replace('{minutes}', minutes);
          return signInPage(ctx, { email, next, errors: [{ field: 'email', message }] });
        }
        if (!(error instanceof DomainError) || error.code !== ErrorCode.Unauthorized) throw error;
        errors.push(error.details.secondFactor ? { field: 'code', message: ui(ctx.lang, 'secondFactorNeeded') } : { field: 'email', message: ui(ctx.lang, 'signInFailed') });
      }
    }
    reply.code(errors.some((e) => e.message === ui(ctx.lang, 'signInFailed') || e.field === 'code') ? 401 : 400);
    return signInPage(ctx, { email, next, errors });
  }

  @Post('sign-out')
  async signOut(@Res({ passthrough: true }) reply: PageReply) {
    const principal = (reply.request as PageRequest).principal;
    if (principal) await this.sessions.signOut(principal);
    reply.clearCookie(COOKIES.session, { path: '/' });
    reply.clearCookie(COOKIES.csrf, { path: '/' });
    return seeOther(reply, `${PATHS.signIn}?notice=signedOut`);
  }

  @Post('language')
  @AnyoneMay()
  language(@Form() form: FormFields, @Res({ passthrough: true }) reply: PageReply) {
    const lang = text(form.lang);
    if (!['es', 'en', 'fr'].includes(lang)) {
      throw new DomainError(ErrorCode.ValidationFailed, 'lang must be es, en or fr', { fields: [{ field: 'lang', rule: 'in' }] });
    }
    reply.setCookie(COOKIES.lang, lang, { path: '/', httpOnly: true, sameSite: 'lax', secure: this.guard.secure(reply.request), maxAge: 365 * 24 * 3600 });
    return seeOther(reply, localPath(form.back));
  }
}
