// The member countries as reviewed data: which instruments bind each one, which languages it takes a
// request in, and the offices involved. The facts live in country-profiles.json, each with the
// source it comes from, so a lawyer can check and amend them without reading code; this module only
// loads them, refuses a malformed file at startup, and answers questions about them.
import {
  COUNTRY_CODES,
  LANGUAGES,
  LEGAL_BASES,
  type CountryCode,
  type Language,
  type LegalBasis,
} from '../request/request.types.js';
import { DataReader, deepFreeze, readJsonFile, type DataSource, type Sourced } from './data-file.reader.js';

export type { DataSource } from './data-file.reader.js';

/**
 * How an instrument binds a pair of countries:
 * - `multilateral`: only when both countries are parties (a treaty binds no third state);
 * - `bilateral`: a treaty between exactly the two countries, which the request must name, since the
 *   platform keeps no register of bilateral treaties;
 * - `reciprocity`: no treaty at all; the requested state assists as a matter of comity, so it is
 *   available between any two countries (and it is the requested state's call whether to accept it).
 */
export const INSTRUMENT_KINDS = ['multilateral', 'bilateral', 'reciprocity'] as const;
export type InstrumentKind = (typeof INSTRUMENT_KINDS)[number];

// The closed vocabulary of request.types.ts fixes how each basis behaves; the data file must agree,
// or the rules below would apply a treaty as if it were comity.
const KIND_OF_BASIS: Readonly<Record<LegalBasis, InstrumentKind>> = {
  UNTOC_ART18: 'multilateral',
  SOM_PROTOCOL: 'multilateral',
  NASSAU_1992: 'multilateral',
  NASSAU_OP_1993: 'multilateral',
  CA_TREATY_1993: 'multilateral',
  BILATERAL: 'bilateral',
  RECIPROCITY: 'reciprocity',
};

export type LocalizedName = Readonly<Record<Language, string>>;

export type { Sourced };

export interface Instrument extends Sourced {
  readonly basis: LegalBasis;
  readonly kind: InstrumentKind;
  readonly name: LocalizedName;
}

/** An office named institutionally, in its own official language(s); never a person. */
export interface Institution extends Sourced {
  readonly name: Readonly<Partial<Record<Language, string>>>;
}

export interface TreatyMembership extends Sourced {
  readonly basis: LegalBasis;
}

export interface CountryProfile {
  readonly code: CountryCode;
  readonly name: Readonly<{ es: string; en: string }> & Sourced;
  /** Languages a request is accepted in (UNTOC art. 18(14): "a language acceptable to the requested State Party"). */
  readonly languages: Readonly<{ accepted: readonly Language[] }> & Sourced;
  /** The body designated to receive requests (UNTOC art. 18(13)). */
  readonly centralAuthority: Institution;
  /** The foreign ministry that authorizes and transmits the requests of its country's prosecutors. */
  readonly cancilleria: Institution;
  /** Multilateral instruments the country is a party to. */
  readonly treaties: readonly TreatyMembership[];
}

export interface CountryProfileTable {
  readonly version: string;
  readonly sources: readonly DataSource[];
  readonly instruments: readonly Instrument[];
  readonly countries: readonly CountryProfile[];
  readonly unconfirmed: readonly string[];
}

/** Validates the shape and the cross-references of a country-profiles file; throws DataFileError. */
export function parseCountryProfiles(raw: unknown, file = 'country-profiles.json'): CountryProfileTable {
  const r = new DataReader(file);
  const root = r.object(raw, '', ['version', 'sources', 'instruments', 'countries', 'unconfirmed'], ['review']);
  const version = r.isoDate(root.version, 'version');

  const sources = r.sources(root.sources, 'sources');
  const sourced = (value: Record<string, unknown>, path: string): Sourced => r.sourced(value, path, sources);

  const instruments = r.array(root.instruments, 'instruments').map((value, i): Instrument => {
    const path = `instruments[${i}]`;
    const o = r.object(value, path, ['basis', 'kind', 'name', 'source'], ['unconfirmed']);
    const basis = r.oneOf(o.basis, LEGAL_BASES, `${path}.basis`);
    const kind = r.oneOf(o.kind, INSTRUMENT_KINDS, `${path}.kind`);
    if (kind !== KIND_OF_BASIS[basis]) r.fail(`${path}.kind`, `${basis} is ${KIND_OF_BASIS[basis]}, not ${kind}`);
    const n = r.object(o.name, `${path}.name`, LANGUAGES);
    const name = Object.fromEntries(LANGUAGES.map((lang) => [lang, r.string(n[lang], `${path}.name.${lang}`)])) as LocalizedName;
    return { basis, kind, name, ...sourced(o, path) };
  });
  r.unique(instruments.map((i) => i.basis), 'instruments', 'legal basis');
  for (const basis of LEGAL_BASES) {
    if (!instruments.some((i) => i.basis === basis)) r.fail('instruments', `missing the legal basis ${basis}`);
  }
  const multilateral = instruments.filter((i) => i.kind === 'multilateral').map((i) => i.basis);

  const institution = (value: unknown, path: string): Institution => {
    const o = r.object(value, path, ['name', 'source'], ['unconfirmed']);
    const n = r.object(o.name, `${path}.name`, [], LANGUAGES);
    if (Object.keys(n).length === 0) r.fail(`${path}.name`, 'give the name in at least one language');
    const name = Object.fromEntries(Object.keys(n).map((lang) => [lang, r.string(n[lang], `${path}.name.${lang}`)]));
    return { name, ...sourced(o, path) };
  };

  const countries = r.array(root.countries, 'countries').map((value, i): CountryProfile => {
    const path = `countries[${i}]`;
    const c = r.object(value, path, ['code', 'name', 'languages', 'centralAuthority', 'cancilleria', 'treaties']);
    const code = r.oneOf(c.code, COUNTRY_CODES, `${path}.code`);
    const n = r.object(c.name, `${path}.name`, ['es', 'en', 'source'], ['unconfirmed']);
    const l = r.object(c.languages, `${path}.languages`, ['accepted', 'source'], ['unconfirmed']);
    const accepted = r
      .array(l.accepted, `${path}.languages.accepted`, { nonEmpty: true })
      .map((lang, j) => r.oneOf(lang, LANGUAGES, `${path}.languages.accepted[${j}]`));
    r.unique(accepted, `${path}.languages.accepted`, 'language');
    const treaties = r.array(c.treaties, `${path}.treaties`).map((t, j): TreatyMembership => {
      const tpath = `${path}.treaties[${j}]`;
      const o = r.object(t, tpath, ['basis', 'source'], ['unconfirmed']);
      // Membership is only meaningful for a multilateral instrument: a bilateral treaty is named on
      // the request, and reciprocity needs no treaty.
      return { basis: r.oneOf(o.basis, multilateral, `${tpath}.basis`), ...sourced(o, tpath) };
    });
    r.unique(treaties.map((t) => t.basis), `${path}.treaties`, 'treaty');
    return {
      code,
      name: { es: r.string(n.es, `${path}.name.es`), en: r.string(n.en, `${path}.name.en`), ...sourced(n, `${path}.name`) },
      languages: { accepted, ...sourced(l, `${path}.languages`) },
      centralAuthority: institution(c.centralAuthority, `${path}.centralAuthority`),
      cancilleria: institution(c.cancilleria, `${path}.cancilleria`),
      treaties,
    };
  });
  r.unique(countries.map((c) => c.code), 'countries', 'country');
  for (const code of COUNTRY_CODES) {
    if (!countries.some((c) => c.code === code)) r.fail('countries', `missing the member country ${code}`);
  }

  const unconfirmed = r.array(root.unconfirmed, 'unconfirmed').map((note, i) => r.string(note, `unconfirmed[${i}]`));
  return deepFreeze({ version, sources, instruments, countries, unconfirmed });
}

const TABLE = parseCountryProfiles(readJsonFile(new URL('./country-profiles.json', import.meta.url)));
const BY_CODE = new Map(TABLE.countries.map((c) => [c.code, c]));
const BY_BASIS = new Map(TABLE.instruments.map((i) => [i.basis, i]));

export const COUNTRY_PROFILES_VERSION: string = TABLE.version;
export const COUNTRY_PROFILE_SOURCES: readonly DataSource[] = TABLE.sources;
/** The eleven members, in the order of COUNTRY_CODES. */
export const COUNTRY_PROFILES: readonly CountryProfile[] = Object.freeze(COUNTRY_CODES.map((code) => BY_CODE.get(code)!));
/** The catalogue of legal bases, in the order of LEGAL_BASES. */
export const INSTRUMENTS: readonly Instrument[] = Object.freeze(LEGAL_BASES.map((basis) => BY_BASIS.get(basis)!));
/** What the data file itself says could not be confirmed. */
export const COUNTRY_PROFILES_UNCONFIRMED: readonly string[] = TABLE.unconfirmed;

export function countryProfile(code: CountryCode): CountryProfile {
  const profile = BY_CODE.get(code);
  if (!profile) throw new RangeError(`Unknown member country "${String(code)}"; expected one of ${COUNTRY_CODES.join(', ')}`);
  return profile;
}

export function instrument(basis: LegalBasis): Instrument {
  const found = BY_BASIS.get(basis);
  if (!found) throw new RangeError(`Unknown legal basis "${String(basis)}"; expected one of ${LEGAL_BASES.join(', ')}`);
  return found;
}

/** The instrument's name as printed on a document in `lang`. */
export function instrumentName(basis: LegalBasis, lang: Language): string {
  return instrument(basis).name[lang];
}

/** Languages in which `code` accepts a request, in its order of preference. */
export function acceptedLanguages(code: CountryCode): readonly Language[] {
  return countryProfile(code).languages.accepted;
}

/** Whether `code` is a party to the multilateral instrument `basis` (false for BILATERAL and RECIPROCITY). */
export function isPartyTo(code: CountryCode, basis: LegalBasis): boolean {
  return countryProfile(code).treaties.some((t) => t.basis === basis);
}
