// Revocation means revocation: a liaison whose authorization was revoked, or has expired, is refused
// every write at once with the token they already hold (403 liaison_not_authorized), withdrawal,
// reply and closure included, and nothing is written; they keep reading their own requests (their
// history, documents and conversation), nothing of the counterpart's, and their notifications stop
// naming the counterpart's shared requests.
import { addDays, dateIn } from '@enlace/workflows';
import { USERS, advanceUntil, createRequest, sendEvent, type Flow } from '../support/request-flow.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ consume: true });
});
afterAll(() => t?.close());

const futureDay = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const userIdOf = async (email: string) => (await t.sql<{ id: string }>('SELECT id FROM users WHERE email = $1', [email]))[0].id;

/** Every row the platform writes for a request, so that "nothing written" is checked, not assumed. */
const footprint = async () =>
  t.sql(`SELECT (SELECT count(*) FROM requests)::int AS requests, (SELECT coalesce(sum(version), 0) FROM requests)::int AS versions,
                (SELECT count(*) FROM request_history)::int AS history, (SELECT count(*) FROM request_messages)::int AS messages,
                (SELECT count(*) FROM outbox)::int AS outbox, (SELECT count(*) FROM idempotency_keys)::int AS keys`);

async function notificationsOf(email: string) {
  const auth = await t.login(email);
  const list = await t.http().get('/api/notifications').set('Authorization', auth).expect(200);
  return list.body as { kind: string; requestId: string | null; message: string; data: Record<string, unknown> }[];
}

async function eventually<T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('a revoked liaison', () => {
  let shared: Flow, infoRequested: Flow, executed: Flow, theirs: Flow;
  let token: string;

  beforeAll(async () => {
    shared = await createRequest(t);
    await sendEvent(t, shared, { type: 'SHARE_DRAFT', by: 'fiscalGT' });
    infoRequested = await advanceUntil(t, await createRequest(t), 'SUPPLY_INFO');
    executed = await advanceUntil(t, await createRequest(t), 'CLOSE');
    // The counterpart's draft, shared with Guatemala: fiscal.gt reads it and talks about it while authorized.
    theirs = await createRequest(t, { requestedCountry: 'GT', title: 'Red de transporte de Tapachula a Tecún Umán' }, 'fiscalMX');
    await sendEvent(t, theirs, { type: 'SHARE_DRAFT', by: 'fiscalMX' });
    token = await t.login(USERS.fiscalGT);
    await t.http().post(`/api/requests/${theirs.id}/messages`).set('Authorization', token).send({ body: 'Recibido, lo revisamos.' }).expect(201);
    const told = await eventually(() => notificationsOf(USERS.fiscalGT), (list) => list.some((n) => n.requestId === theirs.id));
    expect(told.some((n) => n.requestId === theirs.id)).toBe(true);

    const revoked = await t
      .http()
      .post(`/api/liaisons/${await userIdOf(USERS.fiscalGT)}/revoke`)
      .set('Authorization', await t.login(USERS.cancilleriaGT))
      .send({ reason: 'Separada del cargo.' });
    expect(revoked.status).toBe(200);
  });

  it('is refused every write with the token already held (403 liaison_not_authorized), and nothing is written', async () => {
    const before = await footprint();
    const attempts = {
      WITHDRAW: t.http().post(`/api/requests/${shared.id}/events`).send({ type: 'WITHDRAW', expectedVersion: shared.version, comment: 'Sin objeto.' }),
      SUPPLY_INFO: t.http().post(`/api/requests/${infoRequested.id}/events`).send({ type: 'SUPPLY_INFO', expectedVersion: infoRequested.version, comment: 'Enero a diciembre.' }),
      CLOSE: t.http().post(`/api/requests/${executed.id}/events`).send({ type: 'CLOSE', expectedVersion: executed.version }),
      STANDARDIZE: t.http().post(`/api/requests/${shared.id}/events`).send({ type: 'STANDARDIZE', expectedVersion: shared.version }),
      WITHDRAW_with_key: t
        .http()
        .post(`/api/requests/${shared.id}/events`)
        .set('Idempotency-Key', 'retiro-1')
        .send({ type: 'WITHDRAW', expectedVersion: shared.version, comment: 'Sin objeto.' }),
      PATCH: t.http().patch(`/api/requests/${shared.id}`).send({ expectedVersion: shared.version, title: 'Otro título' }),
      message: t.http().post(`/api/requests/${shared.id}/messages`).send({ body: '¿Sigue activa la cuenta?' }),
      create: t.http().post('/api/requests').send({ requestedCountry: 'MX', title: 'Nueva' }),
    };
    for (const [what, call] of Object.entries(attempts)) {
      const response = await call.set('Authorization', token);
      expect([what, response.status, response.body.error]).toEqual([what, 403, 'liaison_not_authorized']);
    }
    expect(await footprint()).toEqual(before);
  });

  it('still reads their own requests, with no action offered, their history, documents and conversation', async () => {
    for (const flow of [shared, infoRequested, executed]) {
      const own = await t.http().get(`/api/requests/${flow.id}`).set('Authorization', token).expect(200);
      expect(own.body.availableEvents).toEqual([]);
      await t.http().get(`/api/requests/${flow.id}/history`).set('Authorization', token).expect(200);
      await t.http().get(`/api/requests/${flow.id}/documents`).set('Authorization', token).expect(200);
      await t.http().get(`/api/requests/${flow.id}/messages`).set('Authorization', token).expect(200);
    }
    const list = await t.http().get('/api/requests').set('Authorization', token).expect(200);
    expect(list.body.items.map((r: { id: string }) => r.id).sort()).toEqual([shared.id, infoRequested.id, executed.id].sort());
  });

  it('reads nothing of the counterpart’s shared draft (404, as if it did not exist), and is no longer told of it', async () => {
    for (const path of [`/api/requests/${theirs.id}`, `/api/requests/${theirs.id}/history`, `/api/requests/${theirs.id}/documents`, `/api/requests/${theirs.id}/messages`]) {
      const response = await t.http().get(path).set('Authorization', token);
      expect([path, response.status]).toEqual([path, 404]);
    }
    const reply = await t.http().post(`/api/requests/${theirs.id}/messages`).set('Authorization', token).send({ body: 'Hola' });
    expect([403, 404]).toContain(reply.status);
    const notices = await notificationsOf(USERS.fiscalGT);
    expect(notices.filter((n) => n.requestId === theirs.id)).toEqual([]);
    expect(JSON.stringify(notices)).not.toContain(theirs.body.reference as string);
    expect(JSON.stringify(notices)).not.toContain('Tapachula a Tecún Umán');
    expect(notices.some((n) => n.kind === 'liaison.revoked')).toBe(true); // their own notice stays
    // Their own requests' notices stay too.
    expect(notices.some((n) => n.requestId === infoRequested.id)).toBe(true);
  });

  it('acts again once authorized again', async () => {
    await t
      .http()
      .post(`/api/liaisons/${await userIdOf(USERS.fiscalGT)}/authorize`)
      .set('Authorization', await t.login(USERS.cancilleriaGT))
      .send({ validUntil: futureDay(365) })
      .expect(200);
    expect((await sendEvent(t, executed, { type: 'CLOSE', by: 'fiscalGT' })).status).toBe(200);
    expect((await t.http().get(`/api/requests/${theirs.id}`).set('Authorization', token)).status).toBe(200);
    expect((await notificationsOf(USERS.fiscalGT)).some((n) => n.requestId === theirs.id)).toBe(true);
  });
});

describe('an expired liaison', () => {
  it('is refused WITHDRAW and every other write from the day after validUntil, and reads their own request', async () => {
    const flow = await createRequest(t, { requestedCountry: 'MX' }, 'fiscalUS');
    const token = await t.login(USERS.fiscalUS);
    // Its last day the day before the office's today (a liaison's day is its country's: at 00:30 UTC the day before
    // UTC's today is still today in Washington).
    await t.sql('UPDATE users SET liaison_valid_until = $2 WHERE email = $1', [USERS.fiscalUS, addDays(dateIn('US', new Date()), -1)]);
    const before = await footprint();
    const withdraw = await t.http().post(`/api/requests/${flow.id}/events`).set('Authorization', token).send({ type: 'WITHDRAW', expectedVersion: flow.version, comment: 'x' });
    expect([withdraw.status, withdraw.body.error]).toEqual([403, 'liaison_not_authorized']);
    expect(await footprint()).toEqual(before);
    expect((await t.http().get(`/api/requests/${flow.id}`).set('Authorization', token).expect(200)).body.availableEvents).toEqual([]);
  });
});
