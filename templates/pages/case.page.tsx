import type { CountryCode, LegalBasis } from '../../workflows/request/request.types.js';
import { COUNTRY_NAMES, LABELS, LEGAL_BASIS_LABELS, STATE_LABELS } from '../labels.js';
import { ui, type UiKey } from '../page-labels.js';
import { CsrfField, DataTable, ErrorSummary, Select, SubmitButton } from './components.js';
import { formatDay } from './format.js';
import { Layout, renderPage } from './layout.js';
import type { FieldError, PageContext } from './page-context.js';
import { PATHS } from './paths.js';

/** One request of a case, as far as the viewer may see it (libs/requests CasesService). */
export interface CaseMemberRow {
  requestId: string;
  reference: string;
  requestedCountry: string;
  title: string | null;
  state: string;
  route: { channel: string; basis: string; fixed: boolean } | null;
  dueAt: string | null;
  overdue: boolean;
}

export interface CaseView {
  id: string;
  investigationReference: string;
  requestingCountry: string;
  office: string | null;
  members: readonly CaseMemberRow[];
}

const country = (ctx: PageContext, code: string) => COUNTRY_NAMES[code as CountryCode]?.[ctx.lang] ?? code;

/** Where a member opens for this viewer: the fiscal's page of the request, or an office's review of it. */
const memberPath = (ctx: PageContext, requestId: string) => (ctx.user?.role === 'fiscal' ? PATHS.request(requestId) : PATHS.review(requestId));

function RouteText({ ctx, route }: { ctx: PageContext; route: CaseMemberRow['route'] }) {
  if (!route) return <>{ui(ctx.lang, 'caseRouteNotYet')}</>;
  const channel = route.channel === 'diplomatic' ? LABELS.channelDiplomatic : LABELS.channelCentralAuthority;
  return <>{`${channel[ctx.lang]} · ${LEGAL_BASIS_LABELS[route.basis as LegalBasis]?.[ctx.lang] ?? route.basis}`}</>;
}

function Due({ ctx, member }: { ctx: PageContext; member: CaseMemberRow }) {
  return (
    <>
      {member.dueAt ? formatDay(member.dueAt, ctx.lang, ctx.timeZone) : '—'}
      {member.overdue ? <span class="usa-tag enlace-tag--overdue">{ui(ctx.lang, 'overdue')}</span> : null}
    </>
  );
}

/**
 * On a request's page (the fiscal's, or an office's review): the case it belongs to, the other
 * requests of it the viewer may see, and the way to ask one more country where the server offers it.
 */
export function CasePanel({ ctx, kase, requestId, alsoAsk }: { ctx: PageContext; kase: CaseView | null; requestId: string; alsoAsk: boolean }) {
  const t = (key: UiKey) => ui(ctx.lang, key);
  if (!kase && !alsoAsk) return null;
  const others = kase ? kase.members.filter((m) => m.requestId !== requestId) : [];
  return (
    <section class="enlace-panel enlace-no-print" id="case" aria-labelledby="case-title">
      <h2 id="case-title">{t('caseTitle')}</h2>
      {kase ? (
        <>
          <p>
            {`${t('investigationReference')}: `}
            <a href={PATHS.case(kase.id)} id="case-link">
              {kase.investigationReference}
            </a>
          </p>
          {others.length > 0 ? (
            <ul class="usa-list" data-case-members>
              {others.map((m) => (
                <li>
                  <a href={memberPath(ctx, m.requestId)}>{m.reference}</a>
                  {` · ${country(ctx, m.requestedCountry)} · ${STATE_LABELS[m.state]?.[ctx.lang] ?? m.state}`}
                  {m.overdue ? <span class="usa-tag enlace-tag--overdue">{t('overdue')}</span> : null}
                </li>
              ))}
            </ul>
          ) : null}
        </>
      ) : (
        <p>{t('caseNone')}</p>
      )}
      {alsoAsk ? (
        <p>
          <a class="usa-button usa-button--outline" href={PATHS.alsoAsk(requestId)} id="also-ask-link">
            {t('alsoAsk')}
          </a>
        </p>
      ) : null}
    </section>
  );
}

export function CasePage({ ctx, kase }: { ctx: PageContext; kase: CaseView }) {
  const t = (key: UiKey) => ui(ctx.lang, key);
  return (
    <Layout ctx={ctx} title={`${t('caseTitle')} ${kase.investigationReference}`}>
      <h1>
        {`${t('caseTitle')} `}
        <span class="enlace-reference">{kase.investigationReference}</span>
      </h1>
      <dl class="enlace-facts">
        <dt>{t('requestingCountry')}</dt>
        <dd>{country(ctx, kase.requestingCountry)}</dd>
        <dt>{t('caseOffice')}</dt>
        <dd>{kase.office ?? '—'}</dd>
      </dl>
      <DataTable
        ctx={ctx}
        id="case-members"
        caption={t('caseMembers')}
        columns={[t('reference'), t('requestedCountry'), t('title'), t('state'), LABELS.route[ctx.lang], t('dueDate')]}
        data="case-members"
      >
        {kase.members.map((m) => (
          <tr>
            <th scope="row" data-label={t('reference')}>
              <a href={memberPath(ctx, m.requestId)}>{m.reference}</a>
            </th>
            <td data-label={t('requestedCountry')}>{country(ctx, m.requestedCountry)}</td>
            <td data-label={t('title')}>{m.title ?? t('untitled')}</td>
            <td data-label={t('state')}>{STATE_LABELS[m.state]?.[ctx.lang] ?? m.state}</td>
            <td data-label={LABELS.route[ctx.lang]}>
              <RouteText ctx={ctx} route={m.route} />
            </td>
            <td data-label={t('dueDate')}>
              <Due ctx={ctx} member={m} />
            </td>
          </tr>
        ))}
      </DataTable>
    </Layout>
  );
}

export interface AlsoAskView {
  request: { id: string; reference: string; title: string | null };
  /** The countries that may still be asked: not the requesting one, none already in the case. */
  countries: readonly CountryCode[];
  chosen?: string;
  errors: FieldError[];
}

/** One question: which other country to ask in the same investigation. */
export function AlsoAskPage({ ctx, view }: { ctx: PageContext; view: AlsoAskView }) {
  const t = (key: UiKey) => ui(ctx.lang, key);
  const error = view.errors.find((e) => e.field === 'requestedCountry')?.message;
  return (
    <Layout ctx={ctx} title={t('alsoAsk')}>
      <p class="enlace-breadcrumb">
        <a href={PATHS.request(view.request.id)}>{`${view.request.reference} · ${view.request.title ?? t('untitled')}`}</a>
      </p>
      <h1>{t('alsoAsk')}</h1>
      <ErrorSummary ctx={ctx} errors={view.errors} />
      <p class="usa-intro">{t('alsoAskIntro')}</p>
      <form method="post" action={PATHS.alsoAsk(view.request.id)} class="usa-form usa-form--large" id="also-ask-form">
        <CsrfField ctx={ctx} />
        <Select
          ctx={ctx}
          id="requestedCountry"
          label={t('requestedCountry')}
          hint={t('alsoAskHint')}
          options={view.countries.map((code) => ({ value: code, label: COUNTRY_NAMES[code][ctx.lang] }))}
          value={view.chosen}
          placeholder={t('notChosen')}
          error={error}
          required
        />
        <SubmitButton label={t('alsoAskStart')} />
      </form>
    </Layout>
  );
}

export const casePage = (ctx: PageContext, kase: CaseView): string => renderPage(<CasePage ctx={ctx} kase={kase} />);
export const alsoAskPage = (ctx: PageContext, view: AlsoAskView): string => renderPage(<AlsoAskPage ctx={ctx} view={view} />);
