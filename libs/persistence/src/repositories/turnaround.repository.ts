import { Injectable } from '@nestjs/common';
import { COUNTRY_CODES, type CountryCode } from '@enlace/workflows';
import { Database, type Transaction } from '../database.js';
import { COUNT_OPEN_VISITS } from '../migrations/1764300003000-open-visits-rollup.js';
import { BUCKET_SHIFT, WHOLE_HOURS } from './stages.repository.js';

/**
 * Whose requests the figures cover: a country's, as requesting party and (once transmitted) as
 * requested party, the rule of RequestsRepository's visibility(); or the whole region, in aggregate.
 */
export type FiguresScope = { kind: 'country'; country: CountryCode; side?: CountrySide } | { kind: 'region' };

/** One side of a country's requests: those it requested, or those transmitted to it. */
export type CountrySide = 'requesting' | 'requested';

/** month: per month the stage was entered (UTC), the dashboard's trend in one question. */
export type FiguresGroupBy = 'stage' | 'countryPair' | 'measure' | 'month';

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
  /** YYYY-MM (UTC) the visits entered the stage. */
  month?: string;
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
  month: ['month'],
};

const ALIASES: Record<string, string> = {
  requesting_country: 'requestingCountry',
  requested_country: 'requestedCountry',
  measure: 'measure',
  month: 'month',
};

/** The month a visit entered its stage as the rollup numbers it, YYYYMM (UTC), as turnaround_grains computes it. */
const MONTH_ENTERED = `(extract(year FROM s.entered_at AT TIME ZONE 'UTC') * 100 + extract(month FROM s.entered_at AT TIME ZONE 'UTC'))::integer`;
const HOUR_MS = 3_600_000;
/** The hour of a timestamptz, counted since 1970-01-01 00:00 UTC, as turnaround_open numbers the hour a visit entered. */
const HOUR_OF = (at: string) => `floor(date_part('epoch', ${at}::timestamptz) / 3600)::int`;
/** The first hour (counted since 1970-01-01 00:00 UTC) of each month from 1970 to 2199, and each month as YYYYMM. */
const MONTH_STARTS = Array.from({ length: 230 * 12 }, (_, i) => Date.UTC(1970 + Math.floor(i / 12), i % 12, 1) / HOUR_MS);
const MONTH_NUMBERS = Array.from({ length: 230 * 12 }, (_, i) => (1970 + Math.floor(i / 12)) * 100 + (i % 12) + 1);
/** The month (YYYYMM, UTC) of an hour counted since 1970, as MONTH_ENTERED numbers a visit's: a binary search (width_bucket). */
const MONTH_OF_HOUR = (hour: string, p: Params) => `(${p.add(MONTH_NUMBERS)}::int[])[width_bucket(${hour}, ${p.add(MONTH_STARTS)}::int[])]`;
/** YYYYMM as YYYY-MM. */
const monthName = (month: number): string => `${Math.floor(month / 100)}-${String(month % 100).padStart(2, '0')}`;

// Whole started days since the due time: 1 as soon as the deadline has passed.
const DAYS_LATE = (now: string) => `ceil(date_part('epoch', ${now} - s.due_at) / 86400)::int`;

/** One figure row as the statement returns it: the group's keys, month as YYYYMM. */
interface FigureRow extends Omit<StageFiguresRow, 'month'> {
  month?: number;
}

/** What a figure adds up besides the visits, in this order in every source. */
const SUMS = ['finished', 'open', 'overdue', 'first_decided', 'first_returned', 'decided', 'refused'];


/** YYYYMM of a UTC instant, as turnaround_grains numbers months. */
const monthOf = (at: Date): number => at.getUTCFullYear() * 100 + at.getUTCMonth() + 1;
const startOfMonth = (at: Date): Date => new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
const nextMonth = (at: Date): Date => new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1));

/** Finished visits entered in [from, to) read one by one: added to the figures (1), or taken from a whole month read from the rollup (-1). */
interface PartialRange {
  from?: Date;
  to?: Date;
  sign: 1 | -1;
}

/**
 * How a period splits: months read whole from the rollup (`months`, a condition on its month column) and the days read
 * one by one from request_stages (`partial`). A month the period covers in part is read the cheaper way: its days in
 * the period added one by one, or the whole month from the rollup less its days outside the period (the last 90 days
 * from the 2nd of a month: one day read instead of 29). `partial` is null when no month is read from the rollup.
 */
function splitPeriod(from: Date | undefined, to: Date | undefined, byMonth: boolean): { months: (column: string, p: Params) => string; partial: PartialRange[] | null } {
  if (!from && !to) return { months: (column) => `${column} ${byMonth ? '>' : '='} 0`, partial: [] };
  // The months the period's ends cut, if they cut one.
  const head = from && startOfMonth(from).getTime() !== from.getTime() ? startOfMonth(from) : undefined;
  const tail = to && startOfMonth(to).getTime() !== to.getTime() ? startOfMonth(to) : undefined;
  const days = (a: Date, b: Date) => b.getTime() - a.getTime();
  // [first, end): the months read from the rollup, whole or less their days outside the period.
  let first = head ? nextMonth(head) : from;
  let end = tail ?? to;
  const partial: PartialRange[] = [];
  const cut = (month: Date, inside: PartialRange, outside: PartialRange[]) => {
    const outsideDays = outside.reduce((sum, r) => sum + days(r.from!, r.to!), 0);
    if (outsideDays >= days(inside.from ?? month, inside.to ?? nextMonth(month))) return partial.push(inside);
    partial.push(...outside.filter((r) => r.from! < r.to!));
    // Undefined: the period is open at that end, and so is the range of months.
    if (first && month < first) first = month;
    if (end && nextMonth(month) > end) end = nextMonth(month);
  };
  if (head && tail && head.getTime() === tail.getTime()) {
    cut(head, { from, to, sign: 1 }, [{ from: head, to: from, sign: -1 }, { from: to, to: nextMonth(head), sign: -1 }]);
  } else {
    if (head) cut(head, { from, to: nextMonth(head), sign: 1 }, [{ from: head, to: from, sign: -1 }]);
    if (tail) cut(tail, { from: tail, to, sign: 1 }, [{ from: to, to: nextMonth(tail), sign: -1 }]);
  }
  if (first && end && first >= end) return { months: () => 'false', partial: null };
  return {
    months: (column, p) =>
      [`${column} > 0`, ...(first ? [`${column} >= ${p.add(monthOf(first))}`] : []), ...(end ? [`${column} < ${p.add(monthOf(end))}`] : [])].join(' AND '),
    partial,
  };
}

/**
 * The supervisors' figures, computed by PostgreSQL in one statement. Time in stage is counted in whole
 * hours, so that percentiles come from frequencies (hours, visits) rather than from sorting every visit:
 * finished visits are read from the rollup, in the grain that answers the question (see the migrations
 * that made it), open ones from request_stages' partial indexes, the partial months of a period from
 * request_stages' covering indexes on (country, entered_at). The statement counts the visits per bucket
 * of hours (turnaround_buckets, and the visits read one by one put in the same buckets), finds in each
 * group and stage the buckets holding the ranks of the median and the 90th percentile, reads only those
 * buckets hour by hour (from turnaround_rollup and the visits read one by one) and interpolates between
 * the ranks as percentile_cont does. One row per group and stage comes back, in one round trip, instead of
 * every bucket (10,000 rows for a country by pair at 100,000 requests) ranked here before a second query.
 */
@Injectable()
export class TurnaroundRepository {
  constructor(private readonly db: Database) {}

  async stageFigures(filter: TurnaroundFilter, decisions: DecisionEvents): Promise<StageFiguresRow[]> {
    // A country's figures by pair are two sets of groups that share no visit (the pairs it asks, those that
    // ask it): one statement per side, at once, on two connections, so that a second core takes half.
    if (filter.groupBy === 'countryPair' && filter.scope.kind === 'country' && !filter.scope.side && !filter.requestedCountry) {
      const { scope } = filter;
      const sides = await Promise.all((['requesting', 'requested'] as const).map((side) => this.stageFigures({ ...filter, scope: { ...scope, side } }, decisions)));
      return sides.flat();
    }
    const p = new Params();
    const now = p.add(filter.now);
    const groups = GROUP_COLUMNS[filter.groupBy];
    const period = splitPeriod(filter.from, filter.to, filter.groupBy === 'month');
    // The rollup has no grain per measure within one requested country, and per month (over a period,
    // or grouped by month) only the grains by stage alone (see the migration that made them).
    const allTime = !filter.from && !filter.to;
    const byStageAlone = (filter.groupBy === 'stage' || filter.groupBy === 'month') && !filter.requestedCountry;
    const covered = allTime && filter.groupBy !== 'month' ? !(filter.groupBy === 'measure' && filter.requestedCountry) : byStageAlone;
    // The whole months read from the rollup; null: none, every visit is read one by one.
    const months = covered && period.partial ? period.months : null;

    const rawFrom = filter.groupBy === 'measure' ? 'request_stages s CROSS JOIN LATERAL unnest(s.measure_types) AS m(measure)' : 'request_stages';
    const rawKeys = groups.map((g) => (g === 'measure' ? 'm.measure' : g === 'month' ? MONTH_ENTERED : `s.${g}`));
    const requested = filter.requestedCountry ? [`s.requested_country = ${p.add(filter.requestedCountry)}`] : [];
    const entered = (range: { from?: Date; to?: Date }) => [
      ...(range.from ? [`s.entered_at >= ${p.add(range.from)}`] : []),
      ...(range.to ? [`s.entered_at < ${p.add(range.to)}`] : []),
    ];
    // `among`: the visits are read among those (few) alone (visitsAmong), then those of the scope kept.
    const raw = (columns: string, conditions: string[], regionOrder?: string, among?: string[]) =>
      scopedFrom(among ? visitsAmong(among, filter.groupBy === 'measure') : rawFrom, filter.scope, p, `SELECT ${[...rawKeys, 's.stage', columns].join(', ')}`, [...conditions, ...requested], regionOrder);
    const decisionColumns = (sign: 1 | -1) =>
      [
        `s.visit = 1 AND s.exited_by = ANY(${p.add(decisions.firstVisit)})`,
        `s.visit = 1 AND s.exited_by = ${p.add(decisions.returned)}`,
        `s.exited_by = ANY(${p.add(decisions.any)})`,
        `s.exited_by = ${p.add(decisions.refused)}`,
      ]
        .map((decided) => `${sign < 0 ? '-' : ''}(${decided})::int`)
        .join(', ');

    // Every source's rows: the group's keys, stage, hours, visits, SUMS, then `later`: of those visits, how many are open
    // ones counted at their hours since the hour they entered, which is one hour too many for those entered later in
    // their hour than now is in the current one.
    // The open visits from their rollup (turnaround_open), by the hour they entered, where it has the grain asked and
    // the period begins and ends on the hour; else one by one. Overdue there is the deadline's alarm fired: the visits
    // due before now whose alarm has not fired yet are added, those marked but due after now taken out.
    // The rollup holds several open visits a row by stage or month (at a million requests, the region's 131,000 in
    // 12,000 rows, GT's 20,000 in 8,000) and by measure for the region (229,000 in 54,000), but about one a row by
    // pair (the region's 113,000 rows) or by measure for a country: those are read one by one, without the look-ups of
    // the open visits' hours an hour-entered count needs (the region by pair: 880 groups, 4,400 look-ups, 0.5 s -> 1 s).
    const onTheHour = (at?: Date) => !at || at.getTime() % HOUR_MS === 0;
    const dense = filter.groupBy === 'stage' || filter.groupBy === 'month' || (filter.groupBy === 'measure' && filter.scope.kind === 'region' && !filter.requestedCountry);
    const openCounted = dense && onTheHour(filter.from) && onTheHour(filter.to);
    const sources = openCounted
      ? [
          ...openSources(filter, groups, p, (keys) => [...keys, 't.stage', `${HOUR_OF(now)} - t.entered_hour`, 't.visits, 0, t.visits', 'CASE WHEN t.overdue THEN t.visits ELSE 0 END', '0, 0, 0, 0, t.visits'].join(', ')),
          raw(`${WHOLE_HOURS('s.entered_at', now)}, 0, 0, 0, 1, 0, 0, 0, 0, 0`, entered(filter), undefined, OPEN_UNMARKED(now)),
          raw(`${WHOLE_HOURS('s.entered_at', now)}, 0, 0, 0, -1, 0, 0, 0, 0, 0`, entered(filter), undefined, OPEN_MARKED_EARLY(now)),
        ]
      : [raw(`${WHOLE_HOURS('s.entered_at', now)}, 1, 0, 1, (s.due_at < ${now} IS TRUE)::int, 0, 0, 0, 0, 0`, ['s.exited_at IS NULL', ...entered(filter)], 's.entered_at')];
    // The finished visits read one by one: those of the partial months of a period (counted -1 where a month read
    // whole counts them and the period does not), or of every month the rollup has no grain for.
    const finished = (sign: 1 | -1) => `${WHOLE_HOURS('s.entered_at', 's.exited_at')}, ${sign}, ${sign}, 0, 0, ${decisionColumns(sign)}, 0`;
    const ranges: PartialRange[] = months ? period.partial! : [{ from: filter.from, to: filter.to, sign: 1 }];
    for (const range of ranges) sources.push(raw(finished(range.sign), ['s.exited_at IS NOT NULL', ...entered(range)]));
    // The longest visit is found as the percentiles are, as the hour of the last rank, where a bucket's longest may not be
    // a visit's: visits were taken out of it, or it holds open visits counted an hour long.
    const longest = openCounted || ranges.some((range) => range.sign < 0);
    // How many open visits of a group and stage (f) entered in the hour now less `hours`, and now is no earlier in its
    // hour than they were in theirs: those whose whole hours are `hours`, not one less.
    const groupKeys = groups.flatMap((c) => (c === 'measure' ? ['f.measure = ANY(s.measure_types)'] : c === 'month' ? [] : [`s.${c} = f.${c}`]));
    const onTime = (hours: string) =>
      `(SELECT count(*) FROM (${scopedFrom('request_stages', filter.scope, p, 'SELECT 1', [
        's.exited_at IS NULL',
        's.stage = f.stage',
        ...groupKeys,
        ...requested,
        `s.entered_at >= date_trunc('hour', ${now}::timestamptz, 'UTC') - ${hours} * interval '1 hour'`,
        `s.entered_at <= ${now}::timestamptz - ${hours} * interval '1 hour'`,
      ])}) AS on_time)`;

    const g = groups.map((c) => `${c}, `).join('');
    const keyed = [...groups, 'stage'].join(', ');
    const sums = (cast = '') => SUMS.map((c) => `sum(${c})${cast} AS ${c}`).join(', ');
    // The rollup's buckets of the scope, and the hours of the buckets `needed` names (w: the bucket's id, the group's keys k0, k1, stage, low, high).
    const bucketed = months ? rollupSources(filter, groups, p, months, { read: 'buckets' }).map((s) => ` UNION ALL ${s}`).join('') : '';
    // By stage over a period, a bucket's hours lie in every month of the period: looked up month by month (the months
    // the period's buckets have), rather than as a range of months the primary key would read every stage and hour of.
    const monthly = months && filter.groupBy === 'stage' && (filter.from || filter.to);
    const monthList = monthly
      ? `, months AS MATERIALIZED (SELECT array_agg(DISTINCT month) AS list FROM (${rollupSources(filter, groups, p, months, { read: 'months' }).join(' UNION ALL ')}) AS m (month))`
      : '';
    const hourly = months
      ? rollupSources(filter, groups, p, months, { read: 'hours', join: 'needed w', months: monthly ? '(SELECT list FROM months)::int[]' : null })
          .map((s) => `${s} UNION ALL `)
          .join('')
      : '';
    const onNeeded = [...groups.map((c, i) => `v.${c} = w.k${i}`), 'v.stage = w.stage', 'v.hours >= w.low', 'v.hours < w.high'].join(' AND ');
    // The 0-based ranks percentile_cont interpolates between, of `total` visits (numbered as `picked` lists them).
    const rank = (percent: number, side: 'low' | 'high') => `(${percent} * (total - 1) ${side === 'high' ? '+ 99' : ''}) / 100`;
    const ranks = [rank(50, 'low'), rank(50, 'high'), rank(90, 'low'), rank(90, 'high'), ...(longest ? [rank(100, 'low')] : [])];
    const at = (target: number) => `max(hours) FILTER (WHERE target = ${target})`;
    const interpolated = (percent: number, low: number) => `(${at(low)} + ((${percent} * (total - 1)) % 100) / 100.0::float8 * (${at(low + 1)} - ${at(low)}))`;

    // The visits read one by one are kept as they come, not first summed per hour: over a period most of a group's
    // hours hold one visit, and that grouping (a country by pair over 90 days: 15,700 visits into 11,700 hours, on
    // text keys) cost more than it saved the buckets and the hour look-ups after it (by pair over 90 days, 75 -> 57 ms).
    // Each group and stage is numbered once its figures are summed (grp), and each bucket holding a rank
    // (id): the rows ranked and read hour by hour are then sorted by integers alone. Sorted by the group's
    // text keys, those sorts were most of a figure's time (a country by pair: 8,300 buckets and 3,300 hours).
    const sql = `
      WITH visits AS MATERIALIZED (
        SELECT * FROM (${sources.join(' UNION ALL ')}) AS v (${[...groups, 'stage', 'hours', 'n', ...SUMS, 'later'].join(', ')})
      )${monthList}, buckets AS MATERIALIZED (
        SELECT ${g}stage, bucket, sum(n)::int AS n, max(max_hours) AS max_hours, ${sums('::int')}
        FROM (SELECT ${g}stage, (hours >> b.shift) << b.shift, hours, n, ${SUMS.join(', ')}
              FROM visits CROSS JOIN LATERAL (SELECT ${BUCKET_SHIFT('hours')} AS shift) b${bucketed})
          AS v (${[...groups, 'stage', 'bucket', 'max_hours', 'n', ...SUMS].join(', ')})
        GROUP BY ${keyed}, bucket
      ), figures AS MATERIALIZED (
        SELECT ${g}stage, row_number() OVER ()::int AS grp, sum(n)::int AS visits, max(max_hours)::int AS max_hours, ${sums('::int')}
        FROM buckets GROUP BY ${keyed} HAVING sum(n) > 0
      ), needed AS MATERIALIZED (
        SELECT ${groups.map((c, i) => `f.${c} AS k${i}, `).join('')}f.stage, r.grp, r.bucket AS low, r.bucket + (1 << ${BUCKET_SHIFT('r.bucket')}) AS high,
               r.before, r.total, row_number() OVER ()::int AS id
        FROM (SELECT f.grp, b.bucket, b.n, (sum(b.n) OVER (PARTITION BY f.grp ORDER BY b.bucket) - b.n)::int AS before, f.visits AS total
              FROM buckets b JOIN figures f USING (${keyed})) r
        JOIN figures f USING (grp)
        WHERE ${ranks.map((k) => `(${k} >= r.before AND ${k} < r.before + r.n)`).join(' OR ')}
      ), hours AS (
        SELECT grp, total, hours, sum(n)::int AS n, sum(later)::int AS later, before + sum(sum(n)) OVER (PARTITION BY id ORDER BY hours) AS upto
        FROM (${hourly}SELECT w.id, w.grp, w.before, w.total, v.hours, v.n, v.later FROM visits v JOIN needed w ON ${onNeeded}) AS v (id, grp, before, total, hours, n, later)
        GROUP BY id, grp, before, total, hours
      ), picked AS (
        -- The hour holding each rank: the least whose running count passes it (target 1-4: the median's and the 90th
        -- percentile's two ranks, 5 the last).
        SELECT h.grp, h.total, k.target, k.r, h.hours, h.upto - h.n AS below, h.later
        FROM hours h CROSS JOIN LATERAL (VALUES ${ranks.map((r, i) => `(${i + 1}, ${r.replace(/total/g, 'h.total')})`).join(', ')}) AS k (target, r)
        WHERE h.upto - h.n <= k.r AND k.r < h.upto
      ), ranked AS ${
        openCounted
          ? `MATERIALIZED (
        -- An hour less where the rank falls among the open visits counted an hour too many there (materialized: each
        -- look-up once, not once per aggregate reading it).
        SELECT p.grp, p.total, p.target, p.hours - CASE WHEN p.later > 0 AND p.below + p.later - ${onTime('p.hours')} > p.r THEN 1 ELSE 0 END AS hours
        FROM picked p JOIN figures f USING (grp)`
          : '(SELECT grp, total, target, hours FROM picked'
      }
      ), percentiles AS (
        SELECT grp, ${interpolated(50, 1)} AS median, ${interpolated(90, 3)} AS p90${longest ? `, ${at(5)} AS longest` : ''} FROM ranked GROUP BY grp, total
      )
      SELECT ${groups.map((c) => `${c} AS "${ALIASES[c]}", `).join('')}stage, f.visits, f.finished, f.open, f.overdue,
             p.median AS "medianHours", p.p90 AS "p90Hours", ${longest ? 'p.longest' : 'f.max_hours'} AS "maxHours",
             f.first_decided AS "firstVisitsDecided", f.first_returned AS "firstVisitsReturned", f.decided AS "visitsDecided", f.refused AS "visitsRefused"
      FROM figures f LEFT JOIN percentiles p USING (grp)`;

    return this.db.transaction(async (tx) => {
      // PostgreSQL overestimates the (stage, hour) groups a hundredfold: without room to hash them it
      // would sort every row instead. It overestimates the hours of a bucket too, and would start
      // parallel workers to read a few hundred rows (their start cost 150-300 ms of a 200-350 ms
      // figure at load 20 on 2 cores). Taking the buckets for a few hundred, it would join them to their
      // group's number by sorting both on the group's text keys, the sort the numbers are there to avoid:
      // no merge joins. Where visits are read one by one (a period), it found the hours of the few buckets
      // holding the ranks by sorting every visit read against them (the region over 90 days at a million
      // requests: 380,000 visits sorted for 16 buckets, 1.1 s, 0.8 without merge joins); by month over a
      // period it plans better left alone (the region over 90 days at 100,000 requests: 71 ms, 88 without).
      // No JIT compilation: at a million requests the estimates pass its threshold and every figure compiled
      // about a hundred functions in 55-95 ms before reading a row (GT by stage: 221 ms, 54 without, EXPLAIN ANALYZE).
      const merges = ranges.length > 0 && filter.groupBy === 'month' ? '' : '; SET LOCAL enable_mergejoin = off';
      await tx.manager.query(
        `SET TRANSACTION READ ONLY; SET LOCAL work_mem = '64MB'; SET LOCAL hash_mem_multiplier = 8; SET LOCAL max_parallel_workers_per_gather = 0; SET LOCAL jit = off${merges}`,
      );
      const rows: FigureRow[] = await tx.manager.query(sql, p.values);
      return rows.map(({ month, ...row }) => ({ ...row, ...(month !== undefined && { month: monthName(month) }) }));
    });
  }

  /**
   * Recomputes turnaround_rollup (and its buckets, turnaround_buckets) from request_stages (after a bulk load; the runner keeps it otherwise,
   * visit by visit through turnaround_grains()). The same grains, each family in one pass of hash
   * aggregation over grouping sets instead of spreading every visit over its grains and sorting them
   * all (at 100,000 requests, 2.1 million rows from 0.7 million visits: 6 minutes on a loaded machine,
   * now seconds). A test holds the two ways equal (the runner's rollup against a rebuild).
   */
  async rebuildRollup(decisions: DecisionEvents, tx?: Transaction): Promise<number> {
    const manager = this.db.managerOf(tx);
    await manager.query('DELETE FROM turnaround_rollup');
    // What each family groups by besides (stage, hours): the grains of turnaround_grains() with the
    // country as `country`, the other side as `other`, the kind of measure, the month entered.
    const families: { side: string; country: string; other: string; where: string; measure: boolean; sets: string[][] }[] = [
      { side: 'requesting', country: 'requesting', other: 'requested', where: 'true', measure: false, sets: [[], ['month'], ['requesting'], ['requesting', 'month'], ['requesting', 'requested']] },
      { side: 'requested', country: 'requested', other: 'requesting', where: 'v.transmitted', measure: false, sets: [['requested'], ['requested', 'month'], ['requested', 'requesting']] },
      { side: 'requesting', country: 'requesting', other: 'requested', where: 'true', measure: true, sets: [[], ['requesting']] },
      { side: 'requested', country: 'requested', other: 'requesting', where: 'v.transmitted', measure: true, sets: [['requested']] },
    ];
    const selects = families.map((f) => {
      const sets = f.sets.map((set) => `(${[...set, ...(f.measure ? ['m.measure'] : []), 'v.stage', 'v.hours'].map((c) => (c.includes('.') ? c : `v.${c}`)).join(', ')})`);
      // A column's value where this set groups by it, else `all` ('' or month 0); GROUPING() names
      // only columns some set groups by.
      const value = (column: string, all: string, then = `v.${column}`) =>
        f.sets.some((set) => set.includes(column)) ? `CASE WHEN GROUPING(v.${column}) = 0 THEN ${then} ELSE ${all} END` : all;
      return `SELECT ${value(f.country, `'region'`, `'${f.side}'`)}, ${value(f.country, `''`)}, ${value(f.other, `''`)}, ${f.measure ? 'm.measure' : `''`},
                ${value('month', '0')}, v.stage, v.hours, count(*)::int,
                sum(v.first_decided)::int, sum(v.first_returned)::int, sum(v.decided)::int, sum(v.refused)::int
              FROM v ${f.measure ? 'CROSS JOIN LATERAL unnest(v.measure_types) AS m (measure)' : ''}
              WHERE ${f.where}
              GROUP BY GROUPING SETS (${sets.join(', ')})`;
    });
    const [{ rows }]: { rows: number }[] = await manager.query(
      `WITH v AS MATERIALIZED (
         SELECT s.stage, s.requesting_country::text AS requesting, s.requested_country::text AS requested, s.transmitted, s.measure_types,
                ${MONTH_ENTERED} AS month, ${WHOLE_HOURS('s.entered_at', 's.exited_at')} AS hours,
                (s.visit = 1 AND s.exited_by = ANY($1::text[]))::int AS first_decided, (s.visit = 1 AND s.exited_by = $2)::int AS first_returned,
                (s.exited_by = ANY($3::text[]))::int AS decided, (s.exited_by = $4)::int AS refused
         FROM request_stages s WHERE s.exited_at IS NOT NULL
       ), written AS (
         INSERT INTO turnaround_rollup (side, country, other, measure, month, stage, hours, visits, first_decided, first_returned, decided, refused)
         SELECT * FROM (${selects.join(' UNION ALL ')}) AS g ORDER BY 1, 2, 3, 4, 5, 6, 7
         RETURNING 1
       )
       SELECT count(*)::int AS rows FROM written`,
      [decisions.firstVisit, decisions.returned, decisions.any, decisions.refused],
    );
    await manager.query('DELETE FROM turnaround_buckets');
    await manager.query(
      `INSERT INTO turnaround_buckets (side, country, other, measure, month, stage, bucket, visits, first_decided, first_returned, decided, refused, max_hours)
       SELECT side, country, other, measure, month, stage, turnaround_bucket(hours), sum(visits), sum(first_decided), sum(first_returned),
              sum(decided), sum(refused), max(hours)
       FROM turnaround_rollup GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4, 5, 6, 7`,
    );
    // The open visits counted again, with no visit opening or leaving meanwhile (a change committed between the
    // changes' delete and the count would be counted twice).
    const recount = async (m: typeof manager) => {
      await m.query('LOCK TABLE request_stages IN SHARE MODE');
      await m.query('DELETE FROM turnaround_open_changes');
      await m.query('DELETE FROM turnaround_open');
      await m.query(COUNT_OPEN_VISITS);
      // Every figure kept ready was computed on the visits before the rebuild.
      await m.query('DELETE FROM turnaround_ready');
    };
    await (tx ? recount(manager) : this.db.transaction((own) => recount(own.manager)));
    return rows;
  }

  /**
   * Folds the changes to the open visits' counts (turnaround_open_changes, written by request_stages' trigger) into the
   * counts (turnaround_open), in one transaction: a figure reads the changes before or the counts after. Each change is
   * taken by one fold (several workers folding at once each take their own), and the counts are written in key order.
   * Returns the changes folded.
   */
  async foldOpenChanges(): Promise<number> {
    return this.db.transaction(async (tx) => {
      const [{ folded, emptied }]: { folded: number; emptied: unknown[] | null }[] = await tx.manager.query(
        `WITH taken AS (
           DELETE FROM turnaround_open_changes RETURNING *
         ), added AS (
           INSERT INTO turnaround_open AS t
           SELECT side, country, other, measure, stage, entered_hour, overdue, sum(visits) FROM taken
           GROUP BY 1, 2, 3, 4, 5, 6, 7 HAVING sum(visits) <> 0 ORDER BY 1, 2, 3, 4, 5, 6, 7
           ON CONFLICT (side, country, other, measure, stage, entered_hour, overdue) DO UPDATE SET visits = t.visits + EXCLUDED.visits
           RETURNING t.*
         )
         SELECT (SELECT count(*)::int FROM taken) AS folded,
                (SELECT json_agg(added) FROM added WHERE visits = 0) AS emptied`,
      );
      // An hour's visits of a stage all gone: their row goes too, by its key (an index on the rows at zero would make
      // every fold's update of a count a new index entry, where PostgreSQL can otherwise update it in place).
      if (emptied) {
        await tx.manager.query(
          `DELETE FROM turnaround_open t USING json_populate_recordset(NULL::turnaround_open, $1) z
           WHERE (t.side, t.country, t.other, t.measure, t.stage, t.entered_hour, t.overdue) = (z.side, z.country, z.other, z.measure, z.stage, z.entered_hour, z.overdue)
             AND t.visits = 0`,
          [JSON.stringify(emptied)],
        );
      }
      return folded;
    });
  }

  /**
   * The visits per stage now open and overdue, with every visit the stage has had, finished or not
   * (what decides whether a group is too small to show), for the scope and requested country: the
   * numbers stageFigures gives with no period, without the percentiles (the admin's console, and the
   * dashboard's "now" beside a period). The finished ones counted from the rollup's buckets, the
   * open ones from request_stages' partial indexes.
   */
  async openPerStage(filter: Pick<TurnaroundFilter, 'scope' | 'requestedCountry' | 'now'>): Promise<{ stage: string; visits: number; open: number; overdue: number }[]> {
    const p = new Params();
    const now = p.add(filter.now);
    const requested = filter.requestedCountry ? [`s.requested_country = ${p.add(filter.requestedCountry)}`] : [];
    const byStage = { ...filter, groupBy: 'stage' as const };
    // The open visits from their rollup, overdue as stageFigures counts it.
    const open = [
      ...openSources(byStage, [], p, () => 't.stage, t.visits, t.visits, CASE WHEN t.overdue THEN t.visits ELSE 0 END'),
      scopedFrom(visitsAmong(OPEN_UNMARKED(now)), filter.scope, p, 'SELECT s.stage, 0, 0, 1', requested),
      scopedFrom(visitsAmong(OPEN_MARKED_EARLY(now)), filter.scope, p, 'SELECT s.stage, 0, 0, -1', requested),
    ];
    const finished = rollupSources(byStage, [], p, (column) => `${column} = 0`, { read: 'buckets' }).map(
      (source) => `SELECT stage, visits, 0, 0 FROM (${source}) AS b (stage, bucket, max_hours, visits, ${SUMS.join(', ')})`,
    );
    return this.db.managerOf().query(
      `SELECT stage, sum(visits)::int AS visits, sum(open)::int AS open, sum(overdue)::int AS overdue
       FROM (${[...finished, ...open].join(' UNION ALL ')}) AS v (stage, visits, open, overdue)
       GROUP BY stage`,
      p.values,
    );
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

/** Open visits due before `now` whose alarm has not fired yet (request_stages_pending_deadline_idx). */
const OPEN_UNMARKED = (now: string) => ['s.exited_at IS NULL', 's.due_at IS NOT NULL', 's.overdue_at IS NULL', `s.due_at < ${now}`];
/** Open visits marked overdue that are not due before `now` (a clock set back: request_stages_open_marked_idx). */
const OPEN_MARKED_EARLY = (now: string) => ['s.exited_at IS NULL', 's.overdue_at IS NOT NULL', `s.due_at >= ${now}`];

/**
 * The visits meeting `conditions` (aliased s, each kind of measure as m.measure where `measures`), read on their own
 * before any condition of the caller's: those of OPEN_UNMARKED and OPEN_MARKED_EARLY are a minute's deadlines at
 * most, but PostgreSQL, which cannot know that, would rather read every open visit of a country or a period for them.
 */
function visitsAmong(conditions: string[], measures = false): string {
  return `(SELECT * FROM request_stages s WHERE ${conditions.join(' AND ')} OFFSET 0) s${measures ? ' CROSS JOIN LATERAL unnest(s.measure_types) AS m(measure)' : ''}`;
}

/**
 * The open visits of the scope (and requested country) from their rollup, each row `columns` of its group's keys (t.
 * the rollup's row: stage, entered_hour, overdue, visits), entered in the filter's period (which begins and ends on the
 * hour). The grains are the finished visits' all-time grains (rollupSources).
 */
function openSources(filter: TurnaroundFilter, groups: string[], p: Params, columns: (keys: string[]) => string): string[] {
  const hourOf = (at: Date) => p.add(Math.floor(at.getTime() / HOUR_MS));
  const entered = [...(filter.from ? [`t.entered_hour >= ${hourOf(filter.from)}`] : []), ...(filter.to ? [`t.entered_hour < ${hourOf(filter.to)}`] : [])];
  return rollupSources(filter, groups, p, () => 'true', { read: 'open', columns, entered });
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

/**
 * `select` over `table` (aliased s, with requesting_country, requested_country, transmitted) for the scope. The
 * region's rows in `regionOrder`, where given: the region's open visits are read in entry order, from
 * request_stages_open_entered_idx alone (it holds every column a figure reads of them). Unordered, PostgreSQL would
 * rather walk them by request through request_stages_open_key and read each row from the table, unless a narrower
 * index held every column asked: with the requests' ids in the order their rows were written (a bulk load) it prices
 * that walk at a tenth of its reads (at a million requests, 130,000 visits: by measure 3 s, by pair 2 s against 0.9).
 */
function scopedFrom(table: string, scope: FiguresScope, p: Params, select: string, conditions: string[], regionOrder?: string): string {
  const from = table.includes(' ') ? table : `${table} s`;
  const where = (extra: string[]) => [...extra, ...conditions].join(' AND ') || 'true';
  if (scope.kind === 'region') return regionOrder ? `(${select} FROM ${from} WHERE ${where([])} ORDER BY ${regionOrder})` : `${select} FROM ${from} WHERE ${where([])}`;
  const country = p.add(scope.country);
  const sides: Record<CountrySide, string> = {
    requesting: `${select} FROM ${from} WHERE ${where([`s.requesting_country = ${country}`])}`,
    requested: `${select} FROM ${from} WHERE ${where([`s.requested_country = ${country}`, 's.transmitted'])}`,
  };
  return scope.side ? sides[scope.side] : `${sides.requesting} UNION ALL ${sides.requested}`;
}

/**
 * What rollupSources reads: the buckets (turnaround_buckets: the group's keys, stage, bucket, longest, visits and SUMS);
 * the months those buckets have (month); or hour by hour from turnaround_rollup (the bucket's w.id, w.grp, w.before,
 * w.total, then hours, visits) only in the buckets `join` lists (w: the bucket's id, its group's number, keys k0, k1
 * and stage, its hours from low to before high, the visits before it, the group's total), in the months of the array
 * `months` names where it names one.
 */
type RollupRead =
  | { read: 'buckets' }
  | { read: 'months' }
  | { read: 'hours'; join: string; months: string | null }
  | { read: 'open'; columns: (keys: string[]) => string; entered: string[] };

/**
 * The finished visits of the scope in whole months, from the rollup's grains: the region's or a
 * country's as requesting party and (once transmitted) as requested party; a pair's rows have the
 * other country, a measure's have other = ''. `read` says which rows (RollupRead).
 */
function rollupSources(
  filter: TurnaroundFilter,
  groups: string[],
  p: Params,
  months: (column: string, p: Params) => string,
  read: RollupRead,
): string[] {
  const X = filter.requestedCountry;
  // Each side's columns for the group keys: who requested from whom, or the measure.
  const keysOf = (side: 'requesting' | 'requested') =>
    groups.map((g) =>
      g === 'measure' || g === 'month' ? `t.${g}` : (g === 'requesting_country') === (side === 'requesting') ? 't.country' : 't.other',
    );
  const select = (side: 'region' | 'requesting' | 'requested', conditions: string[]) => {
    const keys = keysOf(side === 'requested' ? 'requested' : 'requesting');
    if (read.read === 'open') {
      // The counts folded and the changes not folded yet: each key's rows add up to its visits.
      const where = [`t.side = '${side}'`, ...conditions, ...read.entered];
      const columns = read.columns(keys.map((k) => (k === 't.month' ? MONTH_OF_HOUR('t.entered_hour', p) : k)));
      return `SELECT ${columns} FROM (TABLE turnaround_open UNION ALL TABLE turnaround_open_changes) t WHERE ${where.join(' AND ')}`;
    }
    // Where the months are listed, the list alone: with the period's range of months beside it, PostgreSQL walks every
    // stage and hour of the range for each bucket and filters by the list (the region over 90 days at a million
    // requests: 3 ms a bucket, 70 ms of 170), instead of looking each listed month's hours up.
    const listed = read.read === 'hours' && read.months;
    const where = [`t.side = '${side}'`, ...conditions, ...(listed ? [] : [months('t.month', p)])];
    if (read.read === 'months') return `SELECT t.month FROM turnaround_buckets t WHERE ${where.join(' AND ')}`;
    if (read.read === 'buckets') {
      const counts = 't.bucket, t.max_hours, t.visits, t.visits, 0, 0, t.first_decided, t.first_returned, t.decided, t.refused';
      return `SELECT ${[...keys, 't.stage', counts].join(', ')} FROM turnaround_buckets t WHERE ${where.join(' AND ')}`;
    }
    // Each needed bucket looked up in the primary key: PostgreSQL takes the needed buckets for
    // thousands (it cannot count them before ranking) and would otherwise merge them with every hour
    // of the grain (65,000 rows for the region by measure, for 3,500 wanted). OFFSET 0 keeps the
    // lookup a subquery it cannot turn back into a join.
    const lookup = [
      ...where,
      ...(read.months ? [`t.month = ANY(${read.months})`] : []),
      ...keys.map((k, i) => `${k} = w.k${i}`),
      't.stage = w.stage',
      't.hours >= w.low',
      't.hours < w.high',
    ];
    return `SELECT w.id, w.grp, w.before, w.total, t.hours, t.visits, 0
     FROM ${read.join} CROSS JOIN LATERAL (SELECT * FROM turnaround_rollup t WHERE ${lookup.join(' AND ')} OFFSET 0) t`;
  };
  // What a side's rows are, for the group asked and the requested country filter (other is the
  // requested country on the requesting side).
  const grain = (side: 'requesting' | 'requested'): string[] | null => {
    if (filter.groupBy === 'measure') return [`t.other = ''`, `t.measure > ''`];
    if (side === 'requesting' && X) return [`t.other = ${p.add(X)}`, `t.measure = ''`];
    if (side === 'requested' && X && filter.scope.kind === 'country' && X !== filter.scope.country) return null;
    // other > '' rather than <> '': a range of the primary key ('' sorts first), not a filter.
    return [filter.groupBy === 'countryPair' ? `t.other > ''` : `t.other = ''`, `t.measure = ''`];
  };
  if (filter.scope.kind === 'region') {
    // The region by stage or measure has grains of its own; by pair, or within one requested
    // country, it is every requesting country's: named, so that each is a range of the primary key
    // instead of the whole side (180,000 bucket rows at 100,000 requests, for 45,000 by pair).
    if (filter.groupBy === 'countryPair' || X) return [select('requesting', [`t.country = ANY(${p.add([...COUNTRY_CODES])}::text[])`, ...grain('requesting')!])];
    return [select('region', [`t.country = ''`, `t.other = ''`, filter.groupBy === 'measure' ? `t.measure > ''` : `t.measure = ''`])];
  }
  const country = p.add(filter.scope.country);
  return (filter.scope.side ? [filter.scope.side] : (['requesting', 'requested'] as const)).flatMap((side) => {
    const conditions = grain(side);
    return conditions ? [select(side, [`t.country = ${country}`, ...conditions])] : [];
  });
}
