// One event's round trips to PostgreSQL, and what its answer is built from. A transition reads the
// request's history with its row lock, writes with RETURNING and builds its answer from what it wrote:
// its answer must still be what a read right after gives, and a change that waited for the lock while
// another committed must still extend the hash chain from that other's row.
import type pg from 'pg';
import { DataSource } from 'typeorm';
import { Database, HistoryRepository } from '@enlace/persistence';
import { WorkflowRunner } from '@enlace/requests';
import type { WorkflowActor } from '@enlace/workflows';
import { HAPPY_PATH, USERS, advanceUntil, createRequest, sendEvent } from '../support/request-flow.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

type Query = (...args: unknown[]) => unknown;

/** The SQL the application's pg clients send while `run` runs, one line each. */
async function statementsOf(run: () => Promise<unknown>): Promise<string[]> {
  const sent: string[] = [];
  // The client class of the application's pool (libs/persistence's bounded client).
  const Client = (t.app.get(DataSource).driver as unknown as { master: { options: { Client: typeof pg.Client } } }).master.options.Client;
  const original = Client.prototype.query as unknown as Query;
  (Client.prototype as unknown as { query: Query }).query = function (this: pg.Client, ...args: unknown[]) {
    const [first] = args;
    const text = typeof first === 'string' ? first : (first as { text?: string } | undefined)?.text;
    if (text) sent.push(text.replace(/\s+/g, ' ').trim());
    return original.apply(this, args);
  };
  try {
    await run();
  } finally {
    (Client.prototype as unknown as { query: Query }).query = original;
  }
  return sent;
}

/** What a statement does, in a few words: BEGIN, SELECT requests, INSERT documents... */
function gist(text: string): string {
  const verb = /^(START TRANSACTION|BEGIN|COMMIT|ROLLBACK|SELECT|UPDATE|INSERT INTO|DELETE FROM)/i.exec(text)?.[1]?.toUpperCase() ?? text.slice(0, 20);
  if (verb === 'START TRANSACTION') return 'BEGIN';
  const table =
    verb === 'SELECT' ? /\bFROM\s+"?(\w+)"?/i.exec(text)?.[1] : verb === 'UPDATE' ? /^UPDATE\s+"?(\w+)"?/i.exec(text)?.[1] : /^(?:INSERT INTO|DELETE FROM)\s+"?(\w+)"?/i.exec(text)?.[1];
  return table ? `${verb.split(' ')[0]} ${table}` : ['BEGIN', 'COMMIT', 'ROLLBACK'].includes(verb) ? verb : text.slice(0, 80);
}

describe('one event through the API', () => {
  it('SHARE_DRAFT (its draft PDF scheduled) sends 8 statements: the session, then lock with history, update, history row, document row, outbox rows in one insert', async () => {
    const flow = await createRequest(t);
    const auth = await t.login(USERS.fiscalGT);
    // Until the relay has handed the creation's outbox rows to the queue: its statements are not the event's.
    for (let i = 0; i < 100; i++) {
      const [{ waiting }] = await t.sql<{ waiting: number }>('SELECT count(*)::int AS waiting FROM outbox WHERE enqueued_at IS NULL');
      if (waiting === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    let status = 0;
    const sent = await statementsOf(async () => {
      const response = await t.http().post(`/api/requests/${flow.id}/events`).set('Authorization', auth).send({ type: 'SHARE_DRAFT', expectedVersion: flow.version });
      status = response.status;
    });
    expect(status).toBe(200);
    // What follows the commit runs apart from the answer (the relay, kicked, hands the outbox rows to the queue).
    const commit = sent.findIndex((text) => gist(text) === 'COMMIT');
    // 15 before the first cuts, 13 after 407670e (the last hash, the document and the request read
    // again, one outbox insert per row).
    expect(sent.slice(0, commit + 1).map(gist)).toEqual([
      'SELECT users',
      'BEGIN',
      'SELECT requests', // the row FOR UPDATE OF r with its creator's name, its history in subqueries
      'UPDATE requests',
      'INSERT request_history',
      'INSERT documents',
      'INSERT outbox',
      'COMMIT',
    ]);
    expect(sent[2]).toMatch(/FROM requests r JOIN users u .* FOR UPDATE OF r$/);
    // Both of the event's outbox rows (the PDF and the notice) in that one insert.
    const jobs = await t.sql<{ job: string }>('SELECT job FROM outbox WHERE request_id = $1 ORDER BY job', [flow.id]);
    expect(jobs.map((j) => j.job)).toEqual(['notify-parties', 'render-document']);
  });

  it('answers each step of the happy path and an edit with what a read right after gives, stages included', async () => {
    const flow = await createRequest(t);
    const edited = await t
      .http()
      .patch(`/api/requests/${flow.id}`)
      .set('Authorization', await t.login(USERS.fiscalGT))
      .send({ expectedVersion: flow.version, title: 'Lavado de activos, cuentas del Banco Norte' });
    expect(edited.status).toBe(200);
    const readAfterEdit = await t.http().get(`/api/requests/${flow.id}`).set('Authorization', await t.login(USERS.fiscalGT));
    expect(edited.body).toEqual(readAfterEdit.body);
    flow.version = edited.body.version;
    for (const step of HAPPY_PATH) {
      const answer = await sendEvent(t, flow, step);
      expect([step.type, answer.status]).toEqual([step.type, 200]);
      const read = await t.http().get(`/api/requests/${flow.id}`).set('Authorization', await t.login(USERS[step.by]));
      expect([step.type, answer.body]).toEqual([step.type, read.body]);
    }
    expect((flow.body.stages as { state: string }[]).map((s) => s.state)).toContain('closed');
  });
});

describe('a change that waited for the lock while another committed', () => {
  it('links its history row to the other change’s row (the lock’s subqueries saw the statement’s start): the chain verifies', async () => {
    const flow = await advanceUntil(t, await createRequest(t), 'SHARE_DRAFT');
    const runner = t.app.get(WorkflowRunner);
    const db = t.app.get(Database);
    const [user] = await t.sql<{ id: string; role: WorkflowActor['role']; country: WorkflowActor['country'] }>('SELECT id, role, country FROM users WHERE email = $1', [
      USERS.fiscalGT,
    ]);
    const fiscal: WorkflowActor = { ...user!, authorizedLiaison: true };
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const lockTaken = new Promise<void>((resolve) => (locked = resolve));
    // The first change holds the row until released.
    const first = db.transaction(async (tx) => {
      const change = await runner.sendIn(tx, flow.id, fiscal, { type: 'SHARE_DRAFT', expectedVersion: flow.version });
      locked();
      await held;
      return change;
    });
    await lockTaken;
    // The second names the version the first will leave (a client that guessed it), and waits for the lock.
    const second = db.transaction((tx) => runner.sendIn(tx, flow.id, fiscal, { type: 'STANDARDIZE', expectedVersion: flow.version + 1 }));
    // Until the second waits for the row's lock.
    for (let i = 0; i < 200; i++) {
      const [{ waiting }] = await t.sql<{ waiting: number }>(
        `SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'SELECT r.id%'`,
      );
      if (waiting > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    let results!: [Awaited<typeof first>, Awaited<typeof second>];
    const sent = await statementsOf(async () => {
      release();
      results = await Promise.all([first, second]);
    });
    const [one, two] = results;
    // The second saw the row changed since its statement began, and read the history again, once.
    expect(sent.filter((s) => s.startsWith(`SELECT (SELECT json_build_object('seq'`))).toHaveLength(1);
    expect([one.to, two.from, two.to, two.version]).toEqual(['draft', 'draft', 'standardized', flow.version + 2]);
    expect(two.stateChanges.map((c) => c.toState)).toEqual(['draft', 'standardized']);
    const rows = await t.sql<{ seq: number; event: string }>('SELECT seq, event FROM request_history WHERE request_id = $1 ORDER BY seq', [flow.id]);
    expect(rows.map((r) => `${r.seq}:${r.event}`)).toEqual(['1:CREATE', '2:SHARE_DRAFT', '3:STANDARDIZE']);
    expect((await t.app.get(HistoryRepository).verifyAll()).firstBreak).toBeNull();
  });
});
