// SIGKILL and SIGTERM of the production processes (start:api, start:worker on PostgreSQL + Redis)
// while 40 clients walk requests from creation to TRANSMIT (40 calls in flight at first, five PDFs
// each, two of them citing others). Whatever the signal: every answer was the truth (each 2xx is in
// the history; an error answer saved nothing), every document is ready exactly once with no failure
// and no file without its row, audit:verify passes, and nobody had to press retry.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLIENTS, CrashLoad, type Answer } from '../support/crash-load.js';
import { redisAvailable } from '../support/services.js';
import { healthyWithin, signal, startService, testPort, type ServiceProcess } from '../support/service-process.js';
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
    const seed = spawnSync(process.execPath, ['dist/apps/api/src/cli/seed.js', '--demo'], { env, encoding: 'utf8', timeout: 60_000 });
    if (seed.status !== 0) throw new Error(`seed --demo failed: ${seed.stderr}`);
    startApi();
    startWorker();
    await healthyWithin(api, 60_000);
    load = new CrashLoad({ base, databaseUrl: () => database.url, auditEnv: env, documentsDir });
    await load.signIn();
  }, 120_000);

  afterAll(async () => {
    for (const p of [api, worker]) if (p) signal(p, 'SIGKILL', 'process');
    await Promise.all([api?.exited, worker?.exited]);
    await database?.drop();
    rmSync(documentsDir, { recursive: true, force: true });
  });

  const underLoad = (after: number, strike: () => Promise<void>) => load.underLoad(after, strike);
  const finish = (before: Set<string>) => load.finish(before);
  const settled = (ids: string[], ms: number) => load.settled(ids, ms);
  const checkData = (answers: Answer[], ids: string[]) => load.checkData(answers, ids);
  const tally = (answers: Answer[]) => CrashLoad.tally(answers);
  const sql = <T,>(text: string, params: unknown[] = []) => load.sql<T>(text, params);

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
