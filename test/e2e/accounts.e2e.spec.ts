// Accounts over the API: the admin creates a user (who sets a first password through a one-time
// link), disables and re-enables them, and issues a new link; a user changes their own password.
// Every new password meets the policy (length, not the e-mail, not a common password); a change of
// password or a disable ends every session at once; a refused change writes nothing.
import { USERS } from '../support/request-flow.js';
import { TestClock } from '../support/test-clock.js';
import { DEMO_PASSWORD, startTestApp, type TestApp } from '../support/test-app.js';
import { userId } from '../support/users.factory.js';

const clock = new TestClock(new Date());
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ clock });
});
afterAll(() => t?.close());

const admin = () => t.login(USERS.admin);
const login = (email: string, password: string) => t.http().post('/api/auth/login').send({ email, password });
const bearerOf = async (email: string, password: string) => `Bearer ${(await login(email, password).expect(200)).body.accessToken}`;
const works = async (bearer: string) => (await t.http().get('/api/notifications').set('Authorization', bearer)).status;
const usersTable = () => t.sql('SELECT id, email, role, country, password_hash, disabled_at, session_generation FROM users ORDER BY email');
const GOOD = 'río-verde-atardecer-17';

async function createUser(body: Record<string, unknown>) {
  return t.http().post('/api/users').set('Authorization', await admin()).send(body);
}

describe('creating an account', () => {
  it('gives the admin the account and a one-time link; the person sets a first password that meets the policy, once', async () => {
    const created = await createUser({ email: 'Lucia.Ixcot@demo.enlace', name: 'Lucía Ixcot', role: 'fiscal', country: 'GT', office: 'Fiscalía contra el Tráfico Ilícito de Migrantes' });
    expect(created.status).toBe(201);
    expect(created.body.user).toMatchObject({ email: 'lucia.ixcot@demo.enlace', role: 'fiscal', country: 'GT', disabled: false, secondFactor: false });
    const { token, expiresAt } = created.body.passwordLink;
    expect(token).toMatch(/^[\w-]{43}$/);
    expect(Date.parse(expiresAt) - clock.now().getTime()).toBe(24 * 3600 * 1000);
    expect(JSON.stringify(await t.sql('SELECT * FROM password_resets'))).not.toContain(token); // only its hash is kept
    expect((await login('lucia.ixcot@demo.enlace', DEMO_PASSWORD)).status).toBe(401);

    const reset = (newPassword: string, withToken = token) => t.http().post('/api/auth/password-reset').send({ token: withToken, newPassword });
    const weak: [string, string[]][] = [
      ['corta', ['min_length']],
      ['Password1234', ['common_password']],
      ['lucia.ixcot-es-mi-clave', ['contains_email']],
      ['x'.repeat(300), ['max_length']],
    ];
    const before = await usersTable();
    for (const [password, rules] of weak) {
      const refused = await reset(password);
      expect([refused.status, refused.body.fields]).toEqual([400, rules.map((rule) => ({ field: 'newPassword', rule }))]);
    }
    expect(await usersTable()).toEqual(before); // nothing written, the link not spent
    await reset(GOOD).expect(204);
    expect((await login('lucia.ixcot@demo.enlace', GOOD)).status).toBe(200);
    const again = await reset('otra-clave-muy-larga-99');
    expect([again.status, again.body.fields]).toEqual([400, [{ field: 'token', rule: 'invalid_or_used' }]]);
    expect((await reset(GOOD, 'not-a-token')).status).toBe(400);
  });

  it('refuses anyone but the admin (403), a taken e-mail (409), a country that does not fit the role and a malformed body (400), writing nothing', async () => {
    const before = await usersTable();
    const body = { email: 'nuevo@demo.enlace', name: 'Nuevo', role: 'fiscal', country: 'GT' };
    for (const who of ['supervisorGT', 'cancilleriaGT', 'fiscalGT'] as const) {
      const refused = await t.http().post('/api/users').set('Authorization', await t.login(USERS[who])).send(body);
      expect([who, refused.status]).toEqual([who, 403]);
    }
    const taken = await createUser({ ...body, email: 'FISCAL.GT@demo.enlace' });
    expect([taken.status, taken.body.error]).toEqual([409, 'already_exists']);
    expect((await createUser({ ...body, role: 'admin' })).body.fields).toEqual([{ field: 'country', rule: 'not_for_admin' }]);
    expect((await createUser({ ...body, country: undefined })).body.fields).toEqual([{ field: 'country', rule: 'required' }]);
    for (const bad of [{ ...body, role: 'root' }, { ...body, country: 'XX' }, { ...body, email: 'no-es-correo' }, { ...body, extra: 1 }]) {
      expect((await createUser(bad)).status).toBe(400);
    }
    expect(await usersTable()).toEqual(before);
    expect(await t.sql('SELECT * FROM password_resets WHERE user_id NOT IN (SELECT id FROM users WHERE email = $1)', ['lucia.ixcot@demo.enlace'])).toEqual([]);
  });

  it('lets a link expire unused', async () => {
    const created = await createUser({ email: 'tarde@demo.enlace', name: 'Tarde', role: 'supervisor', country: 'HN' });
    clock.advance(24 * 3600 * 1000 + 1000);
    const late = await t.http().post('/api/auth/password-reset').send({ token: created.body.passwordLink.token, newPassword: GOOD });
    expect(late.body.fields).toEqual([{ field: 'token', rule: 'invalid_or_used' }]);
  });
});

describe('disable and re-enable', () => {
  it('ends every session at once and refuses sign-in while disabled; re-enabled, the person signs in again', async () => {
    const id = await userId(t, USERS.fiscalUS);
    const before = await bearerOf(USERS.fiscalUS, DEMO_PASSWORD);
    const disabled = await t.http().post(`/api/users/${id}/disable`).set('Authorization', await admin());
    expect([disabled.status, disabled.body.disabled]).toEqual([200, true]);
    expect(await works(before)).toBe(401);
    expect((await login(USERS.fiscalUS, DEMO_PASSWORD)).status).toBe(401);
    const enabled = await t.http().post(`/api/users/${id}/enable`).set('Authorization', await admin());
    expect(enabled.body.disabled).toBe(false);
    expect(await works(before)).toBe(401);
    expect(await works(await bearerOf(USERS.fiscalUS, DEMO_PASSWORD))).toBe(200);

    const self = await t.http().post(`/api/users/${await userId(t, USERS.admin)}/disable`).set('Authorization', await admin());
    expect([self.status, self.body.error]).toEqual([422, 'rule_violation']);
    expect((await t.http().post(`/api/users/${id}/disable`).set('Authorization', await t.login(USERS.supervisorGT))).status).toBe(403);
    expect((await t.http().post('/api/users/00000000-0000-4000-8000-000000000000/disable').set('Authorization', await admin())).status).toBe(404);
    expect((await t.http().get('/api/users').set('Authorization', await admin())).body.map((u: { email: string }) => u.email)).toContain(USERS.fiscalUS);
  });

  it('a new link from the admin resets a forgotten password; the old password and tokens stop working', async () => {
    const id = await userId(t, USERS.fiscalHN);
    const before = await bearerOf(USERS.fiscalHN, DEMO_PASSWORD);
    const link = await t.http().post(`/api/users/${id}/password-link`).set('Authorization', await admin());
    expect(link.status).toBe(201);
    expect(await works(before)).toBe(200); // a link changes nothing until it is used
    await t.http().post('/api/auth/password-reset').send({ token: link.body.token, newPassword: GOOD }).expect(204);
    expect(await works(before)).toBe(401);
    expect((await login(USERS.fiscalHN, DEMO_PASSWORD)).status).toBe(401);
    expect((await login(USERS.fiscalHN, GOOD)).status).toBe(200);
  });
});

describe('changing my own password', () => {
  it('needs the current one, meets the policy, ends the other sessions and answers a new token', async () => {
    const other = await bearerOf(USERS.cancilleriaHN, DEMO_PASSWORD);
    const mine = await bearerOf(USERS.cancilleriaHN, DEMO_PASSWORD);
    const change = (currentPassword: string, newPassword: string) =>
      t.http().post('/api/auth/password').set('Authorization', mine).send({ currentPassword, newPassword });
    const before = await usersTable();
    expect((await change('no-es-esta', GOOD)).body.fields).toEqual([{ field: 'currentPassword', rule: 'incorrect' }]);
    expect((await change(DEMO_PASSWORD, 'enlace-demo')).body.fields).toEqual([
      { field: 'newPassword', rule: 'min_length' },
      { field: 'newPassword', rule: 'common_password' }, // the demo's own password is on the shipped list
    ]);
    expect((await change(DEMO_PASSWORD, 'cancilleria.hn-2026-clave')).body.fields).toEqual([{ field: 'newPassword', rule: 'contains_email' }]);
    expect((await change(DEMO_PASSWORD, 'Motdepasse1234')).body.fields).toEqual([{ field: 'newPassword', rule: 'common_password' }]);
    expect(await usersTable()).toEqual(before);

    const changed = await change(DEMO_PASSWORD, GOOD);
    expect(changed.status).toBe(200);
    expect(await works(`Bearer ${changed.body.accessToken}`)).toBe(200);
    expect([await works(mine), await works(other)]).toEqual([401, 401]);
    expect((await login(USERS.cancilleriaHN, DEMO_PASSWORD)).status).toBe(401);
    expect((await login(USERS.cancilleriaHN, GOOD)).status).toBe(200);
    expect((await t.http().post('/api/auth/password').send({ currentPassword: GOOD, newPassword: GOOD })).status).toBe(401);
  });
});
