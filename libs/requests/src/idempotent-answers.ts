import { Injectable } from '@nestjs/common';
import type { Principal } from '@enlace/auth';
import { Clock, DomainError, ErrorCode, canonicalJson, sha256Hex } from '@enlace/core';
import { Database, IdempotencyRepository, type Transaction } from '@enlace/persistence';

/** How long the first answer under an `Idempotency-Key` is kept. */
export const IDEMPOTENCY_KEY_TTL_MS = 24 * 3600 * 1000;

/** What a client sends with a change it may need to retry (the `Idempotency-Key` header). */
export interface IdempotencyKey {
  key: string;
  /** The route, e.g. `POST /requests/{id}/events`: the same key on another route is another use. */
  route: string;
}

/**
 * Runs a change in one transaction whose answer is built inside it, so that a change that committed
 * is answered with what it wrote and an error means nothing was written. With a key, the first answer
 * is kept with the change; the same key and body again (even concurrently) get that answer, and the
 * same key with another body is refused (422 `idempotency_key_reused`).
 */
@Injectable()
export class IdempotentAnswers {
  constructor(
    private readonly db: Database,
    private readonly keys: IdempotencyRepository,
    private readonly clock: Clock,
  ) {}

  run<T>(principal: Principal, idempotency: IdempotencyKey | undefined, body: unknown, change: (tx: Transaction) => Promise<T>): Promise<T> {
    return this.db.transaction(async (tx) => {
      if (!idempotency) return change(tx);
      const fingerprint = sha256Hex(canonicalJson({ route: idempotency.route, body }));
      const now = this.clock.now();
      const kept = await this.keys.claim(tx, principal.id, idempotency.key, fingerprint, now, new Date(now.getTime() - IDEMPOTENCY_KEY_TTL_MS));
      if (kept) {
        if (kept.fingerprint !== fingerprint) {
          throw new DomainError(ErrorCode.IdempotencyKeyReused, 'This Idempotency-Key was used for another change; use a new key for a new change', {
            violations: [{ field: 'Idempotency-Key', rule: 'reused_with_another_body' }],
          });
        }
        return kept.response as T;
      }
      const answer = await change(tx);
      await this.keys.keep(tx, principal.id, idempotency.key, answer);
      return answer;
    });
  }
}
