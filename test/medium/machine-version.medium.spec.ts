// Requests stored by version 1 of the machine keep working on the real PostgreSQL (issue 13, step 6):
// the migration fills the new milestone columns from what version 1 recorded, a version-1 snapshot is
// upgraded when restored, its next change stores it as version 2, and no milestone is lost on the way.
import { readFileSync } from 'node:fs';
import { MIGRATIONS } from '@enlace/persistence';
import type { PersistedWorkflow } from '@enlace/workflows';
import { USERS, advanceUntil, createRequest, sendEvent, type Flow } from '../support/request-flow.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

const V1 = JSON.parse(readFileSync(new URL('../../workflows/request/fixtures/v1-snapshots.json', import.meta.url), 'utf8')) as Record<string, PersistedWorkflow>;

/** Makes the row what version 1 left: its snapshot (as version 1 wrote it for this state), version 1, and the columns version 1 had. */
async function storeAsVersion1(flow: Flow, fixture: string): Promise<void> {
  const [row] = await t.sql<{ created_by: string }>('SELECT created_by FROM requests WHERE id = $1', [flow.id]);
  const snapshot = structuredClone(V1[fixture].snapshot) as { context: { createdById: string } };
  snapshot.context.createdById = row.created_by;
  await t.sql(
    `UPDATE requests SET machine_version = 1, snapshot = $2, authorized_at = NULL, via_cancilleria_at = NULL, received_at = NULL WHERE id = $1`,
    [flow.id, JSON.stringify(snapshot)],
  );
}

const row = async (id: string) =>
  (
    await t.sql<{ machine_version: number; state: string; authorized_at: Date | null; transmitted_at: Date | null; received_at: Date | null }>(
      'SELECT machine_version, state, authorized_at, transmitted_at, received_at FROM requests WHERE id = $1',
      [id],
    )
  )[0];

/** Runs the route-milestones migration again on this test's own database: down, then up. */
async function migrateRouteMilestones(): Promise<void> {
  const Migration = MIGRATIONS.find((m) => m.name.startsWith('RouteMilestones'))!;
  const runner = { query: (sql: string) => t.sql(sql) } as never;
  await new Migration().down(runner);
  await new Migration().up(runner);
}

describe('requests stored by version 1 of the machine', () => {
  let transmitted: Flow;
  let authorized: Flow;

  beforeAll(async () => {
    transmitted = await advanceUntil(t, await createRequest(t, { title: 'Versión 1 transmitida' }), 'ACKNOWLEDGE');
    authorized = await advanceUntil(t, await createRequest(t, { title: 'Versión 1 autorizada' }), 'TRANSMIT');
    await storeAsVersion1(transmitted, 'GT-MX-nassau/transmitted');
    await storeAsVersion1(authorized, 'GT-MX-nassau/authorized');
    await migrateRouteMilestones();
  }, 120_000);

  it('the migration marks what version 1 recorded: transmitted means received, and the authorization’s date from the history', async () => {
    const history = await t.sql<{ at: Date }>(`SELECT at FROM request_history WHERE request_id = $1 AND event = 'AUTHORIZE'`, [authorized.id]);
    expect(await row(authorized.id)).toMatchObject({ machine_version: 1, state: 'authorized', authorized_at: history[0].at, received_at: null });
    const done = await row(transmitted.id);
    expect(done.received_at).toEqual(done.transmitted_at);
    expect(done.authorized_at).not.toBeNull();
  });

  it('a transmitted version-1 request is in the requested central authority’s hands, goes on, and is stored as version 2 with its milestones kept', async () => {
    const seen = await t.http().get(`/api/requests/${transmitted.id}`).set('Authorization', await t.login(USERS.autoridadMX)).expect(200);
    expect(seen.body).toMatchObject({ state: 'transmitted', availableEvents: ['ACKNOWLEDGE', 'RETURN_FOR_CORRECTION'] });
    const before = await row(transmitted.id);
    const acknowledged = await sendEvent(t, transmitted, { type: 'ACKNOWLEDGE', by: 'autoridadMX' });
    expect({ status: acknowledged.status, state: acknowledged.body.state }).toEqual({ status: 200, state: 'acknowledged' });
    expect(await row(transmitted.id)).toEqual({ ...before, machine_version: 2, state: 'acknowledged' });
  });

  it('an authorized version-1 request follows its route: Guatemala’s central authority sees it and transmits it', async () => {
    const seen = await t.http().get(`/api/requests/${authorized.id}`).set('Authorization', await t.login(USERS.autoridadGT)).expect(200);
    // The request is urgent and its route's UNTOC allows an advance copy before the transmission (issue 13, step 4).
    expect(seen.body.availableEvents).toEqual(['TRANSMIT', 'RECORD_ADVANCE_COPY']);
    const sent = await sendEvent(t, authorized, { type: 'TRANSMIT', by: 'autoridadGT' });
    expect({ status: sent.status, state: sent.body.state }).toEqual({ status: 200, state: 'transmitted' });
    const after = await row(authorized.id);
    expect(after.machine_version).toBe(2);
    expect(after.authorized_at).not.toBeNull();
    expect(after.received_at).toEqual(after.transmitted_at);
  });
});
