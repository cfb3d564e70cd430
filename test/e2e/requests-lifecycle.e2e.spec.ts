import { dateIn } from '@enlace/workflows';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { HAPPY_PATH, USERS, advanceUntil, createRequest, sendEvent } from '../support/request-flow.js';

describe('the lifecycle of a request GT -> MX over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('goes from POST /api/requests to CLOSE with the right user at each step', async () => {
    const flow = await createRequest(t);
    expect(flow.body).toMatchObject({
      state: 'draft',
      version: 1,
      requestingCountry: 'GT',
      requestedCountry: 'MX',
      createdBy: { name: 'Ana Lucía Pérez Chávez' },
      missing: [],
      availableEvents: ['SHARE_DRAFT', 'STANDARDIZE', 'WITHDRAW'],
    });
    // The year in Guatemala (the requesting office's), not UTC's.
    expect(flow.body.reference).toMatch(new RegExp(`^GT-MX-${dateIn('GT', new Date()).slice(0, 4)}-\\d{6}$`));

    const states: string[] = [];
    for (const step of HAPPY_PATH) {
      const response = await sendEvent(t, flow, step);
      expect({ step: step.type, status: response.status, body: response.status === 200 ? undefined : response.body }).toEqual({
        step: step.type,
        status: 200,
        body: undefined,
      });
      states.push(response.body.state);
    }
    expect(states).toEqual([
      'draft',
      'standardized',
      'pending_authorization',
      'authorized',
      'transmitted',
      'acknowledged',
      'info_requested',
      'acknowledged',
      'executed',
      'closed',
    ]);
    expect(flow.version).toBe(1 + HAPPY_PATH.length);
    expect(flow.body.availableEvents).toEqual([]);
    expect((flow.body.stages as { state: string }[]).map((s) => s.state)).toEqual(['draft', ...states.slice(1)]);

    const history = await t
      .http()
      .get(`/api/requests/${flow.id}/history`)
      .set('Authorization', await t.login(USERS.fiscalGT))
      .expect(200);
    expect(history.body.map((h: { event: string }) => h.event)).toEqual(['CREATE', ...HAPPY_PATH.map((s) => s.type)]);
    expect(history.body[4]).toMatchObject({
      seq: 5,
      event: 'AUTHORIZE',
      from: 'pending_authorization',
      to: 'authorized',
      actor: { role: 'cancilleria', country: 'GT' },
    });
    expect(history.body[7].comment).toBe('¿Puede precisar el periodo de los registros bancarios?');

    // Each document-producing event recorded its document, pending until a worker renders it, and
    // the outbox row that will render it.
    const effects = await t.sql<{ kind: string; queued: boolean }>(
      `SELECT d.kind, EXISTS (SELECT 1 FROM outbox o WHERE o.payload->>'documentId' = d.id::text) AS queued
       FROM documents d WHERE d.request_id = $1 ORDER BY d.created_at, d.revision`,
      [flow.id],
    );
    expect(effects.every((e) => e.queued)).toBe(true);
    expect(effects.map((e) => e.kind)).toEqual([
      'informal_draft',
      'informal_draft',
      'standardized_form',
      'authorization',
      'transmission_note',
      'acknowledgement',
      // RECORD_EXECUTION closes the execution with the final report (issue 13).
      'execution_report',
    ]);
  });

  it('tells each user what they may do now', async () => {
    const flow = await advanceUntil(t, await createRequest(t), 'AUTHORIZE');
    const asCancilleria = await t.http().get(`/api/requests/${flow.id}`).set('Authorization', await t.login(USERS.cancilleriaGT)).expect(200);
    expect(asCancilleria.body.availableEvents).toEqual(['RETURN', 'REJECT', 'AUTHORIZE']);
    const asFiscal = await t.http().get(`/api/requests/${flow.id}`).set('Authorization', await t.login(USERS.fiscalGT)).expect(200);
    // An urgent request under UNTOC may be preceded by an advance copy (extension, issue 13).
    expect(asFiscal.body.availableEvents).toEqual(['RECORD_ADVANCE_COPY', 'WITHDRAW']);
    const asSupervisor = await t.http().get(`/api/requests/${flow.id}`).set('Authorization', await t.login(USERS.supervisorGT)).expect(200);
    expect(asSupervisor.body.availableEvents).toEqual([]);
  });

  it('returns to standardized with the cancillería observations, and can be edited and submitted again', async () => {
    const flow = await advanceUntil(t, await createRequest(t), 'AUTHORIZE');
    const returned = await sendEvent(t, flow, { type: 'RETURN', by: 'cancilleriaGT', comment: 'Precise el periodo de los registros.' });
    expect(returned.status).toBe(200);
    expect(returned.body.state).toBe('standardized');
    const edited = await t
      .http()
      .patch(`/api/requests/${flow.id}`)
      .set('Authorization', await t.login(USERS.fiscalGT))
      .send({ expectedVersion: flow.version, purpose: 'Propósito precisado tras las observaciones de la cancillería.' })
      .expect(200);
    expect(edited.body).toMatchObject({ version: flow.version + 1, purpose: 'Propósito precisado tras las observaciones de la cancillería.' });
    flow.version = edited.body.version;
    expect((await sendEvent(t, flow, { type: 'SUBMIT', by: 'fiscalGT' })).body.state).toBe('pending_authorization');
  });

  it('lets the creating fiscal withdraw an open request, and nothing after', async () => {
    const flow = await advanceUntil(t, await createRequest(t), 'ACKNOWLEDGE');
    const withdrawn = await sendEvent(t, flow, { type: 'WITHDRAW', by: 'fiscalGT', comment: 'El imputado fue capturado en Guatemala.' });
    expect(withdrawn.body).toMatchObject({ state: 'withdrawn', availableEvents: [] });
    // The central authority that received it keeps seeing it, withdrawn.
    await t.http().get(`/api/requests/${flow.id}`).set('Authorization', await t.login(USERS.autoridadMX)).expect(200);
  });
});
