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

/** Whose request an item is, seen from the office: its own country's (it decides, transmits, answers) or received. */
export type QueueSide = 'requesting' | 'requested';

export interface WorkQueueView {
  /** The office's country: an item whose requesting country it is belongs to the requesting side. */
  country: CountryCode;
  /** The side the office's role mostly acts for: the page's title when nothing waits. */
  usualSide: QueueSide;
  /** Oldest deadline first, or the newest arrival first (one order over both sides, as paged). */
  order: 'due' | 'newest';
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

const SIDE_TITLE: Record<QueueSide, UiKey> = { requesting: 'workQueue', requested: 'inbox' };
const SIDE_INTRO: Record<QueueSide, UiKey> = { requesting: 'workQueueIntro', requested: 'inboxIntro' };
/** The other country of an item: where the office's own request goes, or where a received one comes from. */
const OTHER_COUNTRY: Record<QueueSide, UiKey> = { requesting: 'requestedCountry', requested: 'requestingCountry' };

/**
 * An office's work, titled by side rather than by role: since the routes, a requesting central
 * authority transmits and answers conditions, and a requested cancillería receives notes. Each
 * item sits under its side, the requesting one first; a page with one side is titled by it.
 */
export function WorkQueuePage({ ctx, view }: { ctx: PageContext; view: WorkQueueView }) {
  const t = (key: UiKey) => ui(ctx.lang, key);
  const sideOf = (item: WorkQueueItemView): QueueSide => (item.requestingCountry === view.country ? 'requesting' : 'requested');
  const sections = (['requesting', 'requested'] as const)
    .map((side) => ({ side, items: view.items.filter((item) => sideOf(item) === side) }))
    .filter((section) => section.items.length > 0);
  const single = sections.length === 1 ? sections[0].side : sections.length === 0 ? view.usualSide : null;
  const title = single ? t(SIDE_TITLE[single]) : t('queueBoth');
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      {single ? <p class="usa-intro">{t(SIDE_INTRO[single])}</p> : null}
      {sections.length === 0 ? <p>{t('queueEmpty')}</p> : <p>{t(view.order === 'due' ? 'queueOrderDue' : 'queueOrderNewest')}</p>}
      {sections.map(({ side, items }) => (
        <section aria-labelledby={single ? undefined : `queue-${side}`}>
          {single ? null : (
            <>
              <h2 id={`queue-${side}`}>{t(SIDE_TITLE[side])}</h2>
              <p>{t(SIDE_INTRO[side])}</p>
            </>
          )}
          <QueueTable ctx={ctx} side={side} items={items} />
        </section>
      ))}
      <Pagination ctx={ctx} page={view.page} pageSize={view.pageSize} total={view.total} href={(page) => `${PATHS.queue}${queryString({ page })}`} />
    </Layout>
  );
}

function QueueTable({ ctx, side, items }: { ctx: PageContext; side: QueueSide; items: WorkQueueItemView[] }) {
  const t = (key: UiKey) => ui(ctx.lang, key);
  return (
    <table class="usa-table usa-table--borderless usa-table--stacked enlace-table" data-queue={side}>
      <caption class="usa-sr-only">{t(SIDE_TITLE[side])}</caption>
      <thead>
        <tr>
          <th scope="col">{t('reference')}</th>
          <th scope="col">{t('title')}</th>
          <th scope="col">{t(OTHER_COUNTRY[side])}</th>
          <th scope="col">{t('stage')}</th>
          <th scope="col">{t('waitingSince')}</th>
          <th scope="col">{t('dueDate')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => {
          const country = side === 'requesting' ? item.requestedCountry : item.requestingCountry;
          return (
            <tr>
              <th scope="row" data-label={t('reference')}>
                <a href={PATHS.review(item.requestId)}>{item.reference}</a>
              </th>
              <td data-label={t('title')}>{item.title ?? t('untitled')}</td>
              <td data-label={t(OTHER_COUNTRY[side])}>{COUNTRY_NAMES[country]?.[ctx.lang] ?? country}</td>
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
  );
}

export const workQueuePage = (ctx: PageContext, view: WorkQueueView): string => renderPage(<WorkQueuePage ctx={ctx} view={view} />);
