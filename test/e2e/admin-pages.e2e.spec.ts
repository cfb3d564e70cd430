// The administrator's console over HTTP, as a browser without JavaScript meets it: the queues, a
// failed document with its retry (which brings it to ready), the deadlines; nobody else opens it; the
// API lists the region's failed documents for the administrator only.
import { formBrowser } from '../support/page-session.js';
import { USERS, createRequest, documentsWhenSettled, sendEvent } from '../support/request-flow.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ consume: true });
});
afterAll(() => t?.close());

/** A ready document made failed, as a rendering that spent its attempts leaves it. */
async function failedDocument(): Promise<{ id: string; reference: string; requestId: string }> {
  const flow = await createRequest(t);
  expect((await sendEvent(t, flow, { type: 'SHARE_DRAFT', by: 'fiscalGT' })).status).toBe(200);
  const [document] = await documentsWhenSettled(t, flow.id);
  await t.sql(`UPDATE documents SET status = 'failed', attempts = 5, last_error = $2, sha256 = NULL, content_hash = NULL, storage_key = NULL, size_bytes = NULL, ready_at = NULL WHERE id = $1`, [document.id, 'Font table corrupt\n    at render (pdf.js:1)']);
  return { id: document.id, reference: flow.body.reference as string, requestId: flow.id };
}

describe('the administrator’s console', () => {
  it('lists a failed document with the first line of its error; the retry brings it back to ready; a second click changes nothing', async () => {
    const failed = await failedDocument();
    // Five drafts open: a stage with enough visits to be shown beside those held back.
    for (let i = 0; i < 5; i++) await createRequest(t);
    const admin = formBrowser(t);
    await admin.signIn(USERS.admin);
    const page = (await admin.open('/desk/admin')).text;
    expect(page).toContain('<h1>Estado de la plataforma</h1>');
    expect(page).toContain(`data-document="${failed.id}"`);
    expect(page).toContain(failed.reference);
    expect(page).toContain('<code>Font table corrupt</code> (5 intentos)');
    expect(page).not.toContain('pdf.js');
    expect(page).toMatch(/data-queue-name="documents"/);
    expect(page).toMatch(/href="\/desk\/admin" aria-current="page"/);
    expect(page).toMatch(/data-stage="pending_authorization"/);
    // The deadlines per stage are the region's figures' open and overdue, held back alike.
    const figures = await t.http().get('/api/analytics/turnaround').set('Authorization', await t.login(USERS.admin)).expect(200);
    const shown = [...page.matchAll(/<tr data-stage="([a-z_]+)"><th[^>]*>[^<]*<\/th><td data-field="open">([^<]*)<\/td><td data-field="overdue">([^<]*)<\/td>/g)].map((m) => [m[1], m[2], m[3]]);
    const cell = (n: number | null) => (n === null ? '—' : String(n));
    expect(shown).toEqual((figures.body.items as { stage: string; open: number | null; overdue: number | null }[]).map((i) => [i.stage, cell(i.open), cell(i.overdue)]));
    expect(shown.find(([stage]) => stage === 'draft')?.[1]).toMatch(/^[1-9]\d*$/);

    const retried = await admin.submit(`/desk/admin/documents/${failed.id}/retry`, {});
    expect([retried.status, retried.headers.location]).toEqual([303, `/desk/admin?retried=${failed.id}`]);
    const [ready] = await documentsWhenSettled(t, failed.requestId);
    expect(ready).toMatchObject({ id: failed.id, status: 'ready' });
    const after = (await admin.open(retried.headers.location)).text;
    expect(after).toContain(`Volvió a la cola: Borrador informal de solicitud (revisión 1), ${failed.reference}: Listo`);
    expect(after).not.toContain(`data-document="${failed.id}"`);

    const again = await admin.submit(`/desk/admin/documents/${failed.id}/retry`, {});
    expect(again.status).toBe(303);
    const [{ count }] = await t.sql<{ count: number }>(`SELECT count(*)::int AS count FROM documents WHERE request_id = $1`, [failed.requestId]);
    expect(count).toBe(1);
  }, 120_000);

  it('is refused to everyone but the administrator, and so is the retry of a document they cannot see', async () => {
    const failed = await failedDocument();
    for (const email of [USERS.supervisorGT, USERS.cancilleriaGT, USERS.fiscalGT]) {
      const browser = formBrowser(t);
      await browser.signIn(email);
      await browser.open('/desk/admin', 403);
    }
    const us = formBrowser(t);
    await us.signIn(USERS.fiscalUS);
    await us.open('/desk/notifications');
    expect((await us.submit(`/desk/admin/documents/${failed.id}/retry`, {})).status).toBe(404);
    const [row] = await t.sql<{ status: string }>(`SELECT status FROM documents WHERE id = $1`, [failed.id]);
    expect(row.status).toBe('failed');
  }, 120_000);

  it('exports the access log of a period as the API gives it, to the administrator only', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const admin = formBrowser(t);
    await admin.signIn(USERS.admin);
    const page = (await admin.open('/desk/admin')).text;
    expect(page).toContain('data-access-log-export');
    expect(page).toContain(`value="${today}"`);
    const csv = await admin.agent.get(`/desk/admin/access-log.csv?from=${today}&to=${today}`).expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const api = await t.http().get(`/api/access-log?from=${today}&to=${today}`).set('Authorization', await t.login(USERS.admin)).set('Accept', 'text/csv').expect(200);
    const lines = csv.text.trim().split('\n');
    expect(lines[0]).toBe(api.text.trim().split('\n')[0]);
    expect(lines.some((line) => line.includes('sign_in'))).toBe(true);
    // Each export is the chain as it stood when asked: the page's rows are the API's, in the same order.
    expect(api.text.startsWith(csv.text.trim().split('\n').slice(0, -1).join('\n'))).toBe(true);
    // A day no calendar has: the console again, the message beside the date as typed (it was the error page).
    const impossible = await admin.agent.get('/desk/admin/access-log.csv?from=2026-02-30&to=2026-03-01');
    expect(impossible.status).toBe(400);
    expect(impossible.headers['content-type']).toMatch(/^text\/html/);
    expect(impossible.headers['content-disposition']).toBeUndefined();
    expect(impossible.text).toContain('data-access-log-export');
    expect(impossible.text).toContain('<a href="#from">Desde: Escriba un día que exista en el calendario, en la forma AAAA-MM-DD (por ejemplo 2026-02-28).</a>');
    expect(impossible.text).toMatch(/<input[^>]*id="from"[^>]*value="2026-02-30"/);
    expect(impossible.text).toMatch(/<input[^>]*id="to"[^>]*value="2026-03-01"/);
    // A date pasted with a left-to-right mark: the console again, the date without it and the mark named beside it.
    const pasted = await admin.agent.get('/desk/admin/access-log.csv?from=%E2%80%8E2026-03-01&to=2026-03-31');
    expect(pasted.status).toBe(400);
    expect(pasted.text).toContain('<a href="#from">Desde: contenía un carácter invisible que no se admite (nulo o de control de la dirección del texto, que suele llegar con un texto copiado). Se quitó: revise el texto y vuelva a enviarlo.</a>');
    expect(pasted.text).toMatch(/<input[^>]*id="from"[^>]*value="2026-03-01"/);
    // The end before the start, in the administrator's language.
    const english = formBrowser(t, { 'Accept-Language': 'en' });
    await english.signIn(USERS.admin);
    const backwards = await english.agent.get('/desk/admin/access-log.csv?from=2026-03-02&to=2026-03-01').set('Accept-Language', 'en');
    expect(backwards.status).toBe(400);
    expect(backwards.text).toContain('<a href="#to">To (included): The last day cannot be before the first.</a>');
    expect(backwards.text).toContain('<h1>Platform status</h1>');
    // A period without its end: the field is named once (it was listed once per rule it broke).
    const open = await admin.agent.get('/desk/admin/access-log.csv?from=2026-03-01');
    expect(open.status).toBe(400);
    expect(open.text.split('<a href="#to">').length - 1).toBe(1);
    expect(open.text).toContain('<a href="#to">Hasta (incluido): Complete este campo.</a>');
    const supervisor = formBrowser(t);
    await supervisor.signIn(USERS.supervisorGT);
    expect((await supervisor.agent.get(`/desk/admin/access-log.csv?from=${today}&to=${today}`)).status).toBe(403);
  }, 120_000);

  it('lists the region’s failed documents over the API for the administrator only, paged', async () => {
    const failed = await failedDocument();
    const list = await t.http().get('/api/failed-documents?pageSize=100').set('Authorization', await t.login(USERS.admin)).expect(200);
    expect(list.body).toMatchObject({ page: 1, pageSize: 100 });
    expect(list.body.items).toContainEqual(
      expect.objectContaining({ id: failed.id, kind: 'informal_draft', reference: failed.reference, requestingCountry: 'GT', requestedCountry: 'MX', attempts: 5, lastError: 'Font table corrupt' }),
    );
    expect((await t.http().get('/api/failed-documents').set('Authorization', await t.login(USERS.supervisorGT))).status).toBe(403);
    const bad = await t.http().get('/api/failed-documents?page=0').set('Authorization', await t.login(USERS.admin));
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('page');
  }, 120_000);
});
