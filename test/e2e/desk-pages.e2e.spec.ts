// The other desks over HTTP, as a browser without JavaScript meets them: the cancillería's queue and
// its decisions, the central authority's inbox, the refusals shown on the page in the user's language,
// and the supervisor's dashboard with the API's own figures.
import { signedInBrowser } from '../support/page-session.js';
import { USERS, advanceUntil, createRequest, sendEvent, walk } from '../support/request-flow.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { addUser } from '../support/users.factory.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

const signedIn = (email: string, headers: Record<string, string> = {}) => signedInBrowser(t, email, headers);

describe('the cancillería’s desk', () => {
  it('lists only its own country’s requests to decide, oldest deadline first, with days left', async () => {
    const older = await advanceUntil(t, await createRequest(t, { title: 'Primera por decidir' }), 'AUTHORIZE');
    const newer = await advanceUntil(t, await createRequest(t, { title: 'Segunda por decidir' }), 'AUTHORIZE');
    const gt = await signedIn(USERS.cancilleriaGT);
    const page = (await gt.open('/desk/queue')).text;
    expect(page).toContain('Solicitudes por decidir');
    expect(page.indexOf(older.body.reference as string)).toBeGreaterThan(-1);
    expect(page.indexOf(older.body.reference as string)).toBeLessThan(page.indexOf(newer.body.reference as string));
    expect(page).toMatch(/Quedan \d+ días|Vence hoy/);
    const hn = await signedIn(USERS.cancilleriaHN);
    const hnPage = (await hn.open('/desk/queue')).text;
    expect(hnPage).not.toContain(older.body.reference as string);
    expect(hnPage).toContain('No hay nada que espere a su oficina.');
    // And HN cannot open GT's request by its address either.
    await hn.open(`/desk/review/${older.id}`, 404);
  }, 120_000);

  it('returns with observations only when they are written, says what AUTHORIZE will issue, and refuses a stale form', async () => {
    const flow = await advanceUntil(t, await createRequest(t), 'AUTHORIZE');
    const gt = await signedIn(USERS.cancilleriaGT, { 'Accept-Language': 'en' });
    const review = (await gt.open(`/desk/review/${flow.id}`)).text;
    expect(review).toContain('Will issue the document: Authorization');
    expect(review).toContain('The standardized form is complete');
    for (const event of ['AUTHORIZE', 'RETURN', 'REJECT']) expect(review).toContain(`data-event="${event}"`);
    expect(review).not.toContain('data-event="ACKNOWLEDGE"');

    const empty = await gt.submit(`/desk/review/${flow.id}/events`, { type: 'RETURN', expectedVersion: String(flow.version), comment: '  ' });
    expect(empty.status).toBe(422);
    expect(empty.text).toContain('<a href="#comment-RETURN">Comment: Fill in this field.</a>');
    const unchanged = await t.http().get(`/api/requests/${flow.id}`).set('Authorization', await t.login(USERS.cancilleriaGT));
    expect(unchanged.body.state).toBe('pending_authorization');

    const returned = await gt.submit(`/desk/review/${flow.id}/events`, { type: 'RETURN', expectedVersion: String(flow.version), comment: 'Falta la pena del delito.' });
    expect(returned.status).toBe(303);
    expect(returned.headers.location).toBe(`/desk/review/${flow.id}?done=1`);
    const after = (await gt.open(returned.headers.location)).text;
    expect(after).toContain('Done. The request is now:');
    expect(after).toContain('Falta la pena del delito.');
    // The fiscal's notice of it (as the worker's notify-parties handler writes it) says it in words,
    // not in the workflow's codes ("GT-MX-…: RETURN (pending_authorization → standardized)").
    const [{ reference }] = await t.sql<{ reference: string }>('SELECT reference FROM requests WHERE id = $1', [flow.id]);
    await t.sql(
      `INSERT INTO notifications (user_id, kind, request_id, message, data, cause_key, created_at)
       SELECT id, 'request.return', $1::uuid, $2, $3, 'test:' || $1::text, now() FROM users WHERE email = ANY($4)`,
      [flow.id, `${reference}: RETURN (pending_authorization → standardized)`, { reference, event: 'RETURN', from: 'pending_authorization', to: 'standardized' }, [USERS.fiscalGT, USERS.cancilleriaGT]],
    );
    const notices = (await (await signedIn(USERS.fiscalGT)).open('/desk/notifications')).text;
    expect(notices).toContain(`<a href="/desk/requests/${flow.id}">${reference}: Devolver con observaciones → Normalizada</a>`);
    expect(notices).not.toMatch(/RETURN|pending_authorization/);
    // In French, one notice not read is « non lue », not « non lues ».
    const inFrench = (await (await signedIn(USERS.fiscalGT, { 'Accept-Language': 'fr' })).open('/desk/notifications')).text;
    expect(inFrench).toContain('<span class="usa-tag">non lue</span>');
    expect(inFrench).not.toContain('>non lues<');
    // The cancillería's notice opens the request on its own desk, not on the fiscal's page ("Mis solicitudes").
    const theirs = (await gt.open('/desk/notifications')).text;
    expect(theirs).toContain(`<a href="/desk/review/${flow.id}">${reference}: Return with observations → Standardized</a>`);

    const stale = await gt.submit(`/desk/review/${flow.id}/events`, { type: 'REJECT', expectedVersion: String(flow.version), comment: 'Tarde' });
    expect(stale.status).toBe(409);
    expect(stale.text).toContain('Someone else acted on the request since you opened the page.');
    const forged = await gt.submit(`/desk/review/${flow.id}/events`, { type: 'NO_SUCH_EVENT', expectedVersion: '1' });
    expect(forged.status).toBe(400);
  }, 120_000);
});

describe('the central authority’s inbox', () => {
  it('shows the requests transmitted to its country, with the acknowledgement deadline; another country’s sees none', async () => {
    const flow = await advanceUntil(t, await createRequest(t), 'ACKNOWLEDGE');
    const mx = await signedIn(USERS.autoridadMX);
    const inbox = (await mx.open('/desk/queue')).text;
    expect(inbox).toContain('Bandeja de entrada');
    expect(inbox).toContain(flow.body.reference as string);
    const review = (await mx.open(`/desk/review/${flow.id}`)).text;
    expect(review).toContain('Emitirá el documento: Acuse de recibo');
    const ack = await mx.submit(`/desk/review/${flow.id}/events`, { type: 'ACKNOWLEDGE', expectedVersion: String(flow.version), requestedReference: 'FGR/DGAJI/2026/77' });
    expect(ack.status).toBe(303);
    const noOutcome = await mx.submit(`/desk/review/${flow.id}/events`, { type: 'RECORD_EXECUTION', expectedVersion: String(flow.version + 1), comment: 'Parcial' });
    expect(noOutcome.status).toBe(422);
    expect(noOutcome.text).toContain('href="#outcome-RECORD_EXECUTION"');
    const us = await signedIn(USERS.autoridadUS);
    expect((await us.open('/desk/queue')).text).not.toContain(flow.body.reference as string);
    await us.open(`/desk/review/${flow.id}`, 404);
  }, 120_000);
});

describe('the API’s limits on an office’s action form', () => {
  it('refuses a reference, a comment or a version beyond the API’s limits with 400 beside the field, and records nothing', async () => {
    const flow = await advanceUntil(t, await createRequest(t), 'ACKNOWLEDGE');
    const mx = await signedIn(USERS.autoridadMX, { 'Accept-Language': 'en' });
    await mx.open(`/desk/review/${flow.id}`);
    const refusals = [
      [{ requestedReference: 'R'.repeat(301) }, 'requestedReference-ACKNOWLEDGE', 'Your own file number (optional): '],
      [{ comment: 'c'.repeat(20_001) }, 'comment-ACKNOWLEDGE', 'Comment: '],
      // The version has no control of its own: its message goes beside the comment, without the comment's name.
      [{ expectedVersion: '99999999999' }, 'comment-ACKNOWLEDGE', ''],
    ] as const;
    for (const [fields, control, label] of refusals) {
      const refused = await mx.submit(`/desk/review/${flow.id}/events`, { type: 'ACKNOWLEDGE', expectedVersion: String(flow.version), ...fields });
      expect([control, refused.status]).toEqual([control, 400]);
      expect(refused.text).toContain(`<a href="#${control}">${label}The value is not valid.</a>`);
    }
    const unchanged = await t.http().get(`/api/requests/${flow.id}`).set('Authorization', await t.login(USERS.autoridadMX));
    expect([unchanged.body.state, unchanged.body.version]).toEqual([flow.body.state, flow.version]);
  }, 120_000);
});

describe('an error page', () => {
  it('shows only its own words for a 400, never what the address carried', async () => {
    const fiscal = await signedIn(USERS.fiscalGT, { 'Accept-Language': 'en' });
    const injected = encodeURIComponent('Your session was hijacked, call +1 555 0100');
    const refused = await fiscal.open(`/desk/requests?${injected}=1`, 400);
    const main = refused.text.slice(refused.text.indexOf('<main'), refused.text.indexOf('</main>'));
    expect(main).toContain('The address or the form is not valid.');
    expect(main).not.toContain('hijacked');
    expect(main).not.toContain('should not exist');
  }, 60_000);
});

describe('a fiscal’s queue', () => {
  it('lists only the requests that fiscal may see: another fiscal of the same country does not get them', async () => {
    // Fiscal B (the demo GT fiscal) is asked for more information on its own request: the service
    // levels give that stage to Guatemala's fiscal office, but only B may read the request.
    const flow = await advanceUntil(t, await createRequest(t, { title: 'Traslado de la migrante Yeni Pérez' }), 'SUPPLY_INFO');
    expect(flow.body.state).toBe('info_requested');
    const reference = flow.body.reference as string;
    const mine = (await (await signedIn(USERS.fiscalGT)).open('/desk/queue')).text;
    expect(mine).toContain(reference);
    expect(mine).toContain('Traslado de la migrante Yeni Pérez');
    // Fiscal A of the same country sees neither the reference nor the title: as an authorized liaison
    // in a queue of their own, and without the authorization in the desk's refusal.
    for (const [liaisonStatus, status] of [['authorized', 200], ['none', 403]] as const) {
      const other = await addUser(t, { role: 'fiscal', country: 'GT', liaisonStatus, liaisonValidUntil: liaisonStatus === 'authorized' ? '2099-12-31' : null });
      const page = (await (await signedIn(other.email)).open('/desk/queue', status)).text;
      expect({ liaisonStatus, reference: page.includes(reference), title: page.includes('Yeni') }).toEqual({ liaisonStatus, reference: false, title: false });
    }
  }, 120_000);
});

describe('the queue titled by side, not by role', () => {
  // Since the routes, a central authority also acts for its own country (it transmits under Nassau)
  // and a cancillería also receives (a note on the diplomatic channel): each item sits under the
  // section of its side, with the other country named by the column of that side.
  const TITLES = {
    requesting: { es: 'Solicitudes por decidir', en: 'Requests to decide', fr: 'Demandes à décider' },
    requested: { es: 'Bandeja de entrada', en: 'Inbox', fr: 'Boîte de réception' },
  } as const;
  const OTHER = {
    requesting: { es: 'País requerido', en: 'Requested country', fr: 'Pays requis' },
    requested: { es: 'País requirente', en: 'Requesting country', fr: 'Pays requérant' },
  } as const;
  /** The side, caption and country header of the queue table that lists this reference. */
  const tableOf = (html: string, reference: string) => {
    const table = [...html.matchAll(/<table[^>]*data-queue="(\w+)"[^>]*>([\s\S]*?)<\/table>/g)].find((match) => match[2].includes(reference));
    return {
      side: table?.[1],
      caption: table?.[2].match(/<caption[^>]*>([^<]*)<\/caption>/)?.[1],
      otherCountryHeader: table?.[2].match(/<th scope="col">([^<]*)<\/th>/g)?.[2].replace(/<[^>]+>/g, ''),
    };
  };
  const headingsOf = (html: string) => [...html.matchAll(/<h[12][^>]*>([^<]*)<\/h[12]>/g)].map((match) => match[1]);

  it('a requesting central authority finds the request it transmits under “Requests to decide”, in es, en and fr', async () => {
    const flow = await advanceUntil(t, await createRequest(t, { title: 'Cola de la autoridad requirente' }), 'TRANSMIT');
    const reference = flow.body.reference as string;
    for (const lang of ['es', 'en', 'fr'] as const) {
      const html = (await (await signedIn(USERS.autoridadGT, { 'Accept-Language': lang })).open('/desk/queue')).text;
      expect({ lang, ...tableOf(html, reference) }).toEqual({ lang, side: 'requesting', caption: TITLES.requesting[lang], otherCountryHeader: OTHER.requesting[lang] });
      expect(headingsOf(html)).toContain(TITLES.requesting[lang]);
      expect(headingsOf(html)).not.toContain(TITLES.requested[lang]);
    }
  }, 120_000);

  it('a requested cancillería finds the note it receives on the diplomatic channel in its “Inbox”, in es, en and fr', async () => {
    const flow = await advanceUntil(t, await createRequest(t, { legalBasis: ['RECIPROCITY'], title: 'Exhorto por vía diplomática' }), 'TRANSMIT');
    const sent = await sendEvent(t, flow, { type: 'TRANSMIT', by: 'cancilleriaGT' });
    expect({ status: sent.status, state: sent.body.state }).toEqual({ status: 200, state: 'sent_to_requested_cancilleria' });
    const reference = flow.body.reference as string;
    for (const lang of ['es', 'en', 'fr'] as const) {
      const html = (await (await signedIn(USERS.cancilleriaMX, { 'Accept-Language': lang })).open('/desk/queue')).text;
      expect({ lang, ...tableOf(html, reference) }).toEqual({ lang, side: 'requested', caption: TITLES.requested[lang], otherCountryHeader: OTHER.requested[lang] });
      expect(headingsOf(html)).toContain(TITLES.requested[lang]);
    }
    // Guatemala's cancillería, which sent it, no longer has it waiting.
    expect((await (await signedIn(USERS.cancilleriaGT)).open('/desk/queue')).text).not.toContain(reference);
  }, 120_000);
});

describe('the supervisor’s dashboard', () => {
  it('shows the figures of GET /api/analytics/turnaround for the same filters, a CSV of them, and refuses a fiscal', async () => {
    await advanceUntil(t, await createRequest(t), 'TRANSMIT');
    const supervisor = await signedIn(USERS.supervisorGT);
    const page = (await supervisor.open('/desk/dashboard?requestedCountry=MX&from=&to=')).text;
    const api = await t.http().get('/api/analytics/turnaround?requestedCountry=MX').set('Authorization', await t.login(USERS.supervisorGT));
    for (const item of api.body.items as { stage: string; visits: number; open: number; medianHours: number | null }[]) {
      const row = new RegExp(`<tr data-stage="${item.stage}">.*?</tr>`).exec(page)?.[0] ?? '';
      expect(row).toContain(`<td data-field="visits">${item.visits}</td>`);
      expect(row).toContain(`<td data-field="open">${item.open}</td>`);
      expect(row).toContain(`<td data-field="medianHours">${item.medianHours ?? '—'}</td>`);
    }
    expect(page).toContain('<svg class="enlace-chart"');
    const csv = await supervisor.agent.get('/desk/dashboard/turnaround.csv?requestedCountry=MX').expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(/^attachment; filename="turnaround-\d{4}-\d\d-\d\dT\d{4}Z\.csv"$/);
    const apiCsv = await t.http().get('/api/analytics/turnaround?requestedCountry=MX').set('Authorization', await t.login(USERS.supervisorGT)).set('Accept', 'text/csv');
    expect(csv.text).toBe(apiCsv.text);
    // A day no calendar has, or a period ending before it starts: the dashboard again with the message
    // beside the date as typed, the other filters kept (it was the error page naming 'from').
    const bad = await supervisor.open('/desk/dashboard?from=2026-13-01&requestedCountry=MX', 400);
    expect(bad.text).toContain('<h1>Panel de supervisión</h1>');
    expect(bad.text).toContain('<a href="#from">Desde (etapa iniciada el): Escriba un día que exista en el calendario, en la forma AAAA-MM-DD (por ejemplo 2026-02-28).</a>');
    expect(bad.text).toMatch(/<input[^>]*id="from"[^>]*value="2026-13-01"/);
    expect(bad.text).toMatch(/<option value="MX" selected/);
    // A date pasted with a left-to-right mark: the dashboard again, the date without it and the mark named beside it.
    const pasted = await supervisor.open('/desk/dashboard?from=%E2%80%8E2026-03-01&requestedCountry=MX', 400);
    expect(pasted.text).toContain('<a href="#from">Desde (etapa iniciada el): contenía un carácter invisible que no se admite (nulo o de control de la dirección del texto, que suele llegar con un texto copiado). Se quitó: revise el texto y vuelva a enviarlo.</a>');
    expect(pasted.text).toMatch(/<input[^>]*id="from"[^>]*value="2026-03-01"/);
    expect(pasted.text).toMatch(/<option value="MX" selected/);
    const backwards = await supervisor.open('/desk/dashboard?from=2026-03-02&to=2026-03-01', 400);
    expect(backwards.text).toContain('<a href="#to">Hasta (incluido): El último día no puede ser anterior al primero.</a>');
    const fiscal = await signedIn(USERS.fiscalGT);
    const refused = await fiscal.open('/desk/dashboard', 403);
    expect(refused.text).toContain('Acceso no permitido');
  }, 120_000);

  it('shows the requesting country’s supervisor who has seen a case, and nobody else', async () => {
    const flow = await advanceUntil(t, await createRequest(t), 'AUTHORIZE');
    const gt = await signedIn(USERS.cancilleriaGT);
    await gt.open(`/desk/review/${flow.id}`);
    expect((await gt.open(`/desk/review/${flow.id}`)).text).not.toContain('data-access-log');
    await (await signedIn(USERS.cancilleriaHN)).open(`/desk/review/${flow.id}`, 404);

    const supervisor = await signedIn(USERS.supervisorGT, { 'Accept-Language': 'en' });
    const page = (await supervisor.open(`/desk/review/${flow.id}`)).text;
    const log = page.slice(page.indexOf('<h2 id="access-log">Who has seen this request</h2>'), page.indexOf('</table>', page.indexOf('data-access-log')));
    expect(log).toMatch(/<tr data-action="request.read" data-outcome="allowed"><td>[^<]+<\/td><td>[^<]+ · Ministry of Foreign Affairs \(Guatemala\)<\/td>/);
    expect(log).toContain('<tr data-action="request.read" data-outcome="refused">');
    expect(log).toContain('(Honduras)');
  }, 120_000);

  it('shows the median per pair of countries and per month as the API gives them for the same filters', async () => {
    await advanceUntil(t, await createRequest(t), 'ACKNOWLEDGE');
    await advanceUntil(t, await createRequest(t, { requestedCountry: 'SV' }), 'AUTHORIZE');
    const supervisor = await signedIn(USERS.supervisorGT, { 'Accept-Language': 'en' });
    const today = new Date().toISOString().slice(0, 10);
    const from = `${today.slice(0, 7)}-01`;
    const page = (await supervisor.open(`/desk/dashboard?from=${from}&to=${today}`)).text;
    const auth = await t.login(USERS.supervisorGT);
    const cellsOf = (html: string, row: string) =>
      Object.fromEntries([...(new RegExp(`<tr ${row}>.*?</tr>`).exec(html)?.[0] ?? '').matchAll(/<td data-stage="(\w+)"[^>]*>([^<]*)<\/td>/g)].map((m) => [m[1], m[2]]));

    const pairs = await t.http().get(`/api/analytics/turnaround?groupBy=countryPair&from=${from}&to=${today}`).set('Authorization', auth).expect(200);
    const items = pairs.body.items as { stage: string; requestingCountry: string; requestedCountry: string; medianHours: number | null }[];
    expect(new Set(items.map((i) => `${i.requestingCountry}-${i.requestedCountry}`))).toEqual(new Set(['GT-MX', 'GT-SV']));
    expect(page).toContain('<caption id="pairs-caption">Median by pair of countries (hours)</caption>');
    for (const item of items) {
      const cells = cellsOf(page, `data-pair="${item.requestingCountry}-${item.requestedCountry}"`);
      expect([item.requestingCountry, item.requestedCountry, item.stage, cells[item.stage]]).toEqual([
        item.requestingCountry,
        item.requestedCountry,
        item.stage,
        item.medianHours === null ? '—' : String(item.medianHours),
      ]);
    }

    const month = await t.http().get(`/api/analytics/turnaround?from=${from}&to=${today}`).set('Authorization', auth).expect(200);
    const trend = cellsOf(page, `data-month="${today.slice(0, 7)}"`);
    const measured = (month.body.items as { stage: string; medianHours: number | null }[]).filter((i) => i.medianHours !== null);
    expect(measured.length).toBeGreaterThan(0);
    for (const item of measured) expect([item.stage, trend[item.stage]]).toEqual([item.stage, String(item.medianHours)]);
    expect(page).toContain('<svg class="enlace-chart enlace-trend"');
    // A period over three months shows three months, oldest first; one with no figure says so.
    const monthOf = (back: number) => new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 1 - back, 15)).toISOString().slice(0, 10);
    const quarter = (await supervisor.open(`/desk/dashboard?from=${monthOf(2)}&to=${today}`)).text;
    expect([...quarter.matchAll(/<tr data-month="([\d-]+)">/g)].map((m) => m[1])).toEqual([2, 1, 0].map((back) => monthOf(back).slice(0, 7)));
    // Each view downloads as CSV with the page's filters in its address: the API's rows for the same question.
    const apiCsv = async (query: string) => (await t.http().get(`/api/analytics/turnaround?${query}`).set('Authorization', auth).set('Accept', 'text/csv')).text;
    const filters = `from=${from}&to=${today}`;
    expect(page).toContain(`href="/desk/dashboard/pairs.csv?${filters.replace('&', '&amp;')}" download`);
    expect(page).toContain(`href="/desk/dashboard/trend.csv?${filters.replace('&', '&amp;')}" download`);
    const pairsCsv = await supervisor.agent.get(`/desk/dashboard/pairs.csv?${filters}`).expect(200);
    expect(pairsCsv.headers['content-type']).toMatch(/^text\/csv/);
    expect(pairsCsv.text).toBe(await apiCsv(`groupBy=countryPair&${filters}`));
    const trendCsv = await supervisor.agent.get(`/desk/dashboard/trend.csv?${filters}`).expect(200);
    expect(trendCsv.text).toBe(await apiCsv(`groupBy=month&${filters}`));
    expect(trendCsv.text).toContain(`\r\n${today.slice(0, 7)},pending_authorization,`);
    // With a stage chosen, the rows of that stage, as the page shows them.
    const oneStage = await supervisor.agent.get(`/desk/dashboard/trend.csv?${filters}&stage=transmitted`).expect(200);
    expect(new Set(oneStage.text.trim().split('\r\n').slice(1).map((line) => line.split(',')[1]))).toEqual(new Set(['transmitted']));
    // A print button, shown where JavaScript can print; the print stylesheet leaves out the navigation and filters.
    expect(page).toMatch(/<p class="enlace-no-print" data-print="true" hidden><button type="button" class="usa-button usa-button--outline">Print<\/button><\/p>/);
    const empty = (await supervisor.open('/desk/dashboard?from=2025-01-01&to=2025-03-31')).text;
    expect(empty.slice(empty.indexOf('id="trend"'))).toMatch(/^id="trend"[^<]*<\/h2><p>no data<\/p>/);
    // What is open now does not depend on the period: beside one it is counted apart (openNow), and
    // it is what the page with no period shows from its figures, the API's `open`.
    const byState = (html: string) => /<table[^>]*data-by-state[^>]*>.*?<\/table>/s.exec(html)?.[0];
    const timeless = (await supervisor.open('/desk/dashboard')).text;
    const open = await t.http().get('/api/analytics/turnaround').set('Authorization', auth).expect(200);
    expect(byState(timeless)).toContain(`<td>${(open.body.items as { stage: string; open: number }[]).find((i) => i.stage === 'pending_authorization')!.open}</td>`);
    expect([byState(empty), byState(page)]).toEqual([byState(timeless), byState(timeless)]);
  }, 120_000);
});

// Last: the request Mexico sends Guatemala would be one more pair in the figures the tests above read.
describe('the supervisor’s dashboard, its own country as the requested one', () => {
  it('filtered by its own country as the requested one, shows the requests its country received (no country is on both sides of a request, but a supervisor follows both sides)', async () => {
    // Mexico asks Guatemala: once transmitted, the request is Guatemala's to follow as the requested party.
    const incoming = await createRequest(t, { requestedCountry: 'GT' }, 'fiscalMX');
    await walk(t, incoming, [
      { type: 'STANDARDIZE', by: 'fiscalMX' },
      { type: 'SUBMIT', by: 'fiscalMX' },
      { type: 'AUTHORIZE', by: 'cancilleriaMX' },
      { type: 'TRANSMIT', by: 'autoridadMX' },
    ]);
    const supervisor = await signedIn(USERS.supervisorGT);
    const first = (await supervisor.open('/desk/dashboard')).text;
    expect(first).toMatch(/<option value="GT">/);
    const page = (await supervisor.open('/desk/dashboard?requestedCountry=GT&from=&to=')).text;
    expect(page).toMatch(/<option value="GT" selected/);
    const api = await t.http().get('/api/analytics/turnaround?requestedCountry=GT').set('Authorization', await t.login(USERS.supervisorGT));
    expect(api.status).toBe(200);
    const items = api.body.items as { stage: string; visits: number; open: number }[];
    // The request Mexico transmitted is counted, open, in the stage it waits in; nothing of Guatemala's own requests.
    expect(items.find((item) => item.stage === incoming.body.state)?.open).toBe(1);
    for (const item of items) {
      const row = new RegExp(`<tr data-stage="${item.stage}">.*?</tr>`).exec(page)?.[0] ?? '';
      expect(row).toContain(`<td data-field="visits">${item.visits}</td>`);
      expect(row).toContain(`<td data-field="open">${item.open}</td>`);
    }
    const overdue = await t.http().get('/api/analytics/overdue?requestedCountry=GT').set('Authorization', await t.login(USERS.supervisorGT));
    expect(overdue.status).toBe(200);
  }, 120_000);
});
