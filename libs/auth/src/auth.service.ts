import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@enlace/config';
import { Clock, DomainError, ErrorCode } from '@enlace/core';
import { UsersRepository } from '@enlace/persistence';
import { hashPassword, verifyPassword } from './password-hasher.js';
import { toPrincipal, type Principal } from './principal.js';
import { AccessLogService } from './access-log.service.js';
import { SignInThrottle, SignInThrottled, type SignInTicket } from './sign-in-throttle.js';
import { SecondFactorService } from './second-factor.service.js';
import { TokenService } from './token.service.js';

export interface LoginResult {
  accessToken: string;
  user: { id: string; email: string; name: string; role: string; country: string | null };
  /**
   * `on`: signed in with a code; `off`: not enrolled and not required; `enrolment_required`: the
   * role requires it and none is enrolled: the token opens only the enrolment routes until it is.
   */
  secondFactor: 'on' | 'off' | 'enrolment_required';
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
    private readonly secondFactor: SecondFactorService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** `address`: the client's, for the per-address brake. A brake that holds answers 429 before the password is looked at. */
  async login(email: string, password: string, address: string, code?: string): Promise<LoginResult> {
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
    // The password was right: with a second factor on, a code is needed too. A missing or wrong code
    // keeps the attempt counted as a failure, so that codes cannot be guessed faster than passwords.
    const secondFactor = user.totpEnabledAt !== null;
    if (secondFactor && !code) {
      await this.accessLog.signIn(user, 401, address);
      throw new DomainError(ErrorCode.Unauthorized, 'A code of the authenticator (or a recovery code) is required', { secondFactor: 'required' });
    }
    if (secondFactor && !(await this.secondFactor.verify(user.id, code!))) {
      await this.accessLog.signIn(user, 401, address);
      throw new DomainError(ErrorCode.Unauthorized, 'The code is not correct', { secondFactor: 'invalid' });
    }
    await this.throttle.succeeded(ticket);
    await this.accessLog.signIn(user, 200, address);
    return {
      accessToken: await this.tokens.issue(user),
      user: { id: user.id, email: user.email, name: user.name, role: user.role, country: user.country },
      secondFactor: secondFactor ? 'on' : this.mustEnrol(user) ? 'enrolment_required' : 'off',
    };
  }

  /** The principal behind a bearer token, read fresh so that a revoked liaison is refused at once. */
  async authenticate(token: string): Promise<Principal | null> {
    const claims = await this.tokens.verify(token);
    const user = claims ? await this.users.findById(claims.userId) : null;
    // A logout, a new password, role or country, or a disable raised the generation: older tokens die.
    if (!user || user.disabledAt || user.sessionGeneration !== claims!.generation) return null;
    return { ...toPrincipal(user, this.clock.now()), mustEnrolSecondFactor: this.mustEnrol(user) };
  }

  /** The role requires a second factor (a setting) and the account has none yet. */
  private mustEnrol(user: { role: string; totpEnabledAt: Date | null }): boolean {
    return user.totpEnabledAt === null && this.config.totpRequiredRoles.includes(user.role);
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
