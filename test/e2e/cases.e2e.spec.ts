import { ENGLISH_TRANSLATION } from '../../templates/testing/request.factory.js';
import { downloadDocument, pdftotext } from '../support/documents.js';
import { signedInBrowser } from '../support/page-session.js';
import { USERS, advanceUntil, createRequest, documentsWhenSettled, sendEvent, walk as walkSteps, type Flow, type Step } from '../support/request-flow.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * A Guatemalan smuggling investigation along GT -> MX -> US: one request to Mexico under Nassau (the
 * central authorities' channel), and, asked from it, one to the United States under UNTOC only. Each
 * has its own route and lifecycle; the fiscal and the supervisor see the case whole, each requested
 * country only its own request.
 */
describe('one case, several countries', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ consume: true });
  });
  afterAll(() => t.close());

  const as = async (by: keyof typeof USERS) => t.login(USERS[by]);
  const alsoAsk = async (requestId: string, requestedCountry: unknown, by: keyof typeof USERS = 'fiscalGT', key?: string) => {
    const call = t.http().post(`/api/requests/${requestId}/also-ask`).set('Authorization', await as(by));
    return (key ? call.set('Idempotency-Key', key) : call).send({ requestedCountry });
  };
  const getCase = async (caseId: string, by: keyof typeof USERS) => t.http().get(`/api/cases/${caseId}`).set('Authorization', await as(by));
  const counts = async () =>
    (await t.sql<{ requests: number; cases: number; members: number }>(
      'SELECT (SELECT count(*) FROM requests)::int AS requests, (SELECT count(*) FROM cases)::int AS cases, (SELECT count(*) FROM case_requests)::int AS members',
    ))[0]!;
  const formText = async (requestId: string): Promise<string> => {
    const form = (await documentsWhenSettled(t, requestId)).find((d) => d.kind === 'standardized_form')!;
    return pdftotext((await downloadDocument(t, form.id, USERS.fiscalGT)).body);
  };
  const walk = (flow: Flow, steps: Step[]) => walkSteps(t, flow, steps);

  it('a case to MX and US: asked from the MX request, each goes its own way, and each side sees what it may', async () => {
    // The fiscal discloses the other States asked to Mexico, not (the default) to the United States.
    const mx = await createRequest(t, { requestedCountry: 'MX', legalBasis: ['NASSAU_1992', 'UNTOC_ART18'], discloseOtherStatesAsked: true });

    // "Also ask the United States", with a double click: one new request, the same answer twice.
    const first = await alsoAsk(mx.id, 'US', 'fiscalGT', 'also-ask-us-1');
    expect(first.status).toBe(201);
    const again = await alsoAsk(mx.id, 'US', 'fiscalGT', 'also-ask-us-1');
    expect(again.status).toBe(201);
    expect(again.body.request.id).toBe(first.body.request.id);
    expect(await counts()).toEqual({ requests: 2, cases: 1, members: 2 });

    const us = first.body.request;
    expect(us).toMatchObject({ requestedCountry: 'US', requestingCountry: 'GT', state: 'draft', version: 1 });
    expect(us.reference).toMatch(/^GT-US-\d{4}-\d{6}$/);
    // What carries over is the investigation; the pair's choices are made again for the new pair.
    expect(us.summaryOfFacts).toBe(mx.body.summaryOfFacts);
    expect(us.persons).toEqual(mx.body.persons);
    expect(us.offenses).toEqual(mx.body.offenses);
    expect(us.measures).toEqual(mx.body.measures);
    expect(us.legalBasis).toBeUndefined();
    expect(us.missing).toContain('legalBasis');

    const kase = first.body.case;
    expect(kase).toMatchObject({ investigationReference: 'MP001-2025-48213', requestingCountry: 'GT' });
    expect(kase.members.map((m: { requestedCountry: string }) => m.requestedCountry)).toEqual(['MX', 'US']);

    // Refusals name the field at fault and write nothing.
    const own = await alsoAsk(mx.id, 'GT');
    expect(own.status).toBe(400);
    expect(own.body).toMatchObject({ error: 'validation_failed', fields: [{ field: 'requestedCountry', rule: 'not_own_country' }] });
    const unknown = await alsoAsk(mx.id, 'ZZ');
    expect(unknown.status).toBe(400);
    expect(unknown.body.fields.map((f: { field: string }) => f.field)).toEqual(['requestedCountry']);
    for (const asked of ['MX', 'US']) {
      const twice = await alsoAsk(us.id, asked);
      expect(twice.status).toBe(422);
      expect(twice.body).toMatchObject({ error: 'rule_violation', violations: [{ field: 'requestedCountry', rule: 'already_in_case' }] });
    }
    expect((await alsoAsk(mx.id, 'CA', 'fiscalMX')).status).toBe(404); // not shared with Mexico's liaisons yet
    expect((await alsoAsk(mx.id, 'CA', 'supervisorGT')).status).toBe(403);
    expect(await counts()).toEqual({ requests: 2, cases: 1, members: 2 });

    // The US request is checked for its own pair at SUBMIT: no legal basis yet, so it cannot leave.
    const usFlow: Flow = { id: us.id, version: us.version, body: us };
    await walk(usFlow, [{ type: 'STANDARDIZE', by: 'fiscalGT' }]);
    expect((await sendEvent(t, usFlow, { type: 'SUBMIT', by: 'fiscalGT' })).status).toBe(422);
    const patched = await t
      .http()
      .patch(`/api/requests/${us.id}`)
      .set('Authorization', await as('fiscalGT'))
      .send({ expectedVersion: usFlow.version, legalBasis: ['UNTOC_ART18'], translations: { en: ENGLISH_TRANSLATION } });
    expect(patched.status).toBe(200);
    usFlow.version = patched.body.version;

    // Mexico: Nassau, between central authorities, acknowledged. The United States: UNTOC, transmitted, not yet acknowledged.
    await advanceUntil(t, mx, 'REQUEST_INFO');
    await walk(usFlow, [
      { type: 'SUBMIT', by: 'fiscalGT' },
      { type: 'AUTHORIZE', by: 'cancilleriaGT' },
      { type: 'TRANSMIT', by: 'autoridadGT' },
    ]);
    expect(mx.body.route).toMatchObject({ basis: 'NASSAU_1992' });
    expect(usFlow.body.route).toMatchObject({ basis: 'UNTOC_ART18' });

    // The fiscal and the supervisor see the whole case: each member's state, route and due date.
    for (const viewer of ['fiscalGT', 'supervisorGT'] as const) {
      const whole = await getCase(kase.id, viewer);
      expect(whole.status).toBe(200);
      expect(whole.body.members).toEqual([
        expect.objectContaining({ requestId: mx.id, requestedCountry: 'MX', state: 'acknowledged', route: expect.objectContaining({ basis: 'NASSAU_1992', fixed: true }) }),
        expect.objectContaining({ requestId: us.id, requestedCountry: 'US', state: 'transmitted', route: expect.objectContaining({ basis: 'UNTOC_ART18', fixed: true }) }),
      ]);
      for (const member of whole.body.members) {
        expect(typeof member.dueAt).toBe('string');
        expect(member.overdue).toBe(false);
      }
    }

    // Each requested central authority sees the case with its own request only, never the other country asked.
    for (const [viewer, own] of [['autoridadMX', mx.id], ['autoridadUS', us.id]] as const) {
      const seen = await getCase(kase.id, viewer);
      expect(seen.status).toBe(200);
      expect(seen.body.members.map((m: { requestId: string }) => m.requestId)).toEqual([own]);
      const listed = await t.http().get('/api/cases').set('Authorization', await as(viewer));
      expect(listed.body.items.flatMap((c: { members: { requestId: string }[] }) => c.members.map((m) => m.requestId))).toEqual([own]);
    }
    // Mexico's liaison reads the shared MX draft, so the case, with that request alone.
    expect((await getCase(kase.id, 'fiscalMX')).body.members.map((m: { requestedCountry: string }) => m.requestedCountry)).toEqual(['MX']);
    for (const outsider of ['fiscalHN', 'cancilleriaHN', 'admin'] as const) {
      expect((await getCase(kase.id, outsider)).status).toBe(404);
    }

    // The case of a request, found from the request; a third country asked from the US member joins the same case.
    const byRequest = await t.http().get(`/api/cases?requestId=${us.id}`).set('Authorization', await as('fiscalGT'));
    expect(byRequest.body).toMatchObject({ total: 1, items: [{ id: kase.id }] });
    const hn = await alsoAsk(us.id, 'HN');
    expect(hn.status).toBe(201);
    expect(hn.body.case.id).toBe(kase.id);
    expect(hn.body.case.members.map((m: { requestedCountry: string }) => m.requestedCountry)).toEqual(['MX', 'US', 'HN']);
    // The Nassau basis of the MX request does not follow: HN's draft starts without legal bases.
    expect(hn.body.request.legalBasis).toBeUndefined();

    // The form to Mexico names the other State asked when it was issued, among its related requests
    // (HN, asked afterwards, not); the form to the United States, where nothing was disclosed, none.
    expect(us.discloseOtherStatesAsked).toBeUndefined();
    const [mxForm, usForm] = [await formText(mx.id), await formText(us.id)];
    expect(mxForm).toMatch(new RegExp(`Solicitudes relacionadas y otros Estados requeridos.*Estados Unidos.*${us.reference}.*Requerido en la misma investigación \\(caso\\)`));
    expect(mxForm).not.toContain('Solicitudes relacionadas: otros Estados');
    expect(usForm).not.toContain(mx.body.reference as string);
    expect(usForm).not.toContain('Requerido en la misma investigación');
    expect(usForm).not.toContain('Asked in the same investigation');
    for (const form of [mxForm, usForm]) expect(form).not.toContain(hn.body.request.reference);

    // Whatever the form discloses, the requested side's JSON and pages (the review and the case page) never show the other members of the case.
    for (const [viewer, own, others] of [
      ['autoridadMX', mx.id, [us.reference, hn.body.request.reference]],
      ['autoridadUS', us.id, [mx.body.reference as string, hn.body.request.reference]],
    ] as const) {
      const json = JSON.stringify((await t.http().get(`/api/requests/${own}`).set('Authorization', await as(viewer)).expect(200)).body);
      const browser = await signedInBrowser(t, USERS[viewer]);
      const pages = [(await browser.open(`/desk/review/${own}`)).text, (await browser.open(`/desk/cases/${kase.id}`)).text];
      for (const other of others) {
        expect({ viewer, other, json: json.includes(other) }).toEqual({ viewer, other, json: false });
        for (const page of pages) expect({ viewer, other, page: page.includes(other) }).toEqual({ viewer, other, page: false });
      }
    }
    // Two lifecycles and their PDFs on a shared 2-core machine.
  }, 300_000);

  it('the fiscal chooses on the request page whether the form names the other States asked (not unless chosen); the review page shows the choice', async () => {
    const flow = await createRequest(t, { title: 'Divulgación de otros Estados' });
    const fiscal = await signedInBrowser(t, USERS.fiscalGT);
    const page = (await fiscal.open(`/desk/requests/${flow.id}`)).text;
    expect(page).toContain('Indicar en el formulario los otros Estados requeridos en el mismo caso');
    // Offered as yes or no, neither chosen: not disclosed.
    expect(page).toMatch(/<input class="usa-radio__input" type="radio" id="[^"]*-true" name="discloseOtherStatesAsked" value="true"\/>/);
    expect(page).not.toMatch(/name="discloseOtherStatesAsked" value="(true|false)" checked/);
    expect(flow.body.discloseOtherStatesAsked).toBeUndefined();

    const saved = await fiscal.submit(`/desk/requests/${flow.id}/sections/otherStatesAsked`, { expectedVersion: String(flow.version), discloseOtherStatesAsked: 'true' });
    expect(saved.status).toBe(303);
    const read = await t.http().get(`/api/requests/${flow.id}`).set('Authorization', await as('fiscalGT')).expect(200);
    expect(read.body.discloseOtherStatesAsked).toBe(true);
    // A value that is not a yes or a no is the API's 400, naming the field.
    const wrong = await t.http().patch(`/api/requests/${flow.id}`).set('Authorization', await as('fiscalGT')).send({ expectedVersion: read.body.version, discloseOtherStatesAsked: 'maybe' });
    expect(wrong.status).toBe(400);
    expect(JSON.stringify(wrong.body)).toContain('discloseOtherStatesAsked');

    Object.assign(flow, { version: read.body.version });
    await advanceUntil(t, flow, 'AUTHORIZE');
    const clerk = await signedInBrowser(t, USERS.cancilleriaGT, { 'Accept-Language': 'en' });
    const review = (await clerk.open(`/desk/review/${flow.id}`)).text;
    expect(review).toMatch(/Name in the form the other States asked in the same case<\/dt>\s*<dd[^>]*>Yes<\/dd>/);
  }, 120_000);
});
