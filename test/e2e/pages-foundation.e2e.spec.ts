// The web application's foundation over HTTP, as a browser without JavaScript meets it: sign-in with
// a session cookie and CSRF-protected forms, the language, the assets served by the application
// itself, the public verification page, and an API that stays as it was (bearer tokens only).
import { formBrowser, csrfOf } from '../support/page-session.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

/** What a form refused for an invisible character says beside the field (in Spanish, the default). */
const REMOVED = 'contenía un carácter invisible que no se admite (nulo o de control de la dirección del texto, que suele llegar con un texto copiado). Se quitó: revise el texto y vuelva a enviarlo.';

const cookieOf = (response: { headers: Record<string, unknown> }, name: string): string | undefined =>
  ([] as string[]).concat((response.headers['set-cookie'] as string[] | undefined) ?? []).find((c) => c.startsWith(`${name}=`));

describe('signing in from the browser', () => {
  it('shows the sign-in page in Spanish by default, in English when the browser prefers it', async () => {
    const es = await formBrowser(t).open('/sign-in');
    expect(es.headers['content-type']).toMatch(/^text\/html/);
    expect(es.headers['cache-control']).toBe('no-store');
    expect(es.text).toMatch(/^<!DOCTYPE html><html lang="es">/);
    expect(es.text).toContain('Iniciar sesión');
    const en = await formBrowser(t, { 'Accept-Language': 'de-DE, en-GB;q=0.8, es;q=0.5' }).open('/sign-in');
    expect(en.text).toMatch(/<html lang="en">/);
    expect(en.text).toContain('Sign in');
  });

  it('refuses a sign-in form without this browser’s CSRF token, and sets no session', async () => {
    const browser = formBrowser(t);
    await browser.open('/sign-in');
    const forged = await browser.submit('/sign-in', { email: 'fiscal.gt@demo.enlace', password: 'enlace-demo', _csrf: 'forged' });
    expect(forged.status).toBe(403);
    expect(forged.text).toContain('El formulario caducó');
    expect(cookieOf(forged, 'enlace_session')).toBeUndefined();
    // Another browser's token is no good either: it is bound to that browser's secret.
    const other = formBrowser(t);
    const otherToken = csrfOf((await other.open('/sign-in')).text);
    expect((await browser.submit('/sign-in', { email: 'fiscal.gt@demo.enlace', password: 'enlace-demo', _csrf: otherToken })).status).toBe(403);
  });

  it('lists a wrong password at the top of the form, linked to the field, and keeps the e-mail typed', async () => {
    const browser = formBrowser(t);
    await browser.open('/sign-in');
    const wrong = await browser.submit('/sign-in', { email: 'fiscal.gt@demo.enlace', password: 'not-the-password' });
    expect(wrong.status).toBe(401);
    expect(wrong.text).toContain('<a href="#email">El correo electrónico o la contraseña no son correctos.</a>');
    expect(wrong.text).toContain('value="fiscal.gt@demo.enlace"');
    expect(cookieOf(wrong, 'enlace_session')).toBeUndefined();
    const empty = await browser.submit('/sign-in', { email: '', password: '' });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('<a href="#password">Complete este campo.</a>');
  });

  it('keeps the notice that the session ended, and where to go back, through a wrong password', async () => {
    const UNSAVED = 'Su sesión terminó y lo que acaba de enviar no se guardó.';
    const browser = formBrowser(t);
    const page = await browser.open('/sign-in?next=%2Fdesk%2Frequests&notice=sessionExpiredUnsaved');
    expect(page.text).toContain(UNSAVED);
    expect(page.text).toContain('name="notice" value="sessionExpiredUnsaved"');
    // The form carries the notice it shows; a wrong password keeps saying why the person is here.
    const wrong = await browser.submit('/sign-in', { email: 'fiscal.gt@demo.enlace', password: 'not-the-password', next: '/desk/requests', notice: 'sessionExpiredUnsaved' });
    expect(wrong.status).toBe(401);
    expect(wrong.text).toContain(UNSAVED);
    expect(wrong.text).toContain('name="notice" value="sessionExpiredUnsaved"');
    expect(wrong.text).toContain('name="next" value="/desk/requests"');
    const empty = await browser.submit('/sign-in', { email: 'fiscal.gt@demo.enlace', password: '', next: '/desk/requests', notice: 'sessionExpiredUnsaved' });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain(UNSAVED);
    // A notice the page does not have is no notice.
    const forged = await browser.submit('/sign-in', { email: 'fiscal.gt@demo.enlace', password: 'not-the-password', notice: '<b>Llame al 555</b>' });
    expect(forged.text).not.toContain('name="notice"');
    expect(forged.text).not.toContain('Llame al 555');
    const signedIn = await browser.submit('/sign-in', { email: 'fiscal.gt@demo.enlace', password: 'enlace-demo', next: '/desk/requests', notice: 'sessionExpiredUnsaved' });
    expect([signedIn.status, signedIn.headers.location]).toEqual([303, '/desk/requests']);
  });

  it('shows the form again beside the field when the e-mail or the password holds an invisible character; no session, no failure counted', async () => {
    const failures = () => t.sql('SELECT key, failures FROM sign_in_throttle ORDER BY key');
    const before = await failures();
    const browser = formBrowser(t);
    await browser.open('/sign-in');
    // An address copied from an e-mail signature with a right-to-left mark.
    const email = await browser.submit('/sign-in', { email: 'fiscal.gt@demo.enlace\u200f', password: 'enlace-demo' });
    expect(email.status).toBe(400);
    expect(email.text).toContain(`<a href="#email">Correo electrónico: ${REMOVED}</a>`);
    expect(email.text).toContain('value="fiscal.gt@demo.enlace"');
    expect(cookieOf(email, 'enlace_session')).toBeUndefined();
    const password = await browser.submit('/sign-in', { email: 'fiscal.gt@demo.enlace', password: 'enlace\u0000demo' });
    expect(password.status).toBe(400);
    expect(password.text).toContain(`<a href="#password">Contraseña: ${REMOVED}</a>`);
    expect(cookieOf(password, 'enlace_session')).toBeUndefined();
    // An address that breaks two of the API's rules (no address, over 300 characters) is named once.
    const long = await browser.submit('/sign-in', { email: 'a'.repeat(301), password: 'enlace-demo' });
    expect(long.status).toBe(400);
    expect(long.text.split('<a href="#email">Correo electrónico: El valor no es válido.</a>')).toHaveLength(2);
    expect(await failures()).toEqual(before);
  });

  it('signs in with an HttpOnly SameSite=Lax cookie, goes where it was asked, and signs out', async () => {
    const browser = formBrowser(t);
    expect((await browser.agent.get('/desk').expect(303)).headers.location).toBe('/sign-in?next=%2Fdesk');
    await browser.open('/sign-in?next=/desk/requests');
    const signedIn = await browser.submit('/sign-in', { email: 'fiscal.gt@demo.enlace', password: 'enlace-demo', next: '/desk/requests' });
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.location).toBe('/desk/requests');
    const cookie = cookieOf(signedIn, 'enlace_session')!;
    expect(cookie).toMatch(/HttpOnly/);
    // Lax: a link from another site (the webmail's notice) arrives signed in; forms are POSTs with a token.
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/SameSite=Strict/);
    expect(cookie).not.toMatch(/Secure/); // plain HTTP here; Secure when ENLACE_PUBLIC_URL is https
    expect((await browser.agent.get('/').expect(303)).headers.location).toBe('/desk/requests');

    // The cookie is not a way into the API: bearer tokens only, as before.
    expect((await browser.agent.get('/api/requests')).status).toBe(401);

    const page = await browser.open('/verify');
    expect(page.text).toContain('Ana Lucía Pérez Chávez');
    const out = await browser.submit('/sign-out', {});
    expect(out.status).toBe(303);
    expect(out.headers.location).toBe('/sign-in?notice=signedOut');
    expect((await browser.agent.get('/desk').expect(303)).headers.location).toMatch(/^\/sign-in/);
  });

  it('lands each role on its own desk after sign-in', async () => {
    const homes = {
      'fiscal.gt@demo.enlace': '/desk/requests',
      'cancilleria.gt@demo.enlace': '/desk/queue',
      'autoridad.mx@demo.enlace': '/desk/queue',
      'supervisor.gt@demo.enlace': '/desk/dashboard',
      'admin@demo.enlace': '/desk/admin',
    };
    for (const [email, home] of Object.entries(homes)) {
      const browser = formBrowser(t);
      await browser.open('/sign-in');
      const signedIn = await browser.submit('/sign-in', { email, password: 'enlace-demo' });
      expect(signedIn.headers.location).toBe('/desk');
      expect([email, (await browser.agent.get('/desk').expect(303)).headers.location]).toEqual([email, home]);
      expect([email, (await browser.agent.get('/').expect(303)).headers.location]).toEqual([email, home]);
    }
  });

  it('keeps the CSRF secret in an HttpOnly SameSite=Lax cookie and masks the token anew in every response', async () => {
    const browser = formBrowser(t);
    const first = await browser.open('/sign-in');
    const csrf = cookieOf(first, 'enlace_csrf')!;
    expect(csrf).toMatch(/HttpOnly/);
    expect(csrf).toMatch(/SameSite=Lax/);
    const firstToken = csrfOf(first.text);
    const secondToken = csrfOf((await browser.open('/sign-in')).text);
    // The same secret and user under a different pad: nothing constant for a compressed page to betray (BREACH).
    expect(cookieOf(await browser.open('/sign-in'), 'enlace_csrf')).toBeUndefined();
    expect(secondToken).not.toBe(firstToken);
    // Each still verifies: the first page's form, sent after the second page was opened.
    const wrong = await browser.submit('/sign-in', { _csrf: firstToken, email: 'fiscal.gt@demo.enlace', password: 'not-the-password' });
    expect(wrong.status).toBe(401);
    const signedIn = await browser.submit('/sign-in', { _csrf: secondToken, email: 'fiscal.gt@demo.enlace', password: 'enlace-demo' });
    expect(signedIn.status).toBe(303);
    // A token altered in one character is refused.
    const page = await browser.open('/verify');
    const token = csrfOf(page.text);
    const altered = `${token.slice(0, 10)}${token[10] === 'A' ? 'B' : 'A'}${token.slice(11)}`;
    expect((await browser.submit('/language', { _csrf: altered, lang: 'en', back: '/verify' })).status).toBe(403);
    expect((await browser.submit('/language', { _csrf: token, lang: 'en', back: '/verify' })).status).toBe(303);
  });

  it('sends someone already signed in on to where they were going when they sign in again, whatever the sign-in page’s token', async () => {
    const browser = formBrowser(t);
    await browser.signIn('fiscal.gt@demo.enlace');
    // The sign-in page of another tab, or one opened from another site before the session: its token is bound to nobody.
    const stale = csrfOf((await formBrowser(t).open('/sign-in')).text);
    const again = await browser.submit('/sign-in', { _csrf: stale, email: 'fiscal.gt@demo.enlace', password: 'whatever', next: '/desk/requests' });
    expect(again.status).toBe(303);
    expect(again.headers.location).toBe('/desk/requests');
    expect(cookieOf(again, 'enlace_session')).toBeUndefined();
    // Still signed in, as before.
    expect((await browser.agent.get('/desk').expect(303)).headers.location).toBe('/desk/requests');
  });

  it('never sends a signed-in user to another site after sign-in', async () => {
    const browser = formBrowser(t);
    await browser.open('/sign-in');
    const response = await browser.submit('/sign-in', { email: 'fiscal.gt@demo.enlace', password: 'enlace-demo', next: '//evil.example/phish' });
    expect(response.headers.location).toBe('/desk');
    expect((await browser.agent.get('/desk').expect(303)).headers.location).toBe('/desk/requests');
  });
});

describe('the language', () => {
  it('is switched on any page by a form and kept by the browser', async () => {
    const browser = formBrowser(t);
    await browser.open('/verify');
    const switched = await browser.submit('/language', { lang: 'fr', back: '/verify' });
    expect(switched.status).toBe(303);
    expect(switched.headers.location).toBe('/verify');
    const page = await browser.open('/verify');
    expect(page.text).toMatch(/<html lang="fr">/);
    expect(page.text).toContain('Vérifier un document');
    expect((await browser.submit('/language', { lang: 'de', back: '/verify' })).status).toBe(400);
    // A page's address holding a NUL or a bidirectional control (typed, or from a forged link): the language is switched all the same.
    const nul = await browser.submit('/language', { lang: 'en', back: '/verify\u0000' });
    expect([nul.status, nul.headers.location]).toEqual([303, '/']);
    const bidi = await browser.submit('/language', { lang: 'es', back: '/verify/\u202eabc' });
    expect([bidi.status, bidi.headers.location]).toEqual([303, '/verify/%E2%80%AEabc']);
    expect((await browser.open('/verify')).text).toMatch(/<html lang="es">/);

  });
});

describe('coming back to the page after signing in or changing the language', () => {
  it('keeps a search’s address (+ , : ~), and the language switcher of a refused form posts back the page, not the form’s action', async () => {
    const search = '/desk/requests?search=trata+de+personas';
    const browser = formBrowser(t);
    const form = await browser.open(`/sign-in?next=${encodeURIComponent(search)}`);
    expect(form.text).toContain(`name="next" value="${search}"`);
    const signedIn = await browser.submit('/sign-in', { email: 'fiscal.gt@demo.enlace', password: 'enlace-demo', next: search });
    expect(signedIn.headers.location).toBe(search);
    await browser.open(search);
    const switched = await browser.submit('/language', { lang: 'en', back: search });
    expect(switched.headers.location).toBe(search);
    // A plain form refused (400) shows the page again at its action's address: its switcher goes back to
    // the page it was posted from, which answers GET.
    const token = csrfOf((await browser.open('/desk/requests/new')).text);
    const refused = await browser.agent.post('/desk/requests').set('Host', 'enlace.test').set('Referer', 'http://enlace.test/desk/requests/new?to=ZZ')
      .type('form').send(`_csrf=${encodeURIComponent(token)}&requestedCountry=ZZ`);
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('name="back" value="/desk/requests/new?to=ZZ"');
  });

  it('answers an unknown desk address with the not-found page in the person’s language, not the API’s JSON', async () => {
    const browser = formBrowser(t, { 'Accept-Language': 'fr' });
    await browser.signIn('fiscal.gt@demo.enlace');
    const missing = await browser.open('/desk/nothing-here/at-all', 404);
    expect(missing.headers['content-type']).toMatch(/^text\/html/);
    expect(missing.text).toContain('<h1>Page introuvable</h1>');
    expect(missing.text).toContain('Mes demandes');
    // Signed out, it is a page to sign in to first, like any desk page.
    expect((await t.http().get('/desk/nothing-here').expect(303)).headers.location).toBe('/sign-in?next=%2Fdesk%2Fnothing-here');
    // The API's unknown routes stay JSON.
    const api = await t.http().get('/api/nothing-here').expect(404);
    expect(api.headers['content-type']).toMatch(/json/);
  });
});

describe('refusals made before any page runs', () => {
  it('are pages in the person’s language: a form over the size limit, an address no page answers; the API keeps its JSON', async () => {
    const browser = formBrowser(t, { 'Accept-Language': 'fr' });
    await browser.open('/sign-in');
    const large = await browser.submit('/language', { lang: 'en', back: '/verify', pasted: 'x'.repeat(300 * 1024) });
    expect(large.status).toBe(413);
    expect(large.headers['content-type']).toMatch(/^text\/html/);
    expect(large.text).toContain('L’envoi est trop volumineux ; rien n’a été enregistré.');
    expect(large.text).not.toMatch(/body is too large/i);
    // Nothing of the form was applied: the language stays French.
    expect((await browser.open('/sign-in')).text).toMatch(/<html lang="fr">/);

    // Signed in, the page has the person's navigation and a language switcher that works.
    await browser.signIn('fiscal.gt@demo.enlace');
    const nowhere = await browser.open('/nothing-here/at-all', 404);
    expect(nowhere.headers['content-type']).toMatch(/^text\/html/);
    expect(nowhere.text).toContain('<h1>Page introuvable</h1>');
    expect(nowhere.text).toContain('Mes demandes');
    expect((await browser.submit('/language', { lang: 'es', back: '/nothing-here/at-all' })).status).toBe(303);
    expect((await browser.open('/nothing-here/at-all', 404)).text).toContain('<h1>Página no encontrada</h1>');

    const api = await t.http().post('/api/auth/login').set('Content-Type', 'application/json').send(JSON.stringify({ email: 'x'.repeat(300 * 1024) })).expect(413);
    expect(api.body).toMatchObject({ statusCode: 413, error: 'payload_too_large' });
    expect((await t.http().get('/api/nothing-here').expect(404)).body).toMatchObject({ error: 'not_found' });
    // Fastify decodes the address before it routes: /%61pi/... is the API's, answered as the API answers.
    expect((await t.http().get('/%61pi/requests').expect(401)).body).toMatchObject({ error: 'unauthorized' });
    const form = await t.http().post('/%61pi/requests').type('form').send({ title: 'x' }).expect(415);
    expect(form.body).toMatchObject({ error: 'unsupported_media_type' });
  });
});

describe('the assets', () => {
  it('are served by the application itself, compressed, and nothing else of the packages is', async () => {
    const css = await t.http().get('/assets/uswds/css/uswds.min.css').set('Accept-Encoding', 'br, gzip').expect(200);
    expect(css.headers['content-type']).toMatch(/^text\/css/);
    expect(css.headers['content-encoding']).toBe('br');
    await t.http().get('/assets/htmx/htmx.min.js').expect(200);
    await t.http().get('/assets/enlace/enlace.css').expect(200);
    await t.http().get('/assets/enlace/enlace.js').expect(200);
    expect((await t.http().get('/assets/uswds/scss/_uswds-theme.scss')).status).toBe(404);
    expect((await t.http().get('/assets/htmx/htmx.js')).status).toBe(404);
  });
});

describe('the public verification page', () => {
  it('says a well-formed hash that Enlace never issued is not valid, and a malformed one is refused', async () => {
    const unknown = 'ab'.repeat(32);
    const page = await formBrowser(t).open(`/verify/${unknown}`, 404);
    expect(page.text).toContain('No válido');
    expect(page.text).toContain(unknown);
    const bad = await formBrowser(t).open('/verify/not-a-hash', 400);
    expect(bad.text).toContain('64 caracteres hexadecimales');
  });

  it('takes a typed hash from its form and sends the browser to that hash’s answer', async () => {
    const browser = formBrowser(t);
    await browser.open('/verify');
    const response = await browser.submit('/verify', { hash: ` ${'CD'.repeat(32)} ` });
    expect(response.status).toBe(303);
    expect(response.headers.location).toBe(`/verify/${'cd'.repeat(32)}`);
    const empty = await browser.submit('/verify', { hash: '' });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('<a href="#hash">Elija un archivo PDF o escriba su código de verificación.</a>');
  });

  it('shows a dropped file whose upload was cut off, or sent without a boundary, as a refusal of the file in the user’s language', async () => {
    const browser = formBrowser(t, { 'Accept-Language': 'en' });
    const form = await browser.open('/verify');
    const action = `/verify?_csrf=${encodeURIComponent(csrfOf(form.text))}`;
    const cut = ['--cut', 'Content-Disposition: form-data; name="file"; filename="nota.pdf"', 'Content-Type: application/pdf', '', '%PDF-1.7\n1 0 obj'].join('\r\n');
    for (const [type, body] of [['multipart/form-data; boundary=cut', cut], ['multipart/form-data', 'x']]) {
      const response = await browser.agent.post(action).set('Accept-Language', 'en').set('Content-Type', type).send(body);
      expect({ type, status: response.status }).toEqual({ type, status: 400 });
      expect(response.text).toContain('<a href="#file">The file did not arrive whole. Choose it again and send the form again.</a>');
    }
  });
});
