import { Injectable } from '@nestjs/common';
import type { QueryDeepPartialEntity } from 'typeorm';
import { canonicalJson, sha256Hex } from '@enlace/core';
import { Database, type Transaction } from '../database.js';
import { DirectoryHistoryEntity } from '../entities/directory-history.entity.js';
import { chainProblem, nextLink, type ChainProblem } from '../hash-chain.js';

export type DirectoryHistoryEntry = Omit<DirectoryHistoryEntity, 'id' | 'seq' | 'prevHash' | 'hash'>;


/** The hash of one row covers every field a reader relies on, and the hash of the row before it. */
export function directoryHistoryHash(row: Omit<DirectoryHistoryEntity, 'id' | 'hash'>): string {
  return sha256Hex(
    canonicalJson({
      seq: row.seq,
      event: row.event,
      userId: row.userId,
      country: row.country,
      fromStatus: row.fromStatus,
      toStatus: row.toStatus,
      validUntil: row.validUntil,
      reason: row.reason,
      actorId: row.actorId,
      actorRole: row.actorRole,
      actorCountry: row.actorCountry,
      at: row.at.toISOString(),
      prevHash: row.prevHash,
    }),
  );
}

export interface DirectoryChainBreak {
  id: string;
  userId: string;
  seq: number;
  problem: ChainProblem;
}

const COLUMNS = `id, seq, event, user_id AS "userId", country, from_status AS "fromStatus", to_status AS "toStatus",
  valid_until::text AS "validUntil", reason, actor_id AS "actorId", actor_role AS "actorRole",
  actor_country AS "actorCountry", at, prev_hash AS "prevHash", hash`;

// One chain for the whole table: appends are serialized by a transaction-scoped advisory lock (the
// unique seq would refuse a second writer anyway; the lock makes it wait instead of fail).
const CHAIN_LOCK = `SELECT pg_advisory_xact_lock(hashtext('enlace.directory_history'))`;

@Injectable()
export class DirectoryHistoryRepository {
  constructor(private readonly db: Database) {}

  /** Appends the next link of the directory's chain, inside the caller's transaction. */
  async append(tx: Transaction, entry: DirectoryHistoryEntry): Promise<DirectoryHistoryEntity> {
    await tx.manager.query(CHAIN_LOCK);
    const [last]: { seq: number; hash: string }[] = await tx.manager.query(
      'SELECT seq, hash FROM directory_history ORDER BY seq DESC LIMIT 1',
    );
    const row = nextLink(entry, last, directoryHistoryHash);
    const saved = await tx.manager.getRepository(DirectoryHistoryEntity).insert(row as QueryDeepPartialEntity<DirectoryHistoryEntity>);
    return { ...row, id: String(saved.identifiers[0].id) };
  }

  async listForUser(userId: string): Promise<DirectoryHistoryEntity[]> {
    const rows: DirectoryHistoryEntity[] = await this.db
      .managerOf()
      .query(`SELECT ${COLUMNS} FROM directory_history WHERE user_id = $1 ORDER BY seq`, [userId]);
    return rows.map((r) => ({ ...r, id: String(r.id) }));
  }

  /** Whether the end of this authorization was already recorded. */
  async hasExpiry(tx: Transaction, userId: string, validUntil: string): Promise<boolean> {
    const rows: unknown[] = await tx.manager.query(
      `SELECT 1 FROM directory_history WHERE user_id = $1 AND event = 'EXPIRE' AND valid_until = $2::date`,
      [userId, validUntil],
    );
    return rows.length > 0;
  }

  /**
   * Walks the chain in order and returns the first row that does not match, or null when all verify.
   * Reads in pages so that a long history does not fill memory.
   */
  async verifyAll(pageSize = 5000): Promise<{ checked: number; firstBreak: DirectoryChainBreak | null }> {
    const manager = this.db.managerOf();
    let checked = 0;
    let previous: { seq: number; hash: string } | null = null;
    for (;;) {
      const page: DirectoryHistoryEntity[] = await manager.query(
        `SELECT ${COLUMNS} FROM directory_history WHERE seq > $1 ORDER BY seq LIMIT $2`,
        [previous?.seq ?? 0, pageSize],
      );
      for (const row of page) {
        const problem = chainProblem(row, previous, directoryHistoryHash(row));
        if (problem) return { checked, firstBreak: { id: String(row.id), userId: row.userId, seq: row.seq, problem } };
        checked += 1;
        previous = { seq: row.seq, hash: row.hash };
      }
      if (page.length < pageSize) return { checked, firstBreak: null };
    }
  }
}
