// Working-day arithmetic for service levels. A deadline stated in working days is counted on the
// calendar of the office that must act (a Guatemalan cancillería does not work on Guatemala's Holy
// Thursday, whatever the requested country's calendar says), so each country has its own holidays,
// kept as reviewed data in holidays.json.
//
// Days are the country's own: an instant belongs to the date its offices' clocks show
// (countryTimeZone, from offices.json), and weekends and holidays are whole local days. 18:30 on a
// Friday in Guatemala is a Friday there, though UTC is already Saturday. Adding days keeps the local
// time of day, across a change of the clocks too (10:00 in New York stays 10:00 after March's).
import { COUNTRY_CODES, type CountryCode } from '../request/request.types.js';
import { DataReader, deepFreeze, readJsonFile, type DataSource } from '../rules/data-file.reader.js';
import { countryTimeZone } from '../rules/offices.js';
import { addDays, localDate, localTimeOfDay, weekdayOf, zonedTime, type LocalDay } from './local-day.js';

export interface Holiday {
  /** The day the offices are closed (YYYY-MM-DD). */
  readonly date: string;
  readonly name: string;
  readonly source: string;
  /** Only part of the day is off (e.g. from noon): still a working day, the office acts that morning. */
  readonly halfDay?: boolean;
  /** A holiday of the capital only, where the foreign ministry and the central authority sit. */
  readonly scope?: string;
  /** The legal date, when the law moves the day off to another one (e.g. to a Monday). */
  readonly observedFrom?: string;
  readonly note?: string;
}

export interface CountryCalendar {
  /** The years whose holidays are listed; other years know only weekends. */
  readonly years: readonly number[];
  readonly holidays: readonly Holiday[];
}

export interface HolidayTable {
  readonly version: string;
  readonly sources: readonly DataSource[];
  readonly countries: Readonly<Record<CountryCode, CountryCalendar>>;
  readonly unconfirmed: readonly { readonly country: CountryCode; readonly note: string }[];
}

/** Validates a holidays file (shape, real dates within the declared years, no day twice); throws DataFileError. */
export function parseHolidays(raw: unknown, file = 'holidays.json'): HolidayTable {
  const r = new DataReader(file);
  const root = r.object(raw, '', ['version', 'sources', 'countries', 'unconfirmed'], ['review', 'conventions']);
  const version = r.isoDate(root.version, 'version');
  const sources = r.sources(root.sources, 'sources');
  const sourceIds = sources.map((s) => s.id);

  const byCountry = r.object(root.countries, 'countries', COUNTRY_CODES);
  const countries = Object.fromEntries(
    COUNTRY_CODES.map((code): [CountryCode, CountryCalendar] => {
      const path = `countries.${code}`;
      const c = r.object(byCountry[code], path, ['years', 'holidays']);
      const years = r.array(c.years, `${path}.years`).map((y, i) => r.integer(y, `${path}.years[${i}]`, 1900));
      r.unique(years.map(String), `${path}.years`, 'year');
      const holidays = r.array(c.holidays, `${path}.holidays`).map((value, i): Holiday => {
        const hpath = `${path}.holidays[${i}]`;
        const h = r.object(value, hpath, ['date', 'name', 'source'], ['halfDay', 'scope', 'observedFrom', 'note']);
        const date = r.isoDate(h.date, `${hpath}.date`);
        if (!years.includes(Number(date.slice(0, 4)))) r.fail(`${hpath}.date`, `${date} is outside the years ${years.join(', ')}`);
        return {
          date,
          name: r.string(h.name, `${hpath}.name`),
          source: r.oneOf(h.source, sourceIds, `${hpath}.source`),
          ...(h.halfDay !== undefined && { halfDay: r.boolean(h.halfDay, `${hpath}.halfDay`) }),
          ...(h.scope !== undefined && { scope: r.string(h.scope, `${hpath}.scope`) }),
          ...(h.observedFrom !== undefined && { observedFrom: r.isoDate(h.observedFrom, `${hpath}.observedFrom`) }),
          ...(h.note !== undefined && { note: r.string(h.note, `${hpath}.note`) }),
        };
      });
      r.unique(holidays.map((h) => h.date), `${path}.holidays`, 'date');
      return [code, { years, holidays }];
    }),
  ) as Record<CountryCode, CountryCalendar>;

  const unconfirmed = r.array(root.unconfirmed, 'unconfirmed').map((value, i) => {
    const u = r.object(value, `unconfirmed[${i}]`, ['country', 'note']);
    return { country: r.oneOf(u.country, COUNTRY_CODES, `unconfirmed[${i}].country`), note: r.string(u.note, `unconfirmed[${i}].note`) };
  });
  return deepFreeze({ version, sources, countries, unconfirmed });
}

export const HOLIDAYS: HolidayTable = parseHolidays(readJsonFile(new URL('./holidays.json', import.meta.url)));

const HOLIDAY_BY_DAY = new Map(
  COUNTRY_CODES.map((code) => [code, new Map(HOLIDAYS.countries[code].holidays.map((h) => [h.date, h]))] as const),
);

function checkDate(date: Date, what: string): void {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) throw new TypeError(`${what} is not a valid Date`);
}

function calendarOf(country: CountryCode): CountryCalendar {
  const calendar = HOLIDAYS.countries[country];
  if (!calendar) throw new RangeError(`Unknown member country "${String(country)}"; expected one of ${COUNTRY_CODES.join(', ')}`);
  return calendar;
}

/** The date `date` falls on in `country`'s offices. */
export function officeDay(country: CountryCode, date: Date): LocalDay {
  checkDate(date, 'date');
  calendarOf(country);
  return localDate(date, countryTimeZone(country));
}

const isWeekendDay = (day: LocalDay): boolean => weekdayOf(day) === 0 || weekdayOf(day) === 6;
const workingDay = (country: CountryCode, day: LocalDay): boolean => {
  if (isWeekendDay(day)) return false;
  const holiday = HOLIDAY_BY_DAY.get(country)?.get(day);
  return !holiday || holiday.halfDay === true;
};

/** Saturday or Sunday (the weekend of all eleven members) on the clocks of `timeZone` (UTC by default). */
export function isWeekend(date: Date, timeZone = 'UTC'): boolean {
  checkDate(date, 'date');
  return isWeekendDay(localDate(date, timeZone));
}

/** Whether holidays.json lists `country`'s holidays for `year`; outside it only weekends are known. */
export function hasHolidayData(country: CountryCode, year: number): boolean {
  return calendarOf(country).years.includes(year);
}

/** The holiday (full or half day) of `country` on its offices' day of `date`, if any. */
export function holidayOn(country: CountryCode, date: Date): Holiday | undefined {
  return HOLIDAY_BY_DAY.get(country)?.get(officeDay(country, date));
}

/**
 * Whether `country`'s offices work on their day of `date`: not a weekend, not a full-day holiday.
 * For a year without holiday data (see hasHolidayData) only weekends are non-working: a deadline then
 * errs on the early side rather than on the late one.
 */
export function isWorkingDay(country: CountryCode, date: Date): boolean {
  return workingDay(country, officeDay(country, date));
}

/** Whether `day` (YYYY-MM-DD, a date on the country's own calendar) is a working day there. */
export function isWorkingDate(country: CountryCode, day: LocalDay): boolean {
  calendarOf(country);
  return workingDay(country, day);
}

/**
 * `start` plus `days` calendar days (any integer), keeping the time of day on the clocks of
 * `timeZone` (UTC by default; a country's zone for its deadlines, so that a change of the clocks
 * between the two days moves neither the day nor the hour).
 */
export function addCalendarDays(start: Date, days: number, timeZone = 'UTC'): Date {
  checkDate(start, 'start');
  if (!Number.isInteger(days)) throw new RangeError(`days must be an integer, got ${days}`);
  return zonedTime(addDays(localDate(start, timeZone), days), localTimeOfDay(start, timeZone), timeZone);
}

/**
 * `start` plus `days` working days of `country`, counted on its offices' days and keeping their time
 * of day: submitted on Monday 10:00 with 5 working days, due the next Monday 10:00 (the next Tuesday
 * 10:00 if a holiday falls between). A start on a non-working day counts from the next working day,
 * as if received then (submitted on Saturday 10:00: Monday 10:00 is day 0). With 0 days, that first
 * working day is returned.
 */
export function addWorkingDays(country: CountryCode, start: Date, days: number): Date {
  checkDate(start, 'start');
  calendarOf(country);
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`days must be a non-negative integer, got ${days}`);
  const timeZone = countryTimeZone(country);
  let day = localDate(start, timeZone);
  while (!workingDay(country, day)) day = addDays(day, 1);
  for (let left = days; left > 0; ) {
    day = addDays(day, 1);
    if (workingDay(country, day)) left -= 1;
  }
  return zonedTime(day, localTimeOfDay(start, timeZone), timeZone);
}

/**
 * The working days of `country` after its offices' day of `a` up to and including their day of `b`
 * (negative when `b` is before `a`). From a working day, it undoes addWorkingDays:
 * workingDaysBetween(c, a, addWorkingDays(c, a, n)) === n.
 */
export function workingDaysBetween(country: CountryCode, a: Date, b: Date): number {
  checkDate(a, 'a');
  checkDate(b, 'b');
  const from = officeDay(country, a);
  const to = officeDay(country, b);
  if (to < from) return -workingDaysBetween(country, b, a);
  let count = 0;
  for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) if (workingDay(country, day)) count += 1;
  return count;
}
