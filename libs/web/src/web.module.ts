import { Module } from '@nestjs/common';
import { AuthModule } from '@enlace/auth';
import { NotificationsModule } from '@enlace/notifications';
import { BrowserSessions } from './browser-sessions.js';
import { CsrfTokens } from './csrf-tokens.js';
import { PageGuard } from './page.guard.js';

/** Browser sessions, CSRF tokens and the page guard, for the controllers of pages. */
@Module({
  imports: [AuthModule, NotificationsModule],
  providers: [BrowserSessions, CsrfTokens, PageGuard],
  exports: [BrowserSessions, CsrfTokens, PageGuard, NotificationsModule],
})
export class WebModule {}
