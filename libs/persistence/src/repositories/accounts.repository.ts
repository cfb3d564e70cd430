import { Injectable } from '@nestjs/common';
import type { CountryCode, Role } from '@enlace/workflows';
import { Database, type Transaction } from '../database.js';

/** A user as the admin manages them (never a hash or a secret). */
export interface AccountRecord {
  id: string;
  email: string;
  name: string;
  role: Role;
  country: CountryCode | null;
  office: string | null;
  disabledAt: Date | null;
  secondFactor: boolean;
  createdAt: Date;
}

export interface NewAccount {
  email: string;
  name: string;
  role: Role;
  country: CountryCode | null;
  office: string | null;
  passwordHash: string;
}

/** The second factor of one user, as sign-in needs it. */
export interface SecondFactor {
  secret: string | null;
  enabledAt: Date | null;
  lastStep: number | null;
  recoveryCodes: string[];
}

const COLUMNS = `id, email, name, role, country, office, disabled_at AS "disabledAt", totp_enabled_at IS NOT NULL AS "secondFactor", created_at AS "createdAt"`;

@Injectable()
export class AccountsRepository {
  constructor(private readonly db: Database) {}

  /** The new account, or null when the e-mail is taken. */
  async create(tx: Transaction, account: NewAccount): Promise<AccountRecord | null> {
    const rows: AccountRecord[] = await tx.manager.query(
      `INSERT INTO users (email, name, role, country, office, password_hash) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (email) DO NOTHING RETURNING ${COLUMNS}`,
      [account.email.trim().toLowerCase(), account.name, account.role, account.country, account.office, account.passwordHash],
    );
    return rows[0] ?? null;
  }

  async find(id: string, tx?: Transaction): Promise<AccountRecord | null> {
    const rows: AccountRecord[] = await this.db.managerOf(tx).query(`SELECT ${COLUMNS} FROM users WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  list(): Promise<AccountRecord[]> {
    return this.db.managerOf().query(`SELECT ${COLUMNS} FROM users ORDER BY country NULLS FIRST, role, email`);
  }

  /** A disable (or re-enable) ends every open session: the users trigger raises the generation. */
  async setDisabled(id: string, at: Date | null): Promise<void> {
    await this.db.managerOf().query('UPDATE users SET disabled_at = $2 WHERE id = $1', [id, at]);
  }

  async setPasswordHash(tx: Transaction, id: string, hash: string): Promise<void> {
    await tx.manager.query('UPDATE users SET password_hash = $2 WHERE id = $1', [id, hash]);
  }

  /** A new one-time link replaces any earlier one still unused. */
  async issueReset(tx: Transaction, reset: { userId: string; tokenHash: string; createdBy: string | null; now: Date; expiresAt: Date }): Promise<void> {
    await tx.manager.query('UPDATE password_resets SET used_at = $2 WHERE user_id = $1 AND used_at IS NULL', [reset.userId, reset.now]);
    await tx.manager.query(
      'INSERT INTO password_resets (user_id, token_hash, created_by, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)',
      [reset.userId, reset.tokenHash, reset.createdBy, reset.now, reset.expiresAt],
    );
  }

  /** The user a valid, unused, unexpired link belongs to, locking the link (null for anything else). */
  async lockReset(tx: Transaction, tokenHash: string, now: Date): Promise<{ id: string; userId: string; email: string } | null> {
    const rows: { id: string; userId: string; email: string }[] = await tx.manager.query(
      `SELECT p.id, p.user_id AS "userId", u.email FROM password_resets p JOIN users u ON u.id = p.user_id
        WHERE p.token_hash = $1 AND p.used_at IS NULL AND p.expires_at > $2 FOR UPDATE OF p`,
      [tokenHash, now],
    );
    return rows[0] ?? null;
  }

  async useReset(tx: Transaction, id: string, now: Date): Promise<void> {
    await tx.manager.query('UPDATE password_resets SET used_at = $2 WHERE id = $1', [id, now]);
  }

  async secondFactor(id: string, tx?: Transaction): Promise<SecondFactor | null> {
    const rows: SecondFactor[] = await this.db.managerOf(tx).query(
      `SELECT totp_secret AS secret, totp_enabled_at AS "enabledAt", totp_last_step::float8 AS "lastStep", recovery_codes AS "recoveryCodes"
         FROM users WHERE id = $1 ${tx ? 'FOR UPDATE' : ''}`,
      [id],
    );
    return rows[0] ?? null;
  }

  async setSecondFactor(id: string, factor: Partial<SecondFactor>, tx?: Transaction): Promise<void> {
    const sets: string[] = [];
    const params: unknown[] = [id];
    const add = (column: string, value: unknown) => {
      params.push(value);
      sets.push(`${column} = $${params.length}`);
    };
    if (factor.secret !== undefined) add('totp_secret', factor.secret);
    if (factor.enabledAt !== undefined) add('totp_enabled_at', factor.enabledAt);
    if (factor.lastStep !== undefined) add('totp_last_step', factor.lastStep);
    if (factor.recoveryCodes !== undefined) add('recovery_codes', factor.recoveryCodes);
    if (sets.length > 0) await this.db.managerOf(tx).query(`UPDATE users SET ${sets.join(', ')} WHERE id = $1`, params);
  }
}
