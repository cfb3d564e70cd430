// A liaison's authorization "until 31 March" holds through 31 March in the liaison's own country: the
// last evening in Guatemala (UTC is already 1 April from 18:00 there) is still a day of work.
import { USERS, createRequest, sendEvent } from '../support/request-flow.js';
import { TestClock } from '../support/test-clock.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { userId } from '../support/users.factory.js';

// Tuesday 31 March 2026, 18:30 in Guatemala and Mexico City (UTC-6).
const LAST_EVENING = '2026-04-01T00:30:00.000Z';
const clock = new TestClock(LAST_EVENING);
let t: TestApp;
const ids: Record<string, string> = {};
let sharedId = '';
beforeAll(async () => {
  // Tokens live through the day the clock is moved across (5½ hours).
  t = await startTestApp({ clock, env: { ENLACE_TOKEN_TTL_SECONDS: '86400' } });
  for (const key of ['fiscalGT', 'fiscalMX', 'cancilleriaGT'] as const) ids[key] = await userId(t, USERS[key]);
});
afterAll(() => t?.close());

const as = (who: keyof typeof USERS) => t.login(USERS[who]);
const createDraft = async (who: keyof typeof USERS) =>
  t.http().post('/api/requests').set('Authorization', await as(who)).send({ requestedCountry: 'MX', title: 'Último día' });

describe('the last day of a liaison authorization', () => {
  it('holds until midnight in the liaison’s country: drafting, a shared draft, and a renewal "until tomorrow" work in its last evening', async () => {
    await t.sql(`UPDATE users SET liaison_valid_until = '2026-03-31' WHERE id = ANY($1)`, [[ids.fiscalGT, ids.fiscalMX]]);

    expect((await createDraft('fiscalGT')).status).toBe(201);
    const shared = await createRequest(t, { title: 'Borrador compartido el último día' });
    expect((await sendEvent(t, shared, { type: 'SHARE_DRAFT', by: 'fiscalGT' })).status).toBe(200);
    const read = await t.http().get(`/api/requests/${shared.id}`).set('Authorization', await as('fiscalMX'));
    expect(read.status).toBe(200);
    sharedId = shared.id;
    const directory = await t.http().get('/api/liaisons?country=GT').set('Authorization', await as('fiscalMX'));
    expect(directory.body.find((e: { userId: string }) => e.userId === ids.fiscalGT)).toMatchObject({ status: 'authorized', validUntil: '2026-03-31' });

    // The cancillería renews "until 1 April", tomorrow in Guatemala (today in UTC).
    const renewed = await t.http().post(`/api/liaisons/${ids.fiscalGT}/authorize`).set('Authorization', await as('cancilleriaGT')).send({ validUntil: '2026-04-01' });
    expect({ status: renewed.status, body: renewed.body }).toMatchObject({ status: 200, body: { status: 'authorized', validUntil: '2026-04-01' } });
    // "Until 31 March" is today in Guatemala, not a future date: refused, nothing changed.
    const today = await t.http().post(`/api/liaisons/${ids.fiscalGT}/authorize`).set('Authorization', await as('cancilleriaGT')).send({ validUntil: '2026-03-31' });
    expect({ status: today.status, violations: today.body.violations }).toEqual({ status: 422, violations: [{ field: 'validUntil', rule: 'must_be_future' }] });
  });

  it('ends at midnight there: from 00:00 the next day the liaison is refused and the shared draft hidden', async () => {
    clock.set('2026-04-01T06:00:00.000Z'); // Wednesday 1 April, 00:00 in Guatemala and Mexico City
    const refused = await createDraft('fiscalMX');
    expect({ status: refused.status, error: refused.body.error }).toEqual({ status: 403, error: 'liaison_not_authorized' });
    const directory = await t.http().get('/api/liaisons?country=MX').set('Authorization', await as('fiscalGT'));
    expect(directory.body.find((e: { userId: string }) => e.userId === ids.fiscalMX)).toMatchObject({ status: 'expired', validUntil: '2026-03-31' });
    const hidden = await t.http().get(`/api/requests/${sharedId}`).set('Authorization', await as('fiscalMX'));
    expect(hidden.status).toBe(404);
    // The Guatemalan liaison renewed until 1 April still works that day.
    expect((await createDraft('fiscalGT')).status).toBe(201);
  });
});
