// The workflow runner on the real PostgreSQL: one change per version however many arrive at once,
// nothing written by a refused change, and a history whose hash chain exposes any edit by hand,
// both to HistoryRepository.verifyAll() and to the operator's CLI (`npm run audit:verify`).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ErrorCode } from '@enlace/core';
import { HistoryRepository, historyHash, type HistoryEntity } from '@enlace/persistence';
import { WorkflowRunner } from '@enlace/requests';
import type { WorkflowActor } from '@enlace/workflows';
import { HAPPY_PATH, USERS, advanceUntil, createRequest, sendEvent, type Flow } from '../support/request-flow.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

async function actorOf(email: string): Promise<WorkflowActor> {
  const [user] = await t.sql<{ id: string; role: WorkflowActor['role']; country: WorkflowActor['country'] }>(
    'SELECT id, role, country FROM users WHERE email = $1',
    [email],
  );
  return { ...user, authorizedLiaison: user.role === 'fiscal' };
}

/** The outbox rows of this request, by id (payloads are the job's business). */
const outboxRows = async (id: string): Promise<Map<string, string>> =>
  new Map((await t.sql<{ id: string; job: string }>('SELECT id::text AS id, job FROM outbox WHERE request_id = $1', [id])).map((r) => [r.id, r.job]));

/** The jobs of the rows written since `before` was taken, sorted. */
const jobsSince = async (id: string, before: Map<string, string>): Promise<string[]> =>
  [...(await outboxRows(id))].filter(([rowId]) => !before.has(rowId)).map(([, job]) => job).sort();

/**
 * The outbox jobs one accepted event writes (sorted), measured on a twin request that receives it
 * alone: the effects of a step may grow (documents, notices, deadline alarms), but twenty
 * concurrent attempts must still write exactly what one does.
 */
async function jobsOfOne(type: 'AUTHORIZE' | 'SHARE_DRAFT'): Promise<string[]> {
  const twin = await advanceUntil(t, await createRequest(t), type);
  const before = await outboxRows(twin.id);
  const step = HAPPY_PATH.find((s) => s.type === type)!;
  expect((await sendEvent(t, twin, step)).status).toBe(200);
  const jobs = await jobsSince(twin.id, before);
  // The step's document is among them, so the comparison is never of two empty lists.
  expect(jobs).toContain('render-document');
  return jobs;
}

/** How many documents of each kind the stored machine has counted for this request. */
const revisionsOf = async (id: string) =>
  (await t.sql<{ revisions: Record<string, number> }>(`SELECT snapshot->'context'->'documentRevisions' AS revisions FROM requests WHERE id = $1`, [id]))[0]
    .revisions;

/** Everything a change of this request could have written. */
async function footprint(id: string) {
  const [request] = await t.sql('SELECT state, version, snapshot, fields, shared_at, submitted_at, transmitted_at, updated_at FROM requests WHERE id = $1', [id]);
  const [{ history }] = await t.sql<{ history: number }>('SELECT count(*)::int AS history FROM request_history WHERE request_id = $1', [id]);
  const [{ outbox }] = await t.sql<{ outbox: number }>('SELECT count(*)::int AS outbox FROM outbox WHERE request_id = $1', [id]);
  return { request, history, outbox };
}

describe('concurrent events on the same version', () => {
  it('20 AUTHORIZE at once over HTTP: exactly one 200, nineteen 409 version_conflict, one history row, one AUTHORIZE’s outbox rows', async () => {
    const flow = await advanceUntil(t, await createRequest(t), 'AUTHORIZE');
    const before = await footprint(flow.id);
    const outboxBefore = await outboxRows(flow.id);
    const auth = await t.login(USERS.cancilleriaGT);

    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        t.http().post(`/api/requests/${flow.id}/events`).set('Authorization', auth).send({ type: 'AUTHORIZE', expectedVersion: flow.version }),
      ),
    );

    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([200, ...Array(19).fill(409)]);
    for (const conflict of responses.filter((r) => r.status === 409)) {
      expect(conflict.body).toMatchObject({ statusCode: 409, error: 'version_conflict' });
    }
    expect(responses.find((r) => r.status === 200)!.body).toMatchObject({ state: 'authorized', version: flow.version + 1 });

    const after = await footprint(flow.id);
    expect(after.request).toMatchObject({ state: 'authorized', version: flow.version + 1 });
    expect(after.history).toBe(before.history + 1);
    // Exactly one AUTHORIZE's worth of effects, as a lone AUTHORIZE on a twin request writes them.
    expect(await jobsSince(flow.id, outboxBefore)).toEqual(await jobsOfOne('AUTHORIZE'));
    expect(await revisionsOf(flow.id)).toMatchObject({ authorization: 1 });
  });

  it('20 SHARE_DRAFT at once through the runner: one lands, nineteen are version conflicts, one SHARE_DRAFT’s outbox rows', async () => {
    const flow = await createRequest(t);
    const runner = t.app.get(WorkflowRunner);
    const fiscal = await actorOf(USERS.fiscalGT);
    const before = await footprint(flow.id);
    const outboxBefore = await outboxRows(flow.id);

    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => runner.send(flow.id, fiscal, { type: 'SHARE_DRAFT', expectedVersion: flow.version })),
    );

    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const codes = results.flatMap((r) => (r.status === 'rejected' ? [(r.reason as { code?: string }).code] : []));
    expect(codes).toEqual(Array(19).fill(ErrorCode.VersionConflict));

    const after = await footprint(flow.id);
    expect(after.request).toMatchObject({ state: 'draft', version: flow.version + 1 });
    expect(after.history).toBe(before.history + 1);
    expect(await jobsSince(flow.id, outboxBefore)).toEqual(await jobsOfOne('SHARE_DRAFT'));
    // The machine's revision counter moved once: the next share is revision 2, not 21.
    expect(await revisionsOf(flow.id)).toEqual({ informal_draft: 1 });
    flow.version += 1;
    expect((await sendEvent(t, flow, { type: 'SHARE_DRAFT', by: 'fiscalGT' })).status).toBe(200);
    expect(await revisionsOf(flow.id)).toEqual({ informal_draft: 2 });
  });
});

describe('a refused change writes nothing', () => {
  let flow: Flow;
  beforeAll(async () => {
    // Complete but for the contact for execution, so that SUBMIT is refused with 422.
    flow = await createRequest(t, { contact: undefined });
    await advanceUntil(t, flow, 'SUBMIT');
  });

  const post = async (by: keyof typeof USERS, body: Record<string, unknown>) =>
    t.http().post(`/api/requests/${flow.id}/events`).set('Authorization', await t.login(USERS[by])).send(body);

  it.each([
    ['422 incomplete_request (SUBMIT without a contact)', 'fiscalGT', () => ({ type: 'SUBMIT', expectedVersion: flow.version }), 422, 'incomplete_request'],
    ['403 forbidden (the supervisor tries to WITHDRAW)', 'supervisorGT', () => ({ type: 'WITHDRAW', expectedVersion: flow.version, comment: 'x' }), 403, 'forbidden'],
    ['409 version_conflict (a stale version)', 'fiscalGT', () => ({ type: 'WITHDRAW', expectedVersion: flow.version - 1, comment: 'Desistimiento.' }), 409, 'version_conflict'],
    ['409 invalid_transition (CLOSE while standardized)', 'fiscalGT', () => ({ type: 'CLOSE', expectedVersion: flow.version }), 409, 'invalid_transition'],
    ['404 not_found (the central authority before transmission)', 'autoridadMX', () => ({ type: 'ACKNOWLEDGE', expectedVersion: flow.version }), 404, 'not_found'],
  ] as const)('%s', async (_name, by, body, status, error) => {
    const before = await footprint(flow.id);
    const response = await post(by, body());
    expect({ status: response.status, error: response.body.error }).toEqual({ status, error });
    expect(await footprint(flow.id)).toEqual(before);
  });

  it('a refused PATCH (stale version) writes nothing either', async () => {
    const before = await footprint(flow.id);
    const response = await t
      .http()
      .patch(`/api/requests/${flow.id}`)
      .set('Authorization', await t.login(USERS.fiscalGT))
      .send({ expectedVersion: flow.version - 1, title: 'Título cambiado' });
    expect(response.status).toBe(409);
    expect(await footprint(flow.id)).toEqual(before);
  });
});

// ---------------------------------------------------------------------------------------------
// The hash chain.

type Row = Omit<HistoryEntity, 'data'> & { data: Record<string, unknown> | null };

const historyRows = (requestId: string) =>
  t.sql<Row>(
    `SELECT id::text AS id, request_id AS "requestId", seq, event, from_state AS "fromState", to_state AS "toState",
            actor_id AS "actorId", actor_role AS "actorRole", actor_country AS "actorCountry", comment, data, at,
            prev_hash AS "prevHash", hash
     FROM request_history WHERE request_id = $1 ORDER BY seq`,
    [requestId],
  );

/** Edits a row the way an intruder with database access would: past the append-only trigger. */
async function byHand(statement: string, params: unknown[]): Promise<void> {
  await t.sql('ALTER TABLE request_history DISABLE TRIGGER request_history_append_only');
  try {
    await t.sql(statement, params);
  } finally {
    await t.sql('ALTER TABLE request_history ENABLE TRIGGER request_history_append_only');
  }
}

async function restore(row: Row): Promise<void> {
  await byHand(
    `UPDATE request_history SET event = $2, from_state = $3, to_state = $4, actor_id = $5, actor_role = $6, actor_country = $7,
       comment = $8, data = $9, at = $10, prev_hash = $11, hash = $12 WHERE id = $1`,
    [row.id, row.event, row.fromState, row.toState, row.actorId, row.actorRole, row.actorCountry, row.comment,
      row.data === null ? null : JSON.stringify(row.data), row.at, row.prevHash, row.hash],
  );
}

// Each edit changes what a reader of the history would believe: what was said, by whom, from where,
// when, what happened, and with what result.
const EDITS = [
  `comment = coalesce(comment, '') || ' (corregido)'`,
  `actor_country = CASE WHEN actor_country = 'HN' THEN 'GT' ELSE 'HN' END`,
  `at = at - interval '1 day'`,
  `data = '{"outcome": "partial"}'::jsonb`,
  `actor_role = CASE WHEN actor_role = 'supervisor' THEN 'fiscal' ELSE 'supervisor' END`,
  `actor_id = (SELECT id FROM users WHERE email = 'supervisor.gt@demo.enlace')`,
  `event = lower(event)`,
  `to_state = upper(to_state)`,
];

function runAuditCli(distDir: string, databaseUrl: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(distDir, 'apps/api/src/cli/audit-verify.js')], {
      cwd: process.cwd(),
      env: { ...process.env, DATABASE_URL: databaseUrl, ENLACE_TOKEN_SECRET: randomBytes(24).toString('hex'), ENLACE_LOG_LEVEL: 'error' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += String(chunk)));
    child.stderr.on('data', (chunk) => (output += String(chunk)));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

function build(outDir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      'npx',
      ['swc', 'apps', 'libs', 'workflows', 'templates', '-d', outDir, '--copy-files', '--quiet', '--ignore', '**/*.spec.ts'],
      { cwd: process.cwd(), stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let errors = '';
    child.stderr.on('data', (chunk) => (errors += String(chunk)));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`swc exited ${code}: ${errors}`))));
  });
}

describe('the hash-chained history', () => {
  let flow: Flow;
  let rows: Row[];
  let history: HistoryRepository;

  beforeAll(async () => {
    history = t.app.get(HistoryRepository);
    flow = await createRequest(t);
    // An edit in between, so that the chain holds an EDIT row as well as every event of the happy path.
    await advanceUntil(t, flow, 'STANDARDIZE');
    const edited = await t
      .http()
      .patch(`/api/requests/${flow.id}`)
      .set('Authorization', await t.login(USERS.fiscalGT))
      .send({ expectedVersion: flow.version, purpose: 'Propósito precisado tras el intercambio informal.' })
      .expect(200);
    flow.version = edited.body.version;
    for (const step of HAPPY_PATH.slice(1)) {
      const response = await sendEvent(t, flow, step);
      if (response.status !== 200) throw new Error(`${step.type}: ${response.status} ${JSON.stringify(response.body)}`);
    }
    rows = await historyRows(flow.id);
  });

  it('verifies after a full happy path', async () => {
    expect(rows.map((r) => r.event)).toEqual(['CREATE', 'SHARE_DRAFT', 'EDIT', ...HAPPY_PATH.slice(1).map((s) => s.type)]);
    const [{ total }] = await t.sql<{ total: number }>('SELECT count(*)::int AS total FROM request_history');
    expect(await history.verifyAll()).toEqual({ checked: total, firstBreak: null });
    // Reading in small pages walks across page boundaries and across requests the same way.
    expect(await history.verifyAll(3)).toEqual({ checked: total, firstBreak: null });
  });

  it('names the row when any history row is edited by hand, whichever column', async () => {
    const found: unknown[] = [];
    const expected: unknown[] = [];
    for (const [i, row] of rows.entries()) {
      const edit = EDITS[i % EDITS.length];
      await byHand(`UPDATE request_history SET ${edit} WHERE id = $1`, [row.id]);
      try {
        const { firstBreak } = await history.verifyAll();
        found.push({ seq: row.seq, edit, firstBreak });
        expected.push({ seq: row.seq, edit, firstBreak: { id: row.id, requestId: flow.id, seq: row.seq, problem: 'hash_mismatch' } });
      } finally {
        await restore(row);
      }
    }
    expect(found).toEqual(expected);
    expect((await history.verifyAll()).firstBreak).toBeNull();
  });

  it('catches a row rewritten with a recomputed hash at the next row, whose link no longer matches', async () => {
    const row = rows.find((r) => r.event === 'RECORD_EXECUTION')!;
    const next = rows.find((r) => r.seq === row.seq + 1)!;
    const forged = { ...row, at: new Date(row.at), data: { outcome: 'partial' } };
    await byHand('UPDATE request_history SET data = $2, hash = $3 WHERE id = $1', [row.id, JSON.stringify(forged.data), historyHash(forged)]);
    try {
      expect((await history.verifyAll()).firstBreak).toEqual({ id: next.id, requestId: flow.id, seq: next.seq, problem: 'prev_hash_mismatch' });
    } finally {
      await restore(row);
    }
  });

  it('catches a row removed from the middle of a chain', async () => {
    const removed = rows.find((r) => r.event === 'REQUEST_INFO')!;
    const next = rows.find((r) => r.seq === removed.seq + 1)!;
    await byHand('DELETE FROM request_history WHERE id = $1', [removed.id]);
    try {
      expect((await history.verifyAll()).firstBreak).toEqual({ id: next.id, requestId: flow.id, seq: next.seq, problem: 'seq_gap' });
    } finally {
      await t.sql(
        `INSERT INTO request_history (id, request_id, seq, event, from_state, to_state, actor_id, actor_role, actor_country, comment, data, at, prev_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
        [removed.id, removed.requestId, removed.seq, removed.event, removed.fromState, removed.toState, removed.actorId, removed.actorRole,
          removed.actorCountry, removed.comment, removed.data === null ? null : JSON.stringify(removed.data), removed.at, removed.prevHash, removed.hash],
      );
    }
    expect((await history.verifyAll()).firstBreak).toBeNull();
  });

  describe('npm run audit:verify (the compiled CLI)', () => {
    // Compiled fresh from the sources under test, beside the project so that node_modules resolves;
    // a dist/ left from an older build would check yesterday's code.
    const distDir = join(process.cwd(), '.enlace-test', `dist-${process.pid}-${randomBytes(3).toString('hex')}`);
    beforeAll(() => build(distDir), 120_000);
    afterAll(() => rm(distDir, { recursive: true, force: true }));

    it('exits 0 on an intact history, and 1 naming the row id after one is edited by hand', async () => {
      const url = t.config.databaseUrl!;
      const intact = await runAuditCli(distDir, url);
      expect(intact).toMatchObject({ code: 0 });
      expect(intact.output).toMatch(/audit:verify OK/);

      const row = rows.find((r) => r.event === 'AUTHORIZE')!;
      await byHand(`UPDATE request_history SET actor_country = 'HN' WHERE id = $1`, [row.id]);
      try {
        const broken = await runAuditCli(distDir, url);
        expect(broken.code).toBe(1);
        expect(broken.output).toContain(`id=${row.id}`);
        expect(broken.output).toContain(flow.id);
      } finally {
        await restore(row);
      }
      expect((await runAuditCli(distDir, url)).code).toBe(0);
    }, 60_000);

    it('exits 2 when it cannot reach the database', async () => {
      const unreachable = new URL(t.config.databaseUrl!);
      unreachable.pathname = `/enlace_missing_${randomBytes(4).toString('hex')}`;
      const result = await runAuditCli(distDir, unreachable.toString());
      expect(result.code).toBe(2);
      expect(result.output).toMatch(/could not run/);
    }, 60_000);
  });
});

describe('the append-only trigger', () => {
  it('refuses UPDATE and DELETE on request_history, and the rows stay as they were', async () => {
    const flow = await createRequest(t);
    const [before] = await historyRows(flow.id);
    await expect(t.sql(`UPDATE request_history SET comment = 'borrado' WHERE id = $1`, [before.id])).rejects.toThrow(
      /append-only \(UPDATE refused\)/,
    );
    await expect(t.sql('DELETE FROM request_history WHERE id = $1', [before.id])).rejects.toThrow(/append-only \(DELETE refused\)/);
    expect(await historyRows(flow.id)).toEqual([before]);
  });
});
