import { Injectable } from '@nestjs/common';
import type { CountryCode } from '@enlace/workflows';
import { Database } from '../database.js';

/**
 * Whose requests the figures cover: a country's, as requesting party and (once transmitted) as
 * requested party, the rule of RequestsRepository's visibility(); or the whole region, in aggregate.
 */
export type FiguresScope = { kind: 'country'; country: CountryCode } | { kind: 'region' };

export type FiguresGroupBy = 'stage' | 'countryPair' | 'measure';

export interface TurnaroundFilter {
  scope: FiguresScope;
  /** Stage entered at or after. */
  from?: Date;
  /** Stage entered before. */
  to?: Date;
  requestedCountry?: CountryCode;
  groupBy: FiguresGroupBy;
  /** Open visits are measured up to this instant; overdue means due before it. */
  now: Date;
}

/** The raw figures of the visits of one stage (in one group), durations in seconds. */
export interface StageFiguresRow {
  stage: string;
  requestingCountry?: CountryCode;
  requestedCountry?: CountryCode;
  measure?: string;
  visits: number;
  finished: number;
  open: number;
  overdue: number;
  medianSeconds: number | null;
  p90Seconds: number | null;
  maxSeconds: number | null;
  /** First visits ended by one of `decisions.firstVisit` (e.g. the cancillería's AUTHORIZE, RETURN, REJECT). */
  firstVisitsDecided: number;
  firstVisitsReturned: number;
  /** Visits ended by one of `decisions.any` (e.g. the central authority's RECORD_EXECUTION, REFUSE). */
  visitsDecided: number;
  visitsRefused: number;
}

/** The exits that count as decisions, named by the caller (the workflow's vocabulary, not SQL's). */
export interface DecisionEvents {
  firstVisit: readonly string[];
  returned: string;
  any: readonly string[];
  refused: string;
}

export interface OverdueFilter {
  scope: FiguresScope;
  requestedCountry?: CountryCode;
  stage?: string;
  now: Date;
}

export interface OverdueRow {
  requestId: string;
  reference: string;
  requestingCountry: CountryCode;
  requestedCountry: CountryCode;
  stage: string;
  enteredAt: Date;
  dueAt: Date;
  daysLate: number;
  responsibleCountry: CountryCode;
  office: string;
}

export interface OverdueCountRow {
  stage: string;
  requestingCountry: CountryCode;
  requestedCountry: CountryCode;
  overdue: number;
  maxDaysLate: number;
}

/** SQL text with its parameters, built up piece by piece. */
class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

const GROUP_COLUMNS: Record<FiguresGroupBy, string[]> = {
  stage: [],
  countryPair: ['requesting_country', 'requested_country'],
  measure: ['measure'],
};

const ALIASES: Record<string, string> = {
  requesting_country: 'requestingCountry',
  requested_country: 'requestedCountry',
  measure: 'measure',
};

// Whole started days since the due time: 1 as soon as the deadline has passed.
const DAYS_LATE = (now: string) => `ceil(date_part('epoch', ${now} - s.due_at) / 86400)::int`;

/**
 * The supervisors' figures, computed by PostgreSQL over request_stages: the covering indexes of
 * migration 1764300000400 let it read a country's visits of a period from the index alone, and only
 * a handful of aggregate rows leave the database.
 */
@Injectable()
export class TurnaroundRepository {
  constructor(private readonly db: Database) {}

  async stageFigures(filter: TurnaroundFilter, decisions: DecisionEvents): Promise<StageFiguresRow[]> {
    const p = new Params();
    const now = p.add(filter.now);
    const conditions: string[] = [];
    if (filter.from) conditions.push(`s.entered_at >= ${p.add(filter.from)}`);
    if (filter.to) conditions.push(`s.entered_at < ${p.add(filter.to)}`);
    if (filter.requestedCountry) conditions.push(`s.requested_country = ${p.add(filter.requestedCountry)}`);
    const columns = 's.stage, s.visit, s.entered_at, s.exited_at, s.exited_by, s.due_at, s.requesting_country, s.requested_country' +
      (filter.groupBy === 'measure' ? ', s.measure_types' : '');
    const source = scoped(filter.scope, p, columns, conditions);
    const groups = GROUP_COLUMNS[filter.groupBy];
    const from = filter.groupBy === 'measure' ? `(${source}) v CROSS JOIN LATERAL unnest(v.measure_types) AS m(measure)` : `(${source}) v`;
    const duration = `date_part('epoch', COALESCE(v.exited_at, ${now}) - v.entered_at)`;
    const firstVisit = p.add(decisions.firstVisit);
    const returned = p.add(decisions.returned);
    const any = p.add(decisions.any);
    const refused = p.add(decisions.refused);
    const rows: (Omit<StageFiguresRow, 'medianSeconds' | 'p90Seconds'> & { percentiles: number[] | null })[] = await this.db.transaction(
      async (tx) => {
        // The percentiles sort every duration of the period in memory rather than on disk.
        await tx.manager.query(`SET LOCAL work_mem = '64MB'`);
        return tx.manager.query(
          `SELECT v.stage, ${groups.map((g) => `${g === 'measure' ? 'm' : 'v'}.${g} AS "${ALIASES[g]}", `).join('')}
             count(*)::int AS visits,
             count(v.exited_at)::int AS finished,
             (count(*) - count(v.exited_at))::int AS open,
             count(*) FILTER (WHERE v.exited_at IS NULL AND v.due_at < ${now})::int AS overdue,
             percentile_cont(ARRAY[0.5, 0.9]::float8[]) WITHIN GROUP (ORDER BY ${duration}) AS percentiles,
             max(${duration}) AS "maxSeconds",
             count(*) FILTER (WHERE v.visit = 1 AND v.exited_by = ANY(${firstVisit}))::int AS "firstVisitsDecided",
             count(*) FILTER (WHERE v.visit = 1 AND v.exited_by = ${returned})::int AS "firstVisitsReturned",
             count(*) FILTER (WHERE v.exited_by = ANY(${any}))::int AS "visitsDecided",
             count(*) FILTER (WHERE v.exited_by = ${refused})::int AS "visitsRefused"
           FROM ${from}
           GROUP BY v.stage${groups.map((g) => `, ${g === 'measure' ? 'm' : 'v'}.${g}`).join('')}`,
          p.values,
        );
      },
    );
    return rows.map(({ percentiles, ...row }) => ({
      ...row,
      medianSeconds: percentiles?.[0] ?? null,
      p90Seconds: percentiles?.[1] ?? null,
    }));
  }

  /** The late requests of the scope, the longest overdue first. */
  async overdueItems(filter: OverdueFilter, page: { limit: number; offset: number }): Promise<OverdueRow[]> {
    const p = new Params();
    const now = p.add(filter.now);
    const source = scoped(filter.scope, p, OVERDUE_COLUMNS, overdueConditions(filter, p, now));
    return this.db.managerOf().query(
      `SELECT s.request_id AS "requestId", r.reference, s.requesting_country AS "requestingCountry",
         s.requested_country AS "requestedCountry", s.stage, s.entered_at AS "enteredAt", s.due_at AS "dueAt",
         ${DAYS_LATE(now)} AS "daysLate", s.responsible_country AS "responsibleCountry", s.office
       FROM (${source}) s JOIN requests r ON r.id = s.request_id
       ORDER BY s.due_at, r.reference LIMIT ${p.add(page.limit)} OFFSET ${p.add(page.offset)}`,
      p.values,
    );
  }

  /** How many are late, per stage and country pair, and by how much at most: no case identifiers. */
  async overdueCounts(filter: OverdueFilter): Promise<OverdueCountRow[]> {
    const p = new Params();
    const now = p.add(filter.now);
    const source = scoped(filter.scope, p, OVERDUE_COLUMNS, overdueConditions(filter, p, now));
    return this.db.managerOf().query(
      `SELECT s.stage, s.requesting_country AS "requestingCountry", s.requested_country AS "requestedCountry",
         count(*)::int AS overdue, max(${DAYS_LATE(now)}) AS "maxDaysLate"
       FROM (${source}) s
       GROUP BY s.stage, s.requesting_country, s.requested_country
       ORDER BY s.requesting_country, s.requested_country, s.stage`,
      p.values,
    );
  }
}

const OVERDUE_COLUMNS =
  's.request_id, s.stage, s.entered_at, s.due_at, s.responsible_country, s.office, s.requesting_country, s.requested_country';

function overdueConditions(filter: OverdueFilter, p: Params, now: string): string[] {
  const conditions = ['s.exited_at IS NULL', 's.due_at IS NOT NULL', `s.due_at < ${now}`];
  if (filter.requestedCountry) conditions.push(`s.requested_country = ${p.add(filter.requestedCountry)}`);
  if (filter.stage) conditions.push(`s.stage = ${p.add(filter.stage)}`);
  return conditions;
}

/**
 * The visits of the scope meeting the conditions. A country's are two disjoint branches (a request
 * never has the same country on both sides), each served by its own index.
 */
function scoped(scope: FiguresScope, p: Params, columns: string, conditions: string[]): string {
  const where = (extra: string[]) => [...extra, ...conditions].join(' AND ') || 'true';
  if (scope.kind === 'region') return `SELECT ${columns} FROM request_stages s WHERE ${where([])}`;
  const country = p.add(scope.country);
  return (
    `SELECT ${columns} FROM request_stages s WHERE ${where([`s.requesting_country = ${country}`])}` +
    ` UNION ALL SELECT ${columns} FROM request_stages s WHERE ${where([`s.requested_country = ${country}`, 's.transmitted'])}`
  );
}
