import { Module, type DynamicModule } from '@nestjs/common';
import { AuthModule } from '@enlace/auth';
import type { AppConfig } from '@enlace/config';
import { DocumentsModule } from '@enlace/documents';
import { NotificationsModule } from '@enlace/notifications';
import { platformImports, type PlatformOptions } from '@enlace/platform';
import { RequestsModule } from '@enlace/requests';
import { LegalBasesModule } from '@enlace/legal-bases';
import { LiaisonsModule } from '@enlace/liaisons';
import { MessagesModule } from '@enlace/messages';
import { WebModule } from '@enlace/web';
import { AccessLogController } from './access-log/access-log.controller.js';
import { UsersController } from './accounts/users.controller.js';
import { AnalyticsController } from './analytics/analytics.controller.js';
import { AuthController } from './auth/auth.controller.js';
import { DocumentsController } from './documents/documents.controller.js';
import { SealCheckController } from './documents/seal-check.controller.js';
import { AnnexesController } from './annexes/annexes.controller.js';
import { CasesController } from './cases/cases.controller.js';
import { HealthController } from './health/health.controller.js';
import { NotificationsController } from './notifications/notifications.controller.js';
import { RequestsController } from './requests/requests.controller.js';
import { CountriesController } from './legal-bases/countries.controller.js';
import { LegalBasesController } from './legal-bases/legal-bases.controller.js';
import { LiaisonsController } from './liaisons/liaisons.controller.js';
import { MessagesController } from './messages/messages.controller.js';
import { PAGE_CONTROLLERS, PAGE_PROVIDERS } from './pages/index.js';
import { MetricsController } from './metrics/metrics.controller.js';
import { MetricsProbes } from './metrics/metrics-probes.js';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, options: PlatformOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [...platformImports(config, options), AuthModule, RequestsModule, NotificationsModule, DocumentsModule, LiaisonsModule, LegalBasesModule, MessagesModule, WebModule],
      controllers: [AccessLogController, UsersController, AnalyticsController, AuthController, HealthController, RequestsController, NotificationsController, SealCheckController, DocumentsController, AnnexesController, CasesController, LiaisonsController, LegalBasesController, CountriesController, MessagesController, MetricsController, ...PAGE_CONTROLLERS],
      providers: [MetricsProbes, ...PAGE_PROVIDERS],
    };
  }
}
