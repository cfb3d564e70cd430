import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildRequestFields } from '../../templates/testing/request.factory.js';
import { HAPPY_PATH, USERS } from '../support/request-flow.js';
import { call as callAt, embeddedEnv, healthyWithin, startService, stopService, testPort } from '../support/service-process.js';

/**
 * `npm start` as a user meets it: no DATABASE_URL, no REDIS_URL, a fresh data folder. The service
 * must start its own PostgreSQL, seed the demo directory, carry a request through every step with
 * its documents rendered, and keep all of it across a restart.
 */
const PORT = testPort();
const BASE = `http://127.0.0.1:${PORT}/api`;
const start = (dataDir: string) => startService(embeddedEnv({ ENLACE_DATA_DIR: dataDir, PORT: String(PORT) }));
const call = (method: string, path: string, token?: string, body?: unknown) => callAt(BASE, method, path, token, body);

describe('npm start, everything embedded', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'enlace-start-'));
  chmodSync(dataDir, 0o711);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('serves the happy path on a fresh data folder, and keeps it across a restart', async () => {
    const first = start(dataDir);
    const tokens = new Map<string, string>();
    const login = async (email: string) => {
      if (!tokens.has(email)) {
        const response = await call('POST', '/auth/login', undefined, { email, password: 'enlace-demo' });
        expect(response.status).toBe(200);
        tokens.set(email, response.body.accessToken);
      }
      return tokens.get(email)!;
    };
    let requestId = '';
    try {
      const freshMs = await healthyWithin(first, 120_000);
      console.log(`npm start answered /api/health on a fresh data folder after ${freshMs} ms `);
      const created = await call('POST', '/requests', await login(USERS.fiscalGT), buildRequestFields());
      expect(created.status).toBe(201);
      requestId = created.body.id;
      let version = created.body.version as number;
      for (const step of HAPPY_PATH) {
        const response = await call('POST', `/requests/${requestId}/events`, await login(USERS[step.by]), {
          type: step.type,
          expectedVersion: version,
          comment: step.comment,
          data: step.data,
        });
        expect([step.type, response.status]).toEqual([step.type, 200]);
        version = response.body.version;
        // Each document must be rendered before the next one cites it by hash.
        for (let i = 0; i < 150; i++) {
          const documents = await call('GET', `/requests/${requestId}/documents`, await login(USERS.fiscalGT));
          if ((documents.body as unknown as { status: string }[]).every((d) => d.status !== 'pending')) break;
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      }
      const documents = await call('GET', `/requests/${requestId}/documents`, await login(USERS.fiscalGT));
      expect((documents.body as unknown as { kind: string; status: string }[]).map((d) => `${d.kind}:${d.status}`)).toEqual([
        'informal_draft:ready',
        'informal_draft:ready',
        'standardized_form:ready',
        'authorization:ready',
        'transmission_note:ready',
        'acknowledgement:ready',
        'execution_report:ready',
      ]);
    } finally {
      await stopService(first);
    }

    const second = start(dataDir);
    try {
      const restartMs = await healthyWithin(second, 120_000);
      console.log(`npm start answered /api/health on a restart after ${restartMs} ms `);
      // The old token still works (the signing secret is kept in the data folder) and the data is there.
      const again = await call('GET', `/requests/${requestId}`, tokens.get(USERS.fiscalGT));
      expect(again.status).toBe(200);
      expect(again.body.state).toBe('closed');
    } finally {
      await stopService(second);
    }
  }, 300_000);
});
