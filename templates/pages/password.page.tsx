import { ui } from '../page-labels.js';
import { CsrfField, ErrorSummary, SubmitButton, TextInput } from './components.js';
import { Layout, renderPage } from './layout.js';
import type { FieldError, PageContext } from './page-context.js';
import { PATHS } from './paths.js';

export interface SetPasswordView {
  /** The one-time token of the link the administrator gave. */
  token: string;
  errors: FieldError[];
}

/** The page a one-time link opens: the person chooses their password, then signs in with it. */
export function SetPasswordPage({ ctx, view }: { ctx: PageContext; view: SetPasswordView }) {
  const t = (key: Parameters<typeof ui>[1]) => ui(ctx.lang, key);
  const error = (field: string) => view.errors.find((e) => e.field === field)?.message;
  return (
    <Layout ctx={ctx} title={t('setPasswordTitle')}>
      <div class="grid-row">
        <div class="grid-col-12 tablet:grid-col-8 desktop:grid-col-6">
          <h1>{t('setPasswordTitle')}</h1>
          <ErrorSummary ctx={ctx} errors={view.errors} />
          <form method="post" action={PATHS.setPassword} class="usa-form usa-form--large" novalidate>
            <CsrfField ctx={ctx} />
            <input type="hidden" name="token" value={view.token} />
            <TextInput ctx={ctx} id="newPassword" label={t('newPassword')} hint={t('passwordPolicyHint')} type="password" autocomplete="new-password" error={error('newPassword')} required />
            <SubmitButton label={t('setPasswordButton')} />
          </form>
        </div>
      </div>
    </Layout>
  );
}

export const setPasswordPage = (ctx: PageContext, view: SetPasswordView): string => renderPage(<SetPasswordPage ctx={ctx} view={view} />);
