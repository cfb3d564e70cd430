// The body of a request, section by section, in the order the domain brief fixes ("What a
// standardized request must contain": UNTOC art. 18(15), UN Model Treaty art. 5, Nassau arts.
// 24-28, EIO Annex A). Shared by the informal draft (redacted, gaps shown as pending) and the
// standardized form (full identities, gaps shown as not stated).
import type { Content } from 'pdfmake/interfaces.js';
import type { Language, Measure, Offense, Person, Translation } from '../workflows/request/request.types.js';
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

export function requestSections(vm: DocumentViewModel, opts: SectionOptions): Content[] {
  const lang = langOf(vm);
  const r = vm.request;
  const out: Content[] = [];
  const empty = () => placeholder(lang, opts.missing);
  const orEmpty = (value: unknown): Content => (present(value) ? paragraph(text(value)) : empty());

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
            ['requestTitle', text(r.title) || lang.both(LABELS[opts.missing])],
          ]),
        );
        break;
      case 'proceeding':
        out.push(
          r.proceeding
            ? fieldTable(lang, [
                ['proceedingType', enumValue(lang, PROCEEDING_TYPE_LABELS, r.proceeding.type)],
                ['proceedingStage', text(r.proceeding.stage)],
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
            ['reciprocityUndertaking', text(r.reciprocityUndertaking)],
            ['untocCategory', present(r.untocScope?.category) ? enumValue(lang, UNTOC_CATEGORY_LABELS, r.untocScope!.category) : undefined],
            ['untocTransnational', text(r.untocScope?.transnational)],
            ['untocOrganizedGroup', text(r.untocScope?.organizedGroup)],
            ['dualCriminality', text(r.dualCriminality)],
          ]),
        );
        break;
      }
      case 'offenses': {
        const offenses = list(r.offenses);
        if (offenses.length === 0) out.push(empty());
        offenses.forEach((o, i) => out.push(...offense(lang, `${n}.${i + 1}`, o)));
        break;
      }
      case 'facts':
        out.push(orEmpty(r.summaryOfFacts));
        break;
      case 'purpose':
        out.push(orEmpty(r.purpose));
        break;
      case 'measures': {
        const measures = list(r.measures);
        if (measures.length === 0) out.push(empty());
        measures.forEach((m, i) => out.push(...measure(lang, `${n}.${i + 1}`, m)));
        break;
      }
      case 'persons': {
        const persons = list(r.persons);
        if (persons.length === 0) out.push(empty());
        persons.forEach((p, i) => out.push(...person(lang, `${n}.${i + 1}`, p)));
        // Their protection and the interpreters they need, after them (a section of their own would
        // renumber the form every clerk already knows).
        if (present(r.protection?.measures) || present(r.protection?.interpreters)) {
          out.push(
            { text: lang.both(LABELS.secProtection), style: 'subsectionTitle', headlineLevel: 2 },
            fieldTable(lang, [
              ['protectionMeasures', text(r.protection?.measures)],
              ['interpreters', text(r.protection?.interpreters)],
            ]),
          );
        }
        break;
      }
      case 'procedures':
        out.push(present(r.procedures) ? paragraph(text(r.procedures)) : placeholder(lang, 'none'));
        out.push(
          fieldTable(lang, [
            ['personsPresent', text(r.execution?.personsPresent)],
            ['certification', text(r.execution?.certification)],
            ['returnOriginals', r.execution?.returnOriginals !== undefined ? yesNo(lang, r.execution.returnOriginals) : undefined],
            ['costsExtraordinary', r.costs?.extraordinary !== undefined ? yesNo(lang, r.costs.extraordinary) : undefined],
            ['costsDetails', text(r.costs?.details)],
          ]),
        );
        break;
      case 'confidentiality':
        out.push(
          fieldTable(lang, [
            ['confidentialityRequired', r.confidentiality ? yesNo(lang, r.confidentiality.required) : lang.both(LABELS[opts.missing])],
            ['reason', text(r.confidentiality?.reason)],
            ['dataSafeguards', text(r.dataProtection?.safeguards)],
            ['dataRetention', text(r.dataProtection?.retention)],
            ['limitedUse', { stack: lang.languages.map((l) => ({ text: PHRASES.limitedUse[l](limitedUseCitations(vm, l)), margin: [0, 0, 0, 2] })) }],
          ]),
        );
        break;
      case 'urgency':
        out.push(
          r.urgency
            ? fieldTable(lang, [
                ['urgent', yesNo(lang, r.urgency.urgent)],
                ['reason', text(r.urgency.reason)],
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
        out.push(...languageSection(lang, n, vm, opts));
        break;
      case 'priorExchanges':
        out.push(...priorExchanges(lang, vm), ...relatedRequests(lang, vm));
        break;
    }
  });
  return out;
}

function offense(lang: Lang, number: string, o: Offense): Content[] {
  return [
    { text: `${number} ${text(o.name)}`, style: 'subsectionTitle', headlineLevel: 2 },
    fieldTable(lang, [
      ['legalProvision', text(o.legalProvision)],
      ['provisionText', text(o.provisionText)],
      ['maxPenalty', text(o.maxPenalty)],
      ['limitation', text(o.limitation)],
      ['conduct', list(o.conduct).length > 0 ? bullets(list(o.conduct).map((c) => enumValue(lang, CONDUCT_LABELS, c))) : undefined],
      ['aggravating', text(o.aggravating)],
    ]),
  ];
}

function measure(lang: Lang, number: string, m: Measure): Content[] {
  const questions = list(m.questions);
  const title = MEASURE_TYPE_LABELS[m.type as keyof typeof MEASURE_TYPE_LABELS] ?? { es: text(m.type), en: text(m.type), fr: text(m.type) };
  return [
    subsectionTitle(lang, number, title),
    fieldTable(lang, [
      ['description', text(m.description)],
      // The structured fields of its type (workflows/rules/measure.rules.ts), those stated.
      ['witness', text(m.witness)],
      ['questions', questions.length > 0 ? { ol: questions.map((q) => ({ text: text(q) })), margin: [0, 0, 0, 2] } : undefined],
      ['place', text(m.place)],
      ['itemsSought', text(m.itemsSought)],
      ['grounds', text(m.grounds)],
      ['institution', text(m.institution)],
      ['account', text(m.account)],
      ['accountHolder', text(m.accountHolder)],
      ['provider', text(m.provider)],
      ['identifiers', list(m.identifiers).length > 0 ? bullets(list(m.identifiers).map(text)) : undefined],
      ['period', span(lang, m.period, (v) => lang.date(v))],
      ['preservationReference', text(m.preservationReference)],
      ['hearingWindow', span(lang, m.hearing, (v) => v.replace('T', ' '), m.hearing?.timeZone)],
      ['technicalContact', text(m.hearing?.technicalContact)],
      ['interpreter', text(m.hearing?.interpreter)],
      ['detainedPerson', text(m.detainedPerson)],
      ['consentGiven', m.consent?.given !== undefined ? yesNo(lang, m.consent.given) : undefined],
      ['consentDate', present(m.consent?.date) ? lang.date(m.consent!.date) : undefined],
      ['consentRecord', text(m.consent?.record)],
      ['details', text(m.details)],
    ]),
  ];
}

/** A period or a window, "from – to", each end as `show` writes it. */
function span(lang: Lang, value: { from?: string; to?: string } | undefined, show: (v: string) => string, zone?: string): string | undefined {
  if (!value || (!present(value.from) && !present(value.to))) return undefined;
  const ends = [value.from, value.to].map((v) => (present(v) ? show(text(v)) : '…'));
  return `${ends.join(' – ')}${present(zone) ? ` (${text(zone)})` : ''}`;
}

function person(lang: Lang, number: string, p: Person & { protected?: boolean }): Content[] {
  // Set by the disclosure policy (workflows/disclosure) on a document for the informal channel.
  const hidden = p.protected === true;
  const role = PERSON_ROLE_LABELS[p.role as keyof typeof PERSON_ROLE_LABELS] ?? { es: text(p.role), en: text(p.role), fr: text(p.role) };
  const vulnerabilities = list(p.vulnerabilities).map((v) => enumValue(lang, VULNERABILITY_LABELS, v));
  const rows: [LabelKey, FieldValue | undefined][] = hidden
    ? [
        ['initials', text(p.fullName)],
        ['nationality', text(p.nationality)],
        ['vulnerability', vulnerabilities.length > 0 ? bullets(vulnerabilities) : undefined],
        ['protectedPerson', lang.both(LABELS.protectedPerson)],
      ]
    : [
        ['fullName', text(p.fullName)],
        ['nationality', text(p.nationality)],
        ['dateOfBirth', present(p.dateOfBirth) ? lang.date(p.dateOfBirth) : undefined],
        ['identityDocument', text(p.identityDocument)],
        ['location', text(p.location)],
        ['vulnerability', vulnerabilities.length > 0 ? bullets(vulnerabilities) : undefined],
      ];
  return [subsectionTitle(lang, number, role), fieldTable(lang, rows)];
}

function languageSection(lang: Lang, n: string, vm: DocumentViewModel, opts: SectionOptions): Content[] {
  const r = vm.request;
  const translations = r.translations && typeof r.translations === 'object' ? r.translations : {};
  // The translation into the language the requested side reads comes first.
  const order = [lang.secondary, 'en', 'es', 'fr'].filter((l, i, all): l is Language => !!l && all.indexOf(l) === i);
  const available = order.filter((l) => l !== r.language && translations[l] && typeof translations[l] === 'object');
  const out: Content[] = [
    fieldTable(lang, [
      ['requestLanguage', present(r.language) ? languageName(lang, r.language) : lang.both(LABELS[opts.missing])],
      ['translationsAttached', available.length > 0 ? available.map((l) => languageName(lang, l)).join('; ') : lang.both(LABELS.none)],
    ]),
  ];
  available.forEach((l, i) => {
    const t = translations[l] as Translation;
    const name = LANGUAGE_NAMES[l];
    out.push(
      { text: [{ text: `${n}.${i + 1} ` }, ...biInline(lang, LABELS.secTranslation), { text: ` (${name[l]})` }], style: 'subsectionTitle', headlineLevel: 2 },
      { text: LABELS.translationNote[l], style: 'placeholder' },
      fieldTable(lang, [
        [LABELS.requestTitle, text(t.title)],
        [LABELS.secFacts, text(t.summaryOfFacts)],
        [LABELS.secPurpose, text(t.purpose)],
        [LABELS.secMeasures, list(t.measures).length > 0 ? { ol: list(t.measures).map((m) => ({ text: text(m) })) } : undefined],
      ]),
    );
  });
  return out;
}

function priorExchanges(lang: Lang, vm: DocumentViewModel): Content[] {
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
          ...exchanges.map((e) => [{ text: lang.date(e.date) }, { text: text(e.counterpart) }, { text: text(e.summary) }]),
        ],
      },
      layout: TABLE_LAYOUTS.gridLayout,
      margin: [0, 2, 0, 6],
    },
  ];
}

/** Related or earlier requests and other states asked, after the informal exchanges: what else is under way in the case. */
function relatedRequests(lang: Lang, vm: DocumentViewModel): Content[] {
  const related = list(vm.request.relatedRequests);
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
          ...related.map((rr) => [
            { text: countryBoth(vm, lang, rr.country) },
            { text: text(rr.reference) },
            { text: present(rr.date) ? lang.date(rr.date) : '' },
            { text: text(rr.summary) },
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
