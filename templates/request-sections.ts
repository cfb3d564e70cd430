// The body of a request, section by section, in the order the domain brief fixes ("What a
// standardized request must contain": UNTOC art. 18(15), UN Model Treaty art. 5, Nassau arts.
// 24-28, EIO Annex A). Shared by the informal draft (redacted, gaps shown as pending) and the
// standardized form (full identities, gaps shown as not stated).
import type { Content } from 'pdfmake/interfaces.js';
import type { Language, Measure, Offense, Person, Translation } from '../workflows/request/request.types.js';
import { translatedText } from '../workflows/request/translatable-fields.js';
import type { RouteOffice } from '../workflows/rules/channels.js';
import {
  CONDUCT_LABELS,
  COUNTRY_NAMES,
  COUNTRY_OF,
  LABELS,
  LANGUAGE_NAMES,
  LEGAL_BASIS_LABELS,
  MEASURE_TYPE_LABELS,
  PHRASES,
  PERSON_ROLE_LABELS,
  PROCEEDING_TYPE_LABELS,
  UNTOC_CATEGORY_LABELS,
  VULNERABILITY_LABELS,
  type LabelKey,
} from './labels.js';
import {
  Lang,
  langOf,
  TABLE_LAYOUTS,
  biInline,
  fieldTable,
  languageName,
  list,
  paragraph,
  placeholder,
  present,
  sectionTitle,
  subsectionTitle,
  text,
  type FieldValue,
} from './layout.js';
import type { DocumentViewModel } from './view-model.js';

export const REQUEST_SECTIONS = [
  { id: 'authorities', label: 'secAuthorities' },
  { id: 'proceeding', label: 'secProceeding' },
  { id: 'legalBasis', label: 'secLegalBasis' },
  { id: 'offenses', label: 'secOffenses' },
  { id: 'facts', label: 'secFacts' },
  { id: 'purpose', label: 'secPurpose' },
  { id: 'measures', label: 'secMeasures' },
  { id: 'persons', label: 'secPersons' },
  { id: 'procedures', label: 'secProcedures' },
  { id: 'confidentiality', label: 'secConfidentiality' },
  { id: 'urgency', label: 'secUrgency' },
  { id: 'contact', label: 'secContact' },
  { id: 'language', label: 'secLanguage' },
  { id: 'priorExchanges', label: 'secPriorExchanges' },
] as const satisfies readonly { id: string; label: LabelKey }[];
export type RequestSectionId = (typeof REQUEST_SECTIONS)[number]['id'];

type Translated = Readonly<Record<Language, string>>;

export interface SectionOptions {
  /** What an empty section says: `pending` in a draft, `notStated` in the form. */
  missing: LabelKey;
}

/** A dictionary entry for a closed-list value, or the raw value when it is not in the list. */
function enumValue(lang: Lang, dict: Readonly<Record<string, Translated>>, value: unknown): string {
  const key = text(value);
  return Object.prototype.hasOwnProperty.call(dict, key) ? lang.both(dict[key]!) : key;
}

export function countryName(vm: DocumentViewModel, lang: Language, code: unknown): string {
  const key = text(code);
  const override = vm.countries?.[key as keyof typeof COUNTRY_NAMES];
  if (present(override)) return text(override);
  const entry = COUNTRY_NAMES[key as keyof typeof COUNTRY_NAMES];
  return entry ? entry[lang] : key;
}

const OF: Translated = { es: 'de', en: 'of', fr: 'de' };

/** A country after "of", with its article ("de los Estados Unidos de América", "du Guatemala"). */
export function countryOf(vm: DocumentViewModel, l: Language, code: unknown): string {
  const key = text(code);
  const override = vm.countries?.[key as keyof typeof COUNTRY_OF];
  if (present(override)) return `${OF[l]} ${text(override)}`;
  const entry = COUNTRY_OF[key as keyof typeof COUNTRY_OF];
  return entry ? entry[l] : `${OF[l]} ${key}`;
}

export function countryBoth(vm: DocumentViewModel, lang: Lang, code: unknown): string {
  const names = [...new Set(lang.languages.map((l) => countryName(vm, l, code)))];
  return `${names.join(' / ')} (${text(code)})`;
}

function yesNo(lang: Lang, value: unknown): string {
  return lang.both(value === true ? LABELS.yes : LABELS.no);
}

function bullets(items: readonly string[]): Content {
  return { ul: items.map((i) => ({ text: i })), margin: [0, 0, 0, 4] };
}

/**
 * The free texts of the request as one part prints them: the originals, or their translation into the
 * part's language (an untranslated one as the empty placeholder, in that language). `path` is the
 * text's path in the request (TRANSLATABLE_FIELDS, workflows/request/translatable-fields.ts).
 */
type TextOf = (path: string, original: unknown) => string;

/**
 * The request's sections. A request the requested country reads in its own language prints once, its
 * labels and closed-list values in that language. Otherwise it prints one part after the other: the
 * request as written, labels and values in its language, then the whole request again in the
 * requested side's language (labels, values such as the stage or the measure's type, and every free
 * text from the translation), or, where a certified translation is annexed in that language, a
 * pointer to it; each part with the same section numbers, so that a reader can go from one to the other.
 */
export function requestSections(vm: DocumentViewModel, opts: SectionOptions): Content[] {
  const lang = langOf(vm);
  const original: TextOf = (_path, value) => text(value);
  if (!lang.secondary) return sectionsIn(vm, lang, opts, original);
  const primary = new Lang({ primary: lang.primary }, lang.timeZone);
  const secondary = new Lang({ primary: lang.secondary }, lang.timeZone);
  const translation = vm.request.translations?.[lang.secondary] as Partial<Translation> | undefined;
  const certified = list(vm.request.certifiedTranslations).includes(lang.secondary);
  const translated: TextOf = (path) => translatedText(translation, path);
  const partTitle = (l: Language, key: LabelKey, suffix = ''): Content => ({
    text: `${LABELS[key][l]}${suffix}`.toLocaleUpperCase(l),
    style: 'sectionTitle',
    headlineLevel: 1,
    margin: [0, 10, 0, 4],
  });
  const secondName = ` ${LANGUAGE_NAMES[lang.secondary][lang.secondary]}`;
  return [
    partTitle(lang.primary, 'originalPart', ` (${LANGUAGE_NAMES[lang.primary][lang.primary]})`),
    ...sectionsIn(vm, primary, opts, original),
    { text: '', pageBreak: 'before' },
    partTitle(lang.secondary, 'translationOf', secondName),
    ...attestationBlock(secondary, translation),
    ...(certified
      ? [{ text: LABELS.certifiedTranslationAnnexed[lang.secondary], style: 'body' } as Content]
      : sectionsIn(vm, secondary, opts, translated)),
  ];
}

/** Who answers for the translation into this part's language (name, qualification, date). */
function attestationBlock(lang: Lang, translation: Partial<Translation> | undefined): Content[] {
  const a = translation?.attestation;
  if (!a) return [];
  return [
    { text: lang.one(LABELS.attestation), style: 'subsectionTitle' },
    fieldTable(lang, [
      ['translatorName', text(a.translatorName)],
      ['translatorQualification', text(a.qualification)],
      ['translationDate', present(a.date) ? lang.date(a.date) : undefined],
    ]),
  ];
}

function sectionsIn(vm: DocumentViewModel, lang: Lang, opts: SectionOptions, tx: TextOf): Content[] {
  const r = vm.request;
  const out: Content[] = [];
  const empty = () => placeholder(lang, opts.missing);
  const orEmpty = (path: string, value: unknown): Content => (present(tx(path, value)) ? paragraph(tx(path, value)) : empty());
  // A text the original has and its translation lacks prints as the empty placeholder, not as nothing.
  const field = (path: string, value: unknown): string | undefined => (present(value) ? tx(path, value) || lang.both(LABELS[opts.missing]) : undefined);

  REQUEST_SECTIONS.forEach((section, index) => {
    const n = String(index + 1);
    out.push(sectionTitle(lang, n, LABELS[section.label]));
    switch (section.id) {
      case 'authorities':
        out.push(
          fieldTable(lang, [
            ['requestingState', countryBoth(vm, lang, r.requestingCountry)],
            ['requestedState', countryBoth(vm, lang, r.requestedCountry)],
            ['requestingAuthority', [text(r.createdBy?.name), text(r.createdBy?.office)].filter((s) => s.trim() !== '').join(', ')],
            ['conductingAuthority', text(r.proceeding?.authority) || lang.both(LABELS[opts.missing])],
            ['caseReference', text(r.caseReference) || lang.both(LABELS[opts.missing])],
            ['requestTitle', field('title', r.title) ?? lang.both(LABELS[opts.missing])],
          ]),
        );
        break;
      case 'proceeding':
        out.push(
          r.proceeding
            ? fieldTable(lang, [
                ['proceedingType', enumValue(lang, PROCEEDING_TYPE_LABELS, r.proceeding.type)],
                ['proceedingStage', field('proceeding.stage', r.proceeding.stage)],
              ])
            : empty(),
        );
        break;
      case 'legalBasis': {
        const bases = list(r.legalBasis).map((b) => enumValue(lang, LEGAL_BASIS_LABELS, b));
        out.push(bases.length > 0 ? bullets(bases) : empty());
        if (present(r.bilateralTreaty)) {
          const treaty = r.treatyName ? lang.languages.map((l) => r.treatyName![l]).join(' / ') : text(r.bilateralTreaty);
          out.push(fieldTable(lang, [['bilateralTreaty', treaty]]));
        }
        if (r.route) out.push(routeTable(lang, vm));
        // The statements the bases invoked call for (workflows/rules/content.rules.ts), where made.
        out.push(
          fieldTable(lang, [
            ['reciprocityUndertaking', field('reciprocityUndertaking', r.reciprocityUndertaking)],
            ['untocCategory', present(r.untocScope?.category) ? enumValue(lang, UNTOC_CATEGORY_LABELS, r.untocScope!.category) : undefined],
            ['untocTransnational', field('untocScope.transnational', r.untocScope?.transnational)],
            ['untocOrganizedGroup', field('untocScope.organizedGroup', r.untocScope?.organizedGroup)],
            ['dualCriminality', field('dualCriminality', r.dualCriminality)],
          ]),
        );
        break;
      }
      case 'offenses': {
        const offenses = list(r.offenses);
        if (offenses.length === 0) out.push(empty());
        offenses.forEach((o, i) => out.push(...offense(lang, `${n}.${i + 1}`, o, (key, value) => field(`offenses[${i}].${key}`, value))));
        break;
      }
      case 'facts':
        out.push(orEmpty('summaryOfFacts', r.summaryOfFacts));
        break;
      case 'purpose':
        out.push(orEmpty('purpose', r.purpose));
        break;
      case 'measures': {
        const measures = list(r.measures);
        if (measures.length === 0) out.push(empty());
        measures.forEach((m, i) => out.push(...measure(lang, `${n}.${i + 1}`, m, (key, value) => field(`measures[${i}].${key}`, value))));
        break;
      }
      case 'persons': {
        const persons = list(r.persons);
        if (persons.length === 0) out.push(empty());
        persons.forEach((p, i) => out.push(...person(lang, `${n}.${i + 1}`, p, (key, value) => field(`persons[${i}].${key}`, value))));
        // Their protection and the interpreters they need, after them (a section of their own would
        // renumber the form every clerk already knows).
        if (present(r.protection?.measures) || present(r.protection?.interpreters)) {
          out.push(
            { text: lang.both(LABELS.secProtection), style: 'subsectionTitle', headlineLevel: 2 },
            fieldTable(lang, [
              ['protectionMeasures', field('protection.measures', r.protection?.measures)],
              ['interpreters', field('protection.interpreters', r.protection?.interpreters)],
            ]),
          );
        }
        break;
      }
      case 'procedures':
        out.push(present(r.procedures) ? paragraph(field('procedures', r.procedures)) : placeholder(lang, 'none'));
        out.push(
          fieldTable(lang, [
            ['personsPresent', field('execution.personsPresent', r.execution?.personsPresent)],
            ['certification', field('execution.certification', r.execution?.certification)],
            ['returnOriginals', r.execution?.returnOriginals !== undefined ? yesNo(lang, r.execution.returnOriginals) : undefined],
            ['costsExtraordinary', r.costs?.extraordinary !== undefined ? yesNo(lang, r.costs.extraordinary) : undefined],
            ['costsDetails', field('costs.details', r.costs?.details)],
          ]),
        );
        break;
      case 'confidentiality':
        out.push(
          fieldTable(lang, [
            ['confidentialityRequired', r.confidentiality ? yesNo(lang, r.confidentiality.required) : lang.both(LABELS[opts.missing])],
            ['reason', field('confidentiality.reason', r.confidentiality?.reason)],
            ['dataSafeguards', field('dataProtection.safeguards', r.dataProtection?.safeguards)],
            ['dataRetention', field('dataProtection.retention', r.dataProtection?.retention)],
            ['limitedUse', { stack: lang.languages.map((l) => ({ text: PHRASES.limitedUse[l](limitedUseCitations(vm, l)), margin: [0, 0, 0, 2] })) }],
          ]),
        );
        break;
      case 'urgency':
        out.push(
          r.urgency
            ? fieldTable(lang, [
                ['urgent', yesNo(lang, r.urgency.urgent)],
                ['reason', field('urgency.reason', r.urgency.reason)],
                ['deadline', present(r.urgency.deadline) ? lang.date(r.urgency.deadline) : undefined],
              ])
            : empty(),
        );
        break;
      case 'contact':
        out.push(
          r.contact
            ? fieldTable(lang, [
                ['name', text(r.contact.name)],
                ['email', text(r.contact.email)],
                ['phone', text(r.contact.phone)],
                ['languages', list(r.contact.languages).map((l) => languageName(lang, l)).join('; ')],
              ])
            : empty(),
        );
        break;
      case 'language':
        out.push(...languageSection(lang, vm, opts));
        break;
      case 'priorExchanges':
        out.push(...priorExchanges(lang, vm, (i, value) => field(`priorInformalExchanges[${i}].summary`, value) ?? ''), ...relatedRequests(lang, vm, (i, value) => field(`relatedRequests[${i}].summary`, value) ?? ''));
        break;
    }
  });
  return out;
}

type PartText = (key: string, value: unknown) => string | undefined;

function offense(lang: Lang, number: string, o: Offense, tx: PartText): Content[] {
  return [
    { text: `${number} ${tx('name', o.name) ?? ''}`, style: 'subsectionTitle', headlineLevel: 2 },
    fieldTable(lang, [
      ['legalProvision', tx('legalProvision', o.legalProvision)],
      ['provisionText', tx('provisionText', o.provisionText)],
      ['maxPenalty', tx('maxPenalty', o.maxPenalty)],
      ['limitation', tx('limitation', o.limitation)],
      ['conduct', list(o.conduct).length > 0 ? bullets(list(o.conduct).map((c) => enumValue(lang, CONDUCT_LABELS, c))) : undefined],
      ['aggravating', tx('aggravating', o.aggravating)],
    ]),
  ];
}

function measure(lang: Lang, number: string, m: Measure, tx: PartText): Content[] {
  const questions = list(m.questions);
  const title = MEASURE_TYPE_LABELS[m.type as keyof typeof MEASURE_TYPE_LABELS] ?? { es: text(m.type), en: text(m.type), fr: text(m.type) };
  return [
    subsectionTitle(lang, number, title),
    fieldTable(lang, [
      ['description', tx('description', m.description)],
      // The structured fields of its type (workflows/rules/measure.rules.ts), those stated.
      ['witness', text(m.witness)],
      ['questions', questions.length > 0 ? { ol: questions.map((q, j) => ({ text: tx(`questions[${j}]`, q) ?? '' })), margin: [0, 0, 0, 2] } : undefined],
      ['place', text(m.place)],
      ['itemsSought', tx('itemsSought', m.itemsSought)],
      ['grounds', tx('grounds', m.grounds)],
      ['institution', text(m.institution)],
      ['account', text(m.account)],
      ['accountHolder', text(m.accountHolder)],
      ['provider', text(m.provider)],
      ['identifiers', list(m.identifiers).length > 0 ? bullets(list(m.identifiers).map(text)) : undefined],
      ['period', span(lang, m.period, (v) => lang.date(v))],
      ['preservationReference', text(m.preservationReference)],
      ['hearingWindow', span(lang, m.hearing, (v) => v.replace('T', ' '), m.hearing?.timeZone)],
      ['technicalContact', text(m.hearing?.technicalContact)],
      ['interpreter', tx('hearing.interpreter', m.hearing?.interpreter)],
      ['detainedPerson', text(m.detainedPerson)],
      ['consentGiven', m.consent?.given !== undefined ? yesNo(lang, m.consent.given) : undefined],
      ['consentDate', present(m.consent?.date) ? lang.date(m.consent!.date) : undefined],
      ['consentRecord', tx('consent.record', m.consent?.record)],
      ['details', tx('details', m.details)],
    ]),
  ];
}

/** A period or a window, "from – to", each end as `show` writes it. */
function span(lang: Lang, value: { from?: string; to?: string } | undefined, show: (v: string) => string, zone?: string): string | undefined {
  if (!value || (!present(value.from) && !present(value.to))) return undefined;
  const ends = [value.from, value.to].map((v) => (present(v) ? show(text(v)) : '…'));
  return `${ends.join(' – ')}${present(zone) ? ` (${text(zone)})` : ''}`;
}

function person(lang: Lang, number: string, p: Person & { protected?: boolean }, tx: PartText): Content[] {
  // Set by the disclosure policy (workflows/disclosure) on a document for the informal channel.
  const hidden = p.protected === true;
  const role = PERSON_ROLE_LABELS[p.role as keyof typeof PERSON_ROLE_LABELS] ?? { es: text(p.role), en: text(p.role), fr: text(p.role) };
  const vulnerabilities = list(p.vulnerabilities).map((v) => enumValue(lang, VULNERABILITY_LABELS, v));
  const rows: [LabelKey, FieldValue | undefined][] = hidden
    ? [
        ['initials', text(p.fullName)],
        ['nationality', tx('nationality', p.nationality)],
        ['vulnerability', vulnerabilities.length > 0 ? bullets(vulnerabilities) : undefined],
        ['protectedPerson', lang.both(LABELS.protectedPerson)],
      ]
    : [
        ['fullName', text(p.fullName)],
        ['nationality', tx('nationality', p.nationality)],
        ['dateOfBirth', present(p.dateOfBirth) ? lang.date(p.dateOfBirth) : undefined],
        ['identityDocument', text(p.identityDocument)],
        ['location', text(p.location)],
        ['vulnerability', vulnerabilities.length > 0 ? bullets(vulnerabilities) : undefined],
      ];
  return [subsectionTitle(lang, number, role), fieldTable(lang, rows)];
}

/** The language written in, and the translations the request carries: each by language, with its translator or its certified annex. */
function languageSection(lang: Lang, vm: DocumentViewModel, opts: SectionOptions): Content[] {
  const r = vm.request;
  const translations = r.translations && typeof r.translations === 'object' ? r.translations : {};
  const certified = list(r.certifiedTranslations);
  const available = (['en', 'es', 'fr'] as const).filter((l) => l !== r.language && ((translations[l] && typeof translations[l] === 'object') || certified.includes(l)));
  const describe = (l: Language): string => {
    const a = (translations[l] as Partial<Translation> | undefined)?.attestation;
    const by = a && present(a.translatorName) ? ` — ${lang.both(LABELS.attestation)}: ${[text(a.translatorName), text(a.qualification), present(a.date) ? lang.date(a.date) : ''].filter(present).join(', ')}` : '';
    return `${languageName(lang, l)}${certified.includes(l) ? ` (${lang.both(LABELS.certifiedTranslationAnnexed)})` : ''}${by}`;
  };
  return [
    fieldTable(lang, [
      ['requestLanguage', present(r.language) ? languageName(lang, r.language) : lang.both(LABELS[opts.missing])],
      ['translationsAttached', available.length > 0 ? { ul: available.map((l) => ({ text: describe(l) })) } : lang.both(LABELS.none)],
    ]),
    ...(available.length > 0 ? [{ text: lang.both(LABELS.translationNote), style: 'placeholder' } as Content] : []),
  ];
}

function priorExchanges(lang: Lang, vm: DocumentViewModel, summaryOf: (i: number, value: unknown) => string): Content[] {
  const exchanges = list(vm.request.priorInformalExchanges);
  if (exchanges.length === 0) return [placeholder(lang, 'none')];
  const head = (key: LabelKey) => ({ text: lang.both(LABELS[key]), style: 'tableHeader' });
  return [
    { text: lang.both(LABELS.priorExchangesNote), style: 'body' },
    {
      table: {
        headerRows: 1,
        widths: [70, 120, '*'],
        dontBreakRows: true,
        body: [
          [head('date'), head('counterpart'), head('summary')],
          ...exchanges.map((e, i) => [{ text: lang.date(e.date) }, { text: text(e.counterpart) }, { text: summaryOf(i, e.summary) }]),
        ],
      },
      layout: TABLE_LAYOUTS.gridLayout,
      margin: [0, 2, 0, 6],
    },
  ];
}

/**
 * Related or earlier requests and other states asked, after the informal exchanges: what else is under
 * way in the case. The fiscal's own list, then the other requests of the case where the fiscal disclosed
 * them (vm.otherStatesAsked), leaving out one the fiscal already wrote with the same State and reference.
 */
function relatedRequests(lang: Lang, vm: DocumentViewModel, summaryOf: (i: number, value: unknown) => string): Content[] {
  const written = list(vm.request.relatedRequests);
  const ofCase = list(vm.otherStatesAsked)
    .filter((other) => !written.some((w) => w.country === other.country && text(w.reference) === text(other.reference)))
    .map((other) => ({ country: other.country, reference: other.reference, date: undefined, summary: lang.both(LABELS.askedInSameCase) }));
  const related = [...written, ...ofCase];
  if (related.length === 0) return [];
  const head = (key: LabelKey) => ({ text: lang.both(LABELS[key]), style: 'tableHeader' });
  return [
    { text: lang.both(LABELS.secRelatedRequests), style: 'subsectionTitle', headlineLevel: 2 },
    {
      table: {
        headerRows: 1,
        widths: [90, 80, 60, '*'],
        dontBreakRows: true,
        body: [
          [head('relatedCountry'), head('relatedReference'), head('date'), head('summary')],
          ...related.map((rr, i) => [
            { text: countryBoth(vm, lang, rr.country) },
            { text: text(rr.reference) },
            { text: present(rr.date) ? lang.date(rr.date) : '' },
            { text: i < written.length ? summaryOf(i, rr.summary) : rr.summary },
          ]),
        ],
      },
      layout: TABLE_LAYOUTS.gridLayout,
      margin: [0, 2, 0, 6],
    },
  ];
}

/** The limited-use provisions of the instruments invoked; UNTOC art. 18(19) while no route is derived yet. */
function limitedUseCitations(vm: DocumentViewModel, l: Language): string {
  const citations = vm.request.route?.limitedUse ?? [];
  return citations.length > 0 ? citations.map((c) => c[l]).join('; ') : { es: 'art. 18, párr. 19, de la Convención de Palermo', en: 'UNTOC art. 18(19)', fr: 'art. 18, par. 19, de la Convention de Palerme' }[l];
}

/** Who transmits, through which offices, and who receives: the route fixed for the request. */
function routeTable(lang: Lang, vm: DocumentViewModel): Content {
  const route = vm.request.route!;
  const office = (o: RouteOffice): FieldValue =>
    lang.languages
      .map((l) => o.office?.[l] ?? Object.values(o.office ?? {})[0] ?? PHRASES.routeOffice[l](o.role, countryOf(vm, l, o.country)))
      .filter((name, i, all) => all.indexOf(name) === i)
      .join(' / ');
  return fieldTable(lang, [
    ['route', lang.both(route.channel === 'diplomatic' ? LABELS.channelDiplomatic : LABELS.channelCentralAuthority)],
    ['routeGoverning', lang.languages.map((l) => `${LEGAL_BASIS_LABELS[route.basis][l]}, ${route.channelArticle[l]}`).join(' / ')],
    ['routeTransmitter', office(route.transmitter)],
    ...route.via.map((v): [LabelKey, FieldValue] => ['routeVia', office(v)]),
    ['routeReceiver', office(route.receiver)],
  ]);
}
