// Turnaround at scale: `node dist/bench/turnaround.bench.js [--requests N] [--iterations K] [--keep] [--reuse]`
// (part of `npm run bench`, with N = 100,000 by default; the 1,000,000 figures were measured by hand
// with --requests 1000000).
//
// On the PostgreSQL of DATABASE_URL, in a database of its own (dropped at the end unless --keep;
// --reuse measures a database kept before without seeding it again): seeds N synthetic requests with
// `npm run seed -- --synthetic N`'s code and times it, then times the analytics endpoints through the
// assembled API (Fastify's inject: the whole Nest pipeline, guard, validation, SQL and serialization,
// without a socket), K times each after a warm-up, one request at a time. A figure the warm-up found worth keeping
// ready (ReadyFigures: at least 100,000 visits and 50 ms, or ENLACE_FIGURES_READY_FROM_VISITS and _MS where set) is then
// read as kept, as a supervisor reads it; each figure, and the region's overdue counts, is also computed exactly K times
// (computeAnswer: what a first read or the worker's refresh costs). Every ENLACE_FIGURES_* of its environment is taken
// (a name mistyped is not: `figuresSettings` in the result says what was).
// Prints one JSON object.
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { withPgClient } from '@enlace/embedded';
import { TurnaroundRepository, figuresKey, type FiguresScope, type KeptQuestion } from '@enlace/persistence';
import { DECISION_EVENTS, computeAnswer } from '@enlace/turnaround';
import { loadConfig } from '@enlace/config';
import { DemoDirectory } from '@enlace/directory';
import { createApiApplication } from '../apps/api/src/api-application.js';
import { bulkBounds, seedSynthetic } from '../apps/api/src/cli/synthetic-seed.js';
import { rawStageFigures, type FiguresCase } from './turnaround-reference.js';

const PASSWORD = 'enlace-bench';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
}
const flag = (name: string) => process.argv.includes(`--${name}`);


function stats(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)];
  const round = (n: number) => Math.round(n * 10) / 10;
  return { median: round(at(0.5)), p95: round(at(0.95)), min: round(s[0]), max: round(s[s.length - 1]), samples: s.length };
}

export async function turnaroundBench(): Promise<Record<string, unknown>> {
  const { databaseUrl } = loadConfig();
  if (!databaseUrl) return { skipped: 'DATABASE_URL is not set: the turnaround bench needs a PostgreSQL server' };
  const requests = Number(arg('requests', '100000'));
  const iterations = Number(arg('iterations', '30'));
  // The plain computation takes seconds at a million requests: fewer samples of it.
  const rawIterations = Number(arg('raw-iterations', '8'));
  const name = arg('database', 'enlace_bench_turnaround');
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error('--database: a plain lower-case name');
  const server = new URL(databaseUrl);
  const url = new URL(server.toString());
  url.pathname = `/${name}`;
  const reuse = flag('reuse');
  if (!reuse) {
    await withPgClient(server.toString(), async (c) => {
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.query(`CREATE DATABASE ${name}`);
    });
  }
  const config = loadConfig({
    DATABASE_URL: url.toString(),
    ENLACE_TOKEN_SECRET: randomBytes(32).toString('hex'),
    ENLACE_LOG_LEVEL: 'error',
    // The plain computations it is held against take minutes at a million requests: a session outlives them.
    ENLACE_TOKEN_TTL_SECONDS: '86400',
    // Seeding writes each step in one statement: longer than the service's 10 s bound (the seeder's own bounds).
    ...bulkBounds(requests),
    ENLACE_QUEUE_PREFIX: `bench-${randomBytes(4).toString('hex')}`,
    // When and how often answers are kept ready, where set (keeping seen at a smaller volume than the defaults need).
    ...Object.fromEntries(Object.entries(process.env).filter(([key]) => key.startsWith('ENLACE_FIGURES_'))),
  });
  const app = await createApiApplication(config, { consume: false });
  const result: Record<string, unknown> = { node: process.version, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, requests, figuresSettings: config.figures };
  try {
    await app.get(DemoDirectory).seed(PASSWORD, new Date());
    if (!reuse) {
      const seeded = await seedSynthetic(app, requests, new Date(), (line) => console.error(`seed: ${line}`));
      result.seeding = seeded;
    }
    const [counts] = await withPgClient(url.toString(), async (c) =>
      (await c.query(`SELECT version() AS postgres, (SELECT count(*)::int FROM requests) AS requests,
                             (SELECT count(*)::int FROM request_stages) AS "stageRows",
                             (SELECT count(*)::int FROM request_stages WHERE exited_at IS NULL AND due_at < now()) AS "overdueOpen"`)).rows,
    );
    result.database = counts;
    // Each run keeps what its own warm-up finds worth keeping, under its own settings: nothing a run before kept (on a
    // database reused) is read as kept here.
    await withPgClient(url.toString(), (c) => c.query('DELETE FROM turnaround_ready'));

    const fastify = app.getHttpAdapter().getInstance();
    const token = async (email: string) => {
      const response = await fastify.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: PASSWORD } });
      return `Bearer ${JSON.parse(response.body).accessToken as string}`;
    };
    const supervisor = await token('supervisor.gt@demo.enlace');
    const admin = await token('admin@demo.enlace');
    const ninetyDaysAgo = new Date(Date.now() - 90 * 86_400_000).toISOString().slice(0, 10);
    const gt: FiguresScope = { kind: 'country', country: 'GT' };
    const region: FiguresScope = { kind: 'region' };
    const since = new Date(`${ninetyDaysAgo}T00:00:00Z`);
    const stages = (question: FiguresCase): KeptQuestion => ({ kind: 'stages', question });
    // The dashboard's trend: the whole months of the last year.
    const yearAgo = `${new Date().getUTCFullYear() - 1}-${String(new Date().getUTCMonth() + 1).padStart(2, '0')}-01`;
    // Each figure through the API, and the same figure computed from every visit with percentile_cont
    // in the same run (bench/turnaround-reference.ts): the baseline of its ratio.
    const cases: [string, string, string, KeptQuestion | null, string?][] = [
      ['turnaround supervisor GT, all time, by stage', supervisor, '/api/analytics/turnaround', stages({ scope: gt, groupBy: 'stage' })],
      ['turnaround supervisor GT, last 90 days, by stage', supervisor, `/api/analytics/turnaround?from=${ninetyDaysAgo}`, stages({ scope: gt, groupBy: 'stage', from: since })],
      ['turnaround supervisor GT, all time, by country pair', supervisor, '/api/analytics/turnaround?groupBy=countryPair', stages({ scope: gt, groupBy: 'countryPair' })],
      ['turnaround supervisor GT, all time, by measure', supervisor, '/api/analytics/turnaround?groupBy=measure', stages({ scope: gt, groupBy: 'measure' })],
      ['turnaround supervisor GT, all time, requested MX', supervisor, '/api/analytics/turnaround?requestedCountry=MX', stages({ scope: gt, groupBy: 'stage', requestedCountry: 'MX' })],
      ['turnaround supervisor GT, the last 12 months, by month', supervisor, `/api/analytics/turnaround?from=${yearAgo}&groupBy=month`, stages({ scope: gt, groupBy: 'month', from: new Date(`${yearAgo}T00:00:00Z`) })],
      ['turnaround supervisor GT, requested MX, by country pair', supervisor, '/api/analytics/turnaround?requestedCountry=MX&groupBy=countryPair', stages({ scope: gt, groupBy: 'countryPair', requestedCountry: 'MX' })],
      ['turnaround admin region, all time, by stage', admin, '/api/analytics/turnaround', stages({ scope: region, groupBy: 'stage' })],
      ['turnaround admin region, last 90 days, by stage', admin, `/api/analytics/turnaround?from=${ninetyDaysAgo}`, stages({ scope: region, groupBy: 'stage', from: since })],
      ['turnaround admin region, all time, by country pair', admin, '/api/analytics/turnaround?groupBy=countryPair', stages({ scope: region, groupBy: 'countryPair' })],
      ['turnaround admin region, all time, by measure', admin, '/api/analytics/turnaround?groupBy=measure', stages({ scope: region, groupBy: 'measure' })],
      ['overdue supervisor GT (first page of 100)', supervisor, '/api/analytics/overdue', null],
      ['overdue supervisor GT, CSV', supervisor, '/api/analytics/overdue', null, 'text/csv'],
      ['overdue admin region (counts)', admin, '/api/analytics/overdue', { kind: 'overdue', question: { scope: region } }],
    ];
    const latencyMs: Record<string, unknown> = {};
    const rawClient = new pg.Client({ connectionString: url.toString() });
    await rawClient.connect();
    try {
      for (const [label, authorization, path, figures, accept] of cases) {
        // The plain computation exists for the figures, not for the overdue counts.
        const reference = figures?.kind === 'stages' ? figures.question : null;
        const call = async () => {
          const started = performance.now();
          const response = await fastify.inject({ method: 'GET', url: path, headers: { authorization, accept: accept ?? 'application/json' } });
          const ms = performance.now() - started;
          if (response.statusCode !== 200) throw new Error(`${label}: ${response.statusCode} ${response.body}`);
          return ms;
        };
        const computed = async () => {
          const started = performance.now();
          await computeAnswer(app.get(TurnaroundRepository), figures!, new Date());
          return performance.now() - started;
        };
        const raw = async () => {
          const started = performance.now();
          await rawStageFigures(async (text, params) => (await rawClient.query(text, params)).rows, reference!, new Date());
          return performance.now() - started;
        };
        // Alternating, so that background load hits both alike.
        for (let i = 0; i < 2; i++) {
          await call();
          if (reference && rawIterations > 0) await raw();
        }
        const samples: number[] = [];
        const computedSamples: number[] = [];
        const rawSamples: number[] = [];
        for (let i = 0; i < iterations; i++) {
          samples.push(await call());
          if (figures) computedSamples.push(await computed());
          if (reference && i < rawIterations) rawSamples.push(await raw());
        }
        const api = stats(samples);
        if (!figures) {
          latencyMs[label] = api;
          continue;
        }
        const [kept] = (await rawClient.query('SELECT 1 FROM turnaround_ready WHERE key = $1', [figuresKey(figures)])).rows;
        const exact = stats(computedSamples);
        const ratio = (a: number, b: number) => Math.round((a / b) * 1000) / 1000;
        latencyMs[label] = {
          ...api,
          keptReady: Boolean(kept),
          computed: exact,
          ...(rawSamples.length > 0 && { rawPercentileCont: stats(rawSamples), ratioP95ToRaw: ratio(api.p95, stats(rawSamples).p95) }),
          ratioP95ToComputed: ratio(api.p95, exact.p95),
        };
      }
    } finally {
      await rawClient.end();
    }
    result.latencyMs = latencyMs;
  } finally {
    await app.close();
    if (!flag('keep')) await withPgClient(server.toString(), (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  }
  return result;
}

const invokedDirectly = process.argv[1]?.endsWith('turnaround.bench.js');
if (invokedDirectly) {
  turnaroundBench().then(
    (result) => process.stdout.write(`${JSON.stringify({ turnaround: result }, null, 2)}\n`),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
