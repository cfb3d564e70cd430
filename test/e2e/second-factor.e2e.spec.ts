// A second factor: TOTP (RFC 6238) enrolled with an authenticator and confirmed with a first code,
// ten recovery codes shown once; sign-in then needs a code (a wrong or replayed one is refused, a
// recovery code works once); a role the setting names must enrol before anything else opens.
import { Secret, TOTP } from 'otpauth';
import { formBrowser } from '../support/page-session.js';
import { USERS } from '../support/request-flow.js';
import { TestClock } from '../support/test-clock.js';
import { DEMO_PASSWORD, startTestApp, type TestApp } from '../support/test-app.js';

const clock = new TestClock(new Date());
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ clock, env: { ENLACE_TOTP_REQUIRED_ROLES: 'supervisor' } });
});
afterAll(() => t?.close());

const login = (email: string, code?: string) => t.http().post('/api/auth/login').send({ email, password: DEMO_PASSWORD, ...(code === undefined ? {} : { code }) });
const codeAt = (secret: string, at = clock.now()) => new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({ timestamp: at.getTime() });
const STEP = 30_000;
let fiscalSecret = '';

async function enrol(email: string): Promise<{ secret: string; recoveryCodes: string[]; bearer: string }> {
  const bearer = `Bearer ${(await login(email).expect(200)).body.accessToken}`;
  const started = await t.http().post('/api/auth/totp/enrol').set('Authorization', bearer).expect(200);
  const { secret, otpauthUri } = started.body as { secret: string; otpauthUri: string };
  expect(otpauthUri).toMatch(new RegExp(`^otpauth://totp/Enlace:${encodeURIComponent(email)}\\?issuer=Enlace&secret=${secret}&algorithm=SHA1&digits=6&period=30$`));
  const wrong = await t.http().post('/api/auth/totp/confirm').set('Authorization', bearer).send({ code: '000000' === codeAt(secret) ? '111111' : '000000' });
  expect([wrong.status, wrong.body.fields]).toEqual([400, [{ field: 'code', rule: 'invalid' }]]);
  const confirmed = await t.http().post('/api/auth/totp/confirm').set('Authorization', bearer).send({ code: codeAt(secret) });
  expect(confirmed.status).toBe(200);
  return { secret, recoveryCodes: confirmed.body.recoveryCodes, bearer };
}

describe('enrolment and sign-in with a code', () => {
  it('asks for a code once enrolled; refuses a wrong or replayed one; takes the next one and each recovery code once', async () => {
    expect((await login(USERS.fiscalGT).expect(200)).body.secondFactor).toBe('off');
    const { secret, recoveryCodes, bearer } = await enrol(USERS.fiscalGT);
    fiscalSecret = secret;
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    recoveryCodes.forEach((c) => expect(c).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/));
    expect((await t.http().post('/api/auth/totp/enrol').set('Authorization', bearer)).status).toBe(409);
    const stored = await t.sql<{ recovery_codes: string[] }>('SELECT recovery_codes FROM users WHERE email = $1', [USERS.fiscalGT]);
    expect(JSON.stringify(stored)).not.toContain(recoveryCodes[0]); // kept as hashes only

    clock.advance(STEP);
    const without = await login(USERS.fiscalGT);
    expect([without.status, without.body.error, without.body.secondFactor]).toEqual([401, 'unauthorized', 'required']);
    const wrong = await login(USERS.fiscalGT, codeAt(secret, new Date(clock.now().getTime() + 10 * STEP)));
    expect([wrong.status, wrong.body.secondFactor]).toEqual([401, 'invalid']);
    const code = codeAt(secret);
    const signedIn = await login(USERS.fiscalGT, code);
    expect([signedIn.status, signedIn.body.secondFactor]).toEqual([200, 'on']);
    expect((await login(USERS.fiscalGT, code)).status).toBe(401); // the same code twice: a replay
    clock.advance(STEP);
    expect((await login(USERS.fiscalGT, codeAt(secret))).status).toBe(200);

    expect((await login(USERS.fiscalGT, recoveryCodes[3].toUpperCase())).status).toBe(200);
    expect((await login(USERS.fiscalGT, recoveryCodes[3])).status).toBe(401); // spent
    expect((await t.sql<{ n: number }>('SELECT cardinality(recovery_codes) AS n FROM users WHERE email = $1', [USERS.fiscalGT]))[0].n).toBe(9);
  });

  it('the sign-in page asks for the code in the user’s language, and signs in with it', async () => {
    const browser = formBrowser(t, { 'Accept-Language': 'es' });
    const page = await browser.open('/sign-in');
    expect(page.text).toContain('Código de verificación');
    const refused = await browser.submit('/sign-in', { email: USERS.fiscalGT, password: DEMO_PASSWORD });
    expect(refused.status).toBe(401);
    expect(refused.text).toContain('<a href="#code">Escriba el código de verificación de su aplicación (o un código de recuperación).</a>');
    // A code the API's LoginDto refuses (too long; an invisible character pasted with it) is a field to
    // fix, not a refused sign-in: 400 as POST /api/auth/login answers it, the message beside the code.
    for (const code of ['1'.repeat(21), '123\u200F456']) {
      const api = await t.http().post('/api/auth/login').send({ email: USERS.fiscalGT, password: DEMO_PASSWORD, code });
      const malformed = await browser.submit('/sign-in', { email: USERS.fiscalGT, password: DEMO_PASSWORD, code });
      expect([api.status, malformed.status]).toEqual([400, 400]);
      expect(malformed.text).toContain('<a href="#code">Código de verificación: ');
    }
    clock.advance(STEP);
    const signedIn = await browser.submit('/sign-in', { email: USERS.fiscalGT, password: DEMO_PASSWORD, code: codeAt(fiscalSecret) });
    expect(signedIn.status).toBe(303);
    expect((await browser.agent.get('/desk/requests')).status).toBe(200);
  });
});

describe('a role that must sign in with a second factor (ENLACE_TOTP_REQUIRED_ROLES)', () => {
  it('opens only enrolment and logout until one is enrolled, then everything with a code', async () => {
    const first = await login(USERS.supervisorGT).expect(200);
    expect(first.body.secondFactor).toBe('enrolment_required');
    const bearer = `Bearer ${first.body.accessToken}`;
    const blocked = await t.http().get('/api/analytics/turnaround').set('Authorization', bearer);
    expect([blocked.status, blocked.body.error]).toEqual([403, 'second_factor_enrollment_required']);
    expect((await t.http().get('/api/requests').set('Authorization', bearer)).status).toBe(403);
    // The pages are closed too.
    const browser = formBrowser(t);
    await browser.signIn(USERS.supervisorGT);
    expect((await browser.agent.get('/desk/dashboard')).status).toBe(403);

    const { secret } = await enrol(USERS.supervisorGT);
    clock.advance(STEP);
    const withCode = await login(USERS.supervisorGT, codeAt(secret)).expect(200);
    expect(withCode.body.secondFactor).toBe('on');
    await t.http().get('/api/analytics/turnaround').set('Authorization', `Bearer ${withCode.body.accessToken}`).expect(200);
    // A fiscal is not named by the setting: the password alone still works.
    expect((await login(USERS.fiscalMX).expect(200)).body.secondFactor).toBe('off');
  });
});
