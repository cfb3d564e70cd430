import { Get, Param, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { AccessLogService, Audited, CurrentUser, type Principal } from '@enlace/auth';
import { DomainError, ERROR_STATUS, ErrorCode, isUnsafeTextRule, withoutUnsafeText } from '@enlace/core';
import { DocumentsService } from '@enlace/documents';
import { CasesService, RequestsService, type RequestRepresentation } from '@enlace/requests';
import { WorkQueueService } from '@enlace/turnaround';
import { PATHS, followUpData, followUpRefusal, reviewPage, ui, workQueuePage, type FieldError, type PageContext, type ReviewView, type UiKey } from '@enlace/pages';
import { REQUEST_EVENT_TYPES, documentProducedBy, type CountryCode, type RequestEventType } from '@enlace/workflows';
import { CHECKED_BY_HANDLER, Ctx, Form, Html, PageController, refusalText, seeOther, type FormFields, type PageReply } from '@enlace/web';
import { UuidPipe } from '../http/uuid.pipe.js';
import { validated } from '../http/validation.js';
import { RequestEventDto } from '../requests/request-event.dto.js';
import { WorkQueuePageQuery } from './desk-pages.query.js';

const text = (value: FormFields[string]): string => (typeof value === 'string' ? value.trim() : '');

/** A posted action as the service takes it; a form that names no known event or version is refused. */
function eventOf(form: FormFields) {
  const type = text(form.type);
  const expectedVersion = Number(text(form.expectedVersion));
  if (!(REQUEST_EVENT_TYPES as readonly string[]).includes(type) || !Number.isInteger(expectedVersion) || expectedVersion < 1) {
    throw new DomainError(ErrorCode.ValidationFailed, 'The form names no known action or version', { fields: [{ field: 'type', rule: 'in' }] });
  }
  const outcome = text(form.outcome);
  const requestedReference = text(form.requestedReference);
  // The evidence of a part of the execution, one item per line of the form.
  const until = text(form.until);
  const executingAuthority = text(form.executingAuthority);
  const ground = text(form.ground);
  const evidence = text(form.evidence).split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '');
  const data = {
    ...(outcome ? { outcome } : {}),
    ...(requestedReference ? { requestedReference } : {}),
    ...(evidence.length > 0 ? { evidence } : {}),
    ...(until ? { until } : {}),
    ...(executingAuthority ? { executingAuthority } : {}),
    ...(ground ? { ground } : {}),
    // A supplementary request's translation and annexes, an advance copy's channel, day and reference.
    ...followUpData(form),
  };
  return {
    type: type as RequestEventType,
    expectedVersion,
    comment: text(form.comment) || undefined,
    data: Object.keys(data).length > 0 ? (data as { outcome?: 'total' | 'partial'; requestedReference?: string; evidence?: string[]; until?: string; executingAuthority?: string; ground?: string; annexes?: string[] }) : undefined,
  };
}

/** The labels of the action forms' own controls (review.page.tsx), by the field the API names. */
const CONTROL_LABELS: Record<string, UiKey> = {
  comment: 'comment',
  requestedReference: 'requestedReference',
  outcome: 'outcome',
  evidence: 'evidence',
  until: 'postponedUntil',
  executingAuthority: 'executingAuthority',
  ground: 'refusalGround',
};

/** The fields a refusal names (`missing`, `violations`), as the ids of the action form's controls. */
function fieldErrors(ctx: PageContext, event: string, details: Record<string, unknown>): FieldError[] {
  const missing = Array.isArray(details.missing) ? (details.missing as string[]) : [];
  const fields = Array.isArray(details.fields) ? (details.fields as { field: string; rule?: string }[]) : [];
  const violations = Array.isArray(details.violations) ? (details.violations as { field: string; rule: string; possibleFrom?: string }[]) : [];
  // A reminder's stage and an advance copy's bases have no control of their own: the message goes
  // beside the form's comment, or the advance copy's channel.
  const controls: Record<string, string> = { stage: 'comment', 'stage.dueAt': 'comment', legalBasis: 'channel', expectedVersion: 'comment', type: 'comment' };
  const control = (field: string) => `${controls[field] ?? field.replace(/^data\./, '')}-${event}`;
  // Each message names its field by the label the form shows ("Comentario: Complete este campo."): two
  // fields missing read as two identical lines otherwise. A field with no control of its own is not named.
  const named = (field: string, key: UiKey) => {
    const label = CONTROL_LABELS[field.replace(/^data\./, '').replace(/\[\d+\]$/, '')];
    return label ? `${ui(ctx.lang, label)}: ${ui(ctx.lang, key)}` : ui(ctx.lang, key);
  };
  return [
    ...fields.map(({ field, rule }) => ({ field: control(field.replace(/\[\d+\]$/, '')), message: named(field, isUnsafeTextRule(rule) ? 'controlCharacterRemoved' : 'fieldInvalid') })),
    ...missing.map((field) => ({ field: control(field), message: named(field, 'fieldRequired') })),
    ...violations.map((v) => ({ field: control(v.field), message: followUpRefusal(ctx.lang, ctx.timeZone, v) ?? named(v.field, 'fieldInvalid') })),
  ];
}

/**
 * The desks of the offices that act on a request after the fiscal: the cancillería's requests to
 * decide and the central authority's inbox (one work queue, from the service levels' responsible
 * office), and a request under review with the actions its availableEvents offer this user.
 */
@PageController('desk')
export class DeskPagesController {
  constructor(
    private readonly requests: RequestsService,
    private readonly documents: DocumentsService,
    private readonly workQueue: WorkQueueService,
    private readonly accessLog: AccessLogService,
    private readonly cases: CasesService,
  ) {}

  @Get('queue')
  @Html()
  async queue(@Ctx() ctx: PageContext, @CurrentUser() user: Principal, @Query() query: WorkQueuePageQuery) {
    // A central authority mostly receives (newest first), a cancillería mostly decides (oldest deadline
    // first); the page puts each item under its side, by whose request it is.
    const usualSide = user.role === 'central_authority' ? 'requested' : 'requesting';
    const order = usualSide === 'requested' ? 'newest' : 'due';
    const queue = await this.workQueue.queue(user, order, { page: query.page, pageSize: 25 });
    return workQueuePage(ctx, { country: user.country as CountryCode, usualSide, order, ...queue });
  }

  @Get('review/:id')
  @Audited('request.read')
  @Html()
  async review(@Ctx() ctx: PageContext, @CurrentUser() user: Principal, @Param('id', UuidPipe) id: string, @Query('done') done?: string) {
    const view = await this.reviewView(user, id);
    return reviewPage(ctx, { ...view, done: done === '1' ? view.request.state : undefined });
  }

  /** An action on the request; the server's refusal comes back on the same page, in the user's language. */
  @Post('review/:id/events')
  @Html()
  async act(@Ctx() ctx: PageContext, @CurrentUser() user: Principal, @Param('id', UuidPipe) id: string, @Form(CHECKED_BY_HANDLER) form: FormFields, @Res({ passthrough: true }) reply: PageReply) {
    const command = eventOf(form);
    try {
      // The API's limits on every text and number of the action (RequestEventDto), as the fiscal's form has.
      const body = await validated(RequestEventDto, command);
      await this.requests.send(user, id, { ...command, expectedVersion: body.expectedVersion });
      return seeOther(reply, `${PATHS.review(id)}?done=1`);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code === ErrorCode.NotFound) throw error;
      const view = await this.reviewView(user, id);
      reply.code(ERROR_STATUS[error.code]);
      const refusal = {
        event: command.type,
        message: refusalText(ctx.lang, error),
        errors: fieldErrors(ctx, command.type, error.details),
        // What was typed, without the invisible characters a refusal named.
        comment: withoutUnsafeText(command.comment ?? ''),
        typed: withoutUnsafeText(form) as Record<string, unknown>,
      };
      return reviewPage(ctx, { ...view, refusal });
    }
  }

  /** A document of a request, for whoever may see it: shown in the browser with ?inline=1, else downloaded. */
  @Get('documents/:id')
  @Audited('document.download', { target: 'document' })
  async document(@CurrentUser() user: Principal, @Param('id', UuidPipe) id: string, @Query('inline') inline: string | undefined, @Res({ passthrough: true }) reply: PageReply) {
    const { bytes, filename } = await this.documents.download(user, id);
    reply.header('Content-Type', 'application/pdf');
    reply.header('Content-Disposition', `${inline === '1' ? 'inline' : 'attachment'}; filename="${filename}"`);
    reply.header('Cache-Control', 'no-store');
    return new StreamableFile(bytes);
  }

  private async reviewView(user: Principal, id: string): Promise<Omit<ReviewView, 'done' | 'refusal'>> {
    const request: RequestRepresentation = await this.requests.get(user, id);
    // "Who has seen this case" is for the requesting country's supervisor (the service refuses anyone else).
    const watches = user.role === 'supervisor' && user.country === request.requestingCountry;
    const [documents, history, accessLog, kase] = await Promise.all([
      this.documents.list(user, id),
      this.requests.historyOf(user, id),
      watches ? this.accessLog.forCase(user, id) : undefined,
      this.cases.caseOf(user, id),
    ]);
    return {
      request: request as never,
      actions: request.availableEvents.map((event) => ({ event, document: documentProducedBy(request.state, event) })),
      documents,
      history,
      accessLog,
      case: kase as ReviewView['case'],
    };
  }
}
