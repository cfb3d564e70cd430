// Renders one document many times in one process, for `node --cpu-prof` (libs/pdf/README.md):
//   node --cpu-prof --cpu-prof-dir=/tmp/prof dist/bench/pdf-profile.js [bilingual|spanish|KIND] [count]
// Prints the documents per second and the CPU milliseconds per document after a warm-up.
import { performance } from 'node:perf_hooks';
import { PdfRenderer, renderDocument } from '@enlace/pdf';
import type { DocumentViewModel } from '@enlace/templates';
import { ENGLISH_TRANSLATION, buildViewModel } from '../templates/testing/request.factory.js';

function viewModel(which: string): DocumentViewModel {
  if (which === 'bilingual')
    return buildViewModel('standardized_form', {
      reference: 'GT-US-2026-000042',
      labels: { primary: 'es', secondary: 'en' },
      request: { requestedCountry: 'US', translations: { en: ENGLISH_TRANSLATION } },
    });
  if (which === 'spanish') return buildViewModel('standardized_form');
  return buildViewModel(which as DocumentViewModel['kind']);
}

const which = process.argv[2] ?? 'bilingual';
const count = Number(process.argv[3] ?? 300);
const vm = viewModel(which);
const renderer = new PdfRenderer();
for (let i = 0; i < 30; i++) await renderDocument(vm, renderer);
const start = performance.now();
const cpu = process.cpuUsage();
for (let i = 0; i < count; i++) await renderDocument(vm, renderer);
const used = process.cpuUsage(cpu);
const seconds = (performance.now() - start) / 1000;
process.stdout.write(
  `${JSON.stringify({ document: which, count, docsPerSecond: Math.round((count / seconds) * 10) / 10, cpuMsPerDocument: Math.round(((used.user + used.system) / 1000 / count) * 10) / 10 })}\n`,
);
