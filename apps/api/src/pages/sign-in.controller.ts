import { Get, Post, Query, Res } from '@nestjs/common';
import { SignInThrottled } from '@enlace/auth';
import { DomainError, ErrorCode, withoutUnsafeText } from '@enlace/core';
import { PATHS, SIGN_IN_NOTICES, homeFor, localPath, signInPage, ui, type FieldError, type PageContext, type SignInNotice, type UiKey } from '@enlace/pages';
import { AnyoneMay, BrowserSessions, CHECKED_BY_HANDLER, COOKIES, Ctx, Form, Html, PageController, PageGuard, SignedInGoesOn, fieldRefusals, seeOther, type FormFields, type PageReply, type PageRequest } from '@enlace/web';
import { LoginDto } from '../auth/login.dto.js';
import { validated } from '../http/validation.js';

const text = (value: FormFields[string]): string => (typeof value === 'string' ? value.trim() : '');

/** A notice the sign-in page has (from its address, or its form carrying it on), else none. */
const noticeOf = (value: unknown): SignInNotice | undefined => ((SIGN_IN_NOTICES as readonly unknown[]).includes(value) ? (value as SignInNotice) : undefined);

/** The sign-in form's fields by their labels, to name one the API's LoginDto refuses. */
const FIELD_LABELS: Partial<Record<string, UiKey>> = { email: 'email', password: 'password', code: 'secondFactorCode' };

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
      notice: noticeOf(notice),
    });
  }

  @Post('sign-in')
  @AnyoneMay()
  @SignedInGoesOn()
  @Html()
  async signIn(@Ctx() ctx: PageContext, @Form(CHECKED_BY_HANDLER) form: FormFields, @Res({ passthrough: true }) reply: PageReply) {
    const next = localPath(form.next, PATHS.desk);
    // Why the person is here (the session ended, what they sent was not saved) stays said until they are in.
    const notice = noticeOf(form.notice);
    // Already signed in (in another tab, or the session outlived the sign-in page): go on, change nothing.
    if (ctx.user) return seeOther(reply, next);
    const sent = { email: text(form.email), password: typeof form.password === 'string' ? form.password : '', code: text(form.code) || undefined };
    // What the form shows again and checks itself is without the invisible characters a copied address
    // or password brought; the API's DTO below names them beside their field.
    const { email, password } = withoutUnsafeText(sent);
    const errors: FieldError[] = [
      ...(email ? [] : [{ field: 'email', message: ui(ctx.lang, 'fieldRequired') }]),
      ...(password ? [] : [{ field: 'password', message: ui(ctx.lang, 'fieldRequired') }]),
    ];
    let refused = false;
    if (errors.length === 0) {
      try {
        // The API's checks of a sign-in (LoginDto) before the brakes count an attempt.
        const body = await validated(LoginDto, sent);
        const token = await this.sessions.signIn(body.email, body.password, reply.request.ip, body.code);
        this.guard.setSession(reply, token, this.guard.secure(reply.request));
        // The pre-sign-in CSRF secret is replaced: a token seen before sign-in is worth nothing after.
        reply.clearCookie(COOKIES.csrf, { path: '/' });
        return seeOther(reply, next);
      } catch (error) {
        if (error instanceof SignInThrottled) {
          const minutes = String(Math.ceil(error.retryAfterSeconds / 60));
          reply.code(429).header('Retry-After', String(error.retryAfterSeconds));
          const message = ui(ctx.lang, error.locked ? 'signInLocked' : 'signInThrottled').replace('{minutes}', minutes);
          return signInPage(ctx, { email, next, notice, errors: [{ field: 'email', message }] });
        }
        if (error instanceof DomainError && error.code === ErrorCode.ValidationFailed) {
          errors.push(...fieldRefusals(ctx.lang, error, FIELD_LABELS));
        } else if (!(error instanceof DomainError) || error.code !== ErrorCode.Unauthorized) {
          throw error;
        } else {
          refused = true;
          errors.push(error.details.secondFactor ? { field: 'code', message: ui(ctx.lang, 'secondFactorNeeded') } : { field: 'email', message: ui(ctx.lang, 'signInFailed') });
        }
      }
    }
    // 401 for the sign-in refused (wrong e-mail or password, a second factor missing or wrong); 400 for
    // a field the API's LoginDto refuses (a malformed code too), as POST /api/auth/login answers.
    reply.code(refused ? 401 : 400);
    return signInPage(ctx, { email, next, notice, errors });
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
  // Nothing here is kept as typed: the language is one of three, and the page to go back to passes
  // through localPath, which leaves no invisible character in it (encoded, or the home page instead).
  language(@Form(CHECKED_BY_HANDLER) form: FormFields, @Res({ passthrough: true }) reply: PageReply) {
    const lang = text(form.lang);
    if (!['es', 'en', 'fr'].includes(lang)) {
      throw new DomainError(ErrorCode.ValidationFailed, 'lang must be es, en or fr', { fields: [{ field: 'lang', rule: 'in' }] });
    }
    reply.setCookie(COOKIES.lang, lang, { path: '/', httpOnly: true, sameSite: 'lax', secure: this.guard.secure(reply.request), maxAge: 365 * 24 * 3600 });
    return seeOther(reply, localPath(form.back));
  }
}
