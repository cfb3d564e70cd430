// Sessions that end: a token must say when it expires and when it was issued (not in the future),
// a malformed one is a 401 and never a 500, and a logout, a new password, role or country, or a
// disable refuses every token issued before it, at once, in the API and in the browser's session.
import { SignJWT } from 'jose';
import { formBrowser } from '../support/page-session.js';
import { DEMO_PASSWORD, startTestApp, type TestApp } from '../support/test-app.js';
import { addUser, userId } from '../support/users.factory.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

/** A fresh sign-in of its own (never the test app's cached token, which a logout would end). */
const signIn = async (email: string, password = DEMO_PASSWORD) => {
  const response = await t.http().post('/api/auth/login').send({ email, password });
  return { status: response.status, bearer: `Bearer ${response.body.accessToken}`, body: response.body };
};
const statusWith = async (bearer: string) => (await t.http().get('/api/requests').set('Authorization', bearer)).status;

/** A token signed with the service's own secret, with claims the test chooses. */
const forged = async (claims: { sub?: string; gen?: unknown; iat?: number; exp?: number | null }) => {
  const now = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT(claims.gen === undefined ? {} : { gen: claims.gen }).setProtectedHeader({ alg: 'HS256' }).setIssuer('enlace');
  if (claims.sub !== undefined) jwt.setSubject(claims.sub);
  jwt.setIssuedAt(claims.iat ?? now);
  if (claims.exp !== null) jwt.setExpirationTime(claims.exp ?? now + 600);
  return `Bearer ${await jwt.sign(new TextEncoder().encode(t.config.tokenSecret))}`;
};

describe('what a token must be', () => {
  it('accepts a well-formed token of the current generation, and refuses one without exp, with iat in the future, or naming no UUID (401, never 500)', async () => {
    const id = await userId(t, 'fiscal.gt@demo.enlace');
    const now = Math.floor(Date.now() / 1000);
    expect(await statusWith(await forged({ sub: id, gen: 1 }))).toBe(200);

    const refused = {
      noExp: await forged({ sub: id, gen: 1, exp: null }),
      iatInTheFuture: await forged({ sub: id, gen: 1, iat: now + 3600, exp: now + 4000 }),
      livesLongerThanATokenMay: await forged({ sub: id, gen: 1, iat: now - 3600, exp: now + 86_400 }),
      expired: await forged({ sub: id, gen: 1, iat: now - 1000, exp: now - 100 }),
      subNotAUuid: await forged({ sub: "1' OR '1'='1", gen: 1 }),
      subNumeric: await forged({ sub: '42', gen: 1 }),
      noSub: await forged({ gen: 1 }),
      noGeneration: await forged({ sub: id }),
      generationNotANumber: await forged({ sub: id, gen: '1' }),
      olderGeneration: await forged({ sub: id, gen: 0 }),
      unknownUser: await forged({ sub: '00000000-0000-4000-8000-000000000000', gen: 1 }),
    };
    for (const [name, bearer] of Object.entries(refused)) {
      const response = await t.http().get('/api/requests').set('Authorization', bearer);
      expect([name, response.status, response.body.error]).toEqual([name, 401, 'unauthorized']);
    }
  });
});

describe('POST /api/auth/logout', () => {
  it('ends this token and every other one the user held (204); a new sign-in works', async () => {
    const user = await addUser(t, { role: 'fiscal', country: 'GT', liaisonStatus: 'authorized' });
    const first = await signIn(user.email);
    const second = await signIn(user.email);
    const someoneElse = await signIn('fiscal.mx@demo.enlace');
    expect([await statusWith(first.bearer), await statusWith(second.bearer)]).toEqual([200, 200]);

    await t.http().post('/api/auth/logout').set('Authorization', first.bearer).expect(204);
    expect([await statusWith(first.bearer), await statusWith(second.bearer)]).toEqual([401, 401]);
    expect(await statusWith(someoneElse.bearer)).toBe(200);
    expect((await t.http().post('/api/auth/logout').set('Authorization', first.bearer)).status).toBe(401);
    expect((await t.http().post('/api/auth/logout')).status).toBe(401);

    const again = await signIn(user.email);
    expect(again.status).toBe(200);
    expect(await statusWith(again.bearer)).toBe(200);
  });

  it('is what the pages’ sign-out does: the cookie’s token is dead afterwards, wherever it was copied', async () => {
    const user = await addUser(t, { role: 'fiscal', country: 'GT', liaisonStatus: 'authorized' });
    const browser = formBrowser(t);
    await browser.signIn(user.email);
    const cookie = (await browser.agent.jar.getCookie('enlace_session', { domain: '127.0.0.1', path: '/', secure: false, script: false })) as unknown as { value: string } | undefined;
    const copied = `Bearer ${cookie!.value}`;
    expect(await statusWith(copied)).toBe(200);
    await browser.open('/desk/requests');
    expect((await browser.submit('/sign-out', {})).status).toBe(303);
    expect(await statusWith(copied)).toBe(401);
    // Replaying the old cookie in another browser signs nobody in.
    const replay = await t.http().get('/desk/requests').set('Cookie', `enlace_session=${cookie!.value}`);
    expect(replay.status).toBe(303);
    expect(replay.headers.location).toMatch(/^\/sign-in/);
  });
});

describe('changes that end every open session', () => {
  const cases: [string, string][] = [
    ['a new password', `UPDATE users SET password_hash = 'x' || password_hash WHERE id = $1`],
    ['a new role', `UPDATE users SET role = 'supervisor' WHERE id = $1`],
    ['a new country', `UPDATE users SET country = 'HN' WHERE id = $1`],
    ['a disable', `UPDATE users SET disabled_at = now() WHERE id = $1`],
  ];
  it.each(cases)('%s refuses the tokens issued before it (401)', async (_what, sql) => {
    const user = await addUser(t, { role: 'fiscal', country: 'GT', liaisonStatus: 'authorized' });
    const before = await signIn(user.email);
    expect(await statusWith(before.bearer)).toBe(200);
    await t.sql(sql, [user.id]);
    expect(await statusWith(before.bearer)).toBe(401);
  });

  it('a change of name or office leaves sessions open; a disabled account cannot sign in, a re-enabled one can', async () => {
    const user = await addUser(t, { role: 'fiscal', country: 'GT', liaisonStatus: 'authorized' });
    const before = await signIn(user.email);
    await t.sql(`UPDATE users SET name = 'Otro nombre', office = 'Otra oficina' WHERE id = $1`, [user.id]);
    expect(await statusWith(before.bearer)).toBe(200);
    await t.sql('UPDATE users SET disabled_at = now() WHERE id = $1', [user.id]);
    const refused = await signIn(user.email);
    expect([refused.status, refused.body.error]).toEqual([401, 'unauthorized']);
    await t.sql('UPDATE users SET disabled_at = NULL WHERE id = $1', [user.id]);
    expect(await statusWith(before.bearer)).toBe(401);
    expect((await signIn(user.email)).status).toBe(200);
  });
});
