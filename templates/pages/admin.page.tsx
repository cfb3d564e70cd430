import type { CountryCode, DocumentKind } from '../../workflows/request/request.types.js';
import { COUNTRY_NAMES, DOCUMENT_TITLES, STATE_LABELS } from '../labels.js';
import { ui, type UiKey } from '../page-labels.js';
import { Alert, CsrfField, DataTable, DONE_NOTICE, ErrorSummary, Pagination, SubmitButton, TextInput, queryString } from './components.js';
import { formatDateTime } from './format.js';
import { Layout, renderPage } from './layout.js';
import type { FieldError, PageContext } from './page-context.js';
import { PATHS } from './paths.js';

export interface AdminQueueView {
  queue: string;
  jobs: number;
  /** Seconds the oldest waiting job has waited, null when none waits. */
  oldestSeconds: number | null;
}

export interface AdminFailedDocumentView {
  id: string;
  kind: string;
  revision: number;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  reference: string;
  requestingCountry: string;
  requestedCountry: string;
}

export interface AdminDeadlineView {
  stage: string;
  open: number | null;
  overdue: number | null;
}

export interface AdminView {
  queues: readonly AdminQueueView[];
  failed: { items: readonly AdminFailedDocumentView[]; total: number; page: number; pageSize: number };
  deadlines: readonly AdminDeadlineView[];
  /** The period the access-log export form proposes (this month so far), or the one it refused, with why. */
  accessLogPeriod: { from: string; to: string; errors?: readonly FieldError[] };
  /** After a retry: the document sent back to the queue, and its status now. */
  retried?: { kind: string; revision: number; reference: string; status: string };
}

const QUEUE_KEYS: Record<string, UiKey> = { documents: 'queueDocuments', notifications: 'queueNotifications', deadlines: 'queueDeadlines' };
const STATUS_KEYS: Record<string, UiKey> = { pending: 'docPending', ready: 'docReady', failed: 'docFailedFinal' };

/** "4 min", "2 h 5 min", as an operator reads a wait. */
function waitText(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  if (minutes < 1) return `${Math.round(seconds)} s`;
  return minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/**
 * The administrator's console: the state of the platform, never the content of a case. The queues'
 * depth and their oldest job, the documents whose rendering failed (each with a retry), the deadlines
 * open and overdue per stage across the region.
 */
export function AdminPage({ ctx, view }: { ctx: PageContext; view: AdminView }) {
  const t = (key: UiKey) => ui(ctx.lang, key);
  const country = (code: string) => COUNTRY_NAMES[code as CountryCode]?.[ctx.lang] ?? code;
  const period = view.accessLogPeriod;
  const errorOf = (field: string) => period.errors?.find((e) => e.field === field)?.message;
  const documentTitle = (kind: string, revision: number) => `${DOCUMENT_TITLES[kind as DocumentKind]?.[ctx.lang] ?? kind} (${t('revision')} ${revision})`;
  return (
    <Layout ctx={ctx} title={t('adminConsole')}>
      <h1>{t('adminConsole')}</h1>
      <p class="usa-intro">{t('adminConsoleIntro')}</p>
      {view.retried ? (
        <Alert kind="success" slim id={DONE_NOTICE}>
          <span data-retried>
            {t('documentRequeued')} {documentTitle(view.retried.kind, view.retried.revision)}, {view.retried.reference}: {t(STATUS_KEYS[view.retried.status] ?? 'docPending')}
          </span>
        </Alert>
      ) : null}

      <h2>{t('adminQueues')}</h2>
      <DataTable ctx={ctx} id="queues" caption={t('adminQueues')} hideCaption variant="plain" data="queues" columns={[t('adminQueue'), t('adminWaitingJobs'), t('adminOldestWaiting')]}>
        {view.queues.map((q) => (
          <tr data-queue-name={q.queue}>
            <th scope="row">{QUEUE_KEYS[q.queue] ? t(QUEUE_KEYS[q.queue]) : q.queue}</th>
            <td data-field="jobs">{q.jobs}</td>
            <td data-field="oldest">{q.oldestSeconds === null ? '—' : waitText(q.oldestSeconds)}</td>
          </tr>
        ))}
      </DataTable>

      <h2 id="failed">{t('adminFailedDocuments')}</h2>
      {view.failed.items.length === 0 ? (
        <p>{t('adminNoFailedDocuments')}</p>
      ) : (
        <DataTable
          ctx={ctx}
          id="failed-documents"
          caption={t('adminFailedDocuments')}
          hideCaption
          data="failed"
          columns={[t('documents'), t('reference'), t('adminCountries'), t('adminCreated'), t('adminLastError'), '']}
        >
          {view.failed.items.map((d) => (
            <tr data-document={d.id}>
              <th scope="row" data-label={t('documents')} id={`document-${d.id}`}>
                {documentTitle(d.kind, d.revision)}
              </th>
              <td data-label={t('reference')}>{d.reference}</td>
              <td data-label={t('adminCountries')}>
                {country(d.requestingCountry)} → {country(d.requestedCountry)}
              </td>
              <td data-label={t('adminCreated')}>{formatDateTime(d.createdAt, ctx.lang, ctx.timeZone)}</td>
              <td data-label={t('adminLastError')}>
                <code>{d.lastError ?? '—'}</code> ({t('adminAttempts').replace('{n}', String(d.attempts))})
              </td>
              <td>
                <form method="post" action={PATHS.adminRetry(d.id)}>
                  <CsrfField ctx={ctx} />
                  <SubmitButton label={t('adminRetry')} describedBy={`document-${d.id}`} />
                </form>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <Pagination ctx={ctx} page={view.failed.page} pageSize={view.failed.pageSize} total={view.failed.total} href={(page) => `${PATHS.admin}${queryString({ page })}#failed`} />

      <h2>{t('adminDeadlines')}</h2>
      <DataTable ctx={ctx} id="deadlines" caption={t('adminDeadlines')} hideCaption variant="plain" data="deadlines" columns={[t('stage'), t('openNow'), t('overdueNow')]}>
        {view.deadlines.map((d) => (
          <tr data-stage={d.stage}>
            <th scope="row">{STATE_LABELS[d.stage]?.[ctx.lang] ?? d.stage}</th>
            <td data-field="open">{d.open ?? '—'}</td>
            <td data-field="overdue">{d.overdue ?? '—'}</td>
          </tr>
        ))}
      </DataTable>

      <h2 id="access-log">{t('adminAccessLog')}</h2>
      <p>{t('adminAccessLogIntro')}</p>
      <ErrorSummary ctx={ctx} errors={period.errors ?? []} />
      <form method="get" action={PATHS.adminAccessLogCsv} class="enlace-filters enlace-no-print" data-access-log-export>
        <TextInput ctx={ctx} id="from" label={t('periodFromDay')} hint={t('dateHint')} value={period.from} error={errorOf('from')} maxLength={10} required />
        <TextInput ctx={ctx} id="to" label={t('periodTo')} hint={t('dateHint')} value={period.to} error={errorOf('to')} maxLength={10} required />
        <SubmitButton label={t('downloadCsv')} />
      </form>

      <p>
        <a href={PATHS.adminUsers}>{t('usersTitle')}</a> · <a href={PATHS.dashboard}>{t('adminRegionFigures')}</a> · <a href={PATHS.liaisons}>{t('liaisonDirectory')}</a>
      </p>
    </Layout>
  );
}

export const adminPage = (ctx: PageContext, view: AdminView): string => renderPage(<AdminPage ctx={ctx} view={view} />);
