import { isAuthorizedLiaison } from './principal.js';

const liaison = (country: string, liaisonValidUntil: string | null) =>
  ({ role: 'fiscal', country, liaisonStatus: 'authorized', liaisonValidUntil }) as Parameters<typeof isAuthorizedLiaison>[0];

describe('isAuthorizedLiaison', () => {
  it('holds through the last day on the liaison’s own clock, on both sides of UTC’s midnight and of the local one', () => {
    // 31 March 2026 at 17:30 and 18:30 in Guatemala (UTC-6), then 00:00 on 1 April there.
    expect(isAuthorizedLiaison(liaison('GT', '2026-03-31'), new Date('2026-03-31T23:30:00Z'))).toBe(true);
    expect(isAuthorizedLiaison(liaison('GT', '2026-03-31'), new Date('2026-04-01T00:30:00Z'))).toBe(true);
    expect(isAuthorizedLiaison(liaison('GT', '2026-03-31'), new Date('2026-04-01T06:00:00Z'))).toBe(false);
    // New York on EDT (UTC-4) since 8 March: 23:59 on 31 March is 03:59 UTC on 1 April.
    expect(isAuthorizedLiaison(liaison('US', '2026-03-31'), new Date('2026-04-01T03:59:00Z'))).toBe(true);
    expect(isAuthorizedLiaison(liaison('US', '2026-03-31'), new Date('2026-04-01T04:00:00Z'))).toBe(false);
  });

  it('knows no end without an end date, and nobody but an authorized fiscal', () => {
    expect(isAuthorizedLiaison(liaison('GT', null), new Date('2030-01-01T00:00:00Z'))).toBe(true);
    expect(isAuthorizedLiaison({ ...liaison('GT', '2099-01-01'), liaisonStatus: 'revoked' }, new Date('2026-04-01T00:30:00Z'))).toBe(false);
    expect(isAuthorizedLiaison({ ...liaison('GT', '2099-01-01'), role: 'cancilleria' }, new Date('2026-04-01T00:30:00Z'))).toBe(false);
  });
});
