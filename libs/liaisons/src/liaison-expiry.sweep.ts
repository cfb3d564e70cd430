import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { Periodic } from '@enlace/core';
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
  private readonly sweeps: Periodic;

  constructor(liaisons: LiaisonsService) {
    this.sweeps = new Periodic(
      SWEEP_EVERY_MS,
      async () => {
        const count = await liaisons.recordExpirations();
        if (count > 0) this.logger.log(`Recorded ${count} expired liaison authorization(s)`);
      },
      (error) => this.logger.warn(`Liaison expiry sweep failed, will retry: ${String(error)}`),
    );
  }

  onApplicationBootstrap(): void {
    this.sweeps.start(true);
  }

  async onModuleDestroy(): Promise<void> {
    await this.sweeps.stop();
  }
}
