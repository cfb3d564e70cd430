// 50 concurrent events with one expectedVersion, 20 rounds: exactly one winner each round,
// 49 version conflicts, one history row and one version step per round, nothing else written.
// (test/medium/workflow-runner.medium.spec.ts holds one round of 20 and what each writes;
// test/e2e/idempotency.e2e.spec.ts, 20 concurrent replays of one Idempotency-Key.)
import { USERS, createRequest } from '../support/request-flow.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const CONTENDERS = 50;
const ROUNDS = 20;

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
}, 180_000);
afterAll(() => t?.close());

describe(`${CONTENDERS} concurrent events on one version, ${ROUNDS} rounds`, () => {
  it('has exactly one winner each round', async () => {
    const flow = await createRequest(t);
    const auth = await t.login(USERS.fiscalGT);
    const started = Date.now();
    const winners: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // SHARE_DRAFT keeps the request in draft: the same event can be contested every round.
      const responses = await Promise.all(
        Array.from({ length: CONTENDERS }, () =>
          t.http().post(`/api/requests/${flow.id}/events`).set('Authorization', auth).send({ type: 'SHARE_DRAFT', expectedVersion: flow.version }),
        ),
      );
      const won = responses.filter((r) => r.status === 200);
      winners.push(won.length);
      expect(won).toHaveLength(1);
      expect(responses.filter((r) => r.status === 409 && r.body.error === 'version_conflict')).toHaveLength(CONTENDERS - 1);
      expect(won[0].body.version).toBe(flow.version + 1);
      flow.version += 1;
      const [{ version, history }] = await t.sql<{ version: number; history: number }>(
        'SELECT r.version, (SELECT count(*)::int FROM request_history h WHERE h.request_id = r.id) AS history FROM requests r WHERE r.id = $1',
        [flow.id],
      );
      expect({ version, history }).toEqual({ version: flow.version, history: round + 2 });
    }
    const [{ drafts }] = await t.sql<{ drafts: number }>(`SELECT count(*)::int AS drafts FROM documents WHERE request_id = $1`, [flow.id]);
    expect(drafts).toBe(ROUNDS);
    console.log(`${ROUNDS} rounds of ${CONTENDERS} concurrent SHARE_DRAFT: winners per round ${winners.join(',')}; ${ROUNDS} informal drafts; ${Date.now() - started} ms`);
  }, 180_000);
});
