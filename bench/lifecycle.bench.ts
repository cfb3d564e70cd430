// Lifecycle load: `node dist/bench/lifecycle.bench.js [--lifecycles 60] [--clients 6] [--modes production,embedded,embeddedThreads]`
// (part of `npm run bench`). Needs DATABASE_URL (and REDIS_URL for the production mode).
//
// For each mode, the service runs in processes of its own on a fresh database:
//   - production: the API (`start:api`) and a worker (`start:worker`), queues on Redis;
//   - embedded: everything in one process as `npm start` assembles it (queues on PostgreSQL), the
//     PDFs rendered in processes at a lower priority (ENLACE_RENDER_PROCESSES=true, its default);
//   - embeddedThreads: the same with the PDFs rendered in a thread of that process (the former way).
// (The embedded modes use the PostgreSQL of DATABASE_URL rather than starting their own, so that the
// three share one database server and differ only in how the service is assembled.)
// Then, over HTTP with keep-alive:
//   1. idle: a read (GET /api/requests/:id) 60 times, one at a time; one client walks 2 lifecycles
//      alone (its transitions' latencies), then every document is left to finish;
//   2. busy: `clients` clients walk `lifecycles` lifecycles (create, then the 10 events of the happy
//      path, 5 PDFs each) while a probe keeps reading as in 1, until every document is ready.
// Reported per mode: read p95 idle and busy (and their ratio), transition p95 alone and busy,
// commit-to-ready p50/p95 (the event's transaction to the document's ready_at), lifecycles per
// second until every document is ready; and across modes, embedded's throughput over production's.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { childEnvironment, loadConfig } from '@enlace/config';
import { withPgClient } from '@enlace/embedded';
import { buildRequestFields } from '../templates/testing/request.factory.js';

const PASSWORD = 'enlace-bench';
const USERS = {
  fiscal: 'fiscal.gt@demo.enlace',
  cancilleria: 'cancilleria.gt@demo.enlace',
  transmitter: 'autoridad.gt@demo.enlace',
  authority: 'autoridad.mx@demo.enlace',
} as const;
type Who = keyof typeof USERS;

/** The happy path GT -> MX (test/support/request-flow.ts), each step by the officer the contract names. */
const HAPPY_PATH: { type: string; by: Who; comment?: string; data?: Record<string, unknown> }[] = [
  { type: 'SHARE_DRAFT', by: 'fiscal' },
  { type: 'STANDARDIZE', by: 'fiscal' },
  { type: 'SUBMIT', by: 'fiscal' },
  { type: 'AUTHORIZE', by: 'cancilleria' },
  // Under Nassau the route runs between central authorities: Guatemala's central authority transmits.
  { type: 'TRANSMIT', by: 'transmitter' },
  { type: 'ACKNOWLEDGE', by: 'authority' },
  { type: 'REQUEST_INFO', by: 'authority', comment: '¿Puede precisar el periodo de los registros bancarios?' },
  { type: 'SUPPLY_INFO', by: 'fiscal', comment: 'Del 1 de enero al 31 de diciembre de 2025.' },
  { type: 'RECORD_EXECUTION', by: 'authority', comment: 'Se remiten los registros certificados.', data: { outcome: 'total' } },
  { type: 'CLOSE', by: 'fiscal' },
];

export type Mode = 'production' | 'embedded' | 'embeddedThreads';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
}

export function percentiles(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))] ?? NaN;
  const round = (n: number) => Math.round(n * 10) / 10;
  return { p50: round(at(0.5)), p95: round(at(0.95)), max: round(s[s.length - 1] ?? NaN), samples: s.length };
}

const ratio = (a: number, b: number) => Math.round((a / b) * 1000) / 1000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function start(script: string, env: NodeJS.ProcessEnv, readyLine: RegExp, args: string[] = []): Promise<ChildProcess> {
  const child = spawn(process.execPath, [script, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (readyLine.test(output)) resolve(child);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${path.basename(script)} exited with ${code} before it was ready:\n${output.slice(-2000)}`)));
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

class Client {
  private tokens = new Map<Who, string>();
  constructor(private readonly base: string) {}

  async login(): Promise<void> {
    for (const who of Object.keys(USERS) as Who[]) {
      const response = await this.call('POST', '/api/auth/login', undefined, { email: USERS[who], password: PASSWORD });
      this.tokens.set(who, (response as { accessToken: string }).accessToken);
    }
  }

  async call(method: string, url: string, who?: Who, body?: unknown): Promise<Record<string, unknown>> {
    const response = await fetch(`${this.base}${url}`, {
      method,
      headers: { ...(who && { authorization: `Bearer ${this.tokens.get(who)}` }), ...(body !== undefined && { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${text.slice(0, 500)}`);
    return JSON.parse(text) as Record<string, unknown>;
  }

  /** Creates a request and walks it to CLOSE; returns each transition's latency. */
  async lifecycle(): Promise<number[]> {
    const created = await this.call('POST', '/api/requests', 'fiscal', buildRequestFields());
    const id = created.id as string;
    let version = created.version as number;
    const latencies: number[] = [];
    for (const step of HAPPY_PATH) {
      const started = performance.now();
      const answer = await this.call('POST', `/api/requests/${id}/events`, step.by, {
        type: step.type,
        expectedVersion: version,
        ...(step.comment && { comment: step.comment }),
        ...(step.data && { data: step.data }),
      });
      latencies.push(performance.now() - started);
      version = answer.version as number;
    }
    return latencies;
  }

  async read(id: string): Promise<number> {
    const started = performance.now();
    await this.call('GET', `/api/requests/${id}`, 'fiscal');
    return performance.now() - started;
  }
}

async function pendingDocuments(url: string): Promise<number> {
  const [row] = await withPgClient(url, async (c) => (await c.query(`SELECT count(*)::int AS n FROM documents WHERE status = 'pending'`)).rows);
  return row.n as number;
}

async function untilDocumentsSettle(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await pendingDocuments(url)) > 0) {
    if (Date.now() > deadline) throw new Error('documents still pending after the time allowed');
    await sleep(100);
  }
}

/** The servers the bench runs its modes on, from the settings. */
interface Servers {
  databaseUrl: string;
  redisUrl: string | undefined;
}

async function runMode(servers: Servers, mode: Mode, lifecycles: number, clients: number): Promise<Record<string, unknown>> {
  if (mode === 'production' && !servers.redisUrl) return { skipped: 'REDIS_URL is not set' };
  const server = new URL(servers.databaseUrl);
  const name = `enlace_bench_lifecycle_${mode.toLowerCase()}`;
  const dbUrl = new URL(server.toString());
  dbUrl.pathname = `/${name}`;
  await withPgClient(server.toString(), async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${name}`);
  });
  const documentsDir = mkdtempSync(path.join(os.tmpdir(), 'enlace-bench-documents-'));
  const port = await freePort();
  const env = childEnvironment({
    DATABASE_URL: dbUrl.toString(),
    PORT: String(port),
    ENLACE_TOKEN_SECRET: randomBytes(32).toString('hex'),
    ENLACE_DEMO_PASSWORD: PASSWORD,
    ENLACE_DOCUMENTS_DIR: documentsDir,
    ENLACE_LOG_LEVEL: 'error',
    ENLACE_QUEUE_PREFIX: `bench-${randomBytes(4).toString('hex')}`,
    // Production: the queues on Redis, consumed by a worker process; otherwise one process does everything.
    REDIS_URL: mode === 'production' ? servers.redisUrl : undefined,
    ...(mode !== 'production' && { ENLACE_RENDER_PROCESSES: mode === 'embedded' ? 'true' : 'false' }),
  });
  const here = path.dirname(fileURLToPath(import.meta.url));
  const children: ChildProcess[] = [];
  try {
    children.push(await start(path.join(here, 'lifecycle-server.js'), env, /^ready$/m, mode === 'production' ? [] : ['--consume']));
    if (mode === 'production') children.push(await start(path.join(here, '../apps/worker/src/main.js'), env, /Consuming queues/));

    const client = new Client(`http://127.0.0.1:${port}`);
    await client.login();
    const probe = (await client.call('POST', '/api/requests', 'fiscal', buildRequestFields())).id as string;

    // 1. Idle.
    for (let i = 0; i < 10; i++) await client.read(probe);
    const idleReads: number[] = [];
    for (let i = 0; i < 60; i++) idleReads.push(await client.read(probe));
    const alone: number[] = [];
    for (let i = 0; i < 2; i++) alone.push(...(await client.lifecycle()));
    await untilDocumentsSettle(dbUrl.toString(), 300_000);

    // 2. Busy: the clients share the lifecycles; the probe reads until every document is ready.
    const startedAt = new Date();
    const started = performance.now();
    let remaining = lifecycles;
    const transitions: number[] = [];
    const walkers = Array.from({ length: clients }, async () => {
      while (remaining > 0) {
        remaining--;
        transitions.push(...(await client.lifecycle()));
      }
    });
    let busy = true;
    const busyReads: number[] = [];
    const prober = (async () => {
      while (busy) {
        busyReads.push(await client.read(probe));
        await sleep(20);
      }
    })();
    await Promise.all(walkers);
    const walked = performance.now() - started;
    await untilDocumentsSettle(dbUrl.toString(), 600_000);
    const settled = performance.now() - started;
    busy = false;
    await prober;

    const [docs] = await withPgClient(dbUrl.toString(), async (c) =>
      (
        await c.query(
          `SELECT count(*)::int AS documents, count(*) FILTER (WHERE status <> 'ready')::int AS "notReady",
                  percentile_cont(0.5) WITHIN GROUP (ORDER BY date_part('epoch', ready_at - created_at) * 1000) AS p50,
                  percentile_cont(0.95) WITHIN GROUP (ORDER BY date_part('epoch', ready_at - created_at) * 1000) AS p95,
                  max(date_part('epoch', ready_at - created_at) * 1000) AS max
           FROM documents WHERE created_at >= $1`,
          [startedAt],
        )
      ).rows,
    );
    const idle = percentiles(idleReads);
    const loaded = percentiles(busyReads);
    const transitionAlone = percentiles(alone);
    const transitionBusy = percentiles(transitions);
    return {
      lifecycles,
      clients,
      documents: docs.documents,
      notReady: docs.notReady,
      readMs: { idle, busy: loaded, ratioP95BusyToIdle: ratio(loaded.p95, idle.p95) },
      transitionMs: { alone: transitionAlone, busy: transitionBusy, ratioP95BusyToAlone: ratio(transitionBusy.p95, transitionAlone.p95) },
      commitToReadyMs: { p50: Math.round(docs.p50), p95: Math.round(docs.p95), max: Math.round(docs.max), targetP95: 2000 },
      seconds: { walking: Math.round(walked / 100) / 10, untilEveryDocumentReady: Math.round(settled / 100) / 10 },
      lifecyclesPerSecond: Math.round((lifecycles / (settled / 1000)) * 100) / 100,
    };
  } finally {
    for (const child of children.reverse()) await stop(child);
    rmSync(documentsDir, { recursive: true, force: true });
    await withPgClient(server.toString(), (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  }
}

export async function lifecycleBench(): Promise<Record<string, unknown>> {
  const { databaseUrl, redisUrl } = loadConfig();
  if (!databaseUrl) return { skipped: 'DATABASE_URL is not set: the lifecycle bench needs a PostgreSQL server' };
  const lifecycles = Number(arg('lifecycles', '60'));
  const clients = Number(arg('clients', '6'));
  const modes = arg('modes', 'production,embedded,embeddedThreads').split(',') as Mode[];
  const result: Record<string, unknown> = { node: process.version, cpus: os.cpus().length, loadAverage: os.loadavg().map((l) => Math.round(l * 10) / 10) };
  const byMode: Partial<Record<Mode, Record<string, unknown>>> = {};
  for (const mode of modes) {
    console.error(`lifecycle bench: ${mode}...`);
    byMode[mode] = await runMode({ databaseUrl, redisUrl }, mode, lifecycles, clients);
    result[mode] = byMode[mode];
  }
  const rate = (mode: Mode) => byMode[mode]?.lifecyclesPerSecond as number | undefined;
  if (rate('embedded') && rate('production')) result.embeddedToProductionThroughput = ratio(rate('embedded')!, rate('production')!);
  if (rate('embedded') && rate('embeddedThreads')) result.embeddedProcessesToThreadsThroughput = ratio(rate('embedded')!, rate('embeddedThreads')!);
  result.loadAverageAfter = os.loadavg().map((l) => Math.round(l * 10) / 10);
  return result;
}

if (process.argv[1]?.endsWith('lifecycle.bench.js')) {
  lifecycleBench().then(
    (result) => process.stdout.write(`${JSON.stringify({ lifecycle: result }, null, 2)}\n`),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
