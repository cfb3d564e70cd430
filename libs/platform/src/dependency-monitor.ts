import { Global, Inject, Injectable, Module, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@enlace/config';
import { DependencyStatus, reasonOf, type Dependency } from '@enlace/core';
import { JobQueue } from '@enlace/outbox';
import { Database } from '@enlace/persistence';

/** How often every process looks at its dependencies, so that a change is logged within seconds. */
const PROBE_EVERY_MS = 5000;

export type DependencyState = 'ok' | 'down';

export interface DependencyReport {
  database: DependencyState;
  queue: DependencyState;
  /** What is down, in words, for the 503's message and the operator. */
  down: string[];
}

/**
 * Asks PostgreSQL and the queue backend whether they answer, each within a bound: for readiness and
 * health, and every few seconds in every process, so that the log says once when one goes down and
 * once when it is back (DependencyStatus), whatever else is happening.
 */
@Injectable()
export class DependencyMonitor implements OnApplicationBootstrap, OnModuleDestroy {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: Database,
    private readonly queue: JobQueue,
    private readonly status: DependencyStatus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.check(), PROBE_EVERY_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  async check(): Promise<DependencyReport> {
    const [database, queue] = await Promise.all([
      this.probe('database', () => this.db.ping(this.config.database.connectTimeoutMs)),
      this.probe('queue', () => this.queue.ping()),
    ]);
    const down = [
      ...(database === 'down' ? ['the database (PostgreSQL)'] : []),
      ...(queue === 'down' ? [`the queue backend (${this.queue.describe()})`] : []),
    ];
    return { database, queue, down };
  }

  private async probe(dependency: Dependency, answers: () => Promise<void>): Promise<DependencyState> {
    try {
      await answers();
      this.status.up(dependency);
      return 'ok';
    } catch (error) {
      this.status.down(dependency, reasonOf(error));
      return 'down';
    }
  }
}

@Global()
@Module({ providers: [DependencyMonitor], exports: [DependencyMonitor] })
export class DependencyMonitorModule {}
