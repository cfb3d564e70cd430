import { COUNTRY_CODES, LEGAL_BASES, type CountryCode, type LegalBasis, type RequestFields } from '../request/request.types.js';
import { applicableLegalBases, legalBasisViolations } from './legal-basis.rules.js';

// The domain brief's membership lists, written out here independently of country-profiles.json so
// that a wrong edit of the data file fails this test instead of silently changing the law.
const ALL = [...COUNTRY_CODES];
const PARTIES: Record<'UNTOC_ART18' | 'SOM_PROTOCOL' | 'NASSAU_1992' | 'NASSAU_OP_1993' | 'CA_TREATY_1993', CountryCode[]> = {
  UNTOC_ART18: ALL,
  SOM_PROTOCOL: ALL,
  NASSAU_1992: ALL.filter((c) => !['BZ', 'DO'].includes(c)),
  // OAS A-59: of the members only the United States and Honduras.
  NASSAU_OP_1993: ['US', 'HN'],
  CA_TREATY_1993: ['CR', 'SV', 'GT', 'HN', 'NI', 'PA'],
};
// The register's bilateral treaties in force (channels.json), by id, written out independently.
const TREATIES: Record<string, string> = {
  'MX-US': 'MX-US-1987',
  'CA-US': 'CA-US-1985',
  'BZ-US': 'BZ-US-2000',
  'PA-US': 'PA-US-1991',
  'CA-MX': 'CA-MX-1990',
  'HN-MX': 'HN-MX-2004',
  'GT-MX': 'GT-MX',
  'MX-NI': 'MX-NI',
  'MX-PA': 'MX-PA',
  'DO-MX': 'DO-MX',
};
const treatyOf = (a: CountryCode, b: CountryCode): string | undefined => TREATIES[[a, b].sort().join('-')];

function expectedBases(from: CountryCode, to: CountryCode): LegalBasis[] {
  const treaties = (Object.keys(PARTIES) as (keyof typeof PARTIES)[]).filter(
    (basis) => PARTIES[basis].includes(from) && PARTIES[basis].includes(to),
  );
  return [...treaties, ...(treatyOf(from, to) ? (['BILATERAL'] as const) : []), 'RECIPROCITY'];
}

const PAIRS = COUNTRY_CODES.flatMap((from) => COUNTRY_CODES.filter((to) => to !== from).map((to) => [from, to] as const));

const request = (requestedCountry: CountryCode, legalBasis: LegalBasis[], extra: Partial<RequestFields> = {}): RequestFields => ({
  requestedCountry,
  legalBasis,
  ...extra,
});

describe('applicableLegalBases', () => {
  it('covers the 110 ordered pairs of the eleven members', () => {
    expect(PAIRS).toHaveLength(110);
  });

  it.each(PAIRS)('%s -> %s lists exactly the instruments binding both countries', (from, to) => {
    const bases = applicableLegalBases(from, to);
    expect(bases.map((b) => b.basis)).toEqual(expectedBases(from, to));
    // The order is the contract's order of legal bases.
    expect(bases.map((b) => LEGAL_BASES.indexOf(b.basis))).toEqual([...bases.map((b) => LEGAL_BASES.indexOf(b.basis))].sort((a, b) => a - b));
  });

  it.each(PAIRS)('%s -> %s accepts every applicable basis and refuses every other one', (from, to) => {
    const expected = expectedBases(from, to);
    const SUPPLEMENTS: Partial<Record<LegalBasis, LegalBasis>> = { SOM_PROTOCOL: 'UNTOC_ART18', NASSAU_OP_1993: 'NASSAU_1992' };
    LEGAL_BASES.forEach((basis) => {
      const bases: LegalBasis[] = SUPPLEMENTS[basis] ? [SUPPLEMENTS[basis]!, basis] : [basis];
      const violations = legalBasisViolations(request(to, bases, { bilateralTreaty: treatyOf(from, to) ?? 'GT-MX' }), from);
      expect(violations).toEqual(
        bases.flatMap((b, i) => (expected.includes(b) ? [] : [{ field: `legalBasis[${i}]`, rule: 'not_in_force_for_pair' }])),
      );
    });
  });

  it('gives each basis its names in es/en/fr and marks the one that needs a named treaty', () => {
    const gtHn = applicableLegalBases('GT', 'HN');
    expect(gtHn.find((b) => b.basis === 'CA_TREATY_1993')?.name.es).toMatch(/^Tratado de Asistencia Legal Mutua en Asuntos Penales/);
    const gtMx = applicableLegalBases('GT', 'MX');
    expect(gtMx.filter((b) => b.requiresNamedTreaty).map((b) => b.basis)).toEqual(['BILATERAL']);
    expect(gtMx.find((b) => b.basis === 'BILATERAL')?.treaties?.map((t) => t.id)).toEqual(['GT-MX']);
  });

  it('refuses a country paired with itself', () => {
    expect(() => applicableLegalBases('GT', 'GT')).toThrow(RangeError);
  });
});

describe('legalBasisViolations', () => {
  it('GT -> BZ: Nassau does not bind Belize, UNTOC art. 18 does', () => {
    expect(legalBasisViolations(request('BZ', ['NASSAU_1992']), 'GT')).toEqual([{ field: 'legalBasis[0]', rule: 'not_in_force_for_pair' }]);
    expect(legalBasisViolations(request('BZ', ['UNTOC_ART18']), 'GT')).toEqual([]);
  });

  it('the Central American treaty binds GT -> HN but not GT -> MX', () => {
    expect(legalBasisViolations(request('MX', ['CA_TREATY_1993']), 'GT')).toEqual([{ field: 'legalBasis[0]', rule: 'not_in_force_for_pair' }]);
    expect(legalBasisViolations(request('HN', ['CA_TREATY_1993']), 'GT')).toEqual([]);
  });

  it('names the offending position among several bases', () => {
    expect(legalBasisViolations(request('DO', ['UNTOC_ART18', 'SOM_PROTOCOL', 'NASSAU_1992', 'CA_TREATY_1993']), 'MX')).toEqual([
      { field: 'legalBasis[2]', rule: 'not_in_force_for_pair' },
      { field: 'legalBasis[3]', rule: 'not_in_force_for_pair' },
    ]);
  });

  it('requires the name of the bilateral treaty invoked', () => {
    expect(legalBasisViolations(request('MX', ['BILATERAL']), 'GT')).toEqual([{ field: 'bilateralTreaty', rule: 'required_with_bilateral' }]);
    expect(legalBasisViolations(request('MX', ['BILATERAL'], { bilateralTreaty: '   ' }), 'GT')).toEqual([
      { field: 'bilateralTreaty', rule: 'required_with_bilateral' },
    ]);
    expect(legalBasisViolations(request('MX', ['BILATERAL'], { bilateralTreaty: 'GT-MX' }), 'GT')).toEqual([]);
  });

  it('accepts only a treaty of the register in force for the pair (no invented treaty)', () => {
    // GT -> US: the United States has no MLAT with Guatemala, so BILATERAL does not bind the pair at all.
    expect(legalBasisViolations(request('US', ['BILATERAL'], { bilateralTreaty: 'Tratado GT-US de 2010' }), 'GT')).toEqual([
      { field: 'legalBasis[0]', rule: 'not_in_force_for_pair' },
    ]);
    // A treaty of another pair, or a free-text name, is not the pair's treaty.
    expect(legalBasisViolations(request('MX', ['BILATERAL'], { bilateralTreaty: 'HN-MX-2004' }), 'GT')).toEqual([
      { field: 'bilateralTreaty', rule: 'not_in_register_for_pair' },
    ]);
    expect(legalBasisViolations(request('MX', ['BILATERAL'], { bilateralTreaty: 'Tratado GT-MX' }), 'GT')).toEqual([
      { field: 'bilateralTreaty', rule: 'not_in_register_for_pair' },
    ]);
    // An entry the register keeps as unconfirmed (MX-SV) grounds nothing.
    expect(legalBasisViolations(request('SV', ['BILATERAL'], { bilateralTreaty: 'MX-SV' }), 'MX')).toEqual([
      { field: 'legalBasis[0]', rule: 'not_in_force_for_pair' },
    ]);
  });

  it('refuses a protocol invoked without its convention, and accepts it with it', () => {
    expect(legalBasisViolations(request('MX', ['SOM_PROTOCOL']), 'GT')).toEqual([{ field: 'legalBasis[0]', rule: 'requires:UNTOC_ART18' }]);
    expect(legalBasisViolations(request('MX', ['SOM_PROTOCOL', 'UNTOC_ART18']), 'GT')).toEqual([]);
    expect(legalBasisViolations(request('HN', ['NASSAU_OP_1993']), 'US')).toEqual([{ field: 'legalBasis[0]', rule: 'requires:NASSAU_1992' }]);
    expect(legalBasisViolations(request('HN', ['NASSAU_1992', 'NASSAU_OP_1993']), 'US')).toEqual([]);
    // Guatemala is not a party to the Optional Protocol.
    expect(legalBasisViolations(request('HN', ['NASSAU_1992', 'NASSAU_OP_1993']), 'GT')).toEqual([{ field: 'legalBasis[1]', rule: 'not_in_force_for_pair' }]);
  });

  it('accepts reciprocity between countries bound by no treaty but the UN ones', () => {
    expect(legalBasisViolations(request('DO', ['RECIPROCITY']), 'BZ')).toEqual([]);
  });

  it('reports a basis invoked twice', () => {
    expect(legalBasisViolations(request('HN', ['UNTOC_ART18', 'UNTOC_ART18']), 'GT')).toEqual([{ field: 'legalBasis[1]', rule: 'duplicate' }]);
  });

  it('leaves an absent legal basis or requested country to the "missing" list', () => {
    expect(legalBasisViolations({ requestedCountry: 'MX' }, 'GT')).toEqual([]);
    expect(legalBasisViolations({ requestedCountry: 'MX', legalBasis: [] }, 'GT')).toEqual([]);
    expect(legalBasisViolations({ legalBasis: ['NASSAU_1992'] }, 'BZ')).toEqual([]);
  });

  it('reports a request addressed to its own country instead of throwing', () => {
    expect(legalBasisViolations(request('GT', ['UNTOC_ART18']), 'GT')).toEqual([{ field: 'requestedCountry', rule: 'same_as_requesting_country' }]);
  });
});
