import { Injectable } from '@nestjs/common';
import type { Principal } from '@enlace/auth';
import { Clock } from '@enlace/core';
import { NotificationsRepository } from '@enlace/persistence';

export interface NotificationView {
  id: string;
  kind: string;
  requestId: string | null;
  message: string;
  data: Record<string, unknown>;
  createdAt: string;
  readAt: string | null;
}

@Injectable()
export class NotificationsService {
  constructor(
    private readonly notifications: NotificationsRepository,
    private readonly clock: Clock,
  ) {}

  unreadCount(principal: Principal): Promise<number> {
    return this.notifications.countUnreadVisibleTo(principal);
  }

  markAllRead(principal: Principal): Promise<number> {
    return this.notifications.markAllRead(principal.id, this.clock.now());
  }

  /** The signed-in user's own notifications that name only what they may see now, newest first. */
  async list(principal: Principal, limit = 100): Promise<NotificationView[]> {
    const rows = await this.notifications.listVisibleTo(principal, limit);
    return rows.map((n) => ({
      id: n.id,
      kind: n.kind,
      requestId: n.requestId,
      message: n.message,
      data: n.data,
      createdAt: n.createdAt.toISOString(),
      readAt: n.readAt?.toISOString() ?? null,
    }));
  }
}
