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
   * Rows to hand to the queue: never dispatched, or dispatched long enough ago without being done
   * (the enqueue or the job was lost; a delayed one counts from its run_at). SKIP LOCKED lets several
   * relays run side by side.
   */
  async claimForDispatch(staleBefore: Date, limit: number, now: Date): Promise<OutboxEntity[]> {
    return this.db.transaction(async ({ manager }) => {
      const rows: OutboxEntity[] = await manager.query(
        `SELECT id, request_id AS "requestId", job, payload, created_at AS "createdAt", dispatched_at AS "dispatchedAt",
                dispatch_count AS "dispatchCount", done_at AS "doneAt", last_error AS "lastError", run_at AS "runAt"
         FROM outbox
         WHERE done_at IS NULL AND (dispatched_at IS NULL OR (dispatched_at < $1 AND (run_at IS NULL OR run_at < $1)))
         ORDER BY created_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [staleBefore, limit],
      );
      if (rows.length > 0) {
        await manager.query(
          'UPDATE outbox SET dispatched_at = $2, dispatch_count = dispatch_count + 1 WHERE id = ANY($1::uuid[])',
          [rows.map((r) => r.id), now],
        );
      }
      return rows;
    });
  }

  /** Gives a claimed row back, e.g. when the queue could not take it. */
  async release(id: string, error: string): Promise<void> {
    await this.db.managerOf().query('UPDATE outbox SET dispatched_at = NULL, last_error = $2 WHERE id = $1', [id, error]);
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
