import type { CountryCode, Language } from '../../workflows/request/request.types.js';
import { countryTimeZone } from '../../workflows/rules/offices.js';

/**
 * The time zone a user reads dates in: their country's offices' (offices.json, the clock its
 * deadlines and end dates are counted on; the capital's where a country has several), UTC for users
 * of no country (the platform's administrators).
 */
export const timeZoneOf = (country: CountryCode | null | undefined): string => (country ? countryTimeZone(country) : 'UTC');

const LOCALES: Readonly<Record<Language, string>> = { es: 'es-419', en: 'en-GB', fr: 'fr-FR' };
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(lang: Language, timeZone: string, withTime: boolean): Intl.DateTimeFormat {
  const key = `${lang}|${timeZone}|${withTime}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(LOCALES[lang], {
      timeZone,
      dateStyle: 'medium',
      ...(withTime ? { timeStyle: 'short' } : {}),
    });
    formatters.set(key, format);
  }
  return format;
}

/** A moment (ISO date-time) as the reader's clock on the wall shows it. */
export function formatDateTime(iso: string, lang: Language, timeZone: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : formatter(lang, timeZone, true).format(date);
}

/** A calendar date (ISO yyyy-mm-dd, or the date of a moment in the reader's zone). */
export function formatDay(iso: string, lang: Language, timeZone: string): string {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(iso);
  const date = new Date(dateOnly ? `${iso}T12:00:00Z` : iso);
  return Number.isNaN(date.getTime()) ? iso : formatter(lang, dateOnly ? 'UTC' : timeZone, false).format(date);
}
