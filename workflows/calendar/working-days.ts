// Working-day arithmetic for service levels. A deadline stated in working days is counted on the
// calendar of the office that must act (a Guatemalan cancillería does not work on Guatemala's Holy
// Thursday, whatever the requested country's calendar says), so each country has its own holidays,
// kept as reviewed data in holidays.json.
//
// Dates are UTC calendar days: a Date belongs to the day of its UTC date, and weekends and holidays
// are whole UTC days. The members span UTC-8 to UTC-4, so an instant late in the evening in Central
// America already falls on the next UTC day; callers that need the local day must pass an instant
// inside it (e.g. noon local time). Adding days keeps the time of day, and needs no daylight-saving
// care since UTC has none.
import { COUNTRY_CODES, type CountryCode } from '../request/request.types.js';
import { DataReader, deepFreeze, readJsonFile, type DataSource } from '../rules/data-file.reader.js';

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

const DAY_MS = 86_400_000;
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

const utcDay = (date: Date): string => date.toISOString().slice(0, 10);

/** Saturday or Sunday (the weekend of all eleven members). */
export function isWeekend(date: Date): boolean {
  checkDate(date, 'date');
  const day = date.getUTCDay();
  return day === 0 || day === 6;
}

/** Whether holidays.json lists `country`'s holidays for `year`; outside it only weekends are known. */
export function hasHolidayData(country: CountryCode, year: number): boolean {
  return calendarOf(country).years.includes(year);
}

/** The holiday (full or half day) of `country` on the UTC day of `date`, if any. */
export function holidayOn(country: CountryCode, date: Date): Holiday | undefined {
  checkDate(date, 'date');
  calendarOf(country);
  return HOLIDAY_BY_DAY.get(country)?.get(utcDay(date));
}

/**
 * Whether `country`'s offices work on the UTC day of `date`: not a weekend, not a full-day holiday.
 * For a year without holiday data (see hasHolidayData) only weekends are non-working: a deadline then
 * errs on the early side rather than on the late one.
 */
export function isWorkingDay(country: CountryCode, date: Date): boolean {
  if (isWeekend(date)) return false;
  const holiday = holidayOn(country, date);
  return !holiday || holiday.halfDay === true;
}

/** `start` plus `days` calendar days (any integer), keeping the time of day. */
export function addCalendarDays(start: Date, days: number): Date {
  checkDate(start, 'start');
  if (!Number.isInteger(days)) throw new RangeError(`days must be an integer, got ${days}`);
  return new Date(start.getTime() + days * DAY_MS);
}

/**
 * `start` plus `days` working days of `country`, keeping the time of day: submitted on Monday 10:00
 * with 5 working days, due the next Monday 10:00 (the next Tuesday 10:00 if a holiday falls between).
 * A start on a non-working day counts from the next working day, as if received then (submitted on
 * Saturday 10:00: Monday 10:00 is day 0). With 0 days, that first working day is returned.
 */
export function addWorkingDays(country: CountryCode, start: Date, days: number): Date {
  checkDate(start, 'start');
  calendarOf(country);
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`days must be a non-negative integer, got ${days}`);
  let day = start;
  while (!isWorkingDay(country, day)) day = addCalendarDays(day, 1);
  for (let left = days; left > 0; ) {
    day = addCalendarDays(day, 1);
    if (isWorkingDay(country, day)) left -= 1;
  }
  return day;
}

/**
 * The working days of `country` after the UTC day of `a` up to and including the UTC day of `b`
 * (negative when `b` is before `a`). From a working day, it undoes addWorkingDays:
 * workingDaysBetween(c, a, addWorkingDays(c, a, n)) === n.
 */
export function workingDaysBetween(country: CountryCode, a: Date, b: Date): number {
  checkDate(a, 'a');
  checkDate(b, 'b');
  calendarOf(country);
  const from = Date.parse(utcDay(a));
  const to = Date.parse(utcDay(b));
  if (to < from) return -workingDaysBetween(country, b, a);
  let count = 0;
  for (let t = from + DAY_MS; t <= to; t += DAY_MS) if (isWorkingDay(country, new Date(t))) count += 1;
  return count;
}
