import { Injectable } from '@nestjs/common';
import type { CountryCode, Role } from '@enlace/workflows';
import { Database, type Transaction } from '../database.js';
import type { LiaisonStatus } from '../entities/user.entity.js';

/** A user as the directory of focal points needs them (never the password hash). */
export interface LiaisonRecord {
  id: string;
  email: string;
  name: string;
  role: Role;
  country: CountryCode | null;
  office: string | null;
  liaisonStatus: LiaisonStatus;
  /** YYYY-MM-DD, or null. */
  liaisonValidUntil: string | null;
  /** When the directory last recorded a change of this person; null for someone seeded directly. */
  changedAt: Date | null;
}

export interface LiaisonFilter {
  country?: CountryCode;
  statuses: LiaisonStatus[];
}

/** Who has an open request with a liaison, and which ones (their references). */
export interface Counterpart {
  userId: string;
  reference: string;
}

const COLUMNS = `u.id, u.email, u.name, u.role, u.country, u.office, u.liaison_status AS "liaisonStatus",
  u.liaison_valid_until::text AS "liaisonValidUntil",
  (SELECT max(h.at) FROM directory_history h WHERE h.user_id = u.id) AS "changedAt"`;

/** The liaison side of the users table, and who deals with whom through open requests. */
@Injectable()
export class LiaisonDirectoryRepository {
  constructor(private readonly db: Database) {}

  /** Locks the user's row for the rest of the transaction. */
  async lock(tx: Transaction, id: string): Promise<LiaisonRecord | null> {
    const rows: LiaisonRecord[] = await tx.manager.query(`SELECT ${COLUMNS} FROM users u WHERE u.id = $1 FOR UPDATE OF u`, [id]);
    return rows[0] ?? null;
  }

  async find(id: string): Promise<LiaisonRecord | null> {
    const rows: LiaisonRecord[] = await this.db.managerOf().query(`SELECT ${COLUMNS} FROM users u WHERE u.id = $1`, [id]);
    return rows[0] ?? null;
  }

  async setStanding(tx: Transaction, id: string, status: LiaisonStatus, validUntil: string | null): Promise<void> {
    await tx.manager.query('UPDATE users SET liaison_status = $2, liaison_valid_until = $3::date WHERE id = $1', [id, status, validUntil]);
  }

  /** The fiscales whose liaison standing is one of `statuses`, by country then name. */
  async list(filter: LiaisonFilter): Promise<LiaisonRecord[]> {
    const params: unknown[] = [filter.statuses];
    const where = [`u.role = 'fiscal'`, 'u.liaison_status = ANY($1::text[])'];
    if (filter.country) {
      params.push(filter.country);
      where.push(`u.country = $${params.length}`);
    }
    return this.db
      .managerOf()
      .query(`SELECT ${COLUMNS} FROM users u WHERE ${where.join(' AND ')} ORDER BY u.country, u.name, u.id`, params);
  }

  /** Authorized fiscales whose end date has passed and whose expiry the directory has not recorded yet. */
  async expiredUnrecorded(today: string): Promise<string[]> {
    const rows: { id: string }[] = await this.db.managerOf().query(
      `SELECT u.id FROM users u
       WHERE u.role = 'fiscal' AND u.liaison_status = 'authorized' AND u.liaison_valid_until < $1::date
         AND NOT EXISTS (SELECT 1 FROM directory_history h
                         WHERE h.user_id = u.id AND h.event = 'EXPIRE' AND h.valid_until = u.liaison_valid_until)
       ORDER BY u.liaison_valid_until, u.id`,
      [today],
    );
    return rows.map((r) => r.id);
  }

  /**
   * The counterparts of a liaison through requests still open (state in `openStates`) and shared
   * (before sharing, nobody on the other side knows of the draft, and must not learn of it here):
   * - the requested country's authorized liaisons, on the drafts this liaison created;
   * - with `sharedWithTheirCountry`, the creating fiscales of the drafts shared with this liaison's
   *   country (the liaison reads them, or did, or now may).
   */
  async counterparts(
    tx: Transaction,
    liaison: { id: string; country: CountryCode },
    options: { openStates: string[]; todayByCountry: Readonly<Record<CountryCode, string>>; sharedWithTheirCountry: boolean },
  ): Promise<Counterpart[]> {
    return tx.manager.query(
      `SELECT u.id AS "userId", r.reference
         FROM requests r
         JOIN users u ON u.role = 'fiscal' AND u.country = r.requested_country AND u.liaison_status = 'authorized'
                     AND (u.liaison_valid_until IS NULL OR u.liaison_valid_until >= ($4::jsonb ->> u.country)::date)
        WHERE r.created_by = $1 AND r.shared_at IS NOT NULL AND r.state = ANY($3::text[])
       UNION
       SELECT r.created_by AS "userId", r.reference
         FROM requests r
        WHERE $5::boolean AND r.requested_country = $2 AND r.shared_at IS NOT NULL AND r.state = ANY($3::text[])
       ORDER BY 2, 1`,
      [liaison.id, liaison.country, options.openStates, JSON.stringify(options.todayByCountry), options.sharedWithTheirCountry],
    );
  }
}
