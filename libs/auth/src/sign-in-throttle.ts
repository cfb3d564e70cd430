import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@enlace/config';
import { Clock, DomainError, ErrorCode } from '@enlace/core';
import { Database, SignInThrottleRepository } from '@enlace/persistence';
import { current, refusalOf, withFailure, withSuccess, type ThrottleKind } from './sign-in-throttle.policy.js';

const keyOf = (kind: ThrottleKind, value: string) => `${kind}:${createHash('sha256').update(value).digest('hex')}`;

/** What an admitted attempt reserved, to give back if it succeeds. */
export interface SignInTicket {
  keys: { kind: ThrottleKind; key: string }[];
}

/** Raised instead of checking the password while a brake holds: 429 with Retry-After. */
export class SignInThrottled extends DomainError {
  constructor(readonly retryAfterSeconds: number, readonly locked: boolean) {
    const minutes = Math.ceil(retryAfterSeconds / 60);
    super(
      ErrorCode.TooManyRequests,
      locked
        ? `Too many failed sign-ins with this e-mail address: signing in with it is locked for ${minutes} minute(s)`
        : `Too many failed sign-ins: try again in ${retryAfterSeconds} second(s)`,
      { retryAfterSeconds, locked },
    );
  }
}

/**
 * Per e-mail typed and per client address, in PostgreSQL (every API process sees the same counts):
 * an attempt is admitted or refused before the password is checked, so that the right password is
 * worth nothing while a brake holds. The same e-mail answers the same whether an account has it or not.
 */
@Injectable()
export class SignInThrottle {
  constructor(
    private readonly db: Database,
    private readonly rows: SignInThrottleRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async admit(email: string, address: string): Promise<SignInTicket> {
    const keys = [
      { kind: 'account' as const, key: keyOf('account', email.trim().toLowerCase()) },
      { kind: 'address' as const, key: keyOf('address', address) },
    ];
    const policy = this.config.signIn;
    const now = this.clock.now();
    const refusal = await this.db.transaction(async (tx) => {
      const rows = (await this.rows.lock(tx, keys.map((k) => k.key), now)).map((r) => current(r, now, policy));
      const refused = refusalOf(rows, now);
      if (refused) return refused;
      for (const row of rows) await this.rows.save(tx, withFailure(row, keys.find((k) => k.key === row.key)!.kind, now, policy));
      return null;
    });
    if (refusal) throw new SignInThrottled(refusal.retryAfterSeconds, refusal.locked);
    return { keys };
  }

  async succeeded(ticket: SignInTicket): Promise<void> {
    const now = this.clock.now();
    await this.db.transaction(async (tx) => {
      const rows = await this.rows.lock(tx, ticket.keys.map((k) => k.key), now);
      for (const row of rows) await this.rows.save(tx, withSuccess(row, ticket.keys.find((k) => k.key === row.key)!.kind, now, this.config.signIn));
    });
  }
}
