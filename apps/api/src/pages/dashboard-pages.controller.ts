import { Get, Query, Res } from '@nestjs/common';
import { CurrentUser, type Principal } from '@enlace/auth';
import { Clock } from '@enlace/core';
import { dashboardPage, type DashboardView, type PageContext } from '@enlace/pages';
import { DEADLINE_STAGES, TurnaroundService, reportFileName, turnaroundCsv, type TurnaroundReport } from '@enlace/turnaround';
import { CHECKED_BY_HANDLER, Ctx, Html, PageController, PageQuery, type FormFields, type PageReply } from '@enlace/web';
import { validated } from '../http/validation.js';
import { DashboardPageQuery, overdueQueryOf } from './desk-pages.query.js';
import { periodRefusal } from './period-errors.js';

const TREND_MAX_MONTHS = 24;

/**
 * The months of the trend: those of the period (at most the last 24), or the last 12 months when the
 * period is open; each as the first and last day the figures count (within the period).
 */
export function trendMonths(from: string | undefined, to: string | undefined, now: Date): { month: string; from: string; to: string }[] {
  const end = to ?? now.toISOString().slice(0, 10);
  const endMonth = Date.UTC(Number(end.slice(0, 4)), Number(end.slice(5, 7)) - 1, 1);
  const startMonth = from ? Date.UTC(Number(from.slice(0, 4)), Number(from.slice(5, 7)) - 1, 1) : Date.UTC(new Date(endMonth).getUTCFullYear(), new Date(endMonth).getUTCMonth() - 11, 1);
  const months: { month: string; from: string; to: string }[] = [];
  for (let first = new Date(endMonth); first.getTime() >= startMonth && months.length < TREND_MAX_MONTHS; first = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() - 1, 1))) {
    const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0));
    const day = (d: Date) => d.toISOString().slice(0, 10);
    months.unshift({
      month: day(first).slice(0, 7),
      from: from && from > day(first) ? from : day(first),
      to: day(last) > end ? end : day(last),
    });
  }
  return months;
}

/** The question whose answer is the trend: the period from the first month shown, by month. */
export function trendQuery(query: { to?: string; requestedCountry?: DashboardPageQuery['requestedCountry'] }, months: { from: string }[]) {
  return { from: months[0]?.from, to: query.to, requestedCountry: query.requestedCountry, groupBy: 'month' as const };
}

/**
 * The supervisor's dashboard: the same figures as GET /api/analytics/turnaround and /overdue for the
 * same filters, from the same service (which refuses everyone but supervisors and the admin).
 */
@PageController('desk/dashboard')
export class DashboardPagesController {
  constructor(
    private readonly turnaround: TurnaroundService,
    private readonly clock: Clock,
  ) {}

  /**
   * The dashboard for the filters; a period that is no period (a day no calendar has, an end before its
   * start) comes back as the dashboard of the other filters with the message beside the date as typed.
   */
  @Get()
  @Html()
  async dashboard(@Ctx() ctx: PageContext, @CurrentUser() user: Principal, @PageQuery(CHECKED_BY_HANDLER) sent: FormFields, @Res({ passthrough: true }) reply: PageReply) {
    try {
      return dashboardPage(ctx, await this.view(user, await validated(DashboardPageQuery, sent)));
    } catch (error) {
      const { typed, errors } = periodRefusal(ctx, error, sent, { from: 'periodFrom', to: 'periodTo' });
      const { from: _from, to: _to, ...others } = sent;
      const view = await this.view(user, await validated(DashboardPageQuery, others));
      reply.code(400);
      return dashboardPage(ctx, { ...view, period: { ...typed, errors } });
    }
  }

  private async view(user: Principal, query: DashboardPageQuery): Promise<DashboardView> {
    const period = { from: query.from, to: query.to, requestedCountry: query.requestedCountry };
    const months = trendMonths(query.from, query.to, this.clock.now());
    // What is open now is counted now, beside figures that may have been computed a few minutes before (kept ready):
    // the open counts alone, without the percentiles of every stage.
    const [figures, open, overdue, pairs, trend] = await Promise.all([
      this.turnaround.turnaround(user, period),
      this.turnaround.openNow(user, query.requestedCountry),
      this.turnaround.overdue(user, overdueQueryOf(query)),
      this.turnaround.turnaround(user, { ...period, groupBy: 'countryPair' }),
      // The API's figures per month (groupBy=month): each month's equal those asked for its first and last day within the period.
      this.turnaround.turnaround(user, trendQuery(query, months)),
    ]);
    const shown = (stage: string) => !query.stage || stage === query.stage;
    return {
      asOf: [figures, overdue, pairs, trend].map((report) => report.asOf).sort()[0],
      pairs: pairs.items.filter((item) => shown(item.stage)),
      trend: months.map((m) => ({ month: m.month, from: m.from, to: m.to, items: trend.items.filter((item) => item.month === m.month && shown(item.stage)) })),
      filter: { ...period, stage: query.stage },
      stages: DEADLINE_STAGES,
      now: open,
      suppressedBelow: figures.suppressedBelow,
      figures: figures.items.filter((item) => !query.stage || item.stage === query.stage),
      overdue: { items: overdue.items ?? [], total: overdue.total, page: overdue.page, pageSize: overdue.pageSize },
    };
  }

  /** The figures on the page, as the API's CSV gives them for the same filters (of the filter's stage, when one is chosen). */
  @Get('turnaround.csv')
  async csv(@CurrentUser() user: Principal, @Query() query: DashboardPageQuery, @Res({ passthrough: true }) reply: PageReply) {
    const report = await this.turnaround.turnaround(user, { from: query.from, to: query.to, requestedCountry: query.requestedCountry });
    return csvReply(reply, 'turnaround', ofStage(report, query.stage));
  }

  /** The heat table: the figures per pair of countries and stage, as GET /api/analytics/turnaround?groupBy=countryPair gives them. */
  @Get('pairs.csv')
  async pairsCsv(@CurrentUser() user: Principal, @Query() query: DashboardPageQuery, @Res({ passthrough: true }) reply: PageReply) {
    const report = await this.turnaround.turnaround(user, { from: query.from, to: query.to, requestedCountry: query.requestedCountry, groupBy: 'countryPair' });
    return csvReply(reply, 'turnaround-pairs', ofStage(report, query.stage));
  }

  /** The monthly trend: the figures per month and stage of the months the page shows (groupBy=month). */
  @Get('trend.csv')
  async trendCsv(@CurrentUser() user: Principal, @Query() query: DashboardPageQuery, @Res({ passthrough: true }) reply: PageReply) {
    const report = await this.turnaround.turnaround(user, trendQuery(query, trendMonths(query.from, query.to, this.clock.now())));
    return csvReply(reply, 'turnaround-months', ofStage(report, query.stage));
  }
}

/** The report's rows of one stage, when the filter names one (as the page shows them). */
function ofStage(report: TurnaroundReport, stage: string | undefined): TurnaroundReport {
  return stage ? { ...report, items: report.items.filter((item) => item.stage === stage) } : report;
}

function csvReply(reply: PageReply, name: string, report: TurnaroundReport): string {
  reply.header('Content-Type', 'text/csv; charset=utf-8');
  reply.header('Content-Disposition', `attachment; filename="${reportFileName(name, report)}"`);
  reply.header('Cache-Control', 'no-store');
  return turnaroundCsv(report);
}
