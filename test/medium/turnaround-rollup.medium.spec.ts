// Medium: the turnaround figures read from the rollup (whole months) and request_stages (open visits,
// partial months) are the figures PostgreSQL's percentile_cont gives over every visit, on 6,000
// synthetic requests, for every scope, grouping, requested-country filter and kind of period; and the
// rollup the runner keeps through real transitions is the one a rebuild computes.
import { BUCKET_SHIFT, Database, MIGRATIONS, TurnaroundRepository, type FiguresScope, type StageFiguresRow } from '@enlace/persistence';
import { DECISION_EVENTS } from '@enlace/turnaround';
import { bulkBounds, seedSynthetic } from '../../apps/api/src/cli/synthetic-seed.js';
import { rawStageFigures, type FiguresCase } from '../../bench/turnaround-reference.js';
import { advanceUntil, createRequest, sendEvent } from '../support/request-flow.js';
import { TestClock } from '../support/test-clock.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const NOW = new Date('2026-11-28T12:00:00.000Z');
const COUNT = 6000;
const day = (text: string) => new Date(`${text}T00:00:00Z`);

const comparable = (rows: StageFiguresRow[]) =>
  rows
    .map((r) => ({ ...r, medianHours: r.medianHours === null ? null : Math.round(r.medianHours * 1e6) / 1e6, p90Hours: r.p90Hours === null ? null : Math.round(r.p90Hours * 1e6) / 1e6 }))
    .sort((a, b) => {
      const key = (r: StageFiguresRow) => `${r.requestingCountry ?? ''}${r.requestedCountry ?? ''}${r.measure ?? ''}${r.month ?? ''}${r.stage}`;
      return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
    });

type Query = (text: string, params?: unknown[]) => Promise<unknown>;

/**
 * Runs `work` with each figures statement the repository sends handed first to `seen`, with the query of the
 * transaction it is sent in (the repository's settings in force), then sent as it was.
 */
async function watchingFigures(t: TestApp, seen: (query: Query, text: string, params: unknown[]) => Promise<void>, work: () => Promise<void>): Promise<void> {
  const db = t.app.get(Database);
  const transaction = db.transaction.bind(db);
  db.transaction = (run) =>
    transaction((tx) => {
      const query = tx.manager.query.bind(tx.manager);
      tx.manager.query = async (text: string, params?: unknown[]) => {
        if (text.includes('WITH visits')) await seen(query, text, params ?? []);
        return query(text, params);
      };
      return run(tx);
    });
  try {
    await work();
  } finally {
    db.transaction = transaction;
  }
}

describe('turnaround figures from the rollup', () => {
  let t: TestApp;
  const clock = new TestClock(NOW);

  beforeAll(async () => {
    // Bulk statements run for longer than a request may: the seeder's own bounds (bulkBounds).
    t = await startTestApp({ clock, env: bulkBounds(COUNT) });
    await seedSynthetic(t.app, COUNT, NOW, (line) => process.stderr.write(`seed: ${line}\n`));
  }, 180_000);
  afterAll(() => t.close());

  it('equal percentile_cont over every visit, for every scope, grouping, filter and period', async () => {
    const figures = t.app.get(TurnaroundRepository);
    const scopes: FiguresScope[] = [{ kind: 'region' }, { kind: 'country', country: 'GT' }, { kind: 'country', country: 'MX' }];
    const periods: Pick<FiguresCase, 'from' | 'to'>[] = [
      {},
      { from: day('2026-06-01') }, // whole months only
      { from: day('2026-08-30') }, // the last 90 days: a partial month, then whole ones
      { from: day('2025-03-17'), to: day('2026-02-11') }, // partial at both ends
      { to: day('2025-07-01') },
      { from: day('2026-03-05'), to: day('2026-03-20') }, // within one month
      // A month mostly inside the period: read whole from the rollup, less its days outside read one by one.
      { from: day('2026-06-03') },
      { from: day('2025-03-04'), to: day('2026-02-26') }, // less days at both ends
      { from: day('2026-03-02'), to: day('2026-03-30') }, // one month less days on either side
    ];
    let compared = 0;
    for (const scope of scopes) {
      for (const groupBy of ['stage', 'countryPair', 'measure', 'month'] as const) {
        for (const requestedCountry of [undefined, 'MX', 'GT'] as const) {
          for (const period of periods) {
            const c: FiguresCase = { scope, groupBy, requestedCountry, ...period };
            const expected = await rawStageFigures((text, params) => t.sql(text, params), c, NOW);
            const actual = await figures.stageFigures({ ...c, now: NOW }, DECISION_EVENTS);
            expect({ c, rows: comparable(actual) }).toEqual({ c, rows: comparable(expected) });
            compared += expected.length;
          }
        }
      }
    }
    // Enough groups that a wrong grain, month or side could not go unnoticed.
    expect(compared).toBeGreaterThan(5000);
    // 324 comparisons, each against percentile_cont over every visit: minutes on a loaded 2-core machine.
  }, 900_000);

  it('count an open visit\'s whole hours as percentile_cont does wherever now is in its hour, though its rollup knows only the hour it entered', async () => {
    // NOW is on the hour: every open visit entered after the hour began has one hour less than the hours since the hour
    // it entered. 37 min 12.345 s past the hour, some of each hour's visits have those hours and some one less: the
    // figures read the visits of the one hour where a rank falls to tell them apart.
    const figures = t.app.get(TurnaroundRepository);
    let compared = 0;
    let open = 0;
    for (const now of [new Date(NOW.getTime() + 37 * 60_000 + 12_345), new Date(NOW.getTime() + 59 * 60_000 + 59_999)]) {
      for (const scope of [{ kind: 'region' }, { kind: 'country', country: 'GT' }] as FiguresScope[]) {
        for (const groupBy of ['stage', 'month', 'measure'] as const) {
          for (const requestedCountry of groupBy === 'stage' ? [undefined, 'MX' as const] : [undefined]) {
            // The last period does not begin on the hour: its open visits are read one by one.
            for (const period of [{}, { from: day('2026-08-30') }, { from: day('2025-03-17'), to: day('2026-02-11') }, { from: new Date('2026-08-30T05:30:00Z') }]) {
              const c: FiguresCase = { scope, groupBy, requestedCountry, ...period };
              const expected = await rawStageFigures((text, params) => t.sql(text, params), c, now);
              const actual = await figures.stageFigures({ ...c, now }, DECISION_EVENTS);
              expect({ c, now, rows: comparable(actual) }).toEqual({ c, now, rows: comparable(expected) });
              compared += expected.length;
              open += expected.reduce((sum, r) => sum + r.open, 0);
            }
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(500);
    expect(open).toBeGreaterThan(1000);
    // The console's and the dashboard's counts of what is open and overdue now, from the same rollup.
    for (const scope of [{ kind: 'region' }, { kind: 'country', country: 'GT' }] as FiguresScope[]) {
      const now = new Date(NOW.getTime() + 37 * 60_000);
      const all = await figures.stageFigures({ scope, groupBy: 'stage', now }, DECISION_EVENTS);
      const counts = await figures.openPerStage({ scope, now });
      expect(counts.map(({ stage, visits, open, overdue }) => ({ stage, visits, open, overdue })).sort((a, b) => a.stage.localeCompare(b.stage))).toEqual(
        all.map(({ stage, visits, open, overdue }) => ({ stage, visits, open, overdue })).sort((a, b) => a.stage.localeCompare(b.stage)),
      );
    }
  }, 600_000);

  it('reads the open visits from indexes alone, whatever the grouping, and sorts no period\'s visits to find its hours', async () => {
    // The figures' statements as the repository sends them, then their plans: every read of request_stages an
    // index-only scan (by measure, the country indexes lacked the kinds of measure and the region's visits were
    // walked by request, each row read from the table: seconds at a million requests).
    // Each planned in its own transaction, after the repository's settings.
    const sent: string[][] = [];
    const figures = t.app.get(TurnaroundRepository);
    await watchingFigures(
      t,
      async (query, text, params) => {
        sent.push(((await query(`EXPLAIN ${text}`, params)) as { 'QUERY PLAN': string }[]).map((r) => r['QUERY PLAN']));
      },
      async () => {
        for (const scope of [{ kind: 'region' }, { kind: 'country', country: 'GT' }] as FiguresScope[]) {
          for (const groupBy of ['stage', 'countryPair', 'measure'] as const) await figures.stageFigures({ scope, groupBy, now: NOW }, DECISION_EVENTS);
        }
        // Over a period the visits of its partial month are read one by one too: the hours of the few buckets holding
        // the ranks are looked up by hashing those buckets, not by sorting every visit read against them (a merge join).
        const periods = sent.length;
        for (const scope of [{ kind: 'region' }, { kind: 'country', country: 'GT' }] as FiguresScope[]) {
          for (const groupBy of ['stage', 'countryPair', 'measure'] as const) await figures.stageFigures({ scope, groupBy, from: day('2026-08-30'), now: NOW }, DECISION_EVENTS);
        }
        expect(sent.splice(periods).flatMap((plan) => plan.filter((line) => line.includes('Merge Join')))).toEqual([]);
      },
    );
    expect(sent.length).toBeGreaterThanOrEqual(6);
    for (const plan of sent) {
      const reads = plan.filter((line) => / on request_stages\b/.test(line)).map((line) => line.trim().replace(/\s+\(cost=.*/, ''));
      expect(reads.length).toBeGreaterThan(0);
      // Besides the deadlines passed whose alarm has not fired yet, and those marked early (a clock set back), each read
      // from its own index: a minute's deadlines at most, read from the table.
      const fewDeadlines = /Index Scan using request_stages_(pending_deadline|open_marked)_idx/;
      expect(reads.filter((line) => !line.startsWith('->  Index Only Scan') && !line.startsWith('Index Only Scan') && !fewDeadlines.test(line))).toEqual([]);
    }
  }, 120_000);

  it('is kept by the runner through transitions exactly as a rebuild computes it', async () => {
    // A request walked from its draft to its transmission (the requested side then counts its past
    // visits too) and on to a refusal: every kind of write the rollup takes.
    const flow = await createRequest(t);
    await advanceUntil(t, flow, 'SHARE_DRAFT');
    for (const step of [
      { type: 'STANDARDIZE', by: 'fiscalGT' },
      { type: 'SUBMIT', by: 'fiscalGT' },
      { type: 'RETURN', by: 'cancilleriaGT', comment: 'Falta la traducción.' },
      { type: 'SUBMIT', by: 'fiscalGT' },
      { type: 'AUTHORIZE', by: 'cancilleriaGT' },
      { type: 'TRANSMIT', by: 'autoridadGT' },
      { type: 'ACKNOWLEDGE', by: 'autoridadMX' },
      { type: 'REFUSE', by: 'autoridadMX', comment: 'No procede.', data: { ground: 'untoc_18_21_c' } },
    ] as const) {
      const response = await sendEvent(t, flow, step);
      expect({ type: step.type, status: response.status }).toEqual({ type: step.type, status: 200 });
      // Folded while the request waits for the cancillería: its RETURN then takes out a visit already folded in.
      if (step.type === 'SUBMIT') await t.app.get(TurnaroundRepository).foldOpenChanges();
    }
    // A visit made overdue by hand, the trigger sees it as it sees the runner's writes.
    await t.sql(`UPDATE request_stages SET overdue_at = due_at WHERE id = (SELECT id FROM request_stages WHERE exited_at IS NULL AND due_at IS NOT NULL AND overdue_at IS NULL ORDER BY id LIMIT 1)`);
    const openCounts = `SELECT side, country, other, measure, stage, entered_hour, overdue, sum(visits)::int AS visits
                        FROM (TABLE turnaround_open UNION ALL TABLE turnaround_open_changes) o GROUP BY 1, 2, 3, 4, 5, 6, 7 HAVING sum(visits) <> 0
                        ORDER BY 1, 2, 3, 4, 5, 6, 7`;
    const keptOpen = await t.sql(openCounts);
    // With changes not folded yet, the figures are percentile_cont's all the same.
    const figures = t.app.get(TurnaroundRepository);
    const later = new Date(NOW.getTime() + 37 * 60_000);
    for (const scope of [{ kind: 'region' }, { kind: 'country', country: 'GT' }, { kind: 'country', country: 'MX' }] as FiguresScope[]) {
      const c: FiguresCase = { scope, groupBy: 'stage' };
      expect({ c, rows: comparable(await figures.stageFigures({ ...c, now: later }, DECISION_EVENTS)) }).toEqual({
        c,
        rows: comparable(await rawStageFigures((text, params) => t.sql(text, params), c, later)),
      });
    }
    const [{ changes }] = await t.sql<{ changes: number }>('SELECT count(*)::int AS changes FROM turnaround_open_changes');
    expect(changes).toBeGreaterThan(0);
    expect(await t.app.get(TurnaroundRepository).foldOpenChanges()).toBe(changes);
    expect(await t.sql('SELECT count(*)::int AS n FROM turnaround_open_changes')).toEqual([{ n: 0 }]);
    expect(await t.sql('SELECT * FROM turnaround_open ORDER BY 1, 2, 3, 4, 5, 6, 7')).toEqual(keptOpen);
    await t.sql('CREATE TABLE kept_rollup AS SELECT * FROM turnaround_rollup');
    await t.sql('CREATE TABLE kept_buckets AS SELECT * FROM turnaround_buckets');
    await t.app.get(TurnaroundRepository).rebuildRollup(DECISION_EVENTS);
    const [difference] = await t.sql<{ kept: number; rebuilt: number; rows: number; keptBuckets: number; rebuiltBuckets: number; buckets: number }>(
      `SELECT (SELECT count(*) FROM (TABLE kept_rollup EXCEPT TABLE turnaround_rollup) k)::int AS kept,
              (SELECT count(*) FROM (TABLE turnaround_rollup EXCEPT TABLE kept_rollup) r)::int AS rebuilt,
              (SELECT count(*) FROM turnaround_rollup)::int AS rows,
              (SELECT count(*) FROM (TABLE kept_buckets EXCEPT TABLE turnaround_buckets) k)::int AS "keptBuckets",
              (SELECT count(*) FROM (TABLE turnaround_buckets EXCEPT TABLE kept_buckets) r)::int AS "rebuiltBuckets",
              (SELECT count(*) FROM turnaround_buckets)::int AS buckets`,
    );
    expect(difference).toEqual({ kept: 0, rebuilt: 0, rows: difference.rows, keptBuckets: 0, rebuiltBuckets: 0, buckets: difference.buckets });
    // The open visits' counts the trigger and the fold kept are those a count of the open visits gives.
    expect(await t.sql(openCounts)).toEqual(keptOpen);
    expect(keptOpen.length).toBeGreaterThan(100);
    expect(difference.rows).toBeGreaterThan(COUNT);
    // Fewer bucket rows than hour rows (half at this scale, a sixth at 100,000 requests): what the figures read first.
    expect(difference.buckets).toBeLessThan(difference.rows);
    // Its eight finished visits count for GT as requesting party and, once transmitted, for MX.
    const [mine] = await t.sql<{ gt: number; mx: number }>(
      `SELECT sum(visits) FILTER (WHERE side = 'requesting' AND country = 'GT' AND other = '' AND measure = '' AND month = 0)::int
                - (SELECT count(*) FROM request_stages WHERE requesting_country = 'GT' AND exited_at IS NOT NULL AND request_id <> $1)::int AS gt,
              sum(visits) FILTER (WHERE side = 'requested' AND country = 'MX' AND other = '' AND measure = '' AND month = 0)::int
                - (SELECT count(*) FROM request_stages WHERE requested_country = 'MX' AND transmitted AND exited_at IS NOT NULL AND request_id <> $1)::int AS mx
       FROM turnaround_rollup`,
      [flow.id],
    );
    expect(mine).toEqual({ gt: 8, mx: 8 });
  }, 120_000);

  it('buckets equal to the hours they count, built again by the migration after a down, with the same figures', async () => {
    // turnaround_bucket() in SQL names each hour's bucket as the figures' statement does inline: 0-15 one by one, then
    // eight buckets per doubling, each named by its lowest hour (up to the largest integer, around each doubling).
    const [mismatch] = await t.sql<{ n: number }>(
      `SELECT count(*)::int AS n
       FROM (SELECT generate_series(0, 70000) UNION ALL SELECT (2 ^ d)::bigint + e FROM generate_series(17, 31) d, generate_series(-1, 1) e) AS s (h)
       WHERE h <= 2147483647 AND turnaround_bucket(h::int) <> (h::int >> ${BUCKET_SHIFT('h::int')}) << ${BUCKET_SHIFT('h::int')}`,
    );
    const named = await t.sql<{ bucket: number }>(`SELECT turnaround_bucket(h) AS bucket FROM unnest(ARRAY[0, 15, 16, 17, 18, 31, 32, 35, 36, 100, 1000]) h`);
    expect(named.map((r) => r.bucket)).toEqual([0, 15, 16, 16, 18, 30, 32, 32, 36, 96, 960]);
    expect(mismatch.n).toBe(0);
    const figures = t.app.get(TurnaroundRepository);
    const asked = { scope: { kind: 'country', country: 'GT' } as FiguresScope, groupBy: 'countryPair' as const, now: NOW };
    const before = comparable(await figures.stageFigures(asked, DECISION_EVENTS));
    const snapshot = `SELECT * FROM turnaround_buckets ORDER BY side, country, other, measure, month, stage, bucket`;
    const kept = await t.sql(snapshot);
    const Migration = MIGRATIONS.find((m) => m.name.startsWith('TurnaroundBuckets'))!;
    const runner = { query: (sql: string) => t.sql(sql) } as never;
    await new Migration().down(runner);
    const [{ exists }] = await t.sql<{ exists: boolean }>(`SELECT to_regclass('turnaround_buckets') IS NOT NULL AS exists`);
    expect(exists).toBe(false);
    await new Migration().up(runner);
    expect(await t.sql(snapshot)).toEqual(kept);
    expect(comparable(await figures.stageFigures(asked, DECISION_EVENTS))).toEqual(before);
  }, 120_000);

  it('a month read whole less its days outside the period: a stage left with no visit is not listed, the longest is one inside the period, and only the days outside are read one by one', async () => {
    // Two requests walked in February 2027, months after every synthetic visit: the only visits of that month. A enters
    // its draft and the standardized stage on 1 February and stays 576 hours in the latter; B's draft began in January
    // and its standardized stage lasts 24 hours from 11 February. From 3 February on, February is read from the rollup
    // less 1-2 February (2 days against 26): A's visits are taken out, no draft is left, and the longest standardized
    // visit is B's 24 hours, not the 576 the month's bucket holds.
    const at = async (when: string, flow: Awaited<ReturnType<typeof createRequest>> | null, type?: 'STANDARDIZE' | 'SUBMIT') => {
      clock.set(when);
      if (!flow) return createRequest(t);
      expect({ type, status: (await sendEvent(t, flow, { type: type!, by: 'fiscalGT' })).status }).toEqual({ type, status: 200 });
      return flow;
    };
    const b = await at('2027-01-31T10:00:00Z', null);
    const a = await at('2027-02-01T10:00:00Z', null);
    await at('2027-02-01T20:00:00Z', a, 'STANDARDIZE');
    await at('2027-02-11T00:00:00Z', b, 'STANDARDIZE');
    await at('2027-02-12T00:00:00Z', b, 'SUBMIT');
    await at('2027-02-25T20:00:00Z', a, 'SUBMIT');
    clock.set(NOW);
    const now = new Date('2027-03-01T06:00:00Z');

    // The parameters of the figures' statements: the days read one by one are those outside the period.
    const sent: unknown[][] = [];
    const figures = t.app.get(TurnaroundRepository);
    await watchingFigures(
      t,
      async (_, __, params) => {
        sent.push(params);
      },
      async () => {
        for (const scope of [{ kind: 'region' }, { kind: 'country', country: 'GT' }] as FiguresScope[]) {
          for (const groupBy of ['stage', 'month'] as const) {
            const c: FiguresCase = { scope, groupBy, from: day('2027-02-03') };
            const actual = await figures.stageFigures({ ...c, now }, DECISION_EVENTS);
            expect({ c, rows: comparable(actual) }).toEqual({ c, rows: comparable(await rawStageFigures((text, params) => t.sql(text, params), c, now)) });
            const standardized = actual.find((r) => r.stage === 'standardized');
            expect(actual.map((r) => r.stage).sort()).toEqual(['pending_authorization', 'standardized']);
            expect([standardized?.month ?? null, standardized?.finished, standardized?.maxHours]).toEqual([groupBy === 'month' ? '2027-02' : null, 1, 24]);
          }
        }
      },
    );
    const instants = sent.map((params) => params.filter((v): v is Date => v instanceof Date).map((d) => d.toISOString()));
    expect(instants.length).toBe(4);
    for (const read of instants) {
      expect(read).toContain('2027-02-01T00:00:00.000Z');
      expect(read).not.toContain('2027-03-01T00:00:00.000Z');
    }
  }, 120_000);

  it('the open visits’ indexes: rebuilt beside the old ones, down and up again, each time as the migrations define them', async () => {
    const definitions = `SELECT indexname, indexdef FROM pg_indexes WHERE indexname ~ '^request_stages_open_request(ing|ed)_idx' ORDER BY indexname`;
    const migrated = await t.sql<{ indexname: string; indexdef: string }>(definitions);
    expect(migrated.map((i) => [i.indexname, i.indexdef.includes('measure_types')])).toEqual([
      ['request_stages_open_requested_idx', true],
      ['request_stages_open_requesting_idx', true],
    ]);
    expect(migrated.map((i) => i.indexdef.match(/\((request\w+_country, stage, entered_at)\)/)?.[1])).toEqual(['requested_country, stage, entered_at', 'requesting_country, stage, entered_at']);
    const Migration = MIGRATIONS.find((m) => m.name.startsWith('OpenVisitsMeasures'))!;
    const Rollup = MIGRATIONS.find((m) => m.name.startsWith('OpenVisitsRollup'))!;
    const runner = { query: (sql: string) => t.sql(sql) } as never;
    const open = `SELECT * FROM turnaround_open ORDER BY 1, 2, 3, 4, 5, 6, 7`;
    await t.app.get(TurnaroundRepository).foldOpenChanges();
    const counted = await t.sql(open);
    await new Rollup().down(runner);
    await new Migration().down(runner);
    expect((await t.sql<{ indexname: string; indexdef: string }>(definitions)).map((i) => [i.indexname, i.indexdef.includes('measure_types')])).toEqual([
      ['request_stages_open_requested_idx', false],
      ['request_stages_open_requesting_idx', false],
    ]);
    await new Migration().up(runner);
    await new Rollup().up(runner);
    expect(await t.sql(definitions)).toEqual(migrated);
    // The open visits counted again by the migration, as the trigger and the fold had kept them.
    expect(await t.sql(open)).toEqual(counted);
  }, 60_000);

  it('counts no open visit once the stage visits are truncated (the last case: it empties them)', async () => {
    expect((await t.sql<{ n: number }>('SELECT count(*)::int AS n FROM turnaround_open'))[0].n).toBeGreaterThan(0);
    await t.sql('TRUNCATE request_stages');
    expect(await t.sql('SELECT (SELECT count(*) FROM turnaround_open)::int AS counts, (SELECT count(*) FROM turnaround_open_changes)::int AS changes')).toEqual([
      { counts: 0, changes: 0 },
    ]);
    const rows = await t.app.get(TurnaroundRepository).stageFigures({ scope: { kind: 'region' }, groupBy: 'stage', now: NOW }, DECISION_EVENTS);
    expect(rows.filter((r) => r.open > 0)).toEqual([]);
  }, 60_000);
});
