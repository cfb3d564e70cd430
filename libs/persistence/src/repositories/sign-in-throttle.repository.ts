import { Injectable } from '@nestjs/common';
import type { Transaction } from '../database.js';

/** One brake: the failures counted for an e-mail typed or a client address, and until when it holds. */
export interface ThrottleRow {
  key: string;
  failures: number;
  windowStartedAt: Date;
  blockedUntil: Date | null;
  locked: boolean;
}

const COLUMNS = `key, failures, window_started_at AS "windowStartedAt", blocked_until AS "blockedUntil", locked`;

@Injectable()
export class SignInThrottleRepository {
  /** The rows of these keys (created empty where missing), locked for the rest of the transaction, in key order. */
  async lock(tx: Transaction, keys: string[], now: Date): Promise<ThrottleRow[]> {
    await tx.manager.query(
      `INSERT INTO sign_in_throttle (key, window_started_at) SELECT k, $2 FROM unnest($1::text[]) AS k ON CONFLICT (key) DO NOTHING`,
      [keys, now],
    );
    return tx.manager.query(`SELECT ${COLUMNS} FROM sign_in_throttle WHERE key = ANY($1::text[]) ORDER BY key FOR UPDATE`, [keys]);
  }

  async save(tx: Transaction, row: ThrottleRow): Promise<void> {
    await tx.manager.query(
      'UPDATE sign_in_throttle SET failures = $2, window_started_at = $3, blocked_until = $4, locked = $5 WHERE key = $1',
      [row.key, row.failures, row.windowStartedAt, row.blockedUntil, row.locked],
    );
  }
}
