// PostgreSQL frozen (SIGSTOP of a throw-away cluster and all its backends) for 20 s under calls: every
// call answers 503 `unavailable` with Retry-After within its bound, none hangs and none is a 500; after
// SIGCONT everything answers 2xx again and nothing answered as an error was written.
import { chmodSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedPostgresServer } from '@enlace/embedded';
import { USERS, createRequest } from '../support/request-flow.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const FREEZE_MS = 20_000;
const CONNECT_TIMEOUT_MS = 2000;
const STATEMENT_TIMEOUT_MS = 3000;
/** What the issue asks: an answer within the timeout + 1 s. */
const ANSWER_WITHIN_MS = STATEMENT_TIMEOUT_MS + 1000;

const root = mkdtempSync(join(tmpdir(), 'enlace-frozen-'));
chmodSync(root, 0o711); // PostgreSQL runs as its own OS user when the tests run as root
const server = new EmbeddedPostgresServer({ dir: root, database: 'postgres', environment: process.env });
let t: TestApp;
let postmaster = 0;

/**
 * Every process of the cluster: PostgreSQL's backends are sessions of their own (setsid), so a signal
 * to the postmaster's group does not reach them.
 */
function signalCluster(name: 'SIGSTOP' | 'SIGCONT'): number {
  // Read from /proc (no procps needed): the fourth field of /proc/PID/stat is the parent's pid.
  const children = readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return Number(readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ')[1]) === postmaster;
      } catch {
        return false; // gone meanwhile
      }
    })
    .map(Number);
  // Stopped first and resumed last, so that no new backend starts meanwhile.
  const order = name === 'SIGSTOP' ? [postmaster, ...children] : [...children, postmaster];
  for (const pid of order) {
    try {
      process.kill(pid, name);
    } catch {
      // gone
    }
  }
  return order.length;
}

beforeAll(async () => {
  const adminUrl = await server.start();
  postmaster = Number(readFileSync(join(root, 'postgres/cluster/postmaster.pid'), 'utf8').split('\n')[0]);
  t = await startTestApp({
    adminUrl,
    redis: true,
    env: {
      ENLACE_DB_CONNECT_TIMEOUT_MS: String(CONNECT_TIMEOUT_MS),
      ENLACE_DB_STATEMENT_TIMEOUT_MS: String(STATEMENT_TIMEOUT_MS),
      ENLACE_QUEUE_TIMEOUT_MS: '1000',
      ENLACE_RETRY_AFTER_SECONDS: '3',
    },
  });
}, 120_000);

afterAll(async () => {
  if (postmaster) signalCluster('SIGCONT');
  await t?.close();
  await server.stop();
  rmSync(root, { recursive: true, force: true });
});

interface Call {
  name: string;
  status: number;
  ms: number;
  retryAfter?: string;
  error?: string;
}

describe('PostgreSQL frozen for 20 s', () => {
  it('answers every call 503 with Retry-After within the statement timeout + 1 s, then 2xx once it is back', async () => {
    const flow = await createRequest(t);
    const token = await t.login(USERS.fiscalGT);
    const [{ n: historyBefore }] = await t.sql<{ n: number }>('SELECT count(*)::int AS n FROM request_history WHERE request_id = $1', [flow.id]);

    const timed = async (name: string, call: () => PromiseLike<{ status: number; headers: Record<string, string>; body: { error?: string } }>): Promise<Call> => {
      const started = Date.now();
      const response = await call();
      return { name, status: response.status, ms: Date.now() - started, retryAfter: response.headers['retry-after'], error: response.body?.error };
    };
    const round = (withEvent = true) => [
      timed('health', () => t.http().get('/api/health')),
      timed('ready', () => t.http().get('/api/health/ready')),
      timed('live', () => t.http().get('/api/health/live')),
      timed('login', () => t.http().post('/api/auth/login').send({ email: USERS.fiscalMX, password: 'enlace-demo' })),
      timed('list', () => t.http().get('/api/requests').set('Authorization', token)),
      ...(withEvent
        ? [
            timed('event', () =>
              t.http().post(`/api/requests/${flow.id}/events`).set('Authorization', token).send({ type: 'SHARE_DRAFT', expectedVersion: flow.version }),
            ),
          ]
        : []),
    ];

    const frozen = signalCluster('SIGSTOP');
    const frozenAt = Date.now();
    const during: Promise<Call[]>[] = [];
    while (Date.now() - frozenAt < FREEZE_MS - ANSWER_WITHIN_MS) {
      during.push(Promise.all(round()));
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
    const rounds = await Promise.all(during);
    const calls = rounds.flat();
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, FREEZE_MS - (Date.now() - frozenAt))));
    signalCluster('SIGCONT');
    const resumedAt = Date.now();

    const summary = (list: Call[]) =>
      [...new Set(list.map((c) => c.name))].map((name) => `${name} ${list.filter((c) => c.name === name).map((c) => `${c.status}/${c.ms}ms`).join(' ')}`);
    console.log(`Frozen ${FREEZE_MS} ms (${frozen} PostgreSQL processes), ${calls.length} calls:\n${summary(calls).join('\n')}`);
    for (const roundCalls of rounds) {
      // The liveness call of the same round touches no database: its time is what the machine itself
      // (this test's event loop, the server's, the CPU shared with the rest of the suite) added to every
      // call of the round, and a hang on PostgreSQL would last the whole freeze whatever it is.
      const stall = roundCalls.find((call) => call.name === 'live')!.ms;
      for (const call of roundCalls) {
        expect(call.ms - stall).toBeLessThanOrEqual(ANSWER_WITHIN_MS);
      }
    }
    for (const call of calls) {
      if (call.name === 'live') {
        expect(call.status).toBe(200);
      } else {
        expect([call.name, call.status, call.error, call.retryAfter]).toEqual([call.name, 503, 'unavailable', '3']);
      }
    }

    // Back: every route answers again, within a few seconds of SIGCONT.
    let after: Call[] = [];
    for (;;) {
      after = await Promise.all(round(false));
      if (after.every((c) => c.status === 200)) break;
      if (Date.now() - resumedAt > 15_000) throw new Error(`Not back 15 s after SIGCONT: ${summary(after).join('; ')}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const backMs = Date.now() - resumedAt;
    // Nothing answered 503 was written; the same event now goes through, once.
    const [{ n: historyDuring }] = await t.sql<{ n: number }>('SELECT count(*)::int AS n FROM request_history WHERE request_id = $1', [flow.id]);
    expect(historyDuring).toBe(historyBefore);
    const event = await timed('event', () =>
      t.http().post(`/api/requests/${flow.id}/events`).set('Authorization', token).send({ type: 'SHARE_DRAFT', expectedVersion: flow.version }),
    );
    expect(event.status).toBe(200);
    console.log(`Every route answered 200 again ${backMs} ms after SIGCONT; the event then took ${event.ms} ms`);
  }, 120_000);
});
