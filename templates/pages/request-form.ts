// The request's form, section by section in the order of the standardized form (REQUEST_SECTIONS):
// one description of each field serves both the page that shows it and the controller that reads
// what was posted, so that a field's name, id and shape cannot differ between the two.
import {
  COUNTRY_CODES,
  LANGUAGES,
  LEGAL_BASES,
  MEASURE_TYPES,
  PERSON_ROLES,
  PROCEEDING_TYPES,
  SMUGGLING_CONDUCTS,
  UNTOC_OFFENCE_CATEGORIES,
  VULNERABILITY_CODES,
  type CountryCode,
  type Language,
  type MeasureType,
  type RequestFields,
} from '../../workflows/request/request.types.js';
import {
  CONDUCT_LABELS,
  COUNTRY_NAMES,
  LABELS,
  LANGUAGE_NAMES,
  LEGAL_BASIS_LABELS,
  MEASURE_TYPE_LABELS,
  PERSON_ROLE_LABELS,
  PROCEEDING_TYPE_LABELS,
  UNTOC_CATEGORY_LABELS,
  VULNERABILITY_LABELS,
  type LabelKey,
  type Translated,
} from '../labels.js';
import { acceptedLanguages } from '../../workflows/rules/country-profiles.js';
import { isTextsKey, translatableTexts, translatedText, translationPlaceOf } from '../../workflows/request/translatable-fields.js';

export type FieldKind = 'text' | 'textarea' | 'date' | 'datetime' | 'email' | 'select' | 'checkboxes' | 'yesno' | 'lines';

export interface FieldSpec {
  /** The path within the request (or within one item of a list section). */
  path: string;
  label: LabelKey;
  kind: FieldKind;
  options?: Readonly<Record<string, Translated>>;
  /** A measure's field shown only for these types (its structured fields, workflows/rules/measure.rules.ts). */
  types?: readonly MeasureType[];
}

export interface SectionSpec {
  id: string;
  title: LabelKey;
  /** A list section (offences, measures, persons, prior exchanges): each item has the fields below. */
  list?: 'offenses' | 'measures' | 'persons' | 'priorInformalExchanges' | 'relatedRequests';
  /**
   * The translations: the fields below repeat for each language offered (`translations.<lang>.<path>`),
   * and `measures` holds one text per measure of the request, in the same order.
   */
  perLanguage?: true;
  fields: readonly FieldSpec[];
}

const options = <T extends string>(values: readonly T[], labels: Readonly<Record<T, Translated>>): Readonly<Record<string, Translated>> =>
  Object.fromEntries(values.map((v) => [v, labels[v]]));

export const REQUEST_FORM: readonly SectionSpec[] = [
  {
    id: 'proceeding',
    title: 'secProceeding',
    fields: [
      { path: 'title', label: 'requestTitle', kind: 'text' },
      { path: 'caseReference', label: 'caseReference', kind: 'text' },
      { path: 'proceeding.type', label: 'proceedingType', kind: 'select', options: options(PROCEEDING_TYPES, PROCEEDING_TYPE_LABELS) },
      { path: 'proceeding.authority', label: 'conductingAuthority', kind: 'text' },
      { path: 'proceeding.stage', label: 'proceedingStage', kind: 'text' },
    ],
  },
  {
    id: 'legalBasis',
    title: 'secLegalBasis',
    fields: [
      { path: 'legalBasis', label: 'instrument', kind: 'checkboxes', options: options(LEGAL_BASES, LEGAL_BASIS_LABELS) },
      { path: 'bilateralTreaty', label: 'bilateralTreaty', kind: 'text' },
      { path: 'reciprocityUndertaking', label: 'reciprocityUndertaking', kind: 'textarea' },
      // Why the conduct falls under UNTOC (art. 3, art. 18(1)): required when UNTOC or the Protocol is invoked.
      { path: 'untocScope.category', label: 'untocCategory', kind: 'select', options: options(UNTOC_OFFENCE_CATEGORIES, UNTOC_CATEGORY_LABELS) },
      { path: 'untocScope.transnational', label: 'untocTransnational', kind: 'textarea' },
      { path: 'untocScope.organizedGroup', label: 'untocOrganizedGroup', kind: 'textarea' },
      { path: 'dualCriminality', label: 'dualCriminality', kind: 'textarea' },
    ],
  },
  {
    id: 'offenses',
    title: 'secOffenses',
    list: 'offenses',
    fields: [
      { path: 'name', label: 'offense', kind: 'text' },
      { path: 'legalProvision', label: 'legalProvision', kind: 'text' },
      { path: 'provisionText', label: 'provisionText', kind: 'textarea' },
      { path: 'maxPenalty', label: 'maxPenalty', kind: 'text' },
      { path: 'limitation', label: 'limitation', kind: 'text' },
      { path: 'conduct', label: 'conduct', kind: 'checkboxes', options: options(SMUGGLING_CONDUCTS, CONDUCT_LABELS) },
    ],
  },
  { id: 'facts', title: 'secFacts', fields: [{ path: 'summaryOfFacts', label: 'secFacts', kind: 'textarea' }] },
  { id: 'purpose', title: 'secPurpose', fields: [{ path: 'purpose', label: 'secPurpose', kind: 'textarea' }] },
  {
    id: 'measures',
    title: 'secMeasures',
    list: 'measures',
    fields: [
      { path: 'type', label: 'measureType', kind: 'select', options: options(MEASURE_TYPES, MEASURE_TYPE_LABELS) },
      { path: 'description', label: 'description', kind: 'textarea' },
      // The structured fields, each shown once the measure's type asks for it.
      { path: 'witness', label: 'witness', kind: 'text', types: ['testimony', 'videoconference_hearing'] },
      { path: 'questions', label: 'questions', kind: 'lines', types: ['testimony', 'videoconference_hearing'] },
      { path: 'place', label: 'place', kind: 'text', types: ['search_and_seizure'] },
      { path: 'itemsSought', label: 'itemsSought', kind: 'textarea', types: ['search_and_seizure'] },
      { path: 'grounds', label: 'grounds', kind: 'textarea', types: ['search_and_seizure'] },
      { path: 'institution', label: 'institution', kind: 'text', types: ['bank_records', 'freeze_or_seize_assets'] },
      { path: 'account', label: 'account', kind: 'text', types: ['bank_records', 'freeze_or_seize_assets'] },
      { path: 'accountHolder', label: 'accountHolder', kind: 'text', types: ['bank_records', 'freeze_or_seize_assets'] },
      { path: 'provider', label: 'provider', kind: 'text', types: ['electronic_evidence'] },
      { path: 'identifiers', label: 'identifiers', kind: 'lines', types: ['electronic_evidence'] },
      { path: 'period.from', label: 'periodFrom', kind: 'date', types: ['bank_records', 'electronic_evidence'] },
      { path: 'period.to', label: 'periodTo', kind: 'date', types: ['bank_records', 'electronic_evidence'] },
      { path: 'preservationReference', label: 'preservationReference', kind: 'text', types: ['electronic_evidence'] },
      { path: 'hearing.from', label: 'hearingFrom', kind: 'datetime', types: ['videoconference_hearing'] },
      { path: 'hearing.to', label: 'hearingTo', kind: 'datetime', types: ['videoconference_hearing'] },
      { path: 'hearing.timeZone', label: 'timeZone', kind: 'text', types: ['videoconference_hearing'] },
      { path: 'hearing.technicalContact', label: 'technicalContact', kind: 'text', types: ['videoconference_hearing'] },
      { path: 'hearing.interpreter', label: 'interpreter', kind: 'text', types: ['videoconference_hearing', 'testimony'] },
      { path: 'detainedPerson', label: 'detainedPerson', kind: 'text', types: ['transfer_detained_person'] },
      { path: 'consent.given', label: 'consentGiven', kind: 'yesno', types: ['transfer_detained_person'] },
      { path: 'consent.date', label: 'consentDate', kind: 'date', types: ['transfer_detained_person'] },
      { path: 'consent.record', label: 'consentRecord', kind: 'textarea', types: ['transfer_detained_person'] },
      { path: 'details', label: 'details', kind: 'textarea' },
    ],
  },
  {
    id: 'persons',
    title: 'secPersons',
    list: 'persons',
    fields: [
      { path: 'role', label: 'role', kind: 'select', options: options(PERSON_ROLES, PERSON_ROLE_LABELS) },
      { path: 'fullName', label: 'fullName', kind: 'text' },
      { path: 'nationality', label: 'nationality', kind: 'text' },
      { path: 'dateOfBirth', label: 'dateOfBirth', kind: 'date' },
      { path: 'identityDocument', label: 'identityDocument', kind: 'text' },
      { path: 'location', label: 'location', kind: 'text' },
      { path: 'vulnerabilities', label: 'vulnerability', kind: 'checkboxes', options: options(VULNERABILITY_CODES, VULNERABILITY_LABELS) },
    ],
  },
  {
    // Smuggling Protocol art. 16 and UNTOC arts. 24-25: required when a protected person is to be heard.
    id: 'protection',
    title: 'secProtection',
    fields: [
      { path: 'protection.measures', label: 'protectionMeasures', kind: 'textarea' },
      { path: 'protection.interpreters', label: 'interpreters', kind: 'textarea' },
    ],
  },
  {
    id: 'procedures',
    title: 'secProcedures',
    fields: [
      { path: 'procedures', label: 'secProcedures', kind: 'textarea' },
      { path: 'execution.personsPresent', label: 'personsPresent', kind: 'textarea' },
      { path: 'execution.certification', label: 'certification', kind: 'textarea' },
      { path: 'execution.returnOriginals', label: 'returnOriginals', kind: 'yesno' },
      // UNTOC art. 18(28).
      { path: 'costs.extraordinary', label: 'costsExtraordinary', kind: 'yesno' },
      { path: 'costs.details', label: 'costsDetails', kind: 'textarea' },
    ],
  },
  {
    id: 'confidentiality',
    title: 'secConfidentiality',
    fields: [
      { path: 'confidentiality.required', label: 'confidentialityRequired', kind: 'yesno' },
      { path: 'confidentiality.reason', label: 'reason', kind: 'textarea' },
      { path: 'dataProtection.safeguards', label: 'dataSafeguards', kind: 'textarea' },
      { path: 'dataProtection.retention', label: 'dataRetention', kind: 'textarea' },
    ],
  },
  {
    id: 'urgency',
    title: 'secUrgency',
    fields: [
      { path: 'urgency.urgent', label: 'urgent', kind: 'yesno' },
      { path: 'urgency.reason', label: 'reason', kind: 'textarea' },
      { path: 'urgency.deadline', label: 'deadline', kind: 'date' },
    ],
  },
  {
    id: 'contact',
    title: 'secContact',
    fields: [
      { path: 'contact.name', label: 'name', kind: 'text' },
      { path: 'contact.email', label: 'email', kind: 'email' },
      { path: 'contact.phone', label: 'phone', kind: 'text' },
      { path: 'contact.languages', label: 'languages', kind: 'checkboxes', options: options(LANGUAGES, LANGUAGE_NAMES) },
    ],
  },
  {
    id: 'language',
    title: 'secLanguage',
    fields: [{ path: 'language', label: 'requestLanguage', kind: 'select', options: options(LANGUAGES, LANGUAGE_NAMES) }],
  },
  {
    // Every free text of the request (TRANSLATABLE_FIELDS), in a language the requested country accepts,
    // and who answers for the translation (translation.rules.ts). The boxes of the texts follow the
    // request (translationBoxes); the fields below are the translator's attestation.
    id: 'translations',
    title: 'translationsAttached',
    perLanguage: true,
    fields: [
      { path: 'attestation.translatorName', label: 'translatorName', kind: 'text' },
      { path: 'attestation.qualification', label: 'translatorQualification', kind: 'text' },
      { path: 'attestation.date', label: 'translationDate', kind: 'date' },
    ],
  },
  {
    // Filled from the conversation with the counterpart at STANDARDIZE (and SUBMIT); the fiscal corrects or adds.
    id: 'priorExchanges',
    title: 'secPriorExchanges',
    list: 'priorInformalExchanges',
    fields: [
      { path: 'date', label: 'date', kind: 'date' },
      { path: 'counterpart', label: 'counterpart', kind: 'text' },
      { path: 'summary', label: 'summary', kind: 'textarea' },
    ],
  },
  {
    id: 'relatedRequests',
    title: 'secRelatedRequests',
    list: 'relatedRequests',
    fields: [
      { path: 'country', label: 'relatedCountry', kind: 'select', options: options(COUNTRY_CODES, COUNTRY_NAMES) },
      { path: 'reference', label: 'relatedReference', kind: 'text' },
      { path: 'date', label: 'date', kind: 'date' },
      { path: 'summary', label: 'summary', kind: 'textarea' },
    ],
  },
  {
    // The other States asked in the same case, in the form only if the fiscal says so.
    id: 'otherStatesAsked',
    title: 'secOtherStatesAsked',
    fields: [{ path: 'discloseOtherStatesAsked', label: 'discloseOtherStatesAsked', kind: 'yesno' }],
  },
];

/**
 * The fields of a list item the page shows: a measure's structured fields for its type, and any other
 * that already holds a value (a measure written before its type had fields keeps what it has).
 */
export const itemFields = (section: SectionSpec, item: unknown): readonly FieldSpec[] => {
  const type = valueAt(item, 'type');
  return section.fields.filter((f) => !f.types || (typeof type === 'string' && f.types.includes(type as MeasureType)) || valueAt(item, f.path) !== undefined);
};

/** The languages the translations section offers, and whether one of them is required. */
export interface TranslationNeeds {
  /** The languages the requested country accepts, in its order of preference. */
  accepted: readonly Language[];
  /** null while the request has no language yet. */
  needed: boolean | null;
  /** A form per language: the accepted ones other than the request's own, and any translation already there. */
  offered: Language[];
}

export function translationNeeds(request: { requestedCountry: CountryCode; language?: Language; translations?: RequestFields['translations'] }): TranslationNeeds {
  const accepted = acceptedLanguages(request.requestedCountry);
  const existing = Object.keys(request.translations ?? {}) as Language[];
  const language = request.language;
  const offered = LANGUAGES.filter((lang) => existing.includes(lang) || (language !== undefined && lang !== language && accepted.includes(lang)));
  return { accepted, needed: language === undefined ? null : !accepted.includes(language), offered };
}

/** The form name of a translated text: `translations.en.title`, `translations.en.measures[0]`, `translations.en.texts.offenses[0].name`. */
export const translationName = (lang: Language, place: string): string => `translations.${lang}.${place}`;

// Short texts get a line; the rest a box (the API's bounds: 300 and 20,000 characters).
const SHORT_TEXTS = new Set(['title', 'proceeding.stage', 'offenses[].name', 'offenses[].legalProvision', 'offenses[].maxPenalty', 'persons[].nationality']);

/** One box of the translation: the original's path and text, and where its translation is posted. */
export interface TranslationBox {
  /** The original's path in the request (`measures[1].questions[0]`). */
  path: string;
  /** Where the translation goes within a translation (`measures[1]`, `texts.measures[1].questions[0]`). */
  place: string;
  original: string;
  kind: 'text' | 'textarea';
}

/** A box per free text the request holds now, in the order of TRANSLATABLE_FIELDS. */
export const translationBoxes = (request: RequestFields): TranslationBox[] =>
  translatableTexts(request).map((t) => ({ path: t.path, place: translationPlaceOf(t.path), original: t.original, kind: SHORT_TEXTS.has(t.field) ? 'text' : 'textarea' }));

export { translatedText };

export const sectionSpec = (id: string): SectionSpec | undefined => REQUEST_FORM.find((s) => s.id === id);

export const label = (key: LabelKey, lang: Language): string => LABELS[key][lang];

/** The HTML id of a field, from its path in the request: `offenses[0].legalProvision` -> `offenses-0-legalProvision`. */
export const fieldId = (path: string): string => path.replace(/[[\].]+/g, '-').replace(/-$/, '');

/** The form name of a field: its path, with a list item's index. */
export const fieldName = (section: SectionSpec, path: string, index?: number): string =>
  section.list ? `${section.list}[${index}].${path}` : path;

/** The section a path of `missing` or of a violation belongs to, to link it to its field. */
export function sectionOfPath(path: string): SectionSpec | undefined {
  const head = path.split(/[.[]/)[0];
  return REQUEST_FORM.find((s) => s.list === head || (s.perLanguage ? s.id === head : s.fields.some((f) => f.path.split('.')[0] === head)));
}

export function valueAt(source: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), source);
}

type Posted = Record<string, string | string[] | undefined>;

function readField(spec: FieldSpec, raw: string | string[] | undefined): unknown {
  const one = Array.isArray(raw) ? raw[0] : raw;
  const many = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  switch (spec.kind) {
    case 'checkboxes':
      return many.filter((v) => v !== '');
    case 'yesno':
      return one === 'true' ? true : one === 'false' ? false : undefined;
    case 'lines':
      return (one ?? '')
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter(Boolean);
    default: {
      const text = (one ?? '').trim();
      return text === '' ? undefined : text;
    }
  }
}

const isBlank = (value: unknown): boolean => value === undefined || (Array.isArray(value) && value.length === 0);

function setAt(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
  if (value !== undefined) node[keys[keys.length - 1]] = value;
}

/**
 * The change a section's form asks for, in the request's own shape (then validated like the API's
 * PATCH body). A list section sends all its items: blank ones are dropped, and the one whose
 * "remove" button was pressed too.
 */
export function readSection(section: SectionSpec, posted: Posted): Partial<RequestFields> {
  if (section.perLanguage) return { translations: readTranslations(section, posted) };
  const changes: Record<string, unknown> = {};
  if (section.list) {
    const indexes = new Set<number>();
    for (const name of Object.keys(posted)) {
      const match = new RegExp(`^${section.list}\\[(\\d+)\\]\\.`).exec(name);
      if (match) indexes.add(Number(match[1]));
    }
    const remove = typeof posted.remove === 'string' ? Number(posted.remove) : NaN;
    changes[section.list] = [...indexes]
      .sort((a, b) => a - b)
      .filter((i) => i !== remove)
      .map((i) => {
        const item: Record<string, unknown> = {};
        for (const field of section.fields) {
          const value = readField(field, posted[fieldName(section, field.path, i)]);
          setAt(item, field.path, isBlank(value) ? undefined : value);
        }
        return withoutEmptyGroups(item);
      })
      .filter((item) => Object.values(item).some((value) => !isBlank(value)));
    return changes as Partial<RequestFields>;
  }
  for (const field of section.fields) {
    const value = readField(field, posted[field.path]);
    const [head] = field.path.split('.');
    // A section always states its fields, so that clearing one clears it.
    if (field.path.includes('.')) changes[head] ??= {};
    setAt(changes, field.path, isBlank(value) && field.kind !== 'checkboxes' ? undefined : value);
  }
  // A group left wholly empty (the proceeding while only the title is known) is not sent: a draft is
  // saved bit by bit, and an empty group would be refused for the parts it lacks.
  return withoutEmptyGroups(changes) as Partial<RequestFields>;
}

/** The object without its groups left wholly empty (a measure's period when no date was typed). */
function withoutEmptyGroups(record: Record<string, unknown>): Record<string, unknown> {
  for (const [key, value] of Object.entries(record)) {
    if (value && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0) delete record[key];
  }
  return record;
}

/**
 * The translations as posted: a language whose every box is empty is no translation (it is dropped);
 * any other is sent with what was written, so that SUBMIT names each text still untranslated
 * (translation.rules.ts) and the API refuses an attestation half given, by name.
 */
function readTranslations(section: SectionSpec, posted: Posted): RequestFields['translations'] {
  const translations: Record<string, unknown> = {};
  const text = (name: string): string => {
    const raw = posted[name];
    return (Array.isArray(raw) ? (raw[0] ?? '') : (raw ?? '')).trim();
  };
  for (const lang of LANGUAGES) {
    const prefix = `translations.${lang}.`;
    const names = Object.keys(posted).filter((name) => name.startsWith(prefix));
    if (names.length === 0) continue;
    const item: Record<string, unknown> = {};
    for (const key of ['title', 'summaryOfFacts', 'purpose']) item[key] = text(`${prefix}${key}`) || undefined;
    const indexes = names.map((name) => /\.measures\[(\d+)\]$/.exec(name)?.[1]).filter((i): i is string => i !== undefined).map(Number);
    const measures = [...new Set(indexes)].sort((a, b) => a - b).map((i) => text(translationName(lang, `measures[${i}]`)));
    item.measures = measures.some((m) => m !== '') ? measures : undefined;
    const texts = Object.fromEntries(
      names
        .filter((name) => name.startsWith(`${prefix}texts.`) && isTextsKey(name.slice(`${prefix}texts.`.length)) && text(name) !== '')
        .map((name) => [name.slice(`${prefix}texts.`.length), text(name)]),
    );
    item.texts = Object.keys(texts).length > 0 ? texts : undefined;
    const attestation = Object.fromEntries(section.fields.map((f) => [f.path.replace(/^attestation\./, ''), text(`${prefix}${f.path}`) || undefined]));
    item.attestation = Object.values(attestation).some((v) => v !== undefined) ? attestation : undefined;
    if (Object.values(item).every((value) => value === undefined)) continue;
    translations[lang] = item;
  }
  return translations as RequestFields['translations'];
}
