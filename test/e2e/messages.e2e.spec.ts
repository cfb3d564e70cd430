// The informal channel on a shared draft over HTTP: who reads (404 for everyone else, so that the
// conversation's existence does not leak), who posts (403 for a reader), when (409 before sharing
// and after submission), the notice to the other side, and the exchanges carried into the form.
import { formBrowser } from '../support/page-session.js';
import { USERS, advanceUntil, createRequest, sendEvent, type Flow } from '../support/request-flow.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { userId } from '../support/users.factory.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

type Who = keyof typeof USERS;
const read = async (flow: Flow, who: Who) => t.http().get(`/api/requests/${flow.id}/messages`).set('Authorization', await t.login(USERS[who]));
const post = async (flow: Flow, who: Who, body: string) =>
  t.http().post(`/api/requests/${flow.id}/messages`).set('Authorization', await t.login(USERS[who])).send({ body });
const notificationsOf = async (who: Who) =>
  (await t.http().get('/api/notifications').set('Authorization', await t.login(USERS[who])).expect(200)).body as {
    kind: string;
    requestId: string;
    message: string;
  }[];
const today = () => new Date().toISOString().slice(0, 10);

describe('the informal channel on a shared draft', () => {
  let flow: Flow;
  beforeAll(async () => {
    flow = await createRequest(t);
  });

  it('does not exist for the counterpart before the draft is shared; the fiscal must share first', async () => {
    expect((await read(flow, 'fiscalMX')).status).toBe(404);
    expect((await post(flow, 'fiscalMX', 'Hola')).status).toBe(404);
    const early = await post(flow, 'fiscalGT', '¿Podemos hablar del caso?');
    expect(early.status).toBe(409);
    expect(early.body.error).toBe('invalid_transition');
    expect(await t.sql('SELECT 1 FROM request_messages WHERE request_id = $1', [flow.id])).toEqual([]);
  });

  it('lets the MX liaison read the shared draft and post, and the GT fiscal answer; each side is notified', async () => {
    expect((await sendEvent(t, flow, { type: 'SHARE_DRAFT', by: 'fiscalGT' })).status).toBe(200);
    expect((await t.http().get(`/api/requests/${flow.id}`).set('Authorization', await t.login(USERS.fiscalMX))).status).toBe(200);
    expect((await read(flow, 'fiscalMX')).body).toEqual([]);

    const question = await post(flow, 'fiscalGT', '¿Existe la cuenta 0123-4567-89 en el Banco del Soconusco?\nEs para el caso de Tapachula.');
    expect(question.status).toBe(201);
    const answer = await post(flow, 'fiscalMX', 'Sí, la cuenta existe y sigue activa.\nPara los estados de cuenta hará falta la solicitud formal.');
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({
      requestId: flow.id,
      author: { id: await userId(t, USERS.fiscalMX), name: 'Jorge Ramírez Peña', role: 'fiscal', country: 'MX' },
      body: 'Sí, la cuenta existe y sigue activa.\nPara los estados de cuenta hará falta la solicitud formal.',
      carriedAt: null,
    });

    const conversation = await read(flow, 'fiscalGT');
    expect(conversation.status).toBe(200);
    expect(conversation.body.map((m: { author: { country: string } }) => m.author.country)).toEqual(['GT', 'MX']);

    const toGT = (await notificationsOf('fiscalGT')).filter((n) => n.kind === 'request.message' && n.requestId === flow.id);
    expect(toGT).toHaveLength(1);
    expect(toGT[0].message).toContain('Jorge Ramírez Peña');
    expect(toGT[0].message).not.toContain('cuenta'); // the notice says there is a message, not what it says
    expect((await notificationsOf('fiscalMX')).filter((n) => n.kind === 'request.message' && n.requestId === flow.id)).toHaveLength(1);
    // On the page, in the reader's language: from whom, of which country; never what it says.
    const mx = formBrowser(t, { 'Accept-Language': 'fr' });
    await mx.signIn(USERS.fiscalMX);
    const page = (await mx.open('/desk/notifications')).text;
    expect(page).toMatch(/ : nouveau message de [^<(]+ \(Guatemala\)/);
    expect(page).not.toContain('new message from');
    expect(page).not.toContain('Soconusco');
  });

  it('is hidden (404) from everyone else: another country’s fiscal, the MX central authority, the supervisor, the admin', async () => {
    for (const who of ['fiscalHN', 'fiscalUS', 'autoridadMX', 'supervisorGT', 'admin', 'cancilleriaHN', 'cancilleriaGT'] as const) {
      const r = await read(flow, who);
      const p = await post(flow, who, 'Intromisión');
      expect([who, r.status, r.body.error, p.status]).toEqual([who, 404, 'not_found', 404]);
    }
  });

  it('answers 400 for a blank or missing body', async () => {
    expect((await post(flow, 'fiscalGT', '   ')).body.error).toBe('validation_failed');
    const missing = await t.http().post(`/api/requests/${flow.id}/messages`).set('Authorization', await t.login(USERS.fiscalGT)).send({});
    expect(missing.status).toBe(400);
  });

  it('carries the exchanges into priorInformalExchanges at STANDARDIZE, without duplicates, and the fiscal can edit them', async () => {
    const standardized = await sendEvent(t, flow, { type: 'STANDARDIZE', by: 'fiscalGT' });
    expect(standardized.status).toBe(200);
    const exchanges = standardized.body.priorInformalExchanges;
    expect(exchanges).toEqual([
      // What the fiscal had written by hand stays first.
      expect.objectContaining({ date: '2026-01-20' }),
      { date: today(), counterpart: 'Fiscales de enlace de México', summary: '¿Existe la cuenta 0123-4567-89 en el Banco del Soconusco?' },
      {
        date: today(),
        counterpart: 'Jorge Ramírez Peña (Unidad Especializada en Tráfico de Migrantes, Fiscalía General de la República, MX)',
        summary: 'Sí, la cuenta existe y sigue activa.',
      },
    ]);
    expect((await read(flow, 'fiscalGT')).body.every((m: { carriedAt: string | null }) => m.carriedAt !== null)).toBe(true);
    const [row] = await t.sql<{ data: Record<string, unknown> }>(
      `SELECT data FROM request_history WHERE request_id = $1 AND event = 'STANDARDIZE'`,
      [flow.id],
    );
    expect(row.data).toEqual({ enrichedFields: ['priorInformalExchanges'] });

    // The fiscal drops the question; a message posted while the form is completed is carried at SUBMIT.
    const edited = await t
      .http()
      .patch(`/api/requests/${flow.id}`)
      .set('Authorization', await t.login(USERS.fiscalGT))
      .send({ expectedVersion: flow.version, priorInformalExchanges: [exchanges[0], exchanges[2]] })
      .expect(200);
    flow.version = edited.body.version;
    expect((await post(flow, 'fiscalMX', 'El banco conserva los registros por diez años.')).status).toBe(201);
    const submitted = await sendEvent(t, flow, { type: 'SUBMIT', by: 'fiscalGT' });
    expect(submitted.status).toBe(200);
    expect(submitted.body.priorInformalExchanges.map((e: { summary: string }) => e.summary)).toEqual([
      exchanges[0].summary,
      'Sí, la cuenta existe y sigue activa.',
      'El banco conserva los registros por diez años.',
    ]);

    // The standardized form is printed from the fields as they stood at SUBMIT.
    const [documents] = await t.sql<{ exists: boolean }>(`SELECT to_regclass('documents') IS NOT NULL AS exists`);
    if (documents.exists) {
      const [form] = await t.sql<{ exchanges: { summary: string }[] }>(
        `SELECT source->'fields'->'priorInformalExchanges' AS exchanges FROM documents WHERE request_id = $1 AND kind = 'standardized_form'`,
        [flow.id],
      );
      expect(form.exchanges.map((e) => e.summary)).toEqual(submitted.body.priorInformalExchanges.map((e: { summary: string }) => e.summary));
    }
  });

  it('lets the requesting cancillería read once submitted, but not post (403); the channel is closed after SUBMIT (409)', async () => {
    const asCancilleria = await read(flow, 'cancilleriaGT');
    expect(asCancilleria.status).toBe(200);
    expect(asCancilleria.body).toHaveLength(3);
    const byCancilleria = await post(flow, 'cancilleriaGT', 'Observación');
    expect(byCancilleria.status).toBe(403);
    expect(byCancilleria.body.error).toBe('forbidden');
    expect((await post(flow, 'fiscalMX', 'Un dato más.')).body.error).toBe('invalid_transition');
    expect((await read(flow, 'autoridadMX')).status).toBe(404);
  });

  it('stays hidden from the central authority once transmitted, and the creator still reads it', async () => {
    await sendEvent(t, flow, { type: 'AUTHORIZE', by: 'cancilleriaGT' });
    await sendEvent(t, flow, { type: 'TRANSMIT', by: 'autoridadGT' });
    expect((await t.http().get(`/api/requests/${flow.id}`).set('Authorization', await t.login(USERS.autoridadMX))).status).toBe(200);
    expect((await read(flow, 'autoridadMX')).status).toBe(404);
    expect((await read(flow, 'fiscalGT')).status).toBe(200);
  });
});

describe('a liaison who loses the authorization loses the channel', () => {
  it('revoked MX liaison: 404 on the conversation at once; a revoked creator still reads but may not post', async () => {
    const flow = await advanceUntil(t, await createRequest(t), 'STANDARDIZE');
    expect((await post(flow, 'fiscalMX', 'Recibido.')).status).toBe(201);
    const mx = await userId(t, USERS.fiscalMX);
    const gt = await userId(t, USERS.fiscalGT);
    await t.sql(`UPDATE users SET liaison_status = 'revoked' WHERE id = ANY($1::uuid[])`, [[mx, gt]]);
    try {
      expect((await read(flow, 'fiscalMX')).status).toBe(404);
      expect((await read(flow, 'fiscalGT')).status).toBe(200);
      const refused = await post(flow, 'fiscalGT', 'Gracias.');
      expect(refused.status).toBe(403);
      expect(refused.body.error).toBe('liaison_not_authorized');
    } finally {
      await t.sql(`UPDATE users SET liaison_status = 'authorized' WHERE id = ANY($1::uuid[])`, [[mx, gt]]);
    }
  });
});
