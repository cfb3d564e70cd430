// The supervisors' figures as the API returns them, built from the aggregate rows PostgreSQL computed.
// Pure functions: no Nest, no database, so that the shapes and the CSV can be tested alone.
import type { FiguresGroupBy, FiguresScope, OverdueCountRow, OverdueRow, StageFiguresRow } from '@enlace/persistence';
import { AUTHORITY_DECISION_STAGE, CANCILLERIA_DECISION_STAGE, STAGES } from './stages.js';

export type ReportScope = { kind: 'country'; country: string } | { kind: 'region' };

/**
 * The figures of one stage (within one country pair or one kind of measure, when grouped so): the
 * counts and times PostgreSQL computed (time in stage in whole hours, a visit of 2 h 59 min counting 2;
 * the median and 90th percentile interpolate between ranks), and the decisions' shares.
 */
export interface StageFigures extends Pick<StageFiguresRow, 'stage' | 'requestingCountry' | 'requestedCountry' | 'measure' | 'month' | 'medianHours' | 'p90Hours' | 'maxHours'> {
  /** Null, with every other figure, when the group is held back (`suppressed`). */
  visits: number | null;
  finished: number | null;
  open: number | null;
  overdue: number | null;
  /** The group counts fewer requests than the report's `suppressedBelow`: its figures are null ("fewer than 5"). */
  suppressed: boolean;
  /**
   * pending_authorization: first submissions the cancillería decided (AUTHORIZE, RETURN, REJECT);
   * acknowledged: requests the central authority decided (RECORD_EXECUTION, REFUSE); else null.
   */
  decided: number | null;
  /** pending_authorization only: of `decided`, those returned with observations, and their share. */
  returned: number | null;
  returnedShare: number | null;
  /** acknowledged only: of `decided`, those refused, and their share. */
  refused: number | null;
  refusedShare: number | null;
}

export interface TurnaroundReport {
  asOf: string;
  scope: ReportScope;
  filter: { from: string | null; to: string | null; requestedCountry: string | null };
  groupBy: FiguresGroupBy;
  unit: 'hours';
  /** Cross-country figures (the admin's): groups of fewer requests than this are held back; null when none are. */
  suppressedBelow: number | null;
  items: StageFigures[];
}

export interface OverdueItem {
  requestId: string;
  reference: string;
  requestingCountry: string;
  requestedCountry: string;
  stage: string;
  enteredAt: string;
  dueAt: string;
  daysLate: number;
  responsibleCountry: string;
  office: string;
}

export interface OverdueCount {
  stage: string;
  requestingCountry: string;
  requestedCountry: string;
  overdue: number | null;
  maxDaysLate: number | null;
  suppressed: boolean;
}

export interface OverdueReport {
  asOf: string;
  scope: ReportScope;
  filter: { requestedCountry: string | null; stage: string | null };
  /** Late requests in the scope (all pages); where groups are held back, those of the groups shown. */
  total: number;
  suppressedBelow: number | null;
  page: number;
  pageSize: number;
  /** Supervisors only: the late requests, the longest overdue first. The admin reads no case. */
  items?: OverdueItem[];
  counts: OverdueCount[];
}

export const reportScope = (scope: FiguresScope): ReportScope =>
  scope.kind === 'country' ? { kind: 'country', country: scope.country } : { kind: 'region' };

const hours = (value: number | null): number | null => (value === null ? null : Math.round(value * 100) / 100);
const share = (part: number, whole: number): number | null => (whole === 0 ? null : Math.round((part / whole) * 10000) / 10000);
const stageOrder = (stage: string): number => {
  const i = (STAGES as readonly string[]).indexOf(stage);
  return i < 0 ? STAGES.length : i;
};

export function stageFigures(row: StageFiguresRow): StageFigures {
  const cancilleria = row.stage === CANCILLERIA_DECISION_STAGE;
  const authority = row.stage === AUTHORITY_DECISION_STAGE;
  const decided = cancilleria ? row.firstVisitsDecided : authority ? row.visitsDecided : null;
  return {
    stage: row.stage,
    ...(row.requestingCountry !== undefined && { requestingCountry: row.requestingCountry }),
    ...(row.requestedCountry !== undefined && { requestedCountry: row.requestedCountry }),
    ...(row.measure !== undefined && { measure: row.measure }),
    ...(row.month !== undefined && { month: row.month }),
    visits: row.visits,
    finished: row.finished,
    open: row.open,
    overdue: row.overdue,
    medianHours: hours(row.medianHours),
    p90Hours: hours(row.p90Hours),
    maxHours: hours(row.maxHours),
    decided,
    returned: cancilleria ? row.firstVisitsReturned : null,
    returnedShare: cancilleria ? share(row.firstVisitsReturned, row.firstVisitsDecided) : null,
    refused: authority ? row.visitsRefused : null,
    refusedShare: authority ? share(row.visitsRefused, row.visitsDecided) : null,
    suppressed: false,
  };
}

/**
 * A group of fewer than `threshold` requests (but some) says nothing in a cross-country figure: a
 * `visits: 1` for one measure between two countries points at one case, even a draft never shared.
 * An empty group (0) points at none and is shown.
 */
export function suppressStage(item: StageFigures, threshold: number): StageFigures {
  if (item.visits === null || item.visits === 0 || item.visits >= threshold) return item;
  return {
    ...item,
    visits: null,
    finished: null,
    open: null,
    overdue: null,
    medianHours: null,
    p90Hours: null,
    maxHours: null,
    decided: null,
    returned: null,
    returnedShare: null,
    refused: null,
    refusedShare: null,
    suppressed: true,
  };
}

export function suppressOverdueCount(count: OverdueCount, threshold: number): OverdueCount {
  if (count.overdue === null || count.overdue === 0 || count.overdue >= threshold) return count;
  return { ...count, overdue: null, maxDaysLate: null, suppressed: true };
}

const EMPTY = (stage: string): StageFiguresRow => ({
  stage,
  visits: 0,
  finished: 0,
  open: 0,
  overdue: 0,
  medianHours: null,
  p90Hours: null,
  maxHours: null,
  firstVisitsDecided: 0,
  firstVisitsReturned: 0,
  visitsDecided: 0,
  visitsRefused: 0,
});

/** Grouped by stage: every stage, in the machine's order, even those no request visited. */
export function turnaroundItems(rows: StageFiguresRow[], groupBy: FiguresGroupBy): StageFigures[] {
  if (groupBy === 'stage') {
    return STAGES.map((stage) => stageFigures(rows.find((r) => r.stage === stage) ?? EMPTY(stage)));
  }
  const key = (r: StageFiguresRow) => (groupBy === 'countryPair' ? `${r.requestingCountry}-${r.requestedCountry}` : (r.measure ?? r.month ?? ''));
  return [...rows]
    .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : stageOrder(a.stage) - stageOrder(b.stage)))
    .map(stageFigures);
}

export const overdueItem = (row: OverdueRow): OverdueItem => ({
  requestId: row.requestId,
  reference: row.reference,
  requestingCountry: row.requestingCountry,
  requestedCountry: row.requestedCountry,
  stage: row.stage,
  enteredAt: row.enteredAt.toISOString(),
  dueAt: row.dueAt.toISOString(),
  daysLate: row.daysLate,
  responsibleCountry: row.responsibleCountry,
  office: row.office,
});

export const overdueCount = (row: OverdueCountRow): OverdueCount => ({ ...row, suppressed: false });

// CSV (RFC 4180): the same rows as the JSON, one line each, the columns in the JSON's order.

const TURNAROUND_COLUMNS: (keyof StageFigures)[] = [
  'stage',
  'visits',
  'finished',
  'open',
  'overdue',
  'medianHours',
  'p90Hours',
  'maxHours',
  'decided',
  'returned',
  'returnedShare',
  'refused',
  'refusedShare',
  'suppressed',
];
const GROUP_COLUMNS: Record<FiguresGroupBy, (keyof StageFigures)[]> = {
  stage: [],
  countryPair: ['requestingCountry', 'requestedCountry'],
  measure: ['measure'],
  month: ['month'],
};
const OVERDUE_ITEM_COLUMNS: (keyof OverdueItem)[] = [
  'requestId',
  'reference',
  'requestingCountry',
  'requestedCountry',
  'stage',
  'enteredAt',
  'dueAt',
  'daysLate',
  'responsibleCountry',
  'office',
];
const OVERDUE_COUNT_COLUMNS: (keyof OverdueCount)[] = ['stage', 'requestingCountry', 'requestedCountry', 'overdue', 'maxDaysLate', 'suppressed'];

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csv<T>(columns: (keyof T)[], rows: T[]): string {
  return [columns.join(','), ...rows.map((row) => columns.map((c) => cell(row[c])).join(','))].join('\r\n') + '\r\n';
}

export const turnaroundCsv = (report: TurnaroundReport): string =>
  csv<StageFigures>([...GROUP_COLUMNS[report.groupBy], ...TURNAROUND_COLUMNS], report.items);

/** A supervisor's export lists the late requests; the admin's, the counts (no case identifiers). */
export const overdueCsv = (report: OverdueReport): string =>
  report.items ? csv<OverdueItem>(OVERDUE_ITEM_COLUMNS, report.items) : csv<OverdueCount>(OVERDUE_COUNT_COLUMNS, report.counts);

/**
 * A downloaded report's file name, with the instant its figures are measured up to (UTC, to the minute): a CSV of
 * figures kept ready says when they were computed, where the file has no place for it (turnaround-2026-12-02T1543Z.csv).
 */
export const reportFileName = (name: string, report: { asOf: string }): string => `${name}-${report.asOf.slice(0, 16).replace(':', '')}Z.csv`;
