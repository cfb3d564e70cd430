import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildRequestFields } from '../../templates/testing/request.factory.js';
import { USERS } from '../support/request-flow.js';
import {
  alive,
  call,
  embeddedEnv,
  healthyWithin,
  loginAs,
  signal,
  startService,
  stopService,
  testPort,
  type ServiceProcess,
} from '../support/service-process.js';

/**
 * Embedded starts that cannot collide (issue 8): no fixed PostgreSQL port, two services on two data
 * folders side by side, a CLI beside a running service, one clear line for every start that cannot
 * go on, and a data folder that comes back after a SIGKILL of the whole process group.
 */
const root = mkdtempSync(join(tmpdir(), 'enlace-collide-'));
chmodSync(root, 0o711);

const services: ServiceProcess[] = [];
afterAll(async () => {
  for (const service of services) signal(service, 'SIGKILL');
  await Promise.all(services.map((s) => s.exited));
  // PostgreSQL runs in a group of its own: whatever a failed test left running goes too.
  for (const dataDir of readdirSync(root)) {
    try {
      process.kill(postmasterPid(join(root, dataDir)), 'SIGQUIT');
    } catch {
      // none, or gone
    }
  }
  rmSync(root, { recursive: true, force: true });
});

function start(dataDir: string, port = testPort(), extra: Record<string, string> = {}): ServiceProcess {
  const service = startService(embeddedEnv({ ENLACE_DATA_DIR: dataDir, PORT: String(port), ...extra }));
  services.push(service);
  return service;
}

const postmasterPid = (dataDir: string): number => Number(readFileSync(join(dataDir, 'postgres/cluster/postmaster.pid'), 'utf8').split('\n')[0]);

/**
 * A start that must fail: non-zero, and its last line names the cause. Killed after 60 s: a hang
 * guard, not a timing (the time it took is printed).
 */
async function failedStart(dataDir: string, extra: Record<string, string> = {}): Promise<{ code: number | string; line: string; ms: number }> {
  const started = Date.now();
  const service = startService(embeddedEnv({ ENLACE_DATA_DIR: dataDir, PORT: String(testPort()), ...extra }), [process.execPath, 'dist/apps/api/src/main.js']);
  services.push(service);
  const timer = setTimeout(() => signal(service, 'SIGKILL'), 60_000);
  const code = await service.exited;
  clearTimeout(timer);
  console.log(`A start that could not go on exited ${code} after ${Date.now() - started} ms`);
  const stderr = service
    .output()
    .split('\n')
    .filter((l) => l.trim());
  return { code, line: stderr[stderr.length - 1] ?? '', ms: Date.now() - started };
}

/**
 * 40 creations, and the stop signal as soon as the first is answered: every call answered is 201 (or
 * 503 from Fastify for one that arrived while it was closing, and did not run), the service and its
 * PostgreSQL are gone within the bound, exit 0. Returns the ids answered 201.
 */
async function stopUnderLoad(service: ServiceProcess, dataDir: string, name: NodeJS.Signals, target: 'process' | 'group'): Promise<string[]> {
  const postmaster = postmasterPid(dataDir);
  const token = await loginAs(service.base, USERS.fiscalGT);
  let firstAnswer: () => void = () => {};
  const answered = new Promise<void>((resolve) => (firstAnswer = resolve));
  const calls = Array.from({ length: 40 }, () =>
    call(service.base, 'POST', '/requests', token, buildRequestFields()).then(
      (r) => {
        firstAnswer();
        return { status: r.status, id: r.body.id as string };
      },
      () => ({ status: 0, id: '' }), // never connected: no answer is a true answer
    ),
  );
  await answered;
  signal(service, name, target);
  // A service still running 30 s after the signal is killed, and its exit code says so (the service's
  // own bound is 10 s for the requests in flight; the time it took is printed, not asserted).
  const stopAsked = Date.now();
  const killer = setTimeout(() => signal(service, 'SIGKILL'), 30_000);
  const results = await Promise.all(calls);
  const code = await service.exited;
  clearTimeout(killer);
  const stoppedMs = Date.now() - stopAsked;
  for (let i = 0; i < 100 && alive(postmaster); i++) await new Promise((resolve) => setTimeout(resolve, 100));
  if (code !== 0) console.log(service.output());
  expect(code).toBe(0);
  expect(alive(postmaster)).toBe(false);
  expect(service.output()).toMatch(new RegExp(`${name}: stopping[\\s\\S]*Stopped`));
  const statuses = new Set(results.map((r) => r.status));
  statuses.delete(0);
  statuses.delete(503);
  expect([...statuses]).toEqual([201]);
  const created = results.filter((r) => r.status === 201).map((r) => r.id);
  const refused = results.filter((r) => r.status === 503).length;
  console.log(
    `${name} to the ${target} of npm start: stopped in ${stoppedMs} ms; ${created.length} of 40 answered 201, ${refused} answered 503, ${40 - created.length - refused} not accepted`,
  );
  return created;
}

describe('embedded starts side by side', () => {
  const a = join(root, 'a');
  const b = join(root, 'b');
  const ports = { a: testPort(), b: testPort() + 500 };
  const created = { a: [] as string[], b: [] as string[] };

  it('runs two services on two data folders, a CLI beside one, refuses a second service on one folder; SIGTERM and SIGINT stop both under load', async () => {
    const first = start(a, ports.a);
    const second = start(b, ports.b);
    await Promise.all([healthyWithin(first, 120_000), healthyWithin(second, 120_000)]);
    const token = await loginAs(first.base, USERS.fiscalGT);
    const one = await call(first.base, 'POST', '/requests', token, buildRequestFields());
    expect(one.status).toBe(201);
    created.a.push(one.body.id);
    expect((await call(second.base, 'GET', '/requests', await loginAs(second.base, USERS.fiscalGT))).body.total).toBe(0);

    const verify = spawnSync(process.execPath, ['dist/apps/api/src/cli/audit-verify.js'], { env: embeddedEnv({ ENLACE_DATA_DIR: a }), encoding: 'utf8', timeout: 60_000 });
    expect([verify.status, verify.stdout]).toEqual([0, expect.stringContaining('audit:verify OK: 1 history rows')]);

    const twice = await failedStart(a);
    expect(twice.code).toBe(1);
    expect(twice.line).toMatch(/data folder .* is in use by another Enlace process \(pid \d+\)/);
    expect((await call(first.base, 'GET', '/health')).status).toBe(200);

    // A process manager signals npm alone; a terminal's Ctrl-C signals the whole group.
    const [stoppedA, stoppedB] = await Promise.all([
      stopUnderLoad(first, a, 'SIGTERM', 'process'),
      stopUnderLoad(second, b, 'SIGINT', 'group'),
    ]);
    created.a.push(...stoppedA);
    created.b.push(...stoppedB);
  }, 300_000);

  it('keeps every answered change, and comes back after a SIGKILL of the whole process group, stopping the PostgreSQL left behind', async () => {
    const first = start(a, ports.a);
    const other = start(b, ports.b);
    await Promise.all([healthyWithin(first, 120_000), healthyWithin(other, 120_000)]);
    for (const [service, ids] of [[first, created.a], [other, created.b]] as const) {
      const token = await loginAs(service.base, USERS.fiscalGT);
      for (const id of ids) expect((await call(service.base, 'GET', `/requests/${id}`, token)).status).toBe(200);
    }
    await stopService(other);
    const total = (await call(first.base, 'GET', '/requests', await loginAs(first.base, USERS.fiscalGT))).body.total;

    const orphan = postmasterPid(a);
    signal(first, 'SIGKILL');
    await first.exited;
    // PostgreSQL runs in a group of its own (so a Ctrl-C does not stop it under requests in flight): it survives.
    expect(alive(orphan)).toBe(true);

    const again = start(a, ports.a);
    await healthyWithin(again, 120_000);
    expect(alive(orphan)).toBe(false);
    expect(again.output()).toContain('a killed service left running');
    expect((await call(again.base, 'GET', '/requests', await loginAs(again.base, USERS.fiscalGT))).body.total).toBe(total);

    // Now PostgreSQL killed too: its lock file stays behind, naming a process that is gone.
    const postmaster = postmasterPid(a);
    signal(again, 'SIGKILL');
    process.kill(postmaster, 'SIGKILL');
    await again.exited;
    while (alive(postmaster)) await new Promise((resolve) => setTimeout(resolve, 50));
    const third = start(a, ports.a);
    await healthyWithin(third, 120_000);
    expect((await call(third.base, 'GET', '/requests', await loginAs(third.base, USERS.fiscalGT))).body.total).toBe(total);
    await stopService(third);
  }, 300_000);
});

describe('a start that cannot go on says why in one line', () => {
  it('names a fixed PostgreSQL port that is taken', async () => {
    const blocker: Server = createServer();
    const port = testPort() + 1000;
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', () => resolve()));
    try {
      const failed = await failedStart(join(root, 'port-taken'), { ENLACE_EMBEDDED_PG_PORT: String(port) });
      expect([failed.code, failed.line]).toEqual([1, expect.stringMatching(new RegExp(`^Port ${port} \\(ENLACE_EMBEDDED_PG_PORT\\) is taken by another program`))]);
    } finally {
      blocker.close();
    }
  }, 90_000);

  it('names a data folder it cannot write', async () => {
    const file = join(root, 'a-file');
    writeFileSync(file, 'not a folder');
    const failed = await failedStart(join(file, 'data'));
    expect([failed.code, failed.line]).toEqual([1, expect.stringMatching(/^The data folder .* cannot be written \(ENOTDIR\)/)]);
  }, 90_000);

  it('names a cluster of another PostgreSQL major version', async () => {
    const dataDir = join(root, 'old-major');
    mkdirSync(join(dataDir, 'postgres/cluster'), { recursive: true });
    writeFileSync(join(dataDir, 'postgres/cluster/PG_VERSION'), '16\n');
    const failed = await failedStart(dataDir);
    expect([failed.code, failed.line]).toEqual([1, expect.stringMatching(/holds a PostgreSQL 16 cluster and this Enlace runs PostgreSQL \d+: .*pg_upgrade/)]);
  }, 90_000);

  // As root, PostgreSQL runs as the OS user "postgres", which a private (0700) parent shuts out; as
  // any other user, a parent it may not write into does.
  if (process.getuid?.() === 0) {
    it('names a data folder the postgres OS user cannot reach, when running as root', async () => {
      const private0700 = join(root, 'private');
      mkdirSync(private0700, { mode: 0o700 });
      chmodSync(private0700, 0o700);
      const failed = await failedStart(join(private0700, 'data'));
      expect([failed.code, failed.line]).toEqual([1, expect.stringMatching(/the OS user "postgres" .* cannot reach .*chmod o\+x/)]);
    }, 90_000);
  } else {
    it('names a data folder under a parent this user may not write into', async () => {
      const readOnly = join(root, 'read-only');
      mkdirSync(readOnly, { mode: 0o500 });
      chmodSync(readOnly, 0o500);
      const failed = await failedStart(join(readOnly, 'data'));
      expect([failed.code, failed.line]).toEqual([1, expect.stringMatching(/^The data folder .* cannot be written \(EACCES\)/)]);
    }, 90_000);
  }
});
