// The fiscal's list at scale (issue 12's page bench): the drafts shared with a fiscal's country are
// found through a partial index of the shared ones, so that listing or counting a liaison's requests
// never reads the heap pages of every request to that country only to drop the unshared ones.
import { MIGRATIONS, visibility } from '@enlace/persistence';
import { USERS, createRequest } from '../support/request-flow.js';
import { planAtScale } from '../support/query-plan.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  // Requests to GT that nobody shared (fiscal.mx's), and fiscal.gt's own.
  for (let i = 0; i < 3; i++) await createRequest(t, { title: `Solicitud ${i}` });
}, 120_000);
afterAll(() => t?.close());

/** The plan of the count the fiscal's list runs, with its visibility condition as the repository writes it. */
async function fiscalListPlan(): Promise<string> {
  const [fiscal] = await t.sql<{ id: string }>('SELECT id FROM users WHERE email = $1', [USERS.fiscalGT]);
  const scope = visibility({ id: fiscal.id, role: 'fiscal', country: 'GT', authorizedLiaison: true }, 'r');
  const condition = scope.sql.replace('$1', `'${fiscal.id}'`).replace('$2', `'GT'`);
  return planAtScale(t, `SELECT count(*) FROM requests r WHERE ${condition}`);
}

describe('the drafts shared with a fiscal’s country', () => {
  it('are indexed apart: the shared ones only, by requested country', async () => {
    const [index] = await t.sql<{ indexdef: string }>(`SELECT indexdef FROM pg_indexes WHERE indexname = 'requests_shared_requested_country_idx'`);
    expect(index.indexdef).toMatch(/ON public\.requests USING btree \(requested_country\) WHERE \(shared_at IS NOT NULL\)/);
  });

  it('the fiscal’s list reads them through that index, not through every request to its country', async () => {
    const plan = await fiscalListPlan();
    expect(plan).toContain('requests_shared_requested_country_idx');
    expect(plan).not.toContain('requests_requested_country_state_idx');
  });

  it('the migration goes down and up again', async () => {
    const Migration = MIGRATIONS.find((m) => m.name.startsWith('SharedRequestsIndex'))!;
    const runner = { query: (sql: string) => t.sql(sql) } as never;
    await new Migration().down(runner);
    expect(await fiscalListPlan()).not.toContain('requests_shared_requested_country_idx');
    await new Migration().up(runner);
    expect(await fiscalListPlan()).toContain('requests_shared_requested_country_idx');
  });
});
