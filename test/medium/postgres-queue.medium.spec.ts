import { setTimeout as sleep } from 'node:timers/promises';
import {
  createPostgresBackendRetryingDeadlocks,
  createQueue,
  createWorker,
  type QueueHandle,
  type WorkerHandle,
} from '@enlace/queue';
import { createTestDatabase } from '../support/test-database.js';

/**
 * The embedded mode keeps its queues in PostgreSQL (BullMQ 6's PostgreSQL backend). A probe once saw
 * it report "deadlock detected" under load and stall, so it is pushed hard here: several workers
 * with concurrency, jobs added in bursts from several producers, some failing and retried.
 */
describe('BullMQ on the PostgreSQL backend under load', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  const queues: QueueHandle[] = [];
  const workers: WorkerHandle[] = [];
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.close()));
    await Promise.all(queues.map((q) => q.close()));
    await database.drop();
  });

  it('completes every job from 3 producers on 3 workers, failed attempts retried, with no error or deadlock', async () => {
    const backend = { kind: 'postgres' as const, url: database.url };
    const runs = new Map<string, number>();
    const completed = new Set<string>();
    const errors: string[] = [];
    const total = Number(process.env.ENLACE_QUEUE_LOAD_JOBS ?? 600);
    let done!: () => void;
    const allDone = new Promise<void>((resolve) => (done = resolve));
    for (let w = 0; w < 3; w++) {
      const worker = createWorker(
        backend,
        'load',
        async (job) => {
          const id = job.data.outboxId;
          const attempt = (runs.get(id) ?? 0) + 1;
          runs.set(id, attempt);
          // One job in ten fails its first attempt, as a renderer hiccup would.
          if (Number(id.split('-')[1]) % 10 === 0 && attempt === 1) throw new Error('transient');
          completed.add(id);
          if (completed.size === total) done();
        },
        { concurrency: 4, maxStalledCount: 5 },
      );
      worker.on('error', (error) => errors.push(error.message));
      workers.push(worker);
    }
    for (let p = 0; p < 3; p++) queues.push(createQueue(backend, 'load'));
    await Promise.all(
      queues.map(async (queue, p) => {
        for (let i = p; i < total; i += queues.length) {
          await queue.add('load', { outboxId: `job-${i}` }, { jobId: `job-${i}`, attempts: 3, backoff: { type: 'fixed', delay: 10 } });
          // Add each job twice: the second is the relay's sweep re-sending it, and must be a no-op.
          if (i % 7 === 0) await queue.add('load', { outboxId: `job-${i}` }, { jobId: `job-${i}` });
        }
      }),
    );
    await Promise.race([allDone, new Promise((_, reject) => setTimeout(() => reject(new Error(`only ${completed.size} of ${total} done`)), 120_000))]);
    expect(completed.size).toBe(total);
    // Every failed first attempt was retried. BullMQ delivers at least once, so a job may run again
    // (the handlers are idempotent for that reason); report how often, and require it to be rare.
    const retried = [...runs].filter(([id]) => Number(id.split('-')[1]) % 10 === 0);
    expect(retried.every(([, n]) => n >= 2)).toBe(true);
    const repeated = [...runs].filter(([id, n]) => Number(id.split('-')[1]) % 10 !== 0 && n > 1);
    if (repeated.length > 0) console.log(`delivered more than once: ${repeated.map(([id, n]) => `${id}x${n}`).join(' ')}`);
    expect(repeated.length).toBeLessThan(total / 100);
    expect(errors).toEqual([]);
  }, 150_000);

  it('runs a queue operation again when PostgreSQL aborts it as a deadlock, with nothing written twice', async () => {
    // The cycle BullMQ's workers met in CI, made certain: the operation locks row 2 and then wants
    // row 1, which another transaction holds while it comes for row 2. The operation waited first, so
    // PostgreSQL's deadlock check (deadlock_timeout, 1 s) finds the cycle on its side and aborts it;
    // the other transaction goes on. Without the retry the operation fails with "deadlock detected".
    const backend = createPostgresBackendRetryingDeadlocks('deadlock', { connection: { connectionString: database.url } });
    const pool = backend.connection.pool;
    await pool.query('CREATE TABLE public.counters (id int PRIMARY KEY, runs int NOT NULL); INSERT INTO public.counters VALUES (1, 0), (2, 0)');
    const rival = await pool.connect();
    try {
      await rival.query('BEGIN');
      await rival.query('UPDATE public.counters SET runs = runs + 1 WHERE id = 1');
      const operation = pool.query(
        `DO $$ BEGIN UPDATE public.counters SET runs = runs + 1 WHERE id = 2; PERFORM pg_sleep(0.2); UPDATE public.counters SET runs = runs + 1 WHERE id = 1; END $$`,
      );
      await sleep(500);
      await rival.query('UPDATE public.counters SET runs = runs + 1 WHERE id = 2');
      await rival.query('COMMIT');
      await operation;
    } finally {
      rival.release();
    }
    const { rows } = await pool.query('SELECT id, runs FROM public.counters ORDER BY id');
    expect(rows).toEqual([
      { id: 1, runs: 2 },
      { id: 2, runs: 2 },
    ]);
    await backend.close();
  }, 30_000);
});
