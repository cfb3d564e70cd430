import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildOnce } from './build.js';
import { redisAvailable } from './services.js';
import { createTestDatabase, withClient } from './test-database.js';

/** The service as an operator runs it from dist/: `start:api` and `start:worker`, demo users seeded. */
export interface WebService {
  /** e.g. http://127.0.0.1:24817 */
  url: string;
  /** Logs in a demo user through the API and returns an Authorization header value. */
  login(email: string): Promise<string>;
  /** Calls the API as a demo user (for the roles whose desks are not pages yet). */
  api(method: string, path: string, email: string, body?: unknown): Promise<{ status: number; body: any }>;
  /** Runs SQL on the service's database: to put it in a state no user action reaches quickly (a failed rendering). */
  sql<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  stop(): Promise<void>;
}

/** A port below the ephemeral range that nothing listens on (see notes/stack.md, "Test servers"). */
async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = 24000 + Math.floor(Math.random() * 6000);
    const free = await new Promise<boolean>((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error('No free port found');
}

function run(script: string, env: NodeJS.ProcessEnv, args: string[] = []): { child: ChildProcess; output: () => string } {
  let output = '';
  const child = spawn(process.execPath, [script, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (chunk) => (output += String(chunk)));
  child.stderr!.on('data', (chunk) => (output += String(chunk)));
  return { child, output: () => output };
}

const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', resolve)));

/** `env`: settings of this test's service beside the defaults (e.g. a small ENLACE_ANNEX_MAX_BYTES). */
export async function startWebService(extraEnv: NodeJS.ProcessEnv = {}): Promise<WebService> {
  await buildOnce();
  const database = await createTestDatabase();
  const documentsDir = mkdtempSync(join(tmpdir(), 'enlace-web-documents-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    DATABASE_URL: database.url,
    ...(redisAvailable() ? { REDIS_URL: process.env.REDIS_URL } : {}),
    ENLACE_TOKEN_SECRET: randomBytes(32).toString('hex'),
    ENLACE_QUEUE_PREFIX: `web-${randomBytes(4).toString('hex')}`,
    ENLACE_DOCUMENTS_DIR: documentsDir,
    ENLACE_SEAL_DIR: join(tmpdir(), 'enlace-test-seal'),
    ENLACE_LOG_LEVEL: 'error',
    ENLACE_PUBLIC_URL: url,
    HOST: '127.0.0.1',
    PORT: String(port),
    ...extraEnv,
  };
  const seed = run('dist/apps/api/src/cli/seed.js', env, ['--demo']);
  if ((await exited(seed.child)) !== 0) throw new Error(`seed --demo failed:\n${seed.output()}`);
  const api = run('dist/apps/api/src/main.js', env);
  const worker = run('dist/apps/worker/src/main.js', env);
  const stop = async () => {
    for (const p of [api, worker]) if (p.child.exitCode === null) p.child.kill('SIGTERM');
    await Promise.all([exited(api.child), exited(worker.child)]);
    await database.drop();
    rmSync(documentsDir, { recursive: true, force: true });
  };
  const started = Date.now();
  for (;;) {
    const healthy = await fetch(`${url}/api/health`).then((r) => r.ok, () => false);
    if (healthy) break;
    if (api.child.exitCode !== null || Date.now() - started > 90_000) {
      await stop();
      throw new Error(`The service did not start:\n${api.output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const tokens = new Map<string, string>();
  const login = async (email: string) => {
    if (!tokens.has(email)) {
      const response = await fetch(`${url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: 'enlace-demo' }),
      });
      if (!response.ok) throw new Error(`Login of ${email} answered ${response.status}`);
      tokens.set(email, `Bearer ${((await response.json()) as { accessToken: string }).accessToken}`);
    }
    return tokens.get(email)!;
  };
  return {
    url,
    login,
    async api(method, path, email, body) {
      const response = await fetch(`${url}/api${path}`, {
        method,
        headers: { 'content-type': 'application/json', authorization: await login(email) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : undefined };
    },
    sql: (text, params = []) => withClient(database.url, async (c) => (await c.query(text, params)).rows),
    stop,
  };
}
