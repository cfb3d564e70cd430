import { COUNTRY_CODES, type CountryCode } from '../../workflows/request/request.types.js';
import { ACTOR_ROLE_LABELS, COUNTRY_NAMES, STATE_LABELS } from '../labels.js';
import { ui, type UiKey } from '../page-labels.js';
import { DataTable, ErrorSummary, Pagination, Select, SubmitButton, TextInput, queryString } from './components.js';
import { formatDateTime, formatDay } from './format.js';
import { Layout, renderPage } from './layout.js';
import type { FieldError, PageContext } from './page-context.js';
import { PATHS } from './paths.js';

/** One stage's figures, as GET /api/analytics/turnaround gives them (times in whole hours). */
export interface DashboardStage {
  stage: string;
  /** Null with every figure when the group is held back (fewer requests than `suppressedBelow`). */
  visits: number | null;
  open: number | null;
  overdue: number | null;
  suppressed: boolean;
  medianHours: number | null;
  p90Hours: number | null;
  maxHours: number | null;
  returnedShare: number | null;
  refusedShare: number | null;
}

export interface DashboardOverdueItem {
  requestId: string;
  reference: string;
  requestedCountry: string;
  stage: string;
  dueAt: string;
  daysLate: number;
  responsibleCountry: string;
  office: string;
}

export interface DashboardFilter {
  from?: string;
  to?: string;
  requestedCountry?: string;
  stage?: string;
}

export interface DashboardView {
  /** The instant the page's figures are measured up to: the earliest of its reports' asOf (figures kept ready are minutes old). */
  asOf: string;
  filter: DashboardFilter;
  /** The period the filter form refused, as typed, with why (the figures are the other filters' alone). */
  period?: { from: string; to: string; errors: readonly FieldError[] };
  /** The stages a request can wait in, for the filter. */
  stages: readonly string[];
  /** Requests in each stage now (the figures with no period); null when held back. */
  now: readonly { stage: string; open: number | null }[];
  /** The admin's region figures hold back groups of fewer requests than this; null for a supervisor. */
  suppressedBelow: number | null;
  /** The figures for the filter's period and country, of the filter's stage or all. */
  figures: readonly DashboardStage[];
  /** The median per stage and pair of countries, for the heat table. */
  pairs: readonly DashboardPairFigure[];
  /** The median per stage in each month of the period (oldest first), each the API's figure for that month. */
  trend: readonly DashboardMonth[];
  overdue: { items: readonly DashboardOverdueItem[]; total: number; page: number; pageSize: number };
}

export interface DashboardPairFigure {
  stage: string;
  requestingCountry?: string;
  requestedCountry?: string;
  medianHours: number | null;
  suppressed: boolean;
}

export interface DashboardMonth {
  /** YYYY-MM */
  month: string;
  from: string;
  to: string;
  items: readonly { stage: string; medianHours: number | null; suppressed: boolean }[];
}

/** Five shades, from short to long, each with a text colour that keeps 4.5:1 (enlace.css). */
const HEAT_LEVELS = 5;
const heatLevel = (value: number, top: number): number => (top <= 0 ? 0 : Math.min(HEAT_LEVELS - 1, Math.floor((value / top) * HEAT_LEVELS)));

/**
 * The median per stage for each pair of countries: a table first (what a screen reader reads), its
 * cells shaded by how long the stage took relative to the longest of its column.
 */
/** A view's download, named for a screen reader (several on one page). */
function CsvLink({ ctx, href, view }: { ctx: PageContext; href: string; view: string }) {
  return (
    <p class="enlace-no-print">
      <a href={href} download>
        {ui(ctx.lang, 'downloadCsv')}
        <span class="usa-sr-only">{`: ${view}`}</span>
      </a>
    </p>
  );
}

function HeatTable({ ctx, pairs, fewer }: { ctx: PageContext; pairs: readonly DashboardPairFigure[]; fewer: string }) {
  const t = (key: UiKey) => ui(ctx.lang, key);
  const country = (code: string) => COUNTRY_NAMES[code as CountryCode]?.[ctx.lang] ?? code;
  const keys = [...new Set(pairs.map((p) => `${p.requestingCountry}-${p.requestedCountry}`))].sort();
  // The stages in the order the figures come in (the lifecycle's).
  const columns = [...new Set(pairs.map((p) => p.stage))];
  const cell = (key: string, stage: string) => pairs.find((p) => `${p.requestingCountry}-${p.requestedCountry}` === key && p.stage === stage);
  const top = (stage: string) => Math.max(0, ...pairs.filter((p) => p.stage === stage).map((p) => p.medianHours ?? 0));
  if (keys.length === 0) return <p>{t('noFigure')}</p>;
  return (
    <DataTable
      ctx={ctx}
      id="pairs"
      caption={t('medianByPair')}
      variant="compact"
      extraClass="enlace-heat"
      scroll
      data="pairs"
      columns={[t('countryPair'), ...columns.map((stage) => STATE_LABELS[stage]?.[ctx.lang] ?? stage)]}
    >
      {keys.map((key) => {
        const [from, to] = key.split('-');
        return (
          <tr data-pair={key}>
            <th scope="row">{`${country(from)} → ${country(to)}`}</th>
            {columns.map((stage) => {
              const figure = cell(key, stage);
              const value = figure?.medianHours ?? null;
              return (
                <td data-stage={stage} class={value === null ? undefined : `enlace-heat--${heatLevel(value, top(stage))}`}>
                  {value === null ? (figure?.suppressed ? fewer : '—') : String(value)}
                </td>
              );
            })}
          </tr>
        );
      })}
    </DataTable>
  );
}

const TREND_CLASSES = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'] as const;

/** The monthly median per stage as lines drawn on the server, beside the table with the same figures. */
function TrendChart({ ctx, trend, stages }: { ctx: PageContext; trend: readonly DashboardMonth[]; stages: readonly string[] }) {
  const width = 560;
  const height = 220;
  const left = 40;
  const bottom = 30;
  const values = trend.flatMap((m) => m.items.map((i) => i.medianHours ?? 0));
  const top = Math.max(1, ...values);
  const x = (i: number) => left + (trend.length <= 1 ? 0 : ((width - left - 10) * i) / (trend.length - 1));
  const y = (hours: number) => height - bottom - ((height - bottom - 10) * hours) / top;
  return (
    <svg class="enlace-chart enlace-trend" viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby="trend-chart-title trend-chart-desc" data-trend-chart>
      <title id="trend-chart-title">{ui(ctx.lang, 'monthlyTrend')}</title>
      <desc id="trend-chart-desc">{ui(ctx.lang, 'monthlyTrendChart')}</desc>
      <line class="enlace-axis" x1={left} y1={height - bottom} x2={width - 5} y2={height - bottom} />
      <line class="enlace-axis" x1={left} y1={5} x2={left} y2={height - bottom} />
      <text x={0} y={14}>
        {String(top)}
      </text>
      <text x={0} y={height - bottom}>
        0
      </text>
      {trend.map((m, i) => (i % Math.ceil(trend.length / 6) === 0 ? <text x={Math.min(x(i) - 18, width - 50)} y={height - 8}>{m.month}</text> : null))}
      {stages.map((stage, j) => {
        const points = trend
          .map((m, i) => {
            const value = m.items.find((item) => item.stage === stage)?.medianHours;
            return value === null || value === undefined ? null : { x: x(i).toFixed(1), y: y(value).toFixed(1) };
          })
          .filter((p): p is { x: string; y: string } => p !== null);
        const series = TREND_CLASSES[j % TREND_CLASSES.length];
        return (
          <g>
            <polyline class={`enlace-trend__line enlace-trend__line--${series}`} points={points.map((p) => `${p.x},${p.y}`).join(' ')} />
            {points.map((p) => (
              <circle class={`enlace-trend__swatch--${series}`} cx={p.x} cy={p.y} r={3.5} />
            ))}
          </g>
        );
      })}
    </svg>
  );
}

const SERIES = ['medianHours', 'p90Hours', 'maxHours'] as const;
const SERIES_LABEL: Record<(typeof SERIES)[number], UiKey> = { medianHours: 'median', p90Hours: 'p90', maxHours: 'maximum' };
const SERIES_CLASS: Record<(typeof SERIES)[number], string> = { medianHours: 'median', p90Hours: 'p90', maxHours: 'max' };

/**
 * The turnaround as horizontal bars, drawn on the server: readable without JavaScript, and described
 * for a screen reader, which reads the same figures in the table beside it.
 */
function TurnaroundChart({ ctx, figures, fewer }: { ctx: PageContext; figures: readonly DashboardStage[]; fewer: string }) {
  const label = 170;
  const width = 560;
  const barHeight = 10;
  const groupHeight = barHeight * SERIES.length + 14;
  const height = Math.max(1, figures.length) * groupHeight + 10;
  const top = Math.max(1, ...figures.flatMap((f) => SERIES.map((s) => f[s] ?? 0)));
  const scale = (hours: number) => ((width - label - 50) * hours) / top;
  return (
    <svg class="enlace-chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby="turnaround-chart-title turnaround-chart-desc" data-chart>
      <title id="turnaround-chart-title">{ui(ctx.lang, 'turnaround')}</title>
      <desc id="turnaround-chart-desc">{ui(ctx.lang, 'turnaroundChart')}</desc>
      {figures.map((f, i) => {
        const y = i * groupHeight + 5;
        return (
          <g>
            <text x={0} y={y + groupHeight / 2}>
              {STATE_LABELS[f.stage]?.[ctx.lang] ?? f.stage}
            </text>
            {SERIES.map((series, j) => {
              const hours = f[series];
              const by = y + j * barHeight;
              return (
                <>
                  <rect class={`bar-${SERIES_CLASS[series]}`} x={label} y={by} width={hours === null ? 0 : Math.max(1, scale(hours))} height={barHeight - 2} />
                  <text x={label + (hours === null ? 0 : scale(hours)) + 4} y={by + barHeight - 2}>
                    {hours === null ? (f.suppressed ? fewer : '—') : String(hours)}
                  </text>
                </>
              );
            })}
          </g>
        );
      })}
    </svg>
  );
}

const share = (value: number | null) => (value === null ? '—' : `${Math.round(value * 1000) / 10} %`);
const hours = (value: number | null) => (value === null ? '—' : String(value));
/** A count, or "fewer than 5" where the group is held back so that no figure points at one case. */
const count = (value: number | null, fewer: string) => (value === null ? fewer : String(value));

export function DashboardPage({ ctx, view }: { ctx: PageContext; view: DashboardView }) {
  const t = (key: UiKey) => ui(ctx.lang, key);
  const stageName = (stage: string) => STATE_LABELS[stage]?.[ctx.lang] ?? stage;
  const country = (code: string) => COUNTRY_NAMES[code as CountryCode]?.[ctx.lang] ?? code;
  const filterQuery = { from: view.filter.from, to: view.filter.to, requestedCountry: view.filter.requestedCountry };
  // The downloads carry the page's filters, the stage included (each CSV holds the rows the page shows).
  const csvQuery = queryString({ ...filterQuery, stage: view.filter.stage });
  const fewer = t('fewerThan').replace('{n}', String(view.suppressedBelow ?? ''));
  const errorOf = (field: string) => view.period?.errors.find((e) => e.field === field)?.message;
  const trendStages = [...new Set(view.trend.flatMap((m) => m.items.filter((i) => i.medianHours !== null).map((i) => i.stage)))];
  return (
    <Layout ctx={ctx} title={t('dashboard')}>
      <h1>{t('dashboard')}</h1>
      <p data-as-of={view.asOf}>{t('figuresAsOf').replace('{at}', formatDateTime(view.asOf, ctx.lang, ctx.timeZone))}</p>
      {/* Shown by enlace.js, which prints the page (the print stylesheet leaves out navigation, filters and links). */}
      <p class="enlace-no-print" data-print hidden>
        <button type="button" class="usa-button usa-button--outline">
          {t('print')}
        </button>
      </p>
      <ErrorSummary ctx={ctx} errors={view.period?.errors ?? []} />
      <form method="get" action={PATHS.dashboard} class="enlace-filters enlace-no-print" role="search" aria-label={t('filters')}>
        <TextInput ctx={ctx} id="from" label={t('periodFrom')} hint={t('dateHint')} value={view.period?.from ?? view.filter.from} error={errorOf('from')} maxLength={10} />
        <TextInput ctx={ctx} id="to" label={t('periodTo')} hint={t('dateHint')} value={view.period?.to ?? view.filter.to} error={errorOf('to')} maxLength={10} />
        <Select
          ctx={ctx}
          id="requestedCountry"
          label={t('requestedCountry')}
          value={view.filter.requestedCountry}
          placeholder={t('anyCountry')}
          options={COUNTRY_CODES.map((code) => ({ value: code, label: COUNTRY_NAMES[code][ctx.lang] }))}
        />
        <Select ctx={ctx} id="stage" label={t('stage')} value={view.filter.stage} placeholder={t('anyStage')} options={view.stages.map((s) => ({ value: s, label: stageName(s) }))} />
        <SubmitButton label={t('apply')} />
      </form>

      <h2>{t('byStateNow')}</h2>
      <table class="usa-table usa-table--borderless" data-by-state>
        <caption class="usa-sr-only">{t('byStateNow')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('state')}</th>
            <th scope="col">{t('count')}</th>
          </tr>
        </thead>
        <tbody>
          {view.now.map((row) => (
            <tr>
              <th scope="row">{stageName(row.stage)}</th>
              <td>{count(row.open, fewer)}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2 id="turnaround">{t('turnaround')}</h2>
      <CsvLink ctx={ctx} href={`${PATHS.dashboardCsv}${csvQuery}`} view={t('turnaround')} />
      <div class="enlace-dashboard">
        <div>
          <TurnaroundChart ctx={ctx} figures={view.figures} fewer={fewer} />
          <ul class="enlace-legend" aria-hidden="true">
            {SERIES.map((series) => (
              <li>
                <span class={`enlace-swatch enlace-swatch--${SERIES_CLASS[series]}`}></span>
                {t(SERIES_LABEL[series])}
              </li>
            ))}
          </ul>
        </div>
        <div class="enlace-table-scroll" tabindex={0} role="region" aria-labelledby="turnaround-table-caption">
          <table class="usa-table usa-table--borderless usa-table--compact" data-figures>
            <caption id="turnaround-table-caption">{t('turnaround')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('stage')}</th>
                <th scope="col">{t('visits')}</th>
                <th scope="col">{t('openNow')}</th>
                <th scope="col">{t('overdueNow')}</th>
                <th scope="col">{t('median')}</th>
                <th scope="col">{t('p90')}</th>
                <th scope="col">{t('maximum')}</th>
                <th scope="col">{t('returnedShare')}</th>
                <th scope="col">{t('refusedShare')}</th>
              </tr>
            </thead>
            <tbody>
              {view.figures.map((f) => (
                <tr data-stage={f.stage}>
                  <th scope="row">{stageName(f.stage)}</th>
                  <td data-field="visits">{count(f.visits, fewer)}</td>
                  <td data-field="open">{count(f.open, fewer)}</td>
                  <td data-field="overdue">{count(f.overdue, fewer)}</td>
                  <td data-field="medianHours">{f.suppressed ? fewer : hours(f.medianHours)}</td>
                  <td data-field="p90Hours">{f.suppressed ? fewer : hours(f.p90Hours)}</td>
                  <td data-field="maxHours">{f.suppressed ? fewer : hours(f.maxHours)}</td>
                  <td data-field="returnedShare">{share(f.returnedShare)}</td>
                  <td data-field="refusedShare">{share(f.refusedShare)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>

      <h2 id="pairs">{t('medianByPair')}</h2>
      {view.pairs.length > 0 && <CsvLink ctx={ctx} href={`${PATHS.dashboardPairsCsv}${csvQuery}`} view={t('medianByPair')} />}
      <HeatTable ctx={ctx} pairs={view.pairs} fewer={fewer} />

      <h2 id="trend">{t('monthlyTrend')}</h2>
      {trendStages.length > 0 && <CsvLink ctx={ctx} href={`${PATHS.dashboardTrendCsv}${csvQuery}`} view={t('monthlyTrend')} />}
      {trendStages.length === 0 ? (
        <p>{t('noFigure')}</p>
      ) : (
        <div class="enlace-dashboard">
          <div>
            <TrendChart ctx={ctx} trend={view.trend} stages={trendStages} />
            <ul class="enlace-legend" aria-hidden="true">
              {trendStages.map((stage, j) => (
                <li>
                  <span class={`enlace-swatch enlace-trend__swatch--${TREND_CLASSES[j % TREND_CLASSES.length]}`}></span>
                  {stageName(stage)}
                </li>
              ))}
            </ul>
          </div>
          <DataTable
            ctx={ctx}
            id="trend"
            caption={t('monthlyTrend')}
            variant="compact"
            scroll
            data="trend"
            columns={[t('month'), ...trendStages.map((stage) => stageName(stage))]}
          >
            {view.trend.map((m) => (
              <tr data-month={m.month}>
                <th scope="row">{m.month}</th>
                {trendStages.map((stage) => {
                  const item = m.items.find((i) => i.stage === stage);
                  return <td data-stage={stage}>{item?.medianHours === null || item === undefined ? (item?.suppressed ? fewer : '—') : String(item.medianHours)}</td>;
                })}
              </tr>
            ))}
          </DataTable>
        </div>
      )}

      <h2 id="overdue">{t('overdueList')}</h2>
      {view.overdue.items.length === 0 ? (
        <p>{t('noOverdue')}</p>
      ) : (
        <table class="usa-table usa-table--borderless usa-table--stacked enlace-table" data-overdue>
          <caption class="usa-sr-only">{t('overdueList')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('reference')}</th>
              <th scope="col">{t('requestedCountry')}</th>
              <th scope="col">{t('stage')}</th>
              <th scope="col">{t('responsibleOffice')}</th>
              <th scope="col">{t('dueDate')}</th>
              <th scope="col">{t('daysLateColumn')}</th>
            </tr>
          </thead>
          <tbody>
            {view.overdue.items.map((item) => (
              <tr>
                <th scope="row" data-label={t('reference')}>
                  <a href={PATHS.review(item.requestId)}>{item.reference}</a>
                </th>
                <td data-label={t('requestedCountry')}>{country(item.requestedCountry)}</td>
                <td data-label={t('stage')}>{stageName(item.stage)}</td>
                <td data-label={t('responsibleOffice')}>{`${ACTOR_ROLE_LABELS[item.office]?.[ctx.lang] ?? item.office} (${country(item.responsibleCountry)})`}</td>
                <td data-label={t('dueDate')}>{formatDay(item.dueAt, ctx.lang, ctx.timeZone)}</td>
                <td data-label={t('daysLateColumn')}>{String(item.daysLate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pagination
        ctx={ctx}
        page={view.overdue.page}
        pageSize={view.overdue.pageSize}
        total={view.overdue.total}
        href={(page) => `${PATHS.dashboard}${queryString({ ...filterQuery, stage: view.filter.stage, page })}#overdue`}
      />
    </Layout>
  );
}

export const dashboardPage = (ctx: PageContext, view: DashboardView): string => renderPage(<DashboardPage ctx={ctx} view={view} />);
