import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
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
  private timer: NodeJS.Timeout | undefined;
  private folding: Promise<number> | undefined;

  constructor(private readonly figures: TurnaroundRepository) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.fold().catch((e: unknown) => this.logger.warn(`Folding the open visits' changes failed: ${String(e)}`)), OPEN_VISITS_FOLD_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.folding;
  }

  /** One fold at a time in this process; returns the changes folded. */
  fold(): Promise<number> {
    this.folding ??= this.figures.foldOpenChanges().finally(() => (this.folding = undefined));
    return this.folding;
  }
}
