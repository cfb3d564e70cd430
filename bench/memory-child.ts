// Child process of the benchmark (`node dist/bench/memory-child.js <inline|pool> <documents>`):
// renders a stream of different documents and prints its peak RSS. It imports only what a render
// worker imports, so the figure is the worker's, not the benchmark harness's.
//   inline: rendered in this process's main thread (run it with the pool's heap limit,
//           --max-old-space-size=256, as the benchmark does);
//   pool:   rendered by one PdfRenderPool thread; the whole process is measured, idle main thread
//           included.
import { performance } from 'node:perf_hooks';
import { PdfRenderPool, PdfRenderer, renderDocument } from '@enlace/pdf';
import { DOCUMENT_KINDS, type DocumentViewModel } from '@enlace/templates';
import { buildViewModel } from '../templates/testing/request.factory.js';

/** A different request per document (every kind, new references and words), as a real worker sees. */
function variedViewModel(i: number): DocumentViewModel {
  const kind = i % 3 === 0 ? DOCUMENT_KINDS[(i / 3) % DOCUMENT_KINDS.length]! : 'standardized_form';
  const seq = String(100000 + i).slice(1);
  const base = buildViewModel(kind);
  return buildViewModel(kind, {
    reference: `GT-MX-2026-${seq}`,
    issuedAt: new Date(Date.UTC(2026, 0, 1) + i * 3_600_000).toISOString(),
    request: {
      caseReference: `MP001-2026-${seq}`,
      summaryOfFacts: `${base.request.summaryOfFacts} Expediente conexo ${seq}-${(i * 7919).toString(36)}; diligencia número ${i}.`,
    },
  });
}

const round1 = (n: number) => Math.round(n * 10) / 10;

async function main(): Promise<void> {
  const mode = process.argv[2] === 'pool' ? 'pool' : 'inline';
  const documents = Number(process.argv[3] ?? 1000);
  const pool = mode === 'pool' ? new PdfRenderPool({ threads: 1 }) : undefined;
  const renderer = mode === 'inline' ? new PdfRenderer() : undefined;
  const start = performance.now();
  let bytes = 0;
  for (let i = 0; i < documents; i++) {
    const vm = variedViewModel(i);
    bytes += (pool ? await pool.render(vm) : await renderDocument(vm, renderer)).bytes.length;
  }
  const seconds = (performance.now() - start) / 1000;
  await pool?.close();
  const memory = process.memoryUsage();
  process.stdout.write(
    JSON.stringify({
      mode,
      documents,
      seconds: round1(seconds),
      docsPerSecond: round1(documents / seconds),
      averageBytes: Math.round(bytes / documents),
      // ru_maxrss: the process's peak resident set, KiB on Linux.
      peakRssMiB: round1(process.resourceUsage().maxRSS / 1024),
      finalRssMiB: round1(memory.rss / 1048576),
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
