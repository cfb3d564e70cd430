// Every way a call to the requests API can be refused, as the contract's "Errors" table names it,
// with the contract's body shape, and nothing written by any of them.
import type { Response } from 'supertest';
import { buildRequestFields } from '../../templates/testing/request.factory.js';
import { HAPPY_PATH, USERS, advanceUntil, createRequest, sendEvent, type Flow } from '../support/request-flow.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

type User = keyof typeof USERS;

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

const as = (user: User) => t.login(USERS[user]);

/** The contract's error body: `{statusCode, error, message, ...}`, statusCode matching the status line. */
function expectError(response: Response, status: number, error: string): void {
  expect({ status: response.status, body: response.body }).toEqual({
    status,
    body: expect.objectContaining({ statusCode: status, error, message: expect.any(String) }),
  });
  expect(response.headers['content-type']).toMatch(/^application\/json/);
}

/** What any write could have touched, across all requests. */
async function everything() {
  const [counts] = await t.sql(
    `SELECT (SELECT count(*)::int FROM requests) AS requests, (SELECT count(*)::int FROM request_history) AS history,
            (SELECT count(*)::int FROM outbox) AS outbox, (SELECT coalesce(sum(version), 0)::int FROM requests) AS versions`,
  );
  return counts;
}

const CONDITIONS: Record<string, { data: Record<string, string> }> = {
  RECORD_EXECUTION: { data: { outcome: 'total' } },
  REFUSE: { data: { ground: 'untoc_18_21_c' } },
};

async function sendAs(user: User, flow: Flow, type: string, extra: Record<string, unknown> = {}) {
  return t
    .http()
    .post(`/api/requests/${flow.id}/events`)
    .set('Authorization', await as(user))
    // A comment, an outcome and a ground always, so that a missing condition (422) cannot hide a refusal.
    .send({ type, expectedVersion: flow.version, comment: 'Observación de prueba.', ...CONDITIONS[type], ...extra });
}

describe('events sent by the wrong party', () => {
  // Before each step of the happy path: who tries which event, and what they get. 403 when the user
  // can see the request (the counterpart liaison once shared, the supervisor, a party of another
  // step); 404 when they cannot (another country, the central authority before TRANSMIT, admin).
  const ATTEMPTS: Record<string, [string, User, 403 | 404][]> = {
    SHARE_DRAFT: [
      ['SHARE_DRAFT', 'fiscalMX', 404],
      ['SHARE_DRAFT', 'fiscalUS', 404],
      ['SHARE_DRAFT', 'fiscalHN', 404],
      ['STANDARDIZE', 'cancilleriaGT', 404],
      ['WITHDRAW', 'autoridadMX', 404],
      ['WITHDRAW', 'admin', 404],
      ['STANDARDIZE', 'supervisorGT', 403],
    ],
    STANDARDIZE: [
      ['SHARE_DRAFT', 'fiscalMX', 403],
      ['STANDARDIZE', 'fiscalMX', 403],
      ['WITHDRAW', 'fiscalMX', 403],
      ['STANDARDIZE', 'supervisorGT', 403],
      ['STANDARDIZE', 'cancilleriaGT', 404],
      ['STANDARDIZE', 'fiscalUS', 404],
      ['STANDARDIZE', 'admin', 404],
    ],
    SUBMIT: [
      ['SUBMIT', 'fiscalMX', 403],
      ['SUBMIT', 'supervisorGT', 403],
      ['SUBMIT', 'cancilleriaGT', 404],
      ['SUBMIT', 'autoridadMX', 404],
    ],
    AUTHORIZE: [
      ['AUTHORIZE', 'fiscalGT', 403],
      ['RETURN', 'fiscalGT', 403],
      ['REJECT', 'fiscalMX', 403],
      ['AUTHORIZE', 'supervisorGT', 403],
      ['WITHDRAW', 'cancilleriaGT', 403],
      ['AUTHORIZE', 'cancilleriaHN', 404],
      ['AUTHORIZE', 'autoridadMX', 404],
      // Guatemala's central authority sees its country's requests only once authorized.
      ['AUTHORIZE', 'autoridadGT', 404],
      ['AUTHORIZE', 'admin', 404],
    ],
    TRANSMIT: [
      ['TRANSMIT', 'fiscalGT', 403],
      ['TRANSMIT', 'supervisorGT', 403],
      // Between central authorities the requesting cancillería authorizes but does not send.
      ['TRANSMIT', 'cancilleriaGT', 403],
      ['TRANSMIT', 'cancilleriaHN', 404],
      ['TRANSMIT', 'cancilleriaMX', 404],
      ['TRANSMIT', 'autoridadMX', 404],
    ],
    ACKNOWLEDGE: [
      ['ACKNOWLEDGE', 'cancilleriaGT', 403],
      ['ACKNOWLEDGE', 'autoridadGT', 403],
      ['ACKNOWLEDGE', 'fiscalGT', 403],
      ['ACKNOWLEDGE', 'fiscalMX', 403],
      ['ACKNOWLEDGE', 'supervisorGT', 403],
      ['WITHDRAW', 'autoridadMX', 403],
      ['ACKNOWLEDGE', 'autoridadUS', 404],
      ['ACKNOWLEDGE', 'admin', 404],
    ],
    REQUEST_INFO: [
      ['REQUEST_INFO', 'cancilleriaGT', 403],
      ['REQUEST_INFO', 'fiscalGT', 403],
      ['RECORD_EXECUTION', 'fiscalMX', 403],
      ['REFUSE', 'supervisorGT', 403],
      ['REFUSE', 'fiscalGT', 403],
      ['RECORD_EXECUTION', 'autoridadUS', 404],
    ],
    SUPPLY_INFO: [
      ['SUPPLY_INFO', 'autoridadMX', 403],
      ['SUPPLY_INFO', 'cancilleriaGT', 403],
      ['SUPPLY_INFO', 'fiscalMX', 403],
      ['SUPPLY_INFO', 'supervisorGT', 403],
      ['SUPPLY_INFO', 'admin', 404],
    ],
    RECORD_EXECUTION: [['RECORD_EXECUTION', 'cancilleriaGT', 403]],
    CLOSE: [
      ['CLOSE', 'autoridadMX', 403],
      ['CLOSE', 'cancilleriaGT', 403],
      ['CLOSE', 'fiscalMX', 403],
      ['CLOSE', 'supervisorGT', 403],
      ['CLOSE', 'fiscalUS', 404],
    ],
  };

  it('answers 403 forbidden to a party who can see the request, 404 not_found to one who cannot, at every step', async () => {
    const flow = await createRequest(t);
    const actual: unknown[] = [];
    const expected: unknown[] = [];
    for (const step of HAPPY_PATH) {
      for (const [type, user, status] of ATTEMPTS[step.type] ?? []) {
        const response = await sendAs(user, flow, type);
        actual.push({ before: step.type, type, user, status: response.status, body: response.body });
        expected.push({
          before: step.type,
          type,
          user,
          status,
          body: expect.objectContaining({ statusCode: status, error: status === 403 ? 'forbidden' : 'not_found', message: expect.any(String) }),
        });
      }
      // The right party's step still lands on the same version: none of the refusals wrote anything.
      const response = await sendEvent(t, flow, step);
      expect({ step: step.type, status: response.status }).toEqual({ step: step.type, status: 200 });
    }
    expect(actual).toEqual(expected);
    const history = await t.sql('SELECT event FROM request_history WHERE request_id = $1', [flow.id]);
    expect(history).toHaveLength(1 + HAPPY_PATH.length);
  });
});

describe('events in the wrong state', () => {
  it('answers 409 invalid_transition and writes nothing', async () => {
    const draft = await createRequest(t);
    const closed = await advanceUntil(t, await createRequest(t), null);
    const authorized = await advanceUntil(t, await createRequest(t), 'TRANSMIT');
    const before = await everything();
    const cases: [Flow, User, string][] = [
      [draft, 'fiscalGT', 'SUBMIT'],
      [draft, 'fiscalGT', 'CLOSE'],
      [draft, 'fiscalGT', 'SUPPLY_INFO'],
      [authorized, 'cancilleriaGT', 'AUTHORIZE'],
      [authorized, 'cancilleriaGT', 'RETURN'],
      [closed, 'fiscalGT', 'WITHDRAW'],
      [closed, 'fiscalGT', 'CLOSE'],
      [closed, 'autoridadMX', 'RECORD_EXECUTION'],
    ];
    for (const [flow, user, type] of cases) {
      const response = await sendAs(user, flow, type);
      expect({ user, type, status: response.status, error: response.body.error }).toEqual({ user, type, status: 409, error: 'invalid_transition' });
      expectError(response, 409, 'invalid_transition');
    }
    expect(await everything()).toEqual(before);
  });

  it('answers 409 version_conflict to a stale expectedVersion, even for a valid event', async () => {
    const flow = await advanceUntil(t, await createRequest(t), 'STANDARDIZE');
    const before = await everything();
    const response = await sendAs('fiscalGT', flow, 'STANDARDIZE', { expectedVersion: flow.version - 1 });
    expectError(response, 409, 'version_conflict');
    expect(await everything()).toEqual(before);
  });
});

describe('events whose conditions are not met (422)', () => {
  it('SUBMIT of an incomplete request: incomplete_request with the missing paths, as the representation announced', async () => {
    const flow = await createRequest(t, { contact: undefined, urgency: { urgent: true, reason: 'Riesgo de cierre de la cuenta.' } });
    expect(flow.body.missing).toEqual(['urgency.deadline', 'contact']);
    await advanceUntil(t, flow, 'SUBMIT');
    const before = await everything();
    const response = await sendAs('fiscalGT', flow, 'SUBMIT');
    expectError(response, 422, 'incomplete_request');
    expect(response.body.missing).toEqual(['urgency.deadline', 'contact']);
    expect(await everything()).toEqual(before);
    const after = await t.http().get(`/api/requests/${flow.id}`).set('Authorization', await as('fiscalGT')).expect(200);
    expect(after.body).toMatchObject({ state: 'standardized', version: flow.version });
  });

  it('SUBMIT invoking a treaty that does not bind the pair: rule_violation with the violations', async () => {
    // Mexico is not a party to the Central American Treaty of 1993.
    const flow = await createRequest(t, { legalBasis: ['UNTOC_ART18', 'CA_TREATY_1993'] });
    expect(flow.body.missing).toEqual([]);
    await advanceUntil(t, flow, 'SUBMIT');
    const before = await everything();
    const response = await sendAs('fiscalGT', flow, 'SUBMIT');
    expectError(response, 422, 'rule_violation');
    expect(response.body.violations).toEqual([{ field: 'legalBasis[1]', rule: 'not_in_force_for_pair' }]);
    expect(await everything()).toEqual(before);
  });

  it('comment-bearing events without a comment, and RECORD_EXECUTION without an outcome', async () => {
    const flow = await advanceUntil(t, await createRequest(t), 'RECORD_EXECUTION');
    const before = await everything();
    const noComment = await sendAs('autoridadMX', flow, 'REFUSE', { comment: undefined });
    expectError(noComment, 422, 'incomplete_request');
    expect(noComment.body.missing).toEqual(['comment']);
    const noOutcome = await sendAs('autoridadMX', flow, 'RECORD_EXECUTION', { data: undefined });
    expectError(noOutcome, 422, 'incomplete_request');
    expect(noOutcome.body.missing).toEqual(['data.outcome']);
    expect(await everything()).toEqual(before);
  });
});

describe('malformed input (400 validation_failed)', () => {
  const fieldsOf = (response: Response): string[] => (response.body.fields ?? []).map((f: { field: string }) => f.field);

  it.each([
    ['top level', { ...buildRequestFields(), courtOrder: 'x' }, 'courtOrder'],
    ['in measures[0]', { ...buildRequestFields(), measures: [{ ...buildRequestFields().measures![0], priority: 'high' }] }, 'measures[0].priority'],
    ['in proceeding', { ...buildRequestFields(), proceeding: { type: 'trial', authority: 'Tribunal', judge: 'X' } }, 'proceeding.judge'],
    ['in persons[1]', { ...buildRequestFields(), persons: [{ role: 'suspect', fullName: 'A' }, { role: 'victim', fullName: 'B', age: 16 }] }, 'persons[1].age'],
    ['in translations.en', { ...buildRequestFields(), translations: { en: { title: 't', summaryOfFacts: 's', purpose: 'p', measures: [], notes: 'n' } } }, 'translations.en.notes'],
  ])('POST /api/requests with an unknown property %s names it', async (_where, body, field) => {
    const before = await everything();
    const response = await t.http().post('/api/requests').set('Authorization', await as('fiscalGT')).send(body);
    expectError(response, 400, 'validation_failed');
    expect(fieldsOf(response)).toContain(field);
    expect(response.body.message).toContain(field);
    expect(await everything()).toEqual(before);
  });

  it('events and PATCH refuse unknown properties too, top level and nested', async () => {
    const flow = await createRequest(t);
    const before = await everything();
    const auth = await as('fiscalGT');
    const event = await t.http().post(`/api/requests/${flow.id}/events`).set('Authorization', auth).send({ type: 'SHARE_DRAFT', expectedVersion: flow.version, urgent: true });
    expectError(event, 400, 'validation_failed');
    expect(fieldsOf(event)).toContain('urgent');
    const nested = await t
      .http()
      .post(`/api/requests/${flow.id}/events`)
      .set('Authorization', auth)
      .send({ type: 'SHARE_DRAFT', expectedVersion: flow.version, data: { recipients: ['fiscal.mx@demo.enlace'] } });
    expectError(nested, 400, 'validation_failed');
    expect(fieldsOf(nested)).toContain('data.recipients');
    const patch = await t.http().patch(`/api/requests/${flow.id}`).set('Authorization', auth).send({ expectedVersion: flow.version, state: 'authorized' });
    expectError(patch, 400, 'validation_failed');
    expect(fieldsOf(patch)).toContain('state');
    const patchNested = await t
      .http()
      .patch(`/api/requests/${flow.id}`)
      .set('Authorization', auth)
      .send({ expectedVersion: flow.version, contact: { name: 'A', email: 'a@b.gt', fax: '1' } });
    expectError(patchNested, 400, 'validation_failed');
    expect(fieldsOf(patchNested)).toContain('contact.fax');
    expect(await everything()).toEqual(before);
  });

  it.each([
    ['title a number', { title: 42 }, 'title'],
    ['requestedCountry not a member', { requestedCountry: 'XX' }, 'requestedCountry'],
    ['measures not a list', { measures: 'bank records' }, 'measures'],
    ['measures[0].type unknown', { measures: [{ type: 'wiretap', description: 'x' }] }, 'measures[0].type'],
    ['urgency.urgent a string', { urgency: { urgent: 'yes' } }, 'urgency.urgent'],
    ['urgency.deadline not a date', { urgency: { urgent: true, reason: 'r', deadline: '30/04/2026' } }, 'urgency.deadline'],
    ['contact.email not an e-mail', { contact: { name: 'A', email: 'not-an-email' } }, 'contact.email'],
    ['legalBasis unknown', { legalBasis: ['UNTOC_ART18', 'GENEVA_1949'] }, 'legalBasis'],
    ['persons[0].vulnerabilities unknown', { persons: [{ role: 'victim', fullName: 'A', vulnerabilities: ['tall'] }] }, 'persons[0].vulnerabilities'],
    // Date-only fields take a day, never a date-time, and only a day the calendar has.
    ['persons[0].dateOfBirth with a time', { persons: [{ role: 'smuggled_migrant', fullName: 'Ana Toj', dateOfBirth: '2009-04-17T02:00' }] }, 'persons[0].dateOfBirth'],
    ['persons[0].dateOfBirth not in the calendar', { persons: [{ role: 'smuggled_migrant', fullName: 'Ana Toj', dateOfBirth: '2009-02-30' }] }, 'persons[0].dateOfBirth'],
    ['persons[0].dateOfBirth as a week', { persons: [{ role: 'smuggled_migrant', fullName: 'Ana Toj', dateOfBirth: '2009-W16' }] }, 'persons[0].dateOfBirth'],
    ['urgency.deadline with a time', { urgency: { urgent: true, reason: 'r', deadline: '2026-12-15T10:00Z' } }, 'urgency.deadline'],
    ['urgency.deadline without dashes', { urgency: { urgent: true, reason: 'r', deadline: '20261215' } }, 'urgency.deadline'],
    ['priorInformalExchanges[0].date with a time', { priorInformalExchanges: [{ date: '2026-10-02T09:30', counterpart: 'FGR', summary: 'Llamada' }] }, 'priorInformalExchanges[0].date'],
    ['measures[0].period.from with a time', { measures: [{ type: 'bank_records', description: 'x', period: { from: '2025-01-01T00:00Z', to: '2025-12-31' } }] }, 'measures[0].period.from'],
    ['measures[0].consent.date a month', { measures: [{ type: 'transfer_detained_person', description: 'x', consent: { given: true, date: '2026-11' } }] }, 'measures[0].consent.date'],
    ['relatedRequests[0].date with a time', { relatedRequests: [{ country: 'HN', date: '2026-03-02T12:00', summary: 'x' }] }, 'relatedRequests[0].date'],
  ])('POST /api/requests with %s is 400 naming the field', async (_what, override, field) => {
    const response = await t.http().post('/api/requests').set('Authorization', await as('fiscalGT')).send({ ...buildRequestFields(), ...override });
    expectError(response, 400, 'validation_failed');
    expect(fieldsOf(response)).toContain(field);
  });

  it('POST /api/requests takes a date of birth known only by year or month, and a day for the other dates', async () => {
    for (const dateOfBirth of ['2009', '2009-04', '2009-04-17']) {
      const response = await t
        .http()
        .post('/api/requests')
        .set('Authorization', await as('fiscalGT'))
        .send(buildRequestFields({ persons: [{ role: 'smuggled_migrant', fullName: 'Ana Toj', dateOfBirth }], urgency: { urgent: true, reason: 'Detenido', deadline: '2026-12-15' } }));
      expect({ dateOfBirth, status: response.status }).toEqual({ dateOfBirth, status: 201 });
    }
    const refused = await t
      .http()
      .post('/api/requests')
      .set('Authorization', await as('fiscalGT'))
      .send(buildRequestFields({ persons: [{ role: 'smuggled_migrant', fullName: 'Ana Toj', dateOfBirth: '2009-04-17T02:00' }] }));
    expect(refused.body.fields).toEqual([
      { field: 'persons[0].dateOfBirth', rule: 'isCalendarDate', message: 'dateOfBirth must be a calendar date written YYYY-MM-DD (or YYYY-MM, or YYYY), without a time' },
    ]);
  });

  it('POST /api/requests without a requestedCountry is 400', async () => {
    const { requestedCountry: _omitted, ...body } = buildRequestFields();
    const response = await t.http().post('/api/requests').set('Authorization', await as('fiscalGT')).send(body);
    expectError(response, 400, 'validation_failed');
    expect(fieldsOf(response)).toContain('requestedCountry');
  });

  it('events with wrong types are 400: an unknown type, a non-integer version, a non-string comment, an unknown outcome', async () => {
    const flow = await createRequest(t);
    const auth = await as('fiscalGT');
    for (const [body, field] of [
      [{ type: 'APPROVE', expectedVersion: flow.version }, 'type'],
      [{ type: 'SHARE_DRAFT', expectedVersion: 'one' }, 'expectedVersion'],
      [{ type: 'SHARE_DRAFT', expectedVersion: 0 }, 'expectedVersion'],
      [{ type: 'SHARE_DRAFT' }, 'expectedVersion'],
      [{ type: 'SHARE_DRAFT', expectedVersion: flow.version, comment: 42 }, 'comment'],
      [{ type: 'SHARE_DRAFT', expectedVersion: flow.version, data: { outcome: 'complete' } }, 'data.outcome'],
    ] as const) {
      const response = await t.http().post(`/api/requests/${flow.id}/events`).set('Authorization', auth).send(body);
      expectError(response, 400, 'validation_failed');
      expect({ body, fields: fieldsOf(response) }).toEqual({ body, fields: expect.arrayContaining([field]) });
    }
  });

  it('a malformed query is 400', async () => {
    const auth = await as('fiscalGT');
    for (const query of ['state=archived', 'requestedCountry=ZZ', 'page=0', 'pageSize=1000', 'page=two', 'sort=reference']) {
      const response = await t.http().get(`/api/requests?${query}`).set('Authorization', auth);
      expect({ query, status: response.status }).toEqual({ query, status: 400 });
      expectError(response, 400, 'validation_failed');
    }
  });

  it('a bad id in the path is 400; a well-formed unknown id is 404', async () => {
    const auth = await as('fiscalGT');
    for (const path of ['/api/requests/123', '/api/requests/not-a-uuid/history', "/api/requests/1'%20OR%20'1'='1"]) {
      const response = await t.http().get(path).set('Authorization', auth);
      expectError(response, 400, 'validation_failed');
    }
    const event = await t.http().post('/api/requests/xyz/events').set('Authorization', auth).send({ type: 'SHARE_DRAFT', expectedVersion: 1 });
    expectError(event, 400, 'validation_failed');
    const patch = await t.http().patch('/api/requests/xyz').set('Authorization', auth).send({ expectedVersion: 1, title: 'x' });
    expectError(patch, 400, 'validation_failed');
    const unknown = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
    expectError(await t.http().get(`/api/requests/${unknown}`).set('Authorization', auth), 404, 'not_found');
    expectError(
      await t.http().post(`/api/requests/${unknown}/events`).set('Authorization', auth).send({ type: 'SHARE_DRAFT', expectedVersion: 1 }),
      404,
      'not_found',
    );
  });

  it('malformed JSON is 400 and writes nothing', async () => {
    const before = await everything();
    const response = await t
      .http()
      .post('/api/requests')
      .set('Authorization', await as('fiscalGT'))
      .set('Content-Type', 'application/json')
      .send('{"requestedCountry": "MX", "title": ');
    expectError(response, 400, 'validation_failed');
    expect(await everything()).toEqual(before);
  });

  it('a body over the limit (256 KiB) is 413 payload_too_large and writes nothing', async () => {
    const before = await everything();
    const response = await t
      .http()
      .post('/api/requests')
      .set('Authorization', await as('fiscalGT'))
      .send(buildRequestFields({ summaryOfFacts: 'Hechos. '.repeat(40_000) }));
    expectError(response, 413, 'payload_too_large');
    expect(await everything()).toEqual(before);
    // Just under the limit, the same body is judged on its content (here: too long a field), not its size.
    const below = await t
      .http()
      .post('/api/requests')
      .set('Authorization', await as('fiscalGT'))
      .send(buildRequestFields({ summaryOfFacts: 'Hechos. '.repeat(25_000) }));
    expect(below.status).toBe(400);
  });

  it('requestedCountry equal to the user’s own country is 400', async () => {
    const before = await everything();
    const response = await t.http().post('/api/requests').set('Authorization', await as('fiscalGT')).send(buildRequestFields({ requestedCountry: 'GT' }));
    expectError(response, 400, 'validation_failed');
    expect(response.body.fields).toEqual([{ field: 'requestedCountry', rule: 'not_own_country' }]);
    expect(await everything()).toEqual(before);
  });
});

describe('authentication (401)', () => {
  it('refuses every /api route without a token, with a malformed one, or with a forged one', async () => {
    const flow = await createRequest(t);
    const valid = await as('fiscalGT');
    const forged = valid.slice(0, -4) + (valid.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    const routes = [
      () => t.http().get('/api/requests'),
      () => t.http().get(`/api/requests/${flow.id}`),
      () => t.http().get(`/api/requests/${flow.id}/history`),
      () => t.http().post('/api/requests').send(buildRequestFields()),
      () => t.http().patch(`/api/requests/${flow.id}`).send({ expectedVersion: flow.version, title: 'x' }),
      () => t.http().post(`/api/requests/${flow.id}/events`).send({ type: 'SHARE_DRAFT', expectedVersion: flow.version }),
    ];
    const before = await everything();
    for (const route of routes) {
      for (const header of [undefined, 'Bearer', 'Bearer not.a.token', forged, valid.replace('Bearer ', 'Basic ')]) {
        const call = route();
        const response = header === undefined ? await call : await call.set('Authorization', header);
        expectError(response, 401, 'unauthorized');
      }
    }
    expect(await everything()).toEqual(before);
  });

  it('a wrong password and an unknown e-mail get the same 401', async () => {
    const wrong = await t.http().post('/api/auth/login').send({ email: USERS.fiscalGT, password: 'not-the-password' });
    const unknown = await t.http().post('/api/auth/login').send({ email: 'nadie@demo.enlace', password: 'enlace-demo' });
    expectError(wrong, 401, 'unauthorized');
    expectError(unknown, 401, 'unauthorized');
    expect(unknown.body).toEqual(wrong.body);
    expect(wrong.body.accessToken).toBeUndefined();
  });

  it('/api/health needs no token', async () => {
    await t.http().get('/api/health').expect(200);
  });
});

describe('who may create (POST /api/requests)', () => {
  it('a fiscal who is not an authorized liaison gets 403 liaison_not_authorized', async () => {
    const before = await everything();
    const response = await t.http().post('/api/requests').set('Authorization', await as('fiscalHN')).send(buildRequestFields({ requestedCountry: 'MX' }));
    expectError(response, 403, 'liaison_not_authorized');
    expect(await everything()).toEqual(before);
  });

  it.each(['cancilleriaGT', 'autoridadMX', 'supervisorGT', 'admin'] as const)('%s gets 403 forbidden', async (user) => {
    const before = await everything();
    const response = await t.http().post('/api/requests').set('Authorization', await as(user)).send(buildRequestFields({ requestedCountry: 'US' }));
    expectError(response, 403, 'forbidden');
    expect(await everything()).toEqual(before);
  });
});

describe('PATCH /api/requests/:id', () => {
  const patch = async (user: User, flow: Flow, body: Record<string, unknown>) =>
    t.http().patch(`/api/requests/${flow.id}`).set('Authorization', await as(user)).send({ expectedVersion: flow.version, ...body });

  it('by anyone but the creating fiscal: 403 when they can see it, 404 when they cannot', async () => {
    const flow = await advanceUntil(t, await createRequest(t), 'STANDARDIZE');
    const before = await everything();
    const answers: Record<string, number> = {};
    for (const user of ['fiscalMX', 'supervisorGT', 'fiscalUS', 'cancilleriaGT', 'autoridadMX', 'admin'] as const) {
      answers[user] = (await patch(user, flow, { title: 'Otro título' })).status;
    }
    expect(answers).toEqual({ fiscalMX: 403, supervisorGT: 403, fiscalUS: 404, cancilleriaGT: 404, autoridadMX: 404, admin: 404 });
    expectError(await patch('fiscalMX', flow, { title: 'Otro título' }), 403, 'forbidden');
    expect(await everything()).toEqual(before);
  });

  it('after SUBMIT is 409 invalid_transition, and after a RETURN it is allowed again', async () => {
    const flow = await advanceUntil(t, await createRequest(t), 'AUTHORIZE');
    const before = await everything();
    expectError(await patch('fiscalGT', flow, { purpose: 'Nuevo propósito' }), 409, 'invalid_transition');
    expect(await everything()).toEqual(before);
    await sendEvent(t, flow, { type: 'RETURN', by: 'cancilleriaGT', comment: 'Precise el propósito.' });
    expect((await patch('fiscalGT', flow, { purpose: 'Nuevo propósito' })).status).toBe(200);
  });

  it('with a stale version is 409 version_conflict', async () => {
    const flow = await createRequest(t);
    const first = await patch('fiscalGT', flow, { title: 'Primera corrección' });
    expect(first.status).toBe(200);
    const before = await everything();
    const stale = await patch('fiscalGT', flow, { title: 'Segunda corrección, sobre la versión vieja' });
    expectError(stale, 409, 'version_conflict');
    expect(await everything()).toEqual(before);
  });

  it('changing requestedCountry is 422: the reference names the requested country', async () => {
    const flow = await createRequest(t);
    const before = await everything();
    const response = await patch('fiscalGT', flow, { requestedCountry: 'US' });
    expectError(response, 422, 'rule_violation');
    expect(response.body.violations).toEqual([{ field: 'requestedCountry', rule: 'immutable' }]);
    expect(await everything()).toEqual(before);
  });
});
