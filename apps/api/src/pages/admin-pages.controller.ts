import { Get, Param, Post, Query, Res } from '@nestjs/common';
import { AccessLogService, CurrentUser, accessLogCsv, type Principal } from '@enlace/auth';
import { DomainError, ErrorCode } from '@enlace/core';
import { DocumentsService } from '@enlace/documents';
import { JobQueue } from '@enlace/outbox';
import { PATHS, adminPage, type AdminView, type PageContext } from '@enlace/pages';
import { TurnaroundService } from '@enlace/turnaround';
import { CHECKED_BY_HANDLER, Ctx, Html, PageController, PageQuery, seeOther, type FormFields, type PageReply } from '@enlace/web';
import { AccessLogQuery } from '../access-log/access-log.dto.js';
import { UuidPipe } from '../http/uuid.pipe.js';
import { validated } from '../http/validation.js';
import { AdminPageQuery } from './desk-pages.query.js';
import { periodRefusal } from './period-errors.js';

const FAILED_PAGE_SIZE = 25;

/**
 * The administrator's console: the queues (depth, oldest job), the documents whose rendering failed
 * with a retry each, the deadlines open and overdue per stage across the region. The services refuse
 * anyone else; nothing here reads a case's content.
 */
@PageController('desk/admin')
export class AdminPagesController {
  constructor(
    private readonly documents: DocumentsService,
    private readonly queue: JobQueue,
    private readonly turnaround: TurnaroundService,
    private readonly accessLog: AccessLogService,
  ) {}

  @Get()
  @Html()
  async console(@Ctx() ctx: PageContext, @CurrentUser() user: Principal, @Query() query: AdminPageQuery) {
    return adminPage(ctx, await this.view(user, query));
  }

  /**
   * The access log of a period as CSV, with the chain's links (the same rows as GET /api/access-log);
   * a period that is no period (a day no calendar has, an end before its start) comes back as the
   * console with the message beside the date, as typed.
   */
  @Get('access-log.csv')
  @Html()
  async accessLogCsv(@Ctx() ctx: PageContext, @CurrentUser() user: Principal, @PageQuery(CHECKED_BY_HANDLER) query: FormFields, @Res({ passthrough: true }) reply: PageReply) {
    const { from, to } = query;
    try {
      const period = await validated(AccessLogQuery, { from, to });
      const rows = await this.accessLog.export(user, period.from, period.to);
      reply.header('Content-Type', 'text/csv; charset=utf-8');
      reply.header('Content-Disposition', `attachment; filename="access-log-${period.from}-${period.to}.csv"`);
      return accessLogCsv(rows);
    } catch (error) {
      const { typed, errors } = periodRefusal(ctx, error, query, { from: 'periodFromDay', to: 'periodTo' });
      const view = await this.view(user, { page: 1 });
      reply.code(400);
      return adminPage(ctx, { ...view, accessLogPeriod: { ...typed, errors } });
    }
  }

  /** Re-queues a failed document, then shows where it stands. */
  @Post('documents/:id/retry')
  @Html()
  async retry(@CurrentUser() user: Principal, @Param('id', UuidPipe) id: string, @Res({ passthrough: true }) reply: PageReply) {
    try {
      await this.documents.retry(user, id);
    } catch (error) {
      // A second click, or a document another administrator re-queued first: show where it stands.
      if (!(error instanceof DomainError) || error.code !== ErrorCode.InvalidTransition) throw error;
    }
    return seeOther(reply, `${PATHS.admin}?retried=${id}`);
  }

  private async view(user: Principal, query: Pick<AdminPageQuery, 'page' | 'retried'>): Promise<AdminView> {
    if (user.role !== 'admin') throw new DomainError(ErrorCode.Forbidden, 'Only the administrator opens the platform’s console');
    const now = Date.now();
    const [failed, waiting, deadlines, requeued] = await Promise.all([
      this.documents.failed(user, { page: query.page, pageSize: FAILED_PAGE_SIZE }),
      this.queue.waiting(),
      this.turnaround.openDeadlines(user),
      query.retried ? this.documents.standing(user, query.retried).catch(() => undefined) : undefined,
    ]);
    const today = new Date(now).toISOString().slice(0, 10);
    return {
      accessLogPeriod: { from: `${today.slice(0, 8)}01`, to: today },
      queues: waiting.map((q) => ({ queue: q.queue, jobs: q.jobs, oldestSeconds: q.oldestSince ? Math.max(0, (now - q.oldestSince.getTime()) / 1000) : null })),
      failed,
      deadlines,
      retried: requeued,
    };
  }
}
