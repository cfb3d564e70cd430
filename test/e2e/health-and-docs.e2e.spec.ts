import { startTestApp, type TestApp } from '../support/test-app.js';
import { withClient } from '../support/test-database.js';

describe('health and the API documentation', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('serves the OpenAPI document at /api/docs without a token, naming the contract routes', async () => {
    const ui = await t.http().get('/api/docs').redirects(1);
    expect(ui.status).toBe(200);
    const spec = await t.http().get('/api/docs/openapi.json').expect(200);
    expect(Object.keys(spec.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/auth/login',
        '/api/requests',
        '/api/requests/{id}',
        '/api/requests/{id}/events',
        '/api/requests/{id}/history',
        '/api/requests/{id}/documents',
        '/api/documents/{id}',
        '/api/documents/verify/{sha256}',
        '/api/health',
      ]),
    );
    expect(spec.body.components.schemas.RequestEventDto.properties.type.enum).toContain('SUBMIT');
  });

  it('answers 200 while PostgreSQL answers, and 503 unavailable when it does not', async () => {
    const ok = await t.http().get('/api/health').expect(200);
    expect(ok.body).toMatchObject({ status: 'ok', database: 'ok' });
    // Cut every connection of the app's pool and refuse new ones, as a database restart would.
    const database = new URL(t.config.databaseUrl!).pathname.slice(1);
    await withClient(process.env.DATABASE_URL!, async (c) => {
      await c.query(`ALTER DATABASE ${database} ALLOW_CONNECTIONS false`);
      await c.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [database]);
    });
    try {
      const down = await t.http().get('/api/health');
      expect(down.status).toBe(503);
      expect(down.body).toMatchObject({ statusCode: 503, error: 'unavailable' });
    } finally {
      await withClient(process.env.DATABASE_URL!, (c) => c.query(`ALTER DATABASE ${database} ALLOW_CONNECTIONS true`));
    }
    await t.http().get('/api/health').expect(200);
  });
});
