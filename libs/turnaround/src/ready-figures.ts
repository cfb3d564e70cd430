import { Inject, Injectable, Logger } from '@nestjs/common';
import { performance } from 'node:perf_hooks';
import { APP_CONFIG, type AppConfig } from '@enlace/config';
import { Clock } from '@enlace/core';
import {
  ReadyFiguresRepository,
  TurnaroundRepository,
  type FiguresToKeep,
  type KeptAnswers,
  type KeptKind,
  type KeptQuestion,
  type KeptQuestionOf,
} from '@enlace/persistence';
import { DECISION_EVENTS } from './stages.js';

const DAY_MS = 86_400_000;
/** A read is noted at most this often per question (a write on a read path, kept rare). */
const READ_NOTED_EVERY_MS = 60_000;
/** Kept figures older than this many refreshes (no worker recomputing them) are computed again on the read. */
const STALE_REFRESHES = 5;
/** The workers recompute the kept figures read within this many refreshes (a quarter of an hour by default). */
const KEPT_WARM_REFRESHES = 15;
/**
 * A figure is recomputed every refresh, or every this many times its computing when that is longer (the region by
 * pair at ten million requests, some 5 s: every 100 s), so that no figure takes more than a twentieth of a worker.
 */
const REFRESH_TIMES_COMPUTING = 20;

/** A question's answer and the instant it is measured up to. */
export interface Figures<K extends KeptKind> {
  rows: KeptAnswers[K]['rows'];
  asOf: Date;
}

/** An answer just computed, and how long that took. */
interface Computed<K extends KeptKind> extends Figures<K> {
  computedMs: number;
}

/** How each kind of answer is computed, and how many visits it counted (what makes it worth keeping). */
const ANSWERS: { [K in KeptKind]: { compute(figures: TurnaroundRepository, q: KeptAnswers[K]['question'], now: Date): Promise<KeptAnswers[K]['rows']>; visits(rows: KeptAnswers[K]['rows']): number } } = {
  stages: {
    compute: (figures, q, now) => figures.stageFigures({ ...q, now }, DECISION_EVENTS),
    visits: (rows) => rows.reduce((sum, row) => sum + row.visits, 0),
  },
  overdue: {
    compute: (figures, q, now) => figures.overdueCounts({ ...q, now }),
    visits: (rows) => rows.reduce((sum, row) => sum + row.overdue, 0),
  },
};

/** A question's answer computed exactly for `now`: what a read that finds none kept costs, or a worker's refresh. */
export function computeAnswer<K extends KeptKind>(figures: TurnaroundRepository, kept: KeptQuestionOf<K>, now: Date): Promise<KeptAnswers[K]['rows']> {
  // A kind goes with its own question (KeptQuestionOf), which TypeScript does not follow through a generic kind.
  const { kind, question } = kept as { kind: K; question: KeptAnswers[K]['question'] };
  return ANSWERS[kind].compute(figures, question, now);
}

/**
 * The supervisors' figures and the region's overdue counts (its two kinds, KeptAnswers), exact for the instant they
 * say (asOf). Most are computed on each read. Those that count
 * many visits and cost more to compute than a page should wait (the region by country pair at a million requests: half
 * a second, reading 60,000 finished buckets and 130,000 open visits; no index makes exact percentiles of 880 groups
 * cheaper) are kept ready: computed once, recomputed by the workers every `refreshMs` (or twenty times their computing,
 * when longer) while someone reads them, and read as they stand, with the instant they were computed for. Older than
 * five of those (no worker running), they are computed on the read; unread for a day, forgotten. The overdue counts
 * are judged on the late visits they count (70,000 at three million requests: kept from some 4,300,000).
 */
@Injectable()
export class ReadyFigures {
  private readonly logger = new Logger(ReadyFigures.name);

  constructor(
    private readonly figures: TurnaroundRepository,
    private readonly ready: ReadyFiguresRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async read<K extends KeptKind>(question: KeptQuestionOf<K>): Promise<Figures<K>> {
    const now = this.clock.now();
    const kept = await this.ready.find(question);
    const age = kept ? now.getTime() - kept.asOf.getTime() : Infinity;
    if (kept && age >= 0 && age <= STALE_REFRESHES * kept.refreshMs) {
      if (now.getTime() - kept.readAt.getTime() >= READ_NOTED_EVERY_MS) await this.unlessFailing('noting a read', () => this.ready.markRead(question, now));
      return { rows: kept.rows, asOf: kept.asOf };
    }
    const computed = await this.compute(question, now);
    if (this.worthKeeping(question.kind, computed)) await this.unlessFailing('keeping figures', () => this.ready.keep(question, { ...this.toKeep(computed), readAt: now }));
    return { rows: computed.rows, asOf: computed.asOf };
  }

  /** Computed figures as kept: recomputed every refresh, or every twenty times their computing when that is longer. */
  private toKeep<K extends KeptKind>({ rows, asOf, computedMs }: Computed<K>): FiguresToKeep<K> {
    return { rows, asOf, refreshMs: Math.max(this.config.figures.refreshMs, REFRESH_TIMES_COMPUTING * computedMs) };
  }

  /**
   * Figures that count many visits and took long to compute. Judged on each computation: a figure kept after a slow
   * first read (a cold cache) that the workers then compute quickly is forgotten, and read live again.
   */
  private worthKeeping<K extends KeptKind>(kind: K, computed: Computed<K>): boolean {
    const { readyFromVisits, readyFromMs } = this.config.figures;
    return computed.computedMs >= readyFromMs && ANSWERS[kind].visits(computed.rows) >= readyFromVisits;
  }

  /**
   * Recomputes, one after the other, the kept figures older than a refresh (or twenty times their computing) that
   * someone read within the last fifteen refreshes (forgetting those no longer worth keeping), and forgets those nobody
   * read for a day. Returns how many were recomputed. `stopping`: asked before each
   * figure, so that a shutdown waits for one figure at most, not for every figure due.
   */
  async refresh(stopping: () => boolean = () => false): Promise<number> {
    const { refreshMs } = this.config.figures;
    await this.ready.forgetUnread(new Date(this.clock.now().getTime() - DAY_MS));
    let recomputed = 0;
    while (!stopping()) {
      const at = this.clock.now();
      const question = await this.ready.claimStale({
        now: at,
        readSince: new Date(at.getTime() - KEPT_WARM_REFRESHES * refreshMs),
        // Two refreshes: a worker that died holding a figure leaves it to the others before reads would compute it
        // (a figure that takes longer than two refreshes to compute may be computed by two at once: the later stays).
        leaseUntil: new Date(at.getTime() + 2 * refreshMs),
      });
      if (!question) break;
      await this.recompute(question, at);
      recomputed += 1;
    }
    return recomputed;
  }

  /** A claimed answer computed again: kept, or forgotten when no longer worth keeping. */
  private async recompute<K extends KeptKind>(question: KeptQuestionOf<K>, now: Date): Promise<void> {
    const computed = await this.compute(question, now);
    await (this.worthKeeping(question.kind, computed) ? this.ready.refreshed(question, this.toKeep(computed)) : this.ready.forget(question));
  }

  private async compute<K extends KeptKind>(question: KeptQuestionOf<K>, now: Date): Promise<Computed<K>> {
    const started = performance.now();
    const rows = await computeAnswer(this.figures, question, now);
    return { rows, asOf: now, computedMs: performance.now() - started };
  }

  /** Keeping figures is a help, not the answer: figures computed are answered even where keeping them failed. */
  private async unlessFailing(what: string, write: () => Promise<void>): Promise<void> {
    await write().catch((e: unknown) => this.logger.warn(`${what} failed: ${String(e)}`));
  }
}
