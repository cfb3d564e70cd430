import { Get, Query } from '@nestjs/common';
import { CurrentUser, type Principal } from '@enlace/auth';
import { RequestsService } from '@enlace/requests';
import { WorkQueueService } from '@enlace/turnaround';
import { requestsListPage, type PageContext } from '@enlace/pages';
import { requestMachine } from '@enlace/workflows';
import { Ctx, Html, PageController } from '@enlace/web';
import { RequestsPageQuery } from './request-pages.query.js';

const STATES = Object.keys(requestMachine.config.states ?? {});

@PageController('desk/requests')
export class RequestsPagesController {
  constructor(
    private readonly requests: RequestsService,
    private readonly workQueue: WorkQueueService,
  ) {}

  @Get()
  @Html()
  async list(@Ctx() ctx: PageContext, @CurrentUser() user: Principal, @Query() query: RequestsPageQuery) {
    const search = query.search?.trim() || undefined;
    const result = await this.requests.list(user, { ...query, search });
    const due = await this.workQueue.dueDates(result.items.map((r) => r.id));
    return requestsListPage(ctx, {
      items: result.items.map((r) => ({
        id: r.id,
        reference: r.reference,
        title: r.title ?? null,
        requestedCountry: r.requestedCountry as never,
        state: r.state,
        dueAt: due.get(r.id)?.dueAt ?? null,
        overdue: due.get(r.id)?.overdue ?? false,
        updatedAt: r.updatedAt,
      })),
      total: result.total,
      page: result.page,
      pageSize: result.pageSize,
      filter: { state: query.state, requestedCountry: query.requestedCountry, search },
      states: STATES,
      canDraft: user.role === 'fiscal',
    });
  }
}
