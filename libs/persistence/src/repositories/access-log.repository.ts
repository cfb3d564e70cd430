import { Injectable } from '@nestjs/common';
import { canonicalJson, sha256Hex } from '@enlace/core';
import { Database } from '../database.js';
import { chainProblem, nextLink, type ChainProblem, type Link } from '../hash-chain.js';

/** The closed catalogue of what the access log records. */
export const ACCESS_ACTIONS = [
  'sign_in',
  'request.read',
  'request.list',
  'request.history',
  'request.messages',
  'request.documents',
  'request.access_log',
  'document.download',
  'request.edit',
  'request.event',
  'request.message',
  /** A case shows each of its requests the viewer may see: one row per request shown. */
  'case.read',
  'case.list',
  'case.also_ask',
] as const;
export type AccessAction = (typeof ACCESS_ACTIONS)[number];

export type AccessOutcome = 'allowed' | 'refused' | 'failed';

export interface AccessEntry {
  at: Date;
  actorId: string | null;
  actorRole: string | null;
  actorCountry: string | null;
  action: AccessAction;
  requestId: string | null;
  documentId: string | null;
  outcome: AccessOutcome;
  status: number;
  address: string | null;
}

export interface AccessRow extends AccessEntry {
  id: string;
  seq: number;
  prevHash: string;
  hash: string;
}

/** A row as it is chained and exported: every field a reader relies on, dates as ISO text. */
export type AccessRecord = Omit<AccessRow, 'id' | 'hash' | 'at'> & { at: string };

export const accessRecord = (row: Omit<AccessRow, 'id' | 'hash'>): AccessRecord => ({
  seq: row.seq,
  at: row.at.toISOString(),
  actorId: row.actorId,
  actorRole: row.actorRole,
  actorCountry: row.actorCountry,
  action: row.action,
  requestId: row.requestId,
  documentId: row.documentId,
  outcome: row.outcome,
  status: row.status,
  address: row.address,
  prevHash: row.prevHash,
});

/** Each row's hash covers its whole record, and the hash of the row before it. */
export const accessLogHash = (row: Omit<AccessRow, 'id' | 'hash'>): string => sha256Hex(canonicalJson(accessRecord(row)));

export interface AccessChainBreak {
  id: string;
  seq: number;
  problem: ChainProblem;
}

/** A row as the requesting country's supervisor reads it: who, with their name. */
export type CaseAccessRow = AccessRow & { actorName: string | null };

const COLUMNS = `a.id, a.seq::int AS seq, a.at, a.actor_id AS "actorId", a.actor_role AS "actorRole", a.actor_country AS "actorCountry",
  a.action, a.request_id AS "requestId", a.document_id AS "documentId", a.outcome, a.status, a.address,
  a.prev_hash AS "prevHash", a.hash`;

const MAX_ROWS_PER_WRITE = 2000;

// One chain for the whole table, appends serialized by a transaction-scoped advisory lock.
const CHAIN_LOCK = `SELECT pg_advisory_xact_lock(hashtext('enlace.access_log'))`;

@Injectable()
export class AccessLogRepository {
  constructor(private readonly db: Database) {}

  /** Entries waiting for the transaction in flight to end: the next one writes them all (group commit). */
  private pending: { entries: AccessEntry[]; done: (error?: unknown) => void }[] = [];
  private flushing = false;

  /**
   * Appends the entries, in order, as the next links of the chain, and resolves once they are
   * committed. The chain is one line through the table, so appends are serialized (an advisory lock
   * across processes); within a process, whatever arrives while a write is in flight goes together
   * in the next transaction, so that concurrent reads do not queue one transaction each.
   */
  append(entries: AccessEntry[]): Promise<void> {
    if (entries.length === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.pending.push({ entries, done: (error) => (error === undefined ? resolve() : reject(error)) });
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      while (this.pending.length > 0) {
        // At most ~2,000 rows a statement (13 parameters each, PostgreSQL takes 65,535).
        let take = 0;
        for (let rows = 0; take < this.pending.length && (take === 0 || rows + this.pending[take].entries.length <= MAX_ROWS_PER_WRITE); take++) {
          rows += this.pending[take].entries.length;
        }
        const batch = this.pending.splice(0, take);
        try {
          await this.write(batch.flatMap((b) => b.entries));
          for (const b of batch) b.done();
        } catch (error) {
          for (const b of batch) b.done(error ?? new Error('access log write failed'));
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  private async write(entries: AccessEntry[]): Promise<void> {
    await this.db.transaction(async (tx) => {
      // A document download is a read of its request: the line names both.
      const documents = entries.filter((e) => e.documentId && !e.requestId).map((e) => e.documentId!);
      const owners = new Map<string, string>();
      if (documents.length > 0) {
        const found: { id: string; requestId: string }[] = await tx.manager.query(
          'SELECT id, request_id AS "requestId" FROM documents WHERE id = ANY($1::uuid[])',
          [documents],
        );
        for (const f of found) owners.set(f.id, f.requestId);
      }
      await tx.manager.query(CHAIN_LOCK);
      const [head]: { seq: number; hash: string }[] = await tx.manager.query('SELECT seq::int AS seq, hash FROM access_log ORDER BY seq DESC LIMIT 1');
      let last: { seq: number; hash: string } | undefined = head;
      const params: unknown[] = [];
      const values: string[] = [];
      for (const entry of entries) {
        const resolved = entry.documentId && !entry.requestId ? { ...entry, requestId: owners.get(entry.documentId) ?? null } : entry;
        const row: AccessEntry & Link = nextLink(resolved, last, accessLogHash);
        const p = params.length;
        params.push(row.seq, row.at, row.actorId, row.actorRole, row.actorCountry, row.action, row.requestId, row.documentId, row.outcome, row.status, row.address, row.prevHash, row.hash);
        values.push(`(${Array.from({ length: 13 }, (_, i) => `$${p + i + 1}`).join(', ')})`);
        last = row;
      }
      await tx.manager.query(
        `INSERT INTO access_log (seq, at, actor_id, actor_role, actor_country, action, request_id, document_id, outcome, status, address, prev_hash, hash)
         VALUES ${values.join(', ')}`,
        params,
      );
    });
  }

  /** Who has touched this request (its document downloads included), oldest first, with their names. */
  async forRequest(requestId: string): Promise<CaseAccessRow[]> {
    const rows: CaseAccessRow[] = await this.db.managerOf().query(
      `SELECT ${COLUMNS}, u.name AS "actorName" FROM access_log a LEFT JOIN users u ON u.id = a.actor_id
        WHERE a.request_id = $1 ORDER BY a.seq`,
      [requestId],
    );
    return rows.map((r) => ({ ...r, id: String(r.id) }));
  }

  /** The rows recorded in [from, to), in chain order, at most `limit`. */
  async between(from: Date, to: Date, limit: number): Promise<AccessRow[]> {
    const rows: AccessRow[] = await this.db
      .managerOf()
      .query(`SELECT ${COLUMNS} FROM access_log a WHERE a.at >= $1 AND a.at < $2 ORDER BY a.seq LIMIT $3`, [from, to, limit]);
    return rows.map((r) => ({ ...r, id: String(r.id) }));
  }

  /** Walks the chain in order and returns the first row that does not match, or null when all verify. */
  async verifyAll(pageSize = 5000): Promise<{ checked: number; firstBreak: AccessChainBreak | null }> {
    let checked = 0;
    let previous: { seq: number; hash: string } | null = null;
    for (;;) {
      const page: AccessRow[] = await this.db
        .managerOf()
        .query(`SELECT ${COLUMNS} FROM access_log a WHERE a.seq > $1 ORDER BY a.seq LIMIT $2`, [previous?.seq ?? 0, pageSize]);
      for (const row of page) {
        const problem = chainProblem(row, previous, accessLogHash(row));
        if (problem) return { checked, firstBreak: { id: String(row.id), seq: row.seq, problem } };
        checked += 1;
        previous = { seq: row.seq, hash: row.hash };
      }
      if (page.length < pageSize) return { checked, firstBreak: null };
    }
  }
}
