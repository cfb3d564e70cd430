// The building blocks of every page, on the U.S. Web Design System's classes (served from this
// application). Nothing here writes a style attribute or an inline script: the Content-Security-Policy
// forbids both.
import type { ComponentChildren } from 'preact';
import { ui } from '../page-labels.js';
import type { FieldError, PageContext } from './page-context.js';

/** The hidden CSRF token every form posts back. */
export const CsrfField = ({ ctx }: { ctx: PageContext }) => <input type="hidden" name="_csrf" value={ctx.csrf} />;

/**
 * The errors of a form, at its top, each a link to its field (GOV.UK "Error summary", USWDS alert).
 * Focused on load by enlace.js so that a screen reader announces it first.
 */
export function ErrorSummary({ ctx, errors }: { ctx: PageContext; errors: readonly FieldError[] }) {
  if (errors.length === 0) return null;
  return (
    <div class="usa-alert usa-alert--error" role="alert" aria-labelledby="error-summary-title" tabindex={-1} data-error-summary>
      <div class="usa-alert__body">
        <h2 class="usa-alert__heading" id="error-summary-title">
          {ui(ctx.lang, 'errorSummaryTitle')}
        </h2>
        <ul class="usa-list usa-list--unstyled">
          {errors.map((error) => (
            <li>
              <a href={`#${error.field}`}>{error.message}</a>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

type AlertKind = 'info' | 'success' | 'warning' | 'error';

/**
 * The id of the notice that an action was done: on loading the page the script moves the keyboard to
 * it (GOV.UK success notification banner), so that a keyboard or screen-reader user starts there.
 */
export const DONE_NOTICE = 'done-notice';

export function Alert({ kind, heading, children, slim, id }: { kind: AlertKind; heading?: string; children?: ComponentChildren; slim?: boolean; id?: string }) {
  return (
    <div
      class={`usa-alert usa-alert--${kind}${slim ? ' usa-alert--slim' : ''}`}
      role={kind === 'error' ? 'alert' : 'status'}
      id={id}
      // An alert with an id is one the page's script may move the keyboard to (enlace.js).
      tabindex={id ? -1 : undefined}
    >
      <div class="usa-alert__body">
        {heading ? <h2 class="usa-alert__heading">{heading}</h2> : null}
        {children ? <div class="usa-alert__text">{children}</div> : null}
      </div>
    </div>
  );
}

export interface FieldProps {
  id: string;
  name?: string;
  label: string;
  hint?: string;
  error?: string;
  required?: boolean;
  ctx: PageContext;
}

/** Label, hint and error of a field, and the ids that tie them to the control. */
function FieldFrame({ id, label, hint, error, required, ctx, children }: FieldProps & { children: ComponentChildren }) {
  return (
    <div class={`usa-form-group${error ? ' usa-form-group--error' : ''}`}>
      <label class={`usa-label${error ? ' usa-label--error' : ''}`} for={id}>
        {label}
        {required ? <span class="enlace-required"> ({ui(ctx.lang, 'required')})</span> : null}
      </label>
      {hint ? (
        <div class="usa-hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
      {error ? (
        <span class="usa-error-message" id={`${id}-error`} role="alert">
          {error}
        </span>
      ) : null}
      {children}
    </div>
  );
}

const describedBy = ({ id, hint, error }: FieldProps): string | undefined =>
  [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

export function TextInput(props: FieldProps & { value?: string; type?: 'text' | 'email' | 'password' | 'date' | 'search'; autocomplete?: string; maxLength?: number; inputMode?: 'text' | 'email' | 'numeric' }) {
  const { id, name, value, type = 'text', autocomplete, error, required, maxLength } = props;
  return (
    <FieldFrame {...props}>
      <input
        class={`usa-input${error ? ' usa-input--error' : ''}`}
        id={id}
        name={name ?? id}
        // Preact types each input type apart; every one used here takes a text value.
        type={type as 'text'}
        value={value ?? ''}
        autocomplete={autocomplete}
        required={required}
        maxLength={maxLength}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(props)}
      />
    </FieldFrame>
  );
}

export function TextArea(props: FieldProps & { value?: string; rows?: number; maxLength?: number }) {
  const { id, name, value, error, required, rows = 5, maxLength } = props;
  return (
    <FieldFrame {...props}>
      <textarea
        class={`usa-textarea${error ? ' usa-input--error' : ''}`}
        id={id}
        name={name ?? id}
        rows={rows}
        required={required}
        maxLength={maxLength}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(props)}
      >
        {value ?? ''}
      </textarea>
    </FieldFrame>
  );
}

export interface Option {
  value: string;
  label: string;
}

export function Select(props: FieldProps & { value?: string; options: readonly Option[]; placeholder?: string }) {
  const { id, name, value, error, required, options, placeholder } = props;
  return (
    <FieldFrame {...props}>
      <select
        class={`usa-select${error ? ' usa-input--error' : ''}`}
        id={id}
        name={name ?? id}
        required={required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(props)}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((option) => (
          <option value={option.value} selected={option.value === value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

/** A group of checkboxes or radio buttons with its legend. */
export function ChoiceGroup({
  id,
  name,
  legend,
  hint,
  error,
  type,
  options,
  checked,
}: {
  id: string;
  name: string;
  legend: string;
  hint?: string;
  error?: string;
  type: 'checkbox' | 'radio';
  options: readonly Option[];
  checked: readonly string[];
}) {
  return (
    <fieldset class={`usa-fieldset usa-form-group${error ? ' usa-form-group--error' : ''}`} id={id} tabindex={-1} aria-describedby={hint ? `${id}-hint` : undefined}>
      <legend class="usa-legend">{legend}</legend>
      {hint ? (
        <div class="usa-hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
      {error ? (
        <span class="usa-error-message" role="alert">
          {error}
        </span>
      ) : null}
      {options.map((option, i) => (
        <div class={`usa-${type}`}>
          <input class={`usa-${type}__input`} id={`${id}-${i}`} type={type} name={name} value={option.value} checked={checked.includes(option.value)} />
          <label class={`usa-${type}__label`} for={`${id}-${i}`}>
            {option.label}
          </label>
        </div>
      ))}
    </fieldset>
  );
}

export function SubmitButton({ label, secondary, name, value, disabled, describedBy }: { label: string; secondary?: boolean; name?: string; value?: string; disabled?: boolean; describedBy?: string }) {
  return (
    <button class={`usa-button${secondary ? ' usa-button--outline' : ''}`} type="submit" name={name} value={value} disabled={disabled} aria-describedby={describedBy}>
      {label}
    </button>
  );
}

/** Previous and next links of a paged list; `href` builds the address of a page. */
export function Pagination({ ctx, page, pageSize, total, href }: { ctx: PageContext; page: number; pageSize: number; total: number; href: (page: number) => string }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  return (
    <nav aria-label={ui(ctx.lang, 'pagination')} class="enlace-pagination">
      {page > 1 ? (
        <a href={href(page - 1)} rel="prev">
          {ui(ctx.lang, 'previousPage')}
        </a>
      ) : null}
      <span>{`${page} / ${pages}`}</span>
      {page < pages ? (
        <a href={href(page + 1)} rel="next">
          {ui(ctx.lang, 'nextPage')}
        </a>
      ) : null}
    </nav>
  );
}

/** A query string of the non-empty values, for links that keep a page's filters. */
export function queryString(values: Readonly<Record<string, string | number | undefined | null>>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/**
 * A table of figures or records: its caption (visible, or for screen readers only), its column
 * headers (an empty one is an actions column, named for screen readers), and `scroll` to let a wide
 * table scroll on its own, as a focusable region named by its caption (WCAG 1.4.10, 2.1.1).
 */
export function DataTable({
  ctx,
  id,
  caption,
  hideCaption,
  columns,
  variant = 'stacked',
  scroll,
  data,
  extraClass,
  children,
}: {
  ctx: PageContext;
  id: string;
  caption: string;
  hideCaption?: boolean;
  columns: readonly string[];
  /** stacked: each row becomes a card on a phone (cells carry data-label); compact: small figures. */
  variant?: 'stacked' | 'compact' | 'plain';
  scroll?: boolean;
  /** The `data-*` attribute that names the table for tests and scripts. */
  data: string;
  extraClass?: string;
  children: ComponentChildren;
}) {
  const variantClass = variant === 'stacked' ? 'usa-table--stacked enlace-table' : variant === 'compact' ? 'usa-table--compact' : 'enlace-table';
  const classes = ['usa-table', 'usa-table--borderless', variantClass, ...(extraClass ? [extraClass] : [])];
  const table = (
    <table class={classes.join(' ')} {...{ [`data-${data}`]: true }}>
      <caption id={`${id}-caption`} class={hideCaption ? 'usa-sr-only' : undefined}>
        {caption}
      </caption>
      <thead>
        <tr>
          {columns.map((column) => (
            <th scope="col">{column || <span class="usa-sr-only">{ui(ctx.lang, 'actions')}</span>}</th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
  return scroll ? (
    <div class="enlace-table-scroll" tabindex={0} role="region" aria-labelledby={`${id}-caption`}>
      {table}
    </div>
  ) : (
    table
  );
}
