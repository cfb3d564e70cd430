import type { CountryCode, Language } from '../../workflows/request/request.types.js';
import { COUNTRY_NAMES, STATE_LABELS } from '../labels.js';
import { ui, type UiKey } from '../page-labels.js';
import { Pagination, queryString } from './components.js';
import { formatDateTime } from './format.js';
import { Layout, renderPage } from './layout.js';
import type { PageContext } from './page-context.js';
import { PATHS } from './paths.js';

export interface WorkQueueItemView {
  requestId: string;
  reference: string;
  title: string | null;
  requestingCountry: CountryCode;
  requestedCountry: CountryCode;
  stage: string;
  enteredAt: string;
  dueAt: string | null;
  daysLeft: number | null;
  overdue: boolean;
}

export interface WorkQueueView {
  /** The cancillería decides (oldest first); the central authority receives (newest first). */
  kind: 'decide' | 'inbox';
  items: WorkQueueItemView[];
  total: number;
  page: number;
  pageSize: number;
}

/** "3 days left", "Due today", "2 days late", counted as the deadline is (working or calendar days). */
export function daysLeftText(lang: Language, daysLeft: number, overdue: boolean): string {
  if (overdue) return ui(lang, 'daysLate').replace('{n}', String(Math.max(1, -daysLeft)));
  if (daysLeft === 0) return ui(lang, 'dueToday');
  return ui(lang, 'daysLeft').replace('{n}', String(daysLeft));
}

export function WorkQueuePage({ ctx, view }: { ctx: PageContext; view: WorkQueueView }) {
  const t = (key: UiKey) => ui(ctx.lang, key);
  const title = t(view.kind === 'decide' ? 'workQueue' : 'inbox');
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p class="usa-intro">{t(view.kind === 'decide' ? 'workQueueIntro' : 'inboxIntro')}</p>
      {view.items.length === 0 ? (
        <p>{t('queueEmpty')}</p>
      ) : (
        <table class="usa-table usa-table--borderless usa-table--stacked enlace-table" data-queue>
          <caption class="usa-sr-only">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{t('reference')}</th>
              <th scope="col">{t('title')}</th>
              <th scope="col">{t(view.kind === 'decide' ? 'requestedCountry' : 'requestingCountry')}</th>
              <th scope="col">{t('stage')}</th>
              <th scope="col">{t('waitingSince')}</th>
              <th scope="col">{t('dueDate')}</th>
            </tr>
          </thead>
          <tbody>
            {view.items.map((item) => {
              const country = view.kind === 'decide' ? item.requestedCountry : item.requestingCountry;
              return (
                <tr>
                  <th scope="row" data-label={t('reference')}>
                    <a href={PATHS.review(item.requestId)}>{item.reference}</a>
                  </th>
                  <td data-label={t('title')}>{item.title ?? t('untitled')}</td>
                  <td data-label={t(view.kind === 'decide' ? 'requestedCountry' : 'requestingCountry')}>{COUNTRY_NAMES[country]?.[ctx.lang] ?? country}</td>
                  <td data-label={t('stage')}>{STATE_LABELS[item.stage]?.[ctx.lang] ?? item.stage}</td>
                  <td data-label={t('waitingSince')}>{formatDateTime(item.enteredAt, ctx.lang, ctx.timeZone)}</td>
                  <td data-label={t('dueDate')}>
                    {item.dueAt ? (
                      <>
                        {formatDateTime(item.dueAt, ctx.lang, ctx.timeZone)}{' '}
                        <span class={`usa-tag${item.overdue ? ' enlace-tag--overdue' : ''}`}>{daysLeftText(ctx.lang, item.daysLeft ?? 0, item.overdue)}</span>
                      </>
                    ) : (
                      '—'
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <Pagination ctx={ctx} page={view.page} pageSize={view.pageSize} total={view.total} href={(page) => `${PATHS.queue}${queryString({ page })}`} />
    </Layout>
  );
}

export const workQueuePage = (ctx: PageContext, view: WorkQueueView): string => renderPage(<WorkQueuePage ctx={ctx} view={view} />);
