// SIGKILL of `npm start` (everything in one process on its own PostgreSQL), 5 times while 40 clients
// walk requests to TRANSMIT under their Idempotency-Keys: each next start clears the PostgreSQL the
// killed service left running, and then every 2xx is in the history, every document is ready exactly
// once with none failed and no PDF without its row, audit:verify passes. Then a SIGTERM under the same
// load: exit 0 with its PostgreSQL stopped, and each call answered 503 saved nothing.
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CrashLoad } from '../support/crash-load.js';
import { alive, embeddedEnv, healthyWithin, signal, startService, testPort, type ServiceProcess } from '../support/service-process.js';

const root = mkdtempSync(join(tmpdir(), 'enlace-embedded-crash-'));
chmodSync(root, 0o711); // PostgreSQL runs as its own OS user when the tests run as root
const dataDir = join(root, 'data');
const port = testPort();
const env = embeddedEnv({ ENLACE_DATA_DIR: dataDir, PORT: String(port), ENLACE_LOG_LEVEL: 'warn' });
const kept = (file: string) => readFileSync(join(dataDir, 'postgres', file), 'utf8').trim();
const postmasterPid = () => Number(kept('cluster/postmaster.pid').split('\n')[0]);

const services: ServiceProcess[] = [];
const start = () => {
  const service = startService(env, [process.execPath, 'dist/apps/api/src/main.js']);
  services.push(service);
  return service;
};

afterAll(async () => {
  for (const service of services) signal(service, 'SIGKILL');
  await Promise.all(services.map((s) => s.exited));
  try {
    process.kill(postmasterPid(), 'SIGQUIT');
  } catch {
    // none, or gone
  }
  rmSync(root, { recursive: true, force: true });
});

const KILLS = 5;
/** The README's word to operators: give a SIGTERM 30 s before a SIGKILL (10 s for the requests in flight, 10 s for the jobs). */
const STOP_BOUND_MS = 30_000;

describe('npm start killed or stopped under load', () => {
  let service: ServiceProcess;
  let load: CrashLoad;

  beforeAll(async () => {
    service = start();
    await healthyWithin(service, 120_000);
    load = new CrashLoad({
      base: service.base,
      databaseUrl: () => `postgres://enlace:${encodeURIComponent(kept('pg-password'))}@127.0.0.1:${kept('port')}/enlace`,
      auditEnv: env,
      documentsDir: join(dataDir, 'documents'),
    });
    await load.signIn();
  }, 150_000);

  it(`comes back after each of ${KILLS} SIGKILLs and finishes everything: every 2xx kept, every document ready once, audit:verify OK`, async () => {
    const restarts: number[] = [];
    const { answers, before, retries } = await load.during(async (running) => {
      for (let kill = 0; kill < KILLS; kill++) {
        await running.answered(40);
        const orphan = postmasterPid();
        signal(service, 'SIGKILL', 'process');
        await service.exited;
        const killedAt = Date.now();
        service = start();
        await healthyWithin(service, 120_000);
        restarts.push(Date.now() - killedAt);
        // The PostgreSQL the killed service left running was stopped by the next start.
        expect(alive(orphan)).toBe(false);
      }
    });
    const figures = await load.verify({ answers, before });
    console.log(
      `SIGKILL of npm start ${KILLS} times, each after 40 more answers: ${CrashLoad.tally(answers)} (${figures.errors} error answers, none saved anything; ${retries} calls sent again under their keys while it was down); ` +
        `back in ${restarts.join(', ')} ms (each time its orphaned PostgreSQL stopped); ${figures.requests} requests walked to TRANSMIT by their clients, ` +
        `${figures.documents} documents all ready ${figures.readyMs} ms after the last event ` +
        `(${figures.retriedDocuments} rendered twice or more, ${figures.partial} .partial left), audit:verify OK`,
    );
  }, 1_200_000);

  it('SIGTERM under load: exit 0 within the bound with its PostgreSQL stopped, every call answered the truth or not at all', async () => {
    let stopMs = 0;
    let code: number | string = -1;
    let postmasterStopped = false;
    const { answers, before } = await load.during(async (running) => {
      await running.answered(60);
      const postmaster = postmasterPid();
      const asked = Date.now();
      signal(service, 'SIGTERM', 'process');
      code = await service.exited;
      stopMs = Date.now() - asked;
      postmasterStopped = !alive(postmaster);
      service = start();
      await healthyWithin(service, 120_000);
    }, 1);
    expect([code, postmasterStopped]).toEqual([0, true]);
    expect(stopMs).toBeLessThan(STOP_BOUND_MS);
    const figures = await load.verify({ answers, before });
    console.log(
      `SIGTERM of npm start after 60 answers: exit ${code} in ${stopMs} ms, its PostgreSQL stopped; ${CrashLoad.tally(answers)} ` +
        `(${figures.errors} error answers, none saved anything); ${figures.documents} documents all ready ${figures.readyMs} ms after the last event, audit:verify OK`,
    );
    const postmaster = postmasterPid();
    signal(service, 'SIGTERM', 'process');
    expect(await service.exited).toBe(0);
    for (let i = 0; i < 100 && alive(postmaster); i++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(alive(postmaster)).toBe(false);
  }, 900_000);
});
