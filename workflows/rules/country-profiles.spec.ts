import { readFileSync } from 'node:fs';
import { COUNTRY_CODES, LEGAL_BASES } from '../request/request.types.js';
import {
  COUNTRY_PROFILES,
  COUNTRY_PROFILES_VERSION,
  acceptedLanguages,
  countryProfile,
  instrumentName,
  isPartyTo,
  parseCountryProfiles,
} from './country-profiles.js';
import { DataFileError } from './data-file.reader.js';

const rawFile = (): Record<string, any> =>
  JSON.parse(readFileSync(new URL('./country-profiles.json', import.meta.url), 'utf8')) as Record<string, any>;

describe('country profiles', () => {
  it('holds one profile per member country, in the order of COUNTRY_CODES, under a dated version', () => {
    expect(COUNTRY_PROFILES.map((p) => p.code)).toEqual([...COUNTRY_CODES]);
    expect(COUNTRY_PROFILES_VERSION).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('gives the languages of the domain brief table', () => {
    expect(acceptedLanguages('BZ')).toEqual(['en']);
    expect(acceptedLanguages('CA')).toEqual(['en', 'fr']);
    expect(acceptedLanguages('US')).toEqual(['en']);
    for (const code of ['CR', 'SV', 'GT', 'HN', 'MX', 'NI', 'PA', 'DO'] as const) expect(acceptedLanguages(code)).toEqual(['es']);
  });

  it('names every country in Spanish and English, and its offices institutionally', () => {
    expect(countryProfile('DO').name).toMatchObject({ es: 'República Dominicana', en: 'Dominican Republic' });
    expect(countryProfile('US').centralAuthority.name.en).toContain('Office of International Affairs');
    expect(countryProfile('MX').centralAuthority.name.es).toBe('Fiscalía General de la República');
    for (const profile of COUNTRY_PROFILES) {
      expect(Object.values(profile.cancilleria.name).length).toBeGreaterThan(0);
      // Institutional contacts only: no e-mail address or phone number slipped into the data.
      expect(JSON.stringify(profile)).not.toMatch(/@|\+\d{3}|\(\d{3}\)/);
    }
  });

  it('names each legal basis in Spanish, English and French', () => {
    expect(instrumentName('UNTOC_ART18', 'es')).toBe('Convención de las Naciones Unidas contra la Delincuencia Organizada Transnacional, art. 18');
    expect(instrumentName('UNTOC_ART18', 'en')).toBe('United Nations Convention against Transnational Organized Crime, art. 18');
    expect(instrumentName('NASSAU_1992', 'fr')).toContain('Convention interaméricaine');
    for (const basis of LEGAL_BASES) for (const lang of ['es', 'en', 'fr'] as const) expect(instrumentName(basis, lang)).not.toBe('');
  });

  it('records membership only of multilateral instruments', () => {
    expect(isPartyTo('GT', 'BILATERAL')).toBe(false);
    expect(isPartyTo('GT', 'RECIPROCITY')).toBe(false);
    expect(isPartyTo('GT', 'CA_TREATY_1993')).toBe(true);
  });

  it('refuses an unknown country code', () => {
    expect(() => countryProfile('XX' as never)).toThrow(/Unknown member country "XX"/);
  });

  it('returns frozen data that callers cannot edit', () => {
    expect(() => (acceptedLanguages('MX') as string[]).push('en')).toThrow(TypeError);
  });
});

describe('parseCountryProfiles (a malformed file stops the process with its path)', () => {
  const parse = (mutate: (raw: Record<string, any>) => void): (() => unknown) => {
    const raw = rawFile();
    mutate(raw);
    return () => parseCountryProfiles(raw);
  };

  it('accepts the shipped file', () => {
    expect(parse(() => {})).not.toThrow();
  });

  it.each([
    ['a missing member', (raw: Record<string, any>) => raw.countries.pop(), /countries: missing the member country DO/],
    ['a duplicate member', (raw: Record<string, any>) => (raw.countries[1].code = 'BZ'), /countries\[1\]: duplicate country "BZ"/],
    ['an unknown language', (raw: Record<string, any>) => (raw.countries[0].languages.accepted = ['pt']), /countries\[0\]\.languages\.accepted\[0\]: expected one of es, en, fr, got "pt"/],
    ['an undeclared source', (raw: Record<string, any>) => (raw.countries[2].treaties[0].source = 'wikipedia'), /countries\[2\]\.treaties\[0\]\.source: expected one of/],
    ['membership of a non-treaty', (raw: Record<string, any>) => raw.countries[0].treaties.push({ basis: 'RECIPROCITY', source: 'domain-brief' }), /countries\[0\]\.treaties\[2\]\.basis/],
    ['a misspelt key', (raw: Record<string, any>) => (raw.countries[0].cancilleria.unconfirmd = 'x'), /countries\[0\]\.cancilleria: unknown key "unconfirmd"/],
    ['an instrument without its French name', (raw: Record<string, any>) => delete raw.instruments[0].name.fr, /instruments\[0\]\.name: missing "fr"/],
    ['a treaty declared as comity', (raw: Record<string, any>) => (raw.instruments[2].kind = 'reciprocity'), /instruments\[2\]\.kind: NASSAU_1992 is multilateral/],
  ])('refuses %s', (_what, mutate, message) => {
    const run = parse(mutate);
    expect(run).toThrow(DataFileError);
    expect(run).toThrow(message);
  });
});
