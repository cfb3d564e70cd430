import { Get, Param, Post, Query, Res } from '@nestjs/common';
import { CurrentUser, type Principal } from '@enlace/auth';
import { Clock, DomainError, ERROR_STATUS, ErrorCode, withoutUnsafeText } from '@enlace/core';
import { LiaisonsService } from '@enlace/liaisons';
import { PATHS, liaisonPage, liaisonsPage, ui, type FieldError, type LiaisonStatus, type LiaisonView, type PageContext, type UiKey } from '@enlace/pages';
import { CHECKED_BY_HANDLER, Ctx, Form, Html, PageController, fieldRefusal, fieldRefusals, refusalText, seeOther, type FormFields, type PageReply } from '@enlace/web';
import { UuidPipe } from '../http/uuid.pipe.js';
import { validated } from '../http/validation.js';
import { AuthorizeLiaisonDto, RevokeLiaisonDto } from '../liaisons/liaison.dto.js';

const text = (value: FormFields[string]): string => (typeof value === 'string' ? value.trim() : '');
const REASON_MAX = 2000;

/** The label of each action's one field, to name it in a refusal. */
const FIELD_LABELS: Partial<Record<string, UiKey>> = { validUntil: 'liaisonValidUntil', reason: 'revokeReason' };

/** Today as the viewer's wall calendar has it (YYYY-MM-DD), for "ends in n days". */
const todayIn = (timeZone: string, now: Date): string => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);

/** The form's own refusals, before the service is asked: each names its field. */
function formErrors(ctx: PageContext, action: 'authorize' | 'revoke', { validUntil, reason }: { validUntil: string; reason: string }): FieldError[] {
  if (action === 'authorize') {
    if (!validUntil) return [fieldRefusal(ctx.lang, 'validUntil', FIELD_LABELS.validUntil, 'fieldRequired')];
    const valid = /^\d{4}-\d{2}-\d{2}$/.test(validUntil) && !Number.isNaN(Date.parse(`${validUntil}T00:00:00Z`)) && new Date(`${validUntil}T00:00:00Z`).toISOString().startsWith(validUntil);
    return valid ? [] : [fieldRefusal(ctx.lang, 'validUntil', FIELD_LABELS.validUntil, 'notACalendarDay')];
  }
  if (!reason) return [fieldRefusal(ctx.lang, 'reason', FIELD_LABELS.reason, 'fieldRequired')];
  return reason.length > REASON_MAX ? [fieldRefusal(ctx.lang, 'reason', FIELD_LABELS.reason, 'fieldInvalid')] : [];
}

/**
 * The liaison directory as the cancillería works on it: its country's liaisons, nominations to decide,
 * authorizations ending within 30 days; authorize with an end date, revoke with a reason, the history
 * of each person. Supervisors read their country's, the admin every country's; the service decides
 * who may change what, exactly as for the API.
 */
@PageController('desk/liaisons')
export class LiaisonPagesController {
  constructor(
    private readonly liaisons: LiaisonsService,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Html()
  async directory(@Ctx() ctx: PageContext, @CurrentUser() user: Principal) {
    const country = user.role === 'admin' ? undefined : (user.country ?? undefined);
    const entries = await this.liaisons.list(user, { country });
    return liaisonsPage(ctx, { entries, today: todayIn(ctx.timeZone, this.clock.now()) });
  }

  @Get(':userId')
  @Html()
  async liaison(@Ctx() ctx: PageContext, @CurrentUser() user: Principal, @Param('userId', UuidPipe) userId: string, @Query('done') done?: string) {
    const view = await this.view(ctx, user, userId);
    const standing = done === '1' ? view.entry.status : undefined;
    return liaisonPage(ctx, { ...view, done: standing as LiaisonStatus | undefined });
  }

  @Post(':userId/authorize')
  @Html()
  authorize(@Ctx() ctx: PageContext, @CurrentUser() user: Principal, @Param('userId', UuidPipe) userId: string, @Form(CHECKED_BY_HANDLER) form: FormFields, @Res({ passthrough: true }) reply: PageReply) {
    return this.change(ctx, user, userId, 'authorize', form, reply);
  }

  @Post(':userId/revoke')
  @Html()
  revoke(@Ctx() ctx: PageContext, @CurrentUser() user: Principal, @Param('userId', UuidPipe) userId: string, @Form(CHECKED_BY_HANDLER) form: FormFields, @Res({ passthrough: true }) reply: PageReply) {
    return this.change(ctx, user, userId, 'revoke', form, reply);
  }

  /** One change; a refusal (the form's or the service's) comes back on the same page with what was typed. */
  private async change(ctx: PageContext, user: Principal, userId: string, action: 'authorize' | 'revoke', form: FormFields, reply: PageReply) {
    const sent = { validUntil: text(form.validUntil), reason: text(form.reason) };
    // The form's own checks read what it would show again: the invisible characters a copied text
    // brought are refused by the API's DTO below, beside the field, once the rest is right.
    const typed = withoutUnsafeText(sent);
    let errors = formErrors(ctx, action, typed);
    let message = ui(ctx.lang, 'refusal_validation_failed');
    let status = 422;
    if (errors.length === 0) {
      try {
        if (action === 'authorize') await this.liaisons.authorize(user, userId, (await validated(AuthorizeLiaisonDto, { validUntil: sent.validUntil })).validUntil);
        else await this.liaisons.revoke(user, userId, (await validated(RevokeLiaisonDto, { reason: sent.reason })).reason);
        return seeOther(reply, `${PATHS.liaison(userId)}?done=1`);
      } catch (error) {
        if (!(error instanceof DomainError) || error.code === ErrorCode.NotFound || error.code === ErrorCode.Forbidden) throw error;
        status = ERROR_STATUS[error.code];
        message = refusalText(ctx.lang, error);
        const violations = Array.isArray(error.details.violations) ? (error.details.violations as { field: string }[]) : [];
        errors = [...fieldRefusals(ctx.lang, error, FIELD_LABELS), ...violations.map((v) => fieldRefusal(ctx.lang, v.field, FIELD_LABELS[v.field], 'fieldInvalid'))];
      }
    }
    const view = await this.view(ctx, user, userId);
    reply.code(status);
    return liaisonPage(ctx, { ...view, refusal: { action, message, errors, ...typed } });
  }

  private async view(ctx: PageContext, user: Principal, userId: string): Promise<Omit<LiaisonView, 'done' | 'refusal'>> {
    const entry = await this.liaisons.get(userId);
    // The history is for the person's own country (and the admin): the service refuses anyone else.
    const history = await this.liaisons.historyOf(user, userId);
    return {
      entry,
      history,
      decides: user.role === 'cancilleria' && user.country === entry.country,
      today: todayIn(ctx.timeZone, this.clock.now()),
    };
  }
}
