import { dateIn, type Role } from '@enlace/workflows';
import { mayReadHistory, mayTake, nextStatus, rolesFor, standingOf, type ManualDirectoryEvent, type Standing } from './liaison-lifecycle.js';

describe('standingOf: expired is derived from the end date', () => {
  it.each([
    ['authorized', '2026-11-27', 'expired'],
    ['authorized', '2026-11-28', 'authorized'], // the last day still counts
    ['authorized', '2027-01-01', 'authorized'],
    ['authorized', null, 'authorized'],
    ['nominated', null, 'nominated'],
    ['revoked', '2020-01-01', 'revoked'],
    ['none', null, 'none'],
  ] as const)('%s until %s on 2026-11-28 is %s', (status, validUntil, standing) => {
    expect(standingOf(status, validUntil, '2026-11-28')).toBe(standing);
  });

  it("compares the liaison's own country's days: 'until 28 November' holds to midnight in that country", () => {
    // 23:59:59 on 28 November in Guatemala is 29 November in UTC: still the last day there.
    const lastMinute = new Date('2026-11-28T23:59:59-06:00');
    expect(standingOf('authorized', '2026-11-28', dateIn('GT', lastMinute))).toBe('authorized');
    expect(standingOf('authorized', '2026-11-28', dateIn('GT', new Date('2026-11-29T00:00:00-06:00')))).toBe('expired');
    // New York on EST (UTC-5): 23:30 on the 28th is still the 28th; Santo Domingo (UTC-4) is past midnight then.
    expect(standingOf('authorized', '2026-11-28', dateIn('US', new Date('2026-11-29T04:30:00Z')))).toBe('authorized');
    expect(standingOf('authorized', '2026-11-28', dateIn('DO', new Date('2026-11-29T04:30:00Z')))).toBe('expired');
    // Someone of no country (the platform's administrator) reads UTC's date.
    expect(dateIn(null, lastMinute)).toBe('2026-11-29');
  });
});

describe('nextStatus: the lifecycle table', () => {
  const standings: Standing[] = ['none', 'nominated', 'authorized', 'expired', 'revoked'];
  const table: Record<ManualDirectoryEvent, Record<Standing, string | null>> = {
    NOMINATE: { none: 'nominated', nominated: null, authorized: null, expired: 'nominated', revoked: 'nominated' },
    AUTHORIZE: { none: 'authorized', nominated: 'authorized', authorized: 'authorized', expired: 'authorized', revoked: 'authorized' },
    REVOKE: { none: null, nominated: 'revoked', authorized: 'revoked', expired: 'revoked', revoked: null },
  };
  for (const event of Object.keys(table) as ManualDirectoryEvent[]) {
    it.each(standings)(`${event} from %s`, (standing) => {
      expect(nextStatus(event, standing)).toBe(table[event][standing]);
    });
  }
});

describe('mayTake: who manages the directory', () => {
  const fiscalHN = { role: 'fiscal' as Role, country: 'HN' as const };
  const actor = (role: Role, country: 'HN' | 'GT' | null) => ({ role, country });

  it('the cancillería of the fiscal’s own country authorizes and revokes, no other', () => {
    for (const event of ['AUTHORIZE', 'REVOKE'] as const) {
      expect(mayTake(event, actor('cancilleria', 'HN'), fiscalHN)).toBe(true);
      expect(mayTake(event, actor('cancilleria', 'GT'), fiscalHN)).toBe(false);
      for (const role of ['fiscal', 'central_authority', 'supervisor'] as Role[]) expect(mayTake(event, actor(role, 'HN'), fiscalHN)).toBe(false);
      expect(mayTake(event, actor('admin', null), fiscalHN)).toBe(false);
    }
  });

  it('the admin, or the supervisor of the fiscal’s country, nominates', () => {
    expect(mayTake('NOMINATE', actor('admin', null), fiscalHN)).toBe(true);
    expect(mayTake('NOMINATE', actor('supervisor', 'HN'), fiscalHN)).toBe(true);
    expect(mayTake('NOMINATE', actor('supervisor', 'GT'), fiscalHN)).toBe(false);
    expect(mayTake('NOMINATE', actor('cancilleria', 'HN'), fiscalHN)).toBe(false);
    expect(rolesFor('NOMINATE')).toEqual(['admin', 'supervisor']);
    expect(rolesFor('REVOKE')).toEqual(['cancilleria']);
  });

  it('the history of a person is read by them, the admin, and their country’s cancillería and supervisor', () => {
    const subject = { id: 'u1', role: 'fiscal' as Role, country: 'HN' as const };
    expect(mayReadHistory({ id: 'u1', role: 'fiscal', country: 'HN' }, subject)).toBe(true);
    expect(mayReadHistory({ id: 'a', role: 'admin', country: null }, subject)).toBe(true);
    expect(mayReadHistory({ id: 'c', role: 'cancilleria', country: 'HN' }, subject)).toBe(true);
    expect(mayReadHistory({ id: 's', role: 'supervisor', country: 'HN' }, subject)).toBe(true);
    expect(mayReadHistory({ id: 'c2', role: 'cancilleria', country: 'GT' }, subject)).toBe(false);
    expect(mayReadHistory({ id: 'f2', role: 'fiscal', country: 'HN' }, subject)).toBe(false);
  });
});
