import type { ComponentChildren } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { ACTOR_ROLE_LABELS, COUNTRY_NAMES } from '../labels.js';
import { LANGUAGE_AUTONYMS, PAGE_LANGUAGES, ui } from '../page-labels.js';
import { CsrfField } from './components.js';
import { navigationFor } from './navigation.js';
import type { PageContext } from './page-context.js';
import { PATHS } from './paths.js';

/** The assets every page loads, all served by this application (no CDN, no external font). */
export const ASSETS = {
  uswdsCss: '/assets/uswds/css/uswds.min.css',
  enlaceCss: '/assets/enlace/enlace.css',
  htmx: '/assets/htmx/htmx.min.js',
  enlaceJs: '/assets/enlace/enlace.js',
  icon: '/assets/enlace/favicon.svg',
} as const;

// htmx must not add its own <style> element or evaluate strings: the CSP allows neither.
// A refused form (400, 409, 422) comes back as a page with its errors: htmx swaps it in like a success.
// Nor may it copy a style attribute while settling a swap (its default copies class, style, width and
// height): the pages have none, and one left on an element by a script (a browser's own tools) would
// be an inline style the CSP refuses.
const HTMX_CONFIG = JSON.stringify({
  includeIndicatorStyles: false,
  attributesToSettle: ['class', 'width', 'height'],
  allowEval: false,
  allowScriptTags: false,
  historyCacheSize: 0,
  responseHandling: [
    { code: '204', swap: false },
    { code: '[23]..', swap: true },
    { code: '(400|409|422)', swap: true },
    { code: '...', swap: false, error: true },
  ],
});

/** A whole page as the browser receives it. */
export const renderPage = (page: ComponentChildren): string => `<!DOCTYPE html>${renderToString(<>{page}</>)}`;

/** A part of a page that htmx swaps in. */
export const renderFragment = (fragment: ComponentChildren): string => renderToString(<>{fragment}</>);

function LanguageSwitcher({ ctx }: { ctx: PageContext }) {
  return (
    <form method="post" action={PATHS.language} class="enlace-language">
      <CsrfField ctx={ctx} />
      <input type="hidden" name="back" value={ctx.path} />
      <span class="usa-sr-only" id="language-switcher-label">
        {ui(ctx.lang, 'changeLanguage')}
      </span>
      <ul class="enlace-inline-list" aria-labelledby="language-switcher-label">
        {PAGE_LANGUAGES.map((lang) => (
          <li>
            <button type="submit" name="lang" value={lang} lang={lang} class="usa-button usa-button--unstyled enlace-language__button" aria-pressed={lang === ctx.lang ? 'true' : 'false'}>
              {LANGUAGE_AUTONYMS[lang]}
            </button>
          </li>
        ))}
      </ul>
    </form>
  );
}

function UserBar({ ctx }: { ctx: PageContext }) {
  const user = ctx.user;
  if (!user) {
    return (
      <a class="enlace-utility__link" href={PATHS.signIn}>
        {ui(ctx.lang, 'signIn')}
      </a>
    );
  }
  const role = ACTOR_ROLE_LABELS[user.role]?.[ctx.lang] ?? user.role;
  const country = user.country ? ` · ${COUNTRY_NAMES[user.country][ctx.lang]}` : '';
  return (
    <div class="enlace-userbar">
      <span class="enlace-userbar__who">
        <span class="usa-sr-only">{ui(ctx.lang, 'signedInAs')} </span>
        <strong>{user.name}</strong> ({role}
        {country})
      </span>
      <a class="enlace-utility__link" href={PATHS.notifications} id="unread-count">
        {ui(ctx.lang, 'notifications')} <span class="usa-tag">{String(ctx.unread)}</span>
        <span class="usa-sr-only"> {ui(ctx.lang, ctx.unread <= 1 ? 'unreadOne' : 'unread')}</span>
      </a>
      <form method="post" action={PATHS.signOut}>
        <CsrfField ctx={ctx} />
        <button type="submit" class="usa-button usa-button--unstyled enlace-utility__link">
          {ui(ctx.lang, 'signOut')}
        </button>
      </form>
    </div>
  );
}

/** The frame of every page: its language, the skip link, the header and navigation, the footer. */
export function Layout({ ctx, title, children }: { ctx: PageContext; title: string; children: ComponentChildren }) {
  const nav = navigationFor(ctx.user?.role, ctx.lang, ctx.path);
  return (
    <html lang={ctx.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="htmx-config" content={HTMX_CONFIG} />
        <title>{`${title} · ${ui(ctx.lang, 'appName')}`}</title>
        <link rel="icon" href={ASSETS.icon} type="image/svg+xml" />
        <link rel="stylesheet" href={ASSETS.uswdsCss} />
        <link rel="stylesheet" href={ASSETS.enlaceCss} />
        <script src={ASSETS.htmx} defer></script>
        <script src={ASSETS.enlaceJs} defer></script>
      </head>
      <body>
        <a class="usa-skipnav" href="#main-content">
          {ui(ctx.lang, 'skipToContent')}
        </a>
        <header class="enlace-header">
          <div class="grid-container enlace-header__bar">
            <div class="enlace-header__brand">
              <a href={PATHS.home} class="enlace-header__name">
                {ui(ctx.lang, 'appName')}
              </a>
              <span class="enlace-header__tagline">{ui(ctx.lang, 'tagline')}</span>
            </div>
            <div class="enlace-utility">
              <UserBar ctx={ctx} />
              <LanguageSwitcher ctx={ctx} />
            </div>
          </div>
          <nav class="enlace-nav" aria-label={ui(ctx.lang, 'mainNavigation')}>
            <div class="grid-container">
            <ul class="enlace-inline-list">
              {nav.map((item) => (
                <li>
                  <a class={`enlace-nav__link${item.current ? ' enlace-nav__link--current' : ''}`} href={item.href} aria-current={item.current ? 'page' : undefined}>
                    {item.label}
                  </a>
                </li>
              ))}
            </ul>
            </div>
          </nav>
        </header>
        <main id="main-content" class="grid-container enlace-main" tabindex={-1}>
          {/* Where JavaScript says that a background save failed: htmx swaps no refusal but 400/409/422
              (those show their own errors), so a 403, a 500, a 503 or a lost connection is told here. */}
          <div
            id="request-alert"
            role="alert"
            data-refused={ui(ctx.lang, 'notSavedRefused')}
            data-server-error={ui(ctx.lang, 'serverErrorText')}
            data-unavailable={ui(ctx.lang, 'unavailableText')}
            data-network={ui(ctx.lang, 'notSavedNetwork')}
          ></div>
          {children}
        </main>
        <footer class="enlace-footer">
          <div class="grid-container">
            <a href={PATHS.verify}>{ui(ctx.lang, 'verifyTitle')}</a>
          </div>
        </footer>
      </body>
    </html>
  );
}
