import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { buildOnce } from '../support/build.js';
import { createTestDatabase, withClient } from '../support/test-database.js';

const run = promisify(execFile);

/** `npm run seed -- --demo` against any database, as an operator runs it (the compiled CLI). */
describe('npm run seed -- --demo', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    await buildOnce();
    database = await createTestDatabase();
  });
  afterAll(() => database.drop());

  const seed = (...args: string[]) =>
    run(process.execPath, ['dist/apps/api/src/cli/seed.js', ...args], {
      env: { PATH: process.env.PATH, DATABASE_URL: database.url, ENLACE_TOKEN_SECRET: 'x'.repeat(40), ENLACE_DEMO_PASSWORD: 'otra-clave' },
    });

  it('migrates an empty database and creates the contract demo directory once, with the configured password', async () => {
    const first = await seed('--demo');
    // The contract's ten, and the offices the routes add (autoridad.gt transmits, cancilleria.mx receives by note).
    expect(first.stdout).toContain('Demo directory: 12 users created, 0 already there');
    const second = await seed('--demo');
    expect(second.stdout).toContain('Demo directory: 0 users created, 12 already there');
    const users = await withClient(database.url, async (c) =>
      (await c.query('SELECT email, role, country, liaison_status FROM users ORDER BY email')).rows,
    );
    expect(users).toHaveLength(12);
    expect(users).toContainEqual({ email: 'autoridad.gt@demo.enlace', role: 'central_authority', country: 'GT', liaison_status: 'none' });
    expect(users).toContainEqual({ email: 'fiscal.hn@demo.enlace', role: 'fiscal', country: 'HN', liaison_status: 'none' });
    expect(users).toContainEqual({ email: 'admin@demo.enlace', role: 'admin', country: null, liaison_status: 'none' });
    const [{ hash }] = await withClient(database.url, async (c) =>
      (await c.query(`SELECT password_hash AS hash FROM users WHERE email = 'fiscal.gt@demo.enlace'`)).rows,
    );
    const argon2 = (await import('argon2')).default;
    expect(await argon2.verify(hash, 'otra-clave')).toBe(true);
    // Two CLI processes, each booting Nest and hashing ten passwords: on a loaded 2-core CI machine
    // this passed 60 s once (Node 24 run), so it gets the time such processes need there.
  }, 180_000);

  it('refuses to run without saying what to seed', async () => {
    await expect(seed()).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('usage: npm run seed') });
  });
});
