// E2E: the figures kept ready. A figure that costs enough to compute (here: any, the thresholds set to nothing) is
// kept, read as it stands with the instant it was computed for (asOf, and the dashboard's "as of"), recomputed by the
// worker once a refresh old while someone reads it, computed on the read when no worker has for five refreshes, and
// forgotten when nobody has read it for a day. Each scope's figures are its own. The region's overdue counts are kept
// alike; a country's are counted with its late requests, now.
import { ReadyFigures } from '@enlace/turnaround';
import { formatDateTime } from '../../templates/pages/format.js';
import { USERS, createRequest, sendEvent, walk, type Flow } from '../support/request-flow.js';
import { signedInBrowser } from '../support/page-session.js';
import { DAY_MS, TestClock } from '../support/test-clock.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { addUser } from '../support/users.factory.js';

const T0 = '2026-03-16T09:00:00.000Z';
const MINUTE_MS = 60_000;
const at = (ms: number) => new Date(Date.parse(T0) + ms).toISOString();

interface Item {
  stage: string;
  visits: number;
  open: number;
}

describe('figures kept ready', () => {
  const clock = new TestClock(T0);
  let t: TestApp;
  let flow: Flow;
  let supervisorHN: string;

  const figures = async (email: string) => {
    const response = await t.http().get('/api/analytics/turnaround').set('Authorization', await t.login(email));
    expect(response.status).toBe(200);
    const open = (stage: string) => (response.body.items as Item[]).find((i) => i.stage === stage)!.open;
    return { asOf: response.body.asOf as string, open, body: response.body };
  };

  beforeAll(async () => {
    t = await startTestApp({
      clock,
      env: { ENLACE_FIGURES_READY_FROM_VISITS: '1', ENLACE_FIGURES_READY_FROM_MS: '0', ENLACE_FIGURES_REFRESH_MS: String(MINUTE_MS) },
    });
    supervisorHN = (await addUser(t, { role: 'supervisor', country: 'HN' })).email;
    flow = await walk(t, await createRequest(t), [{ type: 'STANDARDIZE', by: 'fiscalGT' }]);
  }, 120_000);
  afterAll(() => t.close());

  it('reads a kept figure as it stands, saying when it was computed, until the worker recomputes it', async () => {
    const first = await figures(USERS.supervisorGT);
    expect(first.asOf).toBe(T0);
    expect([first.open('standardized'), first.open('pending_authorization')]).toEqual([1, 0]);

    // Submitted half a minute later: the kept figures still say T0, and what stood then.
    clock.set(at(MINUTE_MS / 2));
    expect((await sendEvent(t, flow, { type: 'SUBMIT', by: 'fiscalGT' })).status).toBe(200);
    const kept = await figures(USERS.supervisorGT);
    expect(kept.body).toEqual(first.body);

    // Honduras's supervisor asks the same question of its own country: its own figures, computed now, none of GT's.
    const honduras = await figures(supervisorHN);
    expect(honduras.asOf).toBe(at(MINUTE_MS / 2));
    expect(honduras.body.scope).toEqual({ kind: 'country', country: 'HN' });
    expect((honduras.body.items as Item[]).every((i) => i.visits === 0)).toBe(true);

    // HN's count no visit: nothing worth keeping. The worker leaves figures younger than a refresh alone, then
    // recomputes GT's.
    expect(await t.sql('SELECT question FROM turnaround_ready')).toEqual([
      { question: { kind: 'stages', rows: 1, scope: { kind: 'country', country: 'GT' }, groupBy: 'stage', from: null, to: null, requestedCountry: null } },
    ]);
    const ready = t.app.get(ReadyFigures);
    expect(await ready.refresh()).toBe(0);
    clock.set(at(MINUTE_MS + 1000));
    expect(await ready.refresh()).toBe(1);
    const refreshed = await figures(USERS.supervisorGT);
    expect(refreshed.asOf).toBe(at(MINUTE_MS + 1000));
    expect([refreshed.open('standardized'), refreshed.open('pending_authorization')]).toEqual([0, 1]);
    // Read again at once: nothing is recomputed.
    expect(await ready.refresh()).toBe(0);

    // Downloaded a minute and a half later, still as kept, the file's name says the instant it was computed for (the
    // file has no other place for it), not the minute it was downloaded in.
    clock.set(at(2.5 * MINUTE_MS));
    const csv = await t.http().get('/api/analytics/turnaround').set('Authorization', await t.login(USERS.supervisorGT)).set('Accept', 'text/csv');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="turnaround-2026-03-16T0901Z.csv"');
  }, 120_000);

  it('computes a figure on the read when no worker has for five refreshes, and shows the instant on the dashboard', async () => {
    clock.set(at(7 * MINUTE_MS));
    expect((await sendEvent(t, flow, { type: 'AUTHORIZE', by: 'cancilleriaGT' })).status).toBe(200);
    const late = await figures(USERS.supervisorGT);
    expect(late.asOf).toBe(at(7 * MINUTE_MS));
    expect([late.open('pending_authorization'), late.open('authorized')]).toEqual([0, 1]);

    // The admin's region figures, kept, still hold back the groups of fewer than 5 requests (this one request's).
    const region = await figures(USERS.admin);
    expect((await figures(USERS.admin)).body).toEqual(region.body);
    expect(await t.sql(`SELECT key FROM turnaround_ready WHERE question->'scope'->>'kind' = 'region'`)).toHaveLength(1);
    const counted = (region.body.items as (Item & { suppressed: boolean })[]).filter((i) => i.visits !== 0);
    expect(counted.map((i) => i.stage)).toEqual(['draft', 'standardized', 'pending_authorization', 'authorized']);
    expect(counted.every((i) => i.suppressed && i.visits === null)).toBe(true);

    // Half a minute later the dashboard computes its pairs and trend, and reads the figures by stage kept at 7 min:
    // it says the earliest instant, on the reader's clock; what is open now is counted now.
    clock.set(at(7.5 * MINUTE_MS));
    const page = (await (await signedInBrowser(t, USERS.supervisorGT)).open('/desk/dashboard')).text;
    expect(page).toContain(`<p data-as-of="${late.asOf}">Cifras al ${formatDateTime(late.asOf, 'es', 'America/Guatemala')}</p>`);
  }, 120_000);

  it('recomputes each kept figure once when two workers refresh at once', async () => {
    // GT's and the region's by stage kept at 7 min, GT's by pair and by month at 7.5.
    const asOf = async () => (await t.sql<{ as_of: Date }>('SELECT as_of FROM turnaround_ready ORDER BY as_of')).map((r) => r.as_of.toISOString());
    expect(await asOf()).toEqual([at(7 * MINUTE_MS), at(7 * MINUTE_MS), at(7.5 * MINUTE_MS), at(7.5 * MINUTE_MS)]);
    const now = at(8.5 * MINUTE_MS + 1000);
    clock.set(now);
    const ready = t.app.get(ReadyFigures);
    // A worker shutting down starts no figure.
    expect(await ready.refresh(() => true)).toBe(0);
    const [one, other] = await Promise.all([ready.refresh(), ready.refresh()]);
    expect(one + other).toBe(4);
    expect(await asOf()).toEqual([now, now, now, now]);
  });

  it('stops recomputing the figures nobody has read for a quarter of an hour, and forgets them after a day', async () => {
    const kept = async () => (await t.sql<{ n: number }>('SELECT count(*)::int AS n FROM turnaround_ready'))[0].n;
    // Read last at 7.5 min (the workers' recomputing is no read): kept, not recomputed.
    clock.set(at(7.5 * MINUTE_MS + 15 * MINUTE_MS + 1000));
    expect(await t.app.get(ReadyFigures).refresh()).toBe(0);
    expect(await kept()).toBe(4);
    clock.set(at(7.5 * MINUTE_MS + DAY_MS + 1000));
    expect(await t.app.get(ReadyFigures).refresh()).toBe(0);
    expect(await kept()).toBe(0);
  });

  it('forgets a kept figure the workers find cheap to compute, and reads it live again', async () => {
    clock.set(at(2 * DAY_MS));
    const kept = await figures(USERS.supervisorGT);
    expect(await t.sql('SELECT key FROM turnaround_ready')).toHaveLength(1);
    // From now on no computation is worth keeping: none takes a minute here.
    t.config.figures.readyFromMs = MINUTE_MS;
    clock.set(at(2 * DAY_MS + MINUTE_MS + 1000));
    expect(await t.app.get(ReadyFigures).refresh()).toBe(1);
    expect(await t.sql('SELECT key FROM turnaround_ready')).toEqual([]);
    const live = await figures(USERS.supervisorGT);
    expect(live.asOf).toBe(at(2 * DAY_MS + MINUTE_MS + 1000));
    expect(live.body.items).toEqual(kept.body.items);
    expect(await t.sql('SELECT key FROM turnaround_ready')).toEqual([]);
  });

  it('recomputes a figure that takes long to compute every twenty times its computing, and reads it as kept for five of those', async () => {
    t.config.figures.readyFromMs = 0;
    const start = 3 * DAY_MS;
    clock.set(at(start));
    await figures(USERS.supervisorGT);
    // As if it had taken 6 s: recomputed every 2 min (twenty times 6 s), not every minute.
    const slow = () => t.sql(`UPDATE turnaround_ready SET refresh_ms = 120000`);
    await slow();
    const ready = t.app.get(ReadyFigures);
    clock.set(at(start + MINUTE_MS + 1000));
    expect(await ready.refresh()).toBe(0);
    clock.set(at(start + 2 * MINUTE_MS));
    expect(await ready.refresh()).toBe(1);
    // Read 9 min after it was computed (five refreshes are 5 min, five of its 2 min are 10): as kept.
    await slow();
    clock.set(at(start + 11 * MINUTE_MS));
    expect((await figures(USERS.supervisorGT)).asOf).toBe(at(start + 2 * MINUTE_MS));
  });

  it("keeps the region's overdue counts ready, and counts a country's with its late requests, now", async () => {
    const late = async (email: string) => {
      const response = await t.http().get('/api/analytics/overdue').set('Authorization', await t.login(email));
      expect(response.status).toBe(200);
      const counts = (response.body.counts as { stage: string; requestedCountry: string; overdue: number }[]).map((c) => [c.stage, c.requestedCountry, c.overdue]);
      return { asOf: response.body.asOf as string, total: response.body.total as number, counts, body: response.body };
    };
    const start = 30 * DAY_MS;
    clock.set(at(start));
    // One request late. Kept as counted; every read still holds back the groups of fewer than 5 requests: its group of one.
    const held = await late(USERS.admin);
    expect(held).toMatchObject({ asOf: at(start), total: 0, body: { counts: [{ stage: 'authorized', requestedCountry: 'MX', overdue: null, suppressed: true }] } });
    expect(await t.sql(`SELECT question, rows FROM turnaround_ready WHERE question->>'kind' = 'overdue'`)).toEqual([
      {
        question: { kind: 'overdue', rows: 1, scope: { kind: 'region' }, requestedCountry: null, stage: null },
        rows: [{ stage: 'authorized', requestingCountry: 'GT', requestedCountry: 'MX', overdue: 1, maxDaysLate: expect.any(Number) }],
      },
    ]);

    // From here the admin's groups of one are shown, to see the kept counts change.
    const minGroup = t.config.aggregateMinGroup;
    t.config.aggregateMinGroup = 1;
    try {
      const region = await late(USERS.admin);
      expect(region).toMatchObject({ asOf: at(start), total: 1, counts: [['authorized', 'MX', 1]] });

      // Transmitted half a minute later: the admin reads the counts kept, the instant they say; Guatemala's supervisor
      // its own, counted now, beside its list (nothing late, nothing listed), and none of them kept.
      clock.set(at(start + MINUTE_MS / 2));
      expect((await sendEvent(t, flow, { type: 'TRANSMIT', by: 'autoridadGT' })).status).toBe(200);
      expect((await late(USERS.admin)).body).toEqual(region.body);
      expect(await late(USERS.supervisorGT)).toMatchObject({ asOf: at(start + MINUTE_MS / 2), total: 0, counts: [], body: { items: [] } });
      expect(await t.sql(`SELECT key FROM turnaround_ready WHERE question->>'kind' = 'overdue'`)).toHaveLength(1);

      // The worker counts them again once a refresh old: nothing late.
      clock.set(at(start + MINUTE_MS + 1000));
      expect(await t.app.get(ReadyFigures).refresh()).toBe(1);
      expect(await late(USERS.admin)).toMatchObject({ asOf: at(start + MINUTE_MS + 1000), total: 0, counts: [] });
    } finally {
      t.config.aggregateMinGroup = minGroup;
    }
  });

  it('leaves alone a kept question of a kind or version this code does not compute (kept by another version while both run)', async () => {
    clock.set(at(31 * DAY_MS));
    const other = { kind: 'overdue', rows: 99, scope: { kind: 'region' }, requestedCountry: null, stage: null };
    await t.sql(`INSERT INTO turnaround_ready (key, question, rows, as_of, refresh_ms, read_at) VALUES ($1, $1::text::jsonb, '[]', $2, 60000, $3)`, [
      JSON.stringify(other),
      at(30 * DAY_MS),
      at(31 * DAY_MS),
    ]);
    expect(await t.app.get(ReadyFigures).refresh()).toBe(0);
    expect(await t.sql(`SELECT lease_until FROM turnaround_ready WHERE question->>'rows' = '99'`)).toEqual([{ lease_until: null }]);
  });
});
