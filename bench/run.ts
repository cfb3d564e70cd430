// `npm run bench` (builds to dist/, then runs dist/bench/run.js): one JSON object on stdout with
//   - pdf: documents per second on one thread for the standardized form of the factory request
//     (GT -> MX, in Spanish), rendered by
//       - enlace: our renderer (pdfmake with parsed fonts and shaped words kept in memory);
//       - pdfkitWithFontCache: raw pdfkit drawing a comparable document (same strings, font, sizes,
//         QR code, page header and footer) with its fonts parsed once, as ours are: the honest
//         baseline, whose ratio is the first line (`ratio`, target 0.6);
//       - pdfkitBaseline: the same re-parsing its fonts for every document (`ratioToPdfkitReparsingFonts`);
//       - pdfmakeUncached: pdfmake reading and parsing its fonts for every document (the renderer's
//         process-wide patches of pdfmake's style lookups, lines and QR drawing apply to it too).
//     They run in the same process, in alternating rounds after a warm-up, so background load hits
//     them alike; rates are medians over rounds, ratios medians of per-round ratios. Then the peak
//     RSS of a render worker over 1,000 varied documents (bench/memory-child.ts); and enlaceSealed:
//     the same document rendered and then sealed with an office's certificate (PAdES), as the
//     document job does (`sealedToUnsealed`, the median of per-round ratios); and `bilingual`: the
//     GT -> US form, the request as written and then whole in English (twice the pages since
//     issue 14's whole translation), ours against raw pdfkit with its fonts parsed once, in the same rounds;
//   - transition: one event's SQL round trips, and the change's cost against the same SQL sent bare
//     through node-postgres (bench/transition.bench.ts);
//   - lifecycle: the service under 6 clients walking lifecycles, in each mode (bench/lifecycle.bench.ts);
//   - turnaround: the supervisors' figures at scale against their plain computation (bench/turnaround.bench.ts);
//   - pages: every desk's pages rendered at 10,000 and at 100,000 requests beside the API calls giving
//     the same data, and the first page's weight, compressed (bench/pages.bench.ts).
//
//   - summary: issue 15's table, every row with its figure, its baseline from the same run, its
//     target and whether it is met, or why it is not measured (the README's bench table shows it).
//
// Options: --rounds 12 --round-ms 700 --documents 1000 --out FILE (the JSON kept in a file too)
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { PDFParse } from 'pdf-parse';
import pg from 'pg';
import { DEFAULT_WORKER_HEAP_MIB, PdfRenderPool, PdfRenderer, renderDocument } from '@enlace/pdf';
import { createDemoAuthority, issueOfficeCertificate, sealPdf, signerFromPem } from '@enlace/seal';
import { renderDefinition } from '@enlace/templates';
import { ENGLISH_TRANSLATION, buildViewModel } from '../templates/testing/request.factory.js';
import { baselineFromDefinition, loadBaselineFonts, parseBaselineFonts, renderWithPdfkit } from './pdfkit-baseline.js';

// The issue's target against raw pdfkit with fonts parsed once (0.9 is the horizon; see the README).
const TARGET_RATIO = 0.6;
const TARGET_PEAK_MIB = 200;

interface Contender {
  name: string;
  render: () => Promise<Buffer>;
}

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const round3 = (n: number) => Math.round(n * 1000) / 1000;

async function timeFor(c: Contender, ms: number): Promise<{ docs: number; seconds: number; cpuSeconds: number }> {
  const start = performance.now();
  const cpu = process.cpuUsage();
  let docs = 0;
  while (performance.now() - start < ms) {
    await c.render();
    docs++;
  }
  const used = process.cpuUsage(cpu);
  return { docs, seconds: (performance.now() - start) / 1000, cpuSeconds: (used.user + used.system) / 1e6 };
}

async function describe(bytes: Buffer): Promise<{ pages: number; bytes: number; textChars: number }> {
  const parser = new PDFParse({ data: new Uint8Array(bytes) });
  try {
    const { text, total } = await parser.getText();
    return { pages: total, bytes: bytes.length, textChars: text.replace(/\s+/g, '').length };
  } finally {
    await parser.destroy();
  }
}

async function pdfBench(): Promise<Record<string, unknown>> {

  const rounds = arg('rounds', 12);
  const roundMs = arg('round-ms', 700);
  const vm = buildViewModel('standardized_form');

  const cached = new PdfRenderer();
  const uncached = new PdfRenderer({ cacheFonts: false });
  const fonts = loadBaselineFonts();
  const parsedFonts = parseBaselineFonts(fonts);
  const baselineDoc = baselineFromDefinition(renderDefinition(vm));

  const enlace: Contender = { name: 'enlace', render: async () => (await renderDocument(vm, cached)).bytes };
  const pdfkit: Contender = { name: 'pdfkit', render: () => renderWithPdfkit(baselineDoc, fonts) };
  const stock: Contender = { name: 'pdfmakeUncached', render: async () => (await renderDocument(vm, uncached)).bytes };
  const pdfkitCached: Contender = { name: 'pdfkitFontCache', render: () => renderWithPdfkit(baselineDoc, fonts, parsedFonts) };
  // What the document job now does: render, then seal with the office's certificate (PAdES).
  const authority = createDemoAuthority(new Date());
  const office = issueOfficeCertificate(authority, { id: 'GT-MP', country: 'GT', institution: 'Ministerio Público de la República de Guatemala' }, new Date());
  const signer = signerFromPem(office, [authority.certificate]);
  const sealInfo = { name: 'Ministerio Público de la República de Guatemala', reason: 'Formulario normalizado', location: 'Ciudad de Guatemala', signingTime: new Date(vm.issuedAt) };
  const sealed: Contender = { name: 'enlaceSealed', render: async () => sealPdf((await renderDocument(vm, cached)).bytes, signer, sealInfo) };
  // The form of a request to a country of another language: as written, then whole in its language.
  const bilingualVm = buildViewModel('standardized_form', {
    reference: 'GT-US-2026-000042',
    labels: { primary: 'es', secondary: 'en' },
    request: { requestedCountry: 'US', translations: { en: ENGLISH_TRANSLATION } },
  });
  const bilingualBaseline = baselineFromDefinition(renderDefinition(bilingualVm));
  const bilingual: Contender = { name: 'enlaceBilingual', render: async () => (await renderDocument(bilingualVm, cached)).bytes };
  const bilingualPdfkit: Contender = { name: 'pdfkitBilingual', render: () => renderWithPdfkit(bilingualBaseline, fonts, parsedFonts) };
  const contenders = [enlace, pdfkit, stock, pdfkitCached, sealed, bilingual, bilingualPdfkit];

  const [ours, theirs] = [await enlace.render(), await pdfkit.render()];
  const determinism = (await enlace.render()).equals(ours);

  // Warm-up: JIT, font parsing, caches.
  for (const c of contenders) await timeFor(c, 1500);

  // Per contender and round: documents per wall-clock second, and per CPU second of this process.
  const rates = new Map<string, number[]>(contenders.map((c) => [c.name, []]));
  const cpuRates = new Map<string, number[]>(contenders.map((c) => [c.name, []]));
  for (let r = 0; r < rounds; r++) {
    // Rotate the order so no contender always runs right after the same other one.
    const order = contenders.map((_, i) => contenders[(i + r) % contenders.length]!);
    for (const c of order) {
      const { docs, seconds, cpuSeconds } = await timeFor(c, roundMs);
      rates.get(c.name)!.push(docs / seconds);
      cpuRates.get(c.name)!.push(docs / cpuSeconds);
    }
  }
  const rate = (name: string) => median(rates.get(name)!);
  const cpuRate = (name: string) => median(cpuRates.get(name)!);
  // Each round runs every contender under the same background load: the median of the per-round
  // ratios is steadier than the ratio of the medians on a shared machine.
  const ratioOf = (a: string, b: string, table = rates) => median(table.get(a)!.map((x, i) => x / table.get(b)![i]!));

  // Through the worker pool (1 thread): the API's path, message passing included.
  const pool = new PdfRenderPool({ threads: 1 });
  await pool.start();
  for (let i = 0; i < 50; i++) await pool.render(vm);
  const poolStart = performance.now();
  const poolDocs = 300;
  await Promise.all(Array.from({ length: poolDocs }, () => pool.render(vm)));
  const poolRate = poolDocs / ((performance.now() - poolStart) / 1000);
  await pool.close();

  const measureMemory = (mode: 'inline' | 'pool', flags: string[]) => {
    const child = spawnSync(
      process.execPath,
      [...flags, fileURLToPath(new URL('./memory-child.js', import.meta.url)), mode, String(arg('documents', 1000))],
      { encoding: 'utf8', maxBuffer: 1 << 20 },
    );
    if (child.status !== 0) throw new Error(`memory child (${mode}) failed: ${child.stderr}`);
    return JSON.parse(child.stdout) as { peakRssMiB: number };
  };
  const memoryPool = measureMemory('pool', []);
  const memoryInline = measureMemory('inline', [`--max-old-space-size=${DEFAULT_WORKER_HEAP_MIB}`]);
  const peakMiB = Math.max(memoryPool.peakRssMiB, memoryInline.peakRssMiB);

  const ratio = ratioOf('enlace', 'pdfkit');
  return {
        // The honest baseline: raw pdfkit with its fonts parsed once, as ours are.
        ratio: round3(ratioOf('enlace', 'pdfkitFontCache')),
        ratioToPdfkitReparsingFonts: round3(ratio),
        node: process.version,
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model,
        document: { kind: vm.kind, reference: vm.reference, ...(await describe(ours)) },
        baselineDocument: await describe(theirs),
        deterministic: determinism,
        rounds,
        roundMs,
        docsPerSecond: {
          enlace: round1(rate('enlace')),
          pdfkitBaseline: round1(rate('pdfkit')),
          pdfmakeUncached: round1(rate('pdfmakeUncached')),
          pdfkitWithFontCache: round1(rate('pdfkitFontCache')),
          enlacePool1Thread: round1(poolRate),
          enlaceSealed: round1(rate('enlaceSealed')),
        },
        docsPerCpuSecond: {
          enlace: round1(cpuRate('enlace')),
          pdfkitBaseline: round1(cpuRate('pdfkit')),
          pdfmakeUncached: round1(cpuRate('pdfmakeUncached')),
          pdfkitWithFontCache: round1(cpuRate('pdfkitFontCache')),
        },
        msPerDocument: {
          enlace: round1(1000 / rate('enlace')),
          pdfkitBaseline: round1(1000 / rate('pdfkit')),
          pdfmakeUncached: round1(1000 / rate('pdfmakeUncached')),
          pdfkitWithFontCache: round1(1000 / rate('pdfkitFontCache')),
          enlaceSealed: round1(1000 / rate('enlaceSealed')),
        },
        sealedToUnsealed: round3(ratioOf('enlaceSealed', 'enlace')),
        bilingual: {
          document: { kind: bilingualVm.kind, reference: bilingualVm.reference, languages: bilingualVm.labels, ...(await describe(await bilingual.render())) },
          baselineDocument: await describe(await bilingualPdfkit.render()),
          // Against raw pdfkit drawing the same strings with its fonts parsed once, as `ratio` is.
          ratio: round3(ratioOf('enlaceBilingual', 'pdfkitBilingual')),
          ratioCpu: round3(ratioOf('enlaceBilingual', 'pdfkitBilingual', cpuRates)),
          docsPerSecond: { enlace: round1(rate('enlaceBilingual')), pdfkitWithFontCache: round1(rate('pdfkitBilingual')) },
          msPerDocument: { enlace: round1(1000 / rate('enlaceBilingual')), pdfkitWithFontCache: round1(1000 / rate('pdfkitBilingual')) },
          // Its cost against the Spanish-only form of the same request, in the same rounds.
          toSpanishOnly: round3(ratioOf('enlaceBilingual', 'enlace')),
        },
        ratioCpu: round3(ratioOf('enlace', 'pdfkitFontCache', cpuRates)),
        ratioUncachedToBaseline: round3(ratioOf('pdfmakeUncached', 'pdfkit')),
        speedupOverUncached: round3(ratioOf('enlace', 'pdfmakeUncached')),
        memory: { peakRssMiB: peakMiB, poolThread: memoryPool, inProcess: { ...memoryInline, flags: `--max-old-space-size=${DEFAULT_WORKER_HEAP_MIB}` } },
        targets: {
          ratio: TARGET_RATIO,
          peakRssMiB: TARGET_PEAK_MIB,
          met: ratioOf('enlace', 'pdfkitFontCache') >= TARGET_RATIO && peakMiB < TARGET_PEAK_MIB,
        },
  };
}

/** One row of issue 15's table: the figure, what it is held against in the same run, the target, met or why not. */
interface SummaryRow {
  measure: string;
  value: number | string | null;
  baseline?: number | string | null;
  ratio?: number | null;
  target: string;
  met: boolean | null;
  why?: string;
}

type Json = Record<string, unknown> | undefined;
const at = (o: unknown, ...keys: string[]): unknown => keys.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), o);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/**
 * Issue 15's table from this run's parts: every row, measured or saying why not, each figure beside
 * its baseline from the same run and its target (`summary` of the JSON; the README's bench table
 * shows the same rows).
 */
export function summarize(result: Record<string, unknown>): SummaryRow[] {
  const rows: SummaryRow[] = [];
  const notRun = (part: string) => `not measured in this run (the ${part} part was not run)`;
  const pdf = result.pdf as Json;
  const pdfRatio = num(at(pdf, 'ratio'));
  rows.push({
    measure: 'PDF documents per second, ours / raw pdfkit with its fonts parsed once',
    value: num(at(pdf, 'docsPerSecond', 'enlace')),
    baseline: num(at(pdf, 'docsPerSecond', 'pdfkitWithFontCache')),
    ratio: pdfRatio,
    target: '>= 0.6',
    met: pdfRatio === null ? null : pdfRatio >= 0.6,
    ...(pdf ? {} : { why: notRun('pdf') }),
  });
  const transition = result.transition as Json;
  const statements = num(at(transition, 'oneEventThroughTheApi', 'statements'));
  rows.push({
    measure: 'one event through the API (SHARE_DRAFT), SQL statements',
    value: statements,
    baseline: 13,
    ratio: statements === null ? null : Math.round((statements / 13) * 1000) / 1000,
    target: '<= 9 (13 before this step; 15 before 407670e)',
    met: statements === null ? null : statements <= 9,
    ...(transition ? {} : { why: notRun('transition') }),
  });
  const bareRatio = num(at(transition, 'changeAgainstBareSql', 'ratioP50BareToRunner'));
  const typeormRatio = num(at(transition, 'changeAgainstBareSql', 'ratioP50BareToTypeorm'));
  const typeormSaid =
    typeormRatio === null ? '' : typeormRatio >= 0.9 ? ': the same statements through TypeORM cost about what they cost bare (the next row)' : `; TypeORM's own share: bare / TypeORM ${typeormRatio} (the next row)`;
  // An arm of the change's bench (its p50) against the same SQL sent bare.
  const againstBare = (measure: string, arm: string, ratio: number | null, target: string, met: boolean | null, why?: string): SummaryRow => ({
    measure,
    value: num(at(transition, 'changeAgainstBareSql', arm, 'p50')),
    baseline: num(at(transition, 'changeAgainstBareSql', 'bareNodePostgresMs', 'p50')),
    ratio,
    target,
    met,
    ...(transition ? (why ? { why } : {}) : { why: notRun('transition') }),
  });
  const runnerShort = bareRatio !== null && bareRatio < 0.9;
  rows.push(
    againstBare(
      'the change against the same SQL sent bare through node-postgres, p50 (ms), bare / ours',
      'runnerMs',
      bareRatio,
      "1 (the database's own cost)",
      bareRatio === null ? null : !runnerShort,
      runnerShort ? `the runner decides in JavaScript (the machine, the hash, the JSON of the snapshot) between the statements${typeormSaid}` : undefined,
    ),
    againstBare(
      'the same SQL through TypeORM alone (its transaction, EntityManager.query), p50 (ms), bare / TypeORM',
      'sameSqlThroughTypeormMs',
      typeormRatio,
      "none set: where the change's cost above bare SQL is (TypeORM and its pool, or the runner)",
      null,
    ),
  );
  const lifecycle = result.lifecycle as Json;
  for (const mode of ['production', 'embedded'] as const) {
    const m = at(lifecycle, mode) as Json;
    const why = !lifecycle ? notRun('lifecycle') : !m ? `the ${mode} mode was not run` : m.skipped ?? m.failed;
    const capped = m?.capReached ? `stopped at its cap: ${String(m.note)}` : undefined;
    const load = at(m, 'loadAverage');
    const loadSaid = load ? `load average ${JSON.stringify(at(load, 'before'))} before, ${JSON.stringify(at(load, 'after'))} after` : undefined;
    const readRatio = num(at(m, 'readMs', 'ratioP95BusyToIdle'));
    rows.push({
      measure: `${mode}, saturated (6 clients back to back): a read's p95 (ms) while they walk requests and PDFs render, against idle`,
      value: num(at(m, 'readMs', 'busy', 'p95')),
      baseline: num(at(m, 'readMs', 'idle', 'p95')),
      ratio: readRatio,
      target: '<= 1.2 (idle latency kept)',
      met: readRatio === null ? null : readRatio <= 1.2,
      why: (why as string | undefined) ?? ([capped, loadSaid].filter(Boolean).join('; ') || undefined),
    });
    // Rendering's own part: the reads once the clients have walked, while only their documents render; and (production)
    // the reads while they walk, against the same walk with nothing rendering.
    const renderingRatio = num(at(m, 'readMs', 'ratioP95WhileOnlyRenderingToIdle'));
    rows.push({
      measure: `${mode}, saturated: a read's p95 (ms) after the clients have walked, while only their documents render, against idle`,
      value: num(at(m, 'readMs', 'whileOnlyRendering', 'p95')),
      baseline: num(at(m, 'readMs', 'idle', 'p95')),
      ratio: renderingRatio,
      target: '<= 1.2 (idle latency kept)',
      met: renderingRatio === null ? null : renderingRatio <= 1.2,
      why: (why as string | undefined) ?? `${String(at(m, 'readMs', 'whileOnlyRendering', 'samples') ?? 0)} reads while the documents rendered`,
    });
    const unrendered = at(m, 'withoutRendering') as Json;
    if (unrendered) {
      const addedRatio = num(at(unrendered, 'readMs', 'ratioP95WalkingWithRenderingToWithout'));
      rows.push({
        measure: `${mode}, saturated: a read's p95 (ms) while the clients walk and their documents render, against the same walk with nothing rendering`,
        value: num(at(m, 'readMs', 'whileWalking', 'p95')),
        baseline: num(at(unrendered, 'readMs', 'whileWalking', 'p95')),
        ratio: addedRatio,
        target: '<= 1.2 (rendering adds nothing to what the clients cost)',
        met: addedRatio === null ? null : addedRatio <= 1.2,
        why: `with nothing rendering, the walk alone makes a read ${String(at(unrendered, 'readMs', 'ratioP95ToIdle'))}x its idle p95`,
      });
    }
    const transitionRatio = num(at(m, 'transitionMs', 'ratioP95BusyToAlone'));
    rows.push({
      measure: `${mode}: a transition's p95 (ms) with those 6 clients, against alone`,
      value: num(at(m, 'transitionMs', 'busy', 'p95')),
      baseline: num(at(m, 'transitionMs', 'alone', 'p95')),
      ratio: transitionRatio,
      target: 'none set by the issue',
      met: null,
      why: (why as string | undefined) ?? ([capped, loadSaid].filter(Boolean).join('; ') || undefined),
    });
    const ready = num(at(m, 'commitToReadyMs', 'p95'));
    rows.push({
      measure: `${mode}, saturated: from the event's commit to its document ready, p95 (ms)${at(m, 'commitToReadyMs', 'lowerBound') ? ', a lower bound (documents pending at the cap)' : ''}`,
      value: ready,
      baseline: 2000,
      ratio: ready === null ? null : Math.round((ready / 2000) * 1000) / 1000,
      target: '<= 2000',
      met: ready === null ? null : ready <= 2000,
      why: (why as string | undefined) ?? ([capped, loadSaid].filter(Boolean).join('; ') || undefined),
    });
    // Where commit-to-ready went: the part with the largest share of its mean.
    const split = at(m, 'commitToReadySplit', 'ms') as Record<string, { mean: number; shareOfMean?: number }> | undefined;
    const largest = split && Object.entries(split).filter(([, v]) => v.shareOfMean !== undefined).sort((a, b) => b[1].shareOfMean! - a[1].shareOfMean!)[0];
    if (largest) {
      rows.push({
        measure: `${mode}: the largest part of commit-to-ready (mean ms: ${largest[0]}), against the whole mean`,
        value: largest[1].mean,
        baseline: split.commitToReady?.mean ?? null,
        ratio: largest[1].shareOfMean!,
        target: 'none: says where the time goes (commitToReadySplit)',
        met: null,
      });
    }
    // The same clients at a person's pace, beside the saturated figures (never instead of them).
    const paced = at(m, 'paced') as Json;
    if (paced) {
      const pacedRead = num(at(paced, 'readMs', 'ratioP95BusyToIdle'));
      const pacedReady = num(at(paced, 'commitToReadyMs', 'p95'));
      const pacedLoad = `paced: each client pauses ${String(paced.thinkMs)} ms between steps (not the saturated load above); load average ${JSON.stringify(at(paced, 'loadAverage', 'before'))} before, ${JSON.stringify(at(paced, 'loadAverage', 'after'))} after`;
      rows.push({
        measure: `${mode}, paced: a read's p95 (ms) while 6 clients walk requests at a person's pace, against idle`,
        value: num(at(paced, 'readMs', 'busy', 'p95')),
        baseline: num(at(paced, 'readMs', 'idle', 'p95')),
        ratio: pacedRead,
        target: '<= 1.2 (idle latency kept)',
        met: pacedRead === null ? null : pacedRead <= 1.2,
        why: pacedLoad,
      });
      rows.push({
        measure: `${mode}, paced: from the event's commit to its document ready, p95 (ms)`,
        value: pacedReady,
        baseline: 2000,
        ratio: pacedReady === null ? null : Math.round((pacedReady / 2000) * 1000) / 1000,
        target: '<= 2000',
        met: pacedReady === null ? null : pacedReady <= 2000,
        why: pacedLoad,
      });
    }
    rows.push({
      measure: `${mode}: lifecycles per second until every document is ready (${String(at(m, 'lifecycles', 'completed') ?? '-')} lifecycles)`,
      value: num(at(m, 'lifecyclesPerSecond')),
      target: 'held against production below',
      met: null,
      why: (why as string | undefined) ?? ([capped, loadSaid].filter(Boolean).join('; ') || undefined),
    });
  }
  const throughput = num(at(lifecycle, 'embeddedToProductionThroughput'));
  rows.push({
    measure: 'embedded lifecycles per second / production, same load',
    value: num(at(lifecycle, 'embedded', 'lifecyclesPerSecond')),
    baseline: num(at(lifecycle, 'production', 'lifecyclesPerSecond')),
    ratio: throughput,
    target: '>= 0.9',
    met: throughput === null ? null : throughput >= 0.9,
    ...(throughput === null
      ? { why: lifecycle ? 'a mode did not report its throughput' : notRun('lifecycle') }
      : // The same load is the same clients: the machine's own load moved between the modes as the averages say.
        { why: `load average ${JSON.stringify(at(lifecycle, 'production', 'loadAverage'))} production, ${JSON.stringify(at(lifecycle, 'embedded', 'loadAverage'))} embedded` }),
  });
  const turnaround = result.turnaround as Json;
  const latency = at(turnaround, 'latencyMs') as Record<string, Record<string, unknown>> | undefined;
  if (latency) {
    for (const [label, figure] of Object.entries(latency)) {
      const p95 = num(figure.p95);
      const requests = num(at(turnaround, 'requests'));
      const target = requests === 1_000_000 ? 50 : requests === 10_000_000 ? 200 : null;
      // A figure kept ready is read as the workers last computed it (a refresh before, five at most): what is judged
      // against the target is computing it, the figure exact for now.
      const computed = num(at(figure, 'computed', 'p95'));
      const kept = figure.keptReady === true;
      const judged = kept ? computed : p95;
      const keptWhy = kept ? `kept ready: read in p95 ${String(p95)} ms as the workers last computed it (a minute before, five at most); met judges computing it, p95 ${String(computed)} ms. ` : '';
      const why = `${keptWhy}${target === null ? 'the targets are at 1,000,000 and 10,000,000 requests: this run seeded another number (see turnaround.requests)' : ''}`.trim();
      rows.push({
        measure: `supervisor figures at ${String(requests ?? '?')} requests, ${label}, p95 (ms)`,
        value: p95,
        baseline: num(at(figure, 'rawPercentileCont', 'p95')),
        ratio: num(figure.ratioP95ToRaw),
        target: '<= 50 at 1,000,000; <= 200 at 10,000,000',
        met: target === null || judged === null ? null : judged <= target,
        ...(why && { why }),
      });
    }
  } else {
    rows.push({ measure: 'supervisor figures, p95 (ms)', value: null, target: '<= 50 at 1,000,000; <= 200 at 10,000,000', met: null, why: turnaround ? String(turnaround.skipped ?? 'no latencies reported') : notRun('turnaround') });
  }
  return rows;
}

/** Runs one of the other benches in a process of its own; its JSON object from stdout. */
function child(script: string): Record<string, unknown> {
  const run = spawnSync(process.execPath, [fileURLToPath(new URL(script, import.meta.url)), ...process.argv.slice(2)], {
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
    maxBuffer: 16 << 20,
  });
  if (run.status !== 0) throw new Error(`${script} exited with ${run.status}`);
  return JSON.parse(run.stdout) as Record<string, unknown>;
}

// --only NAME runs that part alone (e.g. `npm run bench -- --only pages`); --skip-NAME leaves one out.
const onlyIndex = process.argv.indexOf('--only');
const chosen = onlyIndex >= 0 ? process.argv[onlyIndex + 1] : undefined;
const only = (name: string) => (chosen === undefined || chosen === name) && !process.argv.includes(`--skip-${name}`);

/**
 * The parts on PostgreSQL each create a database of their own through DATABASE_URL's: if that one cannot
 * be reached, one line says why before any part runs (not a part's stack trace minutes later).
 */
async function checkDatabase(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url || !['transition', 'lifecycle', 'turnaround', 'pages'].some(only)) return;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
  } catch (error) {
    const missing = (error as { code?: string }).code === '3D000';
    const why = missing ? `its database "${new URL(url).pathname.slice(1)}" does not exist (name one that does, e.g. postgres: each part creates its own)` : (error as Error).message;
    console.error(`bench: DATABASE_URL cannot be used: ${why}`);
    process.exit(2);
  } finally {
    await client.end().catch(() => undefined);
  }
}

// One JSON object: the PDF throughput, then the lifecycle load in each mode
// (bench/lifecycle.bench.ts), then the figures at scale (bench/turnaround.bench.ts), then the pages
// (bench/pages.bench.ts), each figure with the baseline it is held against measured in the same run.
// --only pdf|transition|lifecycle|turnaround|pages runs one part; --skip-pdf, --skip-transition, --skip-lifecycle, --skip-turnaround,
// --skip-pages leave a part out; other flags go to the parts (--lifecycles, --requests, --pages-requests ...).
async function main(): Promise<void> {
  await checkDatabase();
  const result: Record<string, unknown> = {};
  if (only('pdf')) {
    console.error('bench: PDF throughput...');
    result.pdf = await pdfBench();
  }
  if (only('transition')) Object.assign(result, child('./transition.bench.js'));
  if (only('lifecycle')) Object.assign(result, child('./lifecycle.bench.js'));
  if (only('turnaround')) Object.assign(result, child('./turnaround.bench.js'));
  if (only('pages')) Object.assign(result, child('./pages.bench.js'));
  result.summary = summarize(result);
  result.loadAverageAtTheEnd = os.loadavg().map((l) => Math.round(l * 10) / 10);
  const json = `${JSON.stringify(result, null, 2)}\n`;
  // --out FILE: the same JSON kept in a file as well.
  const out = process.argv.indexOf('--out');
  if (out >= 0 && process.argv[out + 1]) writeFileSync(process.argv[out + 1]!, json);
  process.stdout.write(json);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
