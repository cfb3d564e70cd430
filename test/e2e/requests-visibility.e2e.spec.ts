// Who sees which request, through every read route: the list (with its filters and pages), the
// request itself, and its history. The contract: the creating fiscal always; the requested country's
// liaison fiscals once the draft was shared (read only); the requesting cancillería from SUBMIT on;
// the requesting central authority from AUTHORIZE on; the requested cancillería from a diplomatic
// TRANSMIT on; the requested central authority once the request reached it (TRANSMIT between central
// authorities, FORWARD on the diplomatic channel); a supervisor its country's requests; admin none.
import { DIPLOMATIC_TRANSMISSION, HAPPY_PATH, USERS, advanceUntil, createRequest, sendEvent, type Flow } from '../support/request-flow.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

type User = keyof typeof USERS;
const EVERYONE = Object.keys(USERS) as User[];

let t: TestApp;
const as = (user: User) => t.login(USERS[user]);

// The requests of this file, each left at a telling point of its life.
let gtMxDraft: Flow; // GT -> MX, never shared
let gtMxShared: Flow; // GT -> MX, shared, still a draft
let gtMxSubmitted: Flow; // GT -> MX, pending_authorization
let gtMxTransmitted: Flow; // GT -> MX, transmitted
let gtUsShared: Flow; // GT -> US, shared
let mxGtDraft: Flow; // MX -> GT by fiscal.mx, never shared

type Name = 'gtMxDraft' | 'gtMxShared' | 'gtMxSubmitted' | 'gtMxTransmitted' | 'gtUsShared' | 'mxGtDraft';
const flows = (): Record<Name, Flow> => ({ gtMxDraft, gtMxShared, gtMxSubmitted, gtMxTransmitted, gtUsShared, mxGtDraft });

const SEES: Record<User, Name[]> = {
  fiscalGT: ['gtMxDraft', 'gtMxShared', 'gtMxSubmitted', 'gtMxTransmitted', 'gtUsShared'],
  fiscalMX: ['gtMxShared', 'gtMxSubmitted', 'gtMxTransmitted', 'mxGtDraft'],
  fiscalUS: ['gtUsShared'],
  fiscalHN: [],
  cancilleriaGT: ['gtMxSubmitted', 'gtMxTransmitted'],
  cancilleriaHN: [],
  // gtMxTransmitted's route runs between central authorities: Mexico's cancillería never sees it.
  cancilleriaMX: [],
  autoridadGT: ['gtMxTransmitted'],
  autoridadMX: ['gtMxTransmitted'],
  autoridadUS: [],
  supervisorGT: ['gtMxDraft', 'gtMxShared', 'gtMxSubmitted', 'gtMxTransmitted', 'gtUsShared'],
  admin: [],
};

beforeAll(async () => {
  t = await startTestApp();
  gtMxDraft = await createRequest(t);
  gtMxShared = await advanceUntil(t, await createRequest(t), 'STANDARDIZE');
  gtMxSubmitted = await advanceUntil(t, await createRequest(t), 'AUTHORIZE');
  gtMxTransmitted = await advanceUntil(t, await createRequest(t), 'ACKNOWLEDGE');
  gtUsShared = await createRequest(t, { requestedCountry: 'US', language: 'en' });
  await sendEvent(t, gtUsShared, { type: 'SHARE_DRAFT', by: 'fiscalGT' });
  mxGtDraft = await createRequest(t, { requestedCountry: 'GT' }, 'fiscalMX');
});
afterAll(() => t?.close());

const nameOf = (id: string): string => (Object.entries(flows()).find(([, f]) => f.id === id)?.[0] ?? id);

describe('GET /api/requests', () => {
  it('lists, for each user, exactly the requests the contract lets them see', async () => {
    const actual: Record<string, unknown> = {};
    const expected: Record<string, unknown> = {};
    for (const user of EVERYONE) {
      const response = await t.http().get('/api/requests?pageSize=100').set('Authorization', await as(user)).expect(200);
      actual[user] = { names: response.body.items.map((r: { id: string }) => nameOf(r.id)).sort(), total: response.body.total };
      expected[user] = { names: [...SEES[user]].sort(), total: SEES[user].length };
    }
    expect(actual).toEqual(expected);
  });

  it('shows the counterpart liaison a shared draft read-only, and the supervisor everything read-only', async () => {
    for (const [user, name] of [
      ['fiscalMX', 'gtMxShared'],
      ['fiscalMX', 'gtMxSubmitted'],
      ['fiscalUS', 'gtUsShared'],
      ['supervisorGT', 'gtMxDraft'],
      ['supervisorGT', 'gtMxTransmitted'],
    ] as const) {
      const response = await t.http().get(`/api/requests/${flows()[name].id}`).set('Authorization', await as(user)).expect(200);
      expect({ user, name, availableEvents: response.body.availableEvents, title: typeof response.body.title }).toEqual({
        user,
        name,
        availableEvents: [],
        title: 'string',
      });
    }
    // While the drafter herself may still act on the same request.
    const own = await t.http().get(`/api/requests/${gtMxShared.id}`).set('Authorization', await as('fiscalGT')).expect(200);
    expect(own.body.availableEvents).toEqual(['SHARE_DRAFT', 'STANDARDIZE', 'WITHDRAW']);
  });

  it('filters by state and by requested country within what the user may see', async () => {
    const names = async (user: User, query: string) => {
      const response = await t.http().get(`/api/requests?${query}`).set('Authorization', await as(user)).expect(200);
      expect(response.body.total).toBe(response.body.items.length);
      return response.body.items.map((r: { id: string; state: string }) => nameOf(r.id)).sort();
    };
    expect(await names('fiscalGT', 'state=draft')).toEqual(['gtMxDraft', 'gtMxShared', 'gtUsShared']);
    expect(await names('fiscalGT', 'requestedCountry=US')).toEqual(['gtUsShared']);
    expect(await names('fiscalGT', 'state=transmitted&requestedCountry=MX')).toEqual(['gtMxTransmitted']);
    expect(await names('fiscalGT', 'state=transmitted&requestedCountry=US')).toEqual([]);
    expect(await names('supervisorGT', 'state=pending_authorization')).toEqual(['gtMxSubmitted']);
    expect(await names('fiscalMX', 'requestedCountry=GT')).toEqual(['mxGtDraft']);
    // A filter never widens what a user sees.
    expect(await names('autoridadMX', 'state=draft')).toEqual([]);
    expect(await names('cancilleriaGT', 'state=draft')).toEqual([]);
    expect(await names('admin', 'requestedCountry=MX')).toEqual([]);
  });

  it('pages with page and pageSize, newest first, the total counting every page', async () => {
    const auth = await as('fiscalGT');
    const pages = [];
    for (const page of [1, 2, 3, 4]) {
      const response = await t.http().get(`/api/requests?page=${page}&pageSize=2`).set('Authorization', auth).expect(200);
      expect({ page: response.body.page, pageSize: response.body.pageSize, total: response.body.total }).toEqual({ page, pageSize: 2, total: 5 });
      pages.push(response.body.items as { id: string; createdAt: string }[]);
    }
    expect(pages.map((items) => items.length)).toEqual([2, 2, 1, 0]);
    const all = pages.flat();
    expect(new Set(all.map((r) => r.id)).size).toBe(5);
    expect(all.map((r) => nameOf(r.id)).sort()).toEqual([...SEES.fiscalGT].sort());
    const times = all.map((r) => Date.parse(r.createdAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(nameOf(all[0].id)).toBe('gtUsShared');

    const defaults = await t.http().get('/api/requests').set('Authorization', auth).expect(200);
    expect({ page: defaults.body.page, pageSize: defaults.body.pageSize }).toEqual({ page: 1, pageSize: 20 });
  });
});

describe('GET /api/requests/:id and /history', () => {
  it('answer 200 exactly for the requests in the user’s list, and 404 for every other', async () => {
    const actual: Record<string, Record<string, [number, number]>> = {};
    const expected: Record<string, Record<string, [number, number]>> = {};
    for (const user of EVERYONE) {
      const auth = await as(user);
      actual[user] = {};
      expected[user] = {};
      for (const [name, flow] of Object.entries(flows()) as [Name, Flow][]) {
        const one = await t.http().get(`/api/requests/${flow.id}`).set('Authorization', auth);
        const history = await t.http().get(`/api/requests/${flow.id}/history`).set('Authorization', auth);
        actual[user][name] = [one.status, history.status];
        expected[user][name] = SEES[user].includes(name) ? [200, 200] : [404, 404];
        if (one.status === 404) expect(one.body).toMatchObject({ statusCode: 404, error: 'not_found' });
      }
    }
    expect(actual).toEqual(expected);
  });

  it('a 404 tells nothing: the same body for a hidden request as for one that does not exist', async () => {
    const auth = await as('autoridadMX');
    const hidden = await t.http().get(`/api/requests/${gtMxSubmitted.id}`).set('Authorization', auth).expect(404);
    const missing = await t.http().get('/api/requests/7c9e6679-7425-40de-944b-e07fc1f90ae7').set('Authorization', auth).expect(404);
    expect(hidden.body).toEqual(missing.body);
  });

  it('the history a party sees is the whole history, oldest first', async () => {
    for (const user of ['fiscalGT', 'fiscalMX', 'cancilleriaGT', 'autoridadGT', 'autoridadMX', 'supervisorGT'] as const) {
      const response = await t.http().get(`/api/requests/${gtMxTransmitted.id}/history`).set('Authorization', await as(user)).expect(200);
      expect({ user, events: response.body.map((h: { event: string }) => h.event) }).toEqual({
        user,
        events: ['CREATE', 'SHARE_DRAFT', 'STANDARDIZE', 'SUBMIT', 'AUTHORIZE', 'TRANSMIT'],
      });
    }
  });
});

describe('visibility follows the request through its life', () => {
  it('the counterpart from SHARE_DRAFT, the cancillería from SUBMIT, the central authority from TRANSMIT, on every read route', async () => {
    const flow = await createRequest(t);
    const WATCHERS = ['fiscalMX', 'cancilleriaGT', 'autoridadGT', 'cancilleriaMX', 'autoridadMX', 'fiscalUS', 'cancilleriaHN', 'autoridadUS', 'admin'] as const;
    const seen = async () => {
      const row: Record<string, string> = {};
      for (const user of WATCHERS) {
        const auth = await as(user);
        const one = await t.http().get(`/api/requests/${flow.id}`).set('Authorization', auth);
        const history = await t.http().get(`/api/requests/${flow.id}/history`).set('Authorization', auth);
        const list = await t.http().get('/api/requests?pageSize=100').set('Authorization', auth);
        const listed = (list.body.items as { id: string }[]).some((r) => r.id === flow.id);
        const verdicts = new Set([one.status === 200, history.status === 200, listed]);
        row[user] = verdicts.size > 1 ? `inconsistent: get ${one.status}, history ${history.status}, listed ${listed}` : listed ? 'sees' : '-';
      }
      return row;
    };
    const timeline: Record<string, Record<string, string>> = { created: await seen() };
    for (const step of HAPPY_PATH.slice(0, 6)) {
      const response = await sendEvent(t, flow, step);
      expect(response.status).toBe(200);
      timeline[step.type] = await seen();
    }
    const row = (...seeing: string[]) => Object.fromEntries(WATCHERS.map((u) => [u, seeing.includes(u) ? 'sees' : '-']));
    expect(timeline).toEqual({
      created: row(),
      SHARE_DRAFT: row('fiscalMX'),
      STANDARDIZE: row('fiscalMX'),
      SUBMIT: row('fiscalMX', 'cancilleriaGT'),
      AUTHORIZE: row('fiscalMX', 'cancilleriaGT', 'autoridadGT'),
      TRANSMIT: row('fiscalMX', 'cancilleriaGT', 'autoridadGT', 'autoridadMX'),
      ACKNOWLEDGE: row('fiscalMX', 'cancilleriaGT', 'autoridadGT', 'autoridadMX'),
    });
  });

  it('on the diplomatic channel: the requested cancillería from the note on, the requested central authority only once forwarded', async () => {
    const flow = await createRequest(t, { legalBasis: ['RECIPROCITY'] });
    for (const type of ['STANDARDIZE', 'SUBMIT', 'AUTHORIZE'] as const) {
      expect((await sendEvent(t, flow, { type, by: type === 'AUTHORIZE' ? 'cancilleriaGT' : 'fiscalGT' })).status).toBe(200);
    }
    expect(flow.body.route).toMatchObject({ channel: 'diplomatic', transmitter: { role: 'cancilleria', country: 'GT' } });
    const status = async (user: User) => (await t.http().get(`/api/requests/${flow.id}`).set('Authorization', await as(user))).status;
    const timeline: Record<string, Record<string, number>> = {};
    const watch = async () => ({ cancilleriaMX: await status('cancilleriaMX'), autoridadMX: await status('autoridadMX'), cancilleriaHN: await status('cancilleriaHN') });
    timeline.AUTHORIZE = await watch();
    for (const step of DIPLOMATIC_TRANSMISSION) {
      const response = await sendEvent(t, flow, step);
      expect({ step: step.type, status: response.status, body: response.body.error }).toEqual({ step: step.type, status: 200, body: undefined });
      timeline[step.type] = await watch();
    }
    expect(timeline).toEqual({
      AUTHORIZE: { cancilleriaMX: 404, autoridadMX: 404, cancilleriaHN: 404 },
      TRANSMIT: { cancilleriaMX: 200, autoridadMX: 404, cancilleriaHN: 404 },
      RECORD_RECEIPT: { cancilleriaMX: 200, autoridadMX: 404, cancilleriaHN: 404 },
      FORWARD: { cancilleriaMX: 200, autoridadMX: 200, cancilleriaHN: 404 },
    });
    expect(flow.body.state).toBe('transmitted');
  });

  it('a request standardized and submitted without ever being shared stays hidden from the counterpart liaison', async () => {
    const flow = await createRequest(t);
    for (const type of ['STANDARDIZE', 'SUBMIT', 'AUTHORIZE', 'TRANSMIT'] as const) {
      const by = type === 'AUTHORIZE' ? 'cancilleriaGT' : type === 'TRANSMIT' ? 'autoridadGT' : 'fiscalGT';
      expect((await sendEvent(t, flow, { type, by })).status).toBe(200);
    }
    await t.http().get(`/api/requests/${flow.id}`).set('Authorization', await as('fiscalMX')).expect(404);
    await t.http().get(`/api/requests/${flow.id}`).set('Authorization', await as('autoridadMX')).expect(200);
  });
});
