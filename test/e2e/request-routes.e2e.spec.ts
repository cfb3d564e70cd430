// Each request travels the way its legal basis prescribes (issue 13, "Por la vía correspondiente"):
// GT -> MX under Nassau goes between central authorities (Guatemala's central authority transmits);
// GT -> US, with no treaty between them, goes as letters rogatory through the cancillerías (the
// requesting one transmits by note, the requested one records receipt and forwards to its central
// authority). Each party finds the request in its queue at its turn, and only then.
import { downloadDocument, pdfParseText } from '../support/documents.js';
import { formBrowser } from '../support/page-session.js';
import { DIPLOMATIC_TRANSMISSION, USERS, advanceUntil, createRequest, documentsWhenSettled, sendEvent, type Flow } from '../support/request-flow.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { addUser } from '../support/users.factory.js';

let t: TestApp;
let cancilleriaUS: string;
beforeAll(async () => {
  t = await startTestApp({ consume: true, redis: true });
  cancilleriaUS = (await addUser(t, { role: 'cancilleria', country: 'US', name: 'Office of the Legal Adviser' })).email;
}, 120_000);
afterAll(() => t?.close());

const read = async (flow: Flow, email: string) => t.http().get(`/api/requests/${flow.id}`).set('Authorization', await t.login(email));
const queueOf = async (email: string): Promise<string> => {
  const browser = formBrowser(t);
  await browser.signIn(email);
  return (await browser.open('/desk/queue')).text;
};

describe('GT -> MX under Nassau: between central authorities', () => {
  it('the cancillería authorizes, Guatemala’s central authority transmits, Mexico’s acknowledges and executes', async () => {
    const flow = await advanceUntil(t, await createRequest(t, { title: 'Ruta Nassau GT-MX' }), 'TRANSMIT');
    expect(flow.body.state).toBe('authorized');
    expect(flow.body.route).toMatchObject({
      channel: 'central_authority',
      basis: 'NASSAU_1992',
      transmitter: { side: 'requesting', role: 'central_authority', country: 'GT' },
      via: [],
      receiver: { side: 'requested', role: 'central_authority', country: 'MX' },
      fixed: true,
    });
    // Who may send it now: Guatemala's central authority, not its cancillería, and nobody in Mexico yet.
    expect((await read(flow, USERS.autoridadGT)).body.availableEvents).toEqual(['TRANSMIT', 'RECORD_ADVANCE_COPY']);
    expect((await read(flow, USERS.cancilleriaGT)).body.availableEvents).toEqual([]);
    expect((await read(flow, USERS.autoridadMX)).status).toBe(404);
    expect(await queueOf(USERS.autoridadGT)).toContain(flow.body.reference as string);
    expect(await queueOf(USERS.cancilleriaGT)).not.toContain(flow.body.reference as string);

    const byCancilleria = await sendEvent(t, flow, { type: 'TRANSMIT', by: 'cancilleriaGT' });
    expect({ status: byCancilleria.status, error: byCancilleria.body.error }).toEqual({ status: 403, error: 'forbidden' });
    const sent = await sendEvent(t, flow, { type: 'TRANSMIT', by: 'autoridadGT' });
    expect({ status: sent.status, state: sent.body.state }).toEqual({ status: 200, state: 'transmitted' });
    expect((await read(flow, USERS.autoridadMX)).body.availableEvents).toEqual(['ACKNOWLEDGE', 'RETURN_FOR_CORRECTION']);
    expect(await queueOf(USERS.autoridadMX)).toContain(flow.body.reference as string);
    // Mexico's cancillería is not on this way.
    expect((await read(flow, USERS.cancilleriaMX)).status).toBe(404);

    for (const step of [
      { type: 'ACKNOWLEDGE', by: 'autoridadMX' },
      { type: 'RECORD_EXECUTION', by: 'autoridadMX', comment: 'Se remiten los registros certificados.', data: { outcome: 'total' } },
      { type: 'CLOSE', by: 'fiscalGT' },
    ] as const) {
      const response = await sendEvent(t, flow, step);
      expect({ step: step.type, status: response.status }).toEqual({ step: step.type, status: 200 });
    }
    const history = await t.http().get(`/api/requests/${flow.id}/history`).set('Authorization', await t.login(USERS.fiscalGT)).expect(200);
    const transmit = history.body.find((h: { event: string }) => h.event === 'TRANSMIT');
    expect(transmit).toMatchObject({ from: 'authorized', to: 'transmitted', actor: { role: 'central_authority', country: 'GT' } });
    const documents = await documentsWhenSettled(t, flow.id);
    expect(documents.filter((d) => d.kind === 'transmission_note').map((d) => d.status)).toEqual(['ready']);
  }, 180_000);
});

describe('GT -> US with no treaty: through the cancillerías (letters rogatory)', () => {
  it('the cancillería transmits by note, the U.S. foreign ministry records receipt and forwards, then the U.S. central authority acts', async () => {
    const flow = await createRequest(t, { requestedCountry: 'US', language: 'en', legalBasis: ['RECIPROCITY'], title: 'Exhorto GT-US' });
    for (const step of [
      { type: 'STANDARDIZE', by: 'fiscalGT' },
      { type: 'SUBMIT', by: 'fiscalGT' },
      { type: 'AUTHORIZE', by: 'cancilleriaGT' },
    ] as const) {
      const response = await sendEvent(t, flow, step);
      expect({ step: step.type, status: response.status, body: response.status === 200 ? undefined : response.body }).toEqual({ step: step.type, status: 200, body: undefined });
    }
    expect(flow.body.route).toMatchObject({
      channel: 'diplomatic',
      basis: 'RECIPROCITY',
      transmitter: { role: 'cancilleria', country: 'GT' },
      via: [{ side: 'requested', role: 'cancilleria', country: 'US' }],
      receiver: { role: 'central_authority', country: 'US' },
    });
    expect((await read(flow, USERS.cancilleriaGT)).body.availableEvents).toEqual(['TRANSMIT']);
    expect((await read(flow, USERS.autoridadGT)).body.availableEvents).toEqual([]);
    const wrong = await sendEvent(t, flow, { type: 'TRANSMIT', by: 'autoridadGT' });
    expect({ status: wrong.status, error: wrong.body.error }).toEqual({ status: 403, error: 'forbidden' });

    const states: Record<string, unknown> = {};
    const users = { ...USERS, cancilleriaUS } as Record<string, string>;
    for (const step of DIPLOMATIC_TRANSMISSION) {
      const by = step.by === 'cancilleriaMX' ? 'cancilleriaUS' : step.by;
      // Before the note is forwarded, the U.S. central authority does not even see the request.
      expect({ before: step.type, status: (await read(flow, USERS.autoridadUS)).status }).toEqual({ before: step.type, status: 404 });
      const api = await t.api(users[by]);
      const response = await api.requests
        .requestsSend(flow.id, { type: step.type, expectedVersion: flow.version })
        .catch((refusal: Response) => refusal);
      expect({ step: step.type, status: response.status }).toEqual({ step: step.type, status: 200 });
      const body = (response as { data: { version: number; state: string } }).data;
      flow.version = body.version;
      states[step.type] = body.state;
      if (step.type === 'TRANSMIT') {
        expect(await queueOf(cancilleriaUS)).toContain(flow.body.reference as string);
        expect((await read(flow, cancilleriaUS)).body.availableEvents).toEqual(['RECORD_RECEIPT']);
        // The note reached the U.S.: the requested side reads the request whole (disclosure policy).
        expect((await read(flow, cancilleriaUS)).body.disclosure).toBe('full');
      }
    }
    expect(states).toEqual({
      TRANSMIT: 'sent_to_requested_cancilleria',
      RECORD_RECEIPT: 'received_by_requested_cancilleria',
      FORWARD: 'transmitted',
    });
    // Mexico's cancillería has nothing to do with a request to the United States.
    expect((await read(flow, USERS.cancilleriaMX)).status).toBe(404);
    expect((await read(flow, USERS.autoridadUS)).body.availableEvents).toEqual(['ACKNOWLEDGE', 'RETURN_FOR_CORRECTION']);
    expect(await queueOf(USERS.autoridadUS)).toContain(flow.body.reference as string);
    expect(await queueOf(cancilleriaUS)).not.toContain(flow.body.reference as string);
    for (const step of [
      { type: 'ACKNOWLEDGE', by: 'autoridadUS' },
      { type: 'RECORD_EXECUTION', by: 'autoridadUS', comment: 'Records produced.', data: { outcome: 'partial' } },
      { type: 'CLOSE', by: 'fiscalGT' },
    ] as const) {
      const response = await sendEvent(t, flow, step);
      expect({ step: step.type, status: response.status }).toEqual({ step: step.type, status: 200 });
    }
    const history = await t.http().get(`/api/requests/${flow.id}/history`).set('Authorization', await t.login(USERS.fiscalGT)).expect(200);
    expect(history.body.map((h: { event: string; actor: { role: string; country: string } }) => `${h.event} ${h.actor.role} ${h.actor.country}`)).toEqual([
      'CREATE fiscal GT',
      'STANDARDIZE fiscal GT',
      'SUBMIT fiscal GT',
      'AUTHORIZE cancilleria GT',
      'TRANSMIT cancilleria GT',
      'RECORD_RECEIPT cancilleria US',
      'FORWARD cancilleria US',
      'ACKNOWLEDGE central_authority US',
      'RECORD_EXECUTION central_authority US',
      'CLOSE fiscal GT',
    ]);
  }, 180_000);
});

describe('return for correction (Nassau art. 26) and resubmission', () => {
  it('Mexico’s central authority returns the request with its reasons from its desk; the fiscal corrects it and it travels again', async () => {
    const flow = await advanceUntil(t, await createRequest(t, { title: 'Devuelta para corrección' }), 'ACKNOWLEDGE');
    const mx = formBrowser(t);
    await mx.signIn(USERS.autoridadMX);
    const review = (await mx.open(`/desk/review/${flow.id}`)).text;
    expect(review).toContain('data-event="RETURN_FOR_CORRECTION"');
    expect(review).toContain('Devolver para corrección, con los motivos');
    // Without reasons: refused on the page, nothing written.
    const silent = await mx.submit(`/desk/review/${flow.id}/events`, { type: 'RETURN_FOR_CORRECTION', expectedVersion: String(flow.version), comment: ' ' });
    expect(silent.status).toBe(422);
    expect(silent.text).toContain('href="#comment-RETURN_FOR_CORRECTION"');
    expect((await read(flow, USERS.fiscalGT)).body.state).toBe('transmitted');
    const reasons = 'Falta la pena máxima del delito imputado.';
    const returned = await mx.submit(`/desk/review/${flow.id}/events`, { type: 'RETURN_FOR_CORRECTION', expectedVersion: String(flow.version), comment: reasons });
    expect(returned.status).toBe(303);

    const asFiscal = await read(flow, USERS.fiscalGT);
    expect(asFiscal.body).toMatchObject({ state: 'returned_for_correction', availableEvents: ['SUBMIT', 'WITHDRAW'], editable: true });
    const history = await t.http().get(`/api/requests/${flow.id}/history`).set('Authorization', await t.login(USERS.fiscalGT)).expect(200);
    expect(history.body.at(-1)).toMatchObject({ event: 'RETURN_FOR_CORRECTION', from: 'transmitted', to: 'returned_for_correction', comment: reasons, actor: { role: 'central_authority', country: 'MX' } });
    // The requested central authority still reads what it returned, and may do nothing with it now.
    expect((await read(flow, USERS.autoridadMX)).body.availableEvents).toEqual([]);

    flow.version = asFiscal.body.version;
    const offenses = [{ ...asFiscal.body.offenses[0], maxPenalty: 'prisión de 8 a 16 años' }];
    const edited = await t.http().patch(`/api/requests/${flow.id}`).set('Authorization', await t.login(USERS.fiscalGT)).send({ expectedVersion: flow.version, offenses }).expect(200);
    flow.version = edited.body.version;
    for (const step of [
      { type: 'SUBMIT', by: 'fiscalGT' },
      { type: 'AUTHORIZE', by: 'cancilleriaGT' },
      { type: 'TRANSMIT', by: 'autoridadGT' },
      { type: 'ACKNOWLEDGE', by: 'autoridadMX' },
    ] as const) {
      const response = await sendEvent(t, flow, step);
      expect({ step: step.type, status: response.status }).toEqual({ step: step.type, status: 200 });
    }
    expect((flow.body.offenses as { maxPenalty?: string }[])[0].maxPenalty).toBe('prisión de 8 a 16 años');
    const forms = (await t.sql<{ revision: number }>(`SELECT revision FROM documents WHERE request_id = $1 AND kind = 'standardized_form' ORDER BY revision`, [flow.id])).map((r) => r.revision);
    expect(forms).toEqual([1, 2]);
  }, 180_000);
});

/** The text of a document's PDF, as the fiscal downloads it. */
async function pdfText(id: string): Promise<string> {
  const response = await downloadDocument(t, id, USERS.fiscalGT);
  expect(response.status).toBe(200);
  return pdfParseText(response.body);
}

describe('execution in parts', () => {
  it('GT -> MX: Mexico’s central authority delivers two parts from its desk, each with its evidence and report, then closes the execution with the final report', async () => {
    const flow = await advanceUntil(t, await createRequest(t, { title: 'Ejecución por partes' }), 'REQUEST_INFO');
    const mx = formBrowser(t);
    await mx.signIn(USERS.autoridadMX);
    const review = (await mx.open(`/desk/review/${flow.id}`)).text;
    expect(review).toContain('data-event="REPORT_EXECUTION_PART"');
    expect(review).toContain('Emitirá el documento: Informe de ejecución');
    // A part without evidence is refused on the page, with the field named.
    const empty = await mx.submit(`/desk/review/${flow.id}/events`, { type: 'REPORT_EXECUTION_PART', expectedVersion: String(flow.version), comment: 'Primera parte.', evidence: ' ' });
    expect(empty.status).toBe(422);
    expect(empty.text).toContain('href="#evidence-REPORT_EXECUTION_PART"');
    const first = await mx.submit(`/desk/review/${flow.id}/events`, {
      type: 'REPORT_EXECUTION_PART',
      expectedVersion: String(flow.version),
      comment: 'Primera parte: registros de enero a junio de 2025.',
      evidence: 'Estados de cuenta certificados, enero a junio de 2025 (48 folios)\r\nActa de entrega del Banco Azteca',
    });
    expect(first.status).toBe(303);
    flow.version += 1;
    const second = await sendEvent(t, flow, {
      type: 'REPORT_EXECUTION_PART',
      by: 'autoridadMX',
      comment: 'Segunda parte: registros de julio a diciembre de 2025.',
      data: { evidence: ['Estados de cuenta certificados, julio a diciembre de 2025 (51 folios)'] },
    });
    expect({ status: second.status, state: second.body.state }).toEqual({ status: 200, state: 'acknowledged' });
    const badEvidence = await sendEvent(t, flow, { type: 'REPORT_EXECUTION_PART', by: 'autoridadMX', comment: 'x', data: { evidence: [''] } });
    expect({ status: badEvidence.status, error: badEvidence.body.error }).toEqual({ status: 422, error: 'rule_violation' });
    const closed = await sendEvent(t, flow, { type: 'RECORD_EXECUTION', by: 'autoridadMX', comment: 'Se concluye la ejecución.', data: { outcome: 'total' } });
    expect({ status: closed.status, state: closed.body.state }).toEqual({ status: 200, state: 'executed' });

    const reports = (await documentsWhenSettled(t, flow.id)).filter((d) => d.kind === 'execution_report');
    expect(reports.map((d) => `${d.revision} ${d.status}`)).toEqual(['1 ready', '2 ready', '3 ready']);
    const [part1, part2, final] = await Promise.all(reports.map((d) => pdfText(d.id)));
    expect(part1).toContain('Informe de ejecución');
    expect(part1).toContain('Estados de cuenta certificados, enero a junio de 2025 (48 folios)');
    expect(part1).toContain('Acta de entrega del Banco Azteca');
    expect(part1).toContain('Primera parte: registros de enero a junio de 2025.');
    expect(part1).toMatch(/Nota n\.º FGR-MX\/\d{4}\/\d{5}/);
    expect(part2).toContain('julio a diciembre de 2025 (51 folios)');
    expect(part2).not.toContain('enero a junio de 2025 (48 folios)');
    expect(final).toContain('Informe final');
    expect(final).toContain('Ejecución total');
    expect((await sendEvent(t, flow, { type: 'CLOSE', by: 'fiscalGT' })).body.state).toBe('closed');
  }, 180_000);
});

describe('postponement (UNTOC art. 18(25))', () => {
  it('Mexico’s central authority postpones with its reason and date from its desk, the fiscal reads them, then it resumes', async () => {
    const flow = await advanceUntil(t, await createRequest(t, { title: 'Ejecución aplazada' }), 'REQUEST_INFO');
    const mx = formBrowser(t);
    await mx.signIn(USERS.autoridadMX);
    expect((await mx.open(`/desk/review/${flow.id}`)).text).toContain('data-event="POSTPONE"');
    const noDate = await mx.submit(`/desk/review/${flow.id}/events`, { type: 'POSTPONE', expectedVersion: String(flow.version), comment: 'Investigación en curso.', until: '' });
    expect(noDate.status).toBe(422);
    expect(noDate.text).toContain('href="#until-POSTPONE"');
    const reason = 'La diligencia interferiría con una investigación en curso en México.';
    const postponed = await mx.submit(`/desk/review/${flow.id}/events`, { type: 'POSTPONE', expectedVersion: String(flow.version), comment: reason, until: '2099-06-30' });
    expect(postponed.status).toBe(303);
    const history = await t.http().get(`/api/requests/${flow.id}/history`).set('Authorization', await t.login(USERS.fiscalGT)).expect(200);
    expect(history.body.at(-1)).toMatchObject({ event: 'POSTPONE', to: 'postponed', comment: reason });
    const asAuthority = await read(flow, USERS.autoridadMX);
    expect(asAuthority.body).toMatchObject({ state: 'postponed', availableEvents: ['RESUME'] });
    flow.version = asAuthority.body.version;
    const resumed = await sendEvent(t, flow, { type: 'RESUME', by: 'autoridadMX' });
    expect({ status: resumed.status, state: resumed.body.state }).toEqual({ status: 200, state: 'acknowledged' });
    // UNTOC art. 18(24): the requested side reports on the progress, in words.
    const silent = await sendEvent(t, flow, { type: 'REPORT_PROGRESS', by: 'autoridadMX' });
    expect({ status: silent.status, missing: silent.body.missing }).toEqual({ status: 422, missing: ['comment'] });
    const progress = 'Se giró oficio a la Comisión Nacional Bancaria; respuesta esperada en dos semanas.';
    const reported = await sendEvent(t, flow, { type: 'REPORT_PROGRESS', by: 'autoridadMX', comment: progress });
    expect({ status: reported.status, state: reported.body.state }).toEqual({ status: 200, state: 'acknowledged' });
    const told = await t.http().get(`/api/requests/${flow.id}/history`).set('Authorization', await t.login(USERS.fiscalGT)).expect(200);
    expect(told.body.at(-1)).toMatchObject({ event: 'REPORT_PROGRESS', comment: progress, actor: { role: 'central_authority', country: 'MX' } });
  }, 180_000);
});

describe('the requested central authority’s work (issue 13, step 3): assignment, conditions, refusal on a ground', () => {
  const desk = async (email: string) => {
    const browser = formBrowser(t);
    await browser.signIn(email);
    return browser;
  };
  const act = (browser: Awaited<ReturnType<typeof desk>>, flow: Flow, fields: Record<string, string>) =>
    browser.submit(`/desk/review/${flow.id}/events`, { expectedVersion: String(flow.version), comment: '', ...fields });
  const refresh = async (flow: Flow, email: string = USERS.fiscalGT) => {
    const response = await read(flow, email);
    flow.version = response.body.version;
    return response.body;
  };

  it('Mexico’s central authority assigns the execution from its desk; Guatemala reads who executes on its request’s page', async () => {
    const flow = await advanceUntil(t, await createRequest(t, { title: 'Asignación a autoridad ejecutora' }), 'REQUEST_INFO');
    const mx = await desk(USERS.autoridadMX);
    const page = (await mx.open(`/desk/review/${flow.id}`)).text;
    expect(page).toContain('data-event="ASSIGN"');
    expect(page).toContain('Asignar a la autoridad ejecutora');
    const unnamed = await act(mx, flow, { type: 'ASSIGN', executingAuthority: '' });
    expect(unnamed.status).toBe(422);
    expect(unnamed.text).toContain('href="#executingAuthority-ASSIGN"');
    expect((await refresh(flow)).handling.executingAuthority).toBeNull();
    const office = 'Fiscalía Especializada en Investigación de Delitos contra Migrantes, FGR';
    expect((await act(mx, flow, { type: 'ASSIGN', executingAuthority: office })).status).toBe(303);
    const asFiscal = await refresh(flow);
    expect(asFiscal).toMatchObject({ state: 'acknowledged', handling: { executingAuthority: { office }, conditions: null, refusalGround: null } });
    const fiscalPage = (await (await desk(USERS.fiscalGT)).open(`/desk/requests/${flow.id}`)).text;
    expect(fiscalPage).toContain('<dt>Autoridad ejecutora</dt>');
    expect(fiscalPage).toContain(office);
    const byGT = await sendEvent(t, flow, { type: 'ASSIGN', by: 'autoridadGT', data: { executingAuthority: 'Juzgado' } });
    expect({ status: byGT.status, error: byGT.body.error }).toEqual({ status: 403, error: 'forbidden' });
  }, 180_000);

  it('conditions under UNTOC art. 18(26): Mexico proposes them, Guatemala’s central authority (its route’s party) accepts from its desk, not the fiscal', async () => {
    const flow = await advanceUntil(t, await createRequest(t, { title: 'Condiciones propuestas' }), 'REQUEST_INFO');
    const mx = await desk(USERS.autoridadMX);
    expect((await mx.open(`/desk/review/${flow.id}`)).text).toContain('data-event="PROPOSE_CONDITIONS"');
    const blank = await act(mx, flow, { type: 'PROPOSE_CONDITIONS' });
    expect(blank.status).toBe(422);
    const conditions = 'La declaración se tomará ante juez mexicano, sin presencia de agentes guatemaltecos; las pruebas solo se usarán en la causa indicada.';
    expect((await act(mx, flow, { type: 'PROPOSE_CONDITIONS', comment: conditions })).status).toBe(303);
    const waiting = await refresh(flow);
    expect(waiting).toMatchObject({ state: 'conditions_proposed', availableEvents: ['WITHDRAW'], handling: { conditions: { text: conditions, answer: null } } });
    expect((await read(flow, USERS.autoridadGT)).body.availableEvents).toEqual(['ACCEPT_CONDITIONS', 'DECLINE_CONDITIONS', 'SEND_SUPPLEMENTARY_REQUEST']);
    expect(await queueOf(USERS.autoridadGT)).toContain(flow.body.reference as string);
    const byFiscal = await sendEvent(t, flow, { type: 'ACCEPT_CONDITIONS', by: 'fiscalGT' });
    expect({ status: byFiscal.status, error: byFiscal.body.error }).toEqual({ status: 403, error: 'forbidden' });
    const gt = await desk(USERS.autoridadGT);
    const page = (await gt.open(`/desk/review/${flow.id}`)).text;
    expect(page).toContain('data-event="ACCEPT_CONDITIONS"');
    expect(page).toContain(conditions);
    expect((await act(gt, flow, { type: 'ACCEPT_CONDITIONS' })).status).toBe(303);
    expect(await refresh(flow)).toMatchObject({ state: 'acknowledged', handling: { conditions: { text: conditions, answer: 'accepted' } } });
    const history = await t.http().get(`/api/requests/${flow.id}/history`).set('Authorization', await t.login(USERS.fiscalGT)).expect(200);
    expect(history.body.slice(-2).map((h: { event: string; actor: { role: string; country: string } }) => [h.event, h.actor.role, h.actor.country])).toEqual([
      ['PROPOSE_CONDITIONS', 'central_authority', 'MX'],
      ['ACCEPT_CONDITIONS', 'central_authority', 'GT'],
    ]);
    // Declined conditions, on a second proposal, need the reasons.
    expect((await sendEvent(t, flow, { type: 'PROPOSE_CONDITIONS', by: 'autoridadMX', comment: 'Confidencialidad de la fuente.' })).status).toBe(200);
    const silent = await sendEvent(t, flow, { type: 'DECLINE_CONDITIONS', by: 'autoridadGT' });
    expect({ status: silent.status, missing: silent.body.missing }).toEqual({ status: 422, missing: ['comment'] });
    const declined = await sendEvent(t, flow, { type: 'DECLINE_CONDITIONS', by: 'autoridadGT', comment: 'La fuente debe poder ser contrainterrogada.' });
    expect({ status: declined.status, state: declined.body.state, answer: declined.body.handling.conditions.answer }).toEqual({ status: 200, state: 'acknowledged', answer: 'declined' });
  }, 180_000);

  it('a refusal cites one of the route’s grounds, offered on the desk in the user’s language; another instrument’s ground is refused, nothing written', async () => {
    const flow = await advanceUntil(t, await createRequest(t, { title: 'Denegación con motivo' }), 'REQUEST_INFO');
    const mx = await desk(USERS.autoridadMX);
    const page = (await mx.open(`/desk/review/${flow.id}`)).text;
    expect(page).toContain('name="ground" value="nassau_9_e"');
    expect(page).toContain('Convención de Nassau, art. 9 e)');
    expect(page).not.toContain('value="comity"');
    const reasons = 'La diligencia afectaría la seguridad nacional.';
    const noGround = await act(mx, flow, { type: 'REFUSE', comment: reasons });
    expect(noGround.status).toBe(422);
    expect(noGround.text).toContain('href="#ground-REFUSE"');
    const other = await sendEvent(t, flow, { type: 'REFUSE', by: 'autoridadMX', comment: reasons, data: { ground: 'comity' } });
    expect({ status: other.status, error: other.body.error, field: other.body.violations?.[0]?.field }).toEqual({ status: 422, error: 'rule_violation', field: 'data.ground' });
    expect((await refresh(flow)).state).toBe('acknowledged');
    expect((await act(mx, flow, { type: 'REFUSE', comment: reasons, ground: 'nassau_9_e' })).status).toBe(303);
    expect(await refresh(flow)).toMatchObject({ state: 'refused', handling: { refusalGround: 'nassau_9_e' } });
    const fiscalPage = (await (await desk(USERS.fiscalGT)).open(`/desk/requests/${flow.id}`)).text;
    expect(fiscalPage).toContain('data-refusal-ground="nassau_9_e"');
  }, 180_000);

  it('a postponement’s date is the stage’s deadline, Mexico’s central authority’s to keep', async () => {
    const flow = await advanceUntil(t, await createRequest(t, { title: 'Plazo del aplazamiento' }), 'REQUEST_INFO');
    expect((await sendEvent(t, flow, { type: 'POSTPONE', by: 'autoridadMX', comment: 'Investigación en curso.', data: { until: '2099-03-31' } })).status).toBe(200);
    const [visit] = await t.sql<{ dueAt: Date; office: string; responsibleCountry: string }>(
      `SELECT due_at AS "dueAt", office, responsible_country AS "responsibleCountry" FROM request_stages WHERE request_id = $1 AND stage = 'postponed' AND exited_at IS NULL`,
      [flow.id],
    );
    // The end of 31 March in Mexico City (UTC-6).
    expect({ ...visit, dueAt: visit.dueAt.toISOString() }).toEqual({ dueAt: '2099-04-01T05:59:59.999Z', office: 'central_authority', responsibleCountry: 'MX' });
    expect(await queueOf(USERS.autoridadMX)).toContain(flow.body.reference as string);
  }, 180_000);
});
