import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Clock, DomainError, ErrorCode } from '@enlace/core';
import { AccountsRepository, Database } from '@enlace/persistence';
import { Secret, TOTP } from 'otpauth';
import type { Principal } from './principal.js';

const PERIOD_SECONDS = 30;
const RECOVERY_CODES = 10;
const CODE = /^\d{6}$/;

const totpOf = (secret: string, label = 'Enlace') =>
  new TOTP({ issuer: 'Enlace', label, algorithm: 'SHA1', digits: 6, period: PERIOD_SECONDS, secret: Secret.fromBase32(secret) });

/** Ten characters of base32 in two groups ("k7q2m-x9df4"): easy to copy from paper, 50 bits each. */
function recoveryCode(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const bytes = randomBytes(10);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

/**
 * A recovery code is 50 random bits, not a password a person chose: a keyed SHA-256 keeps it safe at
 * rest without making each sign-in try ten slow hashes.
 */
const recoveryHash = (userId: string, code: string) => createHash('sha256').update(`${userId}:${code}`).digest('hex');
const sameHash = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * The second factor: TOTP (RFC 6238: SHA-1, 6 digits, 30 s, one step of drift either way) enrolled
 * with an authenticator app, and ten single-use recovery codes for a lost phone. A code is good once:
 * the last step used is kept, so a code seen over a shoulder cannot be replayed within its 30 s.
 */
@Injectable()
export class SecondFactorService {
  constructor(
    private readonly db: Database,
    private readonly accounts: AccountsRepository,
    private readonly clock: Clock,
  ) {}

  /** A new secret to add to the authenticator app; the factor is on once a code from it is confirmed. */
  async enrol(principal: Principal): Promise<{ secret: string; otpauthUri: string }> {
    const factor = await this.accounts.secondFactor(principal.id);
    if (factor?.enabledAt) throw new DomainError(ErrorCode.InvalidTransition, 'A second factor is already on for this account');
    const secret = new Secret({ size: 20 }).base32;
    await this.accounts.setSecondFactor(principal.id, { secret, lastStep: null });
    return { secret, otpauthUri: totpOf(secret, principal.email).toString() };
  }

  /** Turns the factor on with a first code, and answers the recovery codes (shown this once). */
  async confirm(principal: Principal, code: string): Promise<{ recoveryCodes: string[] }> {
    const codes = Array.from({ length: RECOVERY_CODES }, recoveryCode);
    const hashes = codes.map((c) => recoveryHash(principal.id, c));
    await this.db.transaction(async (tx) => {
      const factor = await this.accounts.secondFactor(principal.id, tx);
      if (!factor?.secret || factor.enabledAt) {
        throw new DomainError(ErrorCode.InvalidTransition, factor?.enabledAt ? 'A second factor is already on' : 'Start with POST /api/auth/totp/enrol');
      }
      const step = this.validStep(factor.secret, code, factor.lastStep);
      if (step === null) throw new DomainError(ErrorCode.ValidationFailed, 'code: not the current code of the authenticator', { fields: [{ field: 'code', rule: 'invalid' }] });
      await this.accounts.setSecondFactor(principal.id, { enabledAt: this.clock.now(), lastStep: step, recoveryCodes: hashes }, tx);
    });
    return { recoveryCodes: codes };
  }

  async enabled(userId: string): Promise<boolean> {
    return Boolean((await this.accounts.secondFactor(userId))?.enabledAt);
  }

  /** Whether `code` (a TOTP code, or an unused recovery code, then spent) opens this account now. */
  async verify(userId: string, code: string): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const factor = await this.accounts.secondFactor(userId, tx);
      if (!factor?.secret || !factor.enabledAt) return false;
      const trimmed = code.trim().toLowerCase();
      if (CODE.test(trimmed)) {
        const step = this.validStep(factor.secret, trimmed, factor.lastStep);
        if (step === null) return false;
        await this.accounts.setSecondFactor(userId, { lastStep: step }, tx);
        return true;
      }
      const presented = recoveryHash(userId, trimmed);
      const match = factor.recoveryCodes.findIndex((hash) => sameHash(hash, presented));
      if (match < 0) return false;
      await this.accounts.setSecondFactor(userId, { recoveryCodes: factor.recoveryCodes.filter((_, j) => j !== match) }, tx);
      return true;
    });
  }

  /** The time step the code belongs to (now, or one step either side), if it is later than the last one used. */
  private validStep(secret: string, code: string, lastStep: number | null): number | null {
    if (!CODE.test(code)) return null;
    const now = this.clock.now().getTime();
    const delta = totpOf(secret).validate({ token: code, timestamp: now, window: 1 });
    if (delta === null) return null;
    const step = Math.floor(now / 1000 / PERIOD_SECONDS) + delta;
    return lastStep !== null && step <= lastStep ? null : step;
  }
}
