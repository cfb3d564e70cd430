import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Principal } from '@enlace/auth';
import { APP_CONFIG, type AppConfig } from '@enlace/config';
import { DomainError, ErrorCode } from '@enlace/core';
import { NotificationsService } from '@enlace/notifications';
import { PATHS, timeZoneOf, type PageContext } from '@enlace/pages';
import { BrowserSessions } from './browser-sessions.js';
import { CsrfTokens } from './csrf-tokens.js';
import { pageLanguage } from './page-language.js';
import { pagePathOf } from './page-path.js';
import { COOKIES, type PageReply, type PageRequest } from './web-request.js';

export const ANYONE_MAY = 'enlace:page-anyone-may';
export const SIGNED_IN_GOES_ON = 'enlace:page-signed-in-goes-on';

/** Raised when a form comes without the token of this browser's session (another site posted it). */
export class CsrfRefusal extends DomainError {
  constructor() {
    super(ErrorCode.Forbidden, 'The form did not carry this session’s CSRF token', { csrf: true });
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** What a revoked liaison may still do at the desk: read their notifications (the revocation's notice) and mark them read. */
const LIAISON_MAY_STILL = new Set<string>([PATHS.notifications, `${PATHS.notifications}/read`]);

/**
 * Whether the route (its pattern, as Fastify matched it: /desk/requests/:id) is a desk page. Never the
 * address as sent: Fastify decodes it before matching, so /%64esk/requests/<id> reaches the desk.
 */
const isDeskRoute = (route: string): boolean => {
  const path = route.replace(/\/+$/, '') || '/';
  return (path === PATHS.desk || path.startsWith(`${PATHS.desk}/`)) && !LIAISON_MAY_STILL.has(path);
};

/**
 * Every page request: who is signed in (from the session cookie, through the same authentication as
 * the API's bearer tokens), the page's language, the CSRF secret, and for every form the check of its
 * token. Pages that are not marked for anyone need a session; the error filter sends the browser to
 * the sign-in page.
 */
@Injectable()
export class PageGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: BrowserSessions,
    private readonly csrf: CsrfTokens,
    private readonly notifications: NotificationsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<PageRequest>();
    const reply = context.switchToHttp().getResponse<PageReply>();
    const { principal, secret } = await this.open(request, reply);

    const anyoneMay = this.reflector.getAllAndOverride<boolean>(ANYONE_MAY, [context.getHandler(), context.getClass()]);
    // Before the form's token: a form sent after the session ended carries the signed-in user's token,
    // which no longer matches; refusing it as "expired" would ask to send it again, for ever. The
    // person signs in again and comes back to the page instead.
    if (!principal && !anyoneMay) throw new DomainError(ErrorCode.Unauthorized, 'Sign in to continue');
    if (!SAFE_METHODS.has(request.method)) {
      const body = request.body as Record<string, unknown> | undefined;
      // A multipart form's body is a stream read by its controller: it carries the token in its action.
      const token = body?._csrf ?? request.headers['x-csrf-token'] ?? (request.isMultipart() ? (request.query as Record<string, unknown>)._csrf : undefined);
      // Signing in again with a session still live changes nothing: the page only goes on (see SignedInGoesOn).
      const goesOn = principal && this.reflector.getAllAndOverride<boolean>(SIGNED_IN_GOES_ON, [context.getHandler(), context.getClass()]);
      if (!goesOn && !this.csrf.matches(secret, principal?.id ?? null, token)) throw new CsrfRefusal();
    }
    // Enrolment of a second factor is done through the API for now: the pages stay closed until then.
    if (principal?.mustEnrolSecondFactor && !request.url.startsWith('/sign-out')) {
      throw new DomainError(ErrorCode.SecondFactorEnrollmentRequired, 'Your role signs in with a second factor: enrol one first');
    }
    // A fiscal acts only as an authorized liaison: once the cancillería revokes them (or the end date
    // passes) every desk page but their notifications is refused at the next load, whatever session they hold.
    if (principal?.role === 'fiscal' && !principal.authorizedLiaison && isDeskRoute(request.routeOptions.url ?? request.url)) {
      throw new DomainError(ErrorCode.LiaisonNotAuthorized, 'You are not an authorized liaison of your country');
    }
    return true;
  }

  /**
   * The page's context on request.page (the session, the language, this response's CSRF token), before
   * any check: what every page has, the error page of an address no page answers included.
   */
  async open(request: PageRequest, reply: PageReply): Promise<{ principal: Principal | null; secret: string }> {
    const secure = this.secure(request);
    const principal = await this.session(request, reply, secure);
    let secret = request.cookies[COOKIES.csrf];
    if (!this.csrf.isSecret(secret)) {
      secret = this.csrf.newSecret();
      reply.setCookie(COOKIES.csrf, secret, { path: '/', httpOnly: true, sameSite: 'lax', secure });
    }
    request.page = await this.pageContext(request, principal, this.csrf.tokenFor(secret, principal?.id ?? null));
    return { principal, secret };
  }

  /** Session cookies are Secure when the service is reached over TLS. */
  secure(request: PageRequest): boolean {
    return request.protocol === 'https' || this.config.publicUrl.startsWith('https:');
  }

  private async session(request: PageRequest, reply: PageReply, secure: boolean): Promise<Principal | null> {
    const token = request.cookies[COOKIES.session];
    if (!token) return null;
    const principal = await this.sessions.principalOf(token);
    if (!principal) {
      reply.clearCookie(COOKIES.session, { path: '/' });
      return null;
    }
    const renewed = await this.sessions.renewal(token, principal);
    if (renewed) this.setSession(reply, renewed, secure);
    request.principal = principal;
    return principal;
  }

  setSession(reply: PageReply, token: string, secure: boolean): void {
    reply.setCookie(COOKIES.session, token, {
      path: '/',
      httpOnly: true,
      // Lax, not Strict: a link from another site (the webmail's notice) must arrive signed in, or the
      // sign-in page it lands on would replace the CSRF secret the other tabs' forms carry. Every change
      // is a POST with a CSRF token, which Lax does not send cross-site anyway.
      sameSite: 'lax',
      secure,
      maxAge: this.sessions.lifetimeSeconds,
    });
  }

  private async pageContext(request: PageRequest, principal: Principal | null, csrf: string): Promise<PageContext> {
    return {
      lang: pageLanguage(request.cookies[COOKIES.lang], request.headers['accept-language']),
      path: pagePathOf(request),
      csrf,
      user: principal ? { name: principal.name, role: principal.role, country: principal.country, office: principal.office } : null,
      unread: principal ? await this.notifications.unreadCount(principal) : 0,
      timeZone: timeZoneOf(principal?.country),
    };
  }
}
