import { COUNTRY_CODES, type CountryCode } from '../../workflows/request/request.types.js';
import { COUNTRY_NAMES, STATE_LABELS } from '../labels.js';
import { ui, type UiKey } from '../page-labels.js';
import { Select, SubmitButton, TextInput } from './components.js';
import { formatDateTime, formatDay } from './format.js';
import { Layout, renderPage } from './layout.js';
import type { PageContext } from './page-context.js';
import { PATHS } from './paths.js';

export interface RequestListItem {
  id: string;
  reference: string;
  title: string | null;
  requestedCountry: CountryCode;
  state: string;
  /** When the current stage is due (ISO), where it has a service level. */
  dueAt: string | null;
  overdue: boolean;
  updatedAt: string;
}

export interface RequestListView {
  items: RequestListItem[];
  total: number;
  page: number;
  pageSize: number;
  filter: { state?: string; requestedCountry?: string; search?: string };
  /** The states a request can be in, in the machine's order. */
  states: readonly string[];
  /** Whether this user drafts requests (a fiscal): the page offers "New request". */
  canDraft: boolean;
}

function query(filter: RequestListView['filter'], page: number): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) if (value) params.set(key, value);
  if (page > 1) params.set('page', String(page));
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function RequestsListPage({ ctx, view }: { ctx: PageContext; view: RequestListView }) {
  const t = (key: UiKey) => ui(ctx.lang, key);
  const pages = Math.max(1, Math.ceil(view.total / view.pageSize));
  return (
    <Layout ctx={ctx} title={t('myRequests')}>
      <div class="enlace-title-row">
        <h1>{t('myRequests')}</h1>
        {view.canDraft ? (
          <a class="usa-button" href={PATHS.newRequest}>
            {t('newRequest')}
          </a>
        ) : null}
      </div>
      <form method="get" action={PATHS.requests} class="enlace-filters" role="search" aria-label={t('filters')}>
        <TextInput ctx={ctx} id="search" label={t('search')} type="search" value={view.filter.search} maxLength={100} />
        <Select
          ctx={ctx}
          id="state"
          label={t('state')}
          value={view.filter.state}
          placeholder={t('anyState')}
          options={view.states.map((state) => ({ value: state, label: STATE_LABELS[state]?.[ctx.lang] ?? state }))}
        />
        <Select
          ctx={ctx}
          id="requestedCountry"
          label={t('requestedCountry')}
          value={view.filter.requestedCountry}
          placeholder={t('anyCountry')}
          options={COUNTRY_CODES.map((code) => ({ value: code, label: COUNTRY_NAMES[code][ctx.lang] }))}
        />
        <SubmitButton label={t('apply')} />
      </form>
      {view.items.length === 0 ? (
        <p>{t('noRequests')}</p>
      ) : (
        <table class="usa-table usa-table--borderless usa-table--stacked enlace-table">
          <caption class="usa-sr-only">{t('myRequests')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('reference')}</th>
              <th scope="col">{t('title')}</th>
              <th scope="col">{t('requestedCountry')}</th>
              <th scope="col">{t('state')}</th>
              <th scope="col">{t('dueDate')}</th>
              <th scope="col">{t('lastChange')}</th>
            </tr>
          </thead>
          <tbody>
            {view.items.map((item) => (
              <tr>
                <th scope="row" data-label={t('reference')}>
                  <a href={PATHS.request(item.id)}>{item.reference}</a>
                </th>
                <td data-label={t('title')}>{item.title ?? t('untitled')}</td>
                <td data-label={t('requestedCountry')}>{COUNTRY_NAMES[item.requestedCountry]?.[ctx.lang] ?? item.requestedCountry}</td>
                <td data-label={t('state')}>{STATE_LABELS[item.state]?.[ctx.lang] ?? item.state}</td>
                <td data-label={t('dueDate')}>
                  {item.dueAt ? formatDay(item.dueAt, ctx.lang, ctx.timeZone) : '—'}
                  {item.overdue ? <span class="usa-tag enlace-tag--overdue">{t('overdue')}</span> : null}
                </td>
                <td data-label={t('lastChange')}>{formatDateTime(item.updatedAt, ctx.lang, ctx.timeZone)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {pages > 1 ? (
        <nav aria-label={t('pagination')} class="enlace-pagination">
          {view.page > 1 ? (
            <a href={`${PATHS.requests}${query(view.filter, view.page - 1)}`} rel="prev">
              {t('previousPage')}
            </a>
          ) : null}
          <span>{`${view.page} / ${pages}`}</span>
          {view.page < pages ? (
            <a href={`${PATHS.requests}${query(view.filter, view.page + 1)}`} rel="next">
              {t('nextPage')}
            </a>
          ) : null}
        </nav>
      ) : null}
    </Layout>
  );
}

export const requestsListPage = (ctx: PageContext, view: RequestListView): string => renderPage(<RequestsListPage ctx={ctx} view={view} />);
