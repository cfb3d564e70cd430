import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { Periodic } from '@enlace/core';
import { TurnaroundRepository } from '@enlace/persistence';

/** How often the open visits' changes are folded into their counts. */
export const OPEN_VISITS_FOLD_MS = 10_000;

/**
 * Folds the changes to the open visits' counts into the counts (TurnaroundRepository.foldOpenChanges), where the
 * queues are consumed, every ten seconds: the figures read the counts and the changes not folded yet, so the fold only
 * keeps the changes few. Several workers folding at once each take their own changes.
 */
@Injectable()
export class OpenVisitsFolder implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(OpenVisitsFolder.name);
  private readonly folds: Periodic;

  constructor(figures: TurnaroundRepository) {
    this.folds = new Periodic(OPEN_VISITS_FOLD_MS, () => figures.foldOpenChanges(), (e) => this.logger.warn(`Folding the open visits' changes failed: ${String(e)}`));
  }

  onApplicationBootstrap(): void {
    this.folds.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.folds.stop();
  }
}
