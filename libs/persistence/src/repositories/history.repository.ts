import { Injectable } from '@nestjs/common';
import type { QueryDeepPartialEntity } from 'typeorm';
import { canonicalJson, sha256Hex } from '@enlace/core';
import { Database, type Transaction } from '../database.js';
import { HistoryEntity } from '../entities/history.entity.js';
import { chainProblem, nextLink, type ChainProblem } from '../hash-chain.js';

export type HistoryEntry = Omit<HistoryEntity, 'id' | 'seq' | 'prevHash' | 'hash'>;


/** The hash of one row covers every field a reader relies on, and the hash of the row before it. */
export function historyHash(row: Omit<HistoryEntity, 'id' | 'hash'>): string {
  return sha256Hex(
    canonicalJson({
      requestId: row.requestId,
      seq: row.seq,
      event: row.event,
      fromState: row.fromState,
      toState: row.toState,
      actorId: row.actorId,
      actorRole: row.actorRole,
      actorCountry: row.actorCountry,
      comment: row.comment,
      data: row.data,
      at: row.at.toISOString(),
      prevHash: row.prevHash,
    }),
  );
}

export interface ChainBreak {
  id: string;
  requestId: string;
  seq: number;
  problem: ChainProblem;
}

@Injectable()
export class HistoryRepository {
  constructor(private readonly db: Database) {}

  /**
   * Appends the next link of the request's chain; the caller holds the request's row lock. `last`: the
   * chain's last link as read under that lock (null: no row yet), or undefined to read it here.
   */
  async append(tx: Transaction, entry: HistoryEntry, last?: { seq: number; hash: string } | null): Promise<HistoryEntity> {
    if (last === undefined) {
      [last] = await tx.manager.query('SELECT seq, hash FROM request_history WHERE request_id = $1 ORDER BY seq DESC LIMIT 1', [entry.requestId]);
    }
    const row = nextLink(entry, last ?? undefined, historyHash);
    const saved = await tx.manager.getRepository(HistoryEntity).insert(row as QueryDeepPartialEntity<HistoryEntity>);
    return { ...row, id: String(saved.identifiers[0].id) };
  }

  /** The rows where a request entered a state, for the requests given, oldest first. */
  async stateChanges(requestIds: string[], tx?: Transaction): Promise<Pick<HistoryEntity, 'requestId' | 'toState' | 'at'>[]> {
    if (requestIds.length === 0) return [];
    return this.db.managerOf(tx).query(
      `SELECT request_id AS "requestId", to_state AS "toState", at FROM request_history
       WHERE request_id = ANY($1::uuid[]) AND from_state IS DISTINCT FROM to_state ORDER BY request_id, seq`,
      [requestIds],
    );
  }

  findById(id: string): Promise<HistoryEntity | null> {
    return this.db.managerOf().getRepository(HistoryEntity).findOneBy({ id });
  }

  listForRequest(requestId: string): Promise<HistoryEntity[]> {
    return this.db.managerOf().getRepository(HistoryEntity).find({ where: { requestId }, order: { seq: 'ASC' } });
  }

  /**
   * Walks every chain in the database in order and returns the first row that does not match, or
   * null when all verify. Reads in pages so that a large history does not fill memory.
   */
  async verifyAll(pageSize = 5000): Promise<{ checked: number; firstBreak: ChainBreak | null }> {
    const repo = this.db.managerOf().getRepository(HistoryEntity);
    let checked = 0;
    let cursor: { requestId: string; seq: number } | null = null;
    let previous: { requestId: string; seq: number; hash: string } | null = null;
    for (;;) {
      const qb = repo.createQueryBuilder('h').orderBy('h.request_id').addOrderBy('h.seq').limit(pageSize);
      if (cursor) qb.where('(h.request_id, h.seq) > (:requestId, :seq)', cursor);
      const page = await qb.getMany();
      for (const row of page) {
        const problem = chainProblem(row, previous?.requestId === row.requestId ? previous : null, historyHash(row));
        if (problem) return { checked, firstBreak: { id: String(row.id), requestId: row.requestId, seq: row.seq, problem } };
        checked += 1;
        previous = { requestId: row.requestId, seq: row.seq, hash: row.hash };
      }
      if (page.length < pageSize) return { checked, firstBreak: null };
      const last = page[page.length - 1];
      cursor = { requestId: last.requestId, seq: last.seq };
    }
  }
}
