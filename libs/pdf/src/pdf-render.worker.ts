// Worker thread entry of PdfRenderPool: one renderer (fonts parsed once per thread), one document
// at a time, bytes transferred back without a copy; at the nice value the pool passed, so that the
// process's own threads (its job loop, the API where it serves one) go first.
import { parentPort, workerData } from 'node:worker_threads';
import { PdfRenderer, type PdfRendererOptions } from './pdf-renderer.js';
import type { WorkerRequest } from './pdf-render-pool.js';
import { lowerThreadPriority, serveRender } from './render-service.js';

if (!parentPort) throw new Error('pdf-render.worker must run in a worker thread');
const port = parentPort;
const data = (workerData ?? {}) as { renderer?: PdfRendererOptions; nice?: number };
lowerThreadPriority(data.nice ?? 0);
const renderer = new PdfRenderer(data.renderer ?? {});

port.on('message', (request: WorkerRequest) => {
  void serveRender(renderer, request).then(({ reply, transfer }) => port.postMessage(reply, transfer));
});
port.postMessage({ ready: true });
