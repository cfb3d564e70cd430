import { Get, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { AccountsService, CurrentUser, type PasswordLink, type Principal } from '@enlace/auth';
import { APP_CONFIG, type AppConfig } from '@enlace/config';
import { DomainError, ErrorCode, isUnsafeTextRule, withoutUnsafeText } from '@enlace/core';
import { PATHS, setPasswordPage, ui, usersPage, type FieldError, type PageContext, type UiKey, type UsersView } from '@enlace/pages';
import { COUNTRY_CODES, ROLES, type CountryCode, type Role } from '@enlace/workflows';
import { AnyoneMay, CHECKED_BY_HANDLER, Ctx, Form, Html, PageController, fieldRefusal, fieldRefusals, refusalText, refusedFields, seeOther, type FormFields, type PageReply } from '@enlace/web';
import { CreateUserDto, ResetPasswordDto } from '../accounts/accounts.dto.js';
import { UuidPipe } from '../http/uuid.pipe.js';
import { validated } from '../http/validation.js';

const text = (value: FormFields[string]): string => (typeof value === 'string' ? value.trim() : '');
const EMAIL = /^[^\s@]+@[^\s@]+$/;

/** The labels of the new account's fields (users.page.tsx), to name the one that held an invisible character. */
const FIELD_LABELS: Partial<Record<string, UiKey>> = { name: 'liaisonName', email: 'email', office: 'office', role: 'userRole', country: 'country' };

/**
 * The administrator's accounts in the browser (the same AccountsService as /api/users), and the
 * public page a one-time password link opens.
 */
@PageController()
export class UsersPagesController {
  constructor(
    private readonly accounts: AccountsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('desk/admin/users')
  @Html()
  async users(@Ctx() ctx: PageContext, @CurrentUser() user: Principal, @Query('done') done?: string, @Query('email') email?: string) {
    const listed = await this.listed(user);
    const changed = listed.users.find((u) => u.email === email);
    return usersPage(ctx, { ...listed, done: changed && (done === 'disable' || done === 'enable') ? { email: changed.email, disabled: changed.disabled } : undefined });
  }

  /** The new account's one-time link is shown on this answer itself, never put in an address. */
  @Post('desk/admin/users')
  @HttpCode(200)
  @Html()
  async create(@Ctx() ctx: PageContext, @CurrentUser() user: Principal, @Form(CHECKED_BY_HANDLER) form: FormFields, @Res({ passthrough: true }) reply: PageReply) {
    const sent = { email: text(form.email), name: text(form.name), role: text(form.role), country: text(form.country), office: text(form.office) };
    // The form's own checks read what it would show again; the API's DTO below refuses the invisible
    // characters a copied text brought, beside their field.
    const typed = withoutUnsafeText(sent);
    const refused = (field: string, problem: UiKey) => [fieldRefusal(ctx.lang, field, FIELD_LABELS[field], problem)];
    const errors: FieldError[] = [
      ...(typed.name ? [] : refused('name', 'fieldRequired')),
      ...(EMAIL.test(typed.email) && typed.email.length <= 300 ? [] : refused('email', typed.email ? 'fieldInvalid' : 'fieldRequired')),
      ...((ROLES as readonly string[]).includes(typed.role) ? [] : refused('role', 'fieldRequired')),
      ...(!typed.country || (COUNTRY_CODES as readonly string[]).includes(typed.country) ? [] : refused('country', 'fieldInvalid')),
    ];
    let message: string | undefined;
    if (errors.length === 0) {
      try {
        // The API's limits (name 200 characters, office 300), each refusal beside its field.
        const body = await validated(CreateUserDto, {
          email: sent.email,
          name: sent.name,
          role: sent.role as Role,
          country: (sent.country || null) as CountryCode | null,
          office: sent.office || null,
        });
        const created = await this.accounts.create(user, { ...body, country: body.country ?? null, office: body.office ?? null });
        return usersPage(ctx, { ...(await this.listed(user)), link: this.link(created.user.email, created.passwordLink) });
      } catch (error) {
        if (!(error instanceof DomainError) || error.code === ErrorCode.Forbidden) throw error;
        reply.code(error.code === ErrorCode.AlreadyExists ? 409 : 400);
        message = refusalText(ctx.lang, error);
        errors.push(...fieldRefusals(ctx.lang, error, FIELD_LABELS));
      }
    } else {
      reply.code(400);
    }
    const view: UsersView = { ...(await this.listed(user)), form: { ...typed, errors, message } };
    return usersPage(ctx, view);
  }

  @Post('desk/admin/users/:id/:action')
  @HttpCode(200)
  @Html()
  async act(@Ctx() ctx: PageContext, @CurrentUser() user: Principal, @Param('id', UuidPipe) id: string, @Param('action') action: string, @Res({ passthrough: true }) reply: PageReply) {
    if (action === 'password-link') {
      const link = await this.accounts.passwordLink(user, id);
      const listed = await this.listed(user);
      return usersPage(ctx, { ...listed, link: this.link(listed.users.find((u) => u.id === id)!.email, link) });
    }
    if (action !== 'disable' && action !== 'enable') throw new DomainError(ErrorCode.NotFound, 'No such action');
    try {
      const account = await this.accounts.setDisabled(user, id, action === 'disable');
      return seeOther(reply, `${PATHS.adminUsers}?done=${action}&email=${encodeURIComponent(account.email)}`);
    } catch (error) {
      // Refused by a rule (one's own account): the list again, with why, rather than the error page.
      if (!(error instanceof DomainError) || error.code !== ErrorCode.RuleViolation) throw error;
      reply.code(422);
      return usersPage(ctx, { ...(await this.listed(user)), refused: refusalText(ctx.lang, error) });
    }
  }

  /** Every account, and which is the administrator's own (offered no "disable"). */
  private async listed(user: Principal): Promise<Pick<UsersView, 'users' | 'self'>> {
    return { users: await this.accounts.list(user), self: user.id };
  }

  /** The page a one-time link opens: anyone holding the link (the person has no password yet). */
  @Get('password')
  @AnyoneMay()
  @Html()
  form(@Ctx() ctx: PageContext, @Query('token') token?: string) {
    return setPasswordPage(ctx, { token: typeof token === 'string' ? token.slice(0, 200) : '', errors: [] });
  }

  @Post('password')
  @HttpCode(200)
  @AnyoneMay()
  @Html()
  async setPassword(@Ctx() ctx: PageContext, @Form(CHECKED_BY_HANDLER) form: FormFields, @Res({ passthrough: true }) reply: PageReply) {
    const token = text(form.token).slice(0, 200);
    const newPassword = typeof form.newPassword === 'string' ? form.newPassword : '';
    if (!newPassword) {
      reply.code(400);
      return setPasswordPage(ctx, { token: withoutUnsafeText(token), errors: [{ field: 'newPassword', message: ui(ctx.lang, 'fieldRequired') }] });
    }
    try {
      const body = await validated(ResetPasswordDto, { token, newPassword });
      await this.accounts.resetPassword(body.token, body.newPassword);
      return seeOther(reply, `${PATHS.signIn}?notice=passwordSet`);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== ErrorCode.ValidationFailed) throw error;
      reply.code(400);
      const fields = refusedFields(error);
      const errors = fields.some((f) => f.field === 'token')
        ? [{ field: 'newPassword', message: ui(ctx.lang, 'linkInvalid') }]
        : fields.some((f) => isUnsafeTextRule(f.rule))
          ? [fieldRefusal(ctx.lang, 'newPassword', 'newPassword', 'controlCharacterRemoved')]
          : [{ field: 'newPassword', message: ui(ctx.lang, 'passwordPolicyHint') }];
      return setPasswordPage(ctx, { token: withoutUnsafeText(token), errors });
    }
  }

  private link(email: string, link: PasswordLink) {
    return { email, url: `${this.config.publicUrl}${PATHS.setPassword}?token=${link.token}`, expiresAt: link.expiresAt };
  }
}
