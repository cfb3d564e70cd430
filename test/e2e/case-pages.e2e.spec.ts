// One investigation, several countries, from the pages as a browser without JavaScript uses them:
// the fiscal asks another country from a request's page (one question, its refusals on the same
// page), the case page lists each country asked with its state, route and deadline, and each office
// sees the case from its review page only as far as it may see each request.
import { signedInBrowser, type FormBrowser } from '../support/page-session.js';
import { USERS, advanceUntil, createRequest, type Flow } from '../support/request-flow.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let fiscal: FormBrowser;
let mx: Flow;
beforeAll(async () => {
  t = await startTestApp();
  fiscal = await signedInBrowser(t, USERS.fiscalGT);
  mx = await createRequest(t, { requestedCountry: 'MX', legalBasis: ['NASSAU_1992', 'UNTOC_ART18'] });
});
afterAll(() => t?.close());

const requestCount = async () => (await t.sql<{ n: number }>('SELECT count(*)::int AS n FROM requests'))[0]!.n;

describe('also asking another country from the pages', () => {
  let usId: string;
  let caseId: string;

  it('offers the action on the fiscal’s request page and asks one question: which country, never the own one or one already asked', async () => {
    const page = await fiscal.open(`/desk/requests/${mx.id}`);
    expect(page.text).toContain(`href="/desk/requests/${mx.id}/also-ask"`);
    expect(page.text).toContain('Solicitar también a otro país');

    const question = await fiscal.open(`/desk/requests/${mx.id}/also-ask`);
    expect(question.text).toContain('<option value="US">');
    expect(question.text).not.toContain('<option value="GT">');
    expect(question.text).not.toContain('<option value="MX">');

    // No country chosen: the question again, the field named at the top, nothing written.
    const before = await requestCount();
    const empty = await fiscal.submit(`/desk/requests/${mx.id}/also-ask`, { requestedCountry: '' });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('href="#requestedCountry"');
    expect(empty.text).toContain('Elija un país.');
    expect(await requestCount()).toBe(before);

    // A forged choice holding a NUL or a bidirectional control: the question again, not the error page.
    for (const forged of ['US\u0000', '\u202eUS']) {
      const refused = await fiscal.submit(`/desk/requests/${mx.id}/also-ask`, { requestedCountry: forged });
      expect(refused.status).toBe(400);
      expect(refused.text).toContain('<a href="#requestedCountry">Elija un país.</a>');
      expect(refused.text).toContain('<option value="US">');
    }
    expect(await requestCount()).toBe(before);

    const asked = await fiscal.submit(`/desk/requests/${mx.id}/also-ask`, { requestedCountry: 'US' });
    expect(asked.status).toBe(303);
    usId = /\/desk\/requests\/([0-9a-f-]{36})$/.exec(asked.headers.location)![1]!;
    const draft = await fiscal.open(asked.headers.location);
    expect(draft.text).toMatch(/GT-US-\d{4}-\d{6}/);
    // The new draft's page names its case and links the other country asked.
    expect(draft.text).toContain(`href="/desk/requests/${mx.id}"`);
    caseId = /href="\/desk\/cases\/([0-9a-f-]{36})"/.exec(draft.text)![1]!;

    // Asked twice (a second tab, a back button): refused on the page, in the user's language.
    const twice = await fiscal.submit(`/desk/requests/${usId}/also-ask`, { requestedCountry: 'MX' });
    expect(twice.status).toBe(422);
    expect(twice.text).toContain('Ese país ya está requerido en este caso.');
    expect(await requestCount()).toBe(before + 1);
  });

  it('the case page lists each country asked with its state, route and deadline, in the fiscal’s language', async () => {
    const english = await signedInBrowser(t, USERS.fiscalGT, { 'Accept-Language': 'en' });
    const page = await english.open(`/desk/cases/${caseId}`);
    expect(page.text).toContain('Countries asked in this case');
    expect(page.text).toContain('MP001-2025-48213');
    expect(page.text).toContain(`href="/desk/requests/${mx.id}"`);
    expect(page.text).toContain(`href="/desk/requests/${usId}"`);
    expect(page.text).toContain('Set when the request is submitted');
  });

  it('the supervisor sees the whole case from its review page; the requested central authority sees its own request alone', async () => {
    await advanceUntil(t, mx, 'ACKNOWLEDGE');
    const supervisor = await signedInBrowser(t, USERS.supervisorGT);
    const review = await supervisor.open(`/desk/review/${mx.id}`);
    expect(review.text).toContain(`href="/desk/cases/${caseId}"`);
    expect(review.text).toContain(`href="/desk/review/${usId}"`);
    const whole = await supervisor.open(`/desk/cases/${caseId}`);
    expect(whole.text).toContain('Entre autoridades centrales');
    expect(whole.text).toContain(`href="/desk/review/${usId}"`);
    expect(whole.text).not.toContain('also-ask');

    const mexico = await signedInBrowser(t, USERS.autoridadMX);
    const own = await mexico.open(`/desk/review/${mx.id}`);
    expect(own.text).toContain(`href="/desk/cases/${caseId}"`);
    expect(own.text).not.toContain(usId);
    expect(own.text).not.toContain('GT-US-');
    const seen = await mexico.open(`/desk/cases/${caseId}`);
    expect(seen.text).toContain(`href="/desk/review/${mx.id}"`);
    expect(seen.text).not.toContain(usId);
    expect(seen.text).not.toContain('Estados Unidos');
    // Nobody but the drafting fiscal is asked which other country.
    await mexico.open(`/desk/requests/${mx.id}/also-ask`, 403);
  });
});
