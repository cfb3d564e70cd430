// Medium: the real runner, stage clocks, alarm handler and sweeper on real PostgreSQL (and Redis when
// the run has it), with only the clock under the test's control. A worker is the platform's queue
// consumers in one Nest context; "restarting" it is closing that context and opening another one on
// the same database and queues.
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Test, type TestingModule } from '@nestjs/testing';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { toPrincipal, type Principal } from '@enlace/auth';
import { loadConfig, type AppConfig } from '@enlace/config';
import { Clock } from '@enlace/core';
import { DemoDirectory } from '@enlace/directory';
import { OutboxRelay, OutboxWorker } from '@enlace/outbox';
import { UsersRepository } from '@enlace/persistence';
import { platformImports } from '@enlace/platform';
import { JobName, QueueName } from '@enlace/queue';
import { RequestsModule, RequestsService } from '@enlace/requests';
import { DeadlineSweeper, OverdueService } from '@enlace/turnaround';
import { buildRequestFields } from '../../templates/testing/request.factory.js';
import { redisAvailable } from '../support/services.js';
import { DAY_MS, HOUR_MS, TestClock } from '../support/test-clock.js';
import { createTestDatabase, withClient } from '../support/test-database.js';

// Monday 2 March 2026, 15:00 UTC: five Guatemalan working days later is Monday 9 March, 15:00.
const SUBMITTED_AT = '2026-03-02T15:00:00.000Z';
const DUE_AT = '2026-03-09T15:00:00.000Z';

describe('a deadline that passes with the request still in pending_authorization', () => {
  const clock = new TestClock(SUBMITTED_AT);
  let database: { url: string; drop(): Promise<void> };
  let config: AppConfig;
  let documentsDir: string;
  let worker: TestingModule;
  let users: Record<'fiscalGT' | 'cancilleriaGT', Principal>;

  const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) =>
    withClient(database.url, async (c) => (await c.query(text, params)).rows as T[]);

  /** The queue consumers with the API's services, as `npm start` runs them in one process. */
  async function startWorker(): Promise<TestingModule> {
    const moduleRef = await Test.createTestingModule({ imports: [...platformImports(config, { consume: true }), RequestsModule] })
      .overrideProvider(Clock)
      .useValue(clock)
      .compile();
    moduleRef.useLogger(false);
    await moduleRef.init();
    return moduleRef;
  }

  async function submittedRequest(): Promise<{ id: string; version: number }> {
    const requests = worker.get(RequestsService);
    // Not urgent: the service level alone sets the deadline.
    const submitAt = clock.now();
    clock.set(new Date(submitAt.getTime() - 2 * HOUR_MS));
    let request = await requests.create(users.fiscalGT, { ...buildRequestFields({ urgency: { urgent: false } }), requestedCountry: 'MX' });
    clock.set(new Date(submitAt.getTime() - HOUR_MS));
    request = await requests.send(users.fiscalGT, request.id, { type: 'STANDARDIZE', expectedVersion: request.version });
    clock.set(submitAt);
    return requests.send(users.fiscalGT, request.id, { type: 'SUBMIT', expectedVersion: request.version });
  }

  /** BullMQ handing the delayed alarm job to the worker (what happens at the due time). */
  const deliverAlarm = (visitId: string) => worker.get(OutboxWorker).process({ name: JobName.DeadlineAlarm, data: { outboxId: visitId } });

  const overdueWrites = async (requestId: string) => ({
    notifications: await sql<{ user_id: string; message: string; data: Record<string, unknown> }>(
      `SELECT user_id, message, data FROM notifications WHERE request_id = $1 AND kind = 'request.overdue' ORDER BY user_id`,
      [requestId],
    ),
    documents: await sql<{ id: string; revision: number; source: { overdue: unknown; state: string } }>(
      `SELECT id, revision, source FROM documents WHERE request_id = $1 AND kind = 'overdue_notice'`,
      [requestId],
    ),
    renderJobs: (await sql(`SELECT o.id FROM outbox o JOIN documents d ON o.payload->>'documentId' = d.id::text
                            WHERE d.request_id = $1 AND d.kind = 'overdue_notice'`, [requestId])).length,
  });

  const pendingVisit = async (requestId: string) =>
    (
      await sql<{ id: string; due_at: Date; overdue_at: Date | null; exited_at: Date | null; office: string; responsible_country: string }>(
        `SELECT id, due_at, overdue_at, exited_at, office, responsible_country FROM request_stages
         WHERE request_id = $1 AND stage = 'pending_authorization' ORDER BY entered_at DESC LIMIT 1`,
        [requestId],
      )
    )[0];

  beforeAll(async () => {
    database = await createTestDatabase();
    documentsDir = mkdtempSync(join(tmpdir(), 'enlace-documents-'));
    config = loadConfig({
      DATABASE_URL: database.url,
      ENLACE_TOKEN_SECRET: randomBytes(32).toString('hex'),
      ENLACE_LOG_LEVEL: 'silent',
      ENLACE_QUEUE_PREFIX: `test-${randomBytes(4).toString('hex')}`,
      ENLACE_DOCUMENTS_DIR: documentsDir,
      ENLACE_SEAL_DIR: join(tmpdir(), 'enlace-test-seal'),
      ...(redisAvailable() ? { REDIS_URL: process.env.REDIS_URL! } : {}),
    });
    worker = await startWorker();
    await worker.get(DemoDirectory).seed('enlace-demo', clock.now());
    const principal = async (email: string) => toPrincipal((await worker.get(UsersRepository).findByEmail(email))!, clock.now());
    users = { fiscalGT: await principal('fiscal.gt@demo.enlace'), cancilleriaGT: await principal('cancilleria.gt@demo.enlace') };
  });

  afterAll(async () => {
    await worker?.close();
    await database?.drop();
    rmSync(documentsDir, { recursive: true, force: true });
  });

  it('records the stage clock, the deadline and its delayed alarm in the transaction of SUBMIT', async () => {
    clock.set(SUBMITTED_AT);
    const request = await submittedRequest();
    const stages = await sql<{ stage: string; entered_by: string; exited_by: string | null; due_at: Date | null }>(
      'SELECT stage, entered_by, exited_by, due_at FROM request_stages WHERE request_id = $1 ORDER BY entered_at, visit, stage',
      [request.id],
    );
    expect(stages.map((s) => [s.stage, s.entered_by, s.exited_by])).toEqual([
      ['draft', 'CREATE', 'STANDARDIZE'],
      ['standardized', 'STANDARDIZE', 'SUBMIT'],
      ['pending_authorization', 'SUBMIT', null],
    ]);
    const visit = await pendingVisit(request.id);
    expect(visit).toMatchObject({ due_at: new Date(DUE_AT), office: 'cancilleria', responsible_country: 'GT', overdue_at: null });

    // The alarm is the outbox row named after the deadline, handed to the queue with its delay.
    await worker.get(OutboxRelay).drain();
    const [alarm] = await sql<{ job: string; run_at: Date; dispatched_at: Date | null }>('SELECT job, run_at, dispatched_at FROM outbox WHERE id = $1', [
      visit.id,
    ]);
    expect(alarm).toMatchObject({ job: JobName.DeadlineAlarm, run_at: new Date(DUE_AT) });
    expect(alarm.dispatched_at).not.toBeNull();
    if (redisAvailable()) {
      const connection = new Redis(process.env.REDIS_URL!, { maxRetriesPerRequest: null });
      const queue = new Queue(QueueName.Deadlines, { connection, prefix: config.queuePrefix });
      const job = await queue.getJob(visit.id);
      expect(await job?.isDelayed()).toBe(true);
      expect(job?.opts.delay).toBe(Date.parse(DUE_AT) - Date.parse(SUBMITTED_AT));
      await queue.close();
      connection.disconnect();
    }
    // Leaving the stage (here by withdrawal) ends the visit and disarms the alarm.
    await worker.get(RequestsService).send(users.fiscalGT, request.id, { type: 'WITHDRAW', expectedVersion: request.version, comment: 'Caso archivado.' });
    expect(await pendingVisit(request.id)).toMatchObject({ exited_at: clock.now() });
  });

  it('marks the request overdue once, notifies the cancillería and the fiscal once, and schedules one overdue_notice', async () => {
    clock.set(SUBMITTED_AT);
    const request = await submittedRequest();
    const visit = await pendingVisit(request.id);

    // Still in time: an early alarm fails (BullMQ retries it; the sweep is the backstop) and the sweep does nothing.
    clock.set(new Date(Date.parse(DUE_AT) - HOUR_MS));
    await expect(deliverAlarm(visit.id)).rejects.toThrow(/not due/);
    await worker.get(DeadlineSweeper).sweep();
    expect((await pendingVisit(request.id)).overdue_at).toBeNull();

    // Three days late, the alarm fires (on time it would have been 0 days; the clock is moved on purpose).
    clock.set(new Date(Date.parse(DUE_AT) + 3 * DAY_MS));
    await deliverAlarm(visit.id);
    expect((await pendingVisit(request.id)).overdue_at).toEqual(clock.now());
    const written = await overdueWrites(request.id);
    expect(written.notifications.map((n) => n.user_id).sort()).toEqual([users.cancilleriaGT.id, users.fiscalGT.id].sort());
    expect(written.notifications[0].data).toMatchObject({ stage: 'pending_authorization', dueAt: DUE_AT, daysLate: 3, office: 'cancilleria' });
    expect(written.documents).toHaveLength(1);
    expect(written.documents[0].source).toMatchObject({
      state: 'pending_authorization',
      overdue: { stage: 'pending_authorization', dueAt: DUE_AT, daysLate: 3 },
    });
    expect(written.renderJobs).toBe(1);

    // The same job delivered again, the sweep, a direct call: nothing more.
    await deliverAlarm(visit.id);
    await worker.get(DeadlineSweeper).sweep();
    expect(await worker.get(OverdueService).fire(visit.id)).toBe('already_overdue');
    expect(await overdueWrites(request.id)).toEqual(written);

    // A restarted worker re-arms and sweeps at start, and fires nothing again.
    await worker.close();
    worker = await startWorker();
    expect(await worker.get(DeadlineSweeper).catchUp()).toMatchObject({ computed: 0, armed: 0 });
    await deliverAlarm(visit.id);
    expect(await overdueWrites(request.id)).toEqual(written);
  });

  it('produces no notice when the request leaves the stage in time', async () => {
    clock.set(SUBMITTED_AT);
    const request = await submittedRequest();
    const visit = await pendingVisit(request.id);
    clock.set(new Date(Date.parse(SUBMITTED_AT) + DAY_MS));
    await worker.get(RequestsService).send(users.cancilleriaGT, request.id, {
      type: 'RETURN',
      expectedVersion: request.version,
      comment: 'Precise el periodo de los registros bancarios.',
    });
    const [alarm] = await sql<{ done_at: Date | null }>('SELECT done_at FROM outbox WHERE id = $1', [visit.id]);
    expect(alarm.done_at).toEqual(clock.now());

    clock.set(new Date(Date.parse(DUE_AT) + 10 * DAY_MS));
    await deliverAlarm(visit.id);
    await worker.get(DeadlineSweeper).sweep();
    expect(await worker.get(OverdueService).fire(visit.id)).toBe('left_stage');
    expect(await overdueWrites(request.id)).toEqual({ notifications: [], documents: [], renderJobs: 0 });
  });

  it("counts from Guatemala's day when submitted after 18:00 there, and names the day due on its clock", async () => {
    // Friday 6 March 2026, 18:30 in Guatemala (Saturday 00:30 UTC): due Friday 13 March at 18:30 there,
    // not Sunday 15 March (counted from UTC's Saturday).
    clock.set('2026-03-07T00:30:00.000Z');
    const request = await submittedRequest();
    const visit = await pendingVisit(request.id);
    expect(visit).toMatchObject({ due_at: new Date('2026-03-14T00:30:00.000Z'), responsible_country: 'GT', office: 'cancilleria' });
    const [alarm] = await sql<{ run_at: Date }>('SELECT run_at FROM outbox WHERE id = $1', [visit.id]);
    expect(alarm.run_at).toEqual(visit.due_at);

    // Saturday 14 March, 03:00 in Guatemala: overdue since Friday 13 there (Saturday 14 in UTC).
    clock.set('2026-03-14T09:00:00.000Z');
    await deliverAlarm(visit.id);
    const { notifications } = await overdueWrites(request.id);
    expect(notifications).toHaveLength(2);
    for (const n of notifications) expect(n.message).toMatch(/: pending_authorization overdue since 2026-03-13 \(1 day\(s\) late\)$/);
  });

  it('fires a deadline whose alarm was lost, from the sweep, and re-arms a missing alarm at start', async () => {
    clock.set(SUBMITTED_AT);
    const lost = await submittedRequest();
    const lostVisit = await pendingVisit(lost.id);
    clock.set(new Date(Date.parse(SUBMITTED_AT) + 4 * DAY_MS));
    const waiting = await submittedRequest();
    const waitingVisit = await pendingVisit(waiting.id);
    // A seeder or a migration wrote the deadline without an alarm.
    await sql('DELETE FROM outbox WHERE id = $1', [waitingVisit.id]);

    clock.set(new Date(Date.parse(DUE_AT) + HOUR_MS));
    await worker.close();
    worker = await startWorker();
    expect((await pendingVisit(lost.id)).overdue_at).toEqual(clock.now());
    expect((await overdueWrites(lost.id)).documents).toHaveLength(1);
    const [rearmed] = await sql<{ run_at: Date; done_at: Date | null }>('SELECT run_at, done_at FROM outbox WHERE id = $1', [waitingVisit.id]);
    expect(rearmed).toEqual({ run_at: waitingVisit.due_at, done_at: null });
    expect((await pendingVisit(waiting.id)).overdue_at).toBeNull();
    expect(lostVisit.id).not.toBe(waitingVisit.id);
  });
});
