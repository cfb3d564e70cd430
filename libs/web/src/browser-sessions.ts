import { Inject, Injectable } from '@nestjs/common';
import { decodeJwt } from 'jose';
import { AuthService, type Principal } from '@enlace/auth';
import { APP_CONFIG, type AppConfig } from '@enlace/config';
import { Clock } from '@enlace/core';

/**
 * A browser's session is an access token of the API kept in a cookie, so that everything that
 * ends or refuses a token (a disabled account, a revoked liaison, a new session generation) ends
 * the browser's session too. It is renewed once half its time has passed: a user at work is never
 * signed out mid-form, an idle one is after the token's lifetime.
 */
@Injectable()
export class BrowserSessions {
  constructor(
    private readonly auth: AuthService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get lifetimeSeconds(): number {
    return this.config.tokenTtlSeconds;
  }

  /** The session token for these credentials; refused like the API's login. */
  async signIn(email: string, password: string, address: string, code?: string): Promise<string> {
    return (await this.auth.login(email, password, address, code)).accessToken;
  }

  principalOf(token: string): Promise<Principal | null> {
    return this.auth.authenticate(token);
  }

  /** A fresh token when the current one is past half its life, else null. */
  async renewal(token: string, principal: Principal): Promise<string | null> {
    const { iat } = decodeJwt(token);
    const ageSeconds = this.clock.now().getTime() / 1000 - (iat ?? 0);
    return ageSeconds < this.config.tokenTtlSeconds / 2 ? null : this.auth.renew(principal, token);
  }

  /** Signing out ends the session's token on the server, not only in this browser. */
  signOut(principal: Principal): Promise<void> {
    return this.auth.logout(principal);
  }
}
