// Renders documents on worker threads, so that a 2-page PDF (tens of milliseconds of synchronous
// CPU in pdfmake) never blocks the API's event loop; or in processes of their own at a lower OS
// priority (`processes: true`), so that it does not take the cores from the API either: a thread's
// CPU is the API process's, and with 2 cores a busy render thread and PostgreSQL left the event loop
// waiting (a read's p95 6-7 times its idle value while documents rendered).
//
// The worker is `pdf-render.worker.js` (a thread) or `pdf-render.process.js` (a process) next to
// this file once compiled (dist/). When this module runs from its TypeScript source (Jest), neither
// can load .ts by itself: the pool then starts them through a small module hook that compiles the
// sources with @swc/core and the project's .swcrc, exactly as Jest does, so the specs exercise real
// threads and processes. `inline: true` renders in-process instead (for callers that want no
// threads at all, e.g. a test of a consumer).
import { fork, type ChildProcess } from 'node:child_process';
import type { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { DocumentViewModel } from '@enlace/templates';
import { PdfRenderer, type PdfRendererOptions } from './pdf-renderer.js';
import { renderDocument, type RenderedDocument } from './render-document.js';

export interface PdfRenderPoolOptions {
  /** Workers (default 1). Each holds its own parsed fonts (about 10 MiB). */
  threads?: number;
  /** Each worker a process of its own instead of a thread (see `nice`). */
  processes?: boolean;
  /** The workers' nice value, 0 (as the caller) to 19 (lowest priority); default 10 (a thread's own, on Linux). */
  nice?: number;
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
  | { id: number; ok: true; bytes: ArrayBuffer | Uint8Array; sha256: string; contentHash: string; work?: RenderedDocument['work'] }
  | { id: number; ok: false; error: { name: string; message: string; stack?: string } };

interface Job {
  id: number;
  viewModel: DocumentViewModel;
  resolve: (doc: RenderedDocument) => void;
  reject: (error: Error) => void;
}

/** A thread or a process that renders, as the pool drives it. */
interface RenderWorker {
  post(request: WorkerRequest): void;
  /** Emits 'message' (a WorkerReply or { ready: true }), 'error' and 'exit', as threads and processes do. */
  events: EventEmitter;
  /** Whether an idle worker keeps the caller's process alive (never). */
  ref(): void;
  unref(): void;
  stop(): Promise<void>;
  /** The process id when a process. */
  readonly pid?: number;
}

interface Slot {
  worker: RenderWorker;
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
  private readonly processes: boolean;
  private readonly nice: number;
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
    this.processes = options.processes === true;
    this.nice = Math.min(19, Math.max(0, Math.floor(options.nice ?? 10)));
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

  /** The ids of the render processes (with `processes`), e.g. to check their priority. */
  get processIds(): number[] {
    return this.slots.flatMap((s) => (s.worker.pid === undefined ? [] : [s.worker.pid]));
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
    await Promise.all(this.slots.splice(0).map((s) => s.worker.stop()));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => !s.job);
      if (!slot && this.slots.length < this.threads) slot = this.spawn();
      if (!slot) return;
      const job = this.queue.shift()!;
      slot.job = job;
      slot.worker.ref();
      slot.worker.post({ id: job.id, viewModel: job.viewModel });
    }
  }

  private spawn(): Slot {
    const worker = this.processes ? startProcess(this.rendererOptions, this.maxHeapMiB, this.nice) : startThread(this.rendererOptions, this.maxHeapMiB, this.nice);
    let markReady!: () => void;
    const slot: Slot = { worker, ready: new Promise<void>((resolve) => (markReady = resolve)) };
    this.slots.push(slot);
    worker.events.on('message', (reply: WorkerReply | { ready: true }) => {
      if ('ready' in reply) {
        // Loading keeps the caller alive (start() may be all it awaits); an idle worker does not.
        if (!slot.job) worker.unref();
        return markReady();
      }
      const job = slot.job;
      if (!job || job.id !== reply.id) return;
      this.finish(slot);
      if (reply.ok) {
        // A thread transfers its ArrayBuffer; a process's arrives as a Uint8Array (structured clone).
        const bytes = reply.bytes instanceof ArrayBuffer ? Buffer.from(reply.bytes) : Buffer.from(reply.bytes.buffer, reply.bytes.byteOffset, reply.bytes.byteLength);
        job.resolve({ bytes, sha256: reply.sha256, contentHash: reply.contentHash, ...(reply.work && { work: reply.work }) });
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
    worker.events.on('error', fail);
    worker.events.on('exit', (code: number | null) => fail(new Error(`PDF render worker exited with code ${code}`)));
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

function startThread(renderer: PdfRendererOptions, maxHeapMiB: number, nice: number): RenderWorker {
  const workerData = { renderer, nice };
  const resourceLimits = { maxOldGenerationSizeMb: maxHeapMiB };
  let worker: Worker;
  if (!fromSource) {
    worker = new Worker(new URL('./pdf-render.worker.js', import.meta.url), { workerData, resourceLimits });
  } else {
    const { entry, loader } = fromSourceEntry('pdf-render.worker.ts');
    worker = new Worker(TS_BOOTSTRAP, { eval: true, resourceLimits, workerData: { ...workerData, entry, loader: loader.url, ...loader.data } });
  }
  return {
    post: (request) => worker.postMessage(request),
    events: worker,
    ref: () => worker.ref(),
    unref: () => worker.unref(),
    stop: async () => void (await worker.terminate()),
  };
}

function startProcess(renderer: PdfRendererOptions, maxHeapMiB: number, nice: number): RenderWorker {
  const execArgv = [`--max-old-space-size=${maxHeapMiB}`];
  let entry = fileURLToPath(new URL('./pdf-render.process.js', import.meta.url));
  if (fromSource) {
    const source = fromSourceEntry('pdf-render.process.ts');
    entry = fileURLToPath(source.entry);
    const register = `import { register } from 'node:module'; register(${JSON.stringify(source.loader.url)}, { data: ${JSON.stringify(source.loader.data)} });`;
    execArgv.push('--import', `data:text/javascript,${encodeURIComponent(register)}`);
  }
  const child: ChildProcess = fork(entry, [String(nice), JSON.stringify(renderer)], { execArgv, serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  // The channel stays referenced only while a document is being rendered.
  const channel = child.channel as { ref(): void; unref(): void } | undefined;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    pid: child.pid,
    post: (request) => child.send(request),
    events: child,
    ref: () => {
      child.ref();
      channel?.ref();
    },
    unref: () => {
      child.unref();
      channel?.unref();
    },
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      // Disconnecting ends it (see pdf-render.process.ts); a process that does not end is killed.
      if (child.connected) child.disconnect();
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** How a worker loads from the TypeScript sources: the entry's URL and the module hook. */
function fromSourceEntry(file: string): { entry: string; loader: { url: string; data: { root: string; swcUrl: string } } } {
  return {
    entry: pathToFileURL(path.join(path.dirname(here), file)).href,
    loader: {
      url: `data:text/javascript,${encodeURIComponent(TS_LOADER)}`,
      data: { root: findSwcrcRoot(path.dirname(here)), swcUrl: pathToFileURL(createRequire(import.meta.url).resolve('@swc/core')).href },
    },
  };
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
