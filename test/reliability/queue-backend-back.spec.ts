// Redis cut under a running service (API and consumers in one process), then back: every change
// saved meanwhile, readiness 503 while it is away, one log line down and one up, and every effect
// delivered once it is back. (A file of its own: the log lines of one Nest app per test file.)
import { randomBytes } from 'node:crypto';
import { HAPPY_PATH, createRequest, documentsWhenSettled, sendEvent } from '../support/request-flow.js';
import { redisAvailable } from '../support/services.js';
import { testPort } from '../support/service-process.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';
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

const describeWithRedis = redisAvailable() ? describe : describe.skip;

describeWithRedis('Redis unreachable under a running service, then back', () => {
  const lines: LogLine[] = [];
  let t: TestApp;
  let proxy: TcpProxy;
  beforeAll(async () => {
    proxy = await startTcpProxy(process.env.REDIS_URL!, testPort());
    t = await startTestApp({
      consume: true,
      env: { ...BOUNDS, REDIS_URL: proxy.url, ENLACE_QUEUE_PREFIX: `queue-down-${randomBytes(4).toString('hex')}` },
      logDestination: logSink(lines),
    });
  }, 60_000);
  afterAll(async () => {
    await proxy?.restore().catch(() => undefined);
    await t?.close();
    await proxy?.close();
  });

  it('saves every change while it is down (readiness 503), and delivers each effect once it is back', async () => {
    const flows = await Promise.all(Array.from({ length: 4 }, () => createRequest(t)));
    await (await t.http().get('/api/health/ready')).status;

    await proxy.cut();
    const cutAt = Date.now();
    let statuses: number[] = [];
    for (const flow of flows) {
      for (const step of HAPPY_PATH.slice(0, 5)) {
        const answer = await sendEvent(t, flow, step);
        statuses.push(answer.status);
      }
    }
    expect(new Set(statuses)).toEqual(new Set([200]));
    // Down long enough for every consumer to notice and retry a few times.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, 6000 - (Date.now() - cutAt))));
    const ready = await t.http().get('/api/health/ready');
    expect([ready.status, ready.body.queue]).toEqual([503, 'down']);
    const waiting = await t.sql<{ n: number }>('SELECT count(*)::int AS n FROM outbox WHERE done_at IS NULL');
    const downMs = Date.now() - cutAt;

    await proxy.restore();
    const restoredAt = Date.now();
    for (;;) {
      if ((await t.http().get('/api/health/ready')).status === 200) break;
      if (Date.now() - restoredAt > 20_000) throw new Error('Not ready 20 s after Redis came back');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const readyAfterMs = Date.now() - restoredAt;
    const documents = await Promise.all(flows.map((flow) => documentsWhenSettled(t, flow.id, 'fiscalGT', 90_000)));
    const deliveredMs = Date.now() - restoredAt;
    // The informal draft (twice: created, shared), the standardized form, the authorization, the
    // transmission note: each once, each ready.
    for (const list of documents) {
      expect(list.map((d) => d.status)).toEqual(Array(5).fill('ready'));
      expect(new Set(list.map((d) => `${d.kind} r${d.revision}`)).size).toBe(5);
    }
    const [{ n: left }] = await t.sql<{ n: number }>('SELECT count(*)::int AS n FROM outbox WHERE done_at IS NULL AND run_at IS NULL');
    expect(left).toBe(0);
    const downLines = lines.filter((l) => /^The queue backend .* does not answer/.test(l.msg ?? ''));
    const upLines = lines.filter((l) => /^The queue backend .* answers again/.test(l.msg ?? ''));
    expect(lines.filter((l) => /Outbox dispatch failed|ECONNREFUSED/.test(l.msg ?? '') && !downLines.includes(l))).toEqual([]);
    console.log(
      `Redis cut for ${downMs} ms: ${statuses.length} events answered 200, ${waiting[0].n} outbox rows waiting; ready again ${readyAfterMs} ms after it came back, ` +
        `all ${documents.flat().length} documents ready ${deliveredMs} ms after; log: ${downLines.length} down line, ${upLines.length} up line`,
    );
    expect([downLines.length, upLines.length]).toEqual([1, 1]);
    statuses = [];
  }, 180_000);
});
