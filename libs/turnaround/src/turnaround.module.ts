import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { DocumentsModule } from '@enlace/documents';
import { DeadlineSweeper } from './deadline-sweeper.js';
import { OpenVisitsFolder } from './open-visits-folder.js';
import { OverdueService } from './overdue.service.js';
import { StageClock } from './stage-clock.service.js';
import { TurnaroundService } from './turnaround.service.js';
import { WorkQueueService } from './work-queue.service.js';

export interface TurnaroundModuleOptions {
  /** Sweep deadlines and fold the open visits' changes in this process (where the queues are consumed: the worker, or everything-in-one). */
  sweep: boolean;
}

/**
 * Stage clocks, deadlines and the supervisors' figures. Global, so that the workflow runner (stage
 * clocks) and the queue consumers (the deadline alarm's handler) reach it without importing it.
 */
@Module({})
export class TurnaroundModule {
  static forRoot(options: TurnaroundModuleOptions): DynamicModule {
    const providers: Provider[] = [StageClock, OverdueService, TurnaroundService, WorkQueueService, ...(options.sweep ? [DeadlineSweeper, OpenVisitsFolder] : [])];
    return {
      module: TurnaroundModule,
      global: true,
      imports: [DocumentsModule],
      providers,
      exports: [StageClock, OverdueService, TurnaroundService, WorkQueueService, ...(options.sweep ? [DeadlineSweeper, OpenVisitsFolder] : [])],
    };
  }
}
