// Structured measures and the statements the instruments ask for (issue 14, steps 3 and 4), through
// the API and the fiscal's pages: a measure of each type is saved bit by bit (only its shape is
// checked on save, 400 naming the field), SUBMIT names what its type still needs (422, `missing`
// with the field's path), a complete one of each type passes; the page shows the gap beside the
// field, and the review page and the standardized form show the fields.
import { MEASURE_REQUIREMENTS } from '@enlace/workflows';
import { STRUCTURED_MEASURES } from '../../templates/testing/request.factory.js';
import { formBrowser } from '../support/page-session.js';
import { USERS, createRequest, sendEvent, type Flow } from '../support/request-flow.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

const rowOf = async (id: string) => (await t.sql<{ version: number; state: string; fields: Record<string, unknown> }>('SELECT version, state, fields FROM requests WHERE id = $1', [id]))[0];

async function standardized(overrides: Parameters<typeof createRequest>[1]): Promise<Flow> {
  const flow = await createRequest(t, overrides);
  expect((await sendEvent(t, flow, { type: 'STANDARDIZE', by: 'fiscalGT' })).status).toBe(200);
  return flow;
}

// What each type needs, from the rules table the machine reads (its lists are spelled out in request.machine.spec.ts).
const REQUIRED = Object.fromEntries(Object.keys(STRUCTURED_MEASURES).map((type) => [type, MEASURE_REQUIREMENTS[type as keyof typeof STRUCTURED_MEASURES]]));

describe('SUBMIT refuses a measure short of what its type needs, naming each field', () => {
  it.each(Object.entries(REQUIRED))('%s described as "registrar" alone: 422 naming %j, nothing written', async (type, fields) => {
    const flow = await standardized({ measures: [{ type: type as never, description: 'registrar' }] });
    const before = await rowOf(flow.id);
    const refused = await sendEvent(t, flow, { type: 'SUBMIT', by: 'fiscalGT' });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ error: 'incomplete_request', missing: fields.map((f) => `measures[0].${f}`) });
    expect(await rowOf(flow.id)).toEqual(before);
    // The representation says the same before anyone presses SUBMIT.
    expect(flow.body.missing).toEqual(fields.map((f) => `measures[0].${f}`));
  });

  it.each(Object.values(STRUCTURED_MEASURES))('a complete $type passes SUBMIT', async (measure) => {
    const flow = await standardized({ measures: [measure] });
    const submitted = await sendEvent(t, flow, { type: 'SUBMIT', by: 'fiscalGT' });
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({ state: 'pending_authorization', measures: [measure] });
  });

  it('refuses a transfer without the detained person’s consent (UNTOC art. 18(10)(a))', async () => {
    const flow = await standardized({ measures: [{ ...STRUCTURED_MEASURES.transfer_detained_person, consent: { given: false } }] });
    const refused = await sendEvent(t, flow, { type: 'SUBMIT', by: 'fiscalGT' });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ error: 'rule_violation', violations: [{ field: 'measures[0].consent.given', rule: 'consent_required' }] });
  });
});

describe('the shape of the new fields is checked on save: 400 naming the field, nothing written', () => {
  it.each([
    ['a period that is not a date', { measures: [{ ...STRUCTURED_MEASURES.bank_records, period: { from: 'enero 2025', to: '2025-12-31' } }] }, 'measures[0].period.from'],
    ['identifiers that are not texts', { measures: [{ ...STRUCTURED_MEASURES.electronic_evidence, identifiers: [5] }] }, 'measures[0].identifiers'],
    ['consent that is not yes or no', { measures: [{ ...STRUCTURED_MEASURES.transfer_detained_person, consent: { given: 'sí' } }] }, 'measures[0].consent.given'],
    ['a hearing window that is not a date-time', { measures: [{ ...STRUCTURED_MEASURES.videoconference_hearing, hearing: { from: 'mañana' } }] }, 'measures[0].hearing.from'],
    ['an unknown UNTOC category', { untocScope: { category: 'petty' } }, 'untocScope.category'],
    ['a related request to no member country', { relatedRequests: [{ country: 'XX', summary: 'x' }] }, 'relatedRequests[0].country'],
    ['a related request without its summary', { relatedRequests: [{ country: 'HN' }] }, 'relatedRequests[0].summary'],
    ['costs stated as text', { costs: { extraordinary: 'quizá' } }, 'costs.extraordinary'],
  ])('%s', async (_, change, field) => {
    const flow = await createRequest(t);
    const before = await rowOf(flow.id);
    const response = await t
      .http()
      .patch(`/api/requests/${flow.id}`)
      .set('Authorization', await t.login(USERS.fiscalGT))
      .send({ expectedVersion: flow.version, ...change });
    expect(response.status).toBe(400);
    expect(response.body.error).toBe('validation_failed');
    expect(response.body.fields.map((f: { field: string }) => f.field)).toContain(field);
    expect(await rowOf(flow.id)).toEqual(before);
  });
});

describe('the statements the instruments call for', () => {
  it('asks why UNTOC applies, dual criminality under Nassau for bank records, the reciprocity undertaking, each by name', async () => {
    const flow = await standardized({
      legalBasis: ['UNTOC_ART18', 'SOM_PROTOCOL', 'NASSAU_1992', 'RECIPROCITY'],
      untocScope: undefined,
      dualCriminality: undefined,
      reciprocityUndertaking: undefined,
    });
    const refused = await sendEvent(t, flow, { type: 'SUBMIT', by: 'fiscalGT' });
    expect(refused.status).toBe(422);
    expect(refused.body.missing).toEqual(['untocScope.category', 'untocScope.transnational', 'untocScope.organizedGroup', 'dualCriminality', 'reciprocityUndertaking']);
  });

  it('an old client sending only the contract’s first fields still submits where no instrument invoked asks for more (reciprocity, no coercive measure)', async () => {
    const old = { measures: [{ type: 'identify_locate_person' as const, description: 'Localizar al sindicado en Tapachula.' }], legalBasis: ['RECIPROCITY' as const] };
    const flow = await standardized({ ...old, untocScope: undefined, dualCriminality: undefined, execution: undefined, costs: undefined, protection: undefined, dataProtection: undefined });
    expect((await sendEvent(t, flow, { type: 'SUBMIT', by: 'fiscalGT' })).status).toBe(200);
  });
});

describe('the pages', () => {
  it('shows each missing field of a search beside it, and what is filled on the review page and in the form', async () => {
    const flow = await standardized({ measures: [{ type: 'search_and_seizure', description: 'registrar' }] });
    const fiscal = formBrowser(t);
    await fiscal.signIn(USERS.fiscalGT);
    const page = await fiscal.open(`/desk/requests/${flow.id}`);
    for (const field of ['place', 'itemsSought', 'grounds']) {
      // In the list of what blocks SUBMIT, linked to the field, and beside the field itself.
      expect(page.text).toContain(`href="#measures-0-${field}"`);
      expect(page.text).toMatch(new RegExp(`<span class="usa-error-message" id="measures-0-${field}-error">[^<]*falta; este tipo de medida lo requiere`));
    }
    expect(page.text).toContain('Lugar a registrar');
    // A type's fields only: no bank account boxes for a search.
    expect(page.text).not.toContain('id="measures-0-account"');

    // The fiscal fills the search from the page; the gaps are gone.
    const saved = await fiscal.submit(`/desk/requests/${flow.id}/sections/measures`, {
      expectedVersion: String((await rowOf(flow.id)).version),
      'measures[0].type': 'search_and_seizure',
      'measures[0].description': 'Registro de la bodega.',
      'measures[0].place': STRUCTURED_MEASURES.search_and_seizure.place!,
      'measures[0].itemsSought': STRUCTURED_MEASURES.search_and_seizure.itemsSought!,
      'measures[0].grounds': STRUCTURED_MEASURES.search_and_seizure.grounds!,
    });
    expect(saved.status).toBe(303);
    expect((await rowOf(flow.id)).fields.measures).toEqual([{ ...STRUCTURED_MEASURES.search_and_seizure, description: 'Registro de la bodega.' }]);
    const after = await fiscal.open(`/desk/requests/${flow.id}`);
    expect(after.text).not.toContain('id="measures-0-place-error"');

    // Submitted, the cancillería reads the search's fields on its review page, read only.
    flow.version = (await rowOf(flow.id)).version;
    expect((await sendEvent(t, flow, { type: 'SUBMIT', by: 'fiscalGT' })).status).toBe(200);
    const clerk = formBrowser(t, { 'Accept-Language': 'en' });
    await clerk.signIn(USERS.cancilleriaGT);
    const review = await clerk.open(`/desk/review/${flow.id}`);
    expect(review.text).toContain('Place to be searched');
    expect(review.text).toContain(STRUCTURED_MEASURES.search_and_seizure.place);
    expect(review.text).toContain('Grounds to believe they are there');
    expect(review.text).toContain('Dual criminality');
    expect(review.text).not.toContain('name="measures[0].place"');
  });

  it('a draft saved before measures had fields still opens and shows its free text', async () => {
    const flow = await createRequest(t, { measures: [{ type: 'other', description: 'Cualquier otra diligencia útil.', questions: ['¿Una pregunta antigua?'] }] });
    // As stored by an older version: no structured field at all.
    const fiscal = formBrowser(t);
    await fiscal.signIn(USERS.fiscalGT);
    const page = await fiscal.open(`/desk/requests/${flow.id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Cualquier otra diligencia útil.');
    // Its questions stay editable although an "other" measure does not ask for them.
    expect(page.text).toContain('¿Una pregunta antigua?');
  });
});
