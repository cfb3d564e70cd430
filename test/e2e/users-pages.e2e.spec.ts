// The administrator's accounts in a browser without JavaScript: create an account (its first password
// through a one-time link the person opens), disable and re-enable it; refusals name their fields and
// write nothing; nobody but the administrator opens the page.
import { formBrowser } from '../support/page-session.js';
import { USERS } from '../support/request-flow.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

/** What a form refused for an invisible character says beside the field. */
const REMOVED = 'contenía un carácter invisible que no se admite (nulo o de control de la dirección del texto, que suele llegar con un texto copiado). Se quitó: revise el texto y vuelva a enviarlo.';
const REMOVED_EN = 'held an invisible character that is not accepted (a NUL or a text-direction control, which copied text often brings). It was taken out: check the text and send it again.';

const userCount = async () => (await t.sql<{ n: number }>('SELECT count(*)::int AS n FROM users'))[0].n;

async function signInWith(email: string, password: string) {
  const browser = formBrowser(t);
  await browser.open('/sign-in');
  return { browser, response: await browser.submit('/sign-in', { email, password }) };
}

describe('the administrator’s accounts page', () => {
  it('creates an account whose person chooses a password through the one-time link, once', async () => {
    const admin = formBrowser(t);
    await admin.signIn(USERS.admin);
    const list = (await admin.open('/desk/admin/users')).text;
    expect(list).toContain('<h1>Cuentas de usuario</h1>');
    expect(list).toContain(`data-user="${USERS.fiscalGT}"`);

    const before = await userCount();
    const empty = await admin.submit('/desk/admin/users', { name: '', email: 'not-an-email', role: '', country: '', office: '' });
    expect(empty.status).toBe(400);
    for (const field of ['name', 'email', 'role']) expect(empty.text).toContain(`<a href="#${field}">`);
    expect(empty.text).toContain('value="not-an-email"');
    const noCountry = await admin.submit('/desk/admin/users', { name: 'Lucía Ixcot', email: 'fiscal2.gt@demo.enlace', role: 'fiscal', country: '', office: '' });
    expect(noCountry.status).toBe(400);
    expect(noCountry.text).toContain('<a href="#country">País: Complete este campo.</a>');
    expect(await userCount()).toBe(before);

    // The API's limits: a name over 200 characters, an office over 300, each named beside its field.
    for (const [field, label, typed] of [['name', 'Nombre', { name: 'N'.repeat(201) }], ['office', 'Oficina', { office: 'O'.repeat(301) }]] as const) {
      const long = await admin.submit('/desk/admin/users', { name: 'Lucía Ixcot', email: 'fiscal2.gt@demo.enlace', role: 'fiscal', country: 'GT', office: '', ...typed });
      expect([field, long.status]).toEqual([field, 400]);
      expect(long.text).toContain(`<a href="#${field}">${label}: El valor no es válido.</a>`);
    }
    expect(await userCount()).toBe(before);

    // A name pasted with a bidirectional control, an office with a NUL: the form again, both without them; the
    // first found (the API's check names one field, as for a JSON body) is named beside its field.
    const pasted = await admin.submit('/desk/admin/users', { name: 'Lucía\u202e Ixcot', email: 'fiscal2.gt@demo.enlace', role: 'fiscal', country: 'GT', office: 'Fiscalía\u0000' });
    expect(pasted.status).toBe(400);
    expect(pasted.text).toContain(`<a href="#name">Nombre: ${REMOVED}</a>`);
    expect(pasted.text).toContain('value="Lucía Ixcot"');
    expect(pasted.text).toContain('value="fiscal2.gt@demo.enlace"');
    expect(pasted.text).toContain('value="Fiscalía"');
    expect(await userCount()).toBe(before);

    const created = await admin.submit('/desk/admin/users', { name: 'Lucía Ixcot', email: 'fiscal2.gt@demo.enlace', role: 'fiscal', country: 'GT', office: 'Fiscalía contra la Trata de Personas' });
    expect(created.status).toBe(200);
    expect(created.text).toContain('data-user="fiscal2.gt@demo.enlace"');
    const link = /<code>(http[^<]+\/password\?token=([\w-]+))<\/code>/.exec(created.text);
    expect(link).not.toBeNull();
    expect(await userCount()).toBe(before + 1);
    const again = await admin.submit('/desk/admin/users', { name: 'Otra', email: 'fiscal2.gt@demo.enlace', role: 'fiscal', country: 'GT', office: '' });
    expect(again.status).toBe(409);
    expect(again.text).toContain('Ya existe una cuenta con este correo.');
    // The refusal's sentence in the page's language too, not the service's English.
    expect(again.text).toContain('Eso ya existe; no se añadió de nuevo.');
    expect(again.text).not.toContain('exists already');

    // The person opens the link, without an account session, and chooses a password.
    const person = formBrowser(t, { 'Accept-Language': 'en' });
    const page = (await person.open(`/password?token=${link![2]}`)).text;
    expect(page).toContain('<h1>Choose your password</h1>');
    const weak = await person.submit('/password', { token: link![2], newPassword: 'password' });
    expect(weak.status).toBe(400);
    expect(weak.text).toContain('12 to 256 characters');
    // A password holding a NUL or a bidirectional control: the form again with the message beside the field; the link still works.
    for (const newPassword of ['Quetzaltenango\u0000-2026', 'Quetzaltenango-\u202e2026']) {
      const invisible = await person.submit('/password', { token: link![2], newPassword });
      expect(invisible.status).toBe(400);
      expect(invisible.text).toContain(`<a href="#newPassword">New password: ${REMOVED_EN}</a>`);
    }
    const set = await person.submit('/password', { token: link![2], newPassword: 'Quetzaltenango-2026-rio' });
    expect([set.status, set.headers.location]).toEqual([303, '/sign-in?notice=passwordSet']);
    expect((await person.open(set.headers.location)).text).toContain('Your password is saved. Sign in with it.');
    expect((await signInWith('fiscal2.gt@demo.enlace', 'Quetzaltenango-2026-rio')).response.status).toBe(303);
    const reused = await person.submit('/password', { token: link![2], newPassword: 'Another-strong-pass-2026' });
    expect(reused.status).toBe(400);
    expect(reused.text).toContain('The link is not valid, was used already or has expired.');
  }, 120_000);

  it('disables an account (its session ends, it cannot sign in) and enables it again', async () => {
    const { browser: fiscal } = await signInWith(USERS.fiscalMX, 'enlace-demo');
    await fiscal.open('/desk/requests');
    const admin = formBrowser(t);
    await admin.signIn(USERS.admin);
    const list = (await admin.open('/desk/admin/users')).text;
    const id = new RegExp(`<tr data-user="${USERS.fiscalMX}"><th scope="row" data-label="[^"]+" id="user-([0-9a-f-]+)"`).exec(list)![1];
    const disabled = await admin.submit(`/desk/admin/users/${id}/disable`, {});
    expect(disabled.status).toBe(303);
    const after = (await admin.open(disabled.headers.location)).text;
    expect(after).toContain(`La cuenta ${USERS.fiscalMX} está deshabilitada`);
    expect(after).toMatch(new RegExp(`<tr data-user="${USERS.fiscalMX}">.*?data-status="disabled"`));
    expect((await fiscal.agent.get('/desk/requests')).status).toBe(303);
    expect((await signInWith(USERS.fiscalMX, 'enlace-demo')).response.status).toBe(401);

    expect((await admin.submit(`/desk/admin/users/${id}/enable`, {})).status).toBe(303);
    expect((await signInWith(USERS.fiscalMX, 'enlace-demo')).response.status).toBe(303);

    // Not their own account: its row offers no "disable" but says whose it is; sent anyway, the list again with the
    // refusal in the page's words above it, and the account stays active.
    const own = new RegExp(`<tr data-user="${USERS.admin}"><th scope="row" data-label="[^"]+" id="user-([0-9a-f-]+)"`).exec(list)![1];
    const ownRow = new RegExp(`<tr data-user="${USERS.admin}">.*?</tr>`, 's').exec(list)![0];
    expect(ownRow).not.toContain(`/desk/admin/users/${own}/disable`);
    expect(ownRow).toContain('Su cuenta: otra persona administradora puede deshabilitarla');
    expect(list).toContain(`/desk/admin/users/${id}/disable`);
    const self = await admin.submit(`/desk/admin/users/${own}/disable`, {});
    expect(self.status).toBe(422);
    expect(self.text).toContain('<h1>Cuentas de usuario</h1>');
    expect(self.text).toMatch(/role="alert"[^>]*>[\s\S]*?Una persona administradora no puede desactivar su propia cuenta\./);
    expect(self.text).toContain(`data-user="${USERS.fiscalGT}"`);
    expect(self.text).not.toContain('does not disable');
    expect((await admin.open('/desk/admin/users')).text).toMatch(new RegExp(`<tr data-user="${USERS.admin}">.*?data-status="active"`));
  }, 120_000);

  it('is refused to everyone but the administrator', async () => {
    for (const email of [USERS.supervisorGT, USERS.cancilleriaGT]) {
      const browser = formBrowser(t);
      await browser.signIn(email);
      await browser.open('/desk/admin/users', 403);
      const before = await userCount();
      expect((await browser.submit('/desk/admin/users', { name: 'X', email: 'x@demo.enlace', role: 'fiscal', country: 'GT', office: '' })).status).toBe(403);
      expect(await userCount()).toBe(before);
    }
  }, 120_000);
});
