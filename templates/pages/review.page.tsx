import { legalBasisViolations, translationViolations } from '../../workflows/rules/index.js';
import { refusalGroundsOf } from '../../workflows/rules/channels.js';
import type { CountryCode, DocumentKind, Language, RequestFields } from '../../workflows/request/request.types.js';
import { ACTOR_ROLE_LABELS, COUNTRY_NAMES, DOCUMENT_TITLES, LANGUAGE_NAMES, LEGAL_BASIS_LABELS, MEASURE_TYPE_LABELS, REFUSAL_GROUND_LABELS, STATE_LABELS } from '../labels.js';
import { ACCESS_ACTION_LABELS, ACCESS_OUTCOME_LABELS, EVENT_LABELS, EVENTS_WITH_COMMENT, UI, ui, type UiKey } from '../page-labels.js';
import { Alert, ChoiceGroup, CsrfField, DataTable, DONE_NOTICE, ErrorSummary, SubmitButton, TextArea, TextInput } from './components.js';
import { ExecutionFacts, type RequestExecution } from './execution-facts.js';
import { FollowUpFields, type AdvanceCopyView } from './follow-up.js';
import { CasePanel, type CaseView } from './case.page.js';
import { formatDateTime, formatDay } from './format.js';
import { Layout, renderPage } from './layout.js';
import { RequestContent } from './request.page.js';
import type { FieldError, PageContext } from './page-context.js';
import { PATHS } from './paths.js';

/** The request as the reviewing office may see it (already disclosed by the service). */
export type ReviewedRequest = RequestFields & {
  id: string;
  reference: string;
  state: string;
  version: number;
  requestingCountry: CountryCode;
  requestedCountry: CountryCode;
  createdBy: { name: string };
  availableEvents: readonly string[];
  missing: readonly string[];
  /** The route's refusal grounds decide which a refusal may cite (none: any instrument's). */
  route?: { refusalGrounds: readonly string[]; advanceCopy?: { channels: readonly string[] } | null } | null;
  handling?: RequestExecution;
  followUp?: { advanceCopy: AdvanceCopyView | null };
};

export interface ReviewDocument {
  id: string;
  kind: string;
  revision: number;
  status: string;
  createdAt: string;
}

export interface ReviewHistoryItem {
  event: string;
  to: string;
  actor: { role: string; country: string | null };
  comment: string | null;
  at: string;
}

export interface ReviewAccess {
  at: string;
  actor: { name: string | null; role: string | null; country: string | null };
  action: string;
  outcome: string;
}

/** An action the page offers: one of availableEvents, and the document its transition issues. */
export interface ReviewAction {
  event: string;
  document: string | null;
}

export interface ReviewView {
  request: ReviewedRequest;
  actions: readonly ReviewAction[];
  documents: readonly ReviewDocument[];
  history: readonly ReviewHistoryItem[];
  /** Who has seen the case, oldest first: for the requesting country's supervisor only. */
  accessLog?: readonly ReviewAccess[];
  /** Set after an action: the state the request reached. */
  done?: string;
  /** The case this request belongs to, as far as the viewer may see it. */
  case?: CaseView | null;
  /** The server's refusal of the last action, in the user's language, and the fields at fault. */
  refusal?: { event: string; message: string; errors: FieldError[]; comment: string; typed?: Record<string, unknown> };
}

export interface PlatformCheck {
  label: UiKey;
  passed: boolean;
}

/** The checks the platform made at SUBMIT for this pair of countries, as they stand now. */
export function platformChecks(request: ReviewedRequest): PlatformCheck[] {
  const fields = { ...request, requestedCountry: request.requestedCountry };
  return [
    { label: 'checkComplete', passed: request.missing.length === 0 },
    { label: 'checkLegalBasis', passed: (request.legalBasis?.length ?? 0) > 0 && legalBasisViolations(fields, request.requestingCountry).length === 0 },
    { label: 'checkLanguage', passed: request.language !== undefined && translationViolations(fields, request.requestingCountry).length === 0 },
  ];
}

const fieldId = (event: string, name: string) => `${name}-${event}`;

function ActionForm({ ctx, request, action, refusal }: { ctx: PageContext; request: ReviewedRequest; action: ReviewAction; refusal?: ReviewView['refusal'] }) {
  const t = (key: UiKey) => ui(ctx.lang, key);
  const label = EVENT_LABELS[action.event]?.[ctx.lang] ?? action.event;
  const mine = refusal?.event === action.event ? refusal : undefined;
  const errorOf = (name: string) => mine?.errors.find((e) => e.field === fieldId(action.event, name))?.message;
  const withComment = EVENTS_WITH_COMMENT.includes(action.event);
  const documentTitle = action.document ? (DOCUMENT_TITLES[action.document as DocumentKind]?.[ctx.lang] ?? action.document) : null;
  const producesId = fieldId(action.event, 'produces');
  return (
    <form method="post" action={PATHS.reviewEvents(request.id)} class="enlace-action usa-form usa-form--large" data-event={action.event} noValidate>
      <CsrfField ctx={ctx} />
      <input type="hidden" name="type" value={action.event} />
      <input type="hidden" name="expectedVersion" value={String(request.version)} />
      <h3>{label}</h3>
      <p class="usa-hint" id={producesId}>
        {documentTitle ? `${t('willProduce')}: ${documentTitle}` : t('producesNothing')}
      </p>
      {action.event === 'RECORD_EXECUTION' ? (
        <ChoiceGroup
          id={fieldId(action.event, 'outcome')}
          name="outcome"
          legend={t('outcome')}
          type="radio"
          error={errorOf('outcome')}
          options={[
            { value: 'partial', label: t('outcomePartial') },
            { value: 'total', label: t('outcomeTotal') },
          ]}
          checked={[]}
        />
      ) : null}
      {action.event === 'REPORT_EXECUTION_PART' || action.event === 'RECORD_EXECUTION' ? (
        <TextArea
          ctx={ctx}
          id={fieldId(action.event, 'evidence')}
          name="evidence"
          label={t('evidence')}
          hint={t('evidenceHint')}
          required={action.event === 'REPORT_EXECUTION_PART'}
          error={errorOf('evidence')}
          rows={4}
          maxLength={50000}
        />
      ) : null}
      {action.event === 'POSTPONE' ? (
        <TextInput ctx={ctx} id={fieldId(action.event, 'until')} name="until" label={t('postponedUntil')} required error={errorOf('until')} maxLength={10} />
      ) : null}
      {action.event === 'ASSIGN' ? (
        <TextInput
          ctx={ctx}
          id={fieldId(action.event, 'executingAuthority')}
          name="executingAuthority"
          label={t('executingAuthority')}
          hint={t('executingAuthorityHint')}
          required
          error={errorOf('executingAuthority')}
          maxLength={300}
        />
      ) : null}
      {action.event === 'REFUSE' ? (
        <ChoiceGroup
          id={fieldId(action.event, 'ground')}
          name="ground"
          legend={t('refusalGround')}
          type="radio"
          error={errorOf('ground')}
          options={refusalGroundsOf(request.route).map((ground) => ({ value: ground, label: REFUSAL_GROUND_LABELS[ground]?.[ctx.lang] ?? ground }))}
          checked={[]}
        />
      ) : null}
      <FollowUpFields
        ctx={ctx}
        event={action.event}
        idOf={(name) => fieldId(action.event, name)}
        errorOf={errorOf}
        typed={mine?.typed}
        channels={request.route?.advanceCopy?.channels}
      />
      {action.event === 'ACKNOWLEDGE' ? (
        <TextInput ctx={ctx} id={fieldId(action.event, 'requestedReference')} name="requestedReference" label={t('requestedReference')} maxLength={300} />
      ) : null}
      <TextArea
        ctx={ctx}
        id={fieldId(action.event, 'comment')}
        name="comment"
        label={t('comment')}
        required={withComment}
        error={errorOf('comment')}
        value={mine?.comment}
        rows={3}
        maxLength={20000}
      />
      <SubmitButton label={label} describedBy={producesId} secondary={action.event === 'REJECT' || action.event === 'REFUSE'} />
    </form>
  );
}

export function ReviewPage({ ctx, view }: { ctx: PageContext; view: ReviewView }) {
  const t = (key: UiKey) => ui(ctx.lang, key);
  const r = view.request;
  const country = (code: string) => COUNTRY_NAMES[code as CountryCode]?.[ctx.lang] ?? code;
  const state = (code: string) => STATE_LABELS[code]?.[ctx.lang] ?? code;
  return (
    <Layout ctx={ctx} title={`${r.reference} · ${t('reviewTitle')}`}>
      {view.refusal ? <ErrorSummary ctx={ctx} errors={view.refusal.errors.length > 0 ? view.refusal.errors : [{ field: 'actions', message: view.refusal.message }]} /> : null}
      {view.done ? (
        <Alert kind="success" slim id={DONE_NOTICE}>
          {t('actionDone')} <strong>{state(view.done)}</strong>
        </Alert>
      ) : null}
      <p>
        <a href={PATHS.queue}>{t('backToQueue')}</a>
      </p>
      <h1>
        {r.reference} <span class="usa-tag" data-state={r.state}>{state(r.state)}</span>
      </h1>
      <p class="usa-intro">{r.title ?? t('untitled')}</p>
      <dl class="enlace-facts">
        <dt>{t('requestingCountry')}</dt>
        <dd>{country(r.requestingCountry)}</dd>
        <dt>{t('requestedCountry')}</dt>
        <dd>{country(r.requestedCountry)}</dd>
        <dt>{t('createdBy')}</dt>
        <dd>{r.createdBy.name}</dd>
        <dt>{t('requestLanguage')}</dt>
        <dd>{r.language ? LANGUAGE_NAMES[r.language][ctx.lang] : '—'}</dd>
        <dt>{t('legalBasis')}</dt>
        <dd>{(r.legalBasis ?? []).map((basis) => LEGAL_BASIS_LABELS[basis]?.[ctx.lang] ?? basis).join('; ') || '—'}</dd>
        <dt>{t('offenses')}</dt>
        <dd>{(r.offenses ?? []).map((o) => o.name).join('; ') || '—'}</dd>
        <dt>{t('measures')}</dt>
        <dd>{(r.measures ?? []).map((m) => `${MEASURE_TYPE_LABELS[m.type]?.[ctx.lang] ?? m.type}: ${m.description}`).join('; ') || '—'}</dd>
      </dl>
      <ExecutionFacts ctx={ctx} request={r} />
      <CasePanel ctx={ctx} kase={view.case ?? null} requestId={r.id} alsoAsk={false} />
      <h2>{t('summaryOfFacts')}</h2>
      <p class="enlace-prose">{r.summaryOfFacts ?? '—'}</p>
      <h2>{t('purpose')}</h2>
      <p class="enlace-prose">{r.purpose ?? '—'}</p>

      {/* The whole request as the form has it, section by section: the structured measures and the statements the instruments ask for. */}
      <h2>{t('wholeRequest')}</h2>
      <RequestContent ctx={ctx} request={r} />

      <h2>{t('checksTitle')}</h2>
      <ul class="usa-list usa-list--unstyled" data-checks>
        {platformChecks(r).map((check) => (
          <li>
            <span class={`usa-tag ${check.passed ? 'enlace-tag--passed' : 'enlace-tag--overdue'}`}>{t(check.passed ? 'checkPassed' : 'checkFailed')}</span> {t(check.label)}
          </li>
        ))}
      </ul>

      <h2>{t('priorExchanges')}</h2>
      {(r.priorInformalExchanges ?? []).length === 0 ? (
        <p>{t('noPriorExchanges')}</p>
      ) : (
        <ul class="usa-list">
          {(r.priorInformalExchanges ?? []).map((exchange) => (
            <li>
              <strong>{formatDay(exchange.date, ctx.lang, ctx.timeZone)}</strong>, {exchange.counterpart}: {exchange.summary}
            </li>
          ))}
        </ul>
      )}

      <h2>{t('documents')}</h2>
      {view.documents.length === 0 ? (
        <p>{t('noDocuments')}</p>
      ) : (
        <ul class="usa-list" data-documents>
          {view.documents.map((d) => {
            const title = `${DOCUMENT_TITLES[d.kind as DocumentKind]?.[ctx.lang] ?? d.kind} (${t('revision')} ${d.revision})`;
            return (
              <li data-kind={d.kind}>
                {title} · {formatDateTime(d.createdAt, ctx.lang, ctx.timeZone)} ·{' '}
                {d.status === 'ready' ? (
                  <>
                    <a href={`${PATHS.document(d.id)}?inline=1`} target="_blank" rel="noopener">
                      {t('viewDocument')}
                      <span class="usa-sr-only"> {title}</span>
                    </a>{' '}
                    ·{' '}
                    <a href={PATHS.document(d.id)} download>
                      {t('download')}
                      <span class="usa-sr-only"> {title}</span>
                    </a>
                  </>
                ) : (
                  t(d.status === 'failed' ? 'docFailed' : 'docPending')
                )}
              </li>
            );
          })}
        </ul>
      )}

      <h2 id="actions" tabindex={-1}>
        {t('actions')}
      </h2>
      {view.actions.length === 0 ? <p>{t('noActions')}</p> : view.actions.map((action) => <ActionForm ctx={ctx} request={r} action={action} refusal={view.refusal} />)}

      {view.accessLog ? (
        <>
          <h2 id="access-log">{t('whoHasSeen')}</h2>
          <DataTable
            ctx={ctx}
            id="access-log"
            caption={t('whoHasSeenIntro')}
            variant="compact"
            scroll
            data="access-log"
            columns={[t('when'), t('who'), t('whatWasDone'), t('outcomeColumn')]}
          >
            {view.accessLog.map((entry) => (
              <tr data-action={entry.action} data-outcome={entry.outcome}>
                <td>{formatDateTime(entry.at, ctx.lang, ctx.timeZone)}</td>
                <td>
                  {entry.actor.name ?? '—'}
                  {entry.actor.role ? ` · ${ACTOR_ROLE_LABELS[entry.actor.role]?.[ctx.lang] ?? entry.actor.role}` : ''}
                  {entry.actor.country ? ` (${country(entry.actor.country as CountryCode)})` : ''}
                </td>
                <td>{ACCESS_ACTION_LABELS[entry.action]?.[ctx.lang] ?? entry.action}</td>
                <td>{ACCESS_OUTCOME_LABELS[entry.outcome]?.[ctx.lang] ?? entry.outcome}</td>
              </tr>
            ))}
          </DataTable>
        </>
      ) : null}

      <h2>{t('history')}</h2>
      <ol class="usa-list" data-history>
        {view.history.map((item) => (
          <li>
            {formatDateTime(item.at, ctx.lang, ctx.timeZone)} · {ACTOR_ROLE_LABELS[item.actor.role]?.[ctx.lang] ?? item.actor.role}
            {item.actor.country ? ` (${country(item.actor.country)})` : ''} · {EVENT_LABELS[item.event]?.[ctx.lang] ?? item.event} → {state(item.to)}
            {item.comment ? <blockquote class="enlace-comment">{item.comment}</blockquote> : null}
          </li>
        ))}
      </ol>
    </Layout>
  );
}

export const reviewPage = (ctx: PageContext, view: ReviewView): string => renderPage(<ReviewPage ctx={ctx} view={view} />);
