// SIGKILL of `npm start` (everything in one process on its own PostgreSQL) while 40 clients walk
// requests to TRANSMIT: the next start clears the PostgreSQL the killed service left running, and then
// every 2xx is in the history, every document is ready exactly once with none failed and no PDF
// without its row, audit:verify passes, and a SIGTERM stops it all with exit 0.
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

describe('npm start killed under load', () => {
  it('comes back and finishes everything: every 2xx kept, every document ready once, audit:verify OK', async () => {
    const first = start();
    await healthyWithin(first, 120_000);
    const load = new CrashLoad({
      base: first.base,
      databaseUrl: () => `postgres://enlace:${encodeURIComponent(kept('pg-password'))}@127.0.0.1:${kept('port')}/enlace`,
      auditEnv: env,
      documentsDir: join(dataDir, 'documents'),
    });
    await load.signIn();
    const orphan = postmasterPid();
    const { answers, before } = await load.underLoad(60, async () => {
      signal(first, 'SIGKILL', 'process');
      await first.exited;
    });
    expect(answers.filter((a) => ![0, 200, 201].includes(a.status))).toEqual([]);
    const killedAt = Date.now();
    const again = start();
    await healthyWithin(again, 120_000);
    const restartMs = Date.now() - killedAt;
    expect(alive(orphan)).toBe(false);
    const ids = await load.finish(before);
    const readyMs = await load.settled(ids, 180_000);
    const figures = await load.checkData(answers, ids);
    console.log(
      `SIGKILL of npm start after 60 answers: ${CrashLoad.tally(answers)}; back in ${restartMs} ms (its orphaned PostgreSQL stopped); ` +
        `${ids.length} requests walked on to TRANSMIT, ${figures.documents} documents all ready ${readyMs} ms after the last event ` +
        `(${figures.retriedDocuments} rendered twice or more, ${figures.partial} .partial left), audit:verify OK`,
    );
    const postmaster = postmasterPid();
    signal(again, 'SIGTERM', 'process');
    expect(await again.exited).toBe(0);
    for (let i = 0; i < 100 && alive(postmaster); i++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(alive(postmaster)).toBe(false);
  }, 420_000);
});
