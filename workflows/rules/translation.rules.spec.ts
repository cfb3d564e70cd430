import type { CountryCode, Language, Measure, RequestFields, Translation } from '../request/request.types.js';
import { documentLanguages, translationViolations } from './translation.rules.js';

const MEASURES: Measure[] = [
  { type: 'bank_records', description: 'Estados de cuenta 2024' },
  { type: 'testimony', description: 'Declaración del testigo', questions: ['¿Dónde estaba?'] },
];

const fullTranslation = (lang: Language): Translation => ({
  title: `title (${lang})`,
  summaryOfFacts: `facts (${lang})`,
  purpose: `purpose (${lang})`,
  measures: MEASURES.map((_, i) => `measure ${i} (${lang})`),
});

const fields = (requestedCountry: CountryCode, language: Language, translations: RequestFields['translations'] = undefined): RequestFields => ({
  requestedCountry,
  language,
  title: 'Tráfico ilícito de migrantes',
  summaryOfFacts: 'Hechos',
  purpose: 'Propósito',
  measures: MEASURES,
  translations,
});

// Requested countries standing for the three acceptance profiles of the domain brief:
// MX accepts es; US accepts en; CA accepts en and fr.
const REQUESTED = { es: 'MX', en: 'US', 'en+fr': 'CA' } as const;

describe('translationViolations: request language x acceptance of the requested country', () => {
  it.each([
    // language, requested, expected rule without translation (null: accepted as written)
    ['es', REQUESTED.es, null],
    ['en', REQUESTED.es, 'translation_required_es'],
    ['fr', REQUESTED.es, 'translation_required_es'],
    ['es', REQUESTED.en, 'translation_required_en'],
    ['en', REQUESTED.en, null],
    ['fr', REQUESTED.en, 'translation_required_en'],
    ['es', REQUESTED['en+fr'], 'translation_required_en_or_fr'],
    ['en', REQUESTED['en+fr'], null],
    ['fr', REQUESTED['en+fr'], null],
  ] as const)('a request in %s to %s without translation', (language, requested, rule) => {
    expect(translationViolations(fields(requested, language), 'GT')).toEqual(rule ? [{ field: 'translations', rule }] : []);
  });

  it.each([
    ['en', 'MX', 'es'],
    ['fr', 'MX', 'es'],
    ['es', 'US', 'en'],
    ['fr', 'US', 'en'],
    ['es', 'CA', 'en'],
    ['es', 'CA', 'fr'],
    ['es', 'BZ', 'en'],
  ] as const)('a request in %s to %s passes with a complete %s translation', (language, requested, into) => {
    expect(translationViolations(fields(requested, language, { [into]: fullTranslation(into) }), 'GT')).toEqual([]);
  });

  it('does not count a translation into a language the requested country does not accept', () => {
    expect(translationViolations(fields('US', 'es', { fr: fullTranslation('fr') }), 'GT')).toEqual([
      { field: 'translations', rule: 'translation_required_en' },
    ]);
  });

  it('names each gap of a partial translation field by field', () => {
    const partial: Translation = { title: 'Migrant smuggling', summaryOfFacts: ' ', purpose: '', measures: ['Bank statements 2024', ''] };
    expect(translationViolations(fields('US', 'es', { en: partial }), 'GT')).toEqual([
      { field: 'translations.en.summaryOfFacts', rule: 'required' },
      { field: 'translations.en.purpose', rule: 'required' },
      { field: 'translations.en.measures[1]', rule: 'required' },
    ]);
  });

  it('requires one translated entry per measure', () => {
    const short = { ...fullTranslation('en'), measures: ['Bank statements 2024'] };
    expect(translationViolations(fields('US', 'es', { en: short }), 'GT')).toEqual([{ field: 'translations.en.measures', rule: 'must_match_measures' }]);
  });

  it('is satisfied by any one complete acceptable translation, and otherwise lists the gaps of each', () => {
    const partialEn = { ...fullTranslation('en'), title: '' };
    const partialFr = { ...fullTranslation('fr'), purpose: '' };
    expect(translationViolations(fields('CA', 'es', { en: partialEn, fr: fullTranslation('fr') }), 'GT')).toEqual([]);
    expect(translationViolations(fields('CA', 'es', { en: partialEn, fr: partialFr }), 'GT')).toEqual([
      { field: 'translations.en.title', rule: 'required' },
      { field: 'translations.fr.purpose', rule: 'required' },
    ]);
  });

  it('ignores a translation when none is needed, and waits for language and requested country', () => {
    expect(translationViolations(fields('MX', 'es', { en: { ...fullTranslation('en'), title: '' } }), 'GT')).toEqual([]);
    expect(translationViolations({ ...fields('US', 'es'), language: undefined }, 'GT')).toEqual([]);
    expect(translationViolations({ ...fields('US', 'es'), requestedCountry: undefined }, 'GT')).toEqual([]);
  });
});

describe('documentLanguages', () => {
  it('prints in the request language alone when the requested country accepts it', () => {
    expect(documentLanguages(fields('MX', 'es'))).toEqual({ primary: 'es' });
    expect(documentLanguages(fields('CA', 'fr'))).toEqual({ primary: 'fr' });
  });

  it('adds the first accepted language when no translation is supplied', () => {
    expect(documentLanguages(fields('US', 'es'))).toEqual({ primary: 'es', secondary: 'en' });
    expect(documentLanguages(fields('CA', 'es'))).toEqual({ primary: 'es', secondary: 'en' });
    expect(documentLanguages(fields('GT', 'en'))).toEqual({ primary: 'en', secondary: 'es' });
  });

  it('prefers the language of a supplied translation, a complete one first', () => {
    expect(documentLanguages(fields('CA', 'es', { fr: fullTranslation('fr') }))).toEqual({ primary: 'es', secondary: 'fr' });
    expect(documentLanguages(fields('CA', 'es', { en: { ...fullTranslation('en'), title: '' }, fr: fullTranslation('fr') }))).toEqual({
      primary: 'es',
      secondary: 'fr',
    });
    expect(documentLanguages(fields('CA', 'es', { fr: { ...fullTranslation('fr'), title: '' } }))).toEqual({ primary: 'es', secondary: 'fr' });
  });

  it('falls back on the requested country, then Spanish, before a language is chosen', () => {
    expect(documentLanguages({ requestedCountry: 'US' })).toEqual({ primary: 'en' });
    expect(documentLanguages({})).toEqual({ primary: 'es' });
  });
});
