// Lifecycle load: `node dist/bench/lifecycle.bench.js [--lifecycles 30] [--clients 6] [--cap-seconds 300]
// [--modes production,embedded] [--database-prefix enlace_bench_lifecycle] [--paced-lifecycles 12] [--think-ms 1000]
// [--unrendered-lifecycles 30]` (part of `npm run bench`). Needs DATABASE_URL (and REDIS_URL for the production mode).
//
// For each mode, the service runs in processes of its own on a fresh database:
//   - production: the API and a worker (`apps/worker`) in processes apart, queues on Redis, on the
//     PostgreSQL of DATABASE_URL;
//   - embedded: the one process `npm start` runs (`dist/apps/api/src/main.js`, no DATABASE_URL nor
//     REDIS_URL) on a fresh data folder: its own PostgreSQL, queues on it, the PDFs rendered in processes
//     at a lower priority (ENLACE_RENDER_PROCESSES, its default);
//   - embeddedThreads (on request): the API process of production with the queues on PostgreSQL and the
//     PDFs rendered in a thread of that process (the former way), on DATABASE_URL's server.
// Then, over HTTP with keep-alive:
//   0. production only, before its worker starts: the clients walk `unrendered-lifecycles` lifecycles back to back
//      as in 2 while a probe reads, with nothing rendering (the documents wait in the queue; the worker then starts
//      and renders them before 1): what the clients' own load costs a read, the baseline of what rendering adds;
//   1. idle: a read (GET /api/requests/:id) 60 times, one at a time; one client walks 1 lifecycle alone
//      (its transitions' latencies), then its documents are left to finish (within the cap);
//   2. busy, saturated: `clients` clients walk `lifecycles` lifecycles back to back (create, then the 10
//      events of the happy path, 7 PDFs each) while a probe keeps reading as in 1, until every document
//      is ready: a closed loop with no pause, which takes every core there is; its figures come first;
//   3. busy, paced, beside it (never instead): the same clients walk `paced-lifecycles` lifecycles
//      pausing `think-ms` before each step, as people at their desks do (`paced` in the result).
// Bounded: each mode's busy phase stops at `cap-seconds` (no lifecycle is begun after it, and the
// documents are not waited for past it); what was measured until then is reported, `capReached` says
// so, and commit-to-ready then counts a document still pending as pending until the cap (a lower bound).
// Reported per mode: read p95 idle and busy (and their ratio; busy split into while the clients walk and after, while
// only their documents render), transition p95 alone and busy,
// commit-to-ready p50/p95 (the event's transaction to the document's ready_at), lifecycles per second
// until every document is ready; and across modes, embedded's throughput over production's. The load
// average before and after each mode goes beside its figures. commitToReadySplit says where the time
// went, from what the service recorded per document (the outbox row's enqueue, documents.render_timings,
// ready_at, the row's done): the relay, the queue wait, the view model, the wait for a free renderer, the
// render (its CPU where the renderer is a process), the seal, the write; then per document kind, and
// documents per lifecycle.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
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

function start(script: string, env: NodeJS.ProcessEnv, readyLine: RegExp, args: string[] = [], timeoutMs = 180_000): Promise<ChildProcess> {
  const child = spawn(process.execPath, [script, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let output = '';
    let ready = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${path.basename(script)} did not say it was ready within ${timeoutMs / 1000} s:\n${output.slice(-2000)}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      if (ready) return;
      output = (output + chunk.toString()).slice(-20_000);
      if (readyLine.test(output)) {
        ready = true;
        clearTimeout(timer);
        resolve(child);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${path.basename(script)} exited with ${code} before it was ready:\n${output.slice(-2000)}`));
    });
  });
}

const progress = (line: string) => console.error(`lifecycle bench: ${line} (load ${os.loadavg()[0]!.toFixed(1)})`);

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

  /** Creates a request and walks it to CLOSE, pausing `thinkMs` before each step; returns each transition's latency. */
  async lifecycle(thinkMs = 0): Promise<number[]> {
    const created = await this.call('POST', '/api/requests', 'fiscal', buildRequestFields());
    const id = created.id as string;
    let version = created.version as number;
    const latencies: number[] = [];
    for (const step of HAPPY_PATH) {
      if (thinkMs > 0) await sleep(thinkMs);
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

/** Waits until no document is pending or `deadline` (ms since the epoch) passes; whether they all settled. */
async function untilDocumentsSettle(url: string, deadline: number): Promise<boolean> {
  while ((await pendingDocuments(url)) > 0) {
    if (Date.now() > deadline) return false;
    await sleep(200);
  }
  return true;
}

/** p50 / p95 / mean of a list, in tenths. */
function summary(values: number[]) {
  const { p50, p95, samples } = percentiles(values);
  const mean = values.length ? Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 10) / 10 : NaN;
  return { mean, p50, p95, samples };
}

/**
 * Where commit-to-ready went, document by document, from what the service recorded: the outbox row's
 * enqueue (relay), the rendering attempt's start and its parts (documents.render_timings), ready_at,
 * and the outbox row's done (the ready commit and the job's end). Means add up: each part's share of
 * the mean commit-to-ready says what dominates. Then the same per document kind, and how many of each
 * a lifecycle makes.
 */
async function splitCommitToReady(url: string, since: Date, lifecycles: number): Promise<Record<string, unknown>> {
  const rows = await withPgClient(url, async (c) =>
    (
      await c.query(
        `SELECT d.kind, date_part('epoch', d.created_at) * 1000 AS created, date_part('epoch', o.enqueued_at) * 1000 AS enqueued,
                date_part('epoch', d.ready_at) * 1000 AS ready, date_part('epoch', o.done_at) * 1000 AS done, d.render_timings AS t
         FROM documents d LEFT JOIN outbox o ON o.job = 'render-document' AND o.payload ->> 'documentId' = d.id::text
         WHERE d.created_at >= $1 AND d.status = 'ready'`,
        [since],
      )
    ).rows as { kind: string; created: number; enqueued: number | null; ready: number; done: number | null; t: Record<string, number | string> | null }[],
  );
  const parts: Record<string, number[]> = {
    commitToReady: [],
    relay: [],
    queueWait: [],
    buildViewModel: [],
    waitForRenderer: [],
    render: [],
    seal: [],
    store: [],
    rest: [],
    readyCommitAndJobDone: [],
  };
  const renderCpu: number[] = [];
  const byKind = new Map<string, { n: number; render: number[]; cpu: number[]; seal: number[]; total: number[]; queue: number[] }>();
  for (const r of rows) {
    if (!r.t || r.enqueued === null) continue;
    const t = r.t as { startedAt: string; buildMs: number; renderMs: number; rendererMs?: number; rendererCpuMs?: number; sealMs: number; storeMs: number };
    const started = Date.parse(t.startedAt);
    const total = r.ready - r.created;
    const renderer = t.rendererMs ?? t.renderMs;
    parts.commitToReady!.push(total);
    parts.relay!.push(r.enqueued - r.created);
    parts.queueWait!.push(started - r.enqueued);
    parts.buildViewModel!.push(t.buildMs);
    parts.waitForRenderer!.push(t.renderMs - renderer);
    parts.render!.push(renderer);
    parts.seal!.push(t.sealMs);
    parts.store!.push(t.storeMs);
    parts.rest!.push(r.ready - started - t.buildMs - t.renderMs - t.sealMs - t.storeMs);
    if (r.done !== null) parts.readyCommitAndJobDone!.push(r.done - r.ready);
    if (t.rendererCpuMs !== undefined) renderCpu.push(t.rendererCpuMs);
    const k = byKind.get(r.kind) ?? { n: 0, render: [], cpu: [], seal: [], total: [], queue: [] };
    k.n++;
    k.render.push(renderer);
    if (t.rendererCpuMs !== undefined) k.cpu.push(t.rendererCpuMs);
    k.seal.push(t.sealMs);
    k.total.push(total);
    k.queue.push(started - r.enqueued);
    byKind.set(r.kind, k);
  }
  const mean = (v: number[]) => (v.length ? v.reduce((a, b) => a + b, 0) / v.length : NaN);
  const totalMean = mean(parts.commitToReady!);
  const out: Record<string, unknown> = {};
  for (const [name, values] of Object.entries(parts)) {
    out[name] = { ...summary(values), ...(name !== 'commitToReady' && name !== 'readyCommitAndJobDone' && { shareOfMean: ratio(mean(values), totalMean) }) };
  }
  return {
    documents: rows.length,
    perLifecycle: Math.round((rows.length / lifecycles) * 100) / 100,
    ms: out,
    ...(renderCpu.length && { renderCpuMs: summary(renderCpu) }),
    byKind: Object.fromEntries(
      [...byKind.entries()].map(([kind, k]) => [
        kind,
        {
          documents: k.n,
          perLifecycle: Math.round((k.n / lifecycles) * 100) / 100,
          renderMs: summary(k.render).mean,
          ...(k.cpu.length && { renderCpuMs: summary(k.cpu).mean }),
          sealMs: summary(k.seal).mean,
          queueWaitMs: summary(k.queue).mean,
          commitToReadyMs: summary(k.total),
        },
      ]),
    ),
  };
}

async function untilHealthy(base: string, child: ChildProcess, timeoutMs: number, output: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the service exited with ${child.exitCode} before it was ready:\n${output().slice(-2000)}`);
    const ok = await fetch(`${base}/api/health/ready`).then((r) => r.ok, () => false);
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`the service was not ready after ${timeoutMs / 1000} s:\n${output().slice(-2000)}`);
    await sleep(500);
  }
}

/** The servers the bench runs its modes on, from the settings. */
interface Servers {
  databaseUrl: string;
  redisUrl: string | undefined;
}

const load = () => os.loadavg().map((l) => Math.round(l * 10) / 10);

/** The service of one mode, started; `databaseUrl` is where its documents are counted. */
interface Started {
  databaseUrl: string;
  children: ChildProcess[];
  cleanup: () => Promise<void>;
  /** Production's worker, where its start was deferred: until then nothing renders. */
  startWorker?: () => Promise<void>;
}

async function startMode(servers: Servers, mode: Mode, port: number, documentsDir: string, { deferWorker = false } = {}): Promise<Started> {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const common = {
    PORT: String(port),
    ENLACE_TOKEN_SECRET: randomBytes(32).toString('hex'),
    ENLACE_DEMO_PASSWORD: PASSWORD,
    ENLACE_DOCUMENTS_DIR: documentsDir,
    ENLACE_LOG_LEVEL: 'error',
    ENLACE_QUEUE_PREFIX: `bench-${randomBytes(4).toString('hex')}`,
  };
  if (mode === 'embedded') {
    // `npm start` as a user runs it: no DATABASE_URL nor REDIS_URL, a fresh data folder.
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'enlace-bench-embedded-'));
    chmodSync(dataDir, 0o711);
    const pgPort = await freePort();
    const env = childEnvironment({ ...common, DATABASE_URL: undefined, REDIS_URL: undefined, ENLACE_DATA_DIR: dataDir, ENLACE_EMBEDDED_PG_PORT: String(pgPort) });
    let output = '';
    const child = spawn(process.execPath, [path.join(here, '../apps/api/src/main.js')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (chunk) => (output = (output + String(chunk)).slice(-20_000)));
    child.stderr!.on('data', (chunk) => (output = (output + String(chunk)).slice(-20_000)));
    const cleanup = async () => rmSync(dataDir, { recursive: true, force: true });
    try {
      await untilHealthy(`http://127.0.0.1:${port}`, child, 180_000, () => output);
    } catch (error) {
      await stop(child);
      await cleanup();
      throw error;
    }
    const password = readFileSync(path.join(dataDir, 'postgres', 'pg-password'), 'utf8').trim();
    return { databaseUrl: `postgres://enlace:${encodeURIComponent(password)}@127.0.0.1:${pgPort}/enlace`, children: [child], cleanup };
  }
  const server = new URL(servers.databaseUrl);
  // --database-prefix: a name of one's own where several benches share the server.
  const name = `${arg('database-prefix', 'enlace_bench_lifecycle')}_${mode.toLowerCase()}`;
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`--database-prefix must make a plain lowercase name, not ${name}`);
  const dbUrl = new URL(server.toString());
  dbUrl.pathname = `/${name}`;
  await withPgClient(server.toString(), async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${name}`);
  });
  const cleanup = () => withPgClient(server.toString(), (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => {});
  const env = childEnvironment({
    ...common,
    DATABASE_URL: dbUrl.toString(),
    // Production: the queues on Redis, consumed by a worker process; otherwise one process does everything.
    REDIS_URL: mode === 'production' ? servers.redisUrl : undefined,
    ...(mode === 'embeddedThreads' && { ENLACE_RENDER_PROCESSES: 'false' }),
  });
  const children: ChildProcess[] = [];
  // The worker says it consumes at the `info` level (its only readiness sign; it has no HTTP port).
  const startWorker = async () => {
    children.push(await start(path.join(here, '../apps/worker/src/main.js'), { ...env, ENLACE_LOG_LEVEL: 'info' }, /Consuming queues/));
  };
  try {
    children.push(await start(path.join(here, 'lifecycle-server.js'), env, /^ready$/m, mode === 'production' ? [] : ['--consume']));
    if (mode === 'production' && !deferWorker) await startWorker();
  } catch (error) {
    for (const child of children.reverse()) await stop(child);
    await cleanup();
    throw error;
  }
  return { databaseUrl: dbUrl.toString(), children, cleanup, ...(mode === 'production' && deferWorker && { startWorker }) };
}

interface BusyPhase {
  completed: number;
  capReached: boolean;
  reads: ReturnType<typeof percentiles>;
  /** The reads while the clients walked, and after, while only their documents rendered. */
  readsWhileWalking: ReturnType<typeof percentiles>;
  readsWhileRendering: ReturnType<typeof percentiles>;
  transitions: ReturnType<typeof percentiles>;
  docs: { documents: number; notReady: number; p50: number; p95: number; max: number };
  split: Record<string, unknown>;
  seconds: { walking: number; untilEveryDocumentReady: number | null; untilStopped: number };
  lifecyclesPerSecond: number;
  loadBefore: number[];
  loadAfter: number[];
}

interface Load {
  lifecycles: number;
  clients: number;
  capSeconds: number;
  thinkMs: number;
}

/**
 * `clients` clients share `lifecycles` lifecycles (none begun after the cap) while a probe reads every 20 ms; once they
 * have walked, `after` runs with the probe still reading. The reads of each part, and the transitions' latencies.
 */
async function walkWhileProbing(client: Client, probe: string, label: string, { lifecycles, clients, capSeconds, thinkMs }: Load, after: (cap: number) => Promise<void>) {
  const started = performance.now();
  const cap = Date.now() + capSeconds * 1000;
  let begun = 0;
  let completed = 0;
  const transitions: number[] = [];
  const walkers = Array.from({ length: clients }, async (_, i) => {
    // Paced clients start apart, as people do.
    if (thinkMs > 0) await sleep((thinkMs * i) / clients);
    while (begun < lifecycles && Date.now() < cap) {
      begun++;
      transitions.push(...(await client.lifecycle(thinkMs)));
      completed++;
      if (completed % 5 === 0 || completed === lifecycles) progress(`${label}: ${completed} lifecycles walked`);
    }
  });
  let probing = true;
  let walking = true;
  const walkingReads: number[] = [];
  const afterReads: number[] = [];
  const prober = (async () => {
    while (probing) {
      const ms = await client.read(probe);
      (walking ? walkingReads : afterReads).push(ms);
      await sleep(20);
    }
  })();
  await Promise.all(walkers);
  walking = false;
  const walkedMs = performance.now() - started;
  await after(cap);
  probing = false;
  await prober;
  return { completed, transitions, walkingReads, afterReads, walkedMs, totalMs: performance.now() - started };
}

/** `clients` clients share `lifecycles` lifecycles while a probe reads, until every document is ready or the cap. */
async function busyPhase(client: Client, probe: string, databaseUrl: string, mode: Mode, shape: Load): Promise<BusyPhase> {
  const loadBefore = load();
  const label = shape.thinkMs > 0 ? `${mode} paced` : mode;
  const startedAt = new Date();
  let settledInTime = false;
  const walked = await walkWhileProbing(client, probe, label, shape, async (cap) => {
    progress(`${label}: walked, waiting for the documents`);
    settledInTime = await untilDocumentsSettle(databaseUrl, cap);
  });
  const { completed, transitions, walkingReads, afterReads, walkedMs, totalMs: settled } = walked;
  const [docs] = await withPgClient(databaseUrl, async (c) =>
    (
      await c.query(
        // A document still pending at the cap counts as pending until now: a lower bound of its time.
        `SELECT count(*)::int AS documents, count(*) FILTER (WHERE status <> 'ready')::int AS "notReady",
                percentile_cont(0.5) WITHIN GROUP (ORDER BY date_part('epoch', COALESCE(ready_at, clock_timestamp()) - created_at) * 1000) AS p50,
                percentile_cont(0.95) WITHIN GROUP (ORDER BY date_part('epoch', COALESCE(ready_at, clock_timestamp()) - created_at) * 1000) AS p95,
                max(date_part('epoch', COALESCE(ready_at, clock_timestamp()) - created_at) * 1000) AS max
         FROM documents WHERE created_at >= $1`,
        [startedAt],
      )
    ).rows,
  );
  return {
    completed,
    capReached: completed < shape.lifecycles || !settledInTime,
    reads: percentiles([...walkingReads, ...afterReads]),
    readsWhileWalking: percentiles(walkingReads),
    readsWhileRendering: percentiles(afterReads),
    transitions: percentiles(transitions),
    docs,
    split: await splitCommitToReady(databaseUrl, startedAt, completed),
    seconds: { walking: Math.round(walkedMs / 100) / 10, untilEveryDocumentReady: settledInTime ? Math.round(settled / 100) / 10 : null, untilStopped: Math.round(settled / 100) / 10 },
    lifecyclesPerSecond: Math.round((completed / (settled / 1000)) * 100) / 100,
    loadBefore,
    loadAfter: load(),
  };
}

async function runMode(
  servers: Servers,
  mode: Mode,
  lifecycles: number,
  clients: number,
  capSeconds: number,
  pacedLifecycles: number,
  thinkMs: number,
  unrenderedLifecycles: number,
): Promise<Record<string, unknown>> {
  if (mode === 'production' && !servers.redisUrl) return { skipped: 'REDIS_URL is not set' };
  const loadBefore = load();
  const documentsDir = mkdtempSync(path.join(os.tmpdir(), 'enlace-bench-documents-'));
  const port = await freePort();
  const service = await startMode(servers, mode, port, documentsDir, { deferWorker: mode === 'production' && unrenderedLifecycles > 0 });
  try {
    progress(`${mode} started`);
    const client = new Client(`http://127.0.0.1:${port}`);
    await client.login();
    const probe = (await client.call('POST', '/api/requests', 'fiscal', buildRequestFields())).id as string;

    // 0. Production, before its worker starts (--unrendered-lifecycles, 0 to leave it out): the same clients walk back
    // to back with nothing rendering (the documents wait in the queue), what the reads cost under the clients' own load.
    let unrendered: { completed: number; reads: ReturnType<typeof percentiles>; transitions: ReturnType<typeof percentiles>; loadAfter: number[]; settled: boolean } | undefined;
    if (service.startWorker) {
      for (let i = 0; i < 10; i++) await client.read(probe);
      const walk = { lifecycles: unrenderedLifecycles, clients, capSeconds, thinkMs: 0 };
      const walked = await walkWhileProbing(client, probe, `${mode} with nothing rendering`, walk, async () => {});
      const loadAfter = load();
      await service.startWorker();
      progress(`${mode}: the worker started, rendering what that walk left`);
      const settled = await untilDocumentsSettle(service.databaseUrl, Date.now() + capSeconds * 1000);
      unrendered = { completed: walked.completed, reads: percentiles(walked.walkingReads), transitions: percentiles(walked.transitions), loadAfter, settled };
    }

    // 1. Idle.
    for (let i = 0; i < 10; i++) await client.read(probe);
    const idleReads: number[] = [];
    for (let i = 0; i < 60; i++) idleReads.push(await client.read(probe));
    const alone = await client.lifecycle();
    const idleSettled = await untilDocumentsSettle(service.databaseUrl, Date.now() + 120_000);
    progress(`${mode} idle measured`);

    // 2. Busy, saturated: the clients walk back to back (a closed loop, no pause: the honest figures).
    const saturated = await busyPhase(client, probe, service.databaseUrl, mode, { lifecycles, clients, capSeconds, thinkMs: 0 });
    const capReached = saturated.capReached;
    // 3. Busy at a person's pace beside it (--paced-lifecycles, 0 to leave it out): each client pauses
    // --think-ms between its steps, as an officer reading a page before the next does.
    const paced = pacedLifecycles > 0 ? await busyPhase(client, probe, service.databaseUrl, mode, { lifecycles: pacedLifecycles, clients, capSeconds, thinkMs }) : undefined;
    const idle = percentiles(idleReads);
    const transitionAlone = percentiles(alone);
    const figures = (phase: BusyPhase) => ({
      documents: phase.docs.documents,
      notReady: phase.docs.notReady,
      readMs: {
        idle,
        busy: phase.reads,
        ratioP95BusyToIdle: ratio(phase.reads.p95, idle.p95),
        // busy, split: while the clients walked, and after, while only their documents rendered.
        whileWalking: phase.readsWhileWalking,
        whileOnlyRendering: phase.readsWhileRendering,
        ratioP95WhileOnlyRenderingToIdle: ratio(phase.readsWhileRendering.p95, idle.p95),
      },
      transitionMs: { alone: transitionAlone, busy: phase.transitions, ratioP95BusyToAlone: ratio(phase.transitions.p95, transitionAlone.p95) },
      commitToReadyMs: {
        p50: Math.round(phase.docs.p50),
        p95: Math.round(phase.docs.p95),
        max: Math.round(phase.docs.max),
        targetP95: 2000,
        ...(phase.docs.notReady > 0 && { lowerBound: true }),
      },
      // Where it went (means add up to commitToReady's mean; shareOfMean is each part's share).
      commitToReadySplit: phase.split,
    });
    return {
      lifecycles: { asked: lifecycles, completed: saturated.completed },
      clients,
      capSeconds,
      capReached,
      ...(capReached && {
        note: `stopped at the cap of ${capSeconds} s: ${saturated.completed} of ${lifecycles} lifecycles walked, ${saturated.docs.notReady} documents not ready; the figures are what was measured until then`,
      }),
      ...(!idleSettled && { idleNote: 'the idle lifecycle\u2019s documents were still pending after 120 s' }),
      ...figures(saturated),
      seconds: saturated.seconds,
      // Lifecycles walked over the time until their documents were ready (or the cap).
      lifecyclesPerSecond: saturated.lifecyclesPerSecond,
      loadAverage: { before: loadBefore, after: saturated.loadAfter },
      ...(unrendered && {
        withoutRendering: {
          note: 'before the worker started: the same clients back to back with nothing rendering (their documents waited in the queue)',
          lifecycles: { asked: unrenderedLifecycles, completed: unrendered.completed },
          ...(!unrendered.settled && { documentsNote: 'its documents were still pending at the cap when the phases above began' }),
          readMs: {
            whileWalking: unrendered.reads,
            ratioP95ToIdle: ratio(unrendered.reads.p95, idle.p95),
            // What rendering adds to a read while the clients walk: the saturated walk's reads over these.
            ratioP95WalkingWithRenderingToWithout: ratio(saturated.readsWhileWalking.p95, unrendered.reads.p95),
          },
          transitionMs: { busy: unrendered.transitions, ratioP95WithRenderingToWithout: ratio(saturated.transitions.p95, unrendered.transitions.p95) },
          loadAverage: { after: unrendered.loadAfter },
        },
      }),
      ...(paced && {
        paced: {
          note: `beside the saturated figures above, not instead of them: each client pauses ${thinkMs} ms between its steps`,
          thinkMs,
          lifecycles: { asked: pacedLifecycles, completed: paced.completed },
          capReached: paced.capReached,
          ...figures(paced),
          seconds: paced.seconds,
          loadAverage: { before: paced.loadBefore, after: paced.loadAfter },
        },
      }),
    };
  } finally {
    for (const child of service.children.reverse()) await stop(child);
    rmSync(documentsDir, { recursive: true, force: true });
    await service.cleanup();
  }
}

export async function lifecycleBench(): Promise<Record<string, unknown>> {
  const { databaseUrl, redisUrl } = loadConfig();
  if (!databaseUrl) return { skipped: 'DATABASE_URL is not set: the lifecycle bench needs a PostgreSQL server' };
  const lifecycles = Number(arg('lifecycles', '30'));
  const clients = Number(arg('clients', '6'));
  const capSeconds = Number(arg('cap-seconds', '300'));
  const modes = arg('modes', 'production,embedded').split(',') as Mode[];
  const pacedLifecycles = Number(arg('paced-lifecycles', '12'));
  const thinkMs = Number(arg('think-ms', '1000'));
  const unrenderedLifecycles = Number(arg('unrendered-lifecycles', String(lifecycles)));
  const result: Record<string, unknown> = { node: process.version, cpus: os.cpus().length, loadAverage: load() };
  const byMode: Partial<Record<Mode, Record<string, unknown>>> = {};
  for (const mode of modes) {
    console.error(`lifecycle bench: ${mode} (${lifecycles} lifecycles, ${clients} clients, cap ${capSeconds} s)...`);
    try {
      byMode[mode] = await runMode({ databaseUrl, redisUrl }, mode, lifecycles, clients, capSeconds, pacedLifecycles, thinkMs, unrenderedLifecycles);
    } catch (error) {
      // One mode that cannot start does not lose the other's figures.
      byMode[mode] = { failed: error instanceof Error ? error.message.slice(0, 2000) : String(error) };
    }
    result[mode] = byMode[mode];
    console.error(`lifecycle bench: ${mode} done (load ${load().join(' ')})`);
  }
  const rate = (mode: Mode) => byMode[mode]?.lifecyclesPerSecond as number | undefined;
  if (rate('embedded') && rate('production')) {
    result.embeddedToProductionThroughput = ratio(rate('embedded')!, rate('production')!);
    if (byMode.embedded?.capReached || byMode.production?.capReached) result.embeddedToProductionNote = 'a mode reached its cap: the ratio compares what each walked until then';
  }
  if (rate('embedded') && rate('embeddedThreads')) result.embeddedProcessesToThreadsThroughput = ratio(rate('embedded')!, rate('embeddedThreads')!);
  result.loadAverageAfter = load();
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
