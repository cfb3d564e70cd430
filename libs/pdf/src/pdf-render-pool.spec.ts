// Under Jest this module runs from its TypeScript sources, so the pool starts its worker threads
// through the @swc/core module hook (see pdf-render-pool.ts): these are real threads rendering
// real documents, the same code path as dist/ minus the compilation step.
import { readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import { buildViewModel } from '../../../templates/testing/request.factory.js';
import { PdfRenderPool } from './pdf-render-pool.js';
import { PdfRenderer } from './pdf-renderer.js';
import { renderDocument } from './render-document.js';

describe('PdfRenderPool', () => {
  const pools: PdfRenderPool[] = [];
  const pool = (options: ConstructorParameters<typeof PdfRenderPool>[0] = {}) => {
    const p = new PdfRenderPool(options);
    pools.push(p);
    return p;
  };
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.close()));
  });

  it('renders on a worker thread the same bytes as in-process', async () => {
    const vm = buildViewModel('transmission_note');
    const expected = await renderDocument(vm, new PdfRenderer());
    const threaded = await pool({ threads: 1 }).render(vm);
    expect(threaded.sha256).toBe(expected.sha256);
    expect(threaded.contentHash).toBe(expected.contentHash);
    expect(Buffer.isBuffer(threaded.bytes)).toBe(true);
    expect(threaded.bytes.equals(expected.bytes)).toBe(true);
  });

  it('spreads concurrent documents over its threads and answers each with its own document', async () => {
    const p = pool({ threads: 2 });
    await p.start();
    const kinds = ['authorization', 'acknowledgement', 'overdue_notice', 'transmission_note', 'authorization'] as const;
    const results = await Promise.all(kinds.map((kind, i) => p.render(buildViewModel(kind, { reference: `GT-MX-2026-00010${i}` }))));
    const expected = await Promise.all(kinds.map((kind, i) => renderDocument(buildViewModel(kind, { reference: `GT-MX-2026-00010${i}` }))));
    expect(results.map((r) => r.sha256)).toEqual(expected.map((r) => r.sha256));
    expect(p.pending).toBe(0);
  });

  it('renders in threads at a lower priority than the caller\'s own threads, and says what the render took', async () => {
    const before = os.getPriority();
    const p = pool({ threads: 1, nice: 13 });
    await p.start();
    const rendered = await p.render(buildViewModel('acknowledgement'));
    expect(rendered.work?.wallMs).toBeGreaterThan(0);
    // A thread's CPU is its process's: not told apart.
    expect(rendered.work?.cpuMs).toBeUndefined();
    expect(os.getPriority()).toBe(before);
    if (process.platform !== 'linux') return;
    // On Linux a nice value belongs to each thread (field 19 of /proc/<pid>/task/<tid>/stat).
    const niceOf = (tid: string) => {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
    };
    expect(readdirSync('/proc/self/task').map(niceOf)).toContain(Math.max(13, before));
  });

  it('fails the document, not the pool, when a view model cannot be rendered', async () => {
    const p = pool({ threads: 1 });
    await expect(p.render({ ...buildViewModel('authorization'), kind: 'nonsense' as never })).rejects.toThrow('Unknown document kind: nonsense');
    await expect(p.render(buildViewModel('acknowledgement'))).resolves.toHaveProperty('sha256');
  });

  it('renders in processes of their own, at a lower priority, the same bytes as in-process', async () => {
    const vm = buildViewModel('transmission_note');
    const expected = await renderDocument(vm, new PdfRenderer());
    const p = pool({ threads: 2, processes: true, nice: 12 });
    const rendered = await Promise.all([p.render(vm), p.render(buildViewModel('acknowledgement'))]);
    expect(rendered[0].bytes.equals(expected.bytes)).toBe(true);
    expect(rendered[0].sha256).toBe(expected.sha256);
    expect(rendered[0].work?.cpuMs).toBeGreaterThan(0);
    expect(rendered[1].sha256).toBe((await renderDocument(buildViewModel('acknowledgement'))).sha256);
    // The scheduler serves this process (the API's) first: each render process runs at nice 12
    // (or at this process's own value, if that is lower still: a process cannot raise its priority).
    expect(p.processIds).toHaveLength(2);
    for (const pid of p.processIds) expect(os.getPriority(pid)).toBe(Math.max(12, os.getPriority()));
    expect(p.processIds).not.toContain(process.pid);
  }, 120_000);

  it('fails the document of a render process that dies, and renders the next one in a new process', async () => {
    const p = pool({ threads: 1, processes: true });
    await p.start();
    const [first] = p.processIds;
    const lost = p.render(buildViewModel('standardized_form'));
    process.kill(first!, 'SIGKILL');
    await expect(lost).rejects.toThrow(/exited/);
    await expect(p.render(buildViewModel('acknowledgement'))).resolves.toHaveProperty('sha256');
    expect(p.processIds).toHaveLength(1);
    expect(p.processIds).not.toContain(first);
  }, 120_000);

  it('renders in the calling thread with inline: true', async () => {
    const vm = buildViewModel('acknowledgement');
    const inline = await pool({ inline: true }).render(vm);
    expect(inline.sha256).toBe((await renderDocument(vm)).sha256);
  });

  it('lets running documents finish on close, then refuses new ones', async () => {
    const p = new PdfRenderPool({ threads: 1 });
    await p.start();
    const running = expect(p.render(buildViewModel('acknowledgement'))).resolves.toHaveProperty('sha256');
    const queued = expect(p.render(buildViewModel('authorization'))).rejects.toThrow('closed');
    await p.close();
    await running;
    await queued;
    await expect(p.render(buildViewModel('acknowledgement'))).rejects.toThrow('closed');
  });
});
