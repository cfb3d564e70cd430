// Process entry of PdfRenderPool ({ processes: true }): one renderer, one document at a time, at the
// nice value the pool passed (argv[2]), so that the scheduler gives the API's process the cores first.
// The pool owns its life: the process ignores the terminal's SIGINT / SIGTERM (sent to the whole
// process group, they would fail the documents being rendered before the service has stopped taking
// work) and ends when the pool disconnects, or dies.
import { PdfRenderer, type PdfRendererOptions } from './pdf-renderer.js';
import type { WorkerRequest } from './pdf-render-pool.js';
import { lowerOwnPriority, serveRender } from './render-service.js';

if (!process.send) throw new Error('pdf-render.process must be started by PdfRenderPool (an IPC channel)');
const send = process.send.bind(process);
const [, , nice = '0', options = '{}'] = process.argv;
lowerOwnPriority(Number(nice));
const renderer = new PdfRenderer(JSON.parse(options) as PdfRendererOptions);

for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => {});
process.on('disconnect', () => process.exit(0));
process.on('message', (request: WorkerRequest) => {
  void serveRender(renderer, request, true).then(({ reply }) => send(reply));
});
send({ ready: true });
