import { ui } from '../page-labels.js';
import { Alert, CsrfField, ErrorSummary, SubmitButton, TextInput } from './components.js';
import { Layout, renderPage } from './layout.js';
import type { FieldError, PageContext } from './page-context.js';
import { PATHS } from './paths.js';

/** What the sign-in page says above its form: why the person is here. */
export const SIGN_IN_NOTICES = ['signedOut', 'sessionExpired', 'sessionExpiredUnsaved', 'passwordSet'] as const;
export type SignInNotice = (typeof SIGN_IN_NOTICES)[number];

export interface SignInView {
  email: string;
  /** Where to go once signed in. */
  next: string;
  errors: FieldError[];
  notice?: SignInNotice;
}

export function SignInPage({ ctx, view }: { ctx: PageContext; view: SignInView }) {
  const t = (key: Parameters<typeof ui>[1]) => ui(ctx.lang, key);
  const error = (field: string) => view.errors.find((e) => e.field === field)?.message;
  return (
    <Layout ctx={ctx} title={t('signIn')}>
      <div class="grid-row">
        <div class="grid-col-12 tablet:grid-col-8 desktop:grid-col-6">
          <h1>{t('signIn')}</h1>
          {view.notice ? <Alert kind="info" slim>{t(view.notice)}</Alert> : null}
          <ErrorSummary ctx={ctx} errors={view.errors} />
          <form method="post" action={PATHS.signIn} class="usa-form usa-form--large" novalidate>
            <CsrfField ctx={ctx} />
            <input type="hidden" name="next" value={view.next} />
            {view.notice ? <input type="hidden" name="notice" value={view.notice} /> : null}
            <TextInput ctx={ctx} id="email" label={t('email')} hint={t('emailHint')} type="email" autocomplete="username" value={view.email} error={error('email')} required />
            <TextInput ctx={ctx} id="password" label={t('password')} type="password" autocomplete="current-password" error={error('password')} required />
            <TextInput ctx={ctx} id="code" label={t('secondFactorCode')} hint={t('secondFactorHint')} autocomplete="one-time-code" maxLength={20} error={error('code')} />
            <SubmitButton label={t('signIn')} />
          </form>
        </div>
      </div>
    </Layout>
  );
}

export const signInPage = (ctx: PageContext, view: SignInView): string => renderPage(<SignInPage ctx={ctx} view={view} />);
