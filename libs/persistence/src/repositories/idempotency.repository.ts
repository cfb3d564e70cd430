import { Injectable } from '@nestjs/common';
import type { Transaction } from '../database.js';

export interface KeptAnswer {
  fingerprint: string;
  response: unknown;
}

/** The first answer of a change under (user, key), written in the change's own transaction. */
@Injectable()
export class IdempotencyRepository {
  /**
   * Takes the key for this transaction. `null`: taken, the caller does the change and `keep`s its
   * answer. Otherwise the answer kept by the transaction that took it first (a concurrent one is
   * waited for: the primary key makes this insert wait on its commit or rollback). A key older than
   * `expiredBefore` is forgotten first, and so are a few other expired ones.
   */
  async claim(tx: Transaction, principalId: string, key: string, fingerprint: string, at: Date, expiredBefore: Date): Promise<KeptAnswer | null> {
    await tx.manager.query(
      `DELETE FROM idempotency_keys WHERE (principal_id, key) IN (
         SELECT principal_id, key FROM idempotency_keys WHERE created_at < $1 ORDER BY created_at LIMIT 20 FOR UPDATE SKIP LOCKED)
       OR (principal_id = $2 AND key = $3 AND created_at < $1)`,
      [expiredBefore, principalId, key],
    );
    const inserted: unknown[] = await tx.manager.query(
      `INSERT INTO idempotency_keys (principal_id, key, fingerprint, response, created_at) VALUES ($1, $2, $3, 'null', $4)
       ON CONFLICT (principal_id, key) DO NOTHING RETURNING key`,
      [principalId, key, fingerprint, at],
    );
    if (inserted.length > 0) return null;
    const rows: KeptAnswer[] = await tx.manager.query(
      'SELECT fingerprint, response FROM idempotency_keys WHERE principal_id = $1 AND key = $2',
      [principalId, key],
    );
    return rows[0] ?? null;
  }

  async keep(tx: Transaction, principalId: string, key: string, response: unknown): Promise<void> {
    await tx.manager.query('UPDATE idempotency_keys SET response = $3 WHERE principal_id = $1 AND key = $2', [
      principalId,
      key,
      JSON.stringify(response),
    ]);
  }
}
