import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { performance } from 'node:perf_hooks';
import { APP_CONFIG, type AppConfig } from '@enlace/config';
import { Clock, Periodic } from '@enlace/core';
import { ReadyFiguresRepository, TurnaroundRepository, type FiguresQuestion, type StageFiguresRow } from '@enlace/persistence';
import { DECISION_EVENTS } from './stages.js';

const DAY_MS = 86_400_000;
/** A read is noted at most this often per question (a write on a read path, kept rare). */
const READ_NOTED_EVERY_MS = 60_000;
/** Kept figures older than this many refreshes (no worker recomputing them) are computed again on the read. */
const STALE_REFRESHES = 5;
/** A worker recomputing a question holds it this long at most (one that died leaves it to the others then). */
const REFRESH_LEASE_MS = 10 * 60_000;
/** How often the worker looks for kept figures to recompute. */
export const READY_FIGURES_CHECK_MS = 10_000;

/** A question's figures and the instant they are measured up to. */
export interface Figures {
  rows: StageFiguresRow[];
  asOf: Date;
}

/**
 * The supervisors' figures, exact for the instant they say (asOf). Most are computed on each read. Those that count
 * many visits and cost more to compute than a page can wait (the region by country pair at a million requests: half a
 * second, reading 60,000 finished buckets and 130,000 open visits; no index makes exact percentiles of 880 groups
 * cheaper) are kept ready: computed once, recomputed by the worker every `refreshMs` while someone reads them, and read
 * as they stand, with the instant they were computed for. Nobody reading them for a day, they are forgotten.
 */
@Injectable()
export class ReadyFigures {
  constructor(
    private readonly figures: TurnaroundRepository,
    private readonly ready: ReadyFiguresRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async read(question: FiguresQuestion): Promise<Figures> {
    const now = this.clock.now();
    const kept = await this.ready.find(question);
    const age = kept ? now.getTime() - new Date(kept.asOf).getTime() : Infinity;
    if (kept && age >= 0 && age <= STALE_REFRESHES * this.config.figures.refreshMs) {
      if (now.getTime() - new Date(kept.readAt).getTime() >= READ_NOTED_EVERY_MS) await this.ready.markRead(question, now);
      return { rows: kept.rows, asOf: new Date(kept.asOf) };
    }
    const computed = await this.compute(question, now);
    const { readyFromVisits, readyFromMs } = this.config.figures;
    const visits = computed.rows.reduce((sum, row) => sum + row.visits, 0);
    // Kept when worth it, or when it was kept already (a worker down: the read brings it up to date for the next).
    if (kept || (visits >= readyFromVisits && computed.computedMs >= readyFromMs)) await this.ready.keep(question, { ...computed, readAt: now });
    return { rows: computed.rows, asOf: computed.asOf };
  }

  /**
   * Recomputes, one after the other, the kept figures older than a refresh that someone read within a day, and
   * forgets those nobody read for a day. Returns how many were recomputed.
   */
  async refresh(): Promise<number> {
    const now = this.clock.now();
    await this.ready.forgetUnread(new Date(now.getTime() - DAY_MS));
    let recomputed = 0;
    for (;;) {
      const at = this.clock.now();
      const question = await this.ready.claimStale({
        now: at,
        staleBefore: new Date(at.getTime() - this.config.figures.refreshMs),
        readSince: new Date(at.getTime() - DAY_MS),
        leaseUntil: new Date(at.getTime() + REFRESH_LEASE_MS),
      });
      if (!question) return recomputed;
      await this.ready.keep(question, { ...(await this.compute(question, at)), readAt: new Date(0) });
      recomputed += 1;
    }
  }

  private async compute(question: FiguresQuestion, now: Date): Promise<Figures & { computedMs: number }> {
    const started = performance.now();
    const rows = await this.figures.stageFigures({ ...question, now }, DECISION_EVENTS);
    return { rows, asOf: now, computedMs: performance.now() - started };
  }
}

/** Keeps the figures ready where the queues are consumed (the worker, or everything-in-one): ReadyFigures.refresh. */
@Injectable()
export class ReadyFiguresRefresher implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ReadyFiguresRefresher.name);
  private readonly refreshes: Periodic<number>;

  constructor(ready: ReadyFigures) {
    this.refreshes = new Periodic(READY_FIGURES_CHECK_MS, () => ready.refresh(), (e) => this.logger.warn(`Keeping the figures ready failed: ${String(e)}`));
  }

  onApplicationBootstrap(): void {
    this.refreshes.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.refreshes.stop();
  }
}
