// Medium: `npm run seed -- --synthetic N` on real PostgreSQL, then the application working on what it
// wrote: snapshots restore, hash chains verify, stage rows agree with the history and their deadlines
// with the service levels, and a real officer can act on a synthetic request.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { HistoryRepository, SyntheticDataRepository, type RequestEntity } from '@enlace/persistence';
import { STAGES } from '@enlace/turnaround';
import { COUNTRY_CODES, deadlineFor, missingForSubmit, restoreRequest, type CountryCode } from '@enlace/workflows';
import { bulkBounds, seedSynthetic } from '../../apps/api/src/cli/synthetic-seed.js';
import { buildRequestFields } from '../../templates/testing/request.factory.js';
import { USERS } from '../support/request-flow.js';
import { TestClock } from '../support/test-clock.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { withClient } from '../support/test-database.js';
import { addUser } from '../support/users.factory.js';

const NOW = new Date('2026-11-28T12:00:00.000Z');
// Enough that every stage has open requests and every pair some (the rarest, info_requested, about 9).
const COUNT = 6000;

describe('npm run seed -- --synthetic N', () => {
  let t: TestApp;
  let result: Awaited<ReturnType<typeof seedSynthetic>>;
  const lines: string[] = [];

  beforeAll(async () => {
    // Bulk statements run for longer than a request may: the seeder's own bounds (bulkBounds).
    t = await startTestApp({ clock: new TestClock(NOW), env: bulkBounds(COUNT) });
    result = await seedSynthetic(t.app, COUNT, NOW, (line) => lines.push(line));
  }, 180_000);

  it('says first what it will take, then where it stands: each step done, each history level and each index', () => {
    // The forecast (its words: synthetic-seed.spec), with this disk's free space: the test's PostgreSQL is on this machine.
    expect(lines[0]).toMatch(/^Seeding 6,000 synthetic requests: under a minute, .* while it runs, at the rate measured on 2 cores; [\d.,]+ GB free there\. /);
    const steps = lines.filter((l) => /^step \d of 9, .*: done in /.test(l)).map((l) => /^step (\d) of 9, ([^:]+):/.exec(l)!.slice(1).join(' '));
    expect(steps).toEqual([
      '1 setting the indexes aside',
      '2 planning the requests',
      '3 timing their steps',
      '4 writing the requests',
      '5 writing their history',
      '6 writing the stage visits',
      '7 counting the turnaround rollup',
      '8 rebuilding the indexes',
      '9 vacuum and analyze',
    ]);
    // Each level of the hash chains with its rows, adding up to the history written.
    const levels = lines.map((l) => /^ {2}level (\d+) of (\d+): ([\d,]+) rows in /.exec(l)).filter((m) => m !== null);
    expect(levels.map((m) => Number(m![1]))).toEqual(Array.from({ length: Number(levels[0]![2]) }, (_, i) => i + 1));
    expect(levels.reduce((sum, m) => sum + Number(m![3]!.replace(/,/g, '')), 0)).toBe(result.historyRows);
    expect(lines.filter((l) => /^ {2}index \d+ of \d+ \(\w+\) in /.test(l)).length).toBeGreaterThan(3);
  });

  it("reads the free space of its database's disk here, and refuses what that disk cannot hold before writing anything", async () => {
    const repository = t.app.get(SyntheticDataRepository);
    // The server's own data directory (its postmaster.pid names it and its start), and the disk's free bytes.
    const [{ dir }] = await t.sql<{ dir: string }>(`SELECT setting AS dir FROM pg_settings WHERE name = 'data_directory'`);
    expect(await repository.databaseDisk()).toEqual({ dir, freeBytes: expect.any(Number) });
    const [before] = await t.sql<{ n: number; users: number }>(`SELECT (SELECT count(*)::int FROM requests) AS n, (SELECT count(*)::int FROM users) AS users`);
    // A trillion requests: up to 14,000 TB while they are written, more than any disk holds (the words: synthetic-seed.spec).
    const said: string[] = [];
    await expect(seedSynthetic(t.app, 1e12, NOW, (line) => said.push(line))).rejects.toThrow(
      new RegExp(`^Not seeded: seeding 1,000,000,000,000 synthetic requests needs up to 14,000,000 GB on the database's disk while it runs \\(and 2 GB kept free\\), and [\\d.,]+ GB are free there \\(${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\): (about [\\d,]+|not even a thousand) fit\\. Nothing was written\\.$`),
    );
    expect(said).toEqual([expect.stringMatching(/^Seeding 1,000,000,000,000 synthetic requests: about [\d,]+ to [\d,]+ min, .*; [\d.,]+ GB free there\. /)]);
    const [after] = await t.sql<{ n: number; users: number }>(`SELECT (SELECT count(*)::int FROM requests) AS n, (SELECT count(*)::int FROM users) AS users`);
    expect(after).toEqual(before);
  });
  it("reads the disk of the database's own tablespace where it is in one (its files and its sort files are there)", async () => {
    const [{ dir }] = await t.sql<{ dir: string }>(`SELECT setting AS dir FROM pg_settings WHERE name = 'data_directory'`);
    // A tablespace made in place (PostgreSQL 15 on: a directory in pg_tblspc, named relative to the data directory;
    // no directory to hand the server's user), and a database in it.
    const name = `enlace_test_ts_${randomBytes(4).toString('hex')}`;
    const admin = process.env.DATABASE_URL!;
    let inTablespace: TestApp | undefined;
    try {
      await withClient(admin, async (c) => {
        await c.query('SET allow_in_place_tablespaces = true');
        await c.query(`CREATE TABLESPACE ${name} LOCATION ''`);
        await c.query(`CREATE DATABASE ${name} TABLESPACE ${name}`);
      });
      const url = new URL(admin);
      url.pathname = `/${name}`;
      inTablespace = await startTestApp({ env: { DATABASE_URL: url.toString() } });
      const [{ oid }] = await t.sql<{ oid: number }>(`SELECT oid::int AS oid FROM pg_tablespace WHERE spcname = $1`, [name]);
      expect(await inTablespace.app.get(SyntheticDataRepository).databaseDisk()).toEqual({ dir: join(dir, 'pg_tblspc', String(oid)), freeBytes: expect.any(Number) });
    } finally {
      await inTablespace?.close();
      await withClient(admin, async (c) => {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.query(`DROP TABLESPACE IF EXISTS ${name}`);
      });
    }
  });
  afterAll(() => t.close());

  it('writes N requests over two years, in every pair and every stage', async () => {
    const [counts] = await t.sql<{ requests: number; history: number; stages: number; first: Date; last: Date; pairs: number }>(
      `SELECT (SELECT count(*)::int FROM requests) AS requests, (SELECT count(*)::int FROM request_history) AS history,
              (SELECT count(*)::int FROM request_stages) AS stages, (SELECT min(created_at) FROM requests) AS first,
              (SELECT max(updated_at) FROM requests) AS last,
              (SELECT count(DISTINCT (requesting_country, requested_country))::int FROM requests) AS pairs`,
    );
    expect(result).toMatchObject({ requests: COUNT, historyRows: counts.history, stageRows: counts.stages });
    expect(counts).toMatchObject({ requests: COUNT, pairs: COUNTRY_CODES.length * (COUNTRY_CODES.length - 1) });
    expect(NOW.getTime() - counts.first.getTime()).toBeGreaterThan(700 * 86_400_000);
    expect(counts.last.getTime()).toBeLessThanOrEqual(NOW.getTime());
    const open = await t.sql<{ stage: string }>('SELECT DISTINCT stage FROM request_stages WHERE exited_at IS NULL');
    // Synthetic requests invoke UNTOC: they travel between central authorities, never through the
    // requested cancillería's stages of the diplomatic channel; no scenario returns one for correction
    // or postpones its execution or proposes conditions.
    const notSeeded = ['sent_to_requested_cancilleria', 'received_by_requested_cancilleria', 'returned_for_correction', 'postponed', 'conditions_proposed'];
    expect(new Set(open.map((r) => r.stage))).toEqual(new Set(STAGES.filter((s) => !notSeeded.includes(s))));
    const finals = await t.sql<{ state: string }>(`SELECT DISTINCT state FROM requests WHERE state IN ('closed', 'rejected', 'refused', 'withdrawn')`);
    expect(finals).toHaveLength(4);
    expect(result.overdueOpen).toBeGreaterThan(0);
  });

  it('leaves every history chain intact, as audit:verify checks it', async () => {
    expect(await t.app.get(HistoryRepository).verifyAll()).toEqual({ checked: result.historyRows, firstBreak: null });
  });

  it('writes snapshots the machine restores, in the state the row says, with complete fields', async () => {
    const rows = await t.sql<Pick<RequestEntity, 'state' | 'snapshot' | 'fields'> & { machineId: string; machineVersion: number; requestingCountry: CountryCode; requestedCountry: string }>(
      `SELECT state, snapshot, fields, machine_id AS "machineId", machine_version AS "machineVersion",
              requesting_country AS "requestingCountry", requested_country AS "requestedCountry" FROM requests`,
    );
    for (const row of rows) {
      const snapshot = restoreRequest(row);
      expect(snapshot.value).toBe(row.state);
      expect(snapshot.context.requestingCountry).toBe(row.requestingCountry);
      expect(missingForSubmit({ ...row.fields, requestedCountry: row.requestedCountry as CountryCode }, row)).toEqual([]);
    }
  });

  it('writes one visit per state entered, one open at most, and the deadlines the service levels give', async () => {
    const [mismatch] = await t.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM requests r
       WHERE (SELECT count(*) FROM request_history h WHERE h.request_id = r.id AND h.to_state = ANY($1))
          <> (SELECT count(*) FROM request_stages s WHERE s.request_id = r.id)
          OR r.state IS DISTINCT FROM COALESCE((SELECT s.stage FROM request_stages s WHERE s.request_id = r.id AND s.exited_at IS NULL), CASE WHEN r.state = ANY($1) THEN NULL ELSE r.state END)`,
      [STAGES],
    );
    expect(mismatch.n).toBe(0);
    const sample = await t.sql<{ stage: string; entered_at: Date; due_at: Date; requesting_country: CountryCode; requested_country: CountryCode; overdue_at: Date | null; exited_at: Date | null }>(
      `SELECT stage, entered_at, due_at, requesting_country, requested_country, overdue_at, exited_at FROM request_stages
       WHERE due_at IS NOT NULL ORDER BY random() LIMIT 300`,
    );
    for (const visit of sample) {
      const deadline = deadlineFor({ stage: visit.stage, enteredAt: visit.entered_at, requestingCountry: visit.requesting_country, requestedCountry: visit.requested_country });
      expect({ stage: visit.stage, entered: visit.entered_at, due: visit.due_at }).toEqual({ stage: visit.stage, entered: visit.entered_at, due: deadline!.dueAt });
      const late = visit.due_at.getTime() < (visit.exited_at ?? NOW).getTime();
      expect(visit.overdue_at).toEqual(late ? visit.due_at : null);
    }
  });

  it('is a data set the application works on: read, act, create, count', async () => {
    // Some request waits at some cancillería (which country's is chance): an officer of it acts on it.
    const [pending] = await t.sql<{ id: string; version: number; country: CountryCode }>(
      `SELECT id, version, requesting_country AS country FROM requests WHERE state = 'pending_authorization' ORDER BY reference LIMIT 1`,
    );
    const cancilleria = await t.login((await addUser(t, { role: 'cancilleria', country: pending.country })).email);
    await t.http().get(`/api/requests/${pending.id}`).set('Authorization', cancilleria).expect(200);
    const authorized = await t
      .http()
      .post(`/api/requests/${pending.id}/events`)
      .set('Authorization', cancilleria)
      .send({ type: 'AUTHORIZE', expectedVersion: pending.version });
    expect(authorized.status).toBe(200);
    const stages = await t.sql<{ stage: string; exited_by: string | null }>(
      'SELECT stage, exited_by FROM request_stages WHERE request_id = $1 ORDER BY entered_at DESC LIMIT 2',
      [pending.id],
    );
    expect(stages).toEqual([
      { stage: 'authorized', exited_by: null },
      { stage: 'pending_authorization', exited_by: 'AUTHORIZE' },
    ]);

    // References continue after the synthetic ones of the year.
    const created = await t.http().post('/api/requests').set('Authorization', await t.login(USERS.fiscalGT)).send(buildRequestFields());
    expect(created.status).toBe(201);

    const figures = await t.http().get('/api/analytics/turnaround').set('Authorization', await t.login(USERS.admin)).expect(200);
    const visits = figures.body.items.reduce((sum: number, i: { visits: number }) => sum + i.visits, 0);
    expect(visits).toBe(result.stageRows + 2);
  });
});
