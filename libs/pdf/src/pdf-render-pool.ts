// Renders documents on worker threads, so that a 2-page PDF (tens of milliseconds of synchronous
// CPU in pdfmake) never blocks the API's event loop.
//
// The worker is `pdf-render.worker.js` next to this file once compiled (dist/). When this module
// runs from its TypeScript source (Jest), a worker thread cannot load .ts by itself: the pool then
// starts the worker through a small module hook that compiles the sources with @swc/core and the
// project's .swcrc, exactly as Jest does, so the specs exercise real threads. `inline: true`
// renders in-process instead (for callers that want no threads at all, e.g. a test of a consumer).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { DocumentViewModel } from '@enlace/templates';
import { PdfRenderer, type PdfRendererOptions } from './pdf-renderer.js';
import { renderDocument, type RenderedDocument } from './render-document.js';

export interface PdfRenderPoolOptions {
  /** Worker threads (default 1). Each holds its own parsed fonts (about 10 MiB). */
  threads?: number;
  /** Render in the calling thread instead of workers. */
  inline?: boolean;
  /** Options of each thread's renderer. */
  renderer?: PdfRendererOptions;
  /**
   * Old-generation heap limit of each thread, in MiB (default 256). A document needs a few tens
   * of MiB; the limit matters because V8, left to size the heap from the machine's memory, lets a
   * busy render thread grow past 300 MiB of garbage before collecting, while with a limit it
   * stays near 150 MiB at the same speed. A thread that exceeds it fails its document and is
   * replaced.
   */
  maxHeapMiB?: number;
}

/** @internal message to a worker */
export interface WorkerRequest {
  id: number;
  viewModel: DocumentViewModel;
}

/** @internal message from a worker */
export type WorkerReply =
  | { id: number; ok: true; bytes: ArrayBuffer; sha256: string; contentHash: string }
  | { id: number; ok: false; error: { name: string; message: string; stack?: string } };

interface Job {
  id: number;
  viewModel: DocumentViewModel;
  resolve: (doc: RenderedDocument) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  job?: Job;
  ready: Promise<void>;
}

/** Default old-generation heap limit of a render thread (see `PdfRenderPoolOptions.maxHeapMiB`). */
export const DEFAULT_WORKER_HEAP_MIB = 256;

const here = fileURLToPath(import.meta.url);
const fromSource = here.endsWith('.ts');

export class PdfRenderPool {
  private readonly threads: number;
  private readonly inline: boolean;
  private readonly rendererOptions: PdfRendererOptions;
  private readonly maxHeapMiB: number;
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private inlineRenderer?: PdfRenderer;
  private nextId = 1;
  private closed = false;
  private drained?: () => void;

  constructor(options: PdfRenderPoolOptions = {}) {
    this.threads = Math.max(1, Math.floor(options.threads ?? 1));
    this.inline = options.inline === true;
    this.rendererOptions = options.renderer ?? {};
    this.maxHeapMiB = options.maxHeapMiB ?? DEFAULT_WORKER_HEAP_MIB;
  }

  /** Starts the threads and waits until they have loaded (optional: `render` starts them too). */
  async start(): Promise<void> {
    if (this.inline || this.closed) return;
    while (this.slots.length < this.threads) this.spawn();
    await Promise.all(this.slots.map((s) => s.ready));
  }

  render(viewModel: DocumentViewModel): Promise<RenderedDocument> {
    if (this.closed) return Promise.reject(new Error('PdfRenderPool is closed'));
    if (this.inline) return renderDocument(viewModel, (this.inlineRenderer ??= new PdfRenderer(this.rendererOptions)));
    return new Promise<RenderedDocument>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, viewModel, resolve, reject });
      this.dispatch();
    });
  }

  /** Documents waiting for a thread plus documents being rendered. */
  get pending(): number {
    return this.queue.length + this.slots.filter((s) => s.job).length;
  }

  /** Lets the documents being rendered finish, fails the queued ones, and stops the threads. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new Error('PdfRenderPool is closed'));
    if (this.slots.some((s) => s.job)) await new Promise<void>((resolve) => (this.drained = resolve));
    await Promise.all(this.slots.splice(0).map((s) => s.worker.terminate()));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => !s.job);
      if (!slot && this.slots.length < this.threads) slot = this.spawn();
      if (!slot) return;
      const job = this.queue.shift()!;
      slot.job = job;
      slot.worker.ref();
      const request: WorkerRequest = { id: job.id, viewModel: job.viewModel };
      slot.worker.postMessage(request);
    }
  }

  private spawn(): Slot {
    const worker = startWorker(this.rendererOptions, this.maxHeapMiB);
    let markReady!: () => void;
    const slot: Slot = { worker, ready: new Promise<void>((resolve) => (markReady = resolve)) };
    this.slots.push(slot);
    worker.unref();
    worker.on('message', (reply: WorkerReply | { ready: true }) => {
      if ('ready' in reply) return markReady();
      const job = slot.job;
      if (!job || job.id !== reply.id) return;
      this.finish(slot);
      if (reply.ok) {
        job.resolve({ bytes: Buffer.from(reply.bytes), sha256: reply.sha256, contentHash: reply.contentHash });
      } else {
        const error = new Error(reply.error.message);
        error.name = reply.error.name;
        if (reply.error.stack) error.stack = reply.error.stack;
        job.reject(error);
      }
    });
    const fail = (error: Error) => {
      // The thread is gone: fail its document, replace it on the next dispatch.
      const index = this.slots.indexOf(slot);
      if (index < 0) return;
      this.slots.splice(index, 1);
      markReady();
      const job = slot.job;
      slot.job = undefined;
      job?.reject(error);
      this.afterJob();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`PDF render worker exited with code ${code}`)));
    return slot;
  }

  private finish(slot: Slot): void {
    slot.job = undefined;
    slot.worker.unref();
    this.afterJob();
  }

  private afterJob(): void {
    if (this.closed) {
      if (this.drained && !this.slots.some((s) => s.job)) this.drained();
      return;
    }
    this.dispatch();
  }
}

function startWorker(renderer: PdfRendererOptions, maxHeapMiB: number): Worker {
  const workerData = { renderer };
  const resourceLimits = { maxOldGenerationSizeMb: maxHeapMiB };
  if (!fromSource) {
    return new Worker(new URL('./pdf-render.worker.js', import.meta.url), { workerData, resourceLimits });
  }
  const entry = pathToFileURL(path.join(path.dirname(here), 'pdf-render.worker.ts')).href;
  const root = findSwcrcRoot(path.dirname(here));
  const swcUrl = pathToFileURL(createRequire(import.meta.url).resolve('@swc/core')).href;
  return new Worker(TS_BOOTSTRAP, {
    eval: true,
    resourceLimits,
    workerData: { ...workerData, entry, loader: `data:text/javascript,${encodeURIComponent(TS_LOADER)}`, root, swcUrl },
  });
}

function findSwcrcRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, '.swcrc'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`No .swcrc above ${from}`);
  }
}

// Worker bootstrap when running from TypeScript sources: register the hook, then load the entry.
const TS_BOOTSTRAP = `
const { register } = require('node:module');
const { workerData } = require('node:worker_threads');
register(workerData.loader, { data: { root: workerData.root, swcUrl: workerData.swcUrl } });
import(workerData.entry).catch((error) => { setImmediate(() => { throw error; }); });
`;

// Module hooks: a relative `.js` specifier that does not exist is the `.ts` source (and a folder is
// its index.ts); `.ts` files are compiled with the project's .swcrc (paths aliases included), as
// @swc/jest does.
const TS_LOADER = `
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
let swc, root;
export async function initialize(data) {
  root = data.root;
  swc = await import(data.swcUrl);
}
export async function resolve(specifier, context, next) {
  try {
    return await next(specifier, context);
  } catch (error) {
    if (context.parentURL && context.parentURL.endsWith('.ts')) {
      if (specifier.endsWith('.js')) return next(specifier.slice(0, -3) + '.ts', context);
      if (error.code === 'ERR_UNSUPPORTED_DIR_IMPORT') return next(specifier + '/index.ts', context);
    }
    throw error;
  }
}
export async function load(url, context, next) {
  if (!url.startsWith('file:') || !url.endsWith('.ts')) return next(url, context);
  const filename = fileURLToPath(url);
  const source = await readFile(filename, 'utf8');
  const transform = swc.transform ?? swc.default.transform;
  const { code } = await transform(source, { filename, cwd: root, root, swcrc: true, sourceMaps: 'inline' });
  return { format: 'module', source: code, shortCircuit: true };
}
`;
