// What a render worker does with one request, in a thread (pdf-render.worker.ts) or a process of its
// own (pdf-render.process.ts): render with the worker's renderer, reply with the bytes or the error.
import { readdirSync, readlinkSync } from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import type { WorkerReply, WorkerRequest } from './pdf-render-pool.js';
import type { PdfRenderer } from './pdf-renderer.js';
import { renderDocument } from './render-document.js';

/** `ownProcess`: the renderer has its process to itself, so the process's CPU time is the render's. */
export async function serveRender(renderer: PdfRenderer, request: WorkerRequest, ownProcess = false): Promise<{ reply: WorkerReply; transfer: ArrayBuffer[] }> {
  try {
    const started = performance.now();
    const cpu = ownProcess ? process.cpuUsage() : undefined;
    const { bytes, sha256, contentHash } = await renderDocument(request.viewModel, renderer);
    const used = cpu && process.cpuUsage(cpu);
    const work = { wallMs: performance.now() - started, ...(used && { cpuMs: (used.user + used.system) / 1000 }) };
    // A buffer of its own, so it can be transferred (not copied) to the main thread.
    const owned =
      bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
        ? (bytes.buffer as ArrayBuffer)
        : (bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    return { reply: { id: request.id, ok: true, bytes: owned, sha256, contentHash, work }, transfer: [owned] };
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    return { reply: { id: request.id, ok: false, error: { name: e.name, message: e.message, stack: e.stack } }, transfer: [] };
  }
}

/**
 * Lowers the calling process's scheduling priority to `nice` (0 normal, 19 lowest), every thread of
 * it: on Linux the nice value belongs to each thread, and V8 and libuv started theirs before this
 * runs, so each is set through its id in /proc/self/task. Elsewhere, the process's. Raising one's
 * own nice value needs no privilege.
 */
export function lowerOwnPriority(nice: number): void {
  let threads: string[] = [];
  try {
    threads = readdirSync('/proc/self/task');
  } catch {
    // Not Linux: the process's priority is all there is.
  }
  if (threads.length === 0) return os.setPriority(nice);
  for (const tid of threads) {
    try {
      os.setPriority(Number(tid), nice);
    } catch {
      // A thread that ended meanwhile.
    }
  }
}

/**
 * Lowers the calling thread's scheduling priority to `nice` (a render thread of the worker process):
 * on Linux a nice value belongs to each thread, and /proc/thread-self names the caller's. Elsewhere
 * the thread keeps its priority.
 */
export function lowerThreadPriority(nice: number): void {
  if (nice <= 0) return;
  try {
    os.setPriority(Number(readlinkSync('/proc/thread-self').split('/').pop()), nice);
  } catch {
    // Not Linux.
  }
}
