import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@enlace/config';
import { Periodic } from '@enlace/core';
import { ReadyFigures } from './ready-figures.js';

/** How often the workers look for kept figures to recompute (or every refresh, when that is shorter). */
const READY_FIGURES_CHECK_MS = 10_000;

/**
 * Keeps the figures ready (ReadyFigures.refresh) where the queues are consumed (the worker, or everything-in-one). A
 * shutdown waits for the figure being computed, and starts no other.
 */
@Injectable()
export class ReadyFiguresRefresher implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ReadyFiguresRefresher.name);
  private readonly refreshes: Periodic<number>;
  private stopping = false;

  constructor(ready: ReadyFigures, @Inject(APP_CONFIG) config: AppConfig) {
    this.refreshes = new Periodic(
      Math.min(READY_FIGURES_CHECK_MS, config.figures.refreshMs),
      () => ready.refresh(() => this.stopping),
      (e) => this.logger.warn(`Keeping the figures ready failed: ${String(e)}`),
    );
  }

  onApplicationBootstrap(): void {
    this.refreshes.start();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    await this.refreshes.stop();
  }
}
