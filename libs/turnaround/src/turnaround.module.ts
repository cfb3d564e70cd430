import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { DocumentsModule } from '@enlace/documents';
import { DeadlineSweeper } from './deadline-sweeper.js';
import { OpenVisitsFolder } from './open-visits-folder.js';
import { OverdueService } from './overdue.service.js';
import { ReadyFigures } from './ready-figures.js';
import { ReadyFiguresRefresher } from './ready-figures-refresher.js';
import { StageClock } from './stage-clock.service.js';
import { TurnaroundService } from './turnaround.service.js';
import { WorkQueueService } from './work-queue.service.js';

export interface TurnaroundModuleOptions {
  /** Sweep deadlines, fold the open visits' changes and keep the figures ready in this process (where the queues are consumed: the worker, or everything-in-one). */
  sweep: boolean;
}

/**
 * Stage clocks, deadlines and the supervisors' figures. Global, so that the workflow runner (stage
 * clocks) and the queue consumers (the deadline alarm's handler) reach it without importing it.
 */
@Module({})
export class TurnaroundModule {
  static forRoot(options: TurnaroundModuleOptions): DynamicModule {
    const shared = [StageClock, OverdueService, ReadyFigures, TurnaroundService, WorkQueueService];
    const sweeping = options.sweep ? [DeadlineSweeper, OpenVisitsFolder, ReadyFiguresRefresher] : [];
    const providers: Provider[] = [...shared, ...sweeping];
    return {
      module: TurnaroundModule,
      global: true,
      imports: [DocumentsModule],
      providers,
      exports: providers,
    };
  }
}
