// A request's reference carries the requesting office's year, the one its note numbers carry: the
// last evening of December in Central America is still that year, though UTC is already in the next.
import { USERS, createRequest } from '../support/request-flow.js';
import { TestClock } from '../support/test-clock.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const clock = new TestClock('2026-12-31T20:00:00.000Z'); // 14:00 on 31 December in Guatemala
let t: TestApp;
beforeAll(async () => {
  // Tokens live through the hours the clock is moved across.
  t = await startTestApp({ clock, env: { ENLACE_TOKEN_TTL_SECONDS: '86400' } });
});
afterAll(() => t?.close());

const referenceAt = async (at: string, by: keyof typeof USERS = 'fiscalGT') => {
  clock.set(at);
  return (await createRequest(t, { title: `Creada ${at}`, requestedCountry: by === 'fiscalGT' ? 'MX' : 'GT' }, by)).body.reference;
};

describe("a request's reference year", () => {
  it('is the year in the requesting country, numbered on without a gap across UTC’s new year and from 1 at the local one', async () => {
    expect(await referenceAt('2026-12-31T20:00:00.000Z')).toBe('GT-MX-2026-000001');
    expect(await referenceAt('2027-01-01T01:00:00.000Z')).toBe('GT-MX-2026-000002'); // 19:00 on 31 December in Guatemala
    expect(await referenceAt('2027-01-01T05:59:00.000Z')).toBe('GT-MX-2026-000003'); // 23:59
    expect(await referenceAt('2027-01-01T06:00:00.000Z')).toBe('GT-MX-2027-000001'); // 00:00 on 1 January
    expect(await referenceAt('2027-01-01T07:00:00.000Z')).toBe('GT-MX-2027-000002');
  });

  it('is read on each requesting country’s own clock (Mexico City, UTC-6 all year since 2022)', async () => {
    expect(await referenceAt('2027-01-01T05:30:00.000Z', 'fiscalMX')).toBe('MX-GT-2026-000001'); // 23:30 on 31 December
    expect(await referenceAt('2027-01-01T06:30:00.000Z', 'fiscalMX')).toBe('MX-GT-2027-000001');
    const rows = await t.sql<{ requesting_country: string; year: number; last_value: number }>(
      'SELECT requesting_country, year, last_value FROM reference_sequences ORDER BY 1, 2',
    );
    expect(rows).toEqual([
      { requesting_country: 'GT', year: 2026, last_value: 3 },
      { requesting_country: 'GT', year: 2027, last_value: 2 },
      { requesting_country: 'MX', year: 2026, last_value: 1 },
      { requesting_country: 'MX', year: 2027, last_value: 1 },
    ]);
  });
});
