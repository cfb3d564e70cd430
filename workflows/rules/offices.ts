// The offices that issue and receive the documents of Enlace, as reviewed data: the letterhead a
// clerk expects on a note (institution, address, city, optional emblem), the formal name with its
// article that opens and closes a diplomatic note, the time zone its dates are written in, and the
// code of its yearly note numbers. The facts live in offices.json, each with its source or marked
// unconfirmed, like the country profiles; this module loads them, refuses a malformed file at
// startup, and answers which office acts for a role of a country.
import { readFileSync } from 'node:fs';
import { ROLES, type Role } from '../request/request.events.js';
import { COUNTRY_CODES, LANGUAGES, type CountryCode, type Language } from '../request/request.types.js';
import { DataReader, deepFreeze, readJsonFile, type DataSource } from './data-file.reader.js';
import { localDate } from '../calendar/local-day.js';
import type { Sourced } from './country-profiles.js';

/** What an office does on the platform: prosecutes (fiscales and their supervisors), authorizes and transmits, or receives. */
export const OFFICE_FUNCTIONS = ['prosecution', 'cancilleria', 'central_authority'] as const;
export type OfficeFunction = (typeof OFFICE_FUNCTIONS)[number];

type Localized = Readonly<Partial<Record<Language, string>>>;

export interface Office {
  /** Stable id (`GT-MINEX`): the key of its note sequence, never printed. */
  readonly id: string;
  readonly country: CountryCode;
  readonly serves: readonly OfficeFunction[];
  /** The institution as its letterhead names it, in its own official language(s). */
  readonly institution: { readonly name: Localized } & Sourced;
  /** The formal name with its article, as a note opens ("El Ministerio de Relaciones Exteriores de …"), per language. */
  readonly subject: { readonly name: Localized } & Sourced;
  /** Street address lines; empty where it could not be confirmed (the city is printed all the same). */
  readonly address: { readonly lines: readonly string[] } & Sourced;
  readonly city: { readonly name: Localized } & Sourced;
  /** IANA zone: a note is dated where it is signed (23:30 in Guatemala is not tomorrow). */
  readonly timeZone: { readonly id: string } & Sourced;
  /** The prefix of the office's note numbers (`MINEX-GT/2026/00017`). */
  readonly noteCode: string;
  /** A PNG or JPEG emblem next to the data file, as a data URL, when the office has one on file. */
  readonly emblem?: { readonly dataUrl: string } & Sourced;
}

export interface OfficeTable {
  readonly version: string;
  readonly sources: readonly DataSource[];
  readonly offices: readonly Office[];
}

const EMBLEM_TYPES: Readonly<Record<string, string>> = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg' };

function validTimeZone(id: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: id });
    return true;
  } catch {
    return false;
  }
}

/** Validates an offices file; `base` is where emblem files are looked up. Throws DataFileError. */
export function parseOffices(raw: unknown, file = 'offices.json', base: URL = new URL('./', import.meta.url)): OfficeTable {
  const r: DataReader = new DataReader(file);
  const root = r.object(raw, '', ['version', 'sources', 'offices'], ['review']);
  const version = r.isoDate(root.version, 'version');
  const sources = r.sources(root.sources, 'sources');
  const sourced = (value: Record<string, unknown>, path: string): Sourced => r.sourced(value, path, sources);
  const localized = (value: unknown, path: string): Localized => {
    const n = r.object(value, path, [], LANGUAGES);
    if (Object.keys(n).length === 0) r.fail(path, 'give the name in at least one language');
    return Object.fromEntries(Object.keys(n).map((lang) => [lang, r.string(n[lang], `${path}.${lang}`)]));
  };
  const named = (value: unknown, path: string) => {
    const o = r.object(value, path, ['name', 'source'], ['unconfirmed']);
    return { name: localized(o.name, `${path}.name`), ...sourced(o, path) };
  };

  const offices = r.array(root.offices, 'offices', { nonEmpty: true }).map((value, i): Office => {
    const path = `offices[${i}]`;
    const o = r.object(value, path, ['id', 'country', 'serves', 'institution', 'subject', 'address', 'city', 'timeZone', 'noteCode'], ['emblem']);
    const serves = r.array(o.serves, `${path}.serves`, { nonEmpty: true }).map((f, j) => r.oneOf(f, OFFICE_FUNCTIONS, `${path}.serves[${j}]`));
    const address = r.object(o.address, `${path}.address`, ['lines', 'source'], ['unconfirmed']);
    const lines = r.array(address.lines, `${path}.address.lines`).map((line, j) => r.string(line, `${path}.address.lines[${j}]`));
    if (lines.length === 0 && address.unconfirmed === undefined) r.fail(`${path}.address`, 'an office without an address must say why (unconfirmed)');
    const zone = r.object(o.timeZone, `${path}.timeZone`, ['id', 'source'], ['unconfirmed']);
    const zoneId = r.string(zone.id, `${path}.timeZone.id`);
    if (!validTimeZone(zoneId)) r.fail(`${path}.timeZone.id`, `"${zoneId}" is not an IANA time zone`);
    let emblem: Office['emblem'];
    if (o.emblem !== undefined) {
      const e = r.object(o.emblem, `${path}.emblem`, ['file', 'source'], ['unconfirmed']);
      const name = r.string(e.file, `${path}.emblem.file`);
      const type = EMBLEM_TYPES[name.slice(name.lastIndexOf('.')).toLowerCase()];
      if (!type || name.includes('/') || name.includes('\\')) r.fail(`${path}.emblem.file`, 'a .png or .jpg file name beside the data file');
      let bytes: Buffer;
      try {
        bytes = readFileSync(new URL(name, base));
      } catch {
        r.fail(`${path}.emblem.file`, `cannot read ${name}`);
      }
      emblem = { dataUrl: `data:${type};base64,${bytes.toString('base64')}`, ...sourced(e, `${path}.emblem`) };
    }
    return {
      id: r.string(o.id, `${path}.id`),
      country: r.oneOf(o.country, COUNTRY_CODES, `${path}.country`),
      serves,
      institution: named(o.institution, `${path}.institution`),
      subject: named(o.subject, `${path}.subject`),
      address: { lines, ...sourced(address, `${path}.address`) },
      city: named(o.city, `${path}.city`),
      timeZone: { id: zoneId, ...sourced(zone, `${path}.timeZone`) },
      noteCode: r.string(o.noteCode, `${path}.noteCode`),
      ...(emblem && { emblem }),
    };
  });
  r.unique(offices.map((o) => o.id), 'offices', 'office id');
  r.unique(offices.map((o) => o.noteCode), 'offices', 'note code');
  // Every member country has one office for each function, so every document has an issuer.
  for (const country of COUNTRY_CODES) {
    for (const fn of OFFICE_FUNCTIONS) {
      const serving = offices.filter((o) => o.country === country && o.serves.includes(fn));
      if (serving.length !== 1) r.fail('offices', `${country} needs exactly one office serving ${fn}, has ${serving.length}`);
    }
    // A country's days (its deadlines, its liaisons' end dates, its reference years) are read on one
    // clock: its offices sit in the capital.
    const zones = new Set(offices.filter((o) => o.country === country).map((o) => o.timeZone.id));
    if (zones.size !== 1) r.fail('offices', `${country}'s offices must share one time zone, have ${[...zones].join(', ')}`);
  }
  return deepFreeze({ version, sources, offices });
}

const TABLE = parseOffices(readJsonFile(new URL('./offices.json', import.meta.url)));

export const OFFICES_VERSION: string = TABLE.version;
export const OFFICES: readonly Office[] = TABLE.offices;

/** Which function a user's role exercises: a supervisor signs for the prosecution service. */
export function officeFunctionOf(role: Role | string): OfficeFunction | undefined {
  if (!(ROLES as readonly string[]).includes(role)) return undefined;
  if (role === 'fiscal' || role === 'supervisor') return 'prosecution';
  if (role === 'cancilleria' || role === 'central_authority') return role;
  return undefined;
}

/** The office that acts for `role` in `country`; none for the platform's administrators. */
export function officeFor(country: CountryCode | string | null | undefined, role: Role | string): Office | undefined {
  const fn = officeFunctionOf(role);
  if (!fn || !country) return undefined;
  return TABLE.offices.find((o) => o.country === country && o.serves.includes(fn));
}

export function officeById(id: string): Office | undefined {
  return TABLE.offices.find((o) => o.id === id);
}

/**
 * The calendar year at `at` in the office's time zone: a note signed at 23:30 on 31 December in
 * Guatemala belongs to that year's sequence, not to the next one (UTC is already 1 January).
 */
export function localYear(at: Date, timeZone: string): number {
  return Number(localDate(at, timeZone).slice(0, 4));
}

/**
 * The time zone of `country`'s offices (one per country: parseOffices refuses a file where they
 * differ), on whose clocks that country's days are counted: the working days its offices owe, the
 * last day of its liaisons' authorizations, the year of its requests' references.
 */
export function countryTimeZone(country: CountryCode): string {
  const office = TABLE.offices.find((o) => o.country === country);
  if (!office) throw new RangeError(`Unknown member country "${String(country)}"`);
  return office.timeZone.id;
}

/**
 * The date it is at `now` for the offices (and users) of `country`; UTC's date for no country (the
 * platform's administrators). A cancillería's "until 31 March" runs to midnight in its own capital.
 */
export const dateIn = (country: CountryCode | string | null | undefined, now: Date): string =>
  localDate(now, country ? countryTimeZone(country as CountryCode) : 'UTC');
