import { AdminPagesController } from './admin-pages.controller.js';
import { CasePagesController } from './case-pages.controller.js';
import { DashboardPagesController } from './dashboard-pages.controller.js';
import { DeskPagesController } from './desk-pages.controller.js';
import { LiaisonPagesController } from './liaison-pages.controller.js';
import { NotFoundPagesController } from './not-found-pages.controller.js';
import { NotificationsPagesController } from './notifications-pages.controller.js';
import { RequestPageService } from './request-page.service.js';
import { RequestPagesController } from './request-pages.controller.js';
import { RequestsPagesController } from './requests-pages.controller.js';
import { SignInController } from './sign-in.controller.js';
import { UsersPagesController } from './users-pages.controller.js';
import { VerifyController } from './verify.controller.js';

/** Every controller of pages; their paths are among PAGE_ROUTE_PATTERNS (templates/pages/paths.ts). */
export const PAGE_CONTROLLERS = [SignInController, VerifyController, RequestsPagesController, DeskPagesController, DashboardPagesController, RequestPagesController, CasePagesController, NotificationsPagesController, LiaisonPagesController, AdminPagesController, UsersPagesController, NotFoundPagesController];

/** What the page controllers share beyond the libraries' services. */
export const PAGE_PROVIDERS = [RequestPageService];
