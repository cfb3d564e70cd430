import { Get, Post, Res } from '@nestjs/common';
import { CurrentUser, type Principal } from '@enlace/auth';
import { NotificationsService } from '@enlace/notifications';
import { PATHS, notificationsPage, type PageContext } from '@enlace/pages';
import { Ctx, Html, PageController, seeOther, type PageReply } from '@enlace/web';

@PageController('desk/notifications')
export class NotificationsPagesController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @Html()
  async list(@Ctx() ctx: PageContext, @CurrentUser() user: Principal) {
    const items = await this.notifications.list(user);
    return notificationsPage(
      ctx,
      items.map((n) => ({ kind: n.kind, message: n.message, data: n.data, requestId: n.requestId, createdAt: n.createdAt, read: n.readAt !== null })),
    );
  }

  @Post('read')
  async markRead(@CurrentUser() user: Principal, @Res({ passthrough: true }) reply: PageReply) {
    await this.notifications.markAllRead(user);
    return seeOther(reply, PATHS.notifications);
  }
}
