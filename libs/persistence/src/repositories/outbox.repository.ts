import { Injectable } from '@nestjs/common';
import type { QueryDeepPartialEntity } from 'typeorm';
import { Database, type Transaction } from '../database.js';
import { OutboxEntity } from '../entities/outbox.entity.js';

export interface OutboxDraft {
  requestId: string | null;
  job: string;
  payload: Record<string, unknown>;
}

@Injectable()
export class OutboxRepository {
  constructor(private readonly db: Database) {}

  async add(tx: Transaction, drafts: OutboxDraft[], at: Date): Promise<OutboxEntity[]> {
    if (drafts.length === 0) return [];
    const rows = drafts.map((d) => ({ ...d, createdAt: at, dispatchedAt: null, dispatchCount: 0, doneAt: null, lastError: null }));
    const saved = await tx.manager.getRepository(OutboxEntity).insert(rows as QueryDeepPartialEntity<OutboxEntity>[]);
    return rows.map((row, i) => ({ ...row, id: saved.identifiers[i].id as string }));
  }

  /**
   * Claims rows to hand to the queue, leased to the caller until `leaseUntil`: rows never handed over
   * whose lease is free or has lapsed (a relay that died holding them), and rows handed over long ago
   * and still not done (the queue may have lost the job; handing it again under the same job id is a
   * no-op while the queue has it; a delayed one counts from its run_at). SKIP LOCKED lets several
   * relays run side by side.
   */
  async claimForDispatch(claim: { now: Date; leaseUntil: Date; staleEnqueuedBefore: Date; limit: number }): Promise<OutboxEntity[]> {
    return this.db.transaction(async ({ manager }) => {
      const rows: OutboxEntity[] = await manager.query(
        `SELECT id, request_id AS "requestId", job, payload, created_at AS "createdAt", dispatched_at AS "dispatchedAt",
                dispatch_count AS "dispatchCount", done_at AS "doneAt", last_error AS "lastError", run_at AS "runAt"
         FROM outbox
         WHERE done_at IS NULL AND (lease_until IS NULL OR lease_until < $1)
           AND (enqueued_at IS NULL OR (enqueued_at < $2 AND (run_at IS NULL OR run_at < $2)))
         ORDER BY created_at LIMIT $3 FOR UPDATE SKIP LOCKED`,
        [claim.now, claim.staleEnqueuedBefore, claim.limit],
      );
      if (rows.length > 0) {
        await manager.query(
          'UPDATE outbox SET dispatched_at = $2, lease_until = $3, dispatch_count = dispatch_count + 1 WHERE id = ANY($1::uuid[])',
          [rows.map((r) => r.id), claim.now, claim.leaseUntil],
        );
      }
      return rows;
    });
  }

  /** The claiming relay is still at work on these rows: its lease runs until `until`. */
  async renewLease(ids: string[], until: Date): Promise<void> {
    if (ids.length === 0) return;
    await this.db.managerOf().query('UPDATE outbox SET lease_until = $2 WHERE id = ANY($1::uuid[]) AND lease_until IS NOT NULL', [ids, until]);
  }

  /** The queue has these rows' jobs: their leases end. */
  async markEnqueued(ids: string[], at: Date): Promise<void> {
    if (ids.length === 0) return;
    await this.db.managerOf().query('UPDATE outbox SET enqueued_at = $2, lease_until = NULL WHERE id = ANY($1::uuid[])', [ids, at]);
  }

  /** Gives claimed rows back at once, e.g. when the queue could not take them. */
  async release(ids: string[], error: string): Promise<void> {
    if (ids.length === 0) return;
    await this.db.managerOf().query('UPDATE outbox SET lease_until = NULL, enqueued_at = NULL, last_error = $2 WHERE id = ANY($1::uuid[])', [ids, error]);
  }

  findById(id: string, tx?: Transaction): Promise<OutboxEntity | null> {
    return this.db.managerOf(tx).getRepository(OutboxEntity).findOneBy({ id });
  }

  async markDone(id: string, at: Date, tx?: Transaction): Promise<void> {
    await this.db.managerOf(tx).query('UPDATE outbox SET done_at = $2, last_error = NULL WHERE id = $1 AND done_at IS NULL', [id, at]);
  }

  async recordError(id: string, error: string): Promise<void> {
    await this.db.managerOf().query('UPDATE outbox SET last_error = $2 WHERE id = $1', [id, error]);
  }
}
