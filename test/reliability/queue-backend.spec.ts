// The queue backend (Redis) unreachable: the API says so on readiness and in one log line, keeps
// saving changes (the outbox holds their effects), and delivers everything once Redis is back; a
// worker that never reaches it says so and exits 1.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { advanceUntil, createRequest } from '../support/request-flow.js';
import { testPort } from '../support/service-process.js';
import { createTestDatabase } from '../support/test-database.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

type LogLine = { msg?: string; level?: number };

function logSink(lines: LogLine[]) {
  return {
    write(chunk: string) {
      for (const line of chunk.split('\n').filter(Boolean)) lines.push(JSON.parse(line) as LogLine);
    },
  };
}

const BOUNDS = { ENLACE_QUEUE_TIMEOUT_MS: '1000', ENLACE_OUTBOX_SWEEP_MS: '500', ENLACE_LOG_LEVEL: 'info' };

describe('an API whose REDIS_URL names nothing', () => {
  const lines: LogLine[] = [];
  let t: TestApp;
  const port = testPort();
  beforeAll(async () => {
    t = await startTestApp({ env: { ...BOUNDS, REDIS_URL: `redis://127.0.0.1:${port}` }, logDestination: logSink(lines) });
  });
  afterAll(() => t?.close());

  it('answers readiness 503 naming the queue backend, health 200 saying it is down, and still saves every change', async () => {
    // The liveness call beside it waits on nothing: its time is what the machine itself adds (the whole
    // suite shares the CPU), and the readiness answer is held to the queue's bound beyond that.
    const timed = async (path: string) => {
      const started = Date.now();
      const response = await t.http().get(path);
      return { response, ms: Date.now() - started };
    };
    const [{ response: ready, ms: readyMs }, { ms: stallMs }] = await Promise.all([timed('/api/health/ready'), timed('/api/health/live')]);
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({ error: 'unavailable', database: 'ok', queue: 'down' });
    expect(ready.body.message).toBe(`Not ready: the queue backend (Redis at 127.0.0.1:${port}) does not answer`);
    expect(ready.headers['retry-after']).toBe('5');
    expect(readyMs - stallMs).toBeLessThan(1000 + 1000);
    expect((await t.http().get('/api/health').expect(200)).body).toMatchObject({ status: 'ok', database: 'ok', queue: 'down' });
    expect((await t.http().get('/api/health/live').expect(200)).body).toEqual({ status: 'ok' });

    const flow = await createRequest(t);
    await advanceUntil(t, flow, 'SUBMIT');
    const history = await t.sql('SELECT event FROM request_history WHERE request_id = $1', [flow.id]);
    expect(history).toHaveLength(3);
    // The effects wait in the outbox, none handed over, none lost.
    const pending = await t.sql<{ n: number }>('SELECT count(*)::int AS n FROM outbox WHERE request_id = $1 AND done_at IS NULL', [flow.id]);
    expect(pending[0].n).toBeGreaterThan(0);

    // One line says the queue backend is down, whatever the number of retries and calls since.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const down = lines.filter((l) => /^The queue backend .* does not answer/.test(l.msg ?? ''));
    expect(down).toHaveLength(1);
    expect(down[0].msg).toContain(`Redis at 127.0.0.1:${port}`);
    expect(lines.filter((l) => /ECONNREFUSED/.test(l.msg ?? '') && l !== down[0])).toEqual([]);
  }, 60_000);
});

describe('a worker whose REDIS_URL names nothing', () => {
  it('says so in one line and exits 1 after ENLACE_QUEUE_CONNECT_TIMEOUT_MS', async () => {
    const database = await createTestDatabase();
    const port = testPort();
    try {
      const started = Date.now();
      const child = spawn(process.execPath, ['dist/apps/worker/src/main.js'], {
        env: {
          PATH: process.env.PATH,
          DATABASE_URL: database.url,
          REDIS_URL: `redis://127.0.0.1:${port}`,
          ENLACE_TOKEN_SECRET: randomBytes(32).toString('hex'),
          ENLACE_QUEUE_CONNECT_TIMEOUT_MS: '3000',
          ENLACE_LOG_LEVEL: 'info',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (chunk) => (output += String(chunk)));
      child.stderr.on('data', (chunk) => (output += String(chunk)));
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      const ms = Date.now() - started;
      console.log(`A worker with a wrong REDIS_URL exited ${code} after ${ms} ms, ${output.split('\n').filter(Boolean).length} lines`);
      expect(code).toBe(1);
      const last = output.trim().split('\n').at(-1);
      expect(last).toBe(`Cannot reach the queue backend (Redis at 127.0.0.1:${port}) within 3 s (connect ECONNREFUSED 127.0.0.1:${port}): check REDIS_URL`);
      // No stack per retry: the retries are not printed at all.
      expect(output).not.toMatch(/^\s+at /m);
      expect(output.split('\n').filter((l) => l.includes('ECONNREFUSED')).length).toBeLessThanOrEqual(2);
      expect(ms).toBeLessThan(30_000);
    } finally {
      await database.drop();
    }
  }, 60_000);
});
