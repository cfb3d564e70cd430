import { Injectable } from '@nestjs/common';
import type { CountryCode } from '@enlace/workflows';
import { Database, type Transaction } from '../database.js';
import { visibility, type Viewer } from './requests.repository.js';

export interface CaseRow {
  id: string;
  investigationReference: string;
  requestingCountry: CountryCode;
  office: string | null;
  createdBy: string;
  createdAt: Date;
}

export interface CaseMember {
  requestId: string;
  requestedCountry: CountryCode;
  addedAt: Date;
}

export interface CaseFilter {
  /** Only the case this request belongs to. */
  requestId?: string;
  page: number;
  pageSize: number;
}

const COLUMNS = `c.id, c.investigation_reference AS "investigationReference", c.requesting_country AS "requestingCountry",
  c.office, c.created_by AS "createdBy", c.created_at AS "createdAt"`;

/**
 * Cases and their members. A case is seen through its requests: a viewer sees a case when it may see
 * at least one of its requests, and of the members only those (the same rule as for a request).
 */
@Injectable()
export class CasesRepository {
  constructor(private readonly db: Database) {}

  async create(tx: Transaction, row: Omit<CaseRow, 'id'>): Promise<CaseRow> {
    const [created]: CaseRow[] = await tx.manager.query(
      `INSERT INTO cases AS c (investigation_reference, requesting_country, office, created_by, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING ${COLUMNS}`,
      [row.investigationReference, row.requestingCountry, row.office, row.createdBy, row.createdAt],
    );
    return created!;
  }

  async addMember(tx: Transaction, caseId: string, requestId: string, at: Date): Promise<void> {
    await tx.manager.query('INSERT INTO case_requests (request_id, case_id, added_at) VALUES ($1, $2, $3)', [requestId, caseId, at]);
  }

  /** The case a request belongs to, locked for the rest of the transaction (two "also ask" in one case wait for each other). */
  async lockCaseOf(tx: Transaction, requestId: string): Promise<CaseRow | null> {
    const rows: CaseRow[] = await tx.manager.query(
      `SELECT ${COLUMNS} FROM cases c JOIN case_requests m ON m.case_id = c.id WHERE m.request_id = $1 FOR UPDATE OF c`,
      [requestId],
    );
    return rows[0] ?? null;
  }

  /** Every member, whoever looks: only for the platform's own checks, never shown as such. */
  async members(caseId: string, tx?: Transaction): Promise<CaseMember[]> {
    return this.db.managerOf(tx).query(
      `SELECT m.request_id AS "requestId", r.requested_country AS "requestedCountry", m.added_at AS "addedAt"
       FROM case_requests m JOIN requests r ON r.id = m.request_id WHERE m.case_id = $1 ORDER BY m.added_at, r.reference`,
      [caseId],
    );
  }

  /** The members this viewer may see, in the order they were added; none when the case is not this viewer's to see. */
  async visibleMembers(caseId: string, viewer: Viewer, tx?: Transaction): Promise<CaseMember[]> {
    const scope = visibility(viewer, 'r');
    return this.db.managerOf(tx).query(
      `SELECT m.request_id AS "requestId", r.requested_country AS "requestedCountry", m.added_at AS "addedAt"
       FROM case_requests m JOIN requests r ON r.id = m.request_id
       WHERE ${scope.sql} AND m.case_id = $${scope.params.length + 1} ORDER BY m.added_at, r.reference`,
      [...scope.params, caseId],
    );
  }

  /** The other requests of this request's case that were in it at `at` (a document re-rendered later says the same). */
  async askedWith(requestId: string, at: Date): Promise<{ country: CountryCode; reference: string }[]> {
    return this.db.managerOf().query(
      `SELECT r.requested_country AS country, r.reference
       FROM case_requests mine JOIN case_requests m ON m.case_id = mine.case_id AND m.request_id <> mine.request_id
       JOIN requests r ON r.id = m.request_id
       WHERE mine.request_id = $1 AND m.added_at <= $2 ORDER BY m.added_at, r.reference`,
      [requestId, at],
    );
  }

  async find(caseId: string, tx?: Transaction): Promise<CaseRow | null> {
    const rows: CaseRow[] = await this.db.managerOf(tx).query(`SELECT ${COLUMNS} FROM cases c WHERE c.id = $1`, [caseId]);
    return rows[0] ?? null;
  }

  /** The cases with at least one request this viewer may see, newest first. */
  async listVisible(viewer: Viewer, filter: CaseFilter): Promise<{ items: CaseRow[]; total: number }> {
    const scope = visibility(viewer, 'r');
    const params: unknown[] = [...scope.params];
    const where = [scope.sql];
    if (filter.requestId) {
      params.push(filter.requestId);
      where.push(`c.id = (SELECT case_id FROM case_requests WHERE request_id = $${params.length})`);
    }
    const seen = `EXISTS (SELECT 1 FROM case_requests m JOIN requests r ON r.id = m.request_id WHERE m.case_id = c.id AND ${where[0]})`;
    const condition = [seen, ...where.slice(1)].join(' AND ');
    const manager = this.db.managerOf();
    const [{ total }] = await manager.query(`SELECT count(*)::int AS total FROM cases c WHERE ${condition}`, params);
    const items: CaseRow[] = await manager.query(
      `SELECT ${COLUMNS} FROM cases c WHERE ${condition} ORDER BY c.created_at DESC, c.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, filter.pageSize, (filter.page - 1) * filter.pageSize],
    );
    return { items, total };
  }
}
