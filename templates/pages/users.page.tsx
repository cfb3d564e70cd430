import { ROLES } from '../../workflows/request/request.events.js';
import { COUNTRY_CODES, type CountryCode } from '../../workflows/request/request.types.js';
import { ACTOR_ROLE_LABELS, COUNTRY_NAMES } from '../labels.js';
import { ui, type UiKey } from '../page-labels.js';
import { Alert, CsrfField, DataTable, DONE_NOTICE, ErrorSummary, Select, SubmitButton, TextInput } from './components.js';
import { formatDateTime } from './format.js';
import { Layout, renderPage } from './layout.js';
import type { FieldError, PageContext } from './page-context.js';
import { PATHS } from './paths.js';

/** An account as the administrator manages it (the service's AccountView). */
export interface UserAccountView {
  id: string;
  email: string;
  name: string;
  role: string;
  country: string | null;
  office: string | null;
  disabled: boolean;
  secondFactor: boolean;
  createdAt: string;
}

export interface UsersView {
  users: readonly UserAccountView[];
  /** A one-time password link just made: shown once, never again. */
  link?: { email: string; url: string; expiresAt: string };
  /** The signed-in administrator's own account: offered no "disable" (the service refuses it). */
  self: string;
  /** What changed, after a disable or enable. */
  done?: { email: string; disabled: boolean };
  /** An action on an account refused, in the reader's words. */
  refused?: string;
  /** The new-account form as typed, with the server's refusal. */
  form?: { email: string; name: string; role: string; country: string; office: string; errors: FieldError[]; message?: string };
}

/**
 * The administrator's accounts: every user with role, country, office, whether disabled and whether
 * a second factor is enrolled; create one (its first password through a one-time link shown once),
 * disable and re-enable, issue a new password link.
 */
export function UsersPage({ ctx, view }: { ctx: PageContext; view: UsersView }) {
  const t = (key: UiKey) => ui(ctx.lang, key);
  const role = (r: string) => ACTOR_ROLE_LABELS[r]?.[ctx.lang] ?? r;
  const country = (c: string | null) => (c ? (COUNTRY_NAMES[c as CountryCode]?.[ctx.lang] ?? c) : '—');
  const form = view.form;
  const errorOf = (id: string) => form?.errors.find((e) => e.field === id)?.message;
  return (
    <Layout ctx={ctx} title={t('usersTitle')}>
      <p>
        <a href={PATHS.admin}>{t('backToConsole')}</a>
      </p>
      <h1>{t('usersTitle')}</h1>
      {view.link ? (
        <Alert kind="success" heading={t('passwordLinkHeading')} id={DONE_NOTICE}>
          <p>{t('passwordLinkText').replace('{email}', view.link.email)}</p>
          <p class="enlace-hash" data-password-link>
            <code>{view.link.url}</code>
          </p>
          <p>{t('passwordLinkExpires').replace('{at}', formatDateTime(view.link.expiresAt, ctx.lang, ctx.timeZone))}</p>
        </Alert>
      ) : null}
      {view.done ? (
        <Alert kind="success" slim id={DONE_NOTICE}>
          {t(view.done.disabled ? 'accountDisabled' : 'accountEnabled').replace('{email}', view.done.email)}
        </Alert>
      ) : null}

      {view.refused ? (
        <Alert kind="error" slim id={DONE_NOTICE}>
          {view.refused}
        </Alert>
      ) : null}

      <DataTable
        ctx={ctx}
        id="users"
        caption={t('usersCaption')}
        scroll
        data="users"
        columns={[t('liaisonName'), t('email'), t('userRole'), t('country'), t('userStatus'), t('secondFactor'), '']}
      >
        {view.users.map((user) => (
          <tr data-user={user.email}>
            <th scope="row" data-label={t('liaisonName')} id={`user-${user.id}`}>
              {user.name}
              {user.office ? <span class="enlace-reference">{user.office}</span> : null}
            </th>
            <td data-label={t('email')}>{user.email}</td>
            <td data-label={t('userRole')}>{role(user.role)}</td>
            <td data-label={t('country')}>{country(user.country)}</td>
            <td data-label={t('userStatus')} data-status={user.disabled ? 'disabled' : 'active'}>
              {user.disabled ? <span class="usa-tag enlace-tag--overdue">{t('userDisabled')}</span> : t('userActive')}
            </td>
            <td data-label={t('secondFactor')}>{t(user.secondFactor ? 'yes' : 'no')}</td>
            <td class="enlace-row-actions">
              {user.id === view.self ? (
                <span class="enlace-reference" data-own-account>
                  {t('ownAccount')}
                </span>
              ) : (
                <form method="post" action={PATHS.adminUserAction(user.id, user.disabled ? 'enable' : 'disable')}>
                  <CsrfField ctx={ctx} />
                  <SubmitButton label={t(user.disabled ? 'enableAccount' : 'disableAccount')} secondary={!user.disabled} describedBy={`user-${user.id}`} />
                </form>
              )}
              <form method="post" action={PATHS.adminUserAction(user.id, 'password-link')}>
                <CsrfField ctx={ctx} />
                <SubmitButton label={t('newPasswordLink')} secondary describedBy={`user-${user.id}`} />
              </form>
            </td>
          </tr>
        ))}
      </DataTable>

      <h2 id="new-user">{t('newUser')}</h2>
      {form?.message ? (
        <Alert kind="error" slim>
          {form.message}
        </Alert>
      ) : null}
      <ErrorSummary ctx={ctx} errors={form?.errors ?? []} />
      <form method="post" action={PATHS.adminUsers} class="usa-form usa-form--large" data-new-user noValidate>
        <CsrfField ctx={ctx} />
        <TextInput ctx={ctx} id="name" label={t('liaisonName')} required value={form?.name} error={errorOf('name')} maxLength={200} />
        <TextInput ctx={ctx} id="email" type="email" label={t('email')} required value={form?.email} error={errorOf('email')} maxLength={300} autocomplete="off" />
        <Select
          ctx={ctx}
          id="role"
          label={t('userRole')}
          required
          value={form?.role}
          error={errorOf('role')}
          placeholder={t('choose')}
          options={ROLES.map((r) => ({ value: r, label: role(r) }))}
        />
        <Select
          ctx={ctx}
          id="country"
          label={t('country')}
          hint={t('userCountryHint')}
          value={form?.country}
          error={errorOf('country')}
          placeholder={t('noCountry')}
          options={COUNTRY_CODES.map((code) => ({ value: code, label: COUNTRY_NAMES[code][ctx.lang] }))}
        />
        <TextInput ctx={ctx} id="office" label={t('office')} value={form?.office} error={errorOf('office')} maxLength={300} />
        <SubmitButton label={t('createUser')} />
      </form>
    </Layout>
  );
}

export const usersPage = (ctx: PageContext, view: UsersView): string => renderPage(<UsersPage ctx={ctx} view={view} />);
