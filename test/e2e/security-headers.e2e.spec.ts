// The headers of a service holding confidential data: no MIME sniffing, no framing, no referrer,
// a CSP on every answer (the pages keep their own strict one), and nothing kept by a cache but the
// static assets: not the login answer that carries a token, not a case, not a PDF, not an error.
import { PAGE_CSP } from '@enlace/web';
import { USERS, advanceUntil, createRequest, documentsWhenSettled } from '../support/request-flow.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ consume: true });
});
afterAll(() => t?.close());

type Headers = Record<string, string | undefined>;

function expectProtected(headers: Headers, where: string): void {
  expect([where, headers['x-content-type-options']]).toEqual([where, 'nosniff']);
  expect([where, headers['x-frame-options']]).toEqual([where, 'DENY']);
  expect([where, headers['referrer-policy']]).toEqual([where, 'no-referrer']);
  expect([where, headers['content-security-policy']]).toEqual([where, expect.stringContaining("frame-ancestors 'none'")]);
  expect([where, headers['cache-control']]).toEqual([where, 'no-store']);
  expect([where, headers['strict-transport-security']]).toEqual([where, undefined]); // plain HTTP here
}

describe('the API', () => {
  it('sends the security headers and no-store on the login answer, a case, its list, its history and every error', async () => {
    const login = await t.http().post('/api/auth/login').send({ email: USERS.fiscalGT, password: 'enlace-demo' }).expect(200);
    expectProtected(login.headers, 'login');
    expect(login.headers['content-security-policy']).toBe("default-src 'none';frame-ancestors 'none';base-uri 'none';form-action 'none'");
    const auth = await t.login(USERS.fiscalGT);
    const flow = await createRequest(t);
    for (const path of [`/api/requests/${flow.id}`, '/api/requests', `/api/requests/${flow.id}/history`, '/api/notifications']) {
      expectProtected((await t.http().get(path).set('Authorization', auth).expect(200)).headers, path);
    }
    expectProtected((await t.http().get('/api/requests')).headers, '401');
    expectProtected((await t.http().get('/api/requests/00000000-0000-4000-8000-000000000000').set('Authorization', auth)).headers, '404');
    expectProtected((await t.http().post('/api/auth/login').send({ email: USERS.fiscalGT, password: 'wrong' })).headers, 'failed login');
    expectProtected((await t.http().get('/api/health')).headers, 'health');
  });

  it('sends a PDF with no-store and no framing, and lets the browser’s viewer show it', async () => {
    const flow = await advanceUntil(t, await createRequest(t), 'STANDARDIZE');
    const [draft] = await documentsWhenSettled(t, flow.id);
    const pdf = await t.http().get(`/api/documents/${draft.id}`).set('Authorization', await t.login(USERS.fiscalGT)).expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['cache-control']).toBe('no-store');
    expect(pdf.headers['content-security-policy']).toBe("frame-ancestors 'none'");
    expect(pdf.headers['x-frame-options']).toBe('DENY');
    expect(pdf.headers['x-content-type-options']).toBe('nosniff');
  });

  it('serves the OpenAPI viewer with a policy that lets it run (its own scripts) and no framing', async () => {
    const docs = await t.http().get('/api/docs').expect(200);
    expect(docs.headers['content-security-policy']).toContain("script-src 'self'");
    expect(docs.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(docs.headers['cache-control']).toBe('no-store');
    await t.http().get('/api/docs/openapi.json').expect(200);
  });
});

describe('the pages', () => {
  it('keep their own strict CSP (no inline script or style), and no page is cached', async () => {
    for (const path of ['/sign-in', '/verify']) {
      const page = await t.http().get(path).expect(200);
      expect(page.headers['content-security-policy']).toBe(PAGE_CSP);
      expect(page.headers['content-security-policy']).not.toContain('unsafe-inline');
      expect(page.headers['cache-control']).toBe('no-store');
      expect(page.headers['x-content-type-options']).toBe('nosniff');
      expect(page.headers['x-frame-options']).toBe('DENY');
      expect(page.headers['referrer-policy']).toBe('no-referrer');
    }
    const redirect = await t.http().get('/desk/requests').expect(303);
    expect(redirect.headers['cache-control']).toBe('no-store');
  });

  it('let the static assets be cached, and only them (a missing asset is not)', async () => {
    const css = await t.http().get('/assets/enlace/enlace.css').expect(200);
    expect(css.headers['cache-control']).toMatch(/max-age=86400/);
    expect(css.headers['x-content-type-options']).toBe('nosniff');
    const missing = await t.http().get('/assets/enlace/nothing-here.css').expect(404);
    expect(missing.headers['cache-control']).toBe('no-store');
  });
});

describe('a form-encoded body under /api', () => {
  it('creates nothing (415)', async () => {
    const before = await t.sql('SELECT count(*)::int AS n FROM requests');
    const response = await t.http().post('/api/requests').set('Authorization', await t.login(USERS.fiscalGT)).type('form').send('title=x&requestedCountry=MX');
    expect(response.status).toBe(415);
    expect(await t.sql('SELECT count(*)::int AS n FROM requests')).toEqual(before);
  });
});
