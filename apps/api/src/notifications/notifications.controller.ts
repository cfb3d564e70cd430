import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type Principal } from '@enlace/auth';
import { NotificationsService } from '@enlace/notifications';
import { NotificationDto } from './notification.dto.js';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOperation({ summary: "The signed-in user's notifications, newest first" })
  @ApiOkResponse({ type: [NotificationDto] })
  list(@CurrentUser() user: Principal) {
    return this.notifications.list(user);
  }
}
