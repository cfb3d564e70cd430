import { startTestApp, type TestApp, DEMO_PASSWORD } from '../support/test-app.js';
import { parsePrometheusText } from '../support/prometheus-text.js';
import { HAPPY_PATH, USERS, createRequest, documentsWhenSettled, sendEvent } from '../support/request-flow.js';

const METRICS_TOKEN = 'metrics-token-for-the-e2e-test';

type LogLine = Record<string, unknown> & { msg?: string; requestId?: string };

describe('what an operator sees: JSON logs with a request id, one access line per request, Prometheus metrics', () => {
  const lines: LogLine[] = [];
  const raw: string[] = [];
  let t: TestApp;
  const answers: { requestId: string; status: number; route: string }[] = [];
  let documents: { kind: string; status: string }[] = [];

  beforeAll(async () => {
    t = await startTestApp({
      consume: true,
      env: { ENLACE_LOG_LEVEL: 'info', ENLACE_METRICS_TOKEN: METRICS_TOKEN, ENLACE_METRICS_NETWORKS: '' },
      logDestination: {
        write(chunk: string) {
          raw.push(chunk);
          for (const line of chunk.split('\n').filter(Boolean)) lines.push(JSON.parse(line) as LogLine);
        },
      },
    });
    // The whole happy path, every answer's X-Request-Id kept.
    const flow = await createRequest(t);
    for (const step of HAPPY_PATH) {
      const response = await sendEvent(t, flow, step);
      expect(response.status).toBe(200);
      answers.push({ requestId: response.headers['x-request-id'], status: response.status, route: '/api/requests/:id/events' });
    }
    documents = await documentsWhenSettled(t, flow.id);
    expect(documents.every((d) => d.status === 'ready')).toBe(true);
    const refused = await sendEvent(t, flow, { type: 'CLOSE', by: 'fiscalGT' });
    expect(refused.status).toBe(409);
    answers.push({ requestId: refused.headers['x-request-id'], status: 409, route: '/api/requests/:id/events' });
  }, 180_000); // a whole lifecycle and its five PDFs
  afterAll(() => t.close());

  const scrape = () => t.http().get('/api/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`);

  it('writes one access line per request (method, route pattern, status, duration, user), sharing its request id with the other lines', async () => {
    for (const answer of answers) {
      expect(answer.requestId).toMatch(/^[0-9a-f-]{36}$/);
      const mine = lines.filter((line) => line.requestId === answer.requestId);
      const access = mine.filter((line) => line.msg === 'request completed' || line.msg === 'request failed');
      expect(access).toHaveLength(1);
      expect(access[0]).toMatchObject({ method: 'POST', route: answer.route, status: answer.status, userId: expect.any(String) });
      expect(access[0].durationMs).toEqual(expect.any(Number));
      if (answer.status === 200) {
        // The workflow runner's line about the same request carries the same id.
        expect(mine.some((line) => typeof line.msg === 'string' && /^Request [0-9a-f-]{36}: [A-Z_]+ \w+ -> \w+, version \d+$/.test(line.msg))).toBe(true);
      }
    }
    const ids = answers.map((a) => a.requestId);
    expect(new Set(ids).size).toBe(ids.length);
    // A caller's own X-Request-Id (a proxy's) is kept; one that does not look like an id is replaced.
    const kept = await t.http().get('/api/health').set('X-Request-Id', 'edge-7f3a.42').expect(200);
    expect(kept.headers['x-request-id']).toBe('edge-7f3a.42');
    expect(lines.filter((l) => l.requestId === 'edge-7f3a.42' && l.msg === 'request completed')).toMatchObject([
      { method: 'GET', route: '/api/health', status: 200 },
    ]);
    const replaced = await t.http().get('/api/health').set('X-Request-Id', 'x'.repeat(65)).expect(200);
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('never logs a body, a token, a password or a query string', async () => {
    await t.http().post('/api/auth/login').send({ email: USERS.fiscalGT, password: DEMO_PASSWORD }).expect(200);
    await t.http().get('/api/requests?state=draft').set('Authorization', await t.login(USERS.fiscalGT)).expect(200);
    const all = raw.join('');
    expect(all).not.toContain(DEMO_PASSWORD);
    expect(all).not.toMatch(/Bearer|eyJ[\w-]+\.|"authorization"/i);
    expect(all).not.toContain(HAPPY_PATH.find((s) => s.comment)!.comment!);
    expect(all).not.toContain('state=draft');
    expect(lines.filter((l) => l.msg === 'request completed' && l.route === '/api/requests' && l.method === 'GET')).toHaveLength(1);
  });

  it('serves Prometheus text at /api/metrics that counts the transitions, the documents, the queues and the deadlines', async () => {
    const response = await scrape().expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const { types, samples } = parsePrometheusText(response.text);
    const values = (name: string, label?: string) =>
      Object.fromEntries(samples.filter((s) => s.name === name).map((s) => [label ? s.labels[label] : '', s.value]));

    expect(types.get('enlace_transitions_total')).toBe('counter');
    const expected: Record<string, number> = {};
    for (const step of HAPPY_PATH) expected[step.type] = (expected[step.type] ?? 0) + 1;
    expect(values('enlace_transitions_total', 'event')).toEqual(expected); // the refused CLOSE counts nothing

    const kinds: Record<string, number> = {};
    for (const d of documents) kinds[d.kind] = (kinds[d.kind] ?? 0) + 1;
    expect(Object.values(kinds).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(5);
    expect(values('enlace_documents_rendered_total', 'kind')).toEqual(kinds);
    expect(values('enlace_documents_failed_total')).toEqual({ '': 0 });

    expect(Object.keys(values('enlace_queue_waiting_jobs', 'queue')).sort()).toEqual(['deadlines', 'documents', 'notifications']);
    for (const age of Object.values(values('enlace_queue_oldest_waiting_seconds', 'queue'))) expect(age).toBeGreaterThanOrEqual(0);
    expect(values('enlace_deadlines_overdue_open')).toEqual({ '': 0 });

    expect(types.get('enlace_http_request_duration_seconds')).toBe('histogram');
    const events = samples.filter(
      (s) => s.name === 'enlace_http_request_duration_seconds_count' && s.labels.route === '/api/requests/:id/events' && s.labels.method === 'POST',
    );
    expect(Object.fromEntries(events.map((s) => [s.labels.status, s.value]))).toEqual({ '200': HAPPY_PATH.length, '409': 1 });
    expect(types.get('enlace_process_resident_memory_bytes')).toBe('gauge');
    // Routes are patterns: no request id ever becomes a label.
    expect(response.text).not.toMatch(/route="[^"]*[0-9a-f]{8}-[0-9a-f]{4}/);
  });

  it('opens /api/metrics only to the metrics token when no operator network is set', async () => {
    const anonymous = await t.http().get('/api/metrics').expect(401);
    expect(anonymous.body).toMatchObject({ statusCode: 401, error: 'unauthorized' });
    const user = await t.http().get('/api/metrics').set('Authorization', await t.login(USERS.admin)).expect(403);
    expect(user.body).toMatchObject({ statusCode: 403, error: 'forbidden' });
    await t.http().get('/api/metrics').set('Authorization', 'Bearer not-the-metrics-token').expect(403);
    await scrape().expect(200);
  });
});
