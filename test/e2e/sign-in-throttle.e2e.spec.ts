// No brake on guessing passwords was the attack: 200 wrong passwords in 82 s, then the right one
// worked. Now: per e-mail and per client address, growing delays (429 with Retry-After) before the
// password is even checked, a temporary lock after repeated failures that reads the same whether or
// not the e-mail has an account, counted in PostgreSQL so that every API process brakes alike.
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { Clock } from '@enlace/core';
import { createApiApplication } from '../../apps/api/src/api-application.js';
import { formBrowser } from '../support/page-session.js';
import { TestClock } from '../support/test-clock.js';
import { DEMO_PASSWORD, startTestApp, type TestApp } from '../support/test-app.js';
import { addUser } from '../support/users.factory.js';
import { Test } from '@nestjs/testing';

const clock = new TestClock(new Date());
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ clock });
});
afterAll(() => t?.close());

const login = (email: string, password: string, app: NestFastifyApplication = t.app) =>
  request(app.getHttpServer()).post('/api/auth/login').send({ email, password });
const SECOND = 1000;
/** Past every window and lock, so that each test starts with no brake holding. */
afterEach(() => clock.advance(24 * 3600 * SECOND));

describe('per e-mail', () => {
  it('throttles the 6th wrong password in a minute (429, Retry-After), and the right one is not even checked until the wait is over', async () => {
    const user = await addUser(t);
    for (let i = 1; i <= 5; i++) expect((await login(user.email, `wrong-${i}`)).status).toBe(401);
    const sixth = await login(user.email, 'wrong-6');
    expect(sixth.status).toBe(429);
    expect(sixth.headers['retry-after']).toBe('60');
    expect(sixth.body).toMatchObject({ statusCode: 429, error: 'too_many_requests', retryAfterSeconds: 60, locked: false });
    expect((await login(user.email, DEMO_PASSWORD)).status).toBe(429);

    clock.advance(30 * SECOND);
    expect((await login(user.email, DEMO_PASSWORD)).headers['retry-after']).toBe('30');
    clock.advance(31 * SECOND);
    expect((await login(user.email, DEMO_PASSWORD)).status).toBe(200);
    // A success starts the count afresh.
    for (let i = 1; i <= 5; i++) expect((await login(user.email, `wrong-${i}`)).status).toBe(401);
  });

  it('makes each further failure wait twice as long, then locks the e-mail for 30 minutes', async () => {
    const user = await addUser(t);
    for (let i = 1; i <= 5; i++) await login(user.email, 'wrong');
    const waits: string[] = [];
    for (let i = 6; i <= 10; i++) {
      const refused = await login(user.email, 'wrong');
      waits.push(refused.headers['retry-after']);
      clock.advance(Number(refused.headers['retry-after']) * SECOND);
      expect((await login(user.email, 'wrong')).status).toBe(401);
    }
    expect(waits).toEqual(['60', '120', '240', '480', '960']);
    const locked = await login(user.email, DEMO_PASSWORD);
    expect(locked.status).toBe(429);
    expect(locked.body).toMatchObject({ locked: true, retryAfterSeconds: 1800 });
    expect(locked.body.message).toMatch(/locked for 30 minute/);
    clock.advance(1800 * SECOND);
    expect((await login(user.email, DEMO_PASSWORD)).status).toBe(200);
  });

  it('answers exactly the same for an e-mail no account has: the lock does not tell who exists', async () => {
    const user = await addUser(t);
    const walk = async (email: string) => {
      const answers: unknown[] = [];
      for (let i = 1; i <= 12; i++) {
        const r = await login(email, 'wrong');
        answers.push([r.status, r.headers['retry-after'], { ...r.body }]);
        if (r.status === 429) clock.advance(Number(r.headers['retry-after']) * SECOND);
      }
      return answers;
    };
    const existing = await walk(user.email);
    clock.advance(24 * 3600 * SECOND);
    const nobody = await walk('nadie.existe@demo.enlace');
    expect(nobody).toEqual(existing);
    expect(existing.filter((a) => (a as [number])[0] === 429).length).toBeGreaterThan(0);
  });

  it('lets a burst of parallel guesses through no faster: of 20 at once, 5 are checked', async () => {
    const user = await addUser(t);
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => login(user.email, `guess-${i}`)));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(15);
  });

  it('is counted in PostgreSQL: a second API process on the same database brakes the same e-mail', async () => {
    const user = await addUser(t);
    const second = await createApiApplication(t.config, { consume: false }, async (root, adapter, options) => {
      const module = await Test.createTestingModule({ imports: [root] }).overrideProvider(Clock).useValue(clock).compile();
      return module.createNestApplication(adapter, options);
    });
    try {
      for (let i = 1; i <= 3; i++) expect((await login(user.email, 'wrong', t.app)).status).toBe(401);
      for (let i = 1; i <= 2; i++) expect((await login(user.email, 'wrong', second)).status).toBe(401);
      expect((await login(user.email, DEMO_PASSWORD, t.app)).status).toBe(429);
      expect((await login(user.email, DEMO_PASSWORD, second)).status).toBe(429);
      const rows = await t.sql<{ key: string }>('SELECT key FROM sign_in_throttle');
      expect(JSON.stringify(rows)).not.toContain(user.email); // e-mails typed are kept as hashes only
    } finally {
      await second.close();
    }
  });
});

describe('per client address', () => {
  it('slows an address trying many e-mails (20 failures), for everyone behind it, and never locks it', async () => {
    for (let i = 0; i < 20; i++) expect((await login(`guess-${i}@demo.enlace`, 'wrong')).status).toBe(401);
    const honest = await login('fiscal.gt@demo.enlace', DEMO_PASSWORD);
    expect(honest.status).toBe(429);
    expect(honest.body.locked).toBe(false);
    clock.advance(Number(honest.headers['retry-after']) * SECOND);
    expect((await login('fiscal.gt@demo.enlace', DEMO_PASSWORD)).status).toBe(200);
  });
});

describe('the sign-in page', () => {
  it('says in the user’s language how long to wait (429, Retry-After), without saying whether the e-mail exists', async () => {
    const browser = formBrowser(t, { 'Accept-Language': 'es' });
    await browser.open('/sign-in');
    for (let i = 1; i <= 5; i++) expect((await browser.submit('/sign-in', { email: 'nadie@demo.enlace', password: 'x' })).status).toBe(401);
    const page = await browser.submit('/sign-in', { email: 'nadie@demo.enlace', password: 'x' });
    expect(page.status).toBe(429);
    expect(page.headers['retry-after']).toBe('60');
    expect(page.text).toContain('Demasiados intentos fallidos de inicio de sesión con este correo electrónico o desde esta conexión. Vuelva a intentarlo dentro de 1 min.');
    const english = formBrowser(t, { 'Accept-Language': 'en' });
    await english.open('/sign-in');
    const en = await english.submit('/sign-in', { email: 'nadie@demo.enlace', password: 'x' });
    expect(en.text).toContain('Too many failed sign-ins with this e-mail address or from this connection.');
  });
});
