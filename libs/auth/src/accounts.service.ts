import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@enlace/config';
import { Clock, DomainError, ErrorCode } from '@enlace/core';
import { AccountsRepository, Database, UsersRepository, type AccountRecord } from '@enlace/persistence';
import type { CountryCode, Role } from '@enlace/workflows';
import { hashPassword, verifyPassword } from './password-hasher.js';
import { passwordProblems } from './password-policy.js';
import type { Principal } from './principal.js';
import { SignInThrottle } from './sign-in-throttle.js';
import { TokenService } from './token.service.js';

export interface AccountView {
  id: string;
  email: string;
  name: string;
  role: Role;
  country: CountryCode | null;
  office: string | null;
  disabled: boolean;
  secondFactor: boolean;
  createdAt: string;
}

/** A one-time link's token: shown once, to the admin who made it; only its hash is kept. */
export interface PasswordLink {
  token: string;
  expiresAt: string;
}

export interface NewAccountInput {
  email: string;
  name: string;
  role: Role;
  country?: CountryCode | null;
  office?: string | null;
}

const view = (a: AccountRecord): AccountView => ({
  id: a.id,
  email: a.email,
  name: a.name,
  role: a.role,
  country: a.country,
  office: a.office,
  disabled: a.disabledAt !== null,
  secondFactor: a.secondFactor,
  createdAt: new Date(a.createdAt).toISOString(),
});

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

const policyError = (field: string, rules: string[]) =>
  new DomainError(ErrorCode.ValidationFailed, `${field} does not meet the password policy: ${rules.join(', ')}`, {
    fields: rules.map((rule) => ({ field, rule })),
  });

/**
 * Accounts over the API: the admin creates users, disables and re-enables them and issues one-time
 * password links; a user changes their own password. Every new password meets one policy; every
 * change of password or disable ends the sessions open (the users trigger raises the generation).
 */
@Injectable()
export class AccountsService {
  constructor(
    private readonly db: Database,
    private readonly accounts: AccountsRepository,
    private readonly users: UsersRepository,
    private readonly tokens: TokenService,
    private readonly throttle: SignInThrottle,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private admin(principal: Principal): void {
    if (principal.role !== 'admin') throw new DomainError(ErrorCode.Forbidden, 'Only the administrator manages accounts');
  }

  private async account(id: string): Promise<AccountRecord> {
    const found = await this.accounts.find(id);
    if (!found) throw new DomainError(ErrorCode.NotFound, 'No such user');
    return found;
  }

  async list(principal: Principal): Promise<AccountView[]> {
    this.admin(principal);
    return (await this.accounts.list()).map(view);
  }

  /** The account, with a one-time link for its first password (it has none that anyone knows). */
  async create(principal: Principal, input: NewAccountInput): Promise<{ user: AccountView; passwordLink: PasswordLink }> {
    this.admin(principal);
    const country = input.country ?? null;
    // An admin runs the platform for every country; everyone else acts for one.
    if ((input.role === 'admin') !== (country === null)) {
      throw new DomainError(ErrorCode.ValidationFailed, 'country: required for every role but admin, and not allowed for admin', {
        fields: [{ field: 'country', rule: input.role === 'admin' ? 'not_for_admin' : 'required' }],
      });
    }
    const unusable = await hashPassword(randomBytes(32).toString('hex'));
    return this.db.transaction(async (tx) => {
      const created = await this.accounts.create(tx, { email: input.email, name: input.name, role: input.role, country, office: input.office ?? null, passwordHash: unusable });
      if (!created) throw new DomainError(ErrorCode.AlreadyExists, 'An account with this e-mail exists already', { fields: [{ field: 'email', rule: 'taken' }] });
      return { user: view(created), passwordLink: await this.link(tx, created.id, principal.id) };
    });
  }

  async setDisabled(principal: Principal, id: string, disabled: boolean): Promise<AccountView> {
    this.admin(principal);
    await this.account(id);
    if (disabled && id === principal.id) {
      throw new DomainError(ErrorCode.RuleViolation, 'An administrator does not disable their own account', { violations: [{ field: 'id', rule: 'not_self' }] });
    }
    await this.accounts.setDisabled(id, disabled ? this.clock.now() : null);
    return view(await this.account(id));
  }

  async passwordLink(principal: Principal, id: string): Promise<PasswordLink> {
    this.admin(principal);
    await this.account(id);
    return this.db.transaction((tx) => this.link(tx, id, principal.id));
  }

  private async link(tx: Parameters<AccountsRepository['issueReset']>[0], userId: string, createdBy: string): Promise<PasswordLink> {
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + this.config.passwordResetTtlSeconds * 1000);
    await this.accounts.issueReset(tx, { userId, tokenHash: tokenHash(token), createdBy, now, expiresAt });
    return { token, expiresAt: expiresAt.toISOString() };
  }

  /** Sets the password a one-time link was made for; the link is then spent. */
  async resetPassword(token: string, newPassword: string): Promise<void> {
    const now = this.clock.now();
    await this.db.transaction(async (tx) => {
      const reset = await this.accounts.lockReset(tx, tokenHash(token), now);
      if (!reset) {
        throw new DomainError(ErrorCode.ValidationFailed, 'token: not a valid link, or used, or expired', { fields: [{ field: 'token', rule: 'invalid_or_used' }] });
      }
      const problems = passwordProblems(newPassword, reset.email);
      if (problems.length > 0) throw policyError('newPassword', problems);
      await this.accounts.setPasswordHash(tx, reset.userId, await hashPassword(newPassword));
      await this.accounts.useReset(tx, reset.id, now);
    });
  }

  /** A user's own change: every session ends, this one goes on with the token answered. */
  async changePassword(principal: Principal, currentPassword: string, newPassword: string, address: string): Promise<{ accessToken: string }> {
    const user = await this.users.findById(principal.id);
    // Guessing the current password with a token someone left open is braked like a sign-in.
    const ticket = await this.throttle.admit(principal.email, address);
    if (!user || !(await verifyPassword(user.passwordHash, currentPassword))) {
      throw new DomainError(ErrorCode.ValidationFailed, 'currentPassword is not correct', { fields: [{ field: 'currentPassword', rule: 'incorrect' }] });
    }
    const problems = passwordProblems(newPassword, user.email);
    if (problems.length > 0) throw policyError('newPassword', problems);
    if (newPassword === currentPassword) throw policyError('newPassword', ['same_as_current']);
    await this.throttle.succeeded(ticket);
    const hash = await hashPassword(newPassword);
    await this.db.transaction((tx) => this.accounts.setPasswordHash(tx, user.id, hash));
    const fresh = (await this.users.findById(user.id))!;
    return { accessToken: await this.tokens.issue(fresh) };
  }
}
