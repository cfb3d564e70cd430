import { Get, Param, Post, Req, Res } from '@nestjs/common';
import { AccessLogService, Audited, CurrentUser, type Principal } from '@enlace/auth';
import { DomainError, ErrorCode } from '@enlace/core';
import { PATHS, alsoAskPage, casePage, ui, type PageContext } from '@enlace/pages';
import { CasesService, RequestsService } from '@enlace/requests';
import { CHECKED_BY_HANDLER, Ctx, Form, Html, PageController, seeOther, type FormFields, type PageReply, type PageRequest } from '@enlace/web';
import { AlsoAskDto } from '../cases/case.dto.js';
import { UuidPipe } from '../http/uuid.pipe.js';
import { validated } from '../http/validation.js';

/** A case's page, and the question "which other country?" asked from one of its requests. */
@PageController('desk')
export class CasePagesController {
  constructor(
    private readonly cases: CasesService,
    private readonly requests: RequestsService,
    private readonly accessLog: AccessLogService,
  ) {}

  @Get('cases/:id')
  @Audited('case.read', { target: 'none', refusalsOnly: true })
  @Html()
  async show(@Ctx() ctx: PageContext, @CurrentUser() user: Principal, @Param('id', UuidPipe) id: string, @Req() request: PageRequest) {
    const kase = await this.cases.get(user, id);
    // As GET /api/cases/:id: a read of every request the page shows.
    await this.accessLog.record(
      kase.members.map((m) => ({
        actorId: user.id,
        actorRole: user.role,
        actorCountry: user.country,
        action: 'case.read' as const,
        requestId: m.requestId,
        documentId: null,
        outcome: 'allowed' as const,
        status: 200,
        address: request.ip ?? null,
      })),
    );
    return casePage(ctx, kase as never);
  }

  @Get('requests/:id/also-ask')
  @Html()
  async question(@Ctx() ctx: PageContext, @CurrentUser() user: Principal, @Param('id', UuidPipe) id: string) {
    return alsoAskPage(ctx, await this.view(user, id));
  }

  @Post('requests/:id/also-ask')
  @Html()
  async ask(@Ctx() ctx: PageContext, @CurrentUser() user: Principal, @Param('id', UuidPipe) id: string, @Form(CHECKED_BY_HANDLER) form: FormFields, @Res({ passthrough: true }) reply: PageReply) {
    const chosen = typeof form.requestedCountry === 'string' ? form.requestedCountry : '';
    try {
      const body = await validated(AlsoAskDto, { requestedCountry: chosen });
      const { request } = await this.cases.alsoAsk(user, id, body.requestedCountry);
      return seeOther(reply, PATHS.request(request.id));
    } catch (error) {
      if (!(error instanceof DomainError) || (error.code !== ErrorCode.ValidationFailed && error.code !== ErrorCode.RuleViolation)) throw error;
      reply.code(error.code === ErrorCode.ValidationFailed ? 400 : 422);
      const message = ui(ctx.lang, error.code === ErrorCode.RuleViolation ? 'alreadyAsked' : 'chooseCountry');
      return alsoAskPage(ctx, { ...(await this.view(user, id)), chosen, errors: [{ field: 'requestedCountry', message }] });
    }
  }

  private async view(user: Principal, id: string) {
    const request = await this.requests.get(user, id);
    if (!this.cases.alsoAskOffered(user, request)) {
      throw new DomainError(ErrorCode.Forbidden, 'Only the fiscal who drafted this request asks another country in its case');
    }
    return {
      request: { id: request.id, reference: request.reference, title: request.title ?? null },
      countries: await this.cases.countriesToAsk(user, request),
      errors: [],
    };
  }
}
