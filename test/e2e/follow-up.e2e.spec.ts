// The requesting side's follow-up (issue 13, step 4): a supplementary request through the request's
// route (answering a request for information between central authorities, and on the diplomatic
// channel through the cancillerías), numbered reminder letters once the stage that waits on the
// requested side is past its deadline, and an urgent advance copy confirmed by the formal
// transmission or left to go overdue. The PDFs are read with pdftotext.
import { dateIn } from '@enlace/workflows';
import { downloadDocument, pdftotext } from '../support/documents.js';
import { formBrowser } from '../support/page-session.js';
import { DIPLOMATIC_TRANSMISSION, USERS, advanceUntil, createRequest, documentsWhenSettled, sendEvent, walk as walkSteps, type Flow, type Step } from '../support/request-flow.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ consume: true, redis: true });
}, 120_000);
afterAll(() => t?.close());

const DAY_MS = 86_400_000;
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
// Today in Guatemala, the fiscal's office: a day is refused as in the future from the day after the office's today,
// and between 00:00 and 06:00 UTC UTC's today is still tomorrow there.
const todayInGT = () => dateIn('GT', new Date());

const read = async (flow: Flow, email: string) => t.http().get(`/api/requests/${flow.id}`).set('Authorization', await t.login(email));

const walk = (flow: Flow, steps: Step[]) => walkSteps(t, flow, steps);

/** The text of a document's PDF as `email` downloads it, through pdftotext. */
async function pdfText(id: string, email: string = USERS.fiscalGT): Promise<string> {
  const response = await downloadDocument(t, id, email);
  expect(response.status).toBe(200);
  return pdftotext(response.body, { layout: true });
}

const documentsOf = async (flow: Flow, kind: string, by: keyof typeof USERS = 'fiscalGT') =>
  (await documentsWhenSettled(t, flow.id, by)).filter((d) => d.kind === kind).sort((a, b) => a.revision - b.revision);

describe('a supplementary request answering a request for information', () => {
  it('between central authorities (GT -> MX, Nassau): Guatemala’s central authority sends it, the request is acknowledged again, both sides have its PDF', async () => {
    const flow = await advanceUntil(t, await createRequest(t, { title: 'Complementaria entre autoridades centrales' }), 'SUPPLY_INFO');
    expect(flow.body.state).toBe('info_requested');
    expect((await read(flow, USERS.autoridadGT)).body.availableEvents).toEqual(['SEND_SUPPLEMENTARY_REQUEST']);
    const text = 'Los registros se solicitan del 1 de enero al 31 de diciembre de 2025, de la cuenta 0012-3344-55.';
    // Not the fiscal: the supplementary request travels the route, as the request did.
    const byFiscal = await sendEvent(t, flow, { type: 'SEND_SUPPLEMENTARY_REQUEST', by: 'fiscalGT', comment: text });
    expect({ status: byFiscal.status, error: byFiscal.body.error }).toEqual({ status: 403, error: 'forbidden' });
    const blank = await sendEvent(t, flow, { type: 'SEND_SUPPLEMENTARY_REQUEST', by: 'autoridadGT', comment: ' ' });
    expect({ status: blank.status, missing: blank.body.missing }).toEqual({ status: 422, missing: ['comment'] });

    const sent = await sendEvent(t, flow, {
      type: 'SEND_SUPPLEMENTARY_REQUEST',
      by: 'autoridadGT',
      comment: text,
      data: { annexes: ['Copia certificada del contrato de apertura de la cuenta'] },
    });
    expect({ status: sent.status, state: sent.body.state }).toEqual({ status: 200, state: 'acknowledged' });
    const history = await t.http().get(`/api/requests/${flow.id}/history`).set('Authorization', await t.login(USERS.fiscalGT)).expect(200);
    expect(history.body.at(-1)).toMatchObject({ event: 'SEND_SUPPLEMENTARY_REQUEST', from: 'info_requested', to: 'acknowledged', actor: { role: 'central_authority', country: 'GT' } });

    const [supplement] = await documentsOf(flow, 'supplementary_request');
    expect(supplement).toMatchObject({ revision: 1, status: 'ready' });
    // The requested side has it too.
    expect((await documentsOf(flow, 'supplementary_request', 'autoridadMX')).map((d) => d.id)).toEqual([supplement.id]);
    const pdf = await pdfText(supplement.id, USERS.autoridadMX);
    expect(pdf).toContain('Solicitud complementaria');
    expect(pdf).toContain(flow.body.reference as string);
    expect(pdf).toContain('solicitud complementaria n.º 1');
    expect(pdf).toContain('del 1 de enero al 31 de diciembre de 2025');
    expect(pdf).toContain('Responde a la solicitud de información');
    expect(pdf).toContain('Copia certificada del contrato de apertura de la cuenta');
    expect(pdf).toContain('Fiscalía General de la República');
    // A second one adds to the request in execution without changing its state: number 2.
    const second = await sendEvent(t, flow, { type: 'SEND_SUPPLEMENTARY_REQUEST', by: 'autoridadGT', comment: 'Se agrega la cuenta 0012-3344-56.' });
    expect({ status: second.status, state: second.body.state }).toEqual({ status: 200, state: 'acknowledged' });
    expect((await documentsOf(flow, 'supplementary_request')).map((d) => d.revision)).toEqual([1, 2]);
  }, 180_000);

  it('on the diplomatic channel (GT -> MX under reciprocity): Guatemala’s cancillería sends it, by note to the requested central authority through Mexico’s cancillería', async () => {
    const flow = await createRequest(t, { legalBasis: ['RECIPROCITY'], title: 'Complementaria por la vía diplomática' });
    await walk(flow, [
      { type: 'STANDARDIZE', by: 'fiscalGT' },
      { type: 'SUBMIT', by: 'fiscalGT' },
      { type: 'AUTHORIZE', by: 'cancilleriaGT' },
      ...DIPLOMATIC_TRANSMISSION,
      { type: 'ACKNOWLEDGE', by: 'autoridadMX' },
      { type: 'REQUEST_INFO', by: 'autoridadMX', comment: '¿Cuál es el número de la cuenta?' },
    ]);
    expect(flow.body.route).toMatchObject({ channel: 'diplomatic' });
    // Mexico's cancillería handed it on by its own note, citing what Guatemala's sent with its codes.
    const [forwarding] = await documentsOf(flow, 'forwarding_note', 'autoridadMX');
    const [transmission] = await documentsOf(flow, 'transmission_note', 'autoridadMX');
    expect(forwarding).toMatchObject({ revision: 1, status: 'ready' });
    const note = await pdfText(forwarding.id, USERS.autoridadMX);
    expect(note).toContain('Nota de remisión a la autoridad central');
    expect(note).toContain('transmitió por la vía diplomática');
    const [{ hash }] = await t.sql<{ hash: string }>('SELECT content_hash AS hash FROM documents WHERE id = $1', [transmission.id]);
    expect(note).toContain(hash.slice(0, 20));
    const byAuthority = await sendEvent(t, flow, { type: 'SEND_SUPPLEMENTARY_REQUEST', by: 'autoridadGT', comment: 'La cuenta 0012-3344-55.' });
    expect(byAuthority.status).toBe(403);
    const sent = await sendEvent(t, flow, { type: 'SEND_SUPPLEMENTARY_REQUEST', by: 'cancilleriaGT', comment: 'La cuenta es la número 0012-3344-55.' });
    expect({ status: sent.status, state: sent.body.state }).toEqual({ status: 200, state: 'acknowledged' });
    const [supplement] = await documentsOf(flow, 'supplementary_request', 'autoridadMX');
    const pdf = await pdfText(supplement.id, USERS.autoridadMX);
    expect(pdf).toContain('La cuenta es la número 0012-3344-55.');
    expect(pdf).toContain('Vía diplomática');
    expect(pdf).toMatch(/Ministerio de Relaciones Exteriores/);
  }, 180_000);
});

describe('numbered reminder letters', () => {
  it('refused before the stage waiting on Mexico is due, saying from when; after, letters 1 and 2 cite the request, the day transmitted and the days late', async () => {
    const flow = await advanceUntil(t, await createRequest(t, { title: 'Recordatorio por demora' }), 'ACKNOWLEDGE');
    expect(flow.body.state).toBe('transmitted');
    expect((await read(flow, USERS.autoridadGT)).body.availableEvents).toEqual(['SEND_SUPPLEMENTARY_REQUEST', 'SEND_REMINDER']);
    const [{ due }] = await t.sql<{ due: Date }>('SELECT due_at AS due FROM request_stages WHERE request_id = $1 AND exited_at IS NULL', [flow.id]);
    const early = await sendEvent(t, flow, { type: 'SEND_REMINDER', by: 'autoridadGT' });
    expect({ status: early.status, error: early.body.error, violations: early.body.violations }).toEqual({
      status: 422,
      error: 'rule_violation',
      violations: [{ field: 'stage.dueAt', rule: 'deadline_not_passed', possibleFrom: new Date(due).toISOString() }],
    });
    expect(early.body.message).toBe(`A reminder is possible once the stage's deadline has passed: after ${new Date(due).toISOString()}`);
    expect(await t.sql(`SELECT 1 FROM documents WHERE request_id = $1 AND kind = 'reminder_letter'`, [flow.id])).toHaveLength(0);
    // The desk says it in the reader's language, beside the action.
    const gt = formBrowser(t);
    await gt.signIn(USERS.autoridadGT);
    const review = (await gt.open(`/desk/review/${flow.id}`)).text;
    expect(review).toContain('data-event="SEND_REMINDER"');
    expect(review).toContain('data-event="SEND_SUPPLEMENTARY_REQUEST"');
    expect(review).toContain('Emitirá el documento: Carta de recordatorio');
    const page = await gt.submit(`/desk/review/${flow.id}/events`, { type: 'SEND_REMINDER', expectedVersion: String(flow.version) });
    expect(page.status).toBe(422);
    expect(page.text).toContain('Podrá enviar un recordatorio a partir del');
    expect(page.text).toContain('href="#comment-SEND_REMINDER"');

    // Days went by: the stage waiting on Mexico's central authority fell due three days ago (less an hour).
    await t.sql("UPDATE request_stages SET due_at = now() - interval '71 hours' WHERE request_id = $1 AND exited_at IS NULL", [flow.id]);
    const byFiscal = await sendEvent(t, flow, { type: 'SEND_REMINDER', by: 'fiscalGT' });
    expect(byFiscal.status).toBe(403);
    for (const n of [1, 2]) {
      const sent = await sendEvent(t, flow, { type: 'SEND_REMINDER', by: 'autoridadGT' });
      expect({ n, status: sent.status, state: sent.body.state }).toEqual({ n, status: 200, state: 'transmitted' });
    }
    const letters = await documentsOf(flow, 'reminder_letter', 'autoridadMX');
    expect(letters.map((d) => [d.revision, d.status])).toEqual([
      [1, 'ready'],
      [2, 'ready'],
    ]);
    const first = await pdfText(letters[0].id);
    expect(first).toContain('Carta de recordatorio');
    expect(first).toContain(flow.body.reference as string);
    expect(first).toContain('recordatorio n.º 1');
    expect(first).toContain('hace 3 día(s)');
    expect(first).toMatch(/transmitida el \d{1,2} /);
    expect(first).toContain('Días de retraso 3');
    expect(await pdfText(letters[1].id)).toContain('recordatorio n.º 2');
  }, 180_000);
});

describe('an urgent advance copy (UNTOC art. 18(13)-(14))', () => {
  it('recorded by the fiscal before the formal request, confirmed by the transmission', async () => {
    const flow = await advanceUntil(t, await createRequest(t, { title: 'Copia anticipada confirmada' }), 'SUBMIT');
    expect(flow.body.availableEvents).toEqual(['SUBMIT', 'RECORD_ADVANCE_COPY', 'WITHDRAW']);
    const today = todayInGT();
    const fax = await sendEvent(t, flow, { type: 'RECORD_ADVANCE_COPY', by: 'fiscalGT', data: { channel: 'fax', sentOn: today, reference: 'F-1' } });
    expect({ status: fax.status, violations: fax.body.violations }).toEqual({ status: 422, violations: [{ field: 'data.channel', rule: 'one_of:interpol|oral' }] });
    const recorded = await sendEvent(t, flow, { type: 'RECORD_ADVANCE_COPY', by: 'fiscalGT', data: { channel: 'interpol', sentOn: today, reference: 'INTERPOL GT/2026/0415' } });
    expect({ status: recorded.status, state: recorded.body.state }).toEqual({ status: 200, state: 'standardized' });
    expect(recorded.body.followUp.advanceCopy).toMatchObject({ channel: 'interpol', sentOn: today, confirmBy: dayOf(Date.parse(today) + 10 * DAY_MS), confirmedAt: null, status: 'awaiting_confirmation' });
    await walk(flow, [
      { type: 'SUBMIT', by: 'fiscalGT' },
      { type: 'AUTHORIZE', by: 'cancilleriaGT' },
      { type: 'TRANSMIT', by: 'autoridadGT' },
    ]);
    expect(flow.body.followUp).toMatchObject({ advanceCopy: { reference: 'INTERPOL GT/2026/0415', status: 'confirmed' } });
    expect((await read(flow, USERS.autoridadMX)).body.followUp.advanceCopy).toMatchObject({ status: 'confirmed' });
  }, 180_000);

  it('not offered to a request that is not urgent, and refused naming urgency.urgent', async () => {
    const flow = await advanceUntil(t, await createRequest(t, { urgency: { urgent: false }, title: 'Sin urgencia' }), 'SUBMIT');
    expect(flow.body.availableEvents).toEqual(['SUBMIT', 'WITHDRAW']);
    const refused = await sendEvent(t, flow, { type: 'RECORD_ADVANCE_COPY', by: 'fiscalGT', data: { channel: 'interpol', sentOn: todayInGT(), reference: 'X' } });
    expect({ status: refused.status, violations: refused.body.violations }).toEqual({ status: 422, violations: [{ field: 'urgency.urgent', rule: 'advance_copy_only_when_urgent' }] });
  }, 120_000);

  it('where no instrument of the route allows it (reciprocity alone): not offered, 422 naming legalBasis, nothing written', async () => {
    const flow = await advanceUntil(t, await createRequest(t, { legalBasis: ['RECIPROCITY'], title: 'Sin copia anticipada' }), 'SUBMIT');
    expect(flow.body.availableEvents).toEqual(['SUBMIT', 'WITHDRAW']);
    const refused = await sendEvent(t, flow, { type: 'RECORD_ADVANCE_COPY', by: 'fiscalGT', data: { channel: 'interpol', sentOn: todayInGT(), reference: 'X' } });
    expect({ status: refused.status, violations: refused.body.violations }).toEqual({ status: 422, violations: [{ field: 'legalBasis', rule: 'advance_copy_not_allowed' }] });
    expect((await read(flow, USERS.fiscalGT)).body.followUp.advanceCopy).toBeNull();
  }, 120_000);

  it('left unconfirmed past its days: the stage it waits in goes overdue, the fiscal is notified and an overdue notice issued', async () => {
    const flow = await advanceUntil(t, await createRequest(t, { title: 'Copia anticipada sin confirmar' }), 'SUBMIT');
    const sentOn = dayOf(Date.now() - 12 * DAY_MS);
    const recorded = await sendEvent(t, flow, { type: 'RECORD_ADVANCE_COPY', by: 'fiscalGT', data: { channel: 'oral', sentOn, reference: 'Llamada del 12 de noviembre' } });
    expect(recorded.status).toBe(200);
    const confirmBy = dayOf(Date.parse(sentOn) + 10 * DAY_MS);
    const [visit] = await t.sql<{ due: Date; office: string }>('SELECT due_at AS due, office FROM request_stages WHERE request_id = $1 AND exited_at IS NULL', [flow.id]);
    // The end of that day in Guatemala (UTC-6), the requesting side's to keep.
    const endOfConfirmBy = `${dayOf(Date.parse(confirmBy) + DAY_MS)}T05:59:59.999Z`;
    expect({ due: new Date(visit.due).toISOString(), office: visit.office }).toEqual({ due: endOfConfirmBy, office: 'fiscal' });
    // The alarm fires (or the sweep, within a minute): the visit is marked overdue once.
    const deadline = Date.now() + 90_000;
    let overdue: unknown[] = [];
    while (overdue.length === 0 && Date.now() < deadline) {
      overdue = await t.sql('SELECT 1 FROM request_stages WHERE request_id = $1 AND exited_at IS NULL AND overdue_at IS NOT NULL', [flow.id]);
      if (overdue.length === 0) await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(overdue).toHaveLength(1);
    const notices = await t.sql<{ kind: string }>(`SELECT n.kind FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.request_id = $1 AND u.email = $2`, [flow.id, USERS.fiscalGT]);
    expect(notices.map((n) => n.kind)).toContain('request.overdue');
    // On the fiscal's page the notice reads in words: which stage, the day it was due, how late.
    const reader = formBrowser(t);
    await reader.signIn(USERS.fiscalGT);
    const list = (await reader.open('/desk/notifications')).text;
    expect(list).toMatch(/el plazo de la etapa «[^»]+» venció el \d{1,2} [^(<]+ \d{4} \(\d+ días de retraso\)/);
    expect(list).not.toContain('overdue since');
    expect((await documentsOf(flow, 'overdue_notice')).length).toBe(1);
    // Submitted now, the stage entered is due by the same day already past.
    await walk(flow, [{ type: 'SUBMIT', by: 'fiscalGT' }]);
    const [pending] = await t.sql<{ due: Date }>('SELECT due_at AS due FROM request_stages WHERE request_id = $1 AND exited_at IS NULL', [flow.id]);
    expect(new Date(pending.due).toISOString()).toBe(endOfConfirmBy);
  }, 180_000);
});

describe('the fiscal records an advance copy from the request page, without JavaScript', () => {
  it('offers the route’s channels, refuses a missing reference beside the field (422), and records a complete one', async () => {
    const flow = await advanceUntil(t, await createRequest(t, { title: 'Copia anticipada desde la página' }), 'SUBMIT');
    const fiscal = formBrowser(t);
    await fiscal.signIn(USERS.fiscalGT);
    const page = (await fiscal.open(`/desk/requests/${flow.id}`)).text;
    expect(page).toContain('id="event-RECORD_ADVANCE_COPY"');
    expect(page).toContain('value="interpol"');
    expect(page).toContain('value="oral"');
    expect(page).not.toContain('value="fax"');
    const form = { type: 'RECORD_ADVANCE_COPY', expectedVersion: String(flow.version), channel: 'interpol', sentOn: todayInGT() };
    const incomplete = await fiscal.submit(`/desk/requests/${flow.id}/events`, form);
    expect(incomplete.status).toBe(422);
    expect(incomplete.text).toContain('href="#RECORD_ADVANCE_COPY-data-reference"');
    expect((await read(flow, USERS.fiscalGT)).body.followUp.advanceCopy).toBeNull();
    const recorded = await fiscal.submit(`/desk/requests/${flow.id}/events`, { ...form, reference: 'INTERPOL GT/2026/0999' });
    expect(recorded.status).toBe(303);
    const after = (await fiscal.open(`/desk/requests/${flow.id}`)).text;
    expect(after).toContain('data-advance-copy="awaiting_confirmation"');
    expect(after).toContain('INTERPOL GT/2026/0999');
  }, 120_000);
});
