import { COUNTRY_NAMES, STATE_LABELS } from '../labels.js';
import { EVENT_LABELS, ui, type UiKey } from '../page-labels.js';
import { CsrfField } from './components.js';
import type { CountryCode } from '../../workflows/request/request.types.js';
import { formatDateTime, formatDay, timeZoneOf } from './format.js';
import { Layout, renderPage } from './layout.js';
import type { PageContext } from './page-context.js';
import { PATHS } from './paths.js';

export interface NotificationRow {
  /** request.<event>, liaison.<standing>, … */
  kind?: string;
  message: string;
  /** What the notice is about, as recorded (a request's change: its reference, event and new state). */
  data?: Record<string, unknown>;
  requestId: string | null;
  createdAt: string;
  read: boolean;
}

/**
 * A request's change in the reader's words, as its history reads ("GT-MX-2026-000003: Devolver con
 * observaciones → Normalizada"); the stored message (the event's and states' codes) otherwise.
 */
export function notificationText(lang: PageContext['lang'], n: Pick<NotificationRow, 'message' | 'data' | 'kind'>): string {
  const { reference, event, to } = n.data ?? {};
  if (n.kind?.startsWith('liaison.')) return liaisonText(lang, n) ?? n.message;
  if (n.kind === 'request.overdue') return overdueText(lang, n) ?? n.message;
  if (n.kind === 'request.message') return messageText(lang, n) ?? n.message;
  const eventLabel = typeof event === 'string' ? EVENT_LABELS[event]?.[lang] : undefined;
  const state = typeof to === 'string' ? STATE_LABELS[to]?.[lang] : undefined;
  return typeof reference === 'string' && eventLabel && state ? `${reference}: ${eventLabel} → ${state}` : n.message;
}

/** A country as the notice recorded it, named in the page's language. */
const countryName = (lang: PageContext['lang'], country: unknown): string =>
  typeof country === 'string' ? (COUNTRY_NAMES[country as keyof typeof COUNTRY_NAMES]?.[lang] ?? country) : '';

/** A stage past its deadline: which, since which day of the office that had to act, how many days late. */
function overdueText(lang: PageContext['lang'], n: Pick<NotificationRow, 'data'>): string | null {
  const { reference, stage, dueAt, daysLate, responsibleCountry } = n.data ?? {};
  if (typeof reference !== 'string' || typeof stage !== 'string' || typeof dueAt !== 'string' || typeof daysLate !== 'number') return null;
  const zone = timeZoneOf(typeof responsibleCountry === 'string' ? (responsibleCountry as CountryCode) : null);
  return ui(lang, 'overdueNotice')
    .replace('{reference}', reference)
    .replace('{stage}', STATE_LABELS[stage]?.[lang] ?? stage)
    .replace('{date}', formatDay(dueAt, lang, zone))
    .replace('{late}', ui(lang, 'daysLate').replace('{n}', String(daysLate)));
}

/** A message of the informal conversation: from whom, of which country. */
function messageText(lang: PageContext['lang'], n: Pick<NotificationRow, 'data'>): string | null {
  const { reference, author } = n.data ?? {};
  const { name, country } = (author ?? {}) as { name?: unknown; country?: unknown };
  if (typeof reference !== 'string' || typeof name !== 'string') return null;
  return ui(lang, 'messageNotice').replace('{reference}', reference).replace('{name}', name).replace('{country}', countryName(lang, country));
}

const LIAISON_STANDINGS: Record<string, UiKey> = { nominated: 'liaisonNominated', authorized: 'liaisonAuthorized', revoked: 'liaisonRevoked', expired: 'liaisonExpired' };

/** A change of the liaison directory, to the liaison concerned or to a counterpart whose open requests it touches. */
function liaisonText(lang: PageContext['lang'], n: Pick<NotificationRow, 'data'>): string | null {
  const { to, validUntil, name, country, references } = n.data ?? {};
  const standing = typeof to === 'string' ? LIAISON_STANDINGS[to] : undefined;
  if (!standing) return null;
  const until = typeof validUntil === 'string' && to === 'authorized' ? ui(lang, 'liaisonNoticeUntil').replace('{date}', formatDay(validUntil, lang, 'UTC')) : '';
  const fill = (text: string) => text.replace('{status}', ui(lang, standing)).replace('{until}', until);
  if (!Array.isArray(references)) return fill(ui(lang, 'liaisonNoticeSelf'));
  return fill(ui(lang, 'liaisonNoticeOther'))
    .replace('{name}', typeof name === 'string' ? name : '')
    .replace('{country}', countryName(lang, country))
    .replace('{references}', references.join(', '));
}

export function NotificationsPage({ ctx, items }: { ctx: PageContext; items: NotificationRow[] }) {
  const t = (key: UiKey) => ui(ctx.lang, key);
  // A request opens on the person's own desk: the fiscal's request page, or the review page where the
  // cancillería, the central authority and the supervisor act on it and read its checks.
  const requestPath = (id: string) => (ctx.user?.role === 'fiscal' ? PATHS.request(id) : PATHS.review(id));
  return (
    <Layout ctx={ctx} title={t('notifications')}>
      <h1>{t('notifications')}</h1>
      {ctx.unread > 0 ? (
        <form method="post" action={`${PATHS.notifications}/read`}>
          <CsrfField ctx={ctx} />
          <button type="submit" class="usa-button usa-button--outline">
            {t('markAllRead')}
          </button>
        </form>
      ) : null}
      {items.length === 0 ? (
        <p>{t('noNotifications')}</p>
      ) : (
        <ul class="usa-list usa-list--unstyled enlace-notifications">
          {items.map((n) => (
            <li class={n.read ? 'enlace-notification' : 'enlace-notification enlace-notification--unread'}>
              {n.read ? null : <span class="usa-tag">{ui(ctx.lang, 'unreadOne')}</span>} <time dateTime={n.createdAt}>{formatDateTime(n.createdAt, ctx.lang, ctx.timeZone)}</time>
              {' · '}
              {n.requestId ? <a href={requestPath(n.requestId)}>{notificationText(ctx.lang, n)}</a> : notificationText(ctx.lang, n)}
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

export const notificationsPage = (ctx: PageContext, items: NotificationRow[]): string => renderPage(<NotificationsPage ctx={ctx} items={items} />);
