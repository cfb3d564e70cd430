// The turnaround figures computed the plain way, from every visit in request_stages with
// percentile_cont and no rollup: what the rollup must equal (test/medium/turnaround-rollup) and the
// baseline its speed is held against (bench/turnaround.bench.ts).
import type { FiguresGroupBy, FiguresScope, StageFiguresRow } from '@enlace/persistence';
import type { CountryCode } from '@enlace/workflows';

type Query = (text: string, params: unknown[]) => Promise<unknown[]>;

export interface FiguresCase {
  scope: FiguresScope;
  groupBy: FiguresGroupBy;
  requestedCountry?: CountryCode;
  from?: Date;
  to?: Date;
}

/** The figures straight from every visit: percentile_cont over the whole hours, no rollup. */
export async function rawStageFigures(sql: Query, c: FiguresCase, now: Date): Promise<StageFiguresRow[]> {
  const params: unknown[] = [now];
  const add = (value: unknown) => `$${params.push(value)}`;
  const where = [
    c.scope.kind === 'country' ? `(s.requesting_country = ${add(c.scope.country)} OR (s.requested_country = $2 AND s.transmitted))` : 'true',
    ...(c.requestedCountry ? [`s.requested_country = ${add(c.requestedCountry)}`] : []),
    ...(c.from ? [`s.entered_at >= ${add(c.from)}`] : []),
    ...(c.to ? [`s.entered_at < ${add(c.to)}`] : []),
  ];
  const month = `to_char(entered_at AT TIME ZONE 'UTC', 'YYYY-MM')`;
  const columns: Record<FiguresGroupBy, string[]> = {
    stage: [],
    countryPair: ['requesting_country', 'requested_country'],
    measure: ['measure'],
    month: [month],
  };
  const names: Record<string, string> = { requesting_country: 'requestingCountry', requested_country: 'requestedCountry', measure: 'measure', [month]: 'month' };
  const keys = columns[c.groupBy].map((k) => `${k} AS "${names[k]}"`);
  const rows = (await sql(
    `SELECT ${keys.map((k) => `${k}, `).join('')} stage, count(*)::int AS visits, count(exited_at)::int AS finished,
            (count(*) - count(exited_at))::int AS open, count(*) FILTER (WHERE exited_at IS NULL AND due_at < $1)::int AS overdue,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY hours) AS "medianHours", percentile_cont(0.9) WITHIN GROUP (ORDER BY hours) AS "p90Hours",
            max(hours) AS "maxHours",
            count(*) FILTER (WHERE visit = 1 AND exited_by IN ('AUTHORIZE', 'RETURN', 'REJECT'))::int AS "firstVisitsDecided",
            count(*) FILTER (WHERE visit = 1 AND exited_by = 'RETURN')::int AS "firstVisitsReturned",
            count(*) FILTER (WHERE exited_by IN ('RECORD_EXECUTION', 'REFUSE'))::int AS "visitsDecided",
            count(*) FILTER (WHERE exited_by = 'REFUSE')::int AS "visitsRefused"
     FROM (SELECT s.*, floor(date_part('epoch', COALESCE(s.exited_at, $1) - s.entered_at) / 3600)::int AS hours
           FROM request_stages s WHERE ${where.join(' AND ')}) s
     ${c.groupBy === 'measure' ? 'CROSS JOIN LATERAL unnest(s.measure_types) AS m(measure)' : ''}
     GROUP BY ${[...columns[c.groupBy], 'stage'].join(', ')}`,
    params,
  )) as StageFiguresRow[];
  return rows;
}

