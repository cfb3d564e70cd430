// The fiscal's desk over HTTP, as a browser without JavaScript posts its forms: a request drafted from
// the pages, each section saved on its own, the list with each stage's due date in the fiscal's time
// zone and its overdue mark, and every refusal of a form shown on the page with what
// the user typed: a field at fault (400), a form without the session's CSRF token (403, nothing
// written), a stale version (409, the changes made since listed), an action blocked by gaps (422).
import type request from 'supertest';
import { csrfOf, formBrowser, type FormBrowser } from '../support/page-session.js';
import { ENGLISH_TRANSLATION } from '../../templates/testing/request.factory.js';
import { USERS, advanceUntil, createRequest, sendEvent } from '../support/request-flow.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let fiscal: FormBrowser;
let requestId: string;
beforeAll(async () => {
  t = await startTestApp();
  fiscal = formBrowser(t);
  await fiscal.signIn('fiscal.gt@demo.enlace');
});
afterAll(() => t?.close());

const versionOf = async (id: string) => (await t.sql<{ version: number }>('SELECT version FROM requests WHERE id = $1', [id]))[0].version;
const fieldsOf = async (id: string) => (await t.sql<{ fields: Record<string, unknown> }>('SELECT fields FROM requests WHERE id = $1', [id]))[0].fields;

describe('drafting a request from the pages', () => {
  it('shows what binds the pair of countries, then creates the draft and opens its page', async () => {
    const pair = await fiscal.open('/desk/requests/new?to=MX');
    expect(pair.text).toContain('México');
    expect(pair.text).toMatch(/Instrumentos en vigor entre los dos países/);
    const created = await fiscal.submit('/desk/requests', { requestedCountry: 'MX' });
    expect(created.status).toBe(303);
    requestId = /\/desk\/requests\/([0-9a-f-]{36})$/.exec(created.headers.location)![1];
    const page = await fiscal.open(`/desk/requests/${requestId}`);
    expect(page.text).toContain('GT-MX-');
    expect(page.text).toContain('Lo que aún impide enviarla');
    expect(page.text).toContain('href="#title"');
  });

  it('saves one section at the version it was read at', async () => {
    const saved = await fiscal.submit(`/desk/requests/${requestId}/sections/proceeding`, {
      expectedVersion: String(await versionOf(requestId)),
      title: 'Red de tráfico «Los Coyotes»',
      caseReference: 'MP-2026-0457',
      'proceeding.type': 'investigation',
      'proceeding.authority': 'Fiscalía de Guatemala',
      'proceeding.stage': '',
    });
    expect(saved.status).toBe(303);
    expect(await fieldsOf(requestId)).toMatchObject({ title: 'Red de tráfico «Los Coyotes»', proceeding: { type: 'investigation', authority: 'Fiscalía de Guatemala' } });
    const persons = await fiscal.submit(`/desk/requests/${requestId}/sections/persons`, {
      expectedVersion: String(await versionOf(requestId)),
      'persons[0].role': 'smuggled_migrant',
      'persons[0].fullName': 'María José Pérez León',
      'persons[1].role': '',
      'persons[1].fullName': '',
    });
    expect(persons.status).toBe(303);
    expect((await fieldsOf(requestId)).persons).toEqual([{ role: 'smuggled_migrant', fullName: 'María José Pérez León' }]);
    const page = await fiscal.open(`/desk/requests/${requestId}`);
    expect(page.text).toContain('Persona protegida');
    expect(page.text).toContain('M. J. P. L.');
  });
});

describe('the refusals of a form', () => {
  it('a field at fault: listed at the top, linked to the field, what was typed kept, nothing written', async () => {
    const version = await versionOf(requestId);
    const refused = await fiscal.submit(`/desk/requests/${requestId}/sections/contact`, {
      expectedVersion: String(version),
      'contact.name': 'Ana Lucía Pérez',
      'contact.email': 'not-an-address',
      'contact.phone': '+502 5555 0000',
    });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('href="#contact-email"');
    expect(refused.text).toContain('value="not-an-address"');
    expect(refused.text).toContain('value="+502 5555 0000"');
    expect(await versionOf(requestId)).toBe(version);
  });

  it('a form without this session’s CSRF token: 403, nothing written', async () => {
    const version = await versionOf(requestId);
    const forged = await fiscal.submit(`/desk/requests/${requestId}/sections/facts`, { _csrf: 'x', expectedVersion: String(version), summaryOfFacts: 'Forged' });
    expect(forged.status).toBe(403);
    const missing = await fiscal.agent.post(`/desk/requests/${requestId}/sections/facts`).type('form').send(`expectedVersion=${version}&summaryOfFacts=Forged`);
    expect(missing.status).toBe(403);
    expect(await versionOf(requestId)).toBe(version);
    expect((await fieldsOf(requestId)).summaryOfFacts).toBeUndefined();
  });

  it('a message over the API’s 10,000 characters: 400 beside the field, what was typed kept, nothing written', async () => {
    // A draft shared with the counterpart: the informal channel is open.
    const shared = await createRequest(t);
    expect((await sendEvent(t, shared, { type: 'SHARE_DRAFT', by: 'fiscalGT' })).status).toBe(200);
    const long = `${'Confirmamos la cuenta. '.repeat(435)}`.slice(0, 10_001);
    await fiscal.open(`/desk/requests/${shared.id}`);
    const refused = await fiscal.submit(`/desk/requests/${shared.id}/messages`, { body: long });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('<a href="#message-body">El valor no es válido.</a>');
    expect(await t.sql('SELECT 1 FROM request_messages WHERE request_id = $1', [shared.id])).toEqual([]);
    expect((await fiscal.submit(`/desk/requests/${shared.id}/messages`, { body: long.slice(0, 10_000) })).status).toBe(303);
  });

  it('a stale version: 409, the page says someone changed it and what, and keeps what the user typed', async () => {
    const stale = await versionOf(requestId);
    const other = await fiscal.submit(`/desk/requests/${requestId}/sections/purpose`, { expectedVersion: String(stale), purpose: 'Obtener registros bancarios' });
    expect(other.status).toBe(303);
    const late = await fiscal.submit(`/desk/requests/${requestId}/sections/facts`, { expectedVersion: String(stale), summaryOfFacts: 'Lo que escribí yo' });
    expect(late.status).toBe(409);
    expect(late.text).toContain('Otra persona cambió la solicitud');
    // What changed: the section the other edit touched.
    expect(late.text).toMatch(/<ul class="usa-list" id="conflict-changes"><li>[^<]*Fiscal cambió: Finalidad de la asistencia solicitada<\/li>/);
    expect(late.text).toContain('Lo que escribí yo');
    expect((await fieldsOf(requestId)).summaryOfFacts).toBeUndefined();
  });

  it('an action the request is not ready for: 422 with what blocks it; a stale action: 409', async () => {
    const version = await versionOf(requestId);
    const early = await fiscal.submit(`/desk/requests/${requestId}/events`, { type: 'SHARE_DRAFT', expectedVersion: String(version) });
    expect(early.status).toBe(422);
    expect(early.text).toContain('href="#summaryOfFacts"');
    const stale = await fiscal.submit(`/desk/requests/${requestId}/events`, { type: 'WITHDRAW', expectedVersion: String(version - 1), comment: 'x', confirm: 'yes' });
    expect(stale.status).toBe(409);
    const unconfirmed = await fiscal.submit(`/desk/requests/${requestId}/events`, { type: 'WITHDRAW', expectedVersion: String(version), comment: 'Ya no' });
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.text).toContain('href="#WITHDRAW-confirm"');
    expect((await t.sql<{ state: string }>('SELECT state FROM requests WHERE id = $1', [requestId]))[0].state).toBe('draft');
  });
});

describe('a form sent after the session ended', () => {
  // The browser drops the session cookie when its Max-Age passes (900 s without a request) but keeps
  // the CSRF cookie: the form on screen still carries the signed-in user's token.
  const setCookies = (response: request.Response): string[] => ([] as string[]).concat((response.headers['set-cookie'] as unknown as string[] | undefined) ?? []);
  const cookieValue = (response: request.Response, name: string): string => setCookies(response).find((c) => c.startsWith(`${name}=`))!.split(';')[0];
  async function sessionThatEnds(): Promise<{ csrfCookie: string; token: string; page: string }> {
    const signInPage = await t.http().get('/sign-in').expect(200);
    const csrfCookie = cookieValue(signInPage, 'enlace_csrf');
    const signedIn = await t.http().post('/sign-in').set('Cookie', csrfCookie).type('form')
      .send(new URLSearchParams({ _csrf: csrfOf(signInPage.text), email: 'fiscal.gt@demo.enlace', password: 'enlace-demo' }).toString()).expect(303);
    const sessionCookie = cookieValue(signedIn, 'enlace_session');
    // Sign-in replaces the CSRF secret: the next page sets the new one.
    const page = `/desk/requests/${requestId}`;
    const opened = await t.http().get(page).set('Cookie', sessionCookie).expect(200);
    const newCsrf = cookieValue(opened, 'enlace_csrf');
    return { csrfCookie: newCsrf, token: csrfOf(opened.text), page };
  }

  it('a page form: sent to sign in and back to the page it was posted from, not refused as expired; nothing written', async () => {
    const { csrfCookie, token, page } = await sessionThatEnds();
    const version = await versionOf(requestId);
    const sent = await t.http().post(`${page}/sections/facts`).set('Cookie', csrfCookie).set('Referer', `http://${'127.0.0.1'}${page}`).set('Host', '127.0.0.1').type('form')
      .send(new URLSearchParams({ _csrf: token, expectedVersion: String(version), summaryOfFacts: 'Written after the session ended' }).toString());
    expect(sent.status).toBe(303);
    // The sign-in page says the session ended and that what was sent was not saved.
    expect(sent.headers.location).toBe(`/sign-in?next=${encodeURIComponent(page)}&notice=sessionExpiredUnsaved`);
    expect(await versionOf(requestId)).toBe(version);
    // Signing out of it is simply done: nothing to say was lost.
    const out = await t.http().post('/sign-out').set('Cookie', csrfCookie).set('Host', '127.0.0.1').type('form').send(new URLSearchParams({ _csrf: token }).toString());
    expect(out.status).toBe(303);
    expect(out.headers.location).toMatch(/^\/sign-in\?(next=[^&]+&)?notice=signedOut$/);
  });

  it('an htmx save: told to go to sign in, coming back to the address bar’s page, never the fragment’s', async () => {
    const { csrfCookie, token, page } = await sessionThatEnds();
    const sent = await t.http().post(`${page}/sections/facts`).set('Cookie', csrfCookie).set('Host', '127.0.0.1')
      .set('HX-Request', 'true').set('HX-Current-URL', `http://127.0.0.1${page}?tab=facts`).set('X-CSRF-Token', token).type('form')
      .send(new URLSearchParams({ _csrf: token, expectedVersion: '1', summaryOfFacts: 'x' }).toString());
    expect(sent.status).toBe(204);
    expect(sent.headers['hx-redirect']).toBe(`/sign-in?next=${encodeURIComponent(`${page}?tab=facts`)}&notice=sessionExpiredUnsaved`);
    // Another site's address is not a place to come back to.
    const elsewhere = await t.http().post(`${page}/sections/facts`).set('Cookie', csrfCookie).set('Host', '127.0.0.1')
      .set('HX-Request', 'true').set('HX-Current-URL', 'https://evil.example/desk').type('form').send(`_csrf=${token}`);
    expect(elsewhere.headers['hx-redirect']).toBe('/sign-in?notice=sessionExpiredUnsaved');
  });

  it('every page tells htmx refusals it does not swap (403, 500, 503, no connection) in an alert, in the page’s language', async () => {
    const english = await formBrowser(t, { 'Accept-Language': 'en' }).open('/sign-in');
    expect(english.text).toMatch(/<div id="request-alert" role="alert" data-refused="Not saved: the server refused the action\.[^"]*" data-server-error="Something went wrong on our side[^"]*" data-unavailable="The service is unavailable[^"]*" data-network="Not saved: the server could not be reached\.[^"]*"><\/div>/);
    expect(english.text).toContain('<script src="/assets/enlace/enlace.js" defer>');
    const script = await t.http().get('/assets/enlace/enlace.js').expect(200);
    expect(script.text).toContain("addEventListener('htmx:responseError'");
    expect(script.text).toContain("addEventListener('htmx:sendError'");
  });
});

describe('my requests: the stage’s due date and the overdue mark', () => {
  it('shows each stage’s due date on the fiscal’s calendar day and marks the late ones; a draft has none', async () => {
    const late = await advanceUntil(t, await createRequest(t, { title: 'Registros bancarios atrasados' }), 'AUTHORIZE');
    const onTime = await advanceUntil(t, await createRequest(t, { title: 'Registros bancarios a tiempo' }), 'AUTHORIZE');
    // Days went by: the first stage's deadline passed at 03:00 UTC on 20 November, still the 19th in Guatemala.
    await t.sql("UPDATE request_stages SET due_at = '2026-11-20T03:00:00Z' WHERE request_id = $1 AND exited_at IS NULL", [late.id]);
    await t.sql("UPDATE request_stages SET due_at = '2099-03-10T18:00:00Z' WHERE request_id = $1 AND exited_at IS NULL", [onTime.id]);

    const list = await fiscal.open('/desk/requests?state=pending_authorization');
    const rowOf = (reference: string) => {
      const row = list.text.split('<tr>').find((r) => r.includes(reference));
      if (!row) throw new Error(`No row for ${reference}`);
      return row;
    };
    const lateRow = rowOf(late.body.reference as string);
    expect(lateRow).toContain('19 nov 2026');
    expect(lateRow).toContain('Vencida');
    const onTimeRow = rowOf(onTime.body.reference as string);
    expect(onTimeRow).toContain('10 mar 2099');
    expect(onTimeRow).not.toContain('Vencida');
    // The draft of the first describe is not in this filtered list; unfiltered, its stage has no due date.
    expect(list.text).not.toContain('Los Coyotes');
    const all = await fiscal.open('/desk/requests?search=Coyotes');
    expect(all.text.split('<tr>').find((r) => r.includes('Los Coyotes'))).toContain('—');

    const page = await fiscal.open(`/desk/requests/${late.id}`);
    expect(page.text).toMatch(/id="request-due">19 nov 2026<span class="usa-tag enlace-tag--overdue">Vencida/);
  });
});

describe('the translations and the prior informal exchanges, sections of the form', () => {
  // The translation section's form, as a browser posts it: each box named by where its translation goes.
  const translationForm = (version: number, translation: typeof ENGLISH_TRANSLATION) => {
    const form: Record<string, string> = { expectedVersion: String(version) };
    for (const key of ['title', 'summaryOfFacts', 'purpose'] as const) form[`translations.en.${key}`] = translation[key] ?? '';
    (translation.measures ?? []).forEach((text, i) => (form[`translations.en.measures[${i}]`] = text));
    for (const [path, text] of Object.entries(translation.texts ?? {})) form[`translations.en.texts.${path}`] = text;
    for (const [key, value] of Object.entries(translation.attestation ?? {})) form[`translations.en.attestation.${key}`] = value;
    return form;
  };

  it('to a country that does not accept the request’s language: a box for every text beside its original, each gap named and linked, a whole one saved', async () => {
    const us = await createRequest(t, { requestedCountry: 'US', title: 'Solicitud a los Estados Unidos', translations: undefined });
    let page = await fiscal.open(`/desk/requests/${us.id}`);
    expect(page.text).toContain('data-needed="true"');
    expect(page.text).toContain('hace falta una traducción completa');
    expect(page.text).toContain('<a href="#section-translations">Falta la traducción a: inglés</a>');
    expect(page.text).toContain('id="translations-en-title"');
    expect(page.text).not.toContain('id="translations-fr-title"');
    // Each text is translated beside its original: a measure, a witness's question, an offence, the reasons.
    expect(page.text).toContain('Texto original: Estados de cuenta, contrato de apertura');
    expect(page.text).toContain('id="translations-en-texts-measures-1-questions-0"');
    expect(page.text).toContain('Texto original: ¿Quién solicitó la apertura de la cuenta y qué documentos presentó?');
    expect(page.text).toContain('id="translations-en-texts-offenses-0-name"');
    expect(page.text).toContain('id="translations-en-texts-confidentiality-reason"');
    expect(page.text).toContain('id="translations-en-attestation-translatorName"');

    // An attestation half given is refused by name, nothing saved.
    const version = await versionOf(us.id);
    const { attestation: _attestation, ...withoutAttestation } = ENGLISH_TRANSLATION;
    const halfAttested = await fiscal.submit(`/desk/requests/${us.id}/sections/translations`, {
      ...translationForm(version, withoutAttestation),
      'translations.en.attestation.translatorName': 'Jane R. Doe',
    });
    expect(halfAttested.status).toBe(400);
    expect(halfAttested.text).toContain('href="#translations-en-attestation-qualification"');
    expect(halfAttested.text).toContain('Traducciones: inglés: Calidad profesional del traductor');
    expect(await versionOf(us.id)).toBe(version);
    expect((await fieldsOf(us.id)).translations).toBeUndefined();

    // Texts left untranslated are saved, and are what still blocks submission, each linked to its box.
    const { 'measures[1].questions[2]': _q, ...texts } = ENGLISH_TRANSLATION.texts!;
    const gap = await fiscal.submit(
      `/desk/requests/${us.id}/sections/translations`,
      translationForm(version, { ...ENGLISH_TRANSLATION, summaryOfFacts: '', measures: [ENGLISH_TRANSLATION.measures![0]!, ''], texts }),
    );
    expect(gap.status).toBe(303);
    page = await fiscal.open(`/desk/requests/${us.id}`);
    expect(page.text).toContain('href="#translations-en-summaryOfFacts"');
    expect(page.text).toContain('href="#translations-en-measures-1"');
    expect(page.text).toContain('href="#translations-en-texts-measures-1-questions-2"');
    expect(page.text).toContain('Traducciones: inglés: Medidas solicitadas 2: Preguntas a formular');
    expect(page.text).not.toContain('Falta la traducción a');

    const whole = await fiscal.submit(`/desk/requests/${us.id}/sections/translations`, translationForm(await versionOf(us.id), ENGLISH_TRANSLATION));
    expect(whole.status).toBe(303);
    expect((await fieldsOf(us.id)).translations).toEqual({ en: ENGLISH_TRANSLATION });
    page = await fiscal.open(`/desk/requests/${us.id}`);
    expect(page.text).not.toContain('href="#translations-en-');
    expect(page.text).toContain(`value="${ENGLISH_TRANSLATION.title}"`);

    // Emptying every box removes the translation.
    const emptied = await fiscal.submit(
      `/desk/requests/${us.id}/sections/translations`,
      Object.fromEntries(Object.entries(translationForm(await versionOf(us.id), ENGLISH_TRANSLATION)).map(([name, value]) => [name, name === 'expectedVersion' ? value : ''])),
    );
    expect(emptied.status).toBe(303);
    expect((await fieldsOf(us.id)).translations).toEqual({});
  });

  it('to a country that accepts it: says none is needed and offers no boxes', async () => {
    const mx = await createRequest(t, { title: 'Solicitud a México', translations: undefined });
    const page = await fiscal.open(`/desk/requests/${mx.id}`);
    expect(page.text).toContain('data-needed="false"');
    expect(page.text).toContain('no hace falta traducción');
    expect(page.text).not.toContain('id="translations-');
  });

  it('the prior informal exchanges: the fiscal corrects one and adds another', async () => {
    const mx = await createRequest(t, { title: 'Intercambios previos' });
    const page = await fiscal.open(`/desk/requests/${mx.id}`);
    expect(page.text).toContain('id="section-priorExchanges"');
    expect(page.text).toContain('value="2026-01-20"');
    const saved = await fiscal.submit(`/desk/requests/${mx.id}/sections/priorExchanges`, {
      expectedVersion: String(await versionOf(mx.id)),
      'priorInformalExchanges[0].date': '2026-01-20',
      'priorInformalExchanges[0].counterpart': 'Fiscal de enlace de la FGR',
      'priorInformalExchanges[0].summary': 'Se confirmó la existencia de la cuenta.',
      'priorInformalExchanges[1].date': '2026-02-03',
      'priorInformalExchanges[1].counterpart': 'Fiscal de enlace de la FGR',
      'priorInformalExchanges[1].summary': 'Llamada: la funcionaria bancaria sigue en la sucursal.',
    });
    expect(saved.status).toBe(303);
    expect((await fieldsOf(mx.id)).priorInformalExchanges).toEqual([
      { date: '2026-01-20', counterpart: 'Fiscal de enlace de la FGR', summary: 'Se confirmó la existencia de la cuenta.' },
      { date: '2026-02-03', counterpart: 'Fiscal de enlace de la FGR', summary: 'Llamada: la funcionaria bancaria sigue en la sucursal.' },
    ]);
    const bad = await fiscal.submit(`/desk/requests/${mx.id}/sections/priorExchanges`, {
      expectedVersion: String(await versionOf(mx.id)),
      'priorInformalExchanges[0].date': 'ayer',
      'priorInformalExchanges[0].counterpart': 'Fiscal de enlace de la FGR',
      'priorInformalExchanges[0].summary': 'Otra llamada.',
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('href="#priorInformalExchanges-0-date"');
  });
});

describe('the print view of a request', () => {
  it('prints the whole request and its history without navigation, forms or scripts; the counterpart’s copy shows protected persons by initials', async () => {
    const shared = await createRequest(t, { title: 'Para imprimir' });
    expect((await sendEvent(t, shared, { type: 'SHARE_DRAFT', by: 'fiscalGT' })).status).toBe(200);
    const page = await fiscal.open(`/desk/requests/${shared.id}`);
    expect(page.text).toContain(`href="/desk/requests/${shared.id}/print"`);

    const print = await fiscal.open(`/desk/requests/${shared.id}/print`);
    expect(print.text).toMatch(/^<!DOCTYPE html><html lang="es">/);
    for (const absent of ['<nav', '<form', '<script', 'enlace-header']) expect(print.text).not.toContain(absent);
    // Every section in the standardized form's order, the values as a reader reads them.
    const order = ['Naturaleza y etapa del procedimiento', 'Fundamento jurídico', 'Delitos', 'Resumen de los hechos', 'Medidas solicitadas', 'Personas involucradas', 'Intercambios informales previos'];
    const positions = order.map((title) => print.text.indexOf(title));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(print.text).toContain('Obtención de registros bancarios u otros');
    expect(print.text).toContain('Josué Andrés Muñoz Pérez');
    expect(print.text).toContain('Compartir el borrador con la contraparte');
    expect(print.text).toContain('Copia de trabajo.');

    const counterpart = formBrowser(t);
    await counterpart.signIn(USERS.fiscalMX);
    const theirs = await counterpart.open(`/desk/requests/${shared.id}/print`);
    expect(theirs.text).toContain('J. A. M. P.');
    expect(theirs.text).not.toContain('Josué Andrés Muñoz Pérez');
    expect(theirs.text).not.toContain('Partida de nacimiento');
    // Someone the request was not shared with gets the page's 404.
    const other = formBrowser(t);
    await other.signIn(USERS.fiscalUS);
    await other.open(`/desk/requests/${shared.id}/print`, 404);
  });
});
