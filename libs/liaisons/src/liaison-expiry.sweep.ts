import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { LiaisonsService } from './liaisons.service.js';

/** Often enough for an end date (a whole day); the refusal itself never waits for the sweep. */
const SWEEP_EVERY_MS = 60 * 60 * 1000;

/**
 * Records expired authorizations in the directory's history and tells the counterparts, at start and
 * hourly. Safe in several processes at once: each expiry is recorded once (unique key, row lock).
 */
@Injectable()
export class LiaisonExpirySweep implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(LiaisonExpirySweep.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(private readonly liaisons: LiaisonsService) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.run(), SWEEP_EVERY_MS);
    this.timer.unref();
    this.run();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private run(): void {
    if (this.running) return;
    this.running = this.liaisons
      .recordExpirations()
      .then((count) => count > 0 && this.logger.log(`Recorded ${count} expired liaison authorization(s)`))
      .catch((error: unknown) => this.logger.warn(`Liaison expiry sweep failed, will retry: ${String(error)}`))
      .finally(() => (this.running = undefined));
  }
}
