import type { CountryCode } from '../../workflows/request/request.types.js';
import { ACTOR_ROLE_LABELS, COUNTRY_NAMES } from '../labels.js';
import { ui, type UiKey } from '../page-labels.js';
import { Alert, CsrfField, DataTable, DONE_NOTICE, ErrorSummary, SubmitButton, TextArea, TextInput } from './components.js';
import { formatDateTime, formatDay } from './format.js';
import { Layout, renderPage } from './layout.js';
import type { FieldError, PageContext } from './page-context.js';
import { PATHS } from './paths.js';

export type LiaisonStatus = 'nominated' | 'authorized' | 'revoked' | 'expired';

/** One focal point as the directory lists it (the service's DirectoryEntry). */
export interface LiaisonEntryView {
  userId: string;
  name: string;
  email: string;
  office: string | null;
  country: CountryCode;
  status: LiaisonStatus;
  validUntil: string | null;
  changedAt: string | null;
}

export interface LiaisonHistoryView {
  event: string;
  from: string;
  to: string;
  validUntil: string | null;
  reason: string | null;
  actor: { role: string; country: string | null } | null;
  at: string;
}

export interface LiaisonsView {
  entries: readonly LiaisonEntryView[];
  /** Today in the viewer's time zone (YYYY-MM-DD): what "expires within 30 days" counts from. */
  today: string;
}

export interface LiaisonView {
  entry: LiaisonEntryView;
  history: readonly LiaisonHistoryView[];
  /** Whether this viewer decides (the cancillería of the person's country): the forms are shown. */
  decides: boolean;
  today: string;
  /** Set after a change: the standing it reached. */
  done?: LiaisonStatus;
  /** The server's refusal of the last change, in the user's language, with what was typed. */
  refusal?: { action: 'authorize' | 'revoke'; message: string; errors: FieldError[]; validUntil: string; reason: string };
}

/** How many days a liaison has left, counted from the viewer's today; null when none is set or past. */
export const EXPIRY_WARNING_DAYS = 30;
export function daysUntil(today: string, validUntil: string | null): number | null {
  if (!validUntil) return null;
  return Math.round((Date.parse(`${validUntil}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}
const expiringSoon = (today: string, entry: LiaisonEntryView): boolean => {
  const days = daysUntil(today, entry.validUntil);
  return entry.status === 'authorized' && days !== null && days <= EXPIRY_WARNING_DAYS;
};

const STATUS_KEYS: Record<LiaisonStatus, UiKey> = {
  nominated: 'liaisonNominated',
  authorized: 'liaisonAuthorized',
  revoked: 'liaisonRevoked',
  expired: 'liaisonExpired',
};

function StatusTag({ ctx, entry, today }: { ctx: PageContext; entry: LiaisonEntryView; today: string }) {
  const t = (key: UiKey) => ui(ctx.lang, key);
  const warn = expiringSoon(today, entry);
  const late = entry.status === 'revoked' || entry.status === 'expired';
  return (
    <>
      <span class={`usa-tag${late ? ' enlace-tag--overdue' : entry.status === 'authorized' ? ' enlace-tag--passed' : ''}`}>{t(STATUS_KEYS[entry.status])}</span>
      {warn ? <> {t('liaisonExpiresIn').replace('{n}', String(daysUntil(today, entry.validUntil)))}</> : null}
    </>
  );
}

function DirectoryTable({ ctx, id, caption, entries, today }: { ctx: PageContext; id: string; caption: string; entries: readonly LiaisonEntryView[]; today: string }) {
  const t = (key: UiKey) => ui(ctx.lang, key);
  return (
    <DataTable
      ctx={ctx}
      id={id}
      caption={caption}
      data="liaisons"
      columns={[t('liaisonName'), t('office'), t('country'), t('liaisonStanding'), t('liaisonValidUntil')]}
    >
      {entries.map((entry) => (
        <tr data-user={entry.email}>
          <th scope="row" data-label={t('liaisonName')}>
            <a href={PATHS.liaison(entry.userId)}>{entry.name}</a>
          </th>
          <td data-label={t('office')}>{entry.office ?? '—'}</td>
          <td data-label={t('country')}>{COUNTRY_NAMES[entry.country]?.[ctx.lang] ?? entry.country}</td>
          <td data-label={t('liaisonStanding')}>
            <StatusTag ctx={ctx} entry={entry} today={today} />
          </td>
          <td data-label={t('liaisonValidUntil')}>{entry.validUntil ? formatDay(entry.validUntil, ctx.lang, ctx.timeZone) : '—'}</td>
        </tr>
      ))}
    </DataTable>
  );
}

/** The directory of a country's liaisons: nominations to decide, authorizations about to end, everyone. */
export function LiaisonsPage({ ctx, view }: { ctx: PageContext; view: LiaisonsView }) {
  const t = (key: UiKey) => ui(ctx.lang, key);
  const waiting = view.entries.filter((e) => e.status === 'nominated');
  const ending = view.entries.filter((e) => expiringSoon(view.today, e));
  return (
    <Layout ctx={ctx} title={t('liaisonDirectory')}>
      <h1>{t('liaisonDirectory')}</h1>
      <p class="usa-intro">{t('liaisonDirectoryIntro')}</p>
      {view.entries.length === 0 ? <p>{t('noLiaisons')}</p> : null}
      {waiting.length > 0 ? <DirectoryTable ctx={ctx} id="nominations" caption={t('nominationsWaiting')} entries={waiting} today={view.today} /> : null}
      {ending.length > 0 ? <DirectoryTable ctx={ctx} id="expiring" caption={t('expiringSoon')} entries={ending} today={view.today} /> : null}
      {view.entries.length > 0 ? <DirectoryTable ctx={ctx} id="all-liaisons" caption={t('allLiaisons')} entries={view.entries} today={view.today} /> : null}
    </Layout>
  );
}

/** One liaison: standing, the forms to authorize (or renew) and revoke, and the history of changes. */
export function LiaisonPage({ ctx, view }: { ctx: PageContext; view: LiaisonView }) {
  const t = (key: UiKey) => ui(ctx.lang, key);
  const { entry, refusal } = view;
  const errorOf = (id: string) => refusal?.errors.find((e) => e.field === id)?.message;
  const mayRevoke = entry.status === 'authorized';
  return (
    <Layout ctx={ctx} title={`${entry.name} · ${t('liaisonDirectory')}`}>
      <p>
        <a href={PATHS.liaisons}>{t('backToDirectory')}</a>
      </p>
      <h1>{entry.name}</h1>
      {view.done ? (
        <Alert kind="success" slim id={DONE_NOTICE}>
          {t('liaisonChanged')} {t(STATUS_KEYS[view.done])}
        </Alert>
      ) : null}
      {refusal ? (
        <>
          <Alert kind="error" slim>
            {refusal.message}
          </Alert>
          <ErrorSummary ctx={ctx} errors={refusal.errors} />
        </>
      ) : null}
      <dl class="enlace-facts">
        <dt>{t('email')}</dt>
        <dd>{entry.email}</dd>
        <dt>{t('office')}</dt>
        <dd>{entry.office ?? '—'}</dd>
        <dt>{t('country')}</dt>
        <dd>{COUNTRY_NAMES[entry.country]?.[ctx.lang] ?? entry.country}</dd>
        <dt>{t('liaisonStanding')}</dt>
        <dd data-standing={entry.status}>
          <StatusTag ctx={ctx} entry={entry} today={view.today} />
        </dd>
        <dt>{t('liaisonValidUntil')}</dt>
        <dd>{entry.validUntil ? formatDay(entry.validUntil, ctx.lang, ctx.timeZone) : '—'}</dd>
      </dl>

      {view.decides ? (
        <>
          <form method="post" action={PATHS.liaisonAction(entry.userId, 'authorize')} class="usa-form usa-form--large enlace-action" data-action="authorize" noValidate>
            <CsrfField ctx={ctx} />
            <h2>{t(entry.status === 'authorized' ? 'renewLiaison' : 'authorizeLiaison')}</h2>
            <TextInput
              ctx={ctx}
              id="validUntil"
              name="validUntil"
              type="date"
              label={t('liaisonValidUntil')}
              hint={t('liaisonValidUntilHint')}
              required
              error={errorOf('validUntil')}
              value={refusal?.action === 'authorize' ? refusal.validUntil : ''}
            />
            <SubmitButton label={t(entry.status === 'authorized' ? 'renewLiaison' : 'authorizeLiaison')} />
          </form>
          {mayRevoke ? (
            <form method="post" action={PATHS.liaisonAction(entry.userId, 'revoke')} class="usa-form usa-form--large enlace-action" data-action="revoke" noValidate>
              <CsrfField ctx={ctx} />
              <h2>{t('revokeLiaison')}</h2>
              <TextArea
                ctx={ctx}
                id="reason"
                name="reason"
                label={t('revokeReason')}
                hint={t('revokeReasonHint')}
                required
                error={errorOf('reason')}
                value={refusal?.action === 'revoke' ? refusal.reason : ''}
                rows={3}
                maxLength={2000}
              />
              <SubmitButton label={t('revokeLiaison')} secondary />
            </form>
          ) : null}
        </>
      ) : null}

      <h2>{t('liaisonHistory')}</h2>
      {view.history.length === 0 ? (
        <p>{t('noLiaisonHistory')}</p>
      ) : (
        <ol class="usa-list" data-history>
          {view.history.map((item) => (
            <li>
              {formatDateTime(item.at, ctx.lang, ctx.timeZone)} · {item.actor ? (ACTOR_ROLE_LABELS[item.actor.role]?.[ctx.lang] ?? item.actor.role) : t('liaisonCalendar')} ·{' '}
              {t(STATUS_KEYS[item.to as LiaisonStatus] ?? 'liaisonAuthorized')}
              {item.validUntil ? ` (${t('liaisonValidUntil').toLowerCase()} ${formatDay(item.validUntil, ctx.lang, ctx.timeZone)})` : ''}
              {item.reason ? <blockquote class="enlace-comment">{item.reason}</blockquote> : null}
            </li>
          ))}
        </ol>
      )}
    </Layout>
  );
}

export const liaisonsPage = (ctx: PageContext, view: LiaisonsView): string => renderPage(<LiaisonsPage ctx={ctx} view={view} />);
export const liaisonPage = (ctx: PageContext, view: LiaisonView): string => renderPage(<LiaisonPage ctx={ctx} view={view} />);
