// The pages at scale: `node dist/bench/pages.bench.js [--pages-requests N] [--iterations K] [--keep]`
// (part of `npm run bench`, N = 10,000 by default, the figure).
//
// On the PostgreSQL of DATABASE_URL, in a database of its own: seeds N synthetic requests (the code of
// `npm run seed -- --synthetic N`; the synthetic Guatemalan fiscal's requests are handed to the demo
// fiscal.gt, so that a person who can sign in has a long list), signs the demo users in through the
// sign-in page, then times each main page through the assembled application (Fastify's inject: guard,
// session, services, SQL and the template, without a socket), K times after a warm-up, one at a time,
// beside the API's answer for the same data (its twin route, same user) in alternating order: the
// ratio of the p95s says what rendering a page costs over the JSON. Last, the first page's weight:
// the sign-in page and everything it loads (stylesheets, scripts, icon, and the fonts its stylesheets
// name), compressed as the server sends them to a browser that accepts br and gzip.
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '@enlace/config';
import { DemoDirectory } from '@enlace/directory';
import { withPgClient } from '@enlace/embedded';
import { createApiApplication } from '../apps/api/src/api-application.js';
import { seedSynthetic } from '../apps/api/src/cli/synthetic-seed.js';

const PASSWORD = 'enlace-bench';
/** The bar: every page p95 <= 100 ms on the server with 10,000 requests; the first load <= 150 KB compressed. */
const TARGET_P95_MS = 100;
const TARGET_FIRST_LOAD_KB = 150;

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
}
const flag = (name: string) => process.argv.includes(`--${name}`);

function stats(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)];
  const round = (n: number) => Math.round(n * 10) / 10;
  return { median: round(at(0.5)), p95: round(at(0.95)), max: round(s[s.length - 1]), samples: s.length };
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
  return { cookie: cookie() };
}

export async function pagesBench(): Promise<Record<string, unknown>> {
  if (!process.env.DATABASE_URL) return { skipped: 'DATABASE_URL is not set: the pages bench needs a PostgreSQL server' };
  const requests = Number(arg('pages-requests', '10000'));
  const iterations = Number(arg('iterations', '40'));
  const name = arg('pages-database', 'enlace_bench_pages');
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error('--pages-database: a plain lower-case name');
  const server = new URL(process.env.DATABASE_URL);
  const url = new URL(server.toString());
  url.pathname = `/${name}`;
  await withPgClient(server.toString(), async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${name}`);
  });
  const config = loadConfig({
    DATABASE_URL: url.toString(),
    ENLACE_TOKEN_SECRET: randomBytes(32).toString('hex'),
    ENLACE_LOG_LEVEL: 'error',
    ENLACE_TOKEN_TTL_SECONDS: '86400',
    // Seeding rebuilds the turnaround rollup in one statement: longer than the service's 10 s bound on a loaded machine.
    ENLACE_DB_STATEMENT_TIMEOUT_MS: '1800000',
    ENLACE_QUEUE_PREFIX: `bench-${randomBytes(4).toString('hex')}`,
  });
  const app = await createApiApplication(config, { consume: false });
  const result: Record<string, unknown> = { node: process.version, cpus: os.cpus().length, loadAverage: os.loadavg().map((l) => Math.round(l * 10) / 10), requests };
  try {
    await app.get(DemoDirectory).seed(PASSWORD, new Date());
    const seeded = await seedSynthetic(app, requests, new Date(), (line) => console.error(`pages seed: ${line}`));
    const sample = await withPgClient(url.toString(), async (c) => {
      const fiscal = (await c.query(`SELECT id FROM users WHERE email = 'fiscal.gt@demo.enlace'`)).rows[0].id as string;
      await c.query(
        `UPDATE requests SET created_by = $1 WHERE created_by = (SELECT id FROM users WHERE email = 'synthetic.fiscal.gt@synthetic.enlace')`,
        [fiscal],
      );
      const counts = (await c.query(`SELECT (SELECT count(*)::int FROM requests) AS requests, (SELECT count(*)::int FROM requests WHERE created_by = $1) AS "fiscalGT"`, [fiscal])).rows[0];
      // A request of fiscal.gt still being drafted (the page with every form), one in the cancillería's hands.
      const draft = (await c.query(`SELECT id FROM requests WHERE created_by = $1 AND state IN ('draft', 'standardized') ORDER BY updated_at DESC LIMIT 1`, [fiscal])).rows[0]?.id as string;
      const pending = (await c.query(`SELECT id FROM requests WHERE requesting_country = 'GT' AND state = 'pending_authorization' ORDER BY updated_at DESC LIMIT 1`)).rows[0]?.id as string;
      return { counts, draft, pending };
    });
    result.seeding = { ...seeded, ...sample.counts };

    const fastify = app.getHttpAdapter().getInstance();
    const inject = fastify.inject.bind(fastify) as unknown as Inject;
    const bearer = async (email: string) => {
      const response = await inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: PASSWORD } });
      return { authorization: `Bearer ${JSON.parse(response.body).accessToken as string}` };
    };
    const fiscal = { page: await pageSession(inject, 'fiscal.gt@demo.enlace'), api: await bearer('fiscal.gt@demo.enlace') };
    const cancilleria = { page: await pageSession(inject, 'cancilleria.gt@demo.enlace'), api: await bearer('cancilleria.gt@demo.enlace') };
    const supervisor = { page: await pageSession(inject, 'supervisor.gt@demo.enlace'), api: await bearer('supervisor.gt@demo.enlace') };

    // [what, page (path, headers), its API twin for the same data and user, or null]
    const cases: [string, string, Record<string, string>, string | null, Record<string, string>][] = [
      ['my requests (fiscal.gt, first page)', '/desk/requests', fiscal.page, '/api/requests', fiscal.api],
      ['my requests, searched by reference (the API has no search)', '/desk/requests?search=GT-MX', fiscal.page, null, {}],
      ['my requests, filtered by state and country', '/desk/requests?state=acknowledged&requestedCountry=MX', fiscal.page, '/api/requests?state=acknowledged&requestedCountry=MX', fiscal.api],
      ['a request being drafted (every section form)', `/desk/requests/${sample.draft}`, fiscal.page, `/api/requests/${sample.draft}`, fiscal.api],
      ['its print view', `/desk/requests/${sample.draft}/print`, fiscal.page, `/api/requests/${sample.draft}`, fiscal.api],
      ['new request, pair GT-MX', '/desk/requests/new?to=MX', fiscal.page, '/api/legal-bases?from=GT&to=MX', fiscal.api],
      ['notifications', '/desk/notifications', fiscal.page, '/api/notifications', fiscal.api],
      ['cancillería GT: requests to decide', '/desk/queue', cancilleria.page, null, {}],
      ['cancillería GT: a request under review', `/desk/review/${sample.pending}`, cancilleria.page, `/api/requests/${sample.pending}`, cancilleria.api],
      ['supervisor GT: dashboard', '/desk/dashboard', supervisor.page, '/api/analytics/turnaround', supervisor.api],
      ['sign-in (anonymous)', '/sign-in', {}, null, {}],
      ['verify (anonymous)', '/verify', {}, null, {}],
    ];
    const timed = async (path: string, headers: Record<string, string>) => {
      const started = performance.now();
      const response = await inject({ method: 'GET', url: path, headers });
      const ms = performance.now() - started;
      if (response.statusCode !== 200) throw new Error(`${path}: ${response.statusCode} ${response.body.slice(0, 300)}`);
      return ms;
    };
    const pages: Record<string, unknown> = {};
    let worstP95 = 0;
    for (const [label, path, pageHeaders, apiPath, apiHeaders] of cases) {
      for (let i = 0; i < 3; i++) {
        await timed(path, pageHeaders);
        if (apiPath) await timed(apiPath, apiHeaders);
      }
      const pageSamples: number[] = [];
      const apiSamples: number[] = [];
      for (let i = 0; i < iterations; i++) {
        pageSamples.push(await timed(path, pageHeaders));
        if (apiPath) apiSamples.push(await timed(apiPath, apiHeaders));
      }
      const page = stats(pageSamples);
      worstP95 = Math.max(worstP95, page.p95);
      if (!apiPath) {
        pages[label] = { path, page };
        continue;
      }
      const api = stats(apiSamples);
      pages[label] = { path, page, api: { path: apiPath, ...api }, ratioP95PageToApi: Math.round((page.p95 / api.p95) * 100) / 100 };
    }
    result.latencyMs = pages;

    // The first page a person loads, and all it pulls in, compressed as served.
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
    result.firstPageWeight = {
      kB: Math.round(total / 102.4) / 10,
      kBWithoutFonts: Math.round(sum((path) => !isFont(path)) / 102.4) / 10,
      kBIfEveryNamedFontLoaded: Math.round(sum(() => true) / 102.4) / 10,
      files: Object.fromEntries(Object.entries(weights).filter(([path]) => !isFont(path) || usedFonts(path))),
      fontsNamedNotUsed: Object.keys(weights).filter((path) => isFont(path) && !usedFonts(path)).length,
    };
    result.targets = {
      pageP95Ms: TARGET_P95_MS,
      firstLoadKB: TARGET_FIRST_LOAD_KB,
      worstPageP95Ms: worstP95,
      met: worstP95 <= TARGET_P95_MS && total / 1024 <= TARGET_FIRST_LOAD_KB,
    };
  } finally {
    await app.close();
    if (!flag('keep')) await withPgClient(server.toString(), (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
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
