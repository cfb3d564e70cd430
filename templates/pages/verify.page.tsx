import type { CountryCode } from '../../workflows/request/request.types.js';
import { ANNEX_KIND_LABELS, COUNTRY_NAMES, DOCUMENT_TITLES, LABELS, formatDate } from '../labels.js';
import { ui } from '../page-labels.js';
import type { DocumentKind } from '../view-model.js';
import { Alert, CsrfField, ErrorSummary, SubmitButton } from './components.js';
import { formatDay, timeZoneOf } from './format.js';
import { Layout, renderPage } from './layout.js';
import type { FieldError, PageContext } from './page-context.js';
import { PATHS } from './paths.js';

/** What anyone may learn of a document from its hash: never its content. */
export interface VerifiedDocument {
  /** A document of the platform, or `annex`: a file attached to a request (listed by hash in its form and note). */
  kind: DocumentKind | 'annex';
  /** For an annex: court_order, law_text, evidence, certified_translation, other. */
  annexKind?: string;
  reference: string;
  revision: number;
  issuingCountry: CountryCode;
  issuingOffice: string | null;
  issuedAt: string;
}

/** The check of a dropped file's PAdES seal. */
export interface SealView {
  sealed: boolean;
  valid: boolean;
  problem?: string;
  office?: { id: string; country: string; institution: string };
  authority?: string;
  signedAt?: string;
}

export interface VerifyView {
  /** The hash that was checked, when one was. */
  hash?: string;
  /** The document, when the hash is one Enlace issued; null when it is not. */
  result?: VerifiedDocument | null;
  /** When a file was dropped: its seal, checked (a typed code has no bytes to check). */
  seal?: SealView;
  typedHash: string;
  errors: FieldError[];
}

function Seal({ ctx, seal }: { ctx: PageContext; seal: SealView }) {
  const t = (key: Parameters<typeof ui>[1]) => ui(ctx.lang, key);
  const message = seal.valid ? t('sealValid') : !seal.sealed ? t('sealNone') : seal.problem === 'untrusted_chain' ? t('sealUntrusted') : t('sealBroken');
  return (
    <div id="verify-seal">
      <h2>{t('sealHeading')}</h2>
      <p>
        <strong>{message}</strong>
      </p>
      {seal.valid && seal.office ? (
        <dl class="enlace-facts">
          <dt>{t('sealedBy')}</dt>
          <dd>{`${seal.office.institution}${COUNTRY_NAMES[seal.office.country as CountryCode] ? ` (${COUNTRY_NAMES[seal.office.country as CountryCode][ctx.lang]})` : ''}`}</dd>
          {seal.authority ? (
            <>
              <dt>{t('sealAuthority')}</dt>
              <dd>{seal.authority}</dd>
            </>
          ) : null}
          {seal.signedAt ? (
            <>
              <dt>{t('sealedAt')}</dt>
              {/* The moment of the seal on the sealing office's clock, its offset named: the time the document itself prints. */}
              <dd data-sealed-at={seal.signedAt}>{formatDate(seal.signedAt, ctx.lang, { timeZone: timeZoneOf(seal.office.country as CountryCode) })}</dd>
            </>
          ) : null}
        </dl>
      ) : null}
    </div>
  );
}

function Result({ ctx, hash, result, seal }: { ctx: PageContext; hash: string; result: VerifiedDocument | null; seal?: SealView }) {
  const t = (key: Parameters<typeof ui>[1]) => ui(ctx.lang, key);
  const hashLabel = seal ? t('verifiedFileHash') : t('verifiedHash');
  const sealShown = seal && result?.kind !== 'annex' ? seal : undefined;
  if (!result || (sealShown && !sealShown.valid)) {
    return (
      <Alert kind="error" heading={t('verifyInvalid')}>
        <p class="enlace-hash">
          {hashLabel}: <code>{hash}</code>
        </p>
        {sealShown ? <Seal ctx={ctx} seal={sealShown} /> : null}
      </Alert>
    );
  }
  return (
    <Alert kind="success" heading={t('verifyValid')}>
      <dl class="enlace-facts" id="verify-result">
        <dt>{t('documentKind')}</dt>
        <dd>
          {result.kind === 'annex'
            ? `${LABELS.annex[ctx.lang]}: ${ANNEX_KIND_LABELS[result.annexKind ?? '']?.[ctx.lang] ?? result.annexKind ?? ''}`
            : (DOCUMENT_TITLES[result.kind]?.[ctx.lang] ?? result.kind)}
        </dd>
        <dt>{t('reference')}</dt>
        <dd>{result.kind === 'annex' ? result.reference : `${result.reference} · ${t('revision')} ${result.revision}`}</dd>
        <dt>{t('issuingOffice')}</dt>
        <dd>{result.issuingOffice ?? COUNTRY_NAMES[result.issuingCountry][ctx.lang]}</dd>
        <dt>{t('issuingCountry')}</dt>
        <dd>{COUNTRY_NAMES[result.issuingCountry][ctx.lang]}</dd>
        <dt>{t('issuedOn')}</dt>
        {/* On the issuing office's calendar, as the document prints its own date (not the reader's: a note
            issued at 19:00 in Guatemala on 31 December is of that day and year, whoever scans it). */}
        <dd data-issued-at={result.issuedAt}>{formatDay(result.issuedAt, ctx.lang, timeZoneOf(result.issuingCountry))}</dd>
        <dt>{hashLabel}</dt>
        <dd class="enlace-hash">
          <code>{hash}</code>
        </dd>
      </dl>
      {sealShown ? <Seal ctx={ctx} seal={sealShown} /> : null}
    </Alert>
  );
}

export function VerifyPage({ ctx, view }: { ctx: PageContext; view: VerifyView }) {
  const t = (key: Parameters<typeof ui>[1]) => ui(ctx.lang, key);
  const hashError = view.errors.find((e) => e.field === 'hash')?.message;
  return (
    <Layout ctx={ctx} title={t('verifyTitle')}>
      <h1>{t('verifyTitle')}</h1>
      {view.hash !== undefined && view.result !== undefined ? <Result ctx={ctx} hash={view.hash} result={view.result} seal={view.seal} /> : null}
      <p class="usa-intro">{t('verifyIntro')}</p>
      <ErrorSummary ctx={ctx} errors={view.errors} />
      {/* A multipart body is read as a stream after the guard: its CSRF token travels in the action. */}
      <form method="post" action={`${PATHS.verify}?_csrf=${encodeURIComponent(ctx.csrf)}`} enctype="multipart/form-data" class="usa-form usa-form--large">
        <CsrfField ctx={ctx} />
        <div class="usa-form-group">
          <label class="usa-label" for="file">
            {t('verifyFile')}
          </label>
          <span class="usa-hint" id="file-hint">
            {t('verifyFileHint')}
          </span>
          <input class="usa-file-input enlace-file-input" id="file" name="file" type="file" accept="application/pdf,.pdf" aria-describedby="file-hint" />
        </div>
        <div class={`usa-form-group${hashError ? ' usa-form-group--error' : ''}`}>
          <label class={`usa-label${hashError ? ' usa-label--error' : ''}`} for="hash">
            {t('verifyHash')}
          </label>
          <span class="usa-hint" id="hash-hint">
            {t('verifyHashHint')}
          </span>
          {hashError ? (
            <span class="usa-error-message" id="hash-error">
              {hashError}
            </span>
          ) : null}
          <input
            class={`usa-input enlace-hash${hashError ? ' usa-input--error' : ''}`}
            id="hash"
            name="hash"
            type="text"
            spellcheck={false}
            autocomplete="off"
            maxLength={200}
            value={view.typedHash}
            aria-invalid={hashError ? 'true' : undefined}
            aria-describedby={hashError ? 'hash-hint hash-error' : 'hash-hint'}
          />
        </div>
        <SubmitButton label={t('verifyButton')} />
      </form>
    </Layout>
  );
}

export const verifyPage = (ctx: PageContext, view: VerifyView): string => renderPage(<VerifyPage ctx={ctx} view={view} />);
