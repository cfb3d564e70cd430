import { Injectable } from '@nestjs/common';
import type { CountryCode } from '@enlace/workflows';
import { Database, type Transaction } from '../database.js';
import { WHOLE_HOURS } from './stages.repository.js';

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

/** The figures of the visits of one stage (in one group), times in whole hours. */
export interface StageFiguresRow {
  stage: string;
  requestingCountry?: CountryCode;
  requestedCountry?: CountryCode;
  measure?: string;
  visits: number;
  finished: number;
  open: number;
  overdue: number;
  /** percentile_cont(0.5) and (0.9) of the whole hours, and their maximum. */
  medianHours: number | null;
  p90Hours: number | null;
  maxHours: number | null;
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
 * percentile_cont over a frequency table: the value at 0-based rank k is the least `hours` whose
 * running count exceeds k; the percentile interpolates between ranks floor and ceil of p (n - 1).
 */
const rankAt = (p: string, round: 'floor' | 'ceil') => `min(hours) FILTER (WHERE upto > ${round}(${p} * (total - 1)))`;

/** percentile_cont from the two ranks, exactly as PostgreSQL interpolates it. */
function interpolate(percent: number, total: number, low: number | null, high: number | null): number | null {
  if (low === null || high === null || total === 0) return null;
  const position = percent * (total - 1);
  const fraction = (position % 100) / 100;
  return low + fraction * (high - low);
}

/**
 * The supervisors' figures, computed by PostgreSQL. Time in stage is counted in whole hours, so that
 * percentiles come from frequencies (hours, visits) rather than from sorting every visit: finished
 * visits are read from turnaround_rollup, which the runner keeps (about 0.8 million rows for 7
 * million visits), open ones from request_stages' partial indexes. A period (from/to) or the figures
 * per measure read request_stages itself, through covering indexes on (country, entered_at).
 */
@Injectable()
export class TurnaroundRepository {
  constructor(private readonly db: Database) {}

  async stageFigures(filter: TurnaroundFilter, decisions: DecisionEvents): Promise<StageFiguresRow[]> {
    const p = new Params();
    const now = p.add(filter.now);
    const requested = filter.requestedCountry ? [`s.requested_country = ${p.add(filter.requestedCountry)}`] : [];
    const groups = GROUP_COLUMNS[filter.groupBy];
    const keys = groups.map((g) => (g === 'measure' ? 'm.measure' : `s.${g}`));
    const select = (rest: string) => `SELECT ${[...keys, 's.stage', rest].join(', ')}`;
    const fromRollup = !filter.from && !filter.to && filter.groupBy !== 'measure';

    let visits: string;
    if (fromRollup) {
      const finished = scopedFrom(
        'turnaround_rollup',
        filter.scope,
        p,
        select('s.hours, s.visits AS n, s.visits AS finished, 0 AS open, 0 AS overdue, s.first_decided, s.first_returned, s.decided, s.refused'),
        requested,
      );
      const open = scopedFrom(
        'request_stages',
        filter.scope,
        p,
        select(`${WHOLE_HOURS('s.entered_at', now)} AS hours, 1, 0, 1, (s.due_at < ${now})::int, 0, 0, 0, 0`),
        ['s.exited_at IS NULL', ...requested],
      );
      visits = `${finished} UNION ALL ${open}`;
    } else {
      const first = p.add(decisions.firstVisit);
      const returned = p.add(decisions.returned);
      const any = p.add(decisions.any);
      const refused = p.add(decisions.refused);
      const period = [
        ...(filter.from ? [`s.entered_at >= ${p.add(filter.from)}`] : []),
        ...(filter.to ? [`s.entered_at < ${p.add(filter.to)}`] : []),
      ];
      visits = scopedFrom(
        filter.groupBy === 'measure' ? 'request_stages s CROSS JOIN LATERAL unnest(s.measure_types) AS m(measure)' : 'request_stages',
        filter.scope,
        p,
        select(
          `${WHOLE_HOURS('s.entered_at', `COALESCE(s.exited_at, ${now})`)} AS hours, 1 AS n,
           (s.exited_at IS NOT NULL)::int, (s.exited_at IS NULL)::int, (s.exited_at IS NULL AND s.due_at < ${now})::int,
           (s.visit = 1 AND s.exited_by = ANY(${first}))::int, (s.visit = 1 AND s.exited_by = ${returned})::int,
           (s.exited_by = ANY(${any}))::int, (s.exited_by = ${refused})::int`,
        ),
        [...period, ...requested],
      );
    }
    const key = [...groups, 'stage'].join(', ');
    type Row = Omit<StageFiguresRow, 'medianHours' | 'p90Hours'> & { p50: [number | null, number | null]; p90: [number | null, number | null] };
    const rows: Row[] = await this.db.transaction(async (tx) => {
      // The frequency table is sorted for the running counts in memory, not on disk; and PostgreSQL
      // overestimates the (stage, hour) groups of a period a hundredfold, so without room to hash
      // them it would sort every visit (1.4 s instead of 0.55 s for the region's last 90 days).
      await tx.manager.query(`SET LOCAL work_mem = '64MB'`);
      await tx.manager.query(`SET LOCAL hash_mem_multiplier = 8`);
      return tx.manager.query(
        `WITH visits (${[...groups, 'stage', 'hours', 'n', 'finished', 'open', 'overdue', 'first_decided', 'first_returned', 'decided', 'refused'].join(', ')}) AS (
           ${visits}
         ), frequencies AS (
           SELECT ${key}, hours, sum(n) AS n, sum(finished) AS finished, sum(open) AS open, sum(overdue) AS overdue,
                  sum(first_decided) AS first_decided, sum(first_returned) AS first_returned, sum(decided) AS decided, sum(refused) AS refused
           FROM visits GROUP BY ${key}, hours HAVING sum(n) > 0
         ), running AS (
           SELECT f.*, sum(n) OVER (PARTITION BY ${key} ORDER BY hours) AS upto, sum(n) OVER (PARTITION BY ${key}) AS total FROM frequencies f
         )
         SELECT ${groups.map((g) => `${g} AS "${ALIASES[g]}", `).join('')} stage, total::int AS visits,
                sum(finished)::int AS finished, sum(open)::int AS open, sum(overdue)::int AS overdue,
                ARRAY[${rankAt('0.5', 'floor')}, ${rankAt('0.5', 'ceil')}] AS p50,
                ARRAY[${rankAt('0.9', 'floor')}, ${rankAt('0.9', 'ceil')}] AS p90,
                max(hours) AS "maxHours",
                COALESCE(sum(first_decided), 0)::int AS "firstVisitsDecided", COALESCE(sum(first_returned), 0)::int AS "firstVisitsReturned",
                COALESCE(sum(decided), 0)::int AS "visitsDecided", COALESCE(sum(refused), 0)::int AS "visitsRefused"
         FROM running GROUP BY ${key}, total`,
        p.values,
      );
    });
    return rows.map(({ p50, p90, ...row }) => ({
      ...row,
      medianHours: interpolate(50, row.visits, p50[0], p50[1]),
      p90Hours: interpolate(90, row.visits, p90[0], p90[1]),
    }));
  }

  /** Recomputes turnaround_rollup from request_stages (after a bulk load; the runner keeps it otherwise). */
  async rebuildRollup(decisions: DecisionEvents, tx?: Transaction): Promise<number> {
    const manager = this.db.managerOf(tx);
    await manager.query('DELETE FROM turnaround_rollup');
    const rows: unknown[] = await manager.query(
      `INSERT INTO turnaround_rollup (stage, requesting_country, requested_country, transmitted, hours, visits,
                                     first_decided, first_returned, decided, refused)
       SELECT stage, requesting_country, requested_country, transmitted, ${WHOLE_HOURS('entered_at', 'exited_at')}, count(*),
              count(*) FILTER (WHERE visit = 1 AND exited_by = ANY($1)), count(*) FILTER (WHERE visit = 1 AND exited_by = $2),
              count(*) FILTER (WHERE exited_by = ANY($3)), count(*) FILTER (WHERE exited_by = $4)
       FROM request_stages WHERE exited_at IS NOT NULL
       GROUP BY 1, 2, 3, 4, 5 RETURNING 1`,
      [decisions.firstVisit, decisions.returned, decisions.any, decisions.refused],
    );
    return rows.length;
  }

  /**
   * The late requests of the scope, the longest overdue first. Each branch reads only its first
   * offset + limit rows, in due order, from its partial index; the page is cut from their merge.
   */
  async overdueItems(filter: OverdueFilter, page: { limit: number; offset: number }): Promise<OverdueRow[]> {
    const p = new Params();
    const now = p.add(filter.now);
    const take = p.add(page.limit + page.offset);
    const branch = (extra: string[]) =>
      `(SELECT ${OVERDUE_COLUMNS} FROM request_stages s WHERE ${[...extra, ...overdueConditions(filter, p, now)].join(' AND ')}
        ORDER BY s.due_at, s.request_id LIMIT ${take})`;
    let source: string;
    if (filter.scope.kind === 'region') source = branch([]);
    else {
      const country = p.add(filter.scope.country);
      source = `${branch([`s.requesting_country = ${country}`])} UNION ALL ${branch([`s.requested_country = ${country}`, 's.transmitted'])}`;
    }
    return this.db.managerOf().query(
      `SELECT s.request_id AS "requestId", r.reference, s.requesting_country AS "requestingCountry",
         s.requested_country AS "requestedCountry", s.stage, s.entered_at AS "enteredAt", s.due_at AS "dueAt",
         ${DAYS_LATE(now)} AS "daysLate", s.responsible_country AS "responsibleCountry", s.office
       FROM (SELECT * FROM (${source}) b ORDER BY b.due_at, b.request_id LIMIT ${p.add(page.limit)} OFFSET ${p.add(page.offset)}) s
       JOIN requests r ON r.id = s.request_id
       ORDER BY s.due_at, s.request_id`,
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
  return scopedFrom('request_stages', scope, p, `SELECT ${columns}`, conditions);
}

/** `select` over `table` (aliased s, with requesting_country, requested_country, transmitted) for the scope. */
function scopedFrom(table: string, scope: FiguresScope, p: Params, select: string, conditions: string[]): string {
  const from = table.includes(' ') ? table : `${table} s`;
  const where = (extra: string[]) => [...extra, ...conditions].join(' AND ') || 'true';
  if (scope.kind === 'region') return `${select} FROM ${from} WHERE ${where([])}`;
  const country = p.add(scope.country);
  return (
    `${select} FROM ${from} WHERE ${where([`s.requesting_country = ${country}`])}` +
    ` UNION ALL ${select} FROM ${from} WHERE ${where([`s.requested_country = ${country}`, 's.transmitted'])}`
  );
}
