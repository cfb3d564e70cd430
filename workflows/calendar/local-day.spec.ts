import { addDays, daysBetween, endOfLocalDay, localDate, localTimeOfDay, zonedNoon, zonedTime } from './local-day.js';

const at = (iso: string): Date => new Date(iso);
const HOUR = 3_600_000;

describe('localDate', () => {
  it('reads the date on the zone\'s clock on both sides of its midnight', () => {
    expect(localDate(at('2026-12-31T23:59:00Z'), 'UTC')).toBe('2026-12-31');
    expect(localDate(at('2027-01-01T01:00:00Z'), 'America/Guatemala')).toBe('2026-12-31'); // 19:00 on New Year's Eve
    expect(localDate(at('2027-01-01T05:59:59.999Z'), 'America/Guatemala')).toBe('2026-12-31');
    expect(localDate(at('2027-01-01T06:00:00Z'), 'America/Guatemala')).toBe('2027-01-01');
    expect(localDate(at('2026-07-01T03:59:59Z'), 'America/New_York')).toBe('2026-06-30'); // EDT, UTC-4
    expect(localDate(at('2026-12-01T04:59:59Z'), 'America/New_York')).toBe('2026-11-30'); // EST, UTC-5
    expect(localDate(at('2026-12-01T04:00:00Z'), 'America/Santo_Domingo')).toBe('2026-12-01');
  });

  it('gives the local time of day', () => {
    expect(localTimeOfDay(at('2026-03-07T00:30:00Z'), 'America/Guatemala')).toBe(18.5 * HOUR);
    expect(localTimeOfDay(at('2026-03-07T00:30:00.250Z'), 'America/Guatemala')).toBe(18.5 * HOUR + 250);
  });
});

describe('zonedTime', () => {
  it('undoes localDate and localTimeOfDay (but for the second showing of an hour the clocks repeat)', () => {
    for (const zone of ['America/Guatemala', 'America/New_York', 'America/Toronto', 'America/Mexico_City', 'America/Santo_Domingo']) {
      for (const iso of ['2026-01-15T03:20:00Z', '2026-03-08T06:59:59Z', '2026-03-08T07:00:00Z', '2026-07-04T23:00:00Z', '2026-11-01T05:30:00Z', '2026-11-01T07:30:00Z']) {
        const t = at(iso);
        expect(zonedTime(localDate(t, zone), localTimeOfDay(t, zone), zone)).toEqual(t);
      }
    }
  });

  it('reads a time the clocks skip with the offset before the change, a repeated one as its first showing', () => {
    // New York, 8 March 2026: 02:00 EST becomes 03:00 EDT; 02:30 does not exist, read as 02:30 EST = 03:30 EDT.
    expect(zonedTime('2026-03-08', 2.5 * HOUR, 'America/New_York')).toEqual(at('2026-03-08T07:30:00Z'));
    // 1 November 2026: 01:30 is shown twice; the first is EDT.
    expect(zonedTime('2026-11-01', 1.5 * HOUR, 'America/New_York')).toEqual(at('2026-11-01T05:30:00Z'));
  });

  it('gives noon and the end of a local day', () => {
    expect(zonedNoon('2026-03-06', 'America/Guatemala')).toEqual(at('2026-03-06T18:00:00Z'));
    expect(endOfLocalDay('2026-03-31', 'America/Guatemala')).toEqual(at('2026-04-01T05:59:59.999Z'));
    // The days the clocks change in New York are 23 and 25 hours long.
    expect(endOfLocalDay('2026-03-08', 'America/New_York')).toEqual(at('2026-03-09T03:59:59.999Z'));
    expect(endOfLocalDay('2026-11-01', 'America/New_York')).toEqual(at('2026-11-02T04:59:59.999Z'));
    expect(endOfLocalDay('2026-03-07', 'America/New_York')).toEqual(at('2026-03-08T04:59:59.999Z'));
  });

  it('adds and counts calendar days', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(daysBetween('2026-11-23', '2026-12-15')).toBe(22);
    expect(() => zonedTime('2026-02-30x', 0, 'UTC')).toThrow(RangeError);
  });
});
