// The files attached to a request, on its page: the list with each file's SHA-256 and a download link,
// and, while the creating fiscal may still change the request, a plain multipart form to annex one
// (kind, language, description, file) that works without JavaScript; the server's refusals (a file too
// large, 413; not a PDF, JPEG or PNG, 415) come back beside the field at fault, in the user's language.
import { LANGUAGES } from '../../workflows/request/request.types.js';
import { ANNEX_KIND_LABELS, LABELS, LANGUAGE_NAMES } from '../labels.js';
import { ui, type UiKey } from '../page-labels.js';
import { DataTable } from './components.js';
import { formatDateTime } from './format.js';
import type { FieldError, PageContext } from './page-context.js';
import { PATHS } from './paths.js';

export interface AnnexRowView {
  id: string;
  kind: string;
  language: string;
  description: string;
  filename: string;
  mediaType: string;
  sha256: string;
  sizeBytes: number;
  createdAt: string;
}

export interface AnnexesPanelView {
  requestId: string;
  annexes: AnnexRowView[];
  /** Whether this user may annex files now (the creating fiscal, while the request is editable). */
  editable: boolean;
  maxBytes: number;
  errors: FieldError[];
  /** What the user chose in a refused upload (never the file). */
  typed?: Record<string, string | string[] | undefined>;
}

/** The ids of the upload form's fields, which the server's errors name. */
export const ANNEX_FIELD_IDS = { kind: 'annex-kind', language: 'annex-language', description: 'annex-description', file: 'annex-file' } as const;

const megabytes = (bytes: number): string => String(Math.round((bytes / 1_048_576) * 10) / 10);
const sizeOf = (bytes: number): string => (bytes >= 1_048_576 ? `${megabytes(bytes)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

export const annexDownloadPath = (id: string): string => `/desk/annexes/${id}`;

export function AnnexesPanel({ ctx, view }: { ctx: PageContext; view: AnnexesPanelView }) {
  const t = (key: UiKey) => ui(ctx.lang, key);
  const error = (field: keyof typeof ANNEX_FIELD_IDS) => view.errors.find((e) => e.field === ANNEX_FIELD_IDS[field])?.message;
  const typed = (name: string): string => {
    const raw = view.typed?.[name];
    return typeof raw === 'string' ? raw : '';
  };
  const group = (field: keyof typeof ANNEX_FIELD_IDS) => `usa-form-group${error(field) ? ' usa-form-group--error' : ''}`;
  const described = (field: keyof typeof ANNEX_FIELD_IDS, hint: boolean) =>
    [hint ? `${ANNEX_FIELD_IDS[field]}-hint` : '', error(field) ? `${ANNEX_FIELD_IDS[field]}-error` : ''].filter(Boolean).join(' ') || undefined;
  const errorLine = (field: keyof typeof ANNEX_FIELD_IDS) =>
    error(field) ? (
      <span class="usa-error-message" id={`${ANNEX_FIELD_IDS[field]}-error`}>
        {error(field)}
      </span>
    ) : null;
  return (
    <section class="enlace-panel" id="annexes" aria-labelledby="annexes-title" tabindex={-1}>
      <h2 id="annexes-title">{LABELS.annexes[ctx.lang]}</h2>
      <p class="usa-hint">{t('annexesIntro')}</p>
      {view.annexes.length === 0 ? (
        <p id="annexes-none">{t('noAnnexes')}</p>
      ) : (
        <DataTable
          ctx={ctx}
          id="annexes-table"
          caption={t('annexesCaption')}
          hideCaption
          data="annexes"
          columns={[t('annexKind'), t('annexDescription'), t('annexLanguage'), t('annexSize'), 'SHA-256', '']}
        >
          {view.annexes.map((a, i) => (
            <tr data-annex={a.sha256}>
              <th scope="row" data-label={t('annexKind')} id={`annex-${i + 1}`}>
                {ANNEX_KIND_LABELS[a.kind]?.[ctx.lang] ?? a.kind}
              </th>
              <td data-label={t('annexDescription')} class="enlace-prose">
                {a.description}
                <span class="enlace-reference">{`${a.filename} · ${formatDateTime(a.createdAt, ctx.lang, ctx.timeZone)}`}</span>
              </td>
              <td data-label={t('annexLanguage')}>{LANGUAGE_NAMES[a.language as keyof typeof LANGUAGE_NAMES]?.[ctx.lang] ?? a.language}</td>
              <td data-label={t('annexSize')}>{sizeOf(a.sizeBytes)}</td>
              <td data-label="SHA-256">
                <code class="enlace-hash">{a.sha256}</code>
              </td>
              <td data-label={t('download')}>
                <a href={annexDownloadPath(a.id)} download aria-describedby={`annex-${i + 1}`}>
                  {`${t('download')} (${a.filename.split('.').pop()?.toUpperCase() ?? ''})`}
                </a>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {view.editable ? (
        // A multipart body is read as a stream after the guard: its CSRF token travels in the action.
        <form
          method="post"
          action={`${PATHS.request(view.requestId)}/annexes?_csrf=${encodeURIComponent(ctx.csrf)}`}
          enctype="multipart/form-data"
          class="usa-form usa-form--large enlace-no-print"
          id="annex-form"
        >
          <h3>{t('annexAdd')}</h3>
          <div class={group('kind')}>
            <label class="usa-label" for={ANNEX_FIELD_IDS.kind}>
              {t('annexKind')}
            </label>
            {errorLine('kind')}
            <select class="usa-select" id={ANNEX_FIELD_IDS.kind} name="kind" required aria-describedby={described('kind', false)}>
              <option value="">{t('notChosen')}</option>
              {Object.entries(ANNEX_KIND_LABELS).map(([kind, names]) => (
                <option value={kind} selected={typed('kind') === kind}>
                  {names[ctx.lang]}
                </option>
              ))}
            </select>
          </div>
          <div class={group('language')}>
            <label class="usa-label" for={ANNEX_FIELD_IDS.language}>
              {t('annexLanguage')}
            </label>
            {errorLine('language')}
            <select class="usa-select" id={ANNEX_FIELD_IDS.language} name="language" required aria-describedby={described('language', false)}>
              <option value="">{t('notChosen')}</option>
              {LANGUAGES.map((lang) => (
                <option value={lang} selected={typed('language') === lang}>
                  {LANGUAGE_NAMES[lang][ctx.lang]}
                </option>
              ))}
            </select>
          </div>
          <div class={group('description')}>
            <label class="usa-label" for={ANNEX_FIELD_IDS.description}>
              {t('annexDescription')}
            </label>
            <span class="usa-hint" id={`${ANNEX_FIELD_IDS.description}-hint`}>
              {t('annexDescriptionHint')}
            </span>
            {errorLine('description')}
            <textarea class="usa-textarea" id={ANNEX_FIELD_IDS.description} name="description" rows={2} maxLength={500} required aria-describedby={described('description', true)}>
              {typed('description')}
            </textarea>
          </div>
          <div class={group('file')}>
            <label class="usa-label" for={ANNEX_FIELD_IDS.file}>
              {t('annexFile')}
            </label>
            <span class="usa-hint" id={`${ANNEX_FIELD_IDS.file}-hint`}>
              {t('annexFileHint').replace('{mb}', megabytes(view.maxBytes))}
            </span>
            {errorLine('file')}
            <input
              class="usa-file-input"
              type="file"
              id={ANNEX_FIELD_IDS.file}
              name="file"
              required
              accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
              aria-describedby={described('file', true)}
            />
          </div>
          <button type="submit" class="usa-button">
            {t('annexSubmit')}
          </button>
        </form>
      ) : null}
    </section>
  );
}
