// Blocks shared by the short formal documents (authorization, transmission note, acknowledgement,
// overdue notice): the request they concern, and the officer who acted.
import type { Content } from 'pdfmake/interfaces.js';
import type { Language } from '../workflows/request/request.types.js';
import { ANNEX_KIND_LABELS, DOCUMENT_TITLES, LABELS, PHRASES, SIGNER_POSTS, STATE_LABELS } from './labels.js';
import { Lang, TABLE_LAYOUTS, biInline, biStack, fieldTable, languageName, list, localized, placeholder, present, text } from './layout.js';
import { countryName, countryOf } from './request-sections.js';

export { countryOf };
import type { DocumentCitation, DocumentViewModel } from './view-model.js';

/** The requesting and requested countries' names in one language. */
export function countriesIn(vm: DocumentViewModel, l: Language): { from: string; to: string } {
  return { from: countryName(vm, l, vm.request.requestingCountry), to: countryName(vm, l, vm.request.requestedCountry) };
}

/** The requesting and requested countries after "of", in one language. */
export function countriesOf(vm: DocumentViewModel, l: Language): { fromOf: string; toOf: string } {
  return { fromOf: countryOf(vm, l, vm.request.requestingCountry), toOf: countryOf(vm, l, vm.request.requestedCountry) };
}

const FALLBACK_SUBJECT: Readonly<Record<string, Readonly<Record<Language, (of: string) => string>>>> = {
  cancilleria: { es: (of) => `El Ministerio de Relaciones Exteriores ${of}`, en: (of) => `The Ministry of Foreign Affairs ${of}`, fr: (of) => `Le Ministère des Affaires étrangères ${of}` },
  central_authority: { es: (of) => `La autoridad central ${of}`, en: (of) => `The central authority ${of}`, fr: (of) => `L’autorité centrale ${of}` },
  fiscal: { es: (of) => `El Ministerio Público ${of}`, en: (of) => `The prosecution service ${of}`, fr: (of) => `Le ministère public ${of}` },
};

/**
 * The issuing office as the subject of a note's sentences ("El Ministerio de Relaciones Exteriores
 * de la República de Guatemala saluda …"): the reviewed data's formal name, else its function and country.
 */
export function issuerSubject(vm: DocumentViewModel, l: Language, role: 'cancilleria' | 'central_authority' | 'fiscal'): string {
  const formal = vm.issuer?.office.subject[l];
  if (present(formal)) return text(formal);
  const country = vm.issuer?.office.country ?? vm.event?.actor.country ?? (role === 'central_authority' ? vm.request.requestedCountry : vm.request.requestingCountry);
  return FALLBACK_SUBJECT[role]![l](countryOf(vm, l, country));
}

/**
 * The addressee of a note: its function and country ("Autoridad central de los Estados Unidos de
 * América"), the office's own name, and the channel it travels by.
 */
export function addresseeBlock(vm: DocumentViewModel, lang: Lang): Content[] {
  const a = vm.addressee;
  if (!a) return [];
  const role = (l: Language) =>
    a.role === 'central_authority'
      ? PHRASES.centralAuthorityOf[l](countryOf(vm, l, a.country))
      : a.role === 'cancilleria'
        ? PHRASES.routeOffice[l]('cancilleria', countryOf(vm, l, a.country))
        : { es: 'Autoridades', en: 'Authorities', fr: 'Autorités' }[l] + ` ${countryOf(vm, l, a.country)}`;
  const lines: Content[] = [
    { text: [...new Set(lang.languages.map(role))].join(' / '), bold: true },
    ...(a.office ? [{ text: localized(lang, a.office) }] : []),
    ...(a.channel ? [{ text: lang.both(a.channel === 'diplomatic' ? LABELS.channelDiplomatic : LABELS.channelCentralAuthority), color: '#555555' }] : []),
  ];
  return [{ stack: [biStack(lang, LABELS.addressee), ...lines], style: 'addressee', unbreakable: true } as Content];
}

/** The requesting and requested countries' names in all the document's languages. */
export function countries(vm: DocumentViewModel, lang: Lang): { fromBoth: string; toBoth: string } {
  const both = (code: unknown) => [...new Set(lang.languages.map((l) => countryName(vm, l, code)))].join(' / ');
  return { fromBoth: both(vm.request.requestingCountry), toBoth: both(vm.request.requestedCountry) };
}

/** A statement written in each of the document's languages, one paragraph per language. */
export function statement(lang: Lang, phrase: (l: Language) => string): Content {
  return {
    stack: lang.languages.map((l, i) => ({ text: phrase(l), italics: i > 0, color: i > 0 ? '#555555' : undefined, margin: [0, 0, 0, 6] })),
    margin: [0, 2, 0, 6],
  };
}

/** The request the document concerns, identified without any personal data. */
export function requestSummary(vm: DocumentViewModel, lang: Lang): Content {
  const c = countries(vm, lang);
  const r = vm.request;
  return fieldTable(lang, [
    ['reference', text(vm.reference)],
    ['caseReference', text(r.caseReference)],
    ['requestingState', `${c.fromBoth} (${text(r.requestingCountry)})`],
    ['requestedState', `${c.toBoth} (${text(r.requestedCountry)})`],
    ['requestingAuthority', [text(r.createdBy?.name), text(r.proceeding?.authority)].filter(present).join(' — ')],
    ['state', present(r.state) ? stateName(lang, r.state) : undefined],
  ]);
}

export function stateName(lang: Lang, state: unknown): string {
  const entry = STATE_LABELS[text(state)];
  return entry ? lang.both(entry) : text(state);
}

export function kindName(lang: Lang, kind: unknown): string {
  const entry = DOCUMENT_TITLES[text(kind) as keyof typeof DOCUMENT_TITLES];
  return entry ? lang.both(entry) : text(kind);
}

/** A cited document: kind, reference, revision and the verification code its own footer prints. */
export function citation(lang: Lang, doc: DocumentCitation): Content {
  return fieldTable(lang, [
    ['documentKind', present(doc.title) ? text(doc.title) : kindName(lang, doc.kind)],
    ['reference', text(doc.reference)],
    ['revision', doc.revision !== undefined ? text(doc.revision) : undefined],
    ['contentHash', { text: text(doc.contentHash), style: 'hash' }],
  ]);
}

/**
 * The unit named in the directory without the institution the letterhead already prints ("Dirección
 * de Asuntos Jurídicos, Ministerio de Relaciones Exteriores" under that ministry's letterhead is
 * "Dirección de Asuntos Jurídicos"): a signature block never names the ministry twice.
 */
function unitWithoutInstitution(unit: string, institution: readonly string[]): string {
  const norm = (s: string) => s.normalize('NFC').toLocaleLowerCase().replace(/\s+/g, ' ').trim();
  const names = institution.map(norm).filter((n) => n.length > 0);
  const segments = names.flatMap((n) => n.split(',').map((p) => p.trim()));
  const named = (part: string) =>
    names.some((n) => n === part || n.startsWith(`${part} `)) || segments.some((seg) => seg === part || seg.endsWith(` ${part}`));
  return unit
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p.length > 0 && !named(norm(p)))
    .join(', ');
}

/**
 * Where the officer signs: a line for the hand signature and seal, then name, post and office (the
 * unit, then the institution of the letterhead, each once), and the date of the event in the
 * issuing office's time zone.
 */
export function signatureBlock(vm: DocumentViewModel, lang: Lang, signer = vm.event?.actor): Content {
  const post = present(signer?.post) ? text(signer?.post) : signer ? (SIGNER_POSTS[text(signer.role)] ? lang.both(SIGNER_POSTS[text(signer.role)]!) : '') : '';
  const institutionNames = Object.values(vm.issuer?.office.institution ?? {}).filter((n): n is string => present(n));
  const unit = present(signer?.office) ? unitWithoutInstitution(text(signer?.office), institutionNames) : '';
  const institution = vm.issuer ? localized(lang, vm.issuer.office.institution) : signer ? countryName(vm, lang.primary, signer.country) : '';
  return {
    stack: [
      { canvas: [{ type: 'line', x1: 0, y1: 24, x2: 220, y2: 24, lineWidth: 0.6, lineColor: '#333333' }] },
      { text: lang.both(LABELS.signature), style: 'fieldLabelSecondary', margin: [0, 1, 0, 4] },
      ...(signer ? [{ text: text(signer.name), bold: true }] : []),
      ...(present(post) ? [{ text: post }] : []),
      ...(present(unit) ? [{ text: unit }] : []),
      ...(present(institution) ? [{ text: institution }] : []),
      { text: lang.date(vm.issuedAt), color: '#555555', margin: [0, 2, 0, 0] },
    ],
    style: 'signature',
    unbreakable: true,
  } as Content;
}

/** The closing formula of a note, in each of the document's languages. */
export function closing(lang: Lang, phrase: (l: Language) => string): Content {
  return { stack: lang.languages.map((l, i) => ({ text: phrase(l), italics: i > 0, color: i > 0 ? '#555555' : undefined, margin: [0, 0, 0, 4] })), style: 'closing' };
}

/** A free-text field the actor wrote (comment, conditions), or nothing. */
export function remarks(lang: Lang, key: 'comment' | 'conditions', value: unknown): Content[] {
  if (!present(value)) return [];
  return [
    { text: biInline(lang, LABELS[key]), style: 'subsectionTitle' },
    { text: text(value), style: 'body' },
  ];
}


/**
 * The files attached to the request, each by kind, description, language and the SHA-256 of the file
 * (a file is not a document of the platform: it has no verification code of its own), or "none".
 */
/** The platform's documents a note carries, each with its reference, revision and content hash. */
export function enclosureTable(vm: DocumentViewModel, lang: Lang): Content {
  const enclosures = list(vm.enclosures);
  if (enclosures.length === 0) return placeholder(lang, 'none');
  const head = (key: keyof typeof LABELS) => ({ text: lang.both(LABELS[key]), style: 'tableHeader' });
  return {
    table: {
      headerRows: 1,
      widths: [14, 150, '*'],
      dontBreakRows: true,
      body: [
        [{ text: '#', style: 'tableHeader' }, head('documentKind'), head('contentHash')],
        ...enclosures.map((e, i) => [
          { text: String(i + 1) },
          {
            stack: [
              { text: present(e.title) ? text(e.title) : kindName(lang, e.kind) },
              { text: `${text(e.reference)} · ${lang.one(LABELS.revision)} ${text(e.revision)}`, style: 'small' },
            ],
          },
          { text: text(e.contentHash), style: 'hash' },
        ]),
      ],
    },
    layout: TABLE_LAYOUTS.gridLayout,
    margin: [0, 2, 0, 6],
  } as Content;
}

export function annexTable(vm: DocumentViewModel, lang: Lang): Content {
  const annexes = list(vm.annexes);
  if (annexes.length === 0) return placeholder(lang, 'none');
  const head = (entry: { es: string; en: string; fr: string }) => ({ text: lang.both(entry), style: 'tableHeader' });
  return {
    table: {
      headerRows: 1,
      widths: [14, 180, '*'],
      dontBreakRows: true,
      body: [
        [{ text: '#', style: 'tableHeader' }, head(LABELS.annex), head(LABELS.fileSha256)],
        ...annexes.map((a, i) => [
          { text: String(i + 1) },
          {
            stack: [
              { text: ANNEX_KIND_LABELS[text(a.kind)] ? lang.both(ANNEX_KIND_LABELS[text(a.kind)]!) : text(a.kind), bold: true },
              { text: text(a.description) },
              { text: `${text(a.filename)} · ${languageName(lang, a.language)}`, style: 'small' },
            ],
          },
          { text: text(a.sha256), style: 'hash' },
        ]),
      ],
    },
    layout: TABLE_LAYOUTS.gridLayout,
    margin: [0, 2, 0, 6],
  } as Content;
}
