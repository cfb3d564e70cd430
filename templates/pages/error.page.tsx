import { ui, type UiKey } from '../page-labels.js';
import { Layout, renderPage } from './layout.js';
import type { PageContext } from './page-context.js';
import { PATHS } from './paths.js';

export interface ErrorView {
  status: number;
  /** The server's reason, in the user's language when the page knows it. */
  message: string;
  /** The fields or address parameters at fault, each with what is wrong, in the user's language. */
  fields?: { field: string; problem: string }[];
}

const TITLE = (status: number): UiKey => (status === 404 ? 'notFoundTitle' : status === 403 ? 'forbiddenTitle' : 'errorTitle');

export function ErrorPage({ ctx, view }: { ctx: PageContext; view: ErrorView }) {
  const title = ui(ctx.lang, TITLE(view.status));
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p class="usa-intro">{view.message}</p>
      {view.fields?.length ? (
        <ul class="usa-list" id="fields-at-fault">
          {view.fields.map(({ field, problem }) => (
            <li>
              <code>{field}</code> {problem}
            </li>
          ))}
        </ul>
      ) : null}
      <p>
        <a href={PATHS.home}>{ui(ctx.lang, 'backHome')}</a>
      </p>
    </Layout>
  );
}

export const errorPage = (ctx: PageContext, view: ErrorView): string => renderPage(<ErrorPage ctx={ctx} view={view} />);
