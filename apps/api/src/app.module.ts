import { Module, type DynamicModule } from '@nestjs/common';
import { AuthModule } from '@enlace/auth';
import type { AppConfig } from '@enlace/config';
import { NotificationsModule } from '@enlace/notifications';
import { platformImports, type PlatformOptions } from '@enlace/platform';
import { RequestsModule } from '@enlace/requests';
import { AuthController } from './auth/auth.controller.js';
import { HealthController } from './health/health.controller.js';
import { NotificationsController } from './notifications/notifications.controller.js';
import { RequestsController } from './requests/requests.controller.js';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, options: PlatformOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [...platformImports(config, options), AuthModule, RequestsModule, NotificationsModule],
      controllers: [AuthController, HealthController, RequestsController, NotificationsController],
    };
  }
}
