import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildRequestFields } from '../../templates/testing/request.factory.js';
import { HAPPY_PATH, USERS } from '../support/request-flow.js';

/**
 * `npm start` as a user meets it: no DATABASE_URL, no REDIS_URL, a fresh data folder. The service
 * must start its own PostgreSQL, seed the demo directory, carry a request through every step with
 * its documents rendered, and keep all of it across a restart.
 */
const PORT = 23000 + Math.floor(Math.random() * 2000);
const PG_PORT = PORT + 2000;
const BASE = `http://127.0.0.1:${PORT}/api`;

function start(dataDir: string): { child: ChildProcess; output: () => string } {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !['DATABASE_URL', 'REDIS_URL', 'NODE_OPTIONS'].includes(key)) env[key] = value;
  }
  let output = '';
  // `npm start` less its prestart build, which the global setup already ran: rebuilding dist/ here
  // would rewrite files that other tests are starting processes from.
  const child = spawn('npm', ['start', '--ignore-scripts'], {
    env: { ...env, ENLACE_DATA_DIR: dataDir, PORT: String(PORT), ENLACE_EMBEDDED_PG_PORT: String(PG_PORT) },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  child.stdout!.on('data', (chunk) => (output += String(chunk)));
  child.stderr!.on('data', (chunk) => (output += String(chunk)));
  return { child, output: () => output };
}

async function healthyWithin(ms: number, output: () => string): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < ms) {
    try {
      const response = await fetch(`${BASE}/health`);
      if (response.status === 200) return Date.now() - started;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`npm start did not answer /api/health within ${ms} ms:\n${output()}`);
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  process.kill(-child.pid!, 'SIGTERM');
  await exited;
}

async function call(method: string, path: string, token?: string, body?: unknown) {
  const response = await fetch(`${BASE}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

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
      const freshMs = await healthyWithin(120_000, first.output);
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
      ]);
    } finally {
      await stop(first.child);
    }

    const second = start(dataDir);
    try {
      const restartMs = await healthyWithin(120_000, second.output);
      console.log(`npm start answered /api/health on a restart after ${restartMs} ms `);
      // The old token still works (the signing secret is kept in the data folder) and the data is there.
      const again = await call('GET', `/requests/${requestId}`, tokens.get(USERS.fiscalGT));
      expect(again.status).toBe(200);
      expect(again.body.state).toBe('closed');
    } finally {
      await stop(second.child);
    }
  }, 300_000);
});
