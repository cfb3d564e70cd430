// Worker thread entry of PdfRenderPool: one renderer (fonts parsed once per thread), one document
// at a time, bytes transferred back without a copy.
import { parentPort, workerData } from 'node:worker_threads';
import { PdfRenderer, type PdfRendererOptions } from './pdf-renderer.js';
import { renderDocument } from './render-document.js';
import type { WorkerReply, WorkerRequest } from './pdf-render-pool.js';

if (!parentPort) throw new Error('pdf-render.worker must run in a worker thread');
const port = parentPort;
const renderer = new PdfRenderer((workerData as { renderer?: PdfRendererOptions } | undefined)?.renderer ?? {});

port.on('message', (request: WorkerRequest) => {
  renderDocument(request.viewModel, renderer).then(
    ({ bytes, sha256, contentHash }) => {
      // A buffer of its own, so it can be transferred (not copied) to the main thread.
      const owned =
        bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
          ? (bytes.buffer as ArrayBuffer)
          : (bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
      const reply: WorkerReply = { id: request.id, ok: true, bytes: owned, sha256, contentHash };
      port.postMessage(reply, [owned]);
    },
    (error: unknown) => {
      const e = error instanceof Error ? error : new Error(String(error));
      const reply: WorkerReply = { id: request.id, ok: false, error: { name: e.name, message: e.message, stack: e.stack } };
      port.postMessage(reply);
    },
  );
});
port.postMessage({ ready: true });
