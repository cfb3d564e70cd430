import { Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from '@enlace/config';
import { platformImports } from '@enlace/platform';

/** The queue consumers alone: no HTTP. Run as many as the load needs (`npm run start:worker`). */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: WorkerModule, imports: platformImports(config, { consume: true }) };
  }
}
