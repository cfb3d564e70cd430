import { Get, Query, Res } from '@nestjs/common';
import { CurrentUser, type Principal } from '@enlace/auth';
import { dashboardPage, type PageContext } from '@enlace/pages';
import { DEADLINE_STAGES, TurnaroundService, turnaroundCsv } from '@enlace/turnaround';
import { Ctx, Html, PageController, type PageReply } from '@enlace/web';
import { DashboardPageQuery, overdueQueryOf } from './desk-pages.query.js';

/**
 * The supervisor's dashboard: the same figures as GET /api/analytics/turnaround and /overdue for the
 * same filters, from the same service (which refuses everyone but supervisors and the admin).
 */
@PageController('desk/dashboard')
export class DashboardPagesController {
  constructor(private readonly turnaround: TurnaroundService) {}

  @Get()
  @Html()
  async dashboard(@Ctx() ctx: PageContext, @CurrentUser() user: Principal, @Query() query: DashboardPageQuery) {
    const period = { from: query.from, to: query.to, requestedCountry: query.requestedCountry };
    const [figures, now, overdue] = await Promise.all([
      this.turnaround.turnaround(user, period),
      this.turnaround.turnaround(user, { requestedCountry: query.requestedCountry }),
      this.turnaround.overdue(user, overdueQueryOf(query)),
    ]);
    return dashboardPage(ctx, {
      filter: { ...period, stage: query.stage },
      stages: DEADLINE_STAGES,
      now: now.items.map(({ stage, open }) => ({ stage, open })),
      suppressedBelow: figures.suppressedBelow,
      figures: figures.items.filter((item) => !query.stage || item.stage === query.stage),
      overdue: { items: overdue.items ?? [], total: overdue.total, page: overdue.page, pageSize: overdue.pageSize },
    });
  }

  /** The figures on the page, as the API's CSV gives them for the same filters. */
  @Get('turnaround.csv')
  async csv(@CurrentUser() user: Principal, @Query() query: DashboardPageQuery, @Res({ passthrough: true }) reply: PageReply) {
    const report = await this.turnaround.turnaround(user, { from: query.from, to: query.to, requestedCountry: query.requestedCountry });
    reply.header('Content-Type', 'text/csv; charset=utf-8');
    reply.header('Content-Disposition', 'attachment; filename="turnaround.csv"');
    reply.header('Cache-Control', 'no-store');
    return turnaroundCsv(report);
  }
}
