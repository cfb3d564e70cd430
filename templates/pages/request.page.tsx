import type { ComponentChildren } from 'preact';
import type { CountryCode, Language, RequestFields } from '../../workflows/request/request.types.js';
import { ACTOR_ROLE_LABELS, COUNTRY_NAMES, DOCUMENT_TITLES, LABELS, LANGUAGE_NAMES, STATE_LABELS } from '../labels.js';
import { EVENTS_WITH_COMMENT, EVENT_LABELS, ui, type UiKey } from '../page-labels.js';
import { FollowUpFields, advanceCopyChannels, type AdvanceCopyView } from './follow-up.js';
import { initials, isProtectedPerson } from '../redaction.js';
import type { DocumentKind } from '../view-model.js';
import { CasePanel, type CaseView } from './case.page.js';
import { Alert, CsrfField, DONE_NOTICE, ErrorSummary } from './components.js';
import { ExecutionFacts, type RequestExecution } from './execution-facts.js';
import { formatDateTime, formatDay } from './format.js';
import { Layout, renderFragment, renderPage } from './layout.js';
import type { FieldError, PageContext } from './page-context.js';
import { PATHS } from './paths.js';
import { REQUEST_FORM, fieldId, fieldName, itemFields, label, sectionOfPath, translatedText, translationBoxes, translationName, translationNeeds, valueAt, type FieldSpec, type SectionSpec } from './request-form.js';
import { AnnexesPanel, type AnnexRowView } from './annexes-panel.js';

export type RequestView = RequestFields & {
  id: string;
  reference: string;
  state: string;
  version: number;
  requestingCountry: CountryCode;
  requestedCountry: CountryCode;
  createdBy: { id: string; name: string };
  createdAt: string;
  updatedAt: string;
  availableEvents: string[];
  missing: string[];
  /** Whether this user may change the content now (the creating fiscal, while draft or standardized). */
  editable: boolean;
  handling?: RequestExecution;
  route?: { advanceCopy?: { channels: readonly string[] } | null } | null;
  followUp?: { advanceCopy: AdvanceCopyView | null };
};

export interface DocumentRow {
  id: string;
  kind: string;
  revision: number;
  status: string;
  createdAt: string;
}

export interface HistoryRow {
  event: string;
  to: string;
  actor: { role: string; country: string | null };
  comment: string | null;
  fields?: string[];
  at: string;
}

export interface MessageRow {
  author: { name: string; country: string };
  body: string;
  createdAt: string;
}

export interface RequestPageView {
  request: RequestView;
  violations: { field: string; rule: string }[];
  documents: DocumentRow[];
  history: HistoryRow[];
  /** null: the informal channel is not open to this user now. */
  messages: MessageRow[] | null;
  /** When the current stage is due, where it has a service level. */
  due?: { dueAt: string; overdue: boolean } | null;
  errors: FieldError[];
  /** What the user typed in a form the server refused, kept as typed. */
  typed?: { form: string; fields: Record<string, string | string[] | undefined> };
  /** The request changed since the user read it: the changes made since. */
  conflict?: { readVersion: number; changes: HistoryRow[] };
  notice?: UiKey;
  /** The files attached to the request; null when this user may not see them. */
  annexes?: AnnexRowView[] | null;
  /** The languages a certified translation annexed covers (the whole request in each). */
  certifiedTranslations?: Language[];
  /** The largest file an annex may be (ENLACE_ANNEX_MAX_BYTES), for the upload form's hint. */
  annexMaxBytes?: number;
  /** The case this request belongs to (other countries asked in the same investigation), as far as the viewer may see it. */
  case?: CaseView | null;
  /** Whether the server offers this user to ask another country from this request. */
  alsoAsk?: boolean;
}

const t = (ctx: PageContext, key: UiKey) => ui(ctx.lang, key);

/** A path of the request (`offenses[0].legalProvision`) as the reader knows it: section, item, field. */
export function pathLabel(ctx: PageContext, path: string): string {
  const section = sectionOfPath(path);
  if (!section) return path;
  if (section.perLanguage) {
    // translations.<lang>.<place>: the original's name, in the translation into that language.
    const [, lang, place] = /^translations\.(\w+)(?:\.(.+))?$/.exec(path) ?? [];
    const language = LANGUAGE_NAMES[lang as Language]?.[ctx.lang];
    const attestation = section.fields.find((f) => f.path === place);
    const original = place?.startsWith('texts.') ? place.slice('texts.'.length) : place?.replace(/^measures\[(\d+)\]$/, 'measures[$1].description');
    const what = attestation ? label(attestation.label, ctx.lang) : original && original !== 'measures' ? pathLabel(ctx, original) : undefined;
    return [label(section.title, ctx.lang), language, what].filter(Boolean).join(': ');
  }
  const index = /\[(\d+)\]/.exec(path)?.[1];
  // A list's item (`measures[1].questions[0]` is the measure's questions).
  const leaf = path.replace(/^[^.]*\[\d+\]\.?/, '').replace(/\[\d+\]$/, '');
  const field = section.fields.find((f) => f.path === (section.list ? leaf : path));
  const sectionName = label(section.title, ctx.lang);
  const itemName = index !== undefined ? ` ${Number(index) + 1}` : '';
  return field && (section.list ? leaf : section.fields.length > 1) ? `${sectionName}${itemName}: ${label(field.label, ctx.lang)}` : `${sectionName}${itemName}`;
}

/** The link target of a path of `missing`: its field when shown, else its section. */
function anchorOf(path: string): string {
  const section = sectionOfPath(path);
  if (!section) return '#content';
  if (section.perLanguage) return /^translations\.\w+\./.test(path) ? `#${fieldId(path)}` : `#section-${section.id}`;
  if (section.list) return /\[\d+\]\./.test(path) ? `#${fieldId(path)}` : `#section-${section.id}`;
  return section.fields.some((f) => f.path === path) ? `#${fieldId(path)}` : `#section-${section.id}`;
}

/** A rule the request breaks, as the reader understands it (the rule codes of workflows/rules). */
function violationText(ctx: PageContext, v: { field: string; rule: string }): string {
  const required = /^translation_required_(.+)$/.exec(v.rule);
  if (required) {
    const languages = required[1].split('_or_').map((lang) => LANGUAGE_NAMES[lang as Language]?.[ctx.lang] ?? lang);
    return `${t(ctx, 'translationMissing')}: ${languages.join(' / ')}`;
  }
  if (v.field.startsWith('translations.')) {
    const what = v.rule === 'must_match_measures' ? t(ctx, 'translationMeasuresMismatch') : t(ctx, 'missingField');
    return `${t(ctx, 'translationIncomplete')} (${what}): ${pathLabel(ctx, v.field)}`;
  }
  return `${t(ctx, 'ruleBroken')} ${v.rule}: ${pathLabel(ctx, v.field)}`;
}

function Blockers({ ctx, view }: { ctx: PageContext; view: RequestPageView }) {
  const { missing } = view.request;
  return (
    <section class="enlace-panel" aria-labelledby="blockers-title" id="blockers">
      <h2 id="blockers-title">{t(ctx, 'blockersTitle')}</h2>
      {missing.length === 0 && view.violations.length === 0 ? (
        <p>{t(ctx, 'blockersNone')}</p>
      ) : (
        <ul class="usa-list">
          {missing.map((path) => (
            <li>
              <a href={anchorOf(path)}>{`${t(ctx, 'missingField')}: ${pathLabel(ctx, path)}`}</a>
            </li>
          ))}
          {view.violations.map((v) => (
            <li>
              <a href={anchorOf(v.field)}>{violationText(ctx, v)}</a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function EventForm({ ctx, view, type }: { ctx: PageContext; view: RequestPageView; type: string }) {
  const request = view.request;
  const typed = view.typed?.form === `event-${type}` ? view.typed.fields : undefined;
  const error = (field: string) => (typed ? view.errors.find((e) => e.field === `${type}-${field}`)?.message : undefined);
  const blocked = type === 'SUBMIT' && (request.missing.length > 0 || view.violations.length > 0);
  const commentError = error('comment');
  const confirmError = error('confirm');
  return (
    <form method="post" action={`${PATHS.request(request.id)}/events`} class="enlace-action" id={`event-${type}`}>
      <CsrfField ctx={ctx} />
      <input type="hidden" name="type" value={type} />
      <input type="hidden" name="expectedVersion" value={String(request.version)} />
      {EVENTS_WITH_COMMENT.includes(type) ? (
        <div class={`usa-form-group${commentError ? ' usa-form-group--error' : ''}`}>
          <label class="usa-label" for={`${type}-comment`}>
            {`${t(ctx, 'comment')} (${t(ctx, 'required')})`}
          </label>
          {commentError ? (
            <span class="usa-error-message" id={`${type}-comment-error`}>
              {commentError}
            </span>
          ) : null}
          <textarea class="usa-textarea" id={`${type}-comment`} name="comment" rows={3} maxLength={20000} aria-describedby={commentError ? `${type}-comment-error` : undefined}>
            {typeof typed?.comment === 'string' ? typed.comment : ''}
          </textarea>
        </div>
      ) : null}
      {type === 'RECORD_EXECUTION' ? (
        <fieldset class="usa-fieldset">
          <legend class="usa-legend">{t(ctx, 'outcome')}</legend>
          {(['total', 'partial'] as const).map((outcome, i) => (
            <div class="usa-radio">
              <input class="usa-radio__input" type="radio" id={`outcome-${outcome}`} name="outcome" value={outcome} checked={i === 0} />
              <label class="usa-radio__label" for={`outcome-${outcome}`}>
                {outcome}
              </label>
            </div>
          ))}
        </fieldset>
      ) : null}
      <FollowUpFields
        ctx={ctx}
        event={type}
        idOf={(name) => `${type}-data-${name}`}
        errorOf={(name) => error(`data-${name}`)}
        typed={typed as Record<string, unknown> | undefined}
        channels={advanceCopyChannels(request)}
      />
      {type === 'WITHDRAW' ? (
        <div class={`usa-checkbox${confirmError ? ' usa-form-group--error' : ''}`}>
          {confirmError ? <span class="usa-error-message">{confirmError}</span> : null}
          <input class="usa-checkbox__input" type="checkbox" id="WITHDRAW-confirm" name="confirm" value="yes" />
          <label class="usa-checkbox__label" for="WITHDRAW-confirm">
            {t(ctx, 'confirmWithdraw')}
          </label>
        </div>
      ) : null}
      <button type="submit" class={`usa-button${type === 'WITHDRAW' || type === 'REJECT' || type === 'REFUSE' ? ' usa-button--secondary' : ''}`} disabled={blocked} aria-describedby={blocked ? 'submit-blocked' : undefined}>
        {EVENT_LABELS[type]?.[ctx.lang] ?? type}
      </button>
      {blocked ? (
        <p class="usa-hint" id="submit-blocked">
          <a href="#blockers">{t(ctx, 'submitBlocked')}</a>
        </p>
      ) : null}
    </form>
  );
}

function Actions({ ctx, view }: { ctx: PageContext; view: RequestPageView }) {
  const events = view.request.availableEvents;
  return (
    <section class="enlace-panel enlace-no-print" aria-labelledby="actions-title" id="actions">
      <h2 id="actions-title">{t(ctx, 'actions')}</h2>
      <ExecutionFacts ctx={ctx} request={view.request} />
      {events.length === 0 ? <p>{t(ctx, 'noActions')}</p> : events.map((type) => <EventForm ctx={ctx} view={view} type={type} />)}
    </section>
  );
}

function FieldInput({
  ctx,
  spec,
  name,
  id,
  value,
  error,
  labelText,
  hint,
}: {
  ctx: PageContext;
  spec: FieldSpec;
  name: string;
  id: string;
  value: unknown;
  error?: string;
  /** Instead of the spec's label (a translated measure is named by its number). */
  labelText?: string;
  hint?: string;
}) {
  const text = value === undefined || value === null ? '' : Array.isArray(value) ? '' : String(value);
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const hintLine = hint ? (
    <span class="usa-hint enlace-prose" id={`${id}-hint`}>
      {hint}
    </span>
  ) : null;
  const errorLine = error ? (
    <span class="usa-error-message" id={`${id}-error`}>
      {error}
    </span>
  ) : null;
  const group = (children: ComponentChildren) => <div class={`usa-form-group${error ? ' usa-form-group--error' : ''}`}>{children}</div>;
  const fieldLabel = labelText ?? label(spec.label, ctx.lang);
  if (spec.kind === 'checkboxes' || spec.kind === 'yesno') {
    const chosen = spec.kind === 'yesno' ? (value === true ? ['true'] : value === false ? ['false'] : []) : Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : [];
    const choices = spec.kind === 'yesno' ? [['true', t(ctx, 'yes')], ['false', t(ctx, 'no')]] : Object.entries(spec.options ?? {}).map(([v, l]) => [v, l[ctx.lang]]);
    return group(
      <fieldset class="usa-fieldset" id={id} tabindex={-1} aria-describedby={described}>
        <legend class="usa-legend">{fieldLabel}</legend>
        {errorLine}
        {choices.map(([v, l]) => (
          <div class={spec.kind === 'yesno' ? 'usa-radio' : 'usa-checkbox'}>
            <input
              class={spec.kind === 'yesno' ? 'usa-radio__input' : 'usa-checkbox__input'}
              type={spec.kind === 'yesno' ? 'radio' : 'checkbox'}
              id={`${id}-${v}`}
              name={name}
              value={v}
              checked={chosen.includes(v)}
            />
            <label class={spec.kind === 'yesno' ? 'usa-radio__label' : 'usa-checkbox__label'} for={`${id}-${v}`}>
              {l}
            </label>
          </div>
        ))}
      </fieldset>,
    );
  }
  const labelEl = (
    <label class="usa-label" for={id}>
      {fieldLabel}
    </label>
  );
  if (spec.kind === 'select') {
    return group(
      <>
        {labelEl}
        {errorLine}
        <select class="usa-select" id={id} name={name} aria-describedby={described}>
          <option value="">{t(ctx, 'notChosen')}</option>
          {Object.entries(spec.options ?? {}).map(([v, l]) => (
            <option value={v} selected={v === text}>
              {l[ctx.lang]}
            </option>
          ))}
        </select>
      </>,
    );
  }
  if (spec.kind === 'textarea' || spec.kind === 'lines') {
    const lines = spec.kind === 'lines' && Array.isArray(value) ? value.join('\n') : text;
    return group(
      <>
        {labelEl}
        {hintLine}
        {spec.kind === 'lines' ? (
          <span class="usa-hint" id={`${id}-lines-hint`}>
            {t(ctx, 'linesHint')}
          </span>
        ) : null}
        {errorLine}
        <textarea class="usa-textarea" id={id} name={name} rows={spec.kind === 'lines' ? 4 : 5} maxLength={20000} aria-describedby={[spec.kind === 'lines' ? `${id}-lines-hint` : '', described ?? ''].filter(Boolean).join(' ') || undefined}>
          {lines}
        </textarea>
      </>,
    );
  }
  return group(
    <>
      {labelEl}
      {hintLine}
      {errorLine}
      <input class="usa-input" id={id} name={name} type={(spec.kind === 'datetime' ? 'datetime-local' : spec.kind) as 'text'} value={text} maxLength={300} aria-describedby={described} />
    </>,
  );
}

/** The value a field shows: what the user typed in a refused form, else the request's. */
function shown(view: RequestPageView, section: SectionSpec, spec: FieldSpec, index?: number): unknown {
  const name = fieldName(section, spec.path, index);
  if (view.typed?.form === `section-${section.id}`) {
    const raw = view.typed.fields[name];
    if (spec.kind === 'yesno') return raw === 'true' ? true : raw === 'false' ? false : undefined;
    if (spec.kind === 'lines') return typeof raw === 'string' ? raw.split(/\r?\n/) : [];
    return raw;
  }
  const source = section.list ? ((view.request[section.list] as unknown[] | undefined) ?? [])[index!] : view.request;
  return valueAt(source, spec.path);
}

/** A list item as the page shows it: as typed in a refused form (its type decides its fields), else the request's. */
function itemShown(view: RequestPageView, section: SectionSpec, index: number): Record<string, unknown> {
  const stored = ((view.request[section.list!] as Record<string, unknown>[] | undefined) ?? [])[index] ?? {};
  if (view.typed?.form !== `section-${section.id}`) return stored;
  const typedType = view.typed.fields[fieldName(section, 'type', index)];
  return { ...stored, ...(typeof typedType === 'string' && { type: typedType }) };
}

/** The attributes of a section's form: a plain POST, which htmx sends in the background where it runs. */
const sectionForm = (request: RequestView, section: SectionSpec) => ({
  method: 'post',
  action: `${PATHS.request(request.id)}/sections/${section.id}`,
  class: 'usa-form usa-form--large enlace-section-form',
  'hx-post': `${PATHS.request(request.id)}/sections/${section.id}`,
  'hx-target': '#request-body',
  'hx-select': '#request-body',
  'hx-swap': 'outerHTML',
});

/**
 * The translations: what the requested country accepts and whether a translation is needed, then one
 * group per language offered: the translator's attestation, and a box for every free text of the request
 * (TRANSLATABLE_FIELDS) beside its original; or, where a certified translation in that language is
 * annexed, the attestation alone.
 */
function TranslationsSection({ ctx, view, section }: { ctx: PageContext; view: RequestPageView; section: SectionSpec }) {
  const request = view.request;
  const needs = translationNeeds(request);
  const typed = view.typed?.form === `section-${section.id}` ? view.typed.fields : undefined;
  const errorOf = (name: string) => (typed ? view.errors.find((e) => e.field === fieldId(name))?.message : undefined);
  const valueOf = (lang: Language, place: string, path?: string): string => {
    if (typed) {
      const raw = typed[translationName(lang, place)];
      return typeof raw === 'string' ? raw : '';
    }
    const translation = request.translations?.[lang];
    const value = path ? translatedText(translation, path) : valueAt(translation, place);
    return typeof value === 'string' ? value : '';
  };
  const certified = new Set(view.certifiedTranslations ?? []);
  const intro = needs.needed === null ? 'translationLanguageFirst' : needs.needed ? 'translationNeededHere' : 'translationNotNeeded';
  const languages = needs.accepted.map((lang) => LANGUAGE_NAMES[lang][ctx.lang]).join(', ');
  const title = label(section.title, ctx.lang);
  const boxes = translationBoxes(request);
  return (
    <section class="enlace-section" id={`section-${section.id}`} aria-labelledby={`section-${section.id}-title`} tabindex={-1}>
      <h3 id={`section-${section.id}-title`}>{title}</h3>
      <p id="translation-needs" data-needed={String(needs.needed)}>{`${t(ctx, intro)} ${languages}.`}</p>
      {needs.needed ? <p class="usa-hint">{t(ctx, 'translationOrAnnex')}</p> : null}
      {needs.offered.length > 0 ? (
        <form {...sectionForm(request, section)}>
          <CsrfField ctx={ctx} />
          <input type="hidden" name="expectedVersion" value={String(request.version)} />
          {needs.offered.map((lang) => (
            <fieldset class="usa-fieldset enlace-item" id={`translations-${lang}`} tabindex={-1} data-lang={lang}>
              <legend class="usa-legend usa-legend--large">{`${label('secTranslation', ctx.lang)}: ${LANGUAGE_NAMES[lang][ctx.lang]}`}</legend>
              <fieldset class="usa-fieldset" id={fieldId(translationName(lang, 'attestation'))} tabindex={-1}>
                <legend class="usa-legend">{label('attestation', ctx.lang)}</legend>
                {section.fields.map((spec) => {
                  const name = translationName(lang, spec.path);
                  return <FieldInput ctx={ctx} spec={spec} name={name} id={fieldId(name)} value={valueOf(lang, spec.path)} error={errorOf(name)} />;
                })}
              </fieldset>
              {certified.has(lang) ? (
                <p class="usa-alert__text" id={`translations-${lang}-certified`}>
                  {t(ctx, 'certifiedTranslationAnnexed')}
                </p>
              ) : (
                boxes.map((box) => {
                  const name = translationName(lang, box.place);
                  return (
                    <FieldInput
                      ctx={ctx}
                      spec={{ path: box.place, label: 'description', kind: box.kind }}
                      name={name}
                      id={fieldId(name)}
                      value={valueOf(lang, box.place, box.path)}
                      error={errorOf(name)}
                      labelText={pathLabel(ctx, box.path)}
                      hint={`${t(ctx, 'originalText')} ${box.original}`}
                    />
                  );
                })
              )}
            </fieldset>
          ))}
          <button type="submit" class="usa-button">
            {`${t(ctx, 'save')}: ${title}`}
          </button>
        </form>
      ) : null}
    </section>
  );
}

function Section({ ctx, view, section }: { ctx: PageContext; view: RequestPageView; section: SectionSpec }) {
  if (section.perLanguage) return <TranslationsSection ctx={ctx} view={view} section={section} />;
  const request = view.request;
  const typedHere = view.typed?.form === `section-${section.id}`;
  const errorOf = (path: string) => (typedHere ? view.errors.find((e) => e.field === fieldId(path))?.message : undefined);
  const existing = section.list ? ((request[section.list] as unknown[] | undefined) ?? []).length : 0;
  const typedCount = typedHere && section.list ? new Set(Object.keys(view.typed!.fields).map((k) => /^\w+\[(\d+)\]/.exec(k)?.[1]).filter(Boolean)).size : 0;
  const count = section.list ? Math.max(existing + 1, typedCount) : 0;
  const title = label(section.title, ctx.lang);
  return (
    <section class="enlace-section" id={`section-${section.id}`} aria-labelledby={`section-${section.id}-title`} tabindex={-1}>
      <h3 id={`section-${section.id}-title`}>{title}</h3>
      {section.list === 'priorInformalExchanges' ? <p class="usa-hint">{t(ctx, 'priorExchangesHint')}</p> : null}
      <form {...sectionForm(request, section)}>
        <CsrfField ctx={ctx} />
        <input type="hidden" name="expectedVersion" value={String(request.version)} />
        {section.list
          ? Array.from({ length: count }, (_, i) => {
              const person = section.list === 'persons' ? ((request.persons ?? [])[i] as Parameters<typeof isProtectedPerson>[0] | undefined) : undefined;
              return (
                <fieldset class="usa-fieldset enlace-item">
                  <legend class="usa-legend usa-legend--large">{i < existing ? `${t(ctx, 'item')} ${i + 1}` : t(ctx, 'newItem')}</legend>
                  {person && isProtectedPerson(person, new Date(request.createdAt)) ? <p class="usa-tag enlace-tag--protected">{`${t(ctx, 'protectedPerson')}: ${initials(person.fullName)}`}</p> : null}
                  {itemFields(section, itemShown(view, section, i)).map((spec) => {
                    const path = `${section.list}[${i}].${spec.path}`;
                    // A structured field its measure's type requires, still empty, says so beside it (SUBMIT's `missing`).
                    const blocker = spec.types && request.missing.includes(path) ? `${label(spec.label, ctx.lang)}: ${t(ctx, 'requiredForMeasure')}` : undefined;
                    return <FieldInput ctx={ctx} spec={spec} name={fieldName(section, spec.path, i)} id={fieldId(path)} value={shown(view, section, spec, i)} error={errorOf(path) ?? blocker} />;
                  })}
                  {i < existing ? (
                    <button type="submit" class="usa-button usa-button--unstyled" name="remove" value={String(i)}>
                      {`${t(ctx, 'removeItem')}: ${t(ctx, 'item')} ${i + 1}`}
                    </button>
                  ) : null}
                </fieldset>
              );
            })
          : section.fields.map((spec) => <FieldInput ctx={ctx} spec={spec} name={spec.path} id={fieldId(spec.path)} value={shown(view, section, spec)} error={errorOf(spec.path)} />)}
        <button type="submit" class="usa-button">
          {`${t(ctx, 'save')}: ${title}`}
        </button>
      </form>
    </section>
  );
}

/** A value as a reader reads it: option labels, yes or no, dates in the reader's language. */
function shownValue(ctx: PageContext, spec: FieldSpec, value: unknown): string {
  if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) return '—';
  const option = (v: unknown) => spec.options?.[String(v)]?.[ctx.lang] ?? String(v);
  if (Array.isArray(value)) return value.map(spec.options ? option : String).join(spec.kind === 'lines' ? '\n' : '; ');
  if (typeof value === 'boolean') return t(ctx, value ? 'yes' : 'no');
  if (spec.kind === 'date') return formatDay(String(value), ctx.lang, ctx.timeZone);
  if (spec.kind === 'datetime') return String(value).replace('T', ' ');
  return spec.options ? option(value) : String(value);
}

function Facts({ ctx, specs, source, idOf }: { ctx: PageContext; specs: readonly FieldSpec[]; source: unknown; idOf?: (spec: FieldSpec) => string }) {
  return (
    <dl class="enlace-facts">
      {specs.map((spec) => (
        <>
          <dt>{label(spec.label, ctx.lang)}</dt>
          <dd class="enlace-prose" id={idOf?.(spec)}>
            {shownValue(ctx, spec, valueAt(source, spec.path))}
          </dd>
        </>
      ))}
    </dl>
  );
}

/**
 * The whole request, read-only, section by section in the standardized form's order: for whoever may
 * read it but not change it (the counterpart sees protected persons as the server disclosed them), and
 * for the print view.
 */
export function RequestContent({ ctx, request }: { ctx: PageContext; request: RequestFields }) {
  return (
    <>
      {REQUEST_FORM.map((section) => {
        const title = label(section.title, ctx.lang);
        const items = section.list ? ((request[section.list] as Record<string, unknown>[] | undefined) ?? []) : [];
        return (
          <section class="enlace-section enlace-readonly" id={`section-${section.id}`} aria-labelledby={`section-${section.id}-title`}>
            <h3 id={`section-${section.id}-title`}>{title}</h3>
            {section.perLanguage ? (
              Object.keys(request.translations ?? {}).length === 0 ? (
                <p>—</p>
              ) : (
                (Object.entries(request.translations ?? {}) as unknown as [Language, Record<string, unknown>][]).map(([lang, translation]) => (
                  <div class="enlace-item" lang={lang}>
                    <h4>{`${label('secTranslation', ctx.lang)}: ${LANGUAGE_NAMES[lang]?.[ctx.lang] ?? lang}`}</h4>
                    <Facts ctx={ctx} specs={section.fields} source={translation} />
                    <dl class="enlace-facts">
                      {translationBoxes(request).map((box) => (
                        <>
                          <dt>{pathLabel(ctx, box.path)}</dt>
                          <dd class="enlace-prose">{translatedText(translation, box.path) || '—'}</dd>
                        </>
                      ))}
                    </dl>
                  </div>
                ))
              )
            ) : section.list ? (
              items.length === 0 ? (
                <p>—</p>
              ) : (
                <ol class="enlace-items">
                  {items.map((item) => (
                    <li class="enlace-item">
                      {item.protected === true ? <p class="usa-tag enlace-tag--protected">{t(ctx, 'protectedPerson')}</p> : null}
                      <Facts ctx={ctx} specs={section.fields.filter((spec) => valueAt(item, spec.path) !== undefined)} source={item} />
                    </li>
                  ))}
                </ol>
              )
            ) : (
              <Facts ctx={ctx} specs={section.fields} source={request} idOf={(spec) => fieldId(spec.path)} />
            )}
          </section>
        );
      })}
    </>
  );
}

export function DocumentsPanel({ ctx, requestId, documents }: { ctx: PageContext; requestId: string; documents: DocumentRow[] }) {
  const pending = documents.some((d) => d.status === 'pending');
  const status = (s: string) => t(ctx, s === 'ready' ? 'docReady' : s === 'failed' ? 'docFailed' : 'docPending');
  return (
    <section
      class="enlace-panel"
      id="documents"
      aria-labelledby="documents-title"
      // While a document is being prepared, htmx asks again every few seconds; without JS a reload does.
      hx-get={pending ? `${PATHS.request(requestId)}/documents` : undefined}
      hx-trigger={pending ? 'every 3s' : undefined}
      hx-swap={pending ? 'outerHTML' : undefined}
    >
      <h2 id="documents-title">{t(ctx, 'documents')}</h2>
      {documents.length === 0 ? (
        <p>{t(ctx, 'noDocuments')}</p>
      ) : (
        <ul class="usa-list usa-list--unstyled enlace-documents" aria-live="polite">
          {documents.map((d) => (
            <li data-status={d.status} data-kind={d.kind}>
              <strong>{DOCUMENT_TITLES[d.kind as DocumentKind]?.[ctx.lang] ?? d.kind}</strong>
              {` · ${t(ctx, 'version')} ${d.revision} · ${formatDateTime(d.createdAt, ctx.lang, ctx.timeZone)} · `}
              <span class="enlace-doc-status">{status(d.status)}</span>
              {d.status === 'ready' ? (
                <>
                  {' · '}
                  <a href={`/desk/documents/${d.id}`} download>
                    {`${t(ctx, 'download')} (PDF)`}
                  </a>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function HistoryPanel({ ctx, history }: { ctx: PageContext; history: HistoryRow[] }) {
  return (
    <section class="enlace-panel" id="history" aria-labelledby="history-title">
      <h2 id="history-title">{t(ctx, 'history')}</h2>
      <ol class="enlace-timeline">
        {history.map((h) => (
          <li>
            <time dateTime={h.at}>{formatDateTime(h.at, ctx.lang, ctx.timeZone)}</time>
            {' · '}
            <strong>{EVENT_LABELS[h.event]?.[ctx.lang] ?? h.event}</strong>
            {` · ${ACTOR_ROLE_LABELS[h.actor.role]?.[ctx.lang] ?? h.actor.role}${h.actor.country ? ` (${h.actor.country})` : ''} · ${STATE_LABELS[h.to]?.[ctx.lang] ?? h.to}`}
            {h.comment ? <blockquote class="enlace-comment">{h.comment}</blockquote> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

function MessagesPanel({ ctx, view }: { ctx: PageContext; view: RequestPageView }) {
  if (view.messages === null) return null;
  const typed = view.typed?.form === 'message' ? view.typed.fields.body : undefined;
  const error = view.typed?.form === 'message' ? view.errors.find((e) => e.field === 'message-body')?.message : undefined;
  return (
    <section class="enlace-panel" id="messages" aria-labelledby="messages-title">
      <h2 id="messages-title">{t(ctx, 'messages')}</h2>
      {view.messages.length === 0 ? (
        <p>{t(ctx, 'noMessages')}</p>
      ) : (
        <ol class="enlace-messages">
          {view.messages.map((m) => (
            <li>
              <p class="enlace-message__meta">
                <strong>{m.author.name}</strong>
                {` (${COUNTRY_NAMES[m.author.country as CountryCode]?.[ctx.lang] ?? m.author.country}) · ${formatDateTime(m.createdAt, ctx.lang, ctx.timeZone)}`}
              </p>
              <p class="enlace-message__body">{m.body}</p>
            </li>
          ))}
        </ol>
      )}
      <form method="post" action={`${PATHS.request(view.request.id)}/messages`} class="usa-form usa-form--large enlace-no-print">
        <CsrfField ctx={ctx} />
        <div class={`usa-form-group${error ? ' usa-form-group--error' : ''}`}>
          <label class="usa-label" for="message-body">
            {t(ctx, 'message')}
          </label>
          {error ? (
            <span class="usa-error-message" id="message-body-error">
              {error}
            </span>
          ) : null}
          <textarea class="usa-textarea" id="message-body" name="body" rows={3} maxLength={10000} aria-describedby={error ? 'message-body-error' : undefined}>
            {typeof typed === 'string' ? typed : ''}
          </textarea>
        </div>
        <button type="submit" class="usa-button usa-button--outline">
          {t(ctx, 'sendMessage')}
        </button>
      </form>
    </section>
  );
}

function ConflictNotice({ ctx, conflict }: { ctx: PageContext; conflict: NonNullable<RequestPageView['conflict']> }) {
  return (
    <Alert kind="warning" heading={t(ctx, 'conflictTitle')} id="conflict-notice">
      <p>{t(ctx, 'conflictText')}</p>
      <ul class="usa-list" id="conflict-changes">
        {conflict.changes.map((change) => (
          <li>
            {`${formatDateTime(change.at, ctx.lang, ctx.timeZone)} · ${ACTOR_ROLE_LABELS[change.actor.role]?.[ctx.lang] ?? change.actor.role} ${t(ctx, 'changedSections')}: `}
            {change.fields && change.fields.length > 0
              ? change.fields.map((f) => pathLabel(ctx, f)).join(', ')
              : (EVENT_LABELS[change.event]?.[ctx.lang] ?? change.event)}
          </li>
        ))}
      </ul>
    </Alert>
  );
}

export function RequestBody({ ctx, view }: { ctx: PageContext; view: RequestPageView }) {
  const request = view.request;
  return (
    <div id="request-body">
      {/* Inside the part htmx swaps after a save: the state and version shown stay those of the forms. */}
      <dl class="enlace-facts enlace-summary">
        <dt>{t(ctx, 'state')}</dt>
        <dd id="request-state">{STATE_LABELS[request.state]?.[ctx.lang] ?? request.state}</dd>
        {view.due ? (
          <>
            <dt>{t(ctx, 'dueDate')}</dt>
            <dd id="request-due">
              {formatDay(view.due.dueAt, ctx.lang, ctx.timeZone)}
              {view.due.overdue ? <span class="usa-tag enlace-tag--overdue">{t(ctx, 'overdue')}</span> : null}
            </dd>
          </>
        ) : null}
        <dt>{t(ctx, 'requestingCountry')}</dt>
        <dd>{COUNTRY_NAMES[request.requestingCountry][ctx.lang]}</dd>
        <dt>{t(ctx, 'requestedCountry')}</dt>
        <dd>{COUNTRY_NAMES[request.requestedCountry][ctx.lang]}</dd>
        <dt>{t(ctx, 'createdBy')}</dt>
        <dd>{request.createdBy.name}</dd>
        <dt>{t(ctx, 'lastChange')}</dt>
        <dd>{`${formatDateTime(request.updatedAt, ctx.lang, ctx.timeZone)} · ${t(ctx, 'version')} ${request.version}`}</dd>
      </dl>
      {view.notice ? <Alert kind="success" slim id={DONE_NOTICE}>{t(ctx, view.notice)}</Alert> : null}
      {view.conflict ? <ConflictNotice ctx={ctx} conflict={view.conflict} /> : null}
      <ErrorSummary ctx={ctx} errors={view.errors} />
      <Blockers ctx={ctx} view={view} />
      <Actions ctx={ctx} view={view} />
      <section class="enlace-panel" id="content" aria-labelledby="content-title">
        <h2 id="content-title">{t(ctx, 'content')}</h2>
        {request.editable ? REQUEST_FORM.map((section) => <Section ctx={ctx} view={view} section={section} />) : <RequestContent ctx={ctx} request={request} />}
      </section>
    </div>
  );
}

export function RequestPage({ ctx, view }: { ctx: PageContext; view: RequestPageView }) {
  const request = view.request;
  const title = request.title ?? request.reference;
  return (
    <Layout ctx={ctx} title={`${request.reference} · ${title}`}>
      <p class="enlace-breadcrumb enlace-no-print">
        <a href={PATHS.requests}>{t(ctx, 'myRequests')}</a>
        {' · '}
        <a href={PATHS.requestPrint(request.id)} id="print-link">
          {t(ctx, 'printView')}
        </a>
        {/* The annexes come after the whole form: a keyboard user reaches them from here in one step. */}
        {view.annexes ? (
          <>
            {' · '}
            <a href="#annexes" id="annexes-link">
              {LABELS.annexes[ctx.lang]}
            </a>
          </>
        ) : null}
      </p>
      <h1>
        <span class="enlace-reference">{request.reference}</span> {title}
      </h1>
      <RequestBody ctx={ctx} view={view} />
      {view.annexes ? (
        <AnnexesPanel
          ctx={ctx}
          view={{
            requestId: request.id,
            annexes: view.annexes,
            editable: request.editable,
            maxBytes: view.annexMaxBytes ?? 0,
            errors: view.typed?.form === 'annex' ? view.errors : [],
            typed: view.typed?.form === 'annex' ? view.typed.fields : undefined,
          }}
        />
      ) : null}
      <CasePanel ctx={ctx} kase={view.case ?? null} requestId={request.id} alsoAsk={view.alsoAsk ?? false} />
      <MessagesPanel ctx={ctx} view={view} />
      <DocumentsPanel ctx={ctx} requestId={request.id} documents={view.documents} />
      <HistoryPanel ctx={ctx} history={view.history} />
    </Layout>
  );
}

export const requestPage = (ctx: PageContext, view: RequestPageView): string => renderPage(<RequestPage ctx={ctx} view={view} />);
export const documentsFragment = (ctx: PageContext, requestId: string, documents: DocumentRow[]): string =>
  renderFragment(<DocumentsPanel ctx={ctx} requestId={requestId} documents={documents} />);
