// SIGKILL and SIGTERM of the production processes (start:api, start:worker on PostgreSQL + Redis)
// while 40 clients walk requests from creation to TRANSMIT (40 calls in flight at first, five PDFs
// each, two of them citing others). Whatever the signal: every answer was the truth (each 2xx is in
// the history; an error answer saved nothing), every document is ready exactly once with no failure
// and no file without its row, audit:verify passes, and nobody had to press retry.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { buildRequestFields } from '../../templates/testing/request.factory.js';
import { HAPPY_PATH, USERS } from '../support/request-flow.js';
import { redisAvailable } from '../support/services.js';
import { call, healthyWithin, loginAs, signal, startService, testPort, type ServiceProcess } from '../support/service-process.js';
import { createTestDatabase, withClient } from '../support/test-database.js';

const CLIENTS = 40;
const STEPS = HAPPY_PATH.slice(0, 5); // SHARE_DRAFT, STANDARDIZE, SUBMIT, AUTHORIZE, TRANSMIT
/** Each request's documents once it is transmitted: the informal draft twice, the form, the authorization, the note. */
const DOCUMENTS_PER_REQUEST = 5;

interface Answer {
  client: number;
  step: string;
  status: number;
  requestId?: string;
  /** The version the answer reports (2xx), or the one the call expected (an error). */
  version?: number;
}

const describeWithRedis = redisAvailable() ? describe : describe.skip;

describeWithRedis('the production processes killed or stopped under load', () => {
  let database: { url: string; drop(): Promise<void> };
  let documentsDir: string;
  let env: Record<string, string>;
  let api: ServiceProcess;
  let worker: ServiceProcess;
  const port = testPort();
  const base = `http://127.0.0.1:${port}/api`;
  const sql = async <T = Record<string, unknown>>(text: string, params: unknown[] = []) =>
    withClient(database.url, async (c) => (await c.query(text, params)).rows as T[]);

  const startApi = () => (api = startService(env, [process.execPath, 'dist/apps/api/src/main.js']));
  const startWorker = () => (worker = startService(env, [process.execPath, 'dist/apps/worker/src/main.js']));

  beforeAll(async () => {
    database = await createTestDatabase();
    documentsDir = mkdtempSync(join(tmpdir(), 'enlace-crash-documents-'));
    env = {
      PATH: process.env.PATH!,
      DATABASE_URL: database.url,
      REDIS_URL: process.env.REDIS_URL!,
      ENLACE_TOKEN_SECRET: randomBytes(32).toString('hex'),
      ENLACE_QUEUE_PREFIX: `crash-${randomBytes(4).toString('hex')}`,
      ENLACE_DOCUMENTS_DIR: documentsDir,
      ENLACE_LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      PORT: String(port),
    };
    const seed = spawnSync(process.execPath, ['dist/apps/api/src/cli/seed.js', '--demo'], { env, encoding: 'utf8', timeout: 60_000 });
    if (seed.status !== 0) throw new Error(`seed --demo failed: ${seed.stderr}`);
    startApi();
    startWorker();
    await healthyWithin(api, 60_000);
    for (const email of new Set([USERS.fiscalGT, ...STEPS.map((s) => USERS[s.by])])) await token(email);
  }, 120_000);

  afterAll(async () => {
    for (const p of [api, worker]) if (p) signal(p, 'SIGKILL', 'process');
    await Promise.all([api?.exited, worker?.exited]);
    await database?.drop();
    rmSync(documentsDir, { recursive: true, force: true });
  });

  // Signed in once, before any load: tokens outlive the API processes (one secret for all).
  const tokens: Record<string, string> = {};
  async function token(email: string): Promise<string> {
    tokens[email] ??= await loginAs(base, email);
    return tokens[email];
  }

  /** One client: creates a request and walks it to TRANSMIT, stopping at the first call not answered 2xx. */
  async function walk(client: number, answers: Answer[]): Promise<void> {
    let requestId: string | undefined;
    let version = 0;
    const attempt = async (step: string, send: () => ReturnType<typeof call>) => {
      try {
        const response = await send();
        const ok = response.status === 200 || response.status === 201;
        if (ok) {
          requestId = response.body.id as string;
          version = response.body.version as number;
        }
        answers.push({ client, step, status: response.status, requestId, version });
        return ok;
      } catch {
        answers.push({ client, step, status: 0, requestId, version }); // no answer: none is a true answer
        return false;
      }
    };
    if (!(await attempt('CREATE', async () => call(base, 'POST', '/requests', await token(USERS.fiscalGT), buildRequestFields())))) return;
    for (const step of STEPS) {
      const by = await token(USERS[step.by]);
      if (!(await attempt(step.type, () => call(base, 'POST', `/requests/${requestId}/events`, by, { type: step.type, expectedVersion: version })))) return;
    }
  }

  /**
   * After the stop: every request this test made (those whose creation was never answered too) walked
   * on to TRANSMIT from where its history says it stands.
   */
  async function finish(before: Set<string>): Promise<string[]> {
    const ids = (await sql<{ id: string }>('SELECT id FROM requests')).map((r) => r.id).filter((id) => !before.has(id));
    await Promise.all(
      ids.map(async (id) => {
        for (;;) {
          const done = new Set((await sql<{ event: string }>('SELECT event FROM request_history WHERE request_id = $1', [id])).map((r) => r.event));
          const step = STEPS.find((s) => !done.has(s.type));
          if (!step) return;
          const [{ version }] = await sql<{ version: number }>('SELECT version FROM requests WHERE id = $1', [id]);
          const response = await call(base, 'POST', `/requests/${id}/events`, await token(USERS[step.by]), { type: step.type, expectedVersion: version });
          if (response.status !== 200) throw new Error(`${step.type} after the restart: ${response.status} ${JSON.stringify(response.body)}`);
        }
      }),
    );
    return ids;
  }

  const existing = async () => new Set((await sql<{ id: string }>('SELECT id FROM requests')).map((r) => r.id));

  async function settled(ids: string[], withinMs: number): Promise<number> {
    const started = Date.now();
    for (;;) {
      const [{ pending }] = await sql<{ pending: number }>(`SELECT count(*)::int AS pending FROM documents WHERE request_id = ANY($1::uuid[]) AND status = 'pending'`, [ids]);
      if (pending === 0) return Date.now() - started;
      if (Date.now() - started > withinMs) throw new Error(`${pending} documents still pending after ${withinMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  /** Everything the issue asks of the data after a crash. */
  async function checkData(answers: Answer[], ids: string[]) {
    // Every 2xx answer is in the history: the request is at least at the answered version, and the event is there.
    for (const answer of answers.filter((a) => a.status === 200 || a.status === 201)) {
      const rows = await sql<{ event: string }>('SELECT event FROM request_history WHERE request_id = $1', [answer.requestId]);
      expect(rows.map((r) => r.event)).toContain(answer.step);
    }
    const documents = await sql<{ request_id: string; kind: string; revision: number; status: string; storage_key: string | null; attempts: number }>(
      'SELECT request_id, kind, revision, status, storage_key, attempts FROM documents WHERE request_id = ANY($1::uuid[])',
      [ids],
    );
    const states = await sql<{ state: string }>('SELECT state FROM requests WHERE id = ANY($1::uuid[])', [ids]);
    expect(new Set(states.map((s) => s.state))).toEqual(new Set(['transmitted']));
    expect(documents.filter((d) => d.status !== 'ready')).toEqual([]);
    expect(documents).toHaveLength(ids.length * DOCUMENTS_PER_REQUEST);
    expect(new Set(documents.map((d) => `${d.request_id}/${d.kind}/${d.revision}`)).size).toBe(documents.length);
    // No file without its row (a .partial is a write cut short, never served).
    const keys = new Set(documents.map((d) => d.storage_key));
    const files = readdirSync(documentsDir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => relative(documentsDir, join(e.parentPath, e.name)));
    const pdfs = files.filter((f) => f.endsWith('.pdf') && ids.some((id) => f.startsWith(id)));
    expect(pdfs.filter((f) => !keys.has(f))).toEqual([]);
    const verify = spawnSync(process.execPath, ['dist/apps/api/src/cli/audit-verify.js'], { env, encoding: 'utf8', timeout: 60_000 });
    expect([verify.status, verify.stderr]).toEqual([0, '']);
    return {
      documents: documents.length,
      partial: files.filter((f) => f.endsWith('.partial')).length,
      retriedDocuments: documents.filter((d) => d.attempts > 1).length,
    };
  }

  const tally = (answers: Answer[]) =>
    Object.entries(
      answers.reduce<Record<string, number>>((counts, a) => ({ ...counts, [a.status]: (counts[a.status] ?? 0) + 1 }), {}),
    )
      .map(([status, n]) => `${n} x ${status === '0' ? 'no answer' : status}`)
      .join(', ');

  /** Runs the load, and `strike` once `after` answers have come back. */
  async function underLoad(after: number, strike: () => Promise<void>): Promise<{ answers: Answer[]; before: Set<string> }> {
    const before = await existing();
    const answers: Answer[] = [];
    let struck: Promise<void> | undefined;
    const watcher = setInterval(() => {
      if (!struck && answers.length >= after) struck = strike();
    }, 10);
    await Promise.all(Array.from({ length: CLIENTS }, (_, client) => walk(client, answers)));
    clearInterval(watcher);
    struck ??= strike();
    await struck;
    return { answers, before };
  }

  it('SIGKILL of the API mid-load: every 2xx kept, every document ready once after a restart', async () => {
    const { answers, before } = await underLoad(CLIENTS + 20, async () => {
      signal(api, 'SIGKILL', 'process');
      await api.exited;
    });
    const killedAt = Date.now();
    startApi();
    await healthyWithin(api, 60_000);
    const restartMs = Date.now() - killedAt;
    expect(new Set(answers.map((a) => a.status)).size).toBeGreaterThan(0);
    expect(answers.filter((a) => ![0, 200, 201].includes(a.status))).toEqual([]);
    const ids = await finish(before);
    const readyMs = await settled(ids, 120_000);
    const figures = await checkData(answers, ids);
    console.log(
      `SIGKILL of the API after ${CLIENTS + 20} answers: ${tally(answers)}; API back in ${restartMs} ms; ${ids.length} requests walked on to TRANSMIT, ` +
        `${figures.documents} documents all ready ${readyMs} ms after the last event (${figures.retriedDocuments} rendered twice or more, ${figures.partial} .partial left), audit:verify OK`,
    );
  }, 300_000);

  it('SIGKILL of the worker mid-rendering: every document ready once, none failed, after a new worker starts', async () => {
    let killedAt = 0;
    const { answers, before } = await underLoad(CLIENTS * 3, async () => {
      signal(worker, 'SIGKILL', 'process');
      await worker.exited;
      killedAt = Date.now();
      startWorker();
    });
    expect(answers.filter((a) => ![200, 201].includes(a.status))).toEqual([]);
    const ids = await finish(before);
    const readyMs = await settled(ids, 120_000);
    const figures = await checkData(answers, ids);
    console.log(
      `SIGKILL of the worker after ${CLIENTS * 3} answers: ${tally(answers)}; ${figures.documents} documents all ready ${Date.now() - killedAt} ms after the kill ` +
        `(${readyMs} ms after the last event; ${figures.retriedDocuments} rendered twice or more, ${figures.partial} .partial left), audit:verify OK`,
    );
  }, 300_000);

  it('SIGTERM of the API mid-load: exit 0 within the bound, every call answered the truth or not at all', async () => {
    let stopMs = 0;
    let code: number | string = -1;
    const versions = new Map<string, number>();
    const { answers, before } = await underLoad(CLIENTS + 20, async () => {
      const asked = Date.now();
      signal(api, 'SIGTERM', 'process');
      code = await api.exited;
      stopMs = Date.now() - asked;
      // Before anything else writes: what each request holds now.
      for (const row of await sql<{ id: string; version: number }>('SELECT id, version FROM requests')) versions.set(row.id, row.version);
    });
    expect(code).toBe(0);
    expect(stopMs).toBeLessThan(15_000);
    expect(answers.filter((a) => ![0, 200, 201, 503].includes(a.status))).toEqual([]);
    // An error answer saved nothing: the request is still at the version the refused call expected.
    const refused = answers.filter((a) => a.status === 503 && a.requestId);
    for (const answer of refused) expect([answer.requestId, versions.get(answer.requestId!)]).toEqual([answer.requestId, answer.version]);
    startApi();
    await healthyWithin(api, 60_000);
    const ids = await finish(before);
    const readyMs = await settled(ids, 120_000);
    const figures = await checkData(answers, ids);
    console.log(
      `SIGTERM of the API after ${CLIENTS + 20} answers: exit ${code} in ${stopMs} ms; ${tally(answers)} (each 503 saved nothing); ` +
        `${figures.documents} documents all ready ${readyMs} ms after the last event, audit:verify OK`,
    );
  }, 300_000);

  it('SIGTERM of the worker mid-rendering: exit 0 within the bound, its jobs finished or handed back, every document ready once', async () => {
    let stopMs = 0;
    let code: number | string = -1;
    const { answers, before } = await underLoad(CLIENTS * 3, async () => {
      const asked = Date.now();
      signal(worker, 'SIGTERM', 'process');
      code = await worker.exited;
      stopMs = Date.now() - asked;
      startWorker();
    });
    expect(code).toBe(0);
    expect(stopMs).toBeLessThan(15_000);
    const ids = await finish(before);
    const readyMs = await settled(ids, 120_000);
    const figures = await checkData(answers, ids);
    console.log(
      `SIGTERM of the worker after ${CLIENTS * 3} answers: exit ${code} in ${stopMs} ms; ${tally(answers)}; ` +
        `${figures.documents} documents all ready ${readyMs} ms after the last event (${figures.retriedDocuments} rendered twice or more), audit:verify OK`,
    );
  }, 300_000);
});
