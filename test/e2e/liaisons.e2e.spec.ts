// The directory of liaisons over HTTP: who may change it, a revoked or expired liaison refused at
// once (with the token they already hold), every change recorded in the hash-chained directory
// history and told to the person and to their counterparts on open shared requests.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Database, DirectoryHistoryRepository } from '@enlace/persistence';
import { LiaisonsService } from '@enlace/liaisons';
import { addDays, dateIn } from '@enlace/workflows';
import { verifyAuditChains } from '../../apps/api/src/cli/audit-chains.js';
import { USERS, createRequest, sendEvent } from '../support/request-flow.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { addUser, userId } from '../support/users.factory.js';

let t: TestApp;
const ids: Record<string, string> = {};
beforeAll(async () => {
  t = await startTestApp();
  for (const [key, email] of Object.entries(USERS)) ids[key] = await userId(t, email);
});
afterAll(() => t?.close());

const as = async (who: keyof typeof USERS | string) => t.login(who in USERS ? USERS[who as keyof typeof USERS] : who);
const futureDay = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const pastDay = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
/** A date counted from today in `country` (its offices' clock), as the directory compares end dates. */
const dayIn = (country: string, days: number) => addDays(dateIn(country, new Date()), days);

const authorize = async (by: string, user: string, validUntil = futureDay(365)) =>
  t.http().post(`/api/liaisons/${user}/authorize`).set('Authorization', await as(by)).send({ validUntil });
const revoke = async (by: string, user: string, reason = 'Trasladado a otra fiscalía.') =>
  t.http().post(`/api/liaisons/${user}/revoke`).set('Authorization', await as(by)).send({ reason });
const directory = async (by: string, query = '') =>
  (await t.http().get(`/api/liaisons${query}`).set('Authorization', await as(by)).expect(200)).body as { userId: string; status: string }[];
const notificationsOf = async (who: string) =>
  (await t.http().get('/api/notifications').set('Authorization', await as(who)).expect(200)).body as {
    kind: string;
    message: string;
    data: Record<string, unknown>;
  }[];
const historyRows = (user: string) => t.sql('SELECT event, from_status, to_status FROM directory_history WHERE user_id = $1 ORDER BY seq', [user]);

describe('GET /api/liaisons: the directory of focal points', () => {
  it('lists the nominated, authorized, revoked and expired fiscales, with the contract’s fields, to every signed-in user', async () => {
    for (const who of ['fiscalHN', 'autoridadMX', 'supervisorGT', 'admin', 'cancilleriaGT'] as const) {
      const entries = await directory(who);
      expect(entries.map((e) => e.userId)).toEqual(expect.arrayContaining([ids.fiscalGT, ids.fiscalMX, ids.fiscalUS]));
      expect(entries.map((e) => e.userId)).not.toContain(ids.fiscalHN); // never nominated: not a focal point
    }
    const [mx] = await directory('fiscalGT', '?country=MX');
    expect(mx).toEqual({
      userId: ids.fiscalMX,
      name: 'Jorge Ramírez Peña',
      email: 'fiscal.mx@demo.enlace',
      office: 'Unidad Especializada en Tráfico de Migrantes, Fiscalía General de la República',
      country: 'MX',
      status: 'authorized',
      validUntil: expect.stringMatching(/^\d{4}-12-31$/),
      changedAt: null,
    });
    await t.http().get('/api/liaisons').expect(401);
    const bad = await t.http().get('/api/liaisons?country=XX').set('Authorization', await as('fiscalGT'));
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe('validation_failed');
  });
});

describe('authorize and revoke: only the cancillería of the fiscal’s own country', () => {
  it('refuses a cancillería of another country, and every other role, with 403, writing nothing', async () => {
    const before = await t.sql('SELECT liaison_status, liaison_valid_until FROM users WHERE id = $1', [ids.fiscalGT]);
    for (const who of ['cancilleriaHN', 'fiscalGT', 'fiscalMX', 'supervisorGT', 'autoridadMX', 'admin'] as const) {
      const a = await authorize(who, ids.fiscalGT);
      const r = await revoke(who, ids.fiscalGT);
      expect([who, a.status, a.body.error, r.status, r.body.error]).toEqual([who, 403, 'forbidden', 403, 'forbidden']);
    }
    expect(await t.sql('SELECT liaison_status, liaison_valid_until FROM users WHERE id = $1', [ids.fiscalGT])).toEqual(before);
    expect(await historyRows(ids.fiscalGT)).toEqual([]);
  });

  it('answers 404 for an unknown user or one who is not a fiscal, 400 for a malformed id or body, 422 for a past date', async () => {
    expect((await authorize('cancilleriaGT', '00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await authorize('cancilleriaGT', ids.supervisorGT)).body).toMatchObject({ statusCode: 404, error: 'not_found' });
    expect((await revoke('cancilleriaGT', ids.cancilleriaGT)).status).toBe(404);
    expect((await authorize('cancilleriaGT', 'not-a-uuid')).status).toBe(400);
    expect((await authorize('cancilleriaGT', ids.fiscalGT, '31/12/2027')).body.error).toBe('validation_failed');
    const blank = await t.http().post(`/api/liaisons/${ids.fiscalGT}/revoke`).set('Authorization', await as('cancilleriaGT')).send({ reason: '  ' });
    expect(blank.body.error).toBe('validation_failed');
    const past = await authorize('cancilleriaGT', ids.fiscalGT, pastDay(1));
    expect(past.status).toBe(422);
    expect(past.body).toMatchObject({ error: 'rule_violation', violations: [{ field: 'validUntil', rule: 'must_be_future' }] });
    const today = await authorize('cancilleriaGT', ids.fiscalGT, dayIn('GT', 0));
    expect(today.status).toBe(422);
  });
});

describe('a revoked liaison is refused at once', () => {
  it('with the token it already holds, on create, share and edit; reinstated by a new authorization', async () => {
    const token = await as('fiscalGT');
    const flow = await createRequest(t);

    const revoked = await revoke('cancilleriaGT', ids.fiscalGT, 'Separada del cargo mientras dura una investigación disciplinaria.');
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ userId: ids.fiscalGT, status: 'revoked', validUntil: null });

    const create = await createRequest(t).catch((error: Error) => error.message);
    expect(create).toMatch(/^create: 403 .*liaison_not_authorized/);
    const share = await t.http().post(`/api/requests/${flow.id}/events`).set('Authorization', token).send({ type: 'SHARE_DRAFT', expectedVersion: flow.version });
    expect(share.status).toBe(403);
    expect(share.body.error).toBe('liaison_not_authorized');
    const edit = await t.http().patch(`/api/requests/${flow.id}`).set('Authorization', token).send({ expectedVersion: flow.version, title: 'x' });
    expect(edit.body.error).toBe('liaison_not_authorized');
    // Still in the directory, as revoked: the removal is itself the notice.
    expect((await directory('fiscalMX', '?status=revoked')).map((e) => e.userId)).toEqual([ids.fiscalGT]);
    expect((await revoke('cancilleriaGT', ids.fiscalGT)).body).toMatchObject({ statusCode: 409, error: 'invalid_transition' });

    const reinstated = await authorize('cancilleriaGT', ids.fiscalGT, futureDay(400));
    expect(reinstated.body).toMatchObject({ status: 'authorized', validUntil: futureDay(400) });
    expect((await sendEvent(t, flow, { type: 'SHARE_DRAFT', by: 'fiscalGT' })).status).toBe(200);
    expect(await historyRows(ids.fiscalGT)).toEqual([
      { event: 'REVOKE', from_status: 'authorized', to_status: 'revoked' },
      { event: 'AUTHORIZE', from_status: 'revoked', to_status: 'authorized' },
    ]);
  });
});

describe('an expired liaison is refused like a revoked one', () => {
  it('from the day after validUntil, and the sweep records the expiry once', async () => {
    const token = await as('fiscalUS');
    await t.sql('UPDATE users SET liaison_valid_until = $2 WHERE id = $1', [ids.fiscalUS, dayIn('US', -1)]);
    const refused = await t.http().post('/api/requests').set('Authorization', token).send({ requestedCountry: 'MX', title: 'x' });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toBe('liaison_not_authorized');
    expect((await directory('fiscalGT', '?country=US'))[0]).toMatchObject({ status: 'expired', validUntil: dayIn('US', -1) });
    expect((await directory('fiscalGT', '?status=expired')).map((e) => e.userId)).toEqual([ids.fiscalUS]);

    const liaisons = t.app.get(LiaisonsService);
    expect(await liaisons.recordExpirations()).toBe(1);
    expect(await liaisons.recordExpirations()).toBe(0);
    expect(await historyRows(ids.fiscalUS)).toEqual([{ event: 'EXPIRE', from_status: 'authorized', to_status: 'expired' }]);
    expect((await notificationsOf('fiscalUS'))[0]).toMatchObject({ kind: 'liaison.expired' });

    // The same cancillería renews it (here an invented US cancillería officer).
    const officer = await addUser(t, { role: 'cancilleria', country: 'US' });
    expect((await authorize(officer.email, ids.fiscalUS, futureDay(30))).body.status).toBe('authorized');
    expect((await t.http().post('/api/requests').set('Authorization', token).send({ requestedCountry: 'MX', title: 'x' })).status).toBe(201);
  });
});

describe('nomination, and a liaison newly authorized', () => {
  it('the admin or the fiscal’s own supervisor nominates; the cancillería authorizes; the fiscal may then draft', async () => {
    const candidates = await t.http().get('/api/liaisons/candidates').set('Authorization', await as('admin')).expect(200);
    expect(candidates.body.map((c: { userId: string }) => c.userId)).toContain(ids.fiscalHN);
    expect((await t.http().get('/api/liaisons/candidates').set('Authorization', await as('fiscalGT'))).status).toBe(403);
    const bySupervisor = await t.http().get('/api/liaisons/candidates').set('Authorization', await as('supervisorGT')).expect(200);
    expect(bySupervisor.body.every((c: { country: string }) => c.country === 'GT')).toBe(true);

    const nominate = async (by: string) => t.http().post(`/api/liaisons/${ids.fiscalHN}/nominate`).set('Authorization', await as(by)).send({});
    expect((await nominate('supervisorGT')).status).toBe(403);
    expect((await nominate('cancilleriaHN')).status).toBe(403);
    const nominated = await nominate('admin');
    expect(nominated.body).toMatchObject({ status: 'nominated', validUntil: null });
    expect((await nominate('admin')).body.error).toBe('invalid_transition');
    expect((await t.http().post('/api/requests').set('Authorization', await as('fiscalHN')).send({ requestedCountry: 'MX' })).body.error).toBe(
      'liaison_not_authorized',
    );

    expect((await authorize('cancilleriaHN', ids.fiscalHN, futureDay(180))).body).toMatchObject({ status: 'authorized' });
    expect((await t.http().post('/api/requests').set('Authorization', await as('fiscalHN')).send({ requestedCountry: 'MX' })).status).toBe(201);

    const history = await t.http().get(`/api/liaisons/${ids.fiscalHN}/history`).set('Authorization', await as('cancilleriaHN')).expect(200);
    expect(history.body.map((h: { event: string }) => h.event)).toEqual(['NOMINATE', 'AUTHORIZE']);
    expect(history.body[1]).toMatchObject({ from: 'nominated', to: 'authorized', validUntil: futureDay(180), actor: { id: ids.cancilleriaHN, role: 'cancilleria', country: 'HN' } });
    expect((await t.http().get(`/api/liaisons/${ids.fiscalHN}/history`).set('Authorization', await as('cancilleriaGT'))).status).toBe(403);
    expect((await t.http().get(`/api/liaisons/${ids.fiscalHN}/history`).set('Authorization', await as('fiscalHN'))).status).toBe(200);
  });
});

describe('notice to the counterparts who have open requests with the liaison', () => {
  it('tells the requested side’s liaisons of a requesting fiscal’s change, and the creators of drafts shared with a revoked liaison', async () => {
    const cancilleriaMX = await addUser(t, { role: 'cancilleria', country: 'MX' });
    const otherMX = await addUser(t, { role: 'fiscal', country: 'MX', liaisonStatus: 'authorized', liaisonValidUntil: futureDay(100) });
    const shared = await createRequest(t);
    await sendEvent(t, shared, { type: 'SHARE_DRAFT', by: 'fiscalGT' });
    const unshared = await createRequest(t); // nobody in MX knows of it: no notice may mention it
    const closed = await createRequest(t);
    await sendEvent(t, closed, { type: 'SHARE_DRAFT', by: 'fiscalGT' });
    await sendEvent(t, closed, { type: 'WITHDRAW', by: 'fiscalGT', comment: 'Sin objeto.' });

    const revoked = await revoke(cancilleriaMX.email, ids.fiscalMX, 'Fin de la designación.');
    expect(revoked.body.status).toBe('revoked');

    const toGT = (await notificationsOf('fiscalGT')).filter((n) => n.kind === 'liaison.revoked' && n.data.userId === ids.fiscalMX);
    expect(toGT).toHaveLength(1);
    expect(toGT[0].data).toMatchObject({ country: 'MX', from: 'authorized', to: 'revoked' });
    expect(toGT[0].data.references).toContain(shared.body.reference);
    // Only open, shared requests: not the draft Mexico never saw, not the withdrawn one.
    expect(toGT[0].data.references).not.toContain(unshared.body.reference);
    expect(toGT[0].data.references).not.toContain(closed.body.reference);
    expect(toGT[0].data).not.toHaveProperty('reason'); // the reason stays inside Mexico
    const own = (await notificationsOf('fiscal.mx@demo.enlace')).find((n) => n.kind === 'liaison.revoked')!;
    expect(own.data).toMatchObject({ reason: 'Fin de la designación.' });
    // A colleague on the same side, the requested central authority, a stranger: no notice.
    for (const who of [otherMX.email, USERS.autoridadMX, USERS.fiscalHN]) {
      expect((await notificationsOf(who)).filter((n) => n.kind === 'liaison.revoked')).toEqual([]);
    }

    // A change of the requesting fiscal reaches the requested side's authorized liaisons.
    await revoke('cancilleriaGT', ids.fiscalGT);
    const toOtherMX = (await notificationsOf(otherMX.email)).filter((n) => n.kind === 'liaison.revoked');
    expect(toOtherMX.map((n) => n.data.userId)).toEqual([ids.fiscalGT]);
    expect(toOtherMX[0].data.references).toContain(shared.body.reference);
    expect(toOtherMX[0].data.references).not.toContain(unshared.body.reference);
    await authorize('cancilleriaGT', ids.fiscalGT);
    await authorize(cancilleriaMX.email, ids.fiscalMX);
  });
});

/** `npm run audit:verify`, built into a directory of its own beside the project (so that node_modules resolves). */
async function runAuditCli(): Promise<{ code: number | null; output: string }> {
  const distDir = join(process.cwd(), '.enlace-test', `dist-directory-${process.pid}-${randomBytes(3).toString('hex')}`);
  const run = (command: string, args: string[], env: NodeJS.ProcessEnv = process.env) =>
    new Promise<{ code: number | null; output: string }>((resolve, reject) => {
      const child = spawn(command, args, { cwd: process.cwd(), env, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.on('data', (chunk) => (output += String(chunk)));
      child.stderr.on('data', (chunk) => (output += String(chunk)));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, output }));
    });
  try {
    const build = await run('npx', ['swc', 'apps', 'libs', 'workflows', 'templates', '-d', distDir, '--copy-files', '--quiet', '--ignore', '**/*.spec.ts']);
    if (build.code !== 0) throw new Error(`swc: ${build.output}`);
    return await run(process.execPath, [join(distDir, 'apps/api/src/cli/audit-verify.js')], {
      ...process.env,
      DATABASE_URL: t.config.databaseUrl,
      ENLACE_TOKEN_SECRET: randomBytes(24).toString('hex'),
      ENLACE_LOG_LEVEL: 'error',
    });
  } finally {
    await rm(distDir, { recursive: true, force: true });
  }
}

describe('the directory history', () => {
  it('is one hash chain that verifies, refuses edits, and names the first row edited by hand', async () => {
    const history = t.app.get(DirectoryHistoryRepository);
    const [{ total }] = await t.sql<{ total: number }>('SELECT count(*)::int AS total FROM directory_history');
    expect(total).toBeGreaterThan(5);
    expect(await history.verifyAll()).toEqual({ checked: total, firstBreak: null });
    expect(await history.verifyAll(2)).toEqual({ checked: total, firstBreak: null });

    await expect(t.sql(`UPDATE directory_history SET reason = 'x' WHERE seq = 1`)).rejects.toThrow(/append-only/);
    await expect(t.sql('DELETE FROM directory_history WHERE seq = 1')).rejects.toThrow(/append-only/);

    expect(await verifyAuditChains(t.app.get(Database))).toEqual({ code: 0, message: expect.stringMatching(/^audit:verify OK: .*directory history rows, chain intact$/) });

    const [row] = await t.sql<{ id: string; user_id: string; valid_until: string | null }>(
      'SELECT id, user_id, valid_until::text FROM directory_history WHERE seq = 3',
    );
    const byHand = async (sql: string, params: unknown[]) => {
      await t.sql('ALTER TABLE directory_history DISABLE TRIGGER directory_history_append_only');
      try {
        await t.sql(sql, params);
      } finally {
        await t.sql('ALTER TABLE directory_history ENABLE TRIGGER directory_history_append_only');
      }
    };
    await byHand(`UPDATE directory_history SET valid_until = '2099-12-31' WHERE id = $1`, [row.id]);
    expect((await history.verifyAll()).firstBreak).toEqual({ id: String(row.id), userId: row.user_id, seq: 3, problem: 'hash_mismatch' });
    expect(await verifyAuditChains(t.app.get(Database))).toEqual({
      code: 1,
      message: expect.stringContaining(`directory_history row id=${row.id} (user ${row.user_id}, seq 3) does not match: hash_mismatch`),
    });
    // The operator's command, compiled fresh from these sources, says the same and exits 1.
    const cli = await runAuditCli();
    expect(cli.code).toBe(1);
    expect(cli.output).toContain(`directory_history row id=${row.id}`);
    await byHand('UPDATE directory_history SET valid_until = $2::date WHERE id = $1', [row.id, row.valid_until]);
    expect((await history.verifyAll()).firstBreak).toBeNull();

    // A row removed: the next one is named.
    const [removed] = await t.sql<Record<string, unknown>>('SELECT * FROM directory_history WHERE seq = 2');
    const [next] = await t.sql<{ id: string; user_id: string }>('SELECT id, user_id FROM directory_history WHERE seq = 3');
    await byHand('DELETE FROM directory_history WHERE seq = 2', []);
    expect((await history.verifyAll()).firstBreak).toEqual({ id: String(next.id), userId: next.user_id, seq: 3, problem: 'seq_gap' });
    const columns = Object.keys(removed);
    await t.sql(
      `INSERT INTO directory_history (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`,
      columns.map((c) => removed[c]),
    );
    expect((await history.verifyAll()).firstBreak).toBeNull();
  }, 60_000);
});
