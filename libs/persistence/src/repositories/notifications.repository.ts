import { Injectable } from '@nestjs/common';
import { dateIn, type CountryCode, type Role } from '@enlace/workflows';
import { Database, type Transaction } from '../database.js';
import { NotificationEntity } from '../entities/notification.entity.js';
import { visibility, type Viewer } from './requests.repository.js';

export type NewNotification = Pick<NotificationEntity, 'userId' | 'kind' | 'requestId' | 'message' | 'data' | 'causeKey' | 'createdAt'>;

@Injectable()
export class NotificationsRepository {
  constructor(private readonly db: Database) {}

  /** Idempotent per (cause, user): the same cause never notifies the same person twice. */
  async addAll(notifications: NewNotification[], tx?: Transaction): Promise<number> {
    if (notifications.length === 0) return 0;
    const params: unknown[] = [];
    const rows = notifications.map((n) => {
      params.push(n.userId, n.kind, n.requestId, n.message, JSON.stringify(n.data), n.causeKey, n.createdAt);
      const p = params.length - 7;
      return `($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}, $${p + 5}::jsonb, $${p + 6}, $${p + 7})`;
    });
    const inserted: unknown[] = await this.db.managerOf(tx).query(
      `INSERT INTO notifications (user_id, kind, request_id, message, data, cause_key, created_at)
       VALUES ${rows.join(', ')} ON CONFLICT (cause_key, user_id) DO NOTHING RETURNING id`,
      params,
    );
    return inserted.length;
  }

  /**
   * The viewer's notifications that name only requests the viewer may see now (by `request_id`, and
   * by the references a directory notice lists): a liaison revoked or expired since, who no longer
   * sees the counterpart's shared drafts, is no longer told their references or titles either.
   */
  async listVisibleTo(viewer: Viewer, limit: number): Promise<NotificationEntity[]> {
    const { where, params } = this.visibleTo(viewer);
    const rows: Record<string, unknown>[] = await this.db.managerOf().query(
      `SELECT n.id, n.user_id AS "userId", n.kind, n.request_id AS "requestId", n.message, n.data, n.cause_key AS "causeKey",
              n.created_at AS "createdAt", n.read_at AS "readAt"
         FROM notifications n WHERE ${where} ORDER BY n.created_at DESC LIMIT $${params.length + 1}`,
      [...params, limit],
    );
    return rows as unknown as NotificationEntity[];
  }

  /** How many of those are not read yet (the count beside their name on every page). */
  async countUnreadVisibleTo(viewer: Viewer): Promise<number> {
    const { where, params } = this.visibleTo(viewer);
    const [row]: { count: number }[] = await this.db
      .managerOf()
      .query(`SELECT count(*)::int AS count FROM notifications n WHERE ${where} AND n.read_at IS NULL`, params);
    return row.count;
  }

  private visibleTo(viewer: Viewer): { where: string; params: unknown[] } {
    const scope = visibility(viewer, 'r');
    const user = `$${scope.params.length + 1}`;
    return {
      where: `n.user_id = ${user}
        AND (n.request_id IS NULL OR EXISTS (SELECT 1 FROM requests r WHERE r.id = n.request_id AND ${scope.sql}))
        AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements_text(CASE WHEN jsonb_typeof(n.data->'references') = 'array' THEN n.data->'references' ELSE '[]'::jsonb END) named(reference)
                        WHERE NOT EXISTS (SELECT 1 FROM requests r WHERE r.reference = named.reference AND ${scope.sql}))`,
      params: [...scope.params, viewer.id],
    };
  }

  /** Marks the user's notifications read; returns how many were not yet. */
  async markAllRead(userId: string, at: Date): Promise<number> {
    const rows: unknown[] = await this.db
      .managerOf()
      .query('UPDATE notifications SET read_at = $2 WHERE user_id = $1 AND read_at IS NULL RETURNING id', [userId, at]);
    return rows.length;
  }

  /** The ids of the users holding a role in a country (e.g. the GT cancillería's officers). */
  async usersWithRole(role: Role, country: CountryCode): Promise<string[]> {
    const rows: { id: string }[] = await this.db
      .managerOf()
      .query('SELECT id FROM users WHERE role = $1 AND country = $2', [role, country]);
    return rows.map((r) => r.id);
  }

  /** The fiscales of a country whose liaison authorization stands at `now`, on that country's date. */
  async authorizedLiaisons(country: CountryCode, now: Date): Promise<string[]> {
    const rows: { id: string }[] = await this.db.managerOf().query(
      `SELECT id FROM users WHERE role = 'fiscal' AND country = $1 AND liaison_status = 'authorized'
         AND (liaison_valid_until IS NULL OR liaison_valid_until >= $2::date)`,
      [country, dateIn(country, now)],
    );
    return rows.map((r) => r.id);
  }
}
