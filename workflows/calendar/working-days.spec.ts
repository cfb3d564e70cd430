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

  it('treats UTC calendar days: the day of the instant in UTC decides', () => {
    // 2026-09-14 20:00 in Guatemala (UTC-6) is already 15 September in UTC.
    expect(isWorkingDay('GT', at('2026-09-15T02:00:00Z'))).toBe(false);
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
