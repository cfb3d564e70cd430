// SIGKILL and SIGTERM of the production processes (start:api, start:worker on PostgreSQL + Redis)
// while 40 clients walk requests from creation to TRANSMIT (40 calls in flight, five PDFs each, two
// of them citing others), each client retrying under its Idempotency-Key as the README tells one to.
// The API and the worker are each killed 5 times and then stopped (SIGTERM) in one load, restarted
// after each blow. Whatever
// the signal: every answer was the truth (each 2xx is in the history; an error answer saved nothing),
// every document is ready exactly once with no failure, no file without its row and no write cut
// short left, audit:verify passes, and nobody had to press retry. And a document job whose worker is
// killed twice while it runs is run a third time, not given up.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { CrashLoad, type Answer } from '../support/crash-load.js';
import { redisAvailable } from '../support/services.js';
import { call, healthyWithin, loginAs, signal, startService, testPort, type ServiceProcess } from '../support/service-process.js';
import { USERS } from '../support/request-flow.js';
import { buildRequestFields } from '../../templates/testing/request.factory.js';
import { createTestDatabase } from '../support/test-database.js';

const describeWithRedis = redisAvailable() ? describe : describe.skip;

describeWithRedis('the production processes killed or stopped under load', () => {
  let database: { url: string; drop(): Promise<void> };
  let documentsDir: string;
  let env: Record<string, string>;
  let api: ServiceProcess;
  let worker: ServiceProcess;
  let load: CrashLoad;
  const port = testPort();
  const base = `http://127.0.0.1:${port}/api`;

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
    const seed = spawnSync(process.execPath, ['dist/apps/api/src/cli/seed.js', '--demo'], { env, encoding: 'utf8', timeout: 240_000 });
    if (seed.status !== 0) throw new Error(`seed --demo failed: ${seed.stderr}`);
    startApi();
    startWorker();
    await healthyWithin(api, 120_000);
    load = new CrashLoad({ base, databaseUrl: () => database.url, auditEnv: env, documentsDir });
    await load.signIn();
  }, 360_000);

  afterAll(async () => {
    for (const p of [api, worker]) if (p) signal(p, 'SIGKILL', 'process');
    await Promise.all([api?.exited, worker?.exited]);
    await database?.drop();
    rmSync(documentsDir, { recursive: true, force: true });
  });

  const KILLS = 5;
  /** The README's word to operators: give a SIGTERM 30 s before a SIGKILL (10 s for the requests in flight, 10 s for the jobs). */
  const STOP_BOUND_MS = 30_000;
  const tally = (answers: Answer[]) => CrashLoad.tally(answers);
  const sql = <T,>(text: string, params: unknown[] = []) => load.sql<T>(text, params);
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  /**
   * A killed process's connections that wait on a lock: PostgreSQL sees them go only when it next
   * writes to them (or TCP keepalive says so, minutes later); here they go at once.
   */
  const dropLockWaiters = () => sql(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
  const waitingOn = async (documentId: string, withinMs: number) => {
    const started = Date.now();
    for (;;) {
      const [{ n }] = await sql<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'UPDATE documents SET status = ''ready''%'`,
      );
      if (n > 0) return Date.now() - started;
      if (Date.now() - started > withinMs) throw new Error(`No worker came to finish document ${documentId} within ${withinMs} ms:\n${worker.output()}`);
      await pause(100);
    }
  };

  it('a document job whose worker is killed twice while it runs is run again, and the document is ready once', async () => {
    signal(worker, 'SIGTERM', 'process');
    await worker.exited;
    const fiscal = await loginAs(base, USERS.fiscalGT);
    const created = await call(base, 'POST', '/requests', fiscal, buildRequestFields());
    const shared = await call(base, 'POST', `/requests/${created.body.id}/events`, fiscal, { type: 'SHARE_DRAFT', expectedVersion: created.body.version });
    expect([created.status, shared.status]).toEqual([201, 200]);
    const [document] = await sql<{ id: string }>(`SELECT id FROM documents WHERE request_id = $1 AND status = 'pending'`, [created.body.id]);
    // The document's row held by this test: each worker renders and stores the PDF, then waits to mark it ready.
    const holder = new pg.Client({ connectionString: database.url });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT 1 FROM documents WHERE id = $1 FOR UPDATE', [document.id]);
      startWorker();
      const comeBack = [await waitingOn(document.id, 60_000)];
      for (let kill = 0; kill < 2; kill++) {
        signal(worker, 'SIGKILL', 'process');
        await worker.exited;
        await dropLockWaiters();
        startWorker();
        comeBack.push(await waitingOn(document.id, 90_000));
      }
      await holder.query('COMMIT');
      const readyMs = await load.settled([created.body.id], 60_000);
      const rows = await sql<{ kind: string; status: string; attempts: number; storage_key: string }>(
        'SELECT kind, status, attempts, storage_key FROM documents WHERE request_id = $1',
        [created.body.id],
      );
      expect(rows.filter((r) => r.status !== 'ready')).toEqual([]);
      expect(new Set(rows.map((r) => r.kind)).size).toBe(rows.length);
      const [held] = await sql<{ status: string; attempts: number }>('SELECT status, attempts FROM documents WHERE id = $1', [document.id]);
      // Ready by its third run; being cut short twice spent none of its attempts.
      expect(held).toEqual({ status: 'ready', attempts: 1 });
      const [{ open }] = await sql<{ open: number }>('SELECT count(*)::int AS open FROM outbox WHERE request_id = $1 AND done_at IS NULL', [created.body.id]);
      expect(open).toBe(0);
      console.log(
        `Worker killed twice while rendering one document: a worker took the job up again ${comeBack.slice(1).join(' ms and ')} ms after each kill ` +
          `(first run after ${comeBack[0]} ms); ready on its third run ${readyMs} ms after the row was let go, attempts 1, none failed`,
      );
    } finally {
      await holder.end();
    }
  }, 300_000);

  // Each process kind is killed KILLS times, then stopped, under one load: one setup and one settling
  // of the documents for all six blows, so that the suite stays within minutes.
  it(`SIGKILL of the API ${KILLS} times then a SIGTERM, under one load: every 2xx kept, each error wrote nothing, every document ready once`, async () => {
    const restarts: number[] = [];
    let stop = { code: -1 as number | string, ms: 0 };
    const { answers, before, retries } = await load.during(async (running) => {
      for (let blow = 0; blow <= KILLS; blow++) {
        await running.answered(40);
        const struck = Date.now();
        signal(api, blow < KILLS ? 'SIGKILL' : 'SIGTERM', 'process');
        const code = await api.exited;
        if (blow === KILLS) stop = { code, ms: Date.now() - struck };
        startApi();
        await healthyWithin(api, 120_000);
        if (blow < KILLS) restarts.push(Date.now() - struck);
      }
    });
    // The SIGTERM: exit 0 within the bound (10 s for the requests in flight).
    expect(stop.code).toBe(0);
    expect(stop.ms).toBeLessThan(STOP_BOUND_MS);
    const figures = await load.verify({ answers, before });
    console.log(
      `SIGKILL of the API ${KILLS} times, then a SIGTERM, each after 40 more answers: ${tally(answers)} ` +
        `(${figures.errors} error answers, none saved anything; ${retries} calls sent again under their keys while it was down); ` +
        `API back in ${restarts.join(', ')} ms after each kill; SIGTERM: exit ${stop.code} in ${stop.ms} ms; ${figures.requests} requests walked to TRANSMIT by their clients, ` +
        `${figures.documents} documents all ready ${figures.readyMs} ms after the last event (${figures.retriedDocuments} rendered twice or more, ${figures.partial} .partial left), audit:verify OK`,
    );
  }, 900_000);

  it(`SIGKILL of the worker ${KILLS} times then a SIGTERM, mid-rendering: every document ready once, none failed`, async () => {
    let lastBlow = 0;
    const readyAt: number[] = [];
    let stop = { code: -1 as number | string, ms: 0 };
    const { answers, before } = await load.during(async (running) => {
      let ready = 0;
      for (let blow = 0; blow <= KILLS; blow++) {
        // Struck once the worker it replaces has rendered 15 more documents: in the middle of its work.
        ready = await running.ready(ready + 15);
        readyAt.push(ready);
        lastBlow = Date.now();
        signal(worker, blow < KILLS ? 'SIGKILL' : 'SIGTERM', 'process');
        const code = await worker.exited;
        if (blow === KILLS) stop = { code, ms: Date.now() - lastBlow };
        startWorker();
      }
    }, 1);
    // The SIGTERM: its jobs finished or handed back, exit 0 within the bound.
    expect(stop.code).toBe(0);
    expect(stop.ms).toBeLessThan(STOP_BOUND_MS);
    const figures = await load.verify({ answers, before });
    console.log(
      `SIGKILL of the worker ${KILLS} times, then a SIGTERM (after ${readyAt.join(', ')} documents ready): ${tally(answers)} (${figures.errors} error answers, none saved anything); ` +
        `SIGTERM: exit ${stop.code} in ${stop.ms} ms; ${figures.documents} documents all ready ${Date.now() - lastBlow} ms after the last blow ` +
        `(${figures.readyMs} ms after the load; ${figures.retriedDocuments} rendered twice or more, ${figures.partial} .partial left), audit:verify OK`,
    );
  }, 900_000);
});
