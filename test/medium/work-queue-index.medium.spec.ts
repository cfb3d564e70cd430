// An office's work queue at scale (issue 12's page bench): the open visits an office answers for are
// found through a partial index by (responsible country, office), not by walking every open visit of
// the platform.
import { MIGRATIONS } from '@enlace/persistence';
import { createRequest } from '../support/request-flow.js';
import { planAtScale } from '../support/query-plan.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  // A platform with 2,000 open visits, one in twenty the GT cancillería's: copies of a draft and of its
  // open visit, so that the planner weighs the queue's query as it would at scale.
  const draft = await createRequest(t, { title: 'Cola de trabajo' });
  await t.sql(
    `WITH copies AS (
       INSERT INTO requests SELECT (jsonb_populate_record(r, jsonb_build_object('id', gen_random_uuid(), 'reference', r.reference || '-' || g))).*
       FROM requests r, generate_series(1, 2000) g WHERE r.id = $1 RETURNING id
     )
     INSERT INTO request_stages SELECT (jsonb_populate_record(s, jsonb_build_object('id', gen_random_uuid(), 'request_id', c.id,
       'office', CASE WHEN random() < 0.05 THEN 'cancilleria' ELSE 'central_authority' END, 'responsible_country', 'GT',
       'due_at', now() + interval '10 days', 'basis', 'calendar_days', 'days', 10))).*
     FROM request_stages s, copies c WHERE s.request_id = $1 AND s.exited_at IS NULL`,
    [draft.id],
  );
  await t.sql('VACUUM ANALYZE requests');
  await t.sql('VACUUM ANALYZE request_stages');
}, 120_000);
afterAll(() => t?.close());

/** The plan of the work queue's query (StagesRepository.waitingOn) for the cancillería of GT. */
async function queuePlan(): Promise<string> {
  const query = `SELECT s.request_id, r.reference, count(*) OVER () AS total
    FROM request_stages s JOIN requests r ON r.id = s.request_id
    WHERE s.exited_at IS NULL AND s.office = 'cancilleria' AND s.responsible_country = 'GT'
    ORDER BY s.due_at ASC NULLS LAST, s.entered_at ASC, s.id LIMIT 25 OFFSET 0`;
  return planAtScale(t, query);
}

describe('an office’s work queue', () => {
  it('reads the open visits of that office through their own index', async () => {
    const plan = await queuePlan();
    expect(plan).toContain('request_stages_open_office_idx');
    expect(plan).toMatch(/responsible_country = 'GT'.*office = 'cancilleria'/s);
  });

  it('reads them from the index alone (it holds what the queue shows of a visit)', async () => {
    expect(await queuePlan()).toMatch(/Index Only Scan using request_stages_open_office_idx/);
  });

  it('the covering index goes down to the plain one and up again', async () => {
    const Migration = MIGRATIONS.find((m) => m.name.startsWith('WorkQueueCoveringIndex'))!;
    const runner = { query: (sql: string) => t.sql(sql) } as never;
    await new Migration().down(runner);
    expect(await queuePlan()).not.toMatch(/Index Only Scan using request_stages_open_office_idx/);
    expect(await queuePlan()).toContain('request_stages_open_office_idx');
    await new Migration().up(runner);
    await t.sql('VACUUM ANALYZE request_stages');
    expect(await queuePlan()).toMatch(/Index Only Scan using request_stages_open_office_idx/);
  });

  it('the migration goes down and up again', async () => {
    const Migration = MIGRATIONS.find((m) => m.name.startsWith('WorkQueueIndex'))!;
    const runner = { query: (sql: string) => t.sql(sql) } as never;
    await new Migration().down(runner);
    expect(await queuePlan()).not.toContain('request_stages_open_office_idx');
    await new Migration().up(runner);
    expect(await queuePlan()).toContain('request_stages_open_office_idx');
  });
});
