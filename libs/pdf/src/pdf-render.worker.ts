// Worker thread entry of PdfRenderPool: one renderer (fonts parsed once per thread), one document
// at a time, bytes transferred back without a copy.
import { parentPort, workerData } from 'node:worker_threads';
import { PdfRenderer, type PdfRendererOptions } from './pdf-renderer.js';
import type { WorkerRequest } from './pdf-render-pool.js';
import { serveRender } from './render-service.js';

if (!parentPort) throw new Error('pdf-render.worker must run in a worker thread');
const port = parentPort;
const renderer = new PdfRenderer((workerData as { renderer?: PdfRendererOptions } | undefined)?.renderer ?? {});

port.on('message', (request: WorkerRequest) => {
  void serveRender(renderer, request).then(({ reply, transfer }) => port.postMessage(reply, transfer));
});
port.postMessage({ ready: true });
