// The pages at scale: `node dist/bench/pages.bench.js [--pages-requests 10000,100000] [--iterations K]
// [--clients C] [--pages-database NAME] [--keep] [--reuse]` (part of `npm run bench`;
// `npm run bench -- --only pages` runs it alone). By default at 10,000 requests (issue 11's figure for
// the fiscal's pages) and at 100,000 (issue 12's, for every desk), each in a database of its own.
//
// On the PostgreSQL of DATABASE_URL, in a database of its own per scale (dropped at the end unless
// --keep; --reuse measures databases kept before without seeding them again): the demo users, then N
// synthetic requests with `npm run seed -- --synthetic N`'s code (its progress on stderr).
//
// The synthetic requests are created by one synthetic fiscal per country, so a demo fiscal would see
// none of them: the bench hands fiscal.gt every request Guatemala's synthetic fiscal created (about
// N / 11: `created_by` and the snapshot's `createdById`; their history keeps the synthetic fiscal as
// the actor of its steps, as its hash chain covers the actor). The other demo users see the synthetic
// requests by their country as the visibility rule says: cancilleria.gt every GT request submitted,
// autoridad.mx every request received by MX, supervisor.gt GT's requests; the admin no case content.
//
// Then, through the assembled application (Fastify's inject: the whole Nest pipeline, the page guard
// with its session cookie (signed in through the sign-in form with its CSRF token), services, SQL,
// the template and the compression a browser asks for, without a socket), each page as the demo user
// who opens it, beside the API calls that give the same data with that user's bearer token (where
// the page's data takes several calls, all of them at once, as the page makes them), alternating page
// and API so that background load hits both alike: a warm-up, K sequential calls of each, then C
// concurrent clients. p50 / p95 per page and per API call, the ratio of the p95s (page / API) first,
// whether the page's p95 is within 100 ms, and the SQL statements each sends (counted on pg's client).
// Last, the first page's weight: the sign-in page and everything it loads (stylesheets, scripts, and
// the font faces a browser fetches for it), then /desk/requests, compressed as the server sends them.
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { loadConfig } from '@enlace/config';
import { DemoDirectory } from '@enlace/directory';
import { withPgClient } from '@enlace/embedded';
import { createApiApplication } from '../apps/api/src/api-application.js';
import { bulkBounds, seedSynthetic } from '../apps/api/src/cli/synthetic-seed.js';
import { trendMonths } from '../apps/api/src/pages/dashboard-pages.controller.js';

const PASSWORD = 'enlace-bench';
/** The issues' bar: every page p95 <= 100 ms on the server; the first load <= 150 KB compressed. */
const TARGET_P95_MS = 100;
const TARGET_FIRST_LOAD_KB = 150;
/** What Chromium sends. */
const BROWSER_ENCODING = 'gzip, deflate, br, zstd';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
}
const flag = (name: string) => process.argv.includes(`--${name}`);
const round1 = (n: number) => Math.round(n * 10) / 10;
const round2 = (n: number) => Math.round(n * 100) / 100;

function stats(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)];
  return { median: round1(at(0.5)), p95: round1(at(0.95)), max: round1(s[s.length - 1]), samples: s.length };
}

type Inject = (options: { method: string; url: string; headers?: Record<string, string>; payload?: string | object }) => Promise<{
  statusCode: number;
  body: string;
  rawPayload: Buffer;
  headers: Record<string, string | string[] | number | undefined>;
  cookies: { name: string; value: string }[];
}>;

/** A browser without a socket: keeps its cookies, signs in through the page with its CSRF token. */
async function pageSession(inject: Inject, email: string): Promise<Record<string, string>> {
  const jar = new Map<string, string>();
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const keep = (response: { cookies: { name: string; value: string }[] }) => response.cookies.forEach((c) => jar.set(c.name, c.value));
  const form = await inject({ method: 'GET', url: '/sign-in' });
  keep(form);
  const token = /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1] ?? '';
  const signedIn = await inject({
    method: 'POST',
    url: '/sign-in',
    headers: { cookie: cookie(), 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: token, email, password: PASSWORD }).toString(),
  });
  if (signedIn.statusCode !== 303) throw new Error(`Sign-in of ${email} answered ${signedIn.statusCode}`);
  keep(signedIn);
  return { cookie: cookie(), 'accept-language': 'es', accept: 'text/html', 'accept-encoding': BROWSER_ENCODING };
}

interface Case {
  label: string;
  user: string;
  page: string;
  /** The API calls giving the page's data: one, several made at once as the page makes them, or none where the API has no twin. */
  api: string | string[] | null;
}

/** The first page a person loads, and all it pulls in, compressed as served. */
async function firstPageWeight(inject: Inject, desk: Record<string, string>) {
  const accept = { 'accept-encoding': 'br, gzip' };
  const signIn = await inject({ method: 'GET', url: '/sign-in', headers: accept });
  const html = (await inject({ method: 'GET', url: '/sign-in' })).body;
  const assets = [...html.matchAll(/(?:href|src)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
  const weights: Record<string, { bytes: number; encoding: string }> = { '/sign-in': { bytes: signIn.rawPayload.length, encoding: String(signIn.headers['content-encoding'] ?? 'identity') } };
  for (const asset of assets) {
    const response = await inject({ method: 'GET', url: asset, headers: accept });
    weights[asset] = { bytes: response.rawPayload.length, encoding: String(response.headers['content-encoding'] ?? 'identity') };
    // The fonts a stylesheet names are fetched only when a page uses them: counted all the same.
    if (asset.endsWith('.css')) {
      const css = (await inject({ method: 'GET', url: asset })).body;
      const base = asset.slice(0, asset.lastIndexOf('/') + 1);
      const fonts = new Set([...css.matchAll(/url\(["']?([^"')]+\.woff2)["']?\)/g)].map((m) => new URL(m[1], `http://x${base}`).pathname));
      for (const font of fonts) {
        const file = await inject({ method: 'GET', url: font, headers: accept });
        if (file.statusCode === 200) weights[font] = { bytes: file.rawPayload.length, encoding: String(file.headers['content-encoding'] ?? 'identity') };
      }
    }
  }
  const isFont = (path: string) => path.endsWith('.woff2');
  const sum = (keep: (path: string) => boolean) => Object.entries(weights).filter(([path]) => keep(path)).reduce((total, [, w]) => total + w.bytes, 0);
  // A browser fetches only the faces a page uses (the sign-in page: Source Sans Pro regular and bold,
  // as Chromium fetched them in the browser test); the others are counted apart.
  const used = ['sourcesanspro-regular-webfont.woff2', 'sourcesanspro-bold-webfont.woff2'];
  const usedFonts = (path: string) => isFont(path) && used.some((name) => path.endsWith(name));
  const total = sum((path) => !isFont(path) || usedFonts(path));
  // Then the fiscal's list, its stylesheets and scripts the same files (cached by then).
  const list = await inject({ method: 'GET', url: '/desk/requests', headers: { ...desk, ...accept } });
  const kB = (bytes: number) => Math.round(bytes / 102.4) / 10;
  return {
    kB: kB(total),
    kBWithoutFonts: kB(sum((path) => !isFont(path))),
    kBIfEveryNamedFontLoaded: kB(sum(() => true)),
    deskRequestsHtmlKB: kB(list.rawPayload.length),
    deskRequestsWithItsAssetsUncachedKB: kB(list.rawPayload.length + sum((path) => !isFont(path) && path !== '/sign-in') + sum(usedFonts)),
    files: Object.fromEntries(Object.entries(weights).filter(([path]) => !isFont(path) || usedFonts(path))),
    fontsNamedNotUsed: Object.keys(weights).filter((path) => isFont(path) && !usedFonts(path)).length,
    withinBudget: total / 1024 <= TARGET_FIRST_LOAD_KB,
  };
}

async function atScale(databaseUrl: string, requests: number, name: string): Promise<Record<string, unknown>> {
  const iterations = Number(arg('iterations', '50'));
  const clients = Number(arg('clients', '4'));
  const server = new URL(databaseUrl);
  const url = new URL(server.toString());
  url.pathname = `/${name}`;
  const reuse = flag('reuse');
  const env = {
    DATABASE_URL: url.toString(),
    ENLACE_TOKEN_SECRET: randomBytes(32).toString('hex'),
    ENLACE_LOG_LEVEL: 'error',
    ENLACE_TOKEN_TTL_SECONDS: '86400',
    ENLACE_QUEUE_PREFIX: `bench-${randomBytes(4).toString('hex')}`,
  };
  const result: Record<string, unknown> = { requests, database: name };
  if (!reuse) {
    await withPgClient(server.toString(), async (c) => {
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.query(`CREATE DATABASE ${name}`);
    });
    // Seeding rebuilds the turnaround rollup in one statement, minutes at 100,000 on a loaded machine:
    // an application of its own with a longer statement bound; the measured one keeps the service's.
    const seeder = await createApiApplication(loadConfig({ ...env, ...bulkBounds(requests) }), { consume: false });
    try {
      await seeder.get(DemoDirectory).seed(PASSWORD, new Date());
      result.seeding = await seedSynthetic(seeder, requests, new Date(), (line) => console.error(`pages seed (${requests}): ${line}`));
    } finally {
      await seeder.close();
    }
  }
  // SQL statements per call, counted on every pg client of the measured application but the bench's
  // own (its pool's clients take pg's query when the application is made, hence patched before).
  let statements = 0;
  const originalQuery = pg.Client.prototype.query;
  const raw = new pg.Client({ connectionString: url.toString() });
  (pg.Client.prototype as unknown as { query: (...a: unknown[]) => unknown }).query = function (this: pg.Client, ...a: unknown[]) {
    if (this !== raw) statements++;
    return (originalQuery as (...b: unknown[]) => unknown).apply(this, a);
  };
  const app = await createApiApplication(loadConfig(env), { consume: false });
  try {
    await raw.connect();
    if (!reuse) {
      // fiscal.gt stands in for Guatemala's synthetic fiscal (see the head of this file).
      const given = await raw.query(
        `UPDATE requests r SET created_by = f.id, snapshot = jsonb_set(r.snapshot, '{context,createdById}', to_jsonb(f.id::text))
         FROM users s, users f
         WHERE s.email = 'synthetic.fiscal.gt@synthetic.enlace' AND f.email = 'fiscal.gt@demo.enlace' AND r.created_by = s.id`,
      );
      await raw.query('VACUUM ANALYZE requests');
      result.seeding = { ...(result.seeding as object), handedToFiscalGt: given.rowCount };
    }
    result.contents = (
      await raw.query(
        `SELECT (SELECT count(*)::int FROM requests) AS requests,
                (SELECT count(*)::int FROM requests r JOIN users u ON u.id = r.created_by WHERE u.email = 'fiscal.gt@demo.enlace') AS "fiscalGT",
                (SELECT count(*)::int FROM request_history) AS "historyRows",
                (SELECT count(*)::int FROM request_stages) AS "stageRows",
                pg_size_pretty(pg_database_size(current_database())) AS "databaseSize"`,
      )
    ).rows[0];
    result.loadAverage = os.loadavg().map(round1);

    const fastify = app.getHttpAdapter().getInstance();
    const inject = fastify.inject.bind(fastify) as unknown as Inject;
    const bearer = async (email: string) => {
      const response = await inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: PASSWORD } });
      if (response.statusCode !== 200) throw new Error(`login of ${email}: ${response.statusCode}`);
      return { authorization: `Bearer ${JSON.parse(response.body).accessToken as string}`, accept: 'application/json', 'accept-encoding': BROWSER_ENCODING };
    };
    const users = ['fiscal.gt', 'cancilleria.gt', 'autoridad.mx', 'supervisor.gt', 'admin'];
    const pageHeaders = new Map<string, Record<string, string>>();
    const apiHeaders = new Map<string, Record<string, string>>();
    for (const user of users) {
      pageHeaders.set(user, await pageSession(inject, `${user}@demo.enlace`));
      apiHeaders.set(user, await bearer(`${user}@demo.enlace`));
    }
    pageHeaders.set('anonymous', { 'accept-language': 'es', accept: 'text/html', 'accept-encoding': BROWSER_ENCODING });

    // The requests the pages open: fiscal.gt's draft being written (the page with every section's
    // form) and an acknowledged one (a long history); one GT's cancillería decides; one MX received.
    const pick = async (sql: string) => ((await raw.query(sql)).rows[0] as { id: string } | undefined)?.id;
    const mine = `SELECT r.id FROM requests r JOIN users u ON u.id = r.created_by WHERE u.email = 'fiscal.gt@demo.enlace'`;
    const draft = await pick(`${mine} AND r.state IN ('draft', 'standardized') ORDER BY r.updated_at DESC LIMIT 1`);
    const acknowledged = await pick(`${mine} AND r.state = 'acknowledged' ORDER BY r.updated_at DESC LIMIT 1`);
    const pending = await pick(`SELECT id FROM requests WHERE requesting_country = 'GT' AND state = 'pending_authorization' ORDER BY updated_at DESC LIMIT 1`);
    const received = await pick(`SELECT id FROM requests WHERE requested_country = 'MX' AND state = 'acknowledged' ORDER BY updated_at DESC LIMIT 1`);
    const total = JSON.parse((await inject({ method: 'GET', url: '/api/requests', headers: { ...apiHeaders.get('fiscal.gt')!, 'accept-encoding': 'identity' } })).body).total as number;
    const deepPage = Math.max(1, Math.ceil(total / 20 / 2));
    const since = new Date(Date.now() - 90 * 86_400_000).toISOString().slice(0, 10);
    // The dashboard shows the figures of the period, the states now, the overdue list's first page, the
    // pairs and the trend's months (12 by default, groupBy=month): the API calls giving the same data.
    const dashboardApi = (filter: { from?: string; requestedCountry?: string }) => {
      const q = (extra: Record<string, string | undefined>) => {
        const params = new URLSearchParams(Object.entries({ ...filter, ...extra }).filter((e): e is [string, string] => e[1] !== undefined));
        return params.size ? `?${params}` : '';
      };
      return [
        `/api/analytics/turnaround${q({})}`,
        `/api/analytics/turnaround${q({ from: undefined })}`,
        `/api/analytics/overdue${q({ from: undefined, page: '1', pageSize: '20' })}`,
        `/api/analytics/turnaround${q({ groupBy: 'countryPair' })}`,
        `/api/analytics/turnaround${q({ from: trendMonths(filter.from, undefined, new Date())[0]?.from, groupBy: 'month' })}`,
      ];
    };
    const some = <T>(value: T | undefined, make: (v: T) => Case[]): Case[] => (value === undefined ? [] : make(value));
    const cases: Case[] = [
      { label: 'my requests (fiscal.gt, first page)', user: 'fiscal.gt', page: '/desk/requests', api: '/api/requests' },
      { label: `my requests, page ${deepPage} of ${Math.ceil(total / 20)}`, user: 'fiscal.gt', page: `/desk/requests?page=${deepPage}`, api: `/api/requests?page=${deepPage}` },
      { label: 'my requests, searched by reference (the API has no search)', user: 'fiscal.gt', page: '/desk/requests?search=GT-MX', api: null },
      { label: 'my requests, searched by title', user: 'fiscal.gt', page: '/desk/requests?search=sint%C3%A9tica+42', api: null },
      { label: 'my requests, filtered by state and country', user: 'fiscal.gt', page: '/desk/requests?state=acknowledged&requestedCountry=MX', api: '/api/requests?state=acknowledged&requestedCountry=MX' },
      ...some(draft, (id) => [
        { label: 'a request being drafted (every section form)', user: 'fiscal.gt', page: `/desk/requests/${id}`, api: `/api/requests/${id}` },
        { label: 'its print view', user: 'fiscal.gt', page: `/desk/requests/${id}/print`, api: `/api/requests/${id}` },
      ]),
      ...some(acknowledged, (id) => [{ label: 'an acknowledged request (fiscal.gt)', user: 'fiscal.gt', page: `/desk/requests/${id}`, api: `/api/requests/${id}` }]),
      { label: 'new request, pair GT-MX', user: 'fiscal.gt', page: '/desk/requests/new?to=MX', api: '/api/legal-bases?from=GT&to=MX' },
      { label: 'notifications (fiscal.gt)', user: 'fiscal.gt', page: '/desk/notifications', api: '/api/notifications' },
      { label: 'cancillería GT: requests to decide', user: 'cancilleria.gt', page: '/desk/queue', api: '/api/requests?state=pending_authorization&pageSize=25' },
      ...some(pending, (id) => [{ label: 'cancillería GT: a request under review', user: 'cancilleria.gt', page: `/desk/review/${id}`, api: `/api/requests/${id}` }]),
      { label: 'cancillería GT: liaison directory', user: 'cancilleria.gt', page: '/desk/liaisons', api: '/api/liaisons' },
      { label: 'central authority MX: inbox', user: 'autoridad.mx', page: '/desk/queue', api: '/api/requests?state=transmitted&pageSize=25' },
      ...some(received, (id) => [{ label: 'central authority MX: a request under review', user: 'autoridad.mx', page: `/desk/review/${id}`, api: `/api/requests/${id}` }]),
      { label: 'supervisor GT: dashboard', user: 'supervisor.gt', page: '/desk/dashboard', api: dashboardApi({}) },
      { label: 'supervisor GT: dashboard, last 90 days', user: 'supervisor.gt', page: `/desk/dashboard?from=${since}`, api: dashboardApi({ from: since }) },
      { label: 'supervisor GT: dashboard, requested MX', user: 'supervisor.gt', page: '/desk/dashboard?requestedCountry=MX', api: dashboardApi({ requestedCountry: 'MX' }) },
      { label: 'admin: console', user: 'admin', page: '/desk/admin', api: ['/api/failed-documents?pageSize=20', '/api/analytics/turnaround'] },
      { label: 'admin: notifications', user: 'admin', page: '/desk/notifications', api: '/api/notifications' },
      { label: 'sign-in (anonymous)', user: 'anonymous', page: '/sign-in', api: null },
      { label: 'verify (anonymous)', user: 'anonymous', page: '/verify', api: null },
    ];

    const call = async (url: string | string[], headers: Record<string, string>) => {
      const started = performance.now();
      const responses = await Promise.all((Array.isArray(url) ? url : [url]).map((one) => inject({ method: 'GET', url: one, headers })));
      const ms = performance.now() - started;
      for (const response of responses) {
        if (response.statusCode !== 200) throw new Error(`${String(url)}: ${response.statusCode} ${response.body.slice(0, 300)}`);
      }
      return ms;
    };
    const counted = async (url: string | string[], headers: Record<string, string>) => {
      const before = statements;
      await call(url, headers);
      return statements - before;
    };

    const sequential: Record<string, unknown> = {};
    const misses: string[] = [];
    let worstP95 = 0;
    for (const c of cases) {
      const ph = pageHeaders.get(c.user)!;
      const ah = apiHeaders.get(c.user) ?? {};
      for (let i = 0; i < 5; i++) {
        await call(c.page, ph);
        if (c.api) await call(c.api, ah);
      }
      const sqlStatements = { page: await counted(c.page, ph), ...(c.api ? { api: await counted(c.api, ah) } : {}) };
      const pageMs: number[] = [];
      const apiMs: number[] = [];
      for (let i = 0; i < iterations; i++) {
        pageMs.push(await call(c.page, ph));
        if (c.api) apiMs.push(await call(c.api, ah));
      }
      const page = stats(pageMs);
      worstP95 = Math.max(worstP95, page.p95);
      const within = page.p95 <= TARGET_P95_MS;
      if (!within) misses.push(c.label);
      const path = `${c.user}: ${c.page}`;
      if (!c.api) {
        sequential[c.label] = { path, pageWithin100ms: within, page, sqlStatements };
      } else {
        const api = stats(apiMs);
        const apiPath = Array.isArray(c.api) ? `${c.api.length} calls at once: ${c.api.join(' + ')}` : c.api;
        sequential[c.label] = { ratioP95PageToApi: round2(page.p95 / api.p95), pageWithin100ms: within, path, page, api: { path: apiPath, ...api }, sqlStatements };
      }
      console.error(`pages (${requests}): ${c.label}: page p95 ${page.p95} ms${c.api ? `, API p95 ${stats(apiMs).p95} ms` : ''}`);
    }
    result.latencyMs = sequential;

    // C clients at once, each walking the pages in its own order, each page beside its API calls.
    const concurrentPage = new Map<string, number[]>(cases.map((c) => [c.label, []]));
    const concurrentApi = new Map<string, number[]>(cases.map((c) => [c.label, []]));
    const rounds = Math.max(1, Math.ceil(iterations / clients));
    await Promise.all(
      Array.from({ length: clients }, async (_, client) => {
        for (let r = 0; r < rounds; r++) {
          for (let k = 0; k < cases.length; k++) {
            const c = cases[(k + client * 5) % cases.length];
            concurrentPage.get(c.label)!.push(await call(c.page, pageHeaders.get(c.user)!));
            if (c.api) concurrentApi.get(c.label)!.push(await call(c.api, apiHeaders.get(c.user)!));
          }
        }
      }),
    );
    result.concurrentMs = {
      clients,
      ...Object.fromEntries(
        cases.map((c) => {
          const page = stats(concurrentPage.get(c.label)!);
          if (!c.api) return [c.label, { pageWithin100ms: page.p95 <= TARGET_P95_MS, page }];
          const api = stats(concurrentApi.get(c.label)!);
          return [c.label, { ratioP95PageToApi: round2(page.p95 / api.p95), pageWithin100ms: page.p95 <= TARGET_P95_MS, page, api }];
        }),
      ),
    };
    result.firstPageWeight = await firstPageWeight(inject, pageHeaders.get('fiscal.gt')!);
    const weight = result.firstPageWeight as { kB: number };
    result.targets = {
      pageP95Ms: TARGET_P95_MS,
      firstLoadKB: TARGET_FIRST_LOAD_KB,
      worstPageP95Ms: worstP95,
      pagesOver100msSequential: misses,
      met: misses.length === 0 && weight.kB <= TARGET_FIRST_LOAD_KB,
    };
  } finally {
    (pg.Client.prototype as unknown as { query: typeof originalQuery }).query = originalQuery;
    await raw.end().catch(() => {});
    await app.close();
    if (!flag('keep')) await withPgClient(server.toString(), (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  }
  return result;
}

export async function pagesBench(): Promise<Record<string, unknown>> {
  const { databaseUrl } = loadConfig();
  if (!databaseUrl) return { skipped: 'DATABASE_URL is not set: the pages bench needs a PostgreSQL server' };
  const scales = arg('pages-requests', '10000,100000').split(',').map(Number);
  if (scales.some((n) => !Number.isInteger(n) || n < 1)) throw new Error('--pages-requests: whole numbers, comma-separated');
  const name = arg('pages-database', 'enlace_bench_pages');
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error('--pages-database: a plain lower-case name');
  const result: Record<string, unknown> = { node: process.version, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model };
  for (const requests of scales) {
    result[`at${requests}`] = await atScale(databaseUrl, requests, scales.length > 1 ? `${name}_${requests}` : name);
  }
  return result;
}

const invokedDirectly = process.argv[1]?.endsWith('pages.bench.js');
if (invokedDirectly) {
  pagesBench().then(
    (result) => process.stdout.write(`${JSON.stringify({ pages: result }, null, 2)}\n`),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
