// Who looked: a scripted walk over one request (reads through the API and the pages, a PDF
// downloaded, refused attempts by people who may not see it or may not act, sign-ins that fail and
// succeed), then the requesting country's supervisor reads "who has seen this case", the admin
// exports the period, and an edited row is named by audit:verify.
import { spawnSync } from 'node:child_process';
import { Database } from '@enlace/persistence';
import { verifyAuditChains } from '../../apps/api/src/cli/audit-chains.js';
import { formBrowser } from '../support/page-session.js';
import { USERS, advanceUntil, createRequest, documentsWhenSettled, type Flow } from '../support/request-flow.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { addUser, userId } from '../support/users.factory.js';

let t: TestApp;
let flow: Flow;
const ids: Record<string, string> = {};
const today = new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  t = await startTestApp({ consume: true });
  for (const [key, email] of Object.entries(USERS)) ids[key] = await userId(t, email);
  flow = await advanceUntil(t, await createRequest(t), 'SUBMIT'); // shared with MX, standardized: an informal draft
});
afterAll(() => t?.close());

const as = async (who: keyof typeof USERS) => t.login(USERS[who]);
const get = async (who: keyof typeof USERS, path: string) => t.http().get(path).set('Authorization', await as(who));

describe('the access log', () => {
  it('holds every read and refusal of a scripted walk, and the requesting supervisor reads who has seen the case', async () => {
    const [draft] = (await documentsWhenSettled(t, flow.id, 'fiscalGT')).filter((d) => d.kind === 'informal_draft');
    for (const who of ['fiscalGT', 'fiscalMX', 'fiscalHN', 'autoridadMX', 'cancilleriaGT', 'autoridadUS', 'supervisorGT'] as const) await as(who);
    const [{ start }] = await t.sql<{ start: number }>('SELECT coalesce(max(seq), 0)::int AS start FROM access_log');
    const walk: [keyof typeof USERS, string, number][] = [
      ['fiscalGT', `/api/requests/${flow.id}`, 200],
      ['fiscalMX', `/api/requests/${flow.id}`, 200],
      ['fiscalMX', `/api/requests/${flow.id}/history`, 200],
      ['fiscalMX', `/api/requests/${flow.id}/messages`, 200],
      ['fiscalMX', `/api/requests/${flow.id}/documents`, 200],
      ['fiscalMX', `/api/documents/${draft.id}`, 200],
      ['fiscalHN', `/api/requests/${flow.id}`, 404],
      ['autoridadMX', `/api/requests/${flow.id}/history`, 404],
      ['cancilleriaGT', `/api/requests/${flow.id}`, 404],
      ['autoridadUS', `/api/documents/${draft.id}`, 404],
    ];
    for (const [who, path, status] of walk) expect([who, path, (await get(who, path)).status]).toEqual([who, path, status]);
    const refusedEvent = await t.http().post(`/api/requests/${flow.id}/events`).set('Authorization', await as('fiscalMX')).send({ type: 'SUBMIT', expectedVersion: flow.version });
    expect(refusedEvent.status).toBe(403);
    // The pages record the same reads.
    const browser = formBrowser(t);
    await browser.signIn(USERS.fiscalGT);
    await browser.open(`/desk/requests/${flow.id}`);

    const log = await get('supervisorGT', `/api/requests/${flow.id}/access-log`);
    expect(log.status).toBe(200);
    const walked = (log.body as { seq: number }[]).filter((l) => l.seq > start);
    const lines = (walked as unknown as { actor: { id: string; name: string; role: string; country: string }; action: string; outcome: string; status: number; documentId: string | null; at: string }[]).map(
      (l) => [Object.keys(ids).find((k) => ids[k] === l.actor.id), l.actor.role, l.actor.country, l.action, l.outcome, l.status],
    );
    expect(lines).toEqual([
      ['fiscalGT', 'fiscal', 'GT', 'request.read', 'allowed', 200],
      ['fiscalMX', 'fiscal', 'MX', 'request.read', 'allowed', 200],
      ['fiscalMX', 'fiscal', 'MX', 'request.history', 'allowed', 200],
      ['fiscalMX', 'fiscal', 'MX', 'request.messages', 'allowed', 200],
      ['fiscalMX', 'fiscal', 'MX', 'request.documents', 'allowed', 200],
      ['fiscalMX', 'fiscal', 'MX', 'document.download', 'allowed', 200],
      ['fiscalHN', 'fiscal', 'HN', 'request.read', 'refused', 404],
      ['autoridadMX', 'central_authority', 'MX', 'request.history', 'refused', 404],
      ['cancilleriaGT', 'cancilleria', 'GT', 'request.read', 'refused', 404],
      ['autoridadUS', 'central_authority', 'US', 'document.download', 'refused', 404],
      ['fiscalMX', 'fiscal', 'MX', 'request.event', 'refused', 403],
      ['fiscalGT', 'fiscal', 'GT', 'request.read', 'allowed', 200],
    ]);
    const first = walked as unknown as { actor: { name: string }; documentId: string | null; at: string }[];
    expect(first[1].actor.name).toBe('Jorge Ramírez Peña');
    expect(first[5].documentId).toBe(draft.id);
    expect(Date.parse(first[0].at)).toBeLessThanOrEqual(Date.now());

    // Reading the log is itself recorded, and it is the requesting country's supervisor's alone.
    expect((await get('supervisorGT', `/api/requests/${flow.id}/access-log`)).body.at(-1)).toMatchObject({ action: 'request.access_log', outcome: 'allowed' });
    const supervisorMX = await addUser(t, { role: 'supervisor', country: 'MX' });
    const refused = {
      fiscalGT: (await get('fiscalGT', `/api/requests/${flow.id}/access-log`)).status,
      admin: (await get('admin', `/api/requests/${flow.id}/access-log`)).status,
      supervisorMX: (await t.http().get(`/api/requests/${flow.id}/access-log`).set('Authorization', await t.login(supervisorMX.email))).status,
      badId: (await get('supervisorGT', '/api/requests/not-a-uuid/access-log')).status,
    };
    expect(refused).toEqual({ fiscalGT: 403, admin: 403, supervisorMX: 404, badId: 400 });
  });

  it('records sign-ins that succeed and fail (nobody named for an e-mail no account has), and the admin exports the period', async () => {
    await as('admin');
    await t.http().post('/api/auth/login').send({ email: USERS.fiscalUS, password: 'wrong' }).expect(401);
    await t.http().post('/api/auth/login').send({ email: 'nadie@demo.enlace', password: 'wrong' }).expect(401);
    await t.http().post('/api/auth/login').send({ email: USERS.fiscalUS, password: 'enlace-demo' }).expect(200);

    const exported = await get('admin', `/api/access-log?from=${today}&to=${today}`);
    expect(exported.status).toBe(200);
    const signIns = (exported.body as { action: string; actorId: string | null; outcome: string; status: number; address: string }[]).filter((r) => r.action === 'sign_in').slice(-3);
    expect(signIns.map((r) => [r.actorId, r.outcome, r.status])).toEqual([
      [ids.fiscalUS, 'refused', 401],
      [null, 'refused', 401],
      [ids.fiscalUS, 'allowed', 200],
    ]);
    expect(signIns[0].address).toMatch(/127\.0\.0\.1/);
    expect(exported.body.some((r: { requestId: string; action: string }) => r.requestId === flow.id && r.action === 'document.download')).toBe(true);
    const seqs = exported.body.map((r: { seq: number }) => r.seq);
    expect(seqs).toEqual([...seqs].sort((a: number, b: number) => a - b));

    const csv = await t.http().get(`/api/access-log?from=${today}&to=${today}`).set('Authorization', await as('admin')).set('Accept', 'text/csv');
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.text.split('\r\n')[0]).toBe('seq,at,actorId,actorRole,actorCountry,action,requestId,documentId,outcome,status,address,prevHash,hash');
    expect(csv.text.split('\r\n').length).toBe(exported.body.length + 2);

    expect((await get('supervisorGT', `/api/access-log?from=${today}&to=${today}`)).status).toBe(403);
    const bad = await get('admin', `/api/access-log?from=${today}&to=2020-01-01`);
    expect([bad.status, bad.body.fields]).toEqual([400, [{ field: 'to', rule: 'not_before_from' }]]);
    expect((await get('admin', '/api/access-log?from=yesterday&to=2026-13-01')).status).toBe(400);
    expect((await get('admin', `/api/access-log?from=2000-01-01&to=2000-01-31`)).body).toEqual([]);
  });

  it('keeps one unbroken chain when many reads arrive at once (written together, each answered after its row)', async () => {
    const [{ before }] = await t.sql<{ before: number }>('SELECT count(*)::int AS before FROM access_log WHERE request_id = $1', [flow.id]);
    const auth = await as('fiscalMX');
    const answers = await Promise.all(Array.from({ length: 40 }, () => t.http().get(`/api/requests/${flow.id}`).set('Authorization', auth)));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    const [{ after }] = await t.sql<{ after: number }>('SELECT count(*)::int AS after FROM access_log WHERE request_id = $1', [flow.id]);
    expect(after - before).toBe(40);
    expect((await verifyAuditChains(t.app.get(Database))).code).toBe(0);
  });

  it('answers a download whose line cannot be written 503 in its own format, never a PDF label over an error, and nothing is sent', async () => {
    const [draft] = (await documentsWhenSettled(t, flow.id, 'fiscalGT')).filter((d) => d.kind === 'informal_draft');
    const browser = formBrowser(t);
    await browser.signIn(USERS.fiscalGT);
    // The access log's write times out, as under a database that stops answering in the middle of the read.
    await t.sql(`CREATE FUNCTION access_log_times_out() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'canceling statement due to statement timeout' USING ERRCODE = 'query_canceled'; END $$`);
    await t.sql('CREATE TRIGGER access_log_times_out BEFORE INSERT ON access_log FOR EACH ROW EXECUTE FUNCTION access_log_times_out()');
    try {
      const api = await get('fiscalGT', `/api/documents/${draft.id}`);
      expect([api.status, api.headers['content-type'], api.headers['content-disposition'], api.body.error, api.headers['retry-after']]).toEqual([
        503,
        'application/json; charset=utf-8',
        undefined,
        'unavailable',
        '5',
      ]);
      const page = await browser.open(`/desk/documents/${draft.id}`, 503);
      expect([page.headers['content-type'], page.headers['content-disposition']]).toEqual(['text/html; charset=utf-8', undefined]);
      expect(page.text).not.toContain('%PDF');
    } finally {
      await t.sql('DROP TRIGGER access_log_times_out ON access_log');
      await t.sql('DROP FUNCTION access_log_times_out()');
    }
    const again = await get('fiscalGT', `/api/documents/${draft.id}`);
    expect([again.status, again.headers['content-type']]).toEqual([200, 'application/pdf']);
  });

  it('is append-only and one hash chain: audit:verify (the function and the compiled command) names a row edited by hand', async () => {
    await expect(t.sql(`UPDATE access_log SET status = 200 WHERE seq = 1`)).rejects.toThrow(/append-only/);
    await expect(t.sql('DELETE FROM access_log WHERE seq = 1')).rejects.toThrow(/append-only/);
    expect(await verifyAuditChains(t.app.get(Database))).toEqual({ code: 0, message: expect.stringMatching(/access log rows, chain intact/) });

    // Someone hides a refused attempt: the 404 of fiscal.hn becomes a 200.
    const [row] = await t.sql<{ id: string; seq: number }>(
      `SELECT id, seq::int AS seq FROM access_log WHERE actor_id = $1 AND status = 404 ORDER BY seq LIMIT 1`,
      [ids.fiscalHN],
    );
    await t.sql('ALTER TABLE access_log DISABLE TRIGGER access_log_append_only');
    try {
      await t.sql(`UPDATE access_log SET status = 200, outcome = 'allowed' WHERE id = $1`, [row.id]);
    } finally {
      await t.sql('ALTER TABLE access_log ENABLE TRIGGER access_log_append_only');
    }
    const named = `access_log row id=${row.id} (seq ${row.seq}) does not match: hash_mismatch`;
    expect(await verifyAuditChains(t.app.get(Database))).toEqual({ code: 1, message: expect.stringContaining(named) });
    const cli = spawnSync(process.execPath, ['dist/apps/api/src/cli/audit-verify.js'], {
      env: { ...process.env, DATABASE_URL: t.config.databaseUrl, ENLACE_TOKEN_SECRET: t.config.tokenSecret, ENLACE_LOG_LEVEL: 'error' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(cli.status).toBe(1);
    expect(cli.stderr).toContain(named);
  });
});
