import { Injectable } from '@nestjs/common';
import type { QueryDeepPartialEntity } from 'typeorm';
import type { CountryCode, RequestFields, RequestState, Role } from '@enlace/workflows';
import { Database, type Transaction } from '../database.js';
import { RequestEntity } from '../entities/request.entity.js';

/** Who is looking, as far as visibility is concerned. */
export interface Viewer {
  id: string;
  role: Role;
  country: CountryCode | null;
  authorizedLiaison: boolean;
}

export interface RequestFilter {
  state?: RequestState;
  requestedCountry?: CountryCode;
  /** Part of the reference, or of the title where the viewer reads it unmasked; any case. */
  search?: string;
  page: number;
  pageSize: number;
}

export interface RequestChange {
  state: RequestState;
  /** The machine version that wrote `snapshot` (an older snapshot is upgraded when it next changes). */
  machineVersion: number;
  snapshot: unknown;
  fields: RequestFields;
  sharedAt: Date | null;
  submittedAt: Date | null;
  authorizedAt: Date | null;
  transmittedAt: Date | null;
  viaCancilleriaAt: Date | null;
  receivedAt: Date | null;
  updatedAt: Date;
}

/**
 * Who may see a request, as one SQL condition so that lists, reads and locks all apply the same rule.
 * - the creating fiscal always; the requested country's authorized liaisons once the draft was shared;
 * - the requesting country's cancillería once the request was submitted to it;
 * - the requesting country's central authority once its cancillería authorized it (it transmits
 *   where the route runs between central authorities);
 * - the requested country's cancillería once the diplomatic note reached it (it forwards);
 * - the requested country's central authority once the request reached it (the formal channel);
 * - a supervisor: its country's requests as requesting party, and as requested party once transmitted;
 * - an admin reads no case content.
 */
export function visibility(viewer: Viewer, alias: string): { sql: string; params: unknown[] } {
  const r = alias;
  switch (viewer.role) {
    case 'fiscal':
      return viewer.authorizedLiaison
        ? {
            sql: `(${r}.created_by = $1 OR (${r}.requested_country = $2 AND ${r}.shared_at IS NOT NULL))`,
            params: [viewer.id, viewer.country],
          }
        : { sql: `${r}.created_by = $1`, params: [viewer.id] };
    case 'cancilleria':
      return {
        sql: `((${r}.requesting_country = $1 AND ${r}.submitted_at IS NOT NULL) OR (${r}.requested_country = $1 AND ${r}.via_cancilleria_at IS NOT NULL))`,
        params: [viewer.country],
      };
    case 'central_authority':
      return {
        sql: `((${r}.requesting_country = $1 AND ${r}.authorized_at IS NOT NULL) OR (${r}.requested_country = $1 AND ${r}.received_at IS NOT NULL))`,
        params: [viewer.country],
      };
    case 'supervisor':
      return {
        sql: `(${r}.requesting_country = $1 OR (${r}.requested_country = $1 AND ${r}.transmitted_at IS NOT NULL))`,
        params: [viewer.country],
      };
    case 'admin':
      return { sql: 'false', params: [] };
  }
}

/** The request row's own columns, as RequestEntity names them. */
const REQUEST_COLUMNS = `r.id, r.reference, r.requesting_country AS "requestingCountry", r.requested_country AS "requestedCountry",
  r.created_by AS "createdBy", r.state, r.version, r.machine_id AS "machineId", r.machine_version AS "machineVersion",
  r.snapshot, r.fields, r.shared_at AS "sharedAt", r.submitted_at AS "submittedAt", r.authorized_at AS "authorizedAt",
  r.transmitted_at AS "transmittedAt", r.via_cancilleria_at AS "viaCancilleriaAt", r.received_at AS "receivedAt",
  r.created_at AS "createdAt", r.updated_at AS "updatedAt"`;

const COLUMNS = `${REQUEST_COLUMNS}, u.name AS "createdByName"`;

const FROM = 'requests r JOIN users u ON u.id = r.created_by';

/** A request row with the name of the fiscal who created it. */
export type RequestRecord = RequestEntity & { createdByName: string };

/** Where the request entered a state (a history row whose states differ), oldest first. */
export interface StateChange {
  toState: string;
  at: Date;
}

/**
 * A request locked for a change, with what the change needs of its history: the last link of its hash
 * chain (null before the first row) and the states it entered, read in the same statement as the lock.
 */
export interface LockedRequest {
  record: RequestRecord;
  lastLink: { seq: number; hash: string } | null;
  stateChanges: StateChange[];
}

const HISTORY_OF_R = {
  lastLink: `(SELECT json_build_object('seq', h.seq, 'hash', h.hash) FROM request_history h WHERE h.request_id = r.id ORDER BY h.seq DESC LIMIT 1)`,
  stateChanges: `(SELECT COALESCE(json_agg(json_build_object('toState', h.to_state, 'at', h.at) ORDER BY h.seq), '[]'::json)
     FROM request_history h WHERE h.request_id = r.id AND h.from_state IS DISTINCT FROM h.to_state)`,
};

const toStateChanges = (rows: { toState: string; at: string }[]): StateChange[] => rows.map((c) => ({ toState: c.toState, at: new Date(c.at) }));

@Injectable()
export class RequestsRepository {
  constructor(private readonly db: Database) {}

  async insert(tx: Transaction, request: Omit<RequestEntity, 'id'>): Promise<RequestEntity> {
    const saved = await tx.manager.getRepository(RequestEntity).insert(request as QueryDeepPartialEntity<RequestEntity>);
    return { ...request, id: saved.identifiers[0].id as string };
  }

  /** For the platform's own processors, which act for no user. Never for a user's read. */
  async findForProcessing(id: string, tx?: Transaction): Promise<RequestRecord | null> {
    const rows: RequestRecord[] = await this.db.managerOf(tx).query(`SELECT ${COLUMNS} FROM ${FROM} WHERE r.id = $1`, [id]);
    return rows[0] ?? null;
  }

  async findVisible(id: string, viewer: Viewer, tx?: Transaction): Promise<RequestRecord | null> {
    return this.selectVisible(id, viewer, '', tx);
  }

  /** Locks the row for the rest of the transaction; a request the viewer may not see is not found. */
  async lockVisible(tx: Transaction, id: string, viewer: Viewer): Promise<RequestRecord | null> {
    return this.selectVisible(id, viewer, 'FOR UPDATE', tx);
  }

  /**
   * `lockVisible` and the request's history as the change needs it, in one round trip. The lock may
   * wait for another transaction holding the row; the row is then read again as that one left it, but
   * the subqueries still see the statement's start (PostgreSQL's READ COMMITTED re-check): when the row
   * changed meanwhile (its version as the statement's start saw it differs), the history is read again.
   */
  async lockVisibleWithHistory(tx: Transaction, id: string, viewer: Viewer): Promise<LockedRequest | null> {
    const scope = visibility(viewer, 'r');
    const shift = scope.params.length;
    const rows: (RequestRecord & { seenVersion: number; lastLink: LockedRequest['lastLink']; stateChanges: { toState: string; at: string }[] })[] =
      await tx.manager.query(
        `SELECT ${COLUMNS}, (SELECT s.version FROM requests s WHERE s.id = r.id) AS "seenVersion",
           ${HISTORY_OF_R.lastLink} AS "lastLink", ${HISTORY_OF_R.stateChanges} AS "stateChanges"
         FROM ${FROM} WHERE ${scope.sql} AND r.id = $${shift + 1} FOR UPDATE OF r`,
        [...scope.params, id],
      );
    const row = rows[0];
    if (!row) return null;
    const { seenVersion, lastLink, stateChanges, ...record } = row;
    if (seenVersion === record.version) return { record, lastLink, stateChanges: toStateChanges(stateChanges) };
    const [fresh]: { lastLink: LockedRequest['lastLink']; stateChanges: { toState: string; at: string }[] }[] = await tx.manager.query(
      `SELECT ${HISTORY_OF_R.lastLink} AS "lastLink", ${HISTORY_OF_R.stateChanges} AS "stateChanges" FROM requests r WHERE r.id = $1`,
      [id],
    );
    return { record, lastLink: fresh!.lastLink, stateChanges: toStateChanges(fresh!.stateChanges) };
  }

  private async selectVisible(id: string, viewer: Viewer, lock: string, tx?: Transaction): Promise<RequestRecord | null> {
    const scope = visibility(viewer, 'r');
    const shift = scope.params.length;
    const rows: RequestRecord[] = await this.db
      .managerOf(tx)
      .query(
        `SELECT ${COLUMNS} FROM ${FROM} WHERE ${scope.sql} AND r.id = $${shift + 1} ${lock ? `${lock} OF r` : ''}`,
        [...scope.params, id],
      );
    return rows[0] ?? null;
  }

  async list(viewer: Viewer, filter: RequestFilter): Promise<{ items: RequestRecord[]; total: number }> {
    const scope = visibility(viewer, 'r');
    const params = [...scope.params];
    const where = [scope.sql];
    if (filter.state) {
      params.push(filter.state);
      where.push(`r.state = $${params.length}`);
    }
    if (filter.requestedCountry) {
      params.push(filter.requestedCountry);
      where.push(`r.requested_country = $${params.length}`);
    }
    if (filter.search) {
      params.push(`%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`, viewer.country);
      const [term, country] = [params.length - 1, params.length];
      // The title only where the viewer reads it as written (disclosureFor's 'full': its own country's
      // request, or one transmitted to it): a counterpart shown a title with a protected name masked
      // must not learn, by searching that name, which shared drafts carry it. Else the reference alone.
      where.push(
        `(r.reference ILIKE $${term} OR (r.fields->>'title' ILIKE $${term} AND (r.requesting_country = $${country} OR r.transmitted_at IS NOT NULL)))`,
      );
    }
    const manager = this.db.managerOf();
    const [{ total }] = await manager.query(`SELECT count(*)::int AS total FROM requests r WHERE ${where.join(' AND ')}`, params);
    // The page's ids first, sorted by the two columns alone, then only those rows read whole: sorting
    // every visible row with its fields and snapshot spilled to disk for a deep page (521 ms at 100,000).
    const items: RequestRecord[] = await manager.query(
      `WITH page AS (
         SELECT r.id, r.created_at FROM requests r WHERE ${where.join(' AND ')}
         ORDER BY r.created_at DESC, r.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}
       )
       SELECT ${COLUMNS} FROM page JOIN requests r ON r.id = page.id JOIN users u ON u.id = r.created_by
       ORDER BY page.created_at DESC, page.id`,
      [...params, filter.pageSize, (filter.page - 1) * filter.pageSize],
    );
    return { items, total };
  }

  /**
   * Compare-and-set on `version`: the change lands only if nobody changed the row since it was read.
   * TypeORM's save() would silently overwrite (typeorm#2848), hence the explicit WHERE. Returns the
   * row as written (null when it did not land), so that the change's answer needs no second read.
   */
  async compareAndSet(tx: Transaction, id: string, expectedVersion: number, change: RequestChange): Promise<RequestEntity | null> {
    const result: [RequestEntity[], number] = await tx.manager.query(
      // Milestones are first dates: once set they stay, whatever a snapshot of an older machine
      // version (which did not record some of them) says.
      `UPDATE requests r SET state = $3, snapshot = $4, fields = $5, shared_at = COALESCE(shared_at, $6),
         submitted_at = COALESCE(submitted_at, $7), transmitted_at = COALESCE(transmitted_at, $8), updated_at = $9,
         authorized_at = COALESCE(authorized_at, $10), via_cancilleria_at = COALESCE(via_cancilleria_at, $11),
         received_at = COALESCE(received_at, $12), machine_version = $13, version = version + 1
       WHERE r.id = $1 AND r.version = $2 RETURNING ${REQUEST_COLUMNS}`,
      [
        id,
        expectedVersion,
        change.state,
        JSON.stringify(change.snapshot),
        JSON.stringify(change.fields),
        change.sharedAt,
        change.submittedAt,
        change.transmittedAt,
        change.updatedAt,
        change.authorizedAt,
        change.viaCancilleriaAt,
        change.receivedAt,
        change.machineVersion,
      ],
    );
    return result[1] === 1 ? result[0][0]! : null;
  }

  async nextReferenceNumber(tx: Transaction, requestingCountry: CountryCode, year: number): Promise<number> {
    const [row]: { last_value: number }[] = await tx.manager.query(
      `INSERT INTO reference_sequences (requesting_country, year, last_value) VALUES ($1, $2, 1)
       ON CONFLICT (requesting_country, year) DO UPDATE SET last_value = reference_sequences.last_value + 1
       RETURNING last_value`,
      [requestingCountry, year],
    );
    return row.last_value;
  }
}
