import { Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { CurrentUser, type Principal, Audited } from '@enlace/auth';
import { DomainError, ErrorCode, isUnsafeTextRule, withoutUnsafeText } from '@enlace/core';
import { LegalBasesService } from '@enlace/legal-bases';
import { MessagesService } from '@enlace/messages';
import {
  ANNEX_FIELD_IDS,
  PATHS,
  documentsFragment,
  fieldId,
  newRequestPage,
  pathLabel,
  readSection,
  requestPage,
  requestPrintPage,
  sectionSpec,
  ui,
  type FieldError,
  type PageContext,
  type PairInfo,
  type UiKey,
  type RequestPageView,
  FOLLOW_UP_EVENTS,
  followUpData,
  followUpRefusal,
} from '@enlace/pages';
import { AnnexesService, RequestsService } from '@enlace/requests';
import { COUNTRY_CODES, type CountryCode, type RequestEventType } from '@enlace/workflows';
import { CHECKED_BY_HANDLER, Ctx, Form, Html, MALFORMED_MULTIPART, PageController, seeOther, type FormFields, type PageReply, type PageRequest } from '@enlace/web';
import { receiveAnnex, sendAnnex } from '../annexes/annex-upload.js';
import { UuidPipe } from '../http/uuid.pipe.js';
import { validated } from '../http/validation.js';
import { PostMessageDto } from '../messages/message.dto.js';
import { RequestEventDto } from '../requests/request-event.dto.js';
import { CreateRequestDto, UpdateRequestDto } from '../requests/request-fields.dto.js';
import { RequestPageService } from './request-page.service.js';

const one = (value: FormFields[string]): string => (typeof value === 'string' ? value : Array.isArray(value) ? (value[0] ?? '') : '');

/** Runs the API's own validation of a body (the same DTO class), so that a page accepts what the API accepts. */

type Refusal = { fields?: { field: string; rule?: string }[]; missing?: string[]; violations?: { field: string; rule: string; possibleFrom?: string }[]; currentVersion?: number };

/** The fiscal's desk: a request's page, its sections, its actions, its conversation and documents. */
@PageController('desk')
export class RequestPagesController {
  constructor(
    private readonly requests: RequestsService,
    private readonly pages: RequestPageService,
    private readonly messages: MessagesService,
    private readonly legalBases: LegalBasesService,
    private readonly annexes: AnnexesService,
  ) {}

  @Get('requests/new')
  @Html()
  newRequest(@Ctx() ctx: PageContext, @CurrentUser() user: Principal, @Query('to') to?: string) {
    const countries = COUNTRY_CODES.filter((c) => c !== user.country);
    const chosen = countries.find((c) => c === to);
    return newRequestPage(ctx, { countries, chosen, pair: chosen ? this.pair(ctx, user, chosen) : undefined, errors: [] });
  }

  @Post('requests')
  @Html()
  async create(@Ctx() ctx: PageContext, @CurrentUser() user: Principal, @Form() form: FormFields, @Res({ passthrough: true }) reply: PageReply) {
    const requestedCountry = one(form.requestedCountry);
    try {
      const body = await validated(CreateRequestDto, { requestedCountry });
      const created = await this.requests.create(user, body);
      return seeOther(reply, PATHS.request(created.id));
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== ErrorCode.ValidationFailed) throw error;
      reply.code(400);
      const countries = COUNTRY_CODES.filter((c) => c !== user.country);
      return newRequestPage(ctx, { countries, errors: [{ field: 'requestedCountry', message: ui(ctx.lang, 'chooseCountry') }] });
    }
  }

  @Get('requests/:id')
  @Audited('request.read')
  @Html()
  async show(@Ctx() ctx: PageContext, @CurrentUser() user: Principal, @Param('id', UuidPipe) id: string, @Query('done') done?: string) {
    return requestPage(ctx, await this.pages.view(user, id, { notice: done === 'saved' ? 'saved' : done === 'event' ? 'done' : done === 'annexed' ? 'annexed' : undefined }));
  }

  /** The request on paper: content and history, no navigation, forms or scripts. */
  @Get('requests/:id/print')
  @Audited('request.read')
  @Html()
  async print(@Ctx() ctx: PageContext, @CurrentUser() user: Principal, @Param('id', UuidPipe) id: string) {
    return requestPrintPage(ctx, await this.pages.printView(user, id));
  }

  /** The documents panel alone, which htmx polls while a document is being prepared. */
  @Get('requests/:id/documents')
  @Audited('request.documents')
  @Html()
  async documentsPanel(@Ctx() ctx: PageContext, @CurrentUser() user: Principal, @Param('id', UuidPipe) id: string) {
    return documentsFragment(ctx, id, await this.pages.documentsOf(user, id));
  }

  /** One section of the form, saved on its own at the version it was read at. */
  @Post('requests/:id/sections/:section')
  @Html()
  async saveSection(
    @Ctx() ctx: PageContext,
    @CurrentUser() user: Principal,
    @Param('id', UuidPipe) id: string,
    @Param('section') sectionId: string,
    @Form(CHECKED_BY_HANDLER) form: FormFields,
    @Res({ passthrough: true }) reply: PageReply,
  ) {
    const section = sectionSpec(sectionId);
    if (!section) throw new DomainError(ErrorCode.NotFound, 'No such section');
    const expectedVersion = Number(one(form.expectedVersion));
    const typed = { form: `section-${section.id}`, fields: form };
    try {
      const body = await validated(UpdateRequestDto, { ...readSection(section, form), expectedVersion });
      const { expectedVersion: version, ...changes } = body;
      await this.requests.edit(user, id, version, changes);
      return seeOther(reply, `${PATHS.request(id)}?done=saved#section-${section.id}`);
    } catch (error) {
      return this.refused(ctx, user, id, error, reply, typed, expectedVersion, (field) => field);
    }
  }

  /** A lifecycle action, sent at the version the page was read at. */
  @Post('requests/:id/events')
  @Html()
  async send(@Ctx() ctx: PageContext, @CurrentUser() user: Principal, @Param('id', UuidPipe) id: string, @Form(CHECKED_BY_HANDLER) form: FormFields, @Res({ passthrough: true }) reply: PageReply) {
    const type = one(form.type) as RequestEventType;
    const expectedVersion = Number(one(form.expectedVersion));
    const typed = { form: `event-${type}`, fields: form };
    try {
      if (type === 'WITHDRAW' && one(form.confirm) !== 'yes') {
        throw new DomainError(ErrorCode.ValidationFailed, 'Withdrawal not confirmed', { fields: [{ field: 'confirm' }] });
      }
      const comment = one(form.comment).trim();
      const outcome = one(form.outcome);
      const body = await validated(RequestEventDto, {
        type,
        expectedVersion,
        ...(comment ? { comment } : {}),
        ...(type === 'RECORD_EXECUTION' && outcome ? { data: { outcome } } : {}),
        // An urgent advance copy's channel, day and reference.
        ...(FOLLOW_UP_EVENTS.includes(type) && Object.keys(followUpData(form)).length > 0 ? { data: followUpData(form) } : {}),
      });
      await this.requests.send(user, id, { ...body, data: body.data ? { ...body.data } : undefined });
      return seeOther(reply, `${PATHS.request(id)}?done=event`);
    } catch (error) {
      return this.refused(ctx, user, id, error, reply, typed, expectedVersion, (field) => `${type}-${field}`);
    }
  }

  /**
   * A file annexed from the request's page: a plain multipart form (no script needed). A refusal the
   * fiscal can correct (a field missing, the file too large, not a PDF, JPEG or PNG, already annexed)
   * comes back on the page beside the field, with the status the API gives (400, 413, 415, 409).
   */
  @Post('requests/:id/annexes')
  @Html()
  async annex(@Ctx() ctx: PageContext, @CurrentUser() user: Principal, @Param('id', UuidPipe) id: string, @Req() request: PageRequest, @Res({ passthrough: true }) reply: PageReply) {
    const fields: Record<string, string> = {};
    try {
      await receiveAnnex(this.annexes, user, id, request, fields);
      return seeOther(reply, `${PATHS.request(id)}?done=annexed#annexes`);
    } catch (error) {
      const refused = error instanceof DomainError ? annexRefusal(ctx, error) : null;
      if (!refused) throw error;
      reply.code(refused.status);
      return requestPage(ctx, await this.pages.view(user, id, { errors: refused.errors, typed: { form: 'annex', fields } }));
    }
  }

  @Get('annexes/:id')
  async annexFile(@CurrentUser() user: Principal, @Param('id', UuidPipe) id: string, @Res({ passthrough: true }) reply: PageReply) {
    return sendAnnex(this.annexes, user, id, reply);
  }

  @Post('requests/:id/messages')
  @Html()
  async post(@Ctx() ctx: PageContext, @CurrentUser() user: Principal, @Param('id', UuidPipe) id: string, @Form(CHECKED_BY_HANDLER) form: FormFields, @Res({ passthrough: true }) reply: PageReply) {
    const body = one(form.body).trim();
    // The API's limits (10,000 characters), beside the field.
    const refused = body ? await validated(PostMessageDto, { body }).then(() => null, (error: unknown) => error) : null;
    if (!body || refused) {
      if (refused && !(refused instanceof DomainError && refused.code === ErrorCode.ValidationFailed)) throw refused;
      reply.code(400);
      const unsafe = refused instanceof DomainError && ((refused.details as Refusal).fields ?? []).some((f) => isUnsafeTextRule(f.rule));
      const errors = [{ field: 'message-body', message: unsafe ? `${ui(ctx.lang, 'message')}: ${ui(ctx.lang, 'controlCharacterRemoved')}` : ui(ctx.lang, body ? 'fieldInvalid' : 'fieldRequired') }];
      return requestPage(ctx, await this.pages.view(user, id, { errors, typed: { form: 'message', fields: withoutUnsafeText(form) } }));
    }
    await this.messages.post(user, id, body);
    return seeOther(reply, `${PATHS.request(id)}#messages`);
  }

  /**
   * A form the server refused, shown again with what the user typed: the fields at fault at the top
   * (400), what blocks the action (422), or, when someone else changed the request meanwhile, the
   * changes made since (409). Anything else is an error page.
   */
  private async refused(
    ctx: PageContext,
    user: Principal,
    id: string,
    error: unknown,
    reply: PageReply,
    typed: NonNullable<RequestPageView['typed']>,
    readVersion: number,
    idOf: (field: string) => string,
  ) {
    if (!(error instanceof DomainError)) throw error;
    const details = error.details as Refusal;
    // What was typed comes back without the invisible characters a refusal named (it says so beside the field).
    const extra: Partial<RequestPageView> = { typed: { ...typed, fields: withoutUnsafeText(typed.fields) } };
    const errorOf = (path: string, rule?: string): FieldError => ({
      field: idOf(fieldId(path)),
      message: `${pathLabel(ctx, path)}: ${ui(ctx.lang, isUnsafeTextRule(rule) ? 'controlCharacterRemoved' : path === 'comment' ? 'commentRequired' : path === 'confirm' ? 'confirmRequired' : 'fieldInvalid')}`,
    });
    switch (error.code) {
      case ErrorCode.ValidationFailed:
        extra.errors = (details.fields ?? []).map((f) => errorOf(f.field.replace(/^expectedVersion$/, 'version'), f.rule));
        break;
      case ErrorCode.IncompleteRequest:
      case ErrorCode.RuleViolation:
        extra.errors = [
          ...(details.missing ?? []).map((path) => errorOf(path)),
          ...(details.violations ?? []).map((v) => {
            // Why no advance copy may be recorded, beside its channel, in the reader's words.
            const message = followUpRefusal(ctx.lang, ctx.timeZone, v);
            return message ? { field: idOf(v.field === 'legalBasis' ? 'data-channel' : fieldId(v.field)), message } : errorOf(v.field);
          }),
        ];
        extra.violations = details.violations ?? [];
        break;
      case ErrorCode.VersionConflict:
        extra.conflict = { readVersion, changes: (await this.pages.changesSince(user, id, readVersion)) as never };
        extra.errors = [];
        break;
      default:
        throw error;
    }
    reply.code(error.code === ErrorCode.VersionConflict ? 409 : error.code === ErrorCode.ValidationFailed ? 400 : 422);
    return requestPage(ctx, await this.pages.view(user, id, extra));
  }

  private pair(ctx: PageContext, user: Principal, to: CountryCode): PairInfo {
    const inForce = this.legalBases.forPair(user, to);
    const profile = this.legalBases.countries().find((c) => c.code === to)!;
    const binding = new Set(inForce.map((b) => b.basis));
    const own = this.legalBases.countries().find((c) => c.code === user.country);
    return {
      to,
      inForce: inForce.map((b) => ({ name: b.name[ctx.lang] ?? b.name.es })),
      notInForce: [...(own?.treaties ?? []), ...profile.treaties]
        .filter((treaty, i, all) => !binding.has(treaty.basis) && all.findIndex((o) => o.basis === treaty.basis) === i)
        .map((treaty) => ({ name: treaty.name[ctx.lang] ?? treaty.name.es, why: ui(ctx.lang, 'notBindingBoth') })),
      accepted: profile.languages.accepted,
      centralAuthority: profile.centralAuthority.name[ctx.lang] ?? profile.centralAuthority.name.es ?? null,
    };
  }
}

const ANNEX_STATUS: Partial<Record<ErrorCode, number>> = {
  [ErrorCode.ValidationFailed]: 400,
  [ErrorCode.PayloadTooLarge]: 413,
  [ErrorCode.UnsupportedMediaType]: 415,
  [ErrorCode.AlreadyExists]: 409,
};

/** An upload's refusal as the fields at fault and their messages in the user's language, or null for any other error. */
function annexRefusal(ctx: PageContext, error: DomainError): { status: number; errors: FieldError[] } | null {
  const status = ANNEX_STATUS[error.code];
  if (!status) return null;
  const details = error.details as { fields?: { field: string; rule?: string }[]; maxBytes?: number; maxCount?: number };
  const names: Record<string, UiKey> = { kind: 'annexKind', language: 'annexLanguage', description: 'annexDescription', file: 'annexFile' };
  const at = (field: string, message: string): FieldError => {
    const known = field in ANNEX_FIELD_IDS ? (field as keyof typeof ANNEX_FIELD_IDS) : 'file';
    return { field: ANNEX_FIELD_IDS[known], message: `${ui(ctx.lang, names[known]!)}: ${message}` };
  };
  switch (error.code) {
    case ErrorCode.PayloadTooLarge:
      return {
        status,
        errors: [
          details.maxCount !== undefined
            ? at('file', ui(ctx.lang, 'annexTooMany').replace('{count}', String(details.maxCount)))
            : at('file', ui(ctx.lang, 'annexTooLarge').replace('{mb}', String(Math.round(((details.maxBytes ?? 0) / 1_048_576) * 10) / 10))),
        ],
      };
    case ErrorCode.UnsupportedMediaType:
      return { status, errors: [at('file', ui(ctx.lang, 'annexWrongType'))] };
    case ErrorCode.AlreadyExists:
      return { status, errors: [at('file', ui(ctx.lang, 'annexDuplicate'))] };
    default:
      return {
        status,
        errors: (details.fields ?? [{ field: 'file' }]).map((f) =>
          at(f.field, ui(ctx.lang, f.rule === MALFORMED_MULTIPART ? 'uploadIncomplete' : f.rule === 'required' || f.rule === 'one_of' ? 'fieldRequired' : 'fieldInvalid')),
        ),
      };
  }
}
