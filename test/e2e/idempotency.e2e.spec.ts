// Idempotency-Key on POST /api/requests and on events: a client that never heard its answer retries
// and gets the first answer, never a second change nor a 409.
import { randomUUID } from 'node:crypto';
import { buildRequestFields } from '../../templates/testing/request.factory.js';
import { USERS, createRequest } from '../support/request-flow.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

const historyOf = async (id: string) => t.sql<{ event: string }>('SELECT event FROM request_history WHERE request_id = $1 ORDER BY seq', [id]);

async function event(id: string, key: string | undefined, body: Record<string, unknown>) {
  const call = t.http().post(`/api/requests/${id}/events`).set('Authorization', await t.login(USERS.fiscalGT));
  return (key ? call.set('Idempotency-Key', key) : call).send(body);
}

describe('Idempotency-Key', () => {
  it('20 concurrent replays of one event with one key: one effect, 20 identical answers', async () => {
    const flow = await createRequest(t);
    const key = randomUUID();
    const body = { type: 'SHARE_DRAFT', expectedVersion: flow.version };
    const answers = await Promise.all(Array.from({ length: 20 }, () => event(flow.id, key, body)));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    const first = JSON.stringify(answers[0].body);
    expect(answers.filter((a) => JSON.stringify(a.body) === first)).toHaveLength(20);
    expect(answers[0].body).toMatchObject({ id: flow.id, version: flow.version + 1 });
    expect((await historyOf(flow.id)).map((h) => h.event)).toEqual(['CREATE', 'SHARE_DRAFT']);
    const [{ outbox }] = await t.sql<{ outbox: number }>('SELECT count(*)::int AS outbox FROM outbox WHERE request_id = $1', [flow.id]);

    // Later, the same retry again: still the first answer, and still one change.
    const later = await event(flow.id, key, body);
    expect([later.status, JSON.stringify(later.body)]).toEqual([200, first]);
    expect(await historyOf(flow.id)).toHaveLength(2);
    expect((await t.sql('SELECT 1 FROM outbox WHERE request_id = $1', [flow.id])).length).toBe(outbox);
  });

  it('refuses the same key with another body (422 idempotency_key_reused), writing nothing', async () => {
    const flow = await createRequest(t);
    const key = randomUUID();
    expect((await event(flow.id, key, { type: 'SHARE_DRAFT', expectedVersion: flow.version })).status).toBe(200);
    const reused = await event(flow.id, key, { type: 'STANDARDIZE', expectedVersion: flow.version + 1 });
    expect(reused.status).toBe(422);
    expect(reused.body).toMatchObject({ statusCode: 422, error: 'idempotency_key_reused', violations: [{ field: 'Idempotency-Key' }] });
    expect(await historyOf(flow.id)).toHaveLength(2);
  });

  it('replays a creation: one request, the same 201 answer', async () => {
    const key = randomUUID();
    const fields = buildRequestFields();
    const create = async () =>
      t.http().post('/api/requests').set('Authorization', await t.login(USERS.fiscalGT)).set('Idempotency-Key', key).send(fields);
    const [first, second] = [await create(), await create()];
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.body).toEqual(first.body);
    expect(await t.sql('SELECT id FROM requests WHERE reference = $1', [first.body.reference])).toHaveLength(1);
  });

  it("keeps a key per user: another user's same key is their own", async () => {
    const key = randomUUID();
    const mine = await t.http().post('/api/requests').set('Authorization', await t.login(USERS.fiscalGT)).set('Idempotency-Key', key).send(buildRequestFields());
    const theirs = await t
      .http()
      .post('/api/requests')
      .set('Authorization', await t.login(USERS.fiscalMX))
      .set('Idempotency-Key', key)
      .send(buildRequestFields({ requestedCountry: 'GT' }));
    expect([mine.status, theirs.status]).toEqual([201, 201]);
    expect(theirs.body.id).not.toBe(mine.body.id);
  });

  it('keeps no refusal: a 409 under a key is decided again on retry, and a key older than 24 h is forgotten', async () => {
    const flow = await createRequest(t);
    const key = randomUUID();
    const stale = { type: 'SHARE_DRAFT', expectedVersion: flow.version + 5 };
    expect((await event(flow.id, key, stale)).status).toBe(409);
    expect((await t.sql('SELECT 1 FROM idempotency_keys WHERE key = $1', [key])).length).toBe(0);
    const body = { type: 'SHARE_DRAFT', expectedVersion: flow.version };
    expect((await event(flow.id, key, body)).status).toBe(200);

    await t.sql(`UPDATE idempotency_keys SET created_at = created_at - interval '25 hours' WHERE key = $1`, [key]);
    // Forgotten: the same body is a new change, refused now because the version moved on.
    expect((await event(flow.id, key, body)).status).toBe(409);
  });

  it('refuses a malformed key (400, the header named)', async () => {
    const flow = await createRequest(t);
    const response = await event(flow.id, 'x'.repeat(256), { type: 'SHARE_DRAFT', expectedVersion: flow.version });
    expect(response.status).toBe(400);
    expect(response.body.fields).toEqual([{ field: 'Idempotency-Key', rule: 'format' }]);
    expect(await historyOf(flow.id)).toHaveLength(1);
  });
});
