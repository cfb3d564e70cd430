// E2E: the supervisors' figures over HTTP, on requests walked through their lifecycle at known
// instants (a TestClock), so that every figure can be computed by hand below.
import { TurnaroundRepository } from '@enlace/persistence';
import { DECISION_EVENTS } from '@enlace/turnaround';
import type { RequestFields } from '@enlace/workflows';
import { buildRequestFields } from '../../templates/testing/request.factory.js';
import { USERS } from '../support/request-flow.js';
import { HOUR_MS, TestClock } from '../support/test-clock.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { addUser } from '../support/users.factory.js';

const NOW = '2026-03-16T09:00:00.000Z';
const h = (hours: number) => hours * HOUR_MS;

/** One step of a request's life: the event, by whom, and how many hours after the previous one. */
type Step = [event: string, by: string, hoursAfter: number, extra?: { comment?: string; data?: Record<string, unknown> }];

/** percentile_cont: linear interpolation between the closest ranks, as PostgreSQL computes it. */
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const position = p * (sorted.length - 1);
  const below = Math.floor(position);
  return sorted[below] + (position - below) * ((sorted[Math.ceil(position)] ?? sorted[below]) - sorted[below]);
}
const figuresOf = (hours: number[]) => ({
  medianHours: percentile(hours, 0.5),
  p90Hours: Math.round(percentile(hours, 0.9) * 100) / 100,
  maxHours: Math.max(...hours),
});

function parseCsv(text: string): Record<string, string>[] {
  const [header, ...lines] = text.trim().split('\r\n');
  const columns = header.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((cell, i) => [columns[i], cell])));
}
const asCsvRow = (item: Record<string, unknown>) => Object.fromEntries(Object.entries(item).map(([k, v]) => [k, v === null ? '' : String(v)]));

describe('GET /api/analytics/turnaround and /api/analytics/overdue', () => {
  const clock = new TestClock(NOW);
  let t: TestApp;
  const emails: Record<string, string> = { ...USERS };
  const ids: Record<string, string> = {};

  /** Creates a request at `start` and walks it through `steps`, moving the clock by each step's hours. */
  async function walk(name: string, start: string, by: string, fields: Partial<RequestFields>, steps: Step[]): Promise<void> {
    clock.set(start);
    const created = await t.http().post('/api/requests').set('Authorization', await t.login(emails[by])).send(buildRequestFields({ urgency: { urgent: false }, ...fields }));
    expect(created.status).toBe(201);
    let version: number = created.body.version;
    for (const [type, actor, hours, extra] of steps) {
      clock.advance(h(hours));
      const response = await t
        .http()
        .post(`/api/requests/${created.body.id}/events`)
        .set('Authorization', await t.login(emails[actor]))
        .send({ type, expectedVersion: version, ...extra });
      expect({ name, type, status: response.status, body: response.status === 200 ? undefined : response.body }).toEqual({ name, type, status: 200, body: undefined });
      version = response.body.version;
    }
    ids[name] = created.body.id;
  }

  const get = async (path: string, who: string, accept = 'application/json') =>
    t.http().get(path).set('Authorization', await t.login(emails[who])).set('Accept', accept);

  beforeAll(async () => {
    t = await startTestApp({ clock });
    emails.supervisorHN = (await addUser(t, { role: 'supervisor', country: 'HN' })).email;
    emails.fiscalHN = (await addUser(t, { role: 'fiscal', country: 'HN', liaisonStatus: 'authorized', liaisonValidUntil: '2027-12-31' })).email;
    emails.autoridadHN = (await addUser(t, { role: 'central_authority', country: 'HN' })).email;
    const note = { comment: 'Observación.' };

    // R1 GT -> MX, closed: draft 2 h, standardized 1, pending 24, authorized 48, transmitted 72, acknowledged 240, executed 24.
    await walk('R1', '2026-02-02T09:00:00Z', 'fiscalGT', {}, [
      ['STANDARDIZE', 'fiscalGT', 2],
      ['SUBMIT', 'fiscalGT', 1],
      ['AUTHORIZE', 'cancilleriaGT', 24],
      ['TRANSMIT', 'autoridadGT', 48],
      ['ACKNOWLEDGE', 'autoridadMX', 72],
      ['RECORD_EXECUTION', 'autoridadMX', 240, { comment: 'Ejecutada.', data: { outcome: 'total' } }],
      ['CLOSE', 'fiscalGT', 24],
    ]);
    // R2 GT -> MX, returned once, waiting in transmitted since 12 Feb 08:00 (due 19 Feb 08:00).
    await walk('R2', '2026-02-09T09:00:00Z', 'fiscalGT', {}, [
      ['STANDARDIZE', 'fiscalGT', 4],
      ['SUBMIT', 'fiscalGT', 2],
      ['RETURN', 'cancilleriaGT', 30, note],
      ['SUBMIT', 'fiscalGT', 5],
      ['AUTHORIZE', 'cancilleriaGT', 10],
      ['TRANSMIT', 'autoridadGT', 20],
    ]);
    // R3 GT -> MX, waiting at the cancillería since Monday 2 March 11:00 (due Monday 9 March 11:00).
    await walk('R3', '2026-03-02T09:00:00Z', 'fiscalGT', {}, [
      ['STANDARDIZE', 'fiscalGT', 1],
      ['SUBMIT', 'fiscalGT', 1],
    ]);
    // R4 GT -> HN, refused: draft 1, standardized 1, pending 12, authorized 6, transmitted 24, acknowledged 100.
    await walk('R4', '2026-02-16T09:00:00Z', 'fiscalGT', { requestedCountry: 'HN' }, [
      ['STANDARDIZE', 'fiscalGT', 1],
      ['SUBMIT', 'fiscalGT', 1],
      ['AUTHORIZE', 'cancilleriaGT', 12],
      ['TRANSMIT', 'autoridadGT', 6],
      ['ACKNOWLEDGE', 'autoridadHN', 24],
      ['REFUSE', 'autoridadHN', 100, { comment: 'Motivos de la denegación.', data: { ground: 'untoc_18_21_c' } }],
    ]);
    // R5 GT -> HN, never transmitted: waiting at the GT cancillería since 2 March 15:00 (due 9 March 15:00).
    await walk('R5', '2026-03-02T13:00:00Z', 'fiscalGT', { requestedCountry: 'HN' }, [
      ['STANDARDIZE', 'fiscalGT', 1],
      ['SUBMIT', 'fiscalGT', 1],
    ]);
    // R6 HN -> MX, waiting at the HN cancillería since Tuesday 3 March 11:00 (due Tuesday 10 March 11:00).
    await walk('R6', '2026-03-03T09:00:00Z', 'fiscalHN', { requestedCountry: 'MX' }, [
      ['STANDARDIZE', 'fiscalHN', 1],
      ['SUBMIT', 'fiscalHN', 1],
    ]);
    clock.set(NOW);
    // Six requests walked through some thirty events: minutes when the 2-core machine is loaded.
  }, 300_000);
  afterAll(() => t.close());

  it("gives a supervisor its country's figures per stage, as computed by hand", async () => {
    const response = await get('/api/analytics/turnaround', 'supervisorGT');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      asOf: NOW,
      scope: { kind: 'country', country: 'GT' },
      filter: { from: null, to: null, requestedCountry: null },
      groupBy: 'stage',
      unit: 'hours',
    });
    // Open visits count up to NOW: R2 in transmitted since 12 Feb 08:00 (769 h), R3 pending since 2 Mar
    // 11:00 (334 h), R5 pending since 2 Mar 15:00 (330 h). R1..R5 are GT's; R6 (HN -> MX) is not.
    const none = { decided: null, returned: null, returnedShare: null, refused: null, refusedShare: null, suppressed: false };
    expect(response.body.items).toEqual([
      { stage: 'draft', visits: 5, finished: 5, open: 0, overdue: 0, ...figuresOf([2, 4, 1, 1, 1]), ...none },
      { stage: 'standardized', visits: 6, finished: 6, open: 0, overdue: 0, ...figuresOf([1, 2, 5, 1, 1, 1]), ...none },
      {
        stage: 'pending_authorization',
        visits: 6,
        finished: 4,
        open: 2,
        overdue: 2,
        ...figuresOf([24, 30, 10, 334, 12, 330]),
        // First submissions decided: R1 and R4 authorized, R2 returned (its second submission is not counted again).
        decided: 3,
        returned: 1,
        returnedShare: 0.3333,
        refused: null,
        refusedShare: null,
        suppressed: false,
      },
      { stage: 'authorized', visits: 3, finished: 3, open: 0, overdue: 0, ...figuresOf([48, 20, 6]), ...none },
      // These requests go between central authorities: no stage at the requested cancillería.
      { stage: 'sent_to_requested_cancilleria', visits: 0, finished: 0, open: 0, overdue: 0, medianHours: null, p90Hours: null, maxHours: null, ...none },
      { stage: 'received_by_requested_cancilleria', visits: 0, finished: 0, open: 0, overdue: 0, medianHours: null, p90Hours: null, maxHours: null, ...none },
      { stage: 'transmitted', visits: 3, finished: 2, open: 1, overdue: 1, ...figuresOf([72, 769, 24]), ...none },
      {
        stage: 'acknowledged',
        visits: 2,
        finished: 2,
        open: 0,
        overdue: 0,
        ...figuresOf([240, 100]),
        decided: 2,
        returned: null,
        returnedShare: null,
        refused: 1,
        refusedShare: 0.5,
        suppressed: false,
      },
      { stage: 'conditions_proposed', visits: 0, finished: 0, open: 0, overdue: 0, medianHours: null, p90Hours: null, maxHours: null, ...none },
      { stage: 'postponed', visits: 0, finished: 0, open: 0, overdue: 0, medianHours: null, p90Hours: null, maxHours: null, ...none },
      { stage: 'returned_for_correction', visits: 0, finished: 0, open: 0, overdue: 0, medianHours: null, p90Hours: null, maxHours: null, ...none },
      { stage: 'info_requested', visits: 0, finished: 0, open: 0, overdue: 0, medianHours: null, p90Hours: null, maxHours: null, ...none },
      { stage: 'executed', visits: 1, finished: 1, open: 0, overdue: 0, ...figuresOf([24]), ...none },
    ]);
    // The hand-computed values themselves, for the reader: pending_authorization's median is (24 + 30) / 2.
    expect(figuresOf([24, 30, 10, 334, 12, 330])).toEqual({ medianHours: 27, p90Hours: 332, maxHours: 334 });
  });

  it('filters on the day a stage was entered, and on the requested country', async () => {
    const march = await get('/api/analytics/turnaround?from=2026-03-01&to=2026-03-16', 'supervisorGT');
    expect(march.body.items.find((i: { stage: string }) => i.stage === 'pending_authorization')).toMatchObject({
      visits: 2,
      open: 2,
      ...figuresOf([334, 330]),
    });
    expect(march.body.items.find((i: { stage: string }) => i.stage === 'transmitted').visits).toBe(0);
    // Only 2 March: R3 and R5 entered draft then, R6 (3 March, and HN's) did not count anyway.
    const oneDay = await get('/api/analytics/turnaround?from=2026-03-02&to=2026-03-02', 'supervisorGT');
    expect(oneDay.body.items[0]).toMatchObject({ stage: 'draft', visits: 2 });

    const toHonduras = await get('/api/analytics/turnaround?requestedCountry=HN&groupBy=countryPair', 'supervisorGT');
    expect(new Set(toHonduras.body.items.map((i: { requestedCountry: string }) => i.requestedCountry))).toEqual(new Set(['HN']));
    expect(toHonduras.body.items.find((i: { stage: string }) => i.stage === 'pending_authorization')).toMatchObject({
      requestingCountry: 'GT',
      requestedCountry: 'HN',
      visits: 2,
      ...figuresOf([12, 330]),
    });
  });

  it('groups by country pair and by kind of measure', async () => {
    const pairs = await get('/api/analytics/turnaround?groupBy=countryPair', 'supervisorGT');
    expect([...new Set(pairs.body.items.map((i: { requestingCountry: string; requestedCountry: string }) => `${i.requestingCountry}-${i.requestedCountry}`))]).toEqual([
      'GT-HN',
      'GT-MX',
    ]);
    expect(pairs.body.items.find((i: { requestedCountry: string; stage: string }) => i.requestedCountry === 'MX' && i.stage === 'transmitted')).toMatchObject({
      visits: 2,
      ...figuresOf([72, 769]),
    });
    // Every request of the factory seeks bank records and testimony: each kind shows the whole set.
    const measures = await get('/api/analytics/turnaround?groupBy=measure', 'supervisorGT');
    const byStage = (await get('/api/analytics/turnaround', 'supervisorGT')).body.items.filter((i: { visits: number }) => i.visits > 0);
    for (const measure of ['bank_records', 'testimony']) {
      expect(measures.body.items.filter((i: { measure: string }) => i.measure === measure)).toEqual(
        byStage.map((i: Record<string, unknown>) => ({ measure, ...i })),
      );
    }
  });

  it('groups by month entered: each month the figures of that month asked with from and to', async () => {
    for (const [who, query] of [['supervisorGT', ''], ['supervisorGT', '&requestedCountry=HN'], ['admin', ''], ['supervisorGT', '&from=2026-02-10&to=2026-03-02']]) {
      const byMonth = await get(`/api/analytics/turnaround?groupBy=month${query}`, who);
      expect(byMonth.status).toBe(200);
      const months = [...new Set(byMonth.body.items.map((i: { month: string }) => i.month))];
      expect(months).toEqual(['2026-02', '2026-03']);
      const params = new URLSearchParams(query.slice(1));
      for (const month of months as string[]) {
        const from = [`${month}-01`, params.get('from')].filter((d): d is string => !!d).sort().at(-1)!;
        const lastDay = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).toISOString().slice(0, 10);
        const to = [lastDay, params.get('to')].filter((d): d is string => !!d).sort()[0]!;
        const alone = await get(`/api/analytics/turnaround?from=${from}&to=${to}${params.get('requestedCountry') ? `&requestedCountry=${params.get('requestedCountry')}` : ''}`, who);
        const seen = byMonth.body.items.filter((i: { month: string }) => i.month === month).map(({ month: _, ...rest }: { month: string }) => rest);
        expect({ who, query, month, items: seen }).toEqual({ who, query, month, items: alone.body.items.filter((i: { visits: number | null; suppressed: boolean }) => i.visits !== 0 || i.suppressed) });
      }
    }
    const csv = await get('/api/analytics/turnaround?groupBy=month', 'supervisorGT', 'text/csv');
    expect(csv.text.split('\r\n')[0]).toBe('month,stage,visits,finished,open,overdue,medianHours,p90Hours,maxHours,decided,returned,returnedShare,refused,refusedShare,suppressed');
  });

  it('lists the late requests with their stage and days late, the longest overdue first', async () => {
    const response = await get('/api/analytics/overdue', 'supervisorGT');
    expect(response.status).toBe(200);
    const item = (name: string, stage: string, enteredAt: string, dueAt: string, daysLate: number, requestedCountry: string, office: string) => ({
      requestId: ids[name],
      reference: expect.stringMatching(new RegExp(`^GT-${requestedCountry}-2026-\\d{6}$`)),
      requestingCountry: 'GT',
      requestedCountry,
      stage,
      enteredAt,
      dueAt,
      daysLate,
      responsibleCountry: office === 'cancilleria' ? 'GT' : requestedCountry,
      office,
    });
    expect(response.body).toEqual({
      asOf: NOW,
      scope: { kind: 'country', country: 'GT' },
      filter: { requestedCountry: null, stage: null },
      total: 3,
      suppressedBelow: null,
      page: 1,
      pageSize: 100,
      items: [
        // 7 calendar days for the acknowledgement; 25 days and 1 hour late: the 26th day has started.
        item('R2', 'transmitted', '2026-02-12T08:00:00.000Z', '2026-02-19T08:00:00.000Z', 26, 'MX', 'central_authority'),
        // 5 Guatemalan working days, no holiday in between; 6 days 22 hours late.
        item('R3', 'pending_authorization', '2026-03-02T11:00:00.000Z', '2026-03-09T11:00:00.000Z', 7, 'MX', 'cancilleria'),
        item('R5', 'pending_authorization', '2026-03-02T15:00:00.000Z', '2026-03-09T15:00:00.000Z', 7, 'HN', 'cancilleria'),
      ],
      counts: [
        { stage: 'pending_authorization', requestingCountry: 'GT', requestedCountry: 'HN', overdue: 1, maxDaysLate: 7, suppressed: false },
        { stage: 'pending_authorization', requestingCountry: 'GT', requestedCountry: 'MX', overdue: 1, maxDaysLate: 7, suppressed: false },
        { stage: 'transmitted', requestingCountry: 'GT', requestedCountry: 'MX', overdue: 1, maxDaysLate: 26, suppressed: false },
      ],
    });
    const page2 = await get('/api/analytics/overdue?pageSize=2&page=2&stage=pending_authorization', 'supervisorGT');
    expect(page2.body).toMatchObject({ total: 2, page: 2, pageSize: 2, items: [] });
  });

  it('shows a supervisor of HN no GT -> MX request, nor the GT -> HN one not yet transmitted', async () => {
    const overdue = await get('/api/analytics/overdue', 'supervisorHN');
    expect(overdue.body.items.map((i: { requestId: string }) => i.requestId)).toEqual([ids.R6]);
    expect(overdue.body.counts).toEqual([
      // Due Tuesday 10 March 11:00: 5 days 22 hours late at NOW.
      { stage: 'pending_authorization', requestingCountry: 'HN', requestedCountry: 'MX', overdue: 1, maxDaysLate: 6, suppressed: false },
    ]);
    const pairs = await get('/api/analytics/turnaround?groupBy=countryPair', 'supervisorHN');
    const seen = pairs.body.items.map((i: { requestingCountry: string; requestedCountry: string; stage: string; visits: number }) => [
      `${i.requestingCountry}-${i.requestedCountry}`,
      i.stage,
      i.visits,
    ]);
    // R4 (GT -> HN, transmitted) counts whole, as the HN supervisor may read it; R5 does not; R6 is HN's own.
    expect(seen).toEqual([
      ['GT-HN', 'draft', 1],
      ['GT-HN', 'standardized', 1],
      ['GT-HN', 'pending_authorization', 1],
      ['GT-HN', 'authorized', 1],
      ['GT-HN', 'transmitted', 1],
      ['GT-HN', 'acknowledged', 1],
      ['HN-MX', 'draft', 1],
      ['HN-MX', 'standardized', 1],
      ['HN-MX', 'pending_authorization', 1],
    ]);
    const toMexico = await get('/api/analytics/turnaround?requestedCountry=MX', 'supervisorHN');
    expect(toMexico.body.items.map((i: { visits: number }) => i.visits)).toEqual([1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('gives the admin the region in aggregate, and overdue counts without any case identifier', async () => {
    // R6 has waited at the HN cancillería since 3 March 11:00: 310 h at NOW.
    const figures = await get('/api/analytics/turnaround', 'admin');
    expect(figures.body.scope).toEqual({ kind: 'region' });
    expect(figures.body.items.find((i: { stage: string }) => i.stage === 'pending_authorization')).toMatchObject({
      visits: 7,
      open: 3,
      overdue: 3,
      ...figuresOf([24, 30, 10, 334, 12, 330, 310]),
    });
    const overdue = await get('/api/analytics/overdue', 'admin');
    // Four late requests, one per stage and pair: each group is fewer than 5, so each is held back.
    const held = { overdue: null, maxDaysLate: null, suppressed: true };
    expect(overdue.body).toEqual({
      asOf: NOW,
      scope: { kind: 'region' },
      filter: { requestedCountry: null, stage: null },
      total: 0,
      suppressedBelow: 5,
      page: 1,
      pageSize: 100,
      counts: [
        { stage: 'pending_authorization', requestingCountry: 'GT', requestedCountry: 'HN', ...held },
        { stage: 'pending_authorization', requestingCountry: 'GT', requestedCountry: 'MX', ...held },
        { stage: 'transmitted', requestingCountry: 'GT', requestedCountry: 'MX', ...held },
        { stage: 'pending_authorization', requestingCountry: 'HN', requestedCountry: 'MX', ...held },
      ],
    });
    const csv = await get('/api/analytics/overdue', 'admin', 'text/csv');
    expect(csv.text).not.toMatch(/GT-MX-2026|[0-9a-f]{8}-[0-9a-f]{4}-/);
    expect(parseCsv(csv.text)).toEqual(overdue.body.counts.map(asCsvRow));
  });

  it('exports the same rows as CSV when asked for text/csv', async () => {
    for (const query of ['', '?groupBy=countryPair', '?groupBy=measure&from=2026-02-10']) {
      const json = await get(`/api/analytics/turnaround${query}`, 'supervisorGT');
      const csv = await get(`/api/analytics/turnaround${query}`, 'supervisorGT', 'text/csv');
      expect(csv.status).toBe(200);
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      expect(parseCsv(csv.text)).toEqual(json.body.items.map(asCsvRow));
    }
    const json = await get('/api/analytics/overdue', 'supervisorGT');
    const csv = await get('/api/analytics/overdue', 'supervisorGT', 'text/csv');
    expect(parseCsv(csv.text)).toEqual(json.body.items.map(asCsvRow));
    // Its name says when the figures stand (the report's asOf, to the minute, UTC).
    expect(json.body.asOf).toBe(NOW);
    expect(csv.headers['content-disposition']).toBe('attachment; filename="overdue-2026-03-16T0900Z.csv"');
  });

  it('gives the same figures from the rollup (all time) as from the stage rows (a period covering all)', async () => {
    for (const [who, groupBy] of [['supervisorGT', 'stage'], ['supervisorHN', 'countryPair'], ['admin', 'countryPair']]) {
      const allTime = await get(`/api/analytics/turnaround?groupBy=${groupBy}`, who);
      const period = await get(`/api/analytics/turnaround?groupBy=${groupBy}&from=2020-01-01&to=2030-12-31`, who);
      expect(period.body.items).toEqual(allTime.body.items);
    }
    // The runner kept the rollup (through RETURN, the move to transmitted, REFUSE): a rebuild changes nothing.
    const rollup = () =>
      t.sql(`SELECT side, country, other, measure, month, stage, hours, visits, first_decided, first_returned, decided, refused
             FROM turnaround_rollup ORDER BY side, country, other, measure, month, stage, hours`);
    const kept = await rollup();
    await t.app.get(TurnaroundRepository).rebuildRollup(DECISION_EVENTS);
    expect(await rollup()).toEqual(kept);
    expect(kept.length).toBeGreaterThan(20);
  });

  it('refuses other roles with 403 and a malformed query with 400 naming the field', async () => {
    for (const who of ['fiscalGT', 'cancilleriaGT', 'autoridadMX']) {
      for (const path of ['/api/analytics/turnaround', '/api/analytics/overdue']) {
        const response = await get(path, who);
        expect({ who, path, status: response.status, error: response.body.error }).toEqual({ who, path, status: 403, error: 'forbidden' });
      }
    }
    await t.http().get('/api/analytics/turnaround').expect(401);
    const bad: [string, string][] = [
      ['/api/analytics/turnaround?from=2026-02-30', 'from'],
      ['/api/analytics/turnaround?to=16/03/2026', 'to'],
      ['/api/analytics/turnaround?from=2026-03-10&to=2026-03-01', 'to'],
      ['/api/analytics/turnaround?groupBy=office', 'groupBy'],
      ['/api/analytics/turnaround?requestedCountry=XX', 'requestedCountry'],
      ['/api/analytics/turnaround?country=GT', 'country'],
      ['/api/analytics/overdue?stage=closed', 'stage'],
      ['/api/analytics/overdue?pageSize=5000', 'pageSize'],
    ];
    for (const [path, field] of bad) {
      const response = await get(path, 'supervisorGT');
      expect({ path, status: response.status, error: response.body.error, fields: [...new Set(response.body.fields?.map((f: { field: string }) => f.field))] }).toEqual({
        path,
        status: 400,
        error: 'validation_failed',
        fields: [field],
      });
    }
  });

  it('computes these figures on every read and keeps none: they count far fewer visits than the figures kept ready', async () => {
    // Every figure above was read at least once; each counts a few dozen visits, against 100,000 by default.
    expect(await t.sql('SELECT key FROM turnaround_ready')).toEqual([]);
  });
});
