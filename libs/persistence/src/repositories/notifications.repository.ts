import { Injectable } from '@nestjs/common';
import type { CountryCode, Role } from '@enlace/workflows';
import { Database, type Transaction } from '../database.js';
import { NotificationEntity } from '../entities/notification.entity.js';

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

  listFor(userId: string, limit: number): Promise<NotificationEntity[]> {
    return this.db
      .managerOf()
      .getRepository(NotificationEntity)
      .find({ where: { userId }, order: { createdAt: 'DESC' }, take: limit });
  }

  /** How many of the user's notifications are not read yet (the count beside their name on every page). */
  async countUnread(userId: string): Promise<number> {
    const [row]: { count: number }[] = await this.db
      .managerOf()
      .query('SELECT count(*)::int AS count FROM notifications WHERE user_id = $1 AND read_at IS NULL', [userId]);
    return row.count;
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

  /** The fiscales of a country whose liaison authorization stands on this date. */
  async authorizedLiaisons(country: CountryCode, now: Date): Promise<string[]> {
    const rows: { id: string }[] = await this.db.managerOf().query(
      `SELECT id FROM users WHERE role = 'fiscal' AND country = $1 AND liaison_status = 'authorized'
         AND (liaison_valid_until IS NULL OR liaison_valid_until >= $2::date)`,
      [country, now.toISOString().slice(0, 10)],
    );
    return rows.map((r) => r.id);
  }
}
