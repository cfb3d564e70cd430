// A transition's round trips and write cost: `node dist/bench/transition.bench.js [--iterations 150]`
// (part of `npm run bench`, `--only transition`). Needs DATABASE_URL.
//
// Through the assembled application on a database of its own (the demo directory seeded):
//   1. one event through the API (POST /api/requests/:id/events, SHARE_DRAFT: the fiscal shares a
//      draft, the informal draft PDF is scheduled), every SQL statement it sends counted on pg's
//      client and listed, those of the change's transaction apart from the request's others (sign-in
//      check, idempotency);
//   2. the change itself (WorkflowRunner.sendIn: lock, history, stage clock, document row, outbox)
//      against the same SQL, with the same values, sent bare through node-postgres on one client, and
//      the same statements through TypeORM's query path alone (Database.transaction around
//      EntityManager.query: the share of the gap that is TypeORM and its pool, apart from the runner's
//      own work): all three on the same request, each in a transaction rolled back (the state is the
//      same for every round), each first, second and last in turn; p50 / p95 and the ratios of the
//      p50s (the honest cost of the layers above node-postgres: TypeORM, the machine, the repositories).
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { loadConfig } from '@enlace/config';
import { DemoDirectory } from '@enlace/directory';
import { withPgClient } from '@enlace/embedded';
import { Database } from '@enlace/persistence';
import { WorkflowRunner } from '@enlace/requests';
import type { WorkflowActor } from '@enlace/workflows';
import { createApiApplication } from '../apps/api/src/api-application.js';
import { buildRequestFields } from '../templates/testing/request.factory.js';

const PASSWORD = 'enlace-bench';
const FISCAL = 'fiscal.gt@demo.enlace';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
}
const round1 = (n: number) => Math.round(n * 10) / 10;
const round3 = (n: number) => Math.round(n * 1000) / 1000;

function stats(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))]!;
  return { p50: round3(at(0.5)), p95: round3(at(0.95)), samples: s.length };
}

interface Statement {
  text: string;
  values?: unknown[];
  client: object;
}

/** A statement's first words, its literals elided: what the round trip is. */
function gist(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/'[^']*'/g, "'…'").trim().slice(0, 110);
}

class Rollback extends Error {}

/** Leaves out the statements of the queue's PostgreSQL backend (its tables live in the bullmq schema). */
function ofTheService(statements: Statement[]): Statement[] {
  const queueClients = new Set(statements.filter((s) => /bullmq/i.test(s.text)).map((s) => s.client));
  return statements.filter((s) => !queueClients.has(s.client));
}

export async function transitionBench(): Promise<Record<string, unknown>> {
  const { databaseUrl } = loadConfig();
  if (!databaseUrl) return { skipped: 'DATABASE_URL is not set: the transition bench needs a PostgreSQL server' };
  const iterations = Number(arg('iterations', '150'));
  const name = 'enlace_bench_transition';
  const server = new URL(databaseUrl);
  const url = new URL(server.toString());
  url.pathname = `/${name}`;
  await withPgClient(server.toString(), async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${name}`);
  });
  // Every statement of the application's pg clients (not the bench's own) while `recording`.
  let recording: Statement[] | undefined;
  const originalQuery = pg.Client.prototype.query;
  const raw = new pg.Client({ connectionString: url.toString() });
  (pg.Client.prototype as unknown as { query: (...a: unknown[]) => unknown }).query = function (this: pg.Client, ...a: unknown[]) {
    if (recording && this !== raw) {
      const [first, second] = a;
      if (typeof first === 'string') recording.push({ text: first, values: Array.isArray(second) ? second : undefined, client: this });
      else if (first && typeof first === 'object' && 'text' in first) recording.push({ text: String((first as { text: unknown }).text), values: (first as { values?: unknown[] }).values, client: this });
    }
    return (originalQuery as (...b: unknown[]) => unknown).apply(this, a);
  };
  const env = {
    DATABASE_URL: url.toString(),
    ENLACE_TOKEN_SECRET: randomBytes(32).toString('hex'),
    ENLACE_LOG_LEVEL: 'error',
    ENLACE_QUEUE_PREFIX: `bench-${randomBytes(4).toString('hex')}`,
  };
  const app = await createApiApplication(loadConfig(env), { consume: false });
  const result: Record<string, unknown> = { node: process.version, cpus: os.cpus().length, loadAverage: os.loadavg().map(round1) };
  try {
    await app.get(DemoDirectory).seed(PASSWORD, new Date());
    await app.init();
    await raw.connect();
    const fastify = app.getHttpAdapter().getInstance();
    const inject = fastify.inject.bind(fastify) as (o: { method: string; url: string; headers?: Record<string, string>; payload?: object }) => Promise<{ statusCode: number; body: string }>;
    const login = await inject({ method: 'POST', url: '/api/auth/login', payload: { email: FISCAL, password: PASSWORD } });
    const headers = { authorization: `Bearer ${JSON.parse(login.body).accessToken as string}` };
    const create = async () => {
      const response = await inject({ method: 'POST', url: '/api/requests', headers, payload: buildRequestFields() });
      if (response.statusCode !== 201) throw new Error(`create: ${response.statusCode} ${response.body.slice(0, 300)}`);
      return JSON.parse(response.body) as { id: string; version: number };
    };

    // 1. One event through the API, every statement counted.
    const first = await create();
    recording = [];
    const answer = await inject({ method: 'POST', url: `/api/requests/${first.id}/events`, headers, payload: { type: 'SHARE_DRAFT', expectedVersion: first.version } });
    // The service's own statements: the queue's PostgreSQL backend polls on clients of its own.
    const httpStatements = ofTheService(recording);
    recording = undefined;
    if (answer.statusCode !== 200 && answer.statusCode !== 201) throw new Error(`event: ${answer.statusCode} ${answer.body.slice(0, 300)}`);
    const begin = httpStatements.findIndex((s) => /^(START TRANSACTION|BEGIN)/i.test(s.text.trim()));
    const end = httpStatements.findIndex((s, i) => i > begin && /^(COMMIT|ROLLBACK)/i.test(s.text.trim()));
    result.oneEventThroughTheApi = {
      event: 'SHARE_DRAFT',
      statements: httpStatements.length,
      inTheTransaction: begin >= 0 && end > begin ? end - begin + 1 : null,
      list: httpStatements.map((s) => gist(s.text)),
    };

    // 2. The change against the same SQL sent bare, on one request, both rolled back.
    const target = await create();
    const [user] = (await raw.query(`SELECT id, role, country FROM users WHERE email = $1`, [FISCAL])).rows as { id: string; role: WorkflowActor['role']; country: WorkflowActor['country'] }[];
    const actor: WorkflowActor = { id: user!.id, role: user!.role, country: user!.country, authorizedLiaison: true };
    const runner = app.get(WorkflowRunner);
    const db = app.get(Database);
    const throughRunner = async (capture?: Statement[]) => {
      recording = capture;
      try {
        await db.transaction(async (tx) => {
          await runner.sendIn(tx, target.id, actor, { type: 'SHARE_DRAFT', expectedVersion: target.version });
          throw new Rollback();
        });
      } catch (error) {
        if (!(error instanceof Rollback)) throw error;
      } finally {
        recording = undefined;
      }
    };
    const recorded: Statement[] = [];
    await throughRunner(recorded);
    // The transaction's statements: those of the client that began it.
    const txClient = recorded.find((s) => /^(START TRANSACTION|BEGIN)/i.test(s.text.trim()))?.client;
    const captured = recorded.filter((s) => s.client === txClient);
    // The same statements, values and order, on one plain client; TypeORM's own BEGIN / ROLLBACK kept.
    const bare = async () => {
      for (const s of captured) await raw.query(s.text, s.values);
    };
    // The same statements through TypeORM alone: its transaction (BEGIN, ROLLBACK) around EntityManager.query.
    const between = captured.filter((s) => !/^(START TRANSACTION|BEGIN|COMMIT|ROLLBACK)/i.test(s.text.trim()));
    const throughTypeorm = async () => {
      try {
        await db.transaction(async (tx) => {
          for (const s of between) await tx.manager.query(s.text, s.values);
          throw new Rollback();
        });
      } catch (error) {
        if (!(error instanceof Rollback)) throw error;
      }
    };
    const arms = [throughRunner, throughTypeorm, bare];
    for (let i = 0; i < 20; i++) for (const run of arms) await run();
    const samples = new Map<(capture?: Statement[]) => Promise<void>, number[]>(arms.map((run) => [run, []]));
    for (let i = 0; i < iterations; i++) {
      // Each arm first, second and last in turn.
      for (let k = 0; k < arms.length; k++) {
        const run = arms[(i + k) % arms.length]!;
        const started = performance.now();
        await run();
        samples.get(run)!.push(performance.now() - started);
      }
    }
    const ours = stats(samples.get(throughRunner)!);
    const typeorm = stats(samples.get(throughTypeorm)!);
    const theirs = stats(samples.get(bare)!);
    result.changeAgainstBareSql = {
      statements: captured.length,
      list: captured.map((s) => gist(s.text)),
      runnerMs: ours,
      bareNodePostgresMs: theirs,
      ratioP50BareToRunner: round3(theirs.p50 / ours.p50),
      sameSqlThroughTypeormMs: typeorm,
      ratioP50BareToTypeorm: round3(theirs.p50 / typeorm.p50),
    };
  } finally {
    (pg.Client.prototype as unknown as { query: typeof originalQuery }).query = originalQuery;
    await raw.end().catch(() => {});
    await app.close();
    await withPgClient(server.toString(), (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  }
  return result;
}

if (process.argv[1]?.endsWith('transition.bench.js')) {
  transitionBench().then(
    (result) => process.stdout.write(`${JSON.stringify({ transition: result }, null, 2)}\n`),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
