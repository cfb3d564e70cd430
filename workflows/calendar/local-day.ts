// Days as an office lives them. An office's day is the date on its own clock: 18:30 on Friday in
// Guatemala is still Friday there, though UTC is already Saturday. Deadlines, end dates and yearly
// sequences are counted on these days, never on UTC's (the members span UTC-8 to UTC-4, so the UTC
// day changes in the office's afternoon or evening). Canada, Mexico's border regions and the United
// States change their clocks: the day is read through the zone's rules, never with a fixed offset.

/** A calendar day, YYYY-MM-DD. */
export type LocalDay = string;

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function wallFormat(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** The wall clock of `timeZone` at `at`, written as if it were UTC (milliseconds since the epoch). */
function wallClock(at: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const p of wallFormat(timeZone).formatToParts(at)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const ms = ((at % 1000) + 1000) % 1000;
  return Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!, ms);
}

function checkDate(at: Date): void {
  if (!(at instanceof Date) || Number.isNaN(at.getTime())) throw new TypeError('not a valid Date');
}

/** The date at `at` on the clocks of `timeZone` (an IANA zone). */
export function localDate(at: Date, timeZone: string): LocalDay {
  checkDate(at);
  return new Date(wallClock(at.getTime(), timeZone)).toISOString().slice(0, 10);
}

/** The time of day at `at` in `timeZone`, in milliseconds since the local midnight. */
export function localTimeOfDay(at: Date, timeZone: string): number {
  checkDate(at);
  const wall = wallClock(at.getTime(), timeZone);
  return wall - Math.floor(wall / DAY_MS) * DAY_MS;
}

/**
 * The instant at which the clocks of `timeZone` show `day` and `timeOfDay` (milliseconds after
 * midnight). A time skipped when the clocks go forward is read with the offset before the change
 * (02:30 on the spring-forward night is 03:30), a time shown twice when they go back is the first one.
 */
export function zonedTime(day: LocalDay, timeOfDay: number, timeZone: string): Date {
  const wall = Date.parse(`${day}T00:00:00Z`) + timeOfDay;
  if (Number.isNaN(wall)) throw new RangeError(`not a date YYYY-MM-DD: "${day}"`);
  // The offset a few hours either side of the wall time: equal but at a change of the clocks.
  const offsetBefore = wallClock(wall - DAY_MS / 2, timeZone) - (wall - DAY_MS / 2);
  const offsetAfter = wallClock(wall + DAY_MS / 2, timeZone) - (wall + DAY_MS / 2);
  const first = wall - offsetBefore;
  if (wallClock(first, timeZone) === wall) return new Date(first);
  const second = wall - offsetAfter;
  return new Date(wallClock(second, timeZone) === wall ? second : first);
}

/** Noon of `day` in `timeZone`: an instant safely inside that local day whatever the clocks do. */
export const zonedNoon = (day: LocalDay, timeZone: string): Date => zonedTime(day, DAY_MS / 2, timeZone);

/** The last millisecond of `day` in `timeZone` (23:59:59.999 on its clocks). */
export const endOfLocalDay = (day: LocalDay, timeZone: string): Date => new Date(zonedTime(addDays(day, 1), 0, timeZone).getTime() - 1);

/** `day` plus `days` calendar days. */
export const addDays = (day: LocalDay, days: number): LocalDay => new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** Calendar days from `a` to `b` (negative when `b` is before `a`). */
export const daysBetween = (a: LocalDay, b: LocalDay): number => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);

/** 0 for Sunday to 6 for Saturday. */
export const weekdayOf = (day: LocalDay): number => new Date(`${day}T00:00:00Z`).getUTCDay();
