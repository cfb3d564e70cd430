import { Injectable } from '@nestjs/common';
import { Clock, DomainError, ErrorCode } from '@enlace/core';
import { UsersRepository } from '@enlace/persistence';
import { hashPassword, verifyPassword } from './password-hasher.js';
import { toPrincipal, type Principal } from './principal.js';
import { AccessLogService } from './access-log.service.js';
import { SignInThrottle, SignInThrottled, type SignInTicket } from './sign-in-throttle.js';
import { TokenService } from './token.service.js';

export interface LoginResult {
  accessToken: string;
  user: { id: string; email: string; name: string; role: string; country: string | null };
}

@Injectable()
export class AuthService {
  /** Verified against when the e-mail is unknown, so that timing does not tell which e-mails exist. */
  private readonly decoy = hashPassword('enlace-decoy-password');

  constructor(
    private readonly users: UsersRepository,
    private readonly tokens: TokenService,
    private readonly clock: Clock,
    private readonly throttle: SignInThrottle,
    private readonly accessLog: AccessLogService,
  ) {}

  /** `address`: the client's, for the per-address brake. A brake that holds answers 429 before the password is looked at. */
  async login(email: string, password: string, address: string): Promise<LoginResult> {
    const user = await this.users.findByEmail(email);
    let ticket: SignInTicket;
    try {
      ticket = await this.throttle.admit(email, address);
    } catch (error) {
      if (error instanceof SignInThrottled) await this.accessLog.signIn(user, 429, address);
      throw error;
    }
    const valid = await verifyPassword(user?.passwordHash ?? (await this.decoy), password);
    if (!user || !valid || user.disabledAt) {
      await this.accessLog.signIn(user, 401, address);
      throw new DomainError(ErrorCode.Unauthorized, 'E-mail or password is not correct');
    }
    await this.throttle.succeeded(ticket);
    await this.accessLog.signIn(user, 200, address);
    return {
      accessToken: await this.tokens.issue(user),
      user: { id: user.id, email: user.email, name: user.name, role: user.role, country: user.country },
    };
  }

  /** The principal behind a bearer token, read fresh so that a revoked liaison is refused at once. */
  async authenticate(token: string): Promise<Principal | null> {
    const claims = await this.tokens.verify(token);
    const user = claims ? await this.users.findById(claims.userId) : null;
    // A logout, a new password, role or country, or a disable raised the generation: older tokens die.
    if (!user || user.disabledAt || user.sessionGeneration !== claims!.generation) return null;
    return toPrincipal(user, this.clock.now());
  }

  /** A fresh token of the same session generation, for a session that goes on (the browser's renewal). */
  async renew(principal: Principal, token: string): Promise<string | null> {
    const claims = await this.tokens.verify(token);
    return claims && claims.userId === principal.id ? this.tokens.issue({ id: principal.id, sessionGeneration: claims.generation }) : null;
  }

  /** Ends every session the user has open: the token used and every other one issued before. */
  async logout(principal: Principal): Promise<void> {
    await this.users.raiseSessionGeneration(principal.id);
  }
}
