import { buildRequestFields } from '../../templates/testing/request.factory.js';
import { alsoAskRefusal, fieldsForAnotherCountry } from './also-ask.js';

describe('also asking another country of the same investigation', () => {
  it('carries the facts, persons, offences and measures over, never the legal bases, the treaty, the translations or the informal exchanges of the first pair', () => {
    const source = buildRequestFields({
      requestedCountry: 'MX',
      legalBasis: ['NASSAU_1992', 'BILATERAL'],
      bilateralTreaty: 'Tratado GT-MX',
      translations: { en: { title: 'x', summaryOfFacts: 'y', purpose: 'z', measures: ['m'] } },
      priorInformalExchanges: [{ date: '2026-01-05', counterpart: 'Fiscal MX', summary: 'Llamada' }],
    });
    const copy = fieldsForAnotherCountry(source);
    expect(copy).toMatchObject({
      title: source.title,
      summaryOfFacts: source.summaryOfFacts,
      persons: source.persons,
      offenses: source.offenses,
      measures: source.measures,
      contact: source.contact,
      untocScope: source.untocScope,
      execution: source.execution,
      protection: source.protection,
      dataProtection: source.dataProtection,
    });
    for (const pairBound of ['requestedCountry', 'legalBasis', 'bilateralTreaty', 'translations', 'priorInformalExchanges', 'dualCriminality', 'reciprocityUndertaking', 'costs']) {
      expect(copy).not.toHaveProperty(pairBound);
    }
    // A copy, not the same objects: editing the new request leaves the first one as it was.
    copy.persons![0]!.fullName = 'Otro';
    expect(source.persons![0]!.fullName).not.toBe('Otro');
  });

  it('refuses the requesting country itself and a country already asked in the case', () => {
    expect(alsoAskRefusal('GT', 'GT', ['MX'])).toBe('not_own_country');
    expect(alsoAskRefusal('MX', 'GT', ['MX'])).toBe('already_in_case');
    expect(alsoAskRefusal('US', 'GT', ['MX'])).toBeNull();
  });
});
