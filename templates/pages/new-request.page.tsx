import type { CountryCode, Language } from '../../workflows/request/request.types.js';
import { COUNTRY_NAMES, LANGUAGE_NAMES } from '../labels.js';
import { ui, type UiKey } from '../page-labels.js';
import { CsrfField, ErrorSummary, Select, SubmitButton } from './components.js';
import { Layout, renderPage } from './layout.js';
import type { FieldError, PageContext } from './page-context.js';
import { PATHS } from './paths.js';

/** What binds the pair of countries, as the reviewed country data says it. */
export interface PairInfo {
  to: CountryCode;
  inForce: { name: string; source?: string }[];
  notInForce: { name: string; why: string }[];
  accepted: Language[];
  centralAuthority: string | null;
}

export interface NewRequestView {
  countries: readonly CountryCode[];
  chosen?: CountryCode;
  pair?: PairInfo;
  errors: FieldError[];
}

export function NewRequestPage({ ctx, view }: { ctx: PageContext; view: NewRequestView }) {
  const t = (key: UiKey) => ui(ctx.lang, key);
  const options = view.countries.map((code) => ({ value: code, label: COUNTRY_NAMES[code][ctx.lang] }));
  const error = view.errors.find((e) => e.field === 'requestedCountry')?.message;
  const pair = view.pair;
  return (
    <Layout ctx={ctx} title={t('newRequest')}>
      <h1>{t('newRequest')}</h1>
      <p class="usa-intro">{t('newRequestIntro')}</p>
      <ErrorSummary ctx={ctx} errors={view.errors} />
      <form method="get" action={PATHS.newRequest} class="usa-form usa-form--large">
        <Select ctx={ctx} id="to" label={t('requestedCountry')} options={options} value={view.chosen} placeholder={t('notChosen')} />
        <SubmitButton label={t('showPair')} secondary />
      </form>
      {pair ? (
        <section class="enlace-panel" aria-labelledby="pair-title" id="pair">
          <h2 id="pair-title">{`${COUNTRY_NAMES[pair.to][ctx.lang]}`}</h2>
          <h3>{t('instrumentsInForce')}</h3>
          <ul class="usa-list">
            {pair.inForce.map((i) => (
              <li>{i.name}</li>
            ))}
          </ul>
          {pair.notInForce.length > 0 ? (
            <>
              <h3>{t('instrumentsNotInForce')}</h3>
              <ul class="usa-list">
                {pair.notInForce.map((i) => (
                  <li>{`${i.name}: ${i.why}`}</li>
                ))}
              </ul>
            </>
          ) : null}
          <h3>{t('acceptedLanguages')}</h3>
          <p>{pair.accepted.map((l) => LANGUAGE_NAMES[l][ctx.lang]).join(', ')}</p>
          <p>{pair.accepted.includes('es') ? t('noTranslationNeeded') : t('translationNeeded')}</p>
          <h3>{t('centralAuthority')}</h3>
          <p>{pair.centralAuthority ?? '—'}</p>
        </section>
      ) : null}
      <form method="post" action={PATHS.requests} class="usa-form usa-form--large">
        <CsrfField ctx={ctx} />
        <Select ctx={ctx} id="requestedCountry" label={t('requestedCountry')} options={options} value={view.chosen} placeholder={t('notChosen')} error={error} required />
        <SubmitButton label={t('startDraft')} />
      </form>
    </Layout>
  );
}

export const newRequestPage = (ctx: PageContext, view: NewRequestView): string => renderPage(<NewRequestPage ctx={ctx} view={view} />);

