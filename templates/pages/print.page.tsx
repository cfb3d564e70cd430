import { COUNTRY_NAMES, STATE_LABELS } from '../labels.js';
import { ui, type UiKey } from '../page-labels.js';
import { formatDateTime } from './format.js';
import { ASSETS, renderPage } from './layout.js';
import type { PageContext } from './page-context.js';
import { PATHS } from './paths.js';
import { HistoryPanel, RequestContent, type HistoryRow, type RequestView } from './request.page.js';

export interface RequestPrintView {
  request: RequestView;
  history: HistoryRow[];
  printedAt: string;
}

/**
 * A request on paper: the whole content in the standardized form's order and its history, without
 * the navigation, the forms or any script; a working copy, not the official document (the PDFs are).
 */
export function RequestPrintPage({ ctx, view }: { ctx: PageContext; view: RequestPrintView }) {
  const t = (key: UiKey) => ui(ctx.lang, key);
  const request = view.request;
  const title = request.title ?? request.reference;
  return (
    <html lang={ctx.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${request.reference} · ${title} · ${t('printView')} · ${t('appName')}`}</title>
        <link rel="icon" href={ASSETS.icon} type="image/svg+xml" />
        <link rel="stylesheet" href={ASSETS.uswdsCss} />
        <link rel="stylesheet" href={ASSETS.enlaceCss} />
      </head>
      <body class="enlace-print">
        <main id="main-content" class="enlace-print__page">
          <p class="enlace-no-print">
            <a href={PATHS.request(request.id)}>{t('backToRequest')}</a>
          </p>
          <p class="enlace-print__brand">{`${t('appName')} · ${t('tagline')}`}</p>
          <h1>
            <span class="enlace-reference">{request.reference}</span> {title}
          </h1>
          <dl class="enlace-facts enlace-summary">
            <dt>{t('state')}</dt>
            <dd id="request-state">{STATE_LABELS[request.state]?.[ctx.lang] ?? request.state}</dd>
            <dt>{t('requestingCountry')}</dt>
            <dd>{COUNTRY_NAMES[request.requestingCountry][ctx.lang]}</dd>
            <dt>{t('requestedCountry')}</dt>
            <dd>{COUNTRY_NAMES[request.requestedCountry][ctx.lang]}</dd>
            <dt>{t('createdBy')}</dt>
            <dd>{request.createdBy.name}</dd>
            <dt>{t('lastChange')}</dt>
            <dd>{`${formatDateTime(request.updatedAt, ctx.lang, ctx.timeZone)} · ${t('version')} ${request.version}`}</dd>
          </dl>
          <section id="content" aria-labelledby="content-title">
            <h2 id="content-title">{t('content')}</h2>
            <RequestContent ctx={ctx} request={request} />
          </section>
          <HistoryPanel ctx={ctx} history={view.history} />
          <p class="enlace-print__note">{`${t('printNote')} ${t('printedOn')} ${formatDateTime(view.printedAt, ctx.lang, ctx.timeZone)}.`}</p>
        </main>
      </body>
    </html>
  );
}

export const requestPrintPage = (ctx: PageContext, view: RequestPrintView): string => renderPage(<RequestPrintPage ctx={ctx} view={view} />);
