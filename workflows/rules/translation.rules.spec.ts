import type { CountryCode, Language, Measure, RequestFields, Translation } from '../request/request.types.js';
import { TRANSLATABLE_FIELDS, translatableTexts } from '../request/translatable-fields.js';
import { certifiedTranslationLanguages, documentLanguages, translationViolations } from './translation.rules.js';

const MEASURES: Measure[] = [
  { type: 'bank_records', description: 'Estados de cuenta 2024' },
  { type: 'testimony', description: 'Declaración del testigo', questions: ['¿Dónde estaba?'] },
];

const ATTESTATION = { translatorName: 'Jane Roe', qualification: 'Certified translator', date: '2026-11-30' };

const fullTranslation = (lang: Language): Translation => ({
  title: `title (${lang})`,
  summaryOfFacts: `facts (${lang})`,
  purpose: `purpose (${lang})`,
  measures: MEASURES.map((_, i) => `measure ${i} (${lang})`),
  texts: { 'measures[1].questions[0]': `question (${lang})` },
  attestation: ATTESTATION,
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

  it('names each gap of a partial translation field by field, the attestation included', () => {
    const partial: Translation = { title: 'Migrant smuggling', summaryOfFacts: ' ', purpose: '', measures: ['Bank statements 2024', ''] };
    expect(translationViolations(fields('US', 'es', { en: partial }), 'GT')).toEqual([
      { field: 'translations.en.summaryOfFacts', rule: 'required' },
      { field: 'translations.en.purpose', rule: 'required' },
      { field: 'translations.en.measures[1]', rule: 'required' },
      { field: 'translations.en.texts.measures[1].questions[0]', rule: 'required' },
      { field: 'translations.en.attestation.translatorName', rule: 'required' },
      { field: 'translations.en.attestation.qualification', rule: 'required' },
      { field: 'translations.en.attestation.date', rule: 'required' },
    ]);
  });

  it('names every free text of the request left untranslated: offences, questions, procedures, reasons...', () => {
    const request: RequestFields = {
      ...fields('US', 'es'),
      proceeding: { type: 'investigation', authority: 'Fiscalía', stage: 'preliminar' },
      offenses: [{ name: 'Tráfico ilícito', legalProvision: 'art. 229', maxPenalty: 'ocho años', aggravating: 'menor de edad' }],
      measures: [{ type: 'testimony', description: 'Declaración', details: 'En Tapachula', questions: ['¿Dónde?', '¿Cuándo?'] }],
      persons: [{ role: 'witness', fullName: 'Ana Toj', nationality: 'mexicana', location: 'Tapachula' }],
      procedures: 'Copias certificadas',
      confidentiality: { required: true, reason: 'Investigación en curso' },
      urgency: { urgent: true, reason: 'Plazo', deadline: '2027-01-01' },
      priorInformalExchanges: [{ date: '2026-01-20', counterpart: 'FGR', summary: 'Se confirmó la cuenta' }],
    };
    const onlyContract = { title: 't', summaryOfFacts: 'f', purpose: 'p', measures: ['Testimony'], attestation: ATTESTATION };
    expect(translationViolations({ ...request, translations: { en: onlyContract } }, 'GT').map((v) => v.field)).toEqual([
      'translations.en.texts.proceeding.stage',
      'translations.en.texts.offenses[0].name',
      'translations.en.texts.offenses[0].legalProvision',
      'translations.en.texts.offenses[0].maxPenalty',
      'translations.en.texts.offenses[0].aggravating',
      'translations.en.texts.measures[0].details',
      'translations.en.texts.measures[0].questions[0]',
      'translations.en.texts.measures[0].questions[1]',
      'translations.en.texts.persons[0].nationality',
      'translations.en.texts.procedures',
      'translations.en.texts.confidentiality.reason',
      'translations.en.texts.urgency.reason',
      'translations.en.texts.priorInformalExchanges[0].summary',
    ]);
    // Every text of this request is one of the list's.
    for (const t of translatableTexts(request)) expect(TRANSLATABLE_FIELDS).toContain(t.field);
    const texts = Object.fromEntries(translatableTexts(request).filter((t) => !['title', 'summaryOfFacts', 'purpose', 'measures[].description'].includes(t.field)).map((t) => [t.path, `EN ${t.original}`]));
    expect(translationViolations({ ...request, translations: { en: { ...onlyContract, texts } } }, 'GT')).toEqual([]);
  });

  it('takes a certified translation annexed for the texts, not for the attestation', () => {
    const annexed = { ...fields('US', 'es'), certifiedTranslations: ['en'] as Language[] };
    expect(translationViolations(annexed, 'GT')).toEqual([
      { field: 'translations.en.attestation.translatorName', rule: 'required' },
      { field: 'translations.en.attestation.qualification', rule: 'required' },
      { field: 'translations.en.attestation.date', rule: 'required' },
    ]);
    expect(translationViolations({ ...annexed, translations: { en: { attestation: ATTESTATION } } }, 'GT')).toEqual([]);
    // An annex in a language the requested country does not accept counts for nothing.
    expect(translationViolations({ ...fields('US', 'es'), certifiedTranslations: ['fr'] }, 'GT')).toEqual([{ field: 'translations', rule: 'translation_required_en' }]);
  });

  it('refuses more translated entries than measures', () => {
    const long = { ...fullTranslation('en'), measures: ['a', 'b', 'c'] };
    expect(translationViolations(fields('US', 'es', { en: long }), 'GT')).toEqual([{ field: 'translations.en.measures', rule: 'must_match_measures' }]);
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

describe('certifiedTranslationLanguages', () => {
  it('counts only certified translations annexed, each language once', () => {
    const annexes = [
      { kind: 'court_order', language: 'es' },
      { kind: 'certified_translation', language: 'en' },
      { kind: 'certified_translation', language: 'en' },
      { kind: 'evidence', language: 'fr' },
    ];
    expect(certifiedTranslationLanguages(annexes)).toEqual(['en']);
  });
});
