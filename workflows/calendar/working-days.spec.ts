import { readFileSync } from 'node:fs';
import { COUNTRY_CODES, type CountryCode } from '../request/request.types.js';
import { DataFileError } from '../rules/data-file.reader.js';
import {
  HOLIDAYS,
  addCalendarDays,
  addWorkingDays,
  hasHolidayData,
  holidayOn,
  isWorkingDay,
  parseHolidays,
  workingDaysBetween,
} from './working-days.js';

const at = (iso: string): Date => new Date(iso);
const rawFile = (): Record<string, any> =>
  JSON.parse(readFileSync(new URL('./holidays.json', import.meta.url), 'utf8')) as Record<string, any>;

describe('isWorkingDay', () => {
  it('knows the weekend of every member', () => {
    for (const code of COUNTRY_CODES) {
      expect(isWorkingDay(code, at('2026-11-28T12:00:00Z'))).toBe(false); // Saturday
      expect(isWorkingDay(code, at('2026-11-29T12:00:00Z'))).toBe(false); // Sunday
    }
  });

  it("follows each country's own holidays", () => {
    const independenceDay = at('2026-09-15T15:00:00Z'); // Tuesday
    expect(isWorkingDay('GT', independenceDay)).toBe(false);
    expect(isWorkingDay('MX', independenceDay)).toBe(true);
    expect(isWorkingDay('MX', at('2026-09-16T15:00:00Z'))).toBe(false);
    expect(isWorkingDay('US', at('2026-11-26T15:00:00Z'))).toBe(false); // Thanksgiving
    expect(isWorkingDay('GT', at('2026-11-26T15:00:00Z'))).toBe(true);
  });

  it('counts a half-day holiday as a working day', () => {
    expect(holidayOn('GT', at('2026-12-24T15:00:00Z'))).toMatchObject({ halfDay: true });
    expect(isWorkingDay('GT', at('2026-12-24T15:00:00Z'))).toBe(true);
  });

  it('uses the day a holiday is taken when the law moves it', () => {
    // Decreto 19-2018: 30 June 2026, a Tuesday, is taken on Monday 29 June.
    expect(holidayOn('GT', at('2026-06-29T12:00:00Z'))).toMatchObject({ name: 'Día del Ejército', observedFrom: '2026-06-30' });
    expect(isWorkingDay('GT', at('2026-06-30T12:00:00Z'))).toBe(true);
    // US: Independence Day 2026 falls on a Saturday and is observed on Friday 3 July.
    expect(isWorkingDay('US', at('2026-07-03T12:00:00Z'))).toBe(false);
  });

  it("reads the day on the country's own clock, not UTC's", () => {
    // 2026-09-14 20:00 in Guatemala (UTC-6) is already 15 September in UTC, but still Monday 14 there;
    // 00:30 on the 15th in Guatemala is Independence Day.
    expect(isWorkingDay('GT', at('2026-09-15T02:00:00Z'))).toBe(true);
    expect(isWorkingDay('GT', at('2026-09-15T06:30:00Z'))).toBe(false);
    // Friday 6 March 2026, 18:30 in Guatemala (Saturday in UTC) is a working Friday.
    expect(isWorkingDay('GT', at('2026-03-07T00:30:00Z'))).toBe(true);
    expect(holidayOn('GT', at('2026-04-02T00:30:00Z'))).toMatchObject({ halfDay: true }); // Holy Wednesday 18:30, not Holy Thursday
    // New York: 23:30 on Wednesday 25 November (EST, UTC-5) is not yet Thanksgiving; 00:30 on the 26th is.
    expect(isWorkingDay('US', at('2026-11-26T04:30:00Z'))).toBe(true);
    expect(isWorkingDay('US', at('2026-11-26T05:30:00Z'))).toBe(false);
  });

  it('knows only weekends for a year without holiday data, and says so', () => {
    expect(hasHolidayData('GT', 2026)).toBe(true);
    expect(hasHolidayData('GT', 2031)).toBe(false);
    expect(isWorkingDay('GT', at('2031-01-01T12:00:00Z'))).toBe(true); // a Wednesday; New Year unknown
    expect(isWorkingDay('GT', at('2031-01-04T12:00:00Z'))).toBe(false); // a Saturday
  });
});

describe('addWorkingDays', () => {
  it('skips a weekend and keeps the time of day', () => {
    expect(addWorkingDays('MX', at('2026-11-27T10:30:00Z'), 1)).toEqual(at('2026-11-30T10:30:00Z'));
    expect(addWorkingDays('MX', at('2026-11-23T10:30:00Z'), 5)).toEqual(at('2026-11-30T10:30:00Z'));
  });

  it('skips a Guatemalan holiday', () => {
    // Monday 14 September + 1: Tuesday 15 is Independence Day, so Wednesday 16.
    expect(addWorkingDays('GT', at('2026-09-14T16:00:00Z'), 1)).toEqual(at('2026-09-16T16:00:00Z'));
  });

  it('skips Holy Week in Guatemala but not in Mexico, whose labour law has no Holy Thursday', () => {
    // Tuesday 31 March 2026 + 2: Wednesday (half day) counts; Thursday, Friday and the weekend do not.
    expect(addWorkingDays('GT', at('2026-03-31T15:00:00Z'), 2)).toEqual(at('2026-04-06T15:00:00Z'));
    expect(addWorkingDays('MX', at('2026-03-31T15:00:00Z'), 2)).toEqual(at('2026-04-02T15:00:00Z'));
  });

  it('counts from the next working day when started on a non-working day', () => {
    expect(addWorkingDays('GT', at('2026-11-28T10:00:00Z'), 0)).toEqual(at('2026-11-30T10:00:00Z'));
    expect(addWorkingDays('GT', at('2026-11-28T10:00:00Z'), 5)).toEqual(at('2026-12-07T10:00:00Z'));
    expect(addWorkingDays('GT', at('2026-09-15T10:00:00Z'), 1)).toEqual(at('2026-09-17T10:00:00Z'));
  });

  it("counts from the office's day on both sides of its midnight", () => {
    // Guatemala, 5 working days from Friday 6 March 2026: 17:30 and 18:30 there (the second is Saturday in UTC)
    // are both Friday, due Friday 13 March at the same hour.
    expect(addWorkingDays('GT', at('2026-03-06T23:30:00Z'), 5)).toEqual(at('2026-03-13T23:30:00Z'));
    expect(addWorkingDays('GT', at('2026-03-07T00:30:00Z'), 5)).toEqual(at('2026-03-14T00:30:00Z'));
    // Holy Wednesday 1 April 2026 at 18:30: Thursday and Friday are holidays in Guatemala, due Friday 10 April 18:30.
    expect(addWorkingDays('GT', at('2026-04-01T23:30:00Z'), 5)).toEqual(at('2026-04-10T23:30:00Z'));
    expect(addWorkingDays('GT', at('2026-04-02T00:30:00Z'), 5)).toEqual(at('2026-04-11T00:30:00Z'));
    // Past midnight in Guatemala (06:30 UTC) it is Saturday: counted from Monday.
    expect(addWorkingDays('GT', at('2026-03-07T06:30:00Z'), 5)).toEqual(at('2026-03-16T06:30:00Z'));
  });

  it('keeps the local hour across a change of the clocks (New York, 8 March 2026)', () => {
    // Friday 6 March 21:00 EST (Saturday 02:00 UTC) + 3: Wednesday 11 March 21:00 EDT.
    expect(addWorkingDays('US', at('2026-03-07T02:00:00Z'), 3)).toEqual(at('2026-03-12T01:00:00Z'));
    // Toronto changes on the same night: Friday 23:30 EST + 1 is Monday 23:30 EDT.
    expect(addWorkingDays('CA', at('2026-03-07T04:30:00Z'), 1)).toEqual(at('2026-03-10T03:30:00Z'));
  });

  it('refuses a negative or fractional count and an invalid date', () => {
    expect(() => addWorkingDays('GT', at('2026-11-23T10:00:00Z'), -1)).toThrow(RangeError);
    expect(() => addWorkingDays('GT', at('2026-11-23T10:00:00Z'), 1.5)).toThrow(RangeError);
    expect(() => addWorkingDays('GT', new Date('not a date'), 1)).toThrow(TypeError);
  });
});

describe('addCalendarDays and workingDaysBetween', () => {
  it('adds calendar days whatever the holidays', () => {
    expect(addCalendarDays(at('2026-12-24T09:00:00Z'), 7)).toEqual(at('2026-12-31T09:00:00Z'));
    expect(addCalendarDays(at('2026-03-01T09:00:00Z'), -1)).toEqual(at('2026-02-28T09:00:00Z'));
  });

  it('adds calendar days on a zone\'s clock, keeping the day and the hour across a change of the clocks', () => {
    // 23:30 EST on 5 January + 90 days: 23:30 EDT on 5 April (24 hours a day would give 00:30 on the 6th).
    expect(addCalendarDays(at('2026-01-06T04:30:00Z'), 90, 'America/New_York')).toEqual(at('2026-04-06T03:30:00Z'));
    expect(addCalendarDays(at('2026-01-06T04:30:00Z'), 90)).toEqual(at('2026-04-06T04:30:00Z'));
  });

  it("counts days left on the office's days", () => {
    // Monday 14 September 20:00 in Guatemala to Wednesday 16 at 10:00: Tuesday 15 is a holiday, one working day.
    expect(workingDaysBetween('GT', at('2026-09-15T02:00:00Z'), at('2026-09-16T16:00:00Z'))).toBe(1);
    // Monday 9 March 18:30 to Tuesday 10 at 10:00 in Guatemala: one working day, though both are Tuesday in UTC.
    expect(workingDaysBetween('GT', at('2026-03-10T00:30:00Z'), at('2026-03-10T16:00:00Z'))).toBe(1);
  });

  it('counts the working days after the first day up to and including the last', () => {
    // Tuesday 15 September is a holiday: Wed, Thu, Fri, Mon.
    expect(workingDaysBetween('GT', at('2026-09-14T08:00:00Z'), at('2026-09-21T20:00:00Z'))).toBe(4);
    expect(workingDaysBetween('GT', at('2026-09-21T20:00:00Z'), at('2026-09-14T08:00:00Z'))).toBe(-4);
    expect(workingDaysBetween('GT', at('2026-09-14T08:00:00Z'), at('2026-09-14T20:00:00Z'))).toBe(0);
  });

  it.each(COUNTRY_CODES.map((code) => [code]))('undoes addWorkingDays from a working day in %s', (code: CountryCode) => {
    for (const start of ['2025-03-03T12:00:00Z', '2026-03-30T12:00:00Z', '2026-12-21T12:00:00Z', '2027-09-13T12:00:00Z']) {
      for (const n of [0, 1, 5, 20]) {
        const due = addWorkingDays(code, at(start), n);
        const from = isWorkingDay(code, at(start)) ? at(start) : addWorkingDays(code, at(start), 0);
        expect(workingDaysBetween(code, from, due)).toBe(n);
      }
    }
  });
});

describe('holidays.json', () => {
  // Easter Sundays, written out independently of the data: Holy Thursday is 3 days before, Good Friday 2.
  const EASTER = { 2025: '2025-04-20', 2026: '2026-04-05', 2027: '2027-03-28' } as const;
  const shift = (iso: string, days: number): string => addCalendarDays(at(`${iso}T00:00:00Z`), days).toISOString().slice(0, 10);
  const dates = (code: CountryCode): string[] => HOLIDAYS.countries[code].holidays.map((h) => h.date);

  it('covers 2025, 2026 and 2027 for all eleven members', () => {
    for (const code of COUNTRY_CODES) for (const year of [2025, 2026, 2027]) expect(hasHolidayData(code, year)).toBe(true);
  });

  it.each(Object.entries(EASTER))('places the Easter holidays of %s', (_year, easter) => {
    for (const code of ['BZ', 'CA', 'CR', 'SV', 'GT', 'HN', 'NI', 'PA', 'DO'] as const) expect(dates(code)).toContain(shift(easter, -2));
    for (const code of ['CR', 'SV', 'GT', 'HN', 'NI'] as const) expect(dates(code)).toContain(shift(easter, -3));
    expect(dates('BZ')).toContain(shift(easter, 1)); // Easter Monday
    expect(dates('PA')).toContain(shift(easter, -47)); // Carnival Tuesday
    expect(dates('DO')).toContain(shift(easter, 60)); // Corpus Christi
  });

  it('puts the Mexican "Monday" holidays on Mondays (LFT art. 74)', () => {
    const mondays = HOLIDAYS.countries.MX.holidays.filter((h) => /lunes/.test(h.name));
    expect(mondays).toHaveLength(9);
    for (const h of mondays) expect(at(`${h.date}T12:00:00Z`).getUTCDay()).toBe(1);
  });

  it('puts US Thanksgiving on the fourth Thursday of November', () => {
    expect(HOLIDAYS.countries.US.holidays.filter((h) => h.name === 'Thanksgiving Day').map((h) => h.date)).toEqual([
      '2025-11-27',
      '2026-11-26',
      '2027-11-25',
    ]);
  });

  it('refuses a malformed file with the path of the bad value', () => {
    const bad = (mutate: (raw: Record<string, any>) => void): (() => unknown) => {
      const raw = rawFile();
      mutate(raw);
      return () => parseHolidays(raw);
    };
    expect(bad(() => {})).not.toThrow();
    expect(bad((raw) => (raw.countries.GT.holidays[0].date = '2026-02-30'))).toThrow(/countries\.GT\.holidays\[0\]\.date: expected a real date/);
    expect(bad((raw) => (raw.countries.GT.holidays[0].date = '2031-01-01'))).toThrow(/outside the years 2025, 2026, 2027/);
    expect(bad((raw) => (raw.countries.GT.holidays[1].date = raw.countries.GT.holidays[0].date))).toThrow(/duplicate date/);
    expect(bad((raw) => delete raw.countries.HN)).toThrow(DataFileError);
    expect(bad((raw) => (raw.countries.MX.holidays[0].source = 'blog'))).toThrow(/countries\.MX\.holidays\[0\]\.source/);
  });
});
