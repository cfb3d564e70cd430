import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { Clock, Periodic } from '@enlace/core';
import { OutboxRelay } from '@enlace/outbox';
import { StagesRepository } from '@enlace/persistence';
import { JobName } from '@enlace/queue';
import { deadlineFor, type CountryCode, type RequestFields } from '@enlace/workflows';
import { OverdueService } from './overdue.service.js';
import { DEADLINE_STAGES, urgentDeadlineOf } from './stages.js';

/** How often the queue consumers look for deadlines passed without their alarm (a lost or early one). */
export const DEADLINE_SWEEP_MS = 60_000;
const BATCH = 100;

/**
 * Keeps deadlines honest where the queues are consumed. At start: computes the deadlines of open
 * visits that have none (visits rebuilt from the history by the migration), arms an alarm for every
 * pending deadline without one, and fires those already passed. Then, every minute, fires what has
 * passed unnoticed (Redis lost its delayed jobs, or an alarm came early). Firing is idempotent, so
 * several workers sweeping side by side, or a restart, never notify twice.
 */
@Injectable()
export class DeadlineSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(DeadlineSweeper.name);
  private readonly sweeps = new Periodic(DEADLINE_SWEEP_MS, () => this.sweepOnce(), (e) => this.logger.warn(`Deadline sweep failed: ${String(e)}`));

  constructor(
    private readonly stages: StagesRepository,
    private readonly overdue: OverdueService,
    private readonly relay: OutboxRelay,
    private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.catchUp();
    this.sweeps.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.sweeps.stop();
  }

  /** What a start does: complete missing deadlines, re-arm alarms, fire what has passed. */
  async catchUp(): Promise<{ computed: number; armed: number; fired: number }> {
    const computed = await this.computeMissingDeadlines();
    const armed = await this.stages.armMissingAlarms(JobName.DeadlineAlarm, this.clock.now());
    if (armed > 0) {
      this.logger.log(`Armed ${armed} deadline alarm(s)`);
      this.relay.kick();
    }
    return { computed, armed, fired: await this.sweep() };
  }

  /** Fires every deadline passed by now; returns how many became overdue. One pass at a time. */
  sweep(): Promise<number> {
    return this.sweeps.run();
  }

  private async sweepOnce(): Promise<number> {
    let fired = 0;
    for (;;) {
      const due = await this.stages.dueBy(this.clock.now(), BATCH);
      let firedNow = 0;
      for (const id of due) if ((await this.overdue.fire(id)) === 'overdue') firedNow += 1;
      fired += firedNow;
      // A full batch that changed nothing (another worker got there first) would come back as is.
      if (due.length < BATCH || firedNow === 0) return fired;
    }
  }

  private async computeMissingDeadlines(): Promise<number> {
    let computed = 0;
    for (;;) {
      const visits = await this.stages.openWithoutDeadline(DEADLINE_STAGES, 500);
      for (const visit of visits) {
        const deadline = deadlineFor({
          stage: visit.stage,
          enteredAt: visit.enteredAt,
          requestingCountry: visit.requestingCountry as CountryCode,
          requestedCountry: visit.requestedCountry as CountryCode,
          urgentDeadline: urgentDeadlineOf({ urgency: visit.urgency } as RequestFields),
        });
        if (deadline) await this.stages.setDeadline(visit.id, deadline);
      }
      computed += visits.length;
      if (visits.length < 500) return computed;
    }
  }
}
