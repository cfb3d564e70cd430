import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@enlace/config';
import { Clock, DomainError, ErrorCode } from '@enlace/core';
import { TurnaroundRepository, type FiguresGroupBy, type FiguresScope, type OverdueFilter, type Viewer } from '@enlace/persistence';
import type { CountryCode } from '@enlace/workflows';
import { ReadyFigures, type Figures } from './ready-figures.js';
import { STAGES } from './stages.js';
import {
  overdueCount,
  overdueItem,
  reportScope,
  suppressOverdueCount,
  suppressStage,
  turnaroundItems,
  type OverdueItem,
  type OverdueReport,
  type TurnaroundReport,
} from './turnaround-report.js';

export interface TurnaroundQuery {
  /** First day (YYYY-MM-DD, UTC) on which a stage entered counts. */
  from?: string;
  /** Last day (YYYY-MM-DD, UTC, included) on which a stage entered counts. */
  to?: string;
  requestedCountry?: CountryCode;
  groupBy?: FiguresGroupBy;
}

export interface OverdueQuery {
  requestedCountry?: CountryCode;
  stage?: string;
  page: number;
  pageSize: number;
}

const DAY_MS = 86_400_000;

/**
 * What a viewer may count: a supervisor, its own country's requests (as requesting party, and as
 * requested party once transmitted, as everywhere else); the admin, the region in aggregate.
 */
function scopeOf(viewer: Viewer): FiguresScope {
  if (viewer.role === 'supervisor' && viewer.country) return { kind: 'country', country: viewer.country };
  if (viewer.role === 'admin') return { kind: 'region' };
  throw new DomainError(ErrorCode.Forbidden, 'Only supervisors and the administrator read the turnaround figures');
}

/** The supervisors' figures: time in stage, what is open and late, returns and refusals. */
@Injectable()
export class TurnaroundService {
  constructor(
    private readonly figures: TurnaroundRepository,
    private readonly ready: ReadyFigures,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Region figures mix every country's requests, drafts never shared included, and the admin reads no
   * case: small groups are held back. A supervisor's figures count only requests the supervisor may
   * read one by one (its country's, and those transmitted to it), so nothing is held back there.
   */
  private threshold(scope: FiguresScope): number | null {
    return scope.kind === 'region' && this.config.aggregateMinGroup > 1 ? this.config.aggregateMinGroup : null;
  }

  async turnaround(viewer: Viewer, query: TurnaroundQuery): Promise<TurnaroundReport> {
    const scope = scopeOf(viewer);
    if (query.from && query.to && query.to < query.from) {
      throw new DomainError(ErrorCode.ValidationFailed, 'to: must not be before from', { fields: [{ field: 'to', rule: 'not_before_from' }] });
    }
    const groupBy = query.groupBy ?? 'stage';
    const threshold = this.threshold(scope);
    const { rows, asOf } = await this.ready.read({
      kind: 'stages',
      question: {
        scope,
        ...(query.from && { from: new Date(`${query.from}T00:00:00Z`) }),
        ...(query.to && { to: new Date(Date.parse(`${query.to}T00:00:00Z`) + DAY_MS) }),
        ...(query.requestedCountry && { requestedCountry: query.requestedCountry }),
        groupBy,
      },
    });
    return {
      asOf: asOf.toISOString(),
      scope: reportScope(scope),
      filter: { from: query.from ?? null, to: query.to ?? null, requestedCountry: query.requestedCountry ?? null },
      groupBy,
      unit: 'hours',
      suppressedBelow: threshold,
      items: turnaroundItems(rows, groupBy).map((item) => (threshold ? suppressStage(item, threshold) : item)),
    };
  }

  /**
   * The admin's console: per stage of the region, the visits open now and overdue, held back as the
   * region's figures hold them back (the same numbers as `turnaround`'s `open` and `overdue`, without
   * computing every percentile to show two counts).
   */
  async openDeadlines(viewer: Viewer): Promise<{ stage: string; open: number | null; overdue: number | null }[]> {
    const scope = scopeOf(viewer);
    if (scope.kind !== 'region') throw new DomainError(ErrorCode.Forbidden, 'Only the administrator reads the region’s deadlines');
    return this.openPerStage(scope);
  }

  /**
   * The requests in each stage now: `turnaround`'s `open` with no period, for the same viewer and
   * requested country, counted now (the dashboard shows them beside figures that may be kept ready,
   * minutes old), without its percentiles.
   */
  async openNow(viewer: Viewer, requestedCountry?: CountryCode): Promise<{ stage: string; open: number | null }[]> {
    return (await this.openPerStage(scopeOf(viewer), requestedCountry)).map(({ stage, open }) => ({ stage, open }));
  }

  private async openPerStage(scope: FiguresScope, requestedCountry?: CountryCode): Promise<{ stage: string; open: number | null; overdue: number | null }[]> {
    const threshold = this.threshold(scope);
    const rows = await this.figures.openPerStage({ scope, requestedCountry, now: this.clock.now() });
    return STAGES.map((stage) => {
      const row = rows.find((r) => r.stage === stage) ?? { visits: 0, open: 0, overdue: 0 };
      const held = threshold !== null && row.visits > 0 && row.visits < threshold;
      return { stage, open: held ? null : row.open, overdue: held ? null : row.overdue };
    });
  }

  /**
   * The late requests: a country's listed one by one (a page of them) with its counts, at the same instant; the
   * region's counts alone (the admin reads no case), which may be kept ready and then say the instant they were
   * counted at.
   */
  async overdue(viewer: Viewer, query: OverdueQuery): Promise<OverdueReport> {
    const scope = scopeOf(viewer);
    const question = { scope, ...(query.requestedCountry && { requestedCountry: query.requestedCountry }), ...(query.stage && { stage: query.stage }) };
    const threshold = this.threshold(scope);
    const counted: Figures<'overdue'> & { items?: OverdueItem[] } =
      scope.kind === 'region' ? await this.ready.read({ kind: 'overdue', question }) : await this.lateNow({ ...question, now: this.clock.now() }, query);
    const { items } = counted;
    const counts = counted.rows.map(overdueCount).map((c) => (threshold ? suppressOverdueCount(c, threshold) : c));
    return {
      asOf: counted.asOf.toISOString(),
      scope: reportScope(scope),
      filter: { requestedCountry: query.requestedCountry ?? null, stage: query.stage ?? null },
      total: counts.reduce((sum, c) => sum + (c.overdue ?? 0), 0),
      suppressedBelow: threshold,
      page: query.page,
      pageSize: query.pageSize,
      ...(items && { items }),
      counts,
    };
  }

  /** A country's late requests, a page of them, and its counts, now. */
  private async lateNow(filter: OverdueFilter, page: Pick<OverdueQuery, 'page' | 'pageSize'>): Promise<Figures<'overdue'> & { items: OverdueItem[] }> {
    const rows = await this.figures.overdueCounts(filter);
    const items = (await this.figures.overdueItems(filter, { limit: page.pageSize, offset: (page.page - 1) * page.pageSize })).map(overdueItem);
    return { rows, asOf: filter.now, items };
  }
}
