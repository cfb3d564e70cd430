import { ui, type UiKey } from '../page-labels.js';
import { CsrfField } from './components.js';
import { formatDateTime } from './format.js';
import { Layout, renderPage } from './layout.js';
import type { PageContext } from './page-context.js';
import { PATHS } from './paths.js';

export interface NotificationRow {
  message: string;
  requestId: string | null;
  createdAt: string;
  read: boolean;
}

export function NotificationsPage({ ctx, items }: { ctx: PageContext; items: NotificationRow[] }) {
  const t = (key: UiKey) => ui(ctx.lang, key);
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
              {n.read ? null : <span class="usa-tag">{ui(ctx.lang, 'unread')}</span>} <time dateTime={n.createdAt}>{formatDateTime(n.createdAt, ctx.lang, ctx.timeZone)}</time>
              {' · '}
              {n.requestId ? <a href={PATHS.request(n.requestId)}>{n.message}</a> : n.message}
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

export const notificationsPage = (ctx: PageContext, items: NotificationRow[]): string => renderPage(<NotificationsPage ctx={ctx} items={items} />);
