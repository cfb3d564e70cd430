// The frame every document shares: page header (reference, title, page n of m), footer (content
// hash), the title block with the verification QR code, bilingual labels, sections and field tables.
//
// Security rule for every template: a value that came from a user reaches the definition only as a
// string made by `text()`. pdfmake reads nodes such as `image`, `svg`, `qr`, `attachment` or `link`
// from any object it meets, and some of them read files or URLs; an object smuggled into a request
// field must print as text, never become a node.
import type { Content, ContentTable, CustomTableLayout, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import type { Language } from '../workflows/request/request.types.js';
import { DOCUMENT_TITLES, LABELS, LANGUAGE_NAMES, PHRASES, formatDate, type LabelKey } from './labels.js';
import type { DocumentLabels, DocumentViewModel } from './view-model.js';

type Translated = Readonly<Record<Language, string>>;

const FONT = 'Roboto';
const GREY = '#555555';
const RULE = '#9a9a9a';
const ALERT = '#a40000';
export const PAGE_MARGINS: [number, number, number, number] = [50, 78, 50, 58];

// C0 controls other than tab and newline, DEL and the C1 block print as missing glyphs or break
// text extraction; nothing legitimate in a request needs them.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** The only way user input enters a definition: coerced to a string, control characters removed. */
export function text(value: unknown): string {
  if (value === undefined || value === null) return '';
  return String(value).replace(CONTROL_CHARS, '');
}

/** A user-supplied list, or nothing when the stored value is not a list. */
export function list<T>(value: readonly T[] | undefined | null): readonly T[] {
  return Array.isArray(value) ? value : [];
}

/** Whether a user-supplied value has something to print. */
export function present(value: unknown): boolean {
  return text(value).trim() !== '';
}

export class Lang {
  readonly primary: Language;
  readonly secondary?: Language;
  /** The issuing office's IANA zone: the document's dates are written there. */
  readonly timeZone?: string;

  constructor(labels: DocumentLabels, timeZone?: string) {
    this.primary = labels.primary;
    this.secondary = labels.secondary && labels.secondary !== labels.primary ? labels.secondary : undefined;
    this.timeZone = timeZone;
  }

  get languages(): Language[] {
    return this.secondary ? [this.primary, this.secondary] : [this.primary];
  }

  /** A dictionary entry in the primary language only. */
  one(entry: Translated): string {
    return entry[this.primary];
  }

  /** A dictionary entry as one line: "Primario / Secondary". */
  both(entry: Translated): string {
    return this.secondary ? `${entry[this.primary]} / ${entry[this.secondary]}` : entry[this.primary];
  }

  label(key: LabelKey): Translated {
    return LABELS[key];
  }

  date(value: unknown, dateOnly = false): string {
    const options = { timeZone: this.timeZone, dateOnly };
    const first = formatDate(value, this.primary, options);
    if (!this.secondary) return first;
    const second = formatDate(value, this.secondary, options);
    return second === first ? first : `${first} / ${second}`;
  }
}

/** The languages of a document, and the time zone of the office that issues it. */
export function langOf(vm: DocumentViewModel): Lang {
  return new Lang(vm.labels, vm.issuer?.office.timeZone);
}

/** A name given per language: in the document's languages where it has them, else as it has it. */
export function localized(lang: Lang, name: Readonly<Partial<Record<Language, string>>> | undefined): string {
  if (!name) return '';
  const given = lang.languages.map((l) => name[l]).filter((n): n is string => present(n));
  const names = given.length > 0 ? given : Object.values(name).filter((n): n is string => present(n)).slice(0, 1);
  return [...new Set(names.map(text))].join(' / ');
}

/** An inline run: the primary wording, then the secondary one in italics. */
export function biInline(lang: Lang, entry: Translated): Content[] {
  const runs: Content[] = [{ text: entry[lang.primary] }];
  if (lang.secondary) runs.push({ text: ` / ${entry[lang.secondary]}`, italics: true, bold: false, color: GREY });
  return runs;
}

/** A stacked label: primary wording above, secondary below in small italics. */
export function biStack(lang: Lang, entry: Translated, style = 'fieldLabel'): Content {
  const lines: Content[] = [{ text: entry[lang.primary], style }];
  if (lang.secondary) lines.push({ text: entry[lang.secondary], style: 'fieldLabelSecondary' });
  return { stack: lines };
}

/** A numbered section title (`7. Medidas solicitadas / Measures sought`). */
export function sectionTitle(lang: Lang, number: string, entry: Translated): Content {
  return { text: [{ text: `${number}. ` }, ...biInline(lang, entry)], style: 'sectionTitle', headlineLevel: 1 };
}

/** A numbered sub-section title (`7.2 Recepción de declaración testimonial / Taking of testimony`). */
export function subsectionTitle(lang: Lang, number: string, entry: Translated): Content {
  return { text: [{ text: `${number} ` }, ...biInline(lang, entry)], style: 'subsectionTitle', headlineLevel: 2 };
}

export type FieldValue = string | Content;

/** A two-column table of labelled fields; rows whose value is empty are left out. */
export function fieldTable(lang: Lang, rows: readonly (readonly [LabelKey | Translated, FieldValue | undefined])[]): Content {
  const body = rows
    .filter(([, value]) => value !== undefined && !(typeof value === 'string' && value.trim() === ''))
    .map(([key, value]) => [
      biStack(lang, typeof key === 'string' ? LABELS[key] : key),
      typeof value === 'string' ? { text: value, style: 'fieldValue' } : (value as Content),
    ]);
  if (body.length === 0) return { text: '' };
  const table: ContentTable = {
    table: { widths: [140, '*'], body, dontBreakRows: true },
    layout: TABLE_LAYOUTS.fieldLayout,
    margin: [0, 1, 0, 4],
  };
  return table;
}

/** A paragraph of user text (line breaks kept). */
export function paragraph(value: unknown, style = 'body'): Content {
  return { text: text(value), style };
}

/** A placeholder for an empty section. */
export function placeholder(lang: Lang, key: LabelKey): Content {
  return { text: lang.both(LABELS[key]), style: 'placeholder' };
}

/** Where the QR code sends its reader: the public verification page of the hash. */
export function verificationPath(hash: string, verifyUrl = '/verify/'): string {
  return `${verifyUrl}${hash}`;
}

export interface FrameOptions {
  vm: DocumentViewModel;
  hash: string;
  content: Content[];
  /** The informal draft is marked on every page as not valid as a formal request. */
  informal?: boolean;
}

/**
 * The document definition around a template's content. Everything that varies between renders of
 * the same view model is fixed here: the PDF dates come from `issuedAt`, so the bytes (and the
 * file's SHA-256) are reproducible.
 */
export function frame({ vm, hash, content, informal = false }: FrameOptions): TDocumentDefinitions {
  const lang = langOf(vm);
  const title = DOCUMENT_TITLES[vm.kind];
  const reference = text(vm.reference);
  const issued = new Date(text(vm.issuedAt));
  if (Number.isNaN(issued.getTime())) throw new Error(`issuedAt is not a date: ${text(vm.issuedAt)}`);
  const banner = LABELS.informalBanner;

  const header = (currentPage: number, pageCount: number): Content => {
    const pageOf = lang.languages.map((l) => PHRASES.pageOf[l](currentPage, pageCount)).join(' / ');
    const rows: Content[] = [
      {
        columns: [
          { text: reference, style: 'headerReference', width: 'auto', noWrap: true },
          { text: lang.both(title), style: 'headerTitle', width: '*' },
          { text: pageOf, style: 'headerPage', width: 'auto', noWrap: true },
        ],
        columnGap: 10,
      },
      { canvas: [{ type: 'line', x1: 0, y1: 3, x2: 495, y2: 3, lineWidth: 0.5, lineColor: RULE }] },
    ];
    if (informal) {
      rows.push({ text: lang.languages.map((l) => banner[l]).join(' · '), style: 'informalBanner' });
    }
    return { stack: rows, margin: [PAGE_MARGINS[0], 22, PAGE_MARGINS[2], 0] };
  };

  const footer = (): Content => ({
    stack: [
      { canvas: [{ type: 'line', x1: 0, y1: 0, x2: 495, y2: 0, lineWidth: 0.5, lineColor: RULE }] },
      { text: `${lang.both(LABELS.contentHash)}: ${hash}`, style: 'footer' },
    ],
    margin: [PAGE_MARGINS[0], 14, PAGE_MARGINS[2], 0],
  });

  const titleLines: Content[] = [
    { text: lang.one(LABELS.mlaRequest), style: 'kicker' },
    ...(lang.secondary ? [{ text: LABELS.mlaRequest[lang.secondary], style: 'kickerSecondary' }] : []),
    { text: title[lang.primary], style: 'docTitle' },
    ...(lang.secondary ? [{ text: title[lang.secondary], style: 'docTitleSecondary' }] : []),
    {
      text: [
        { text: `${lang.both(LABELS.reference)}: `, color: GREY },
        { text: reference, bold: true },
        ...(vm.revision !== undefined ? [{ text: `   ${lang.both(LABELS.revision)}: `, color: GREY }, { text: text(vm.revision) }] : []),
      ],
      style: 'titleMeta',
    },
    { text: [{ text: `${lang.both(LABELS.issuedAt)}: `, color: GREY }, { text: lang.date(vm.issuedAt) }], style: 'titleMeta' },
  ];

  const titleBlock: Content = {
    columns: [
      { stack: titleLines, width: '*' },
      {
        width: 96,
        stack: [
          // The QR code carries only the verification address: a hash, no personal data.
          { qr: verificationPath(hash, vm.verifyUrl), fit: 92, eccLevel: 'M', alignment: 'right' },
          { text: lang.both(LABELS.verify), style: 'qrCaption' },
        ],
      },
    ],
    columnGap: 12,
    margin: [0, 0, 0, 10],
  };

  const body: Content[] = [...(informal ? [] : letterhead(vm, lang)), titleBlock];
  if (informal) {
    body.push({
      table: {
        widths: ['*'],
        body: [[{ stack: lang.languages.map((l) => ({ text: LABELS.informalNotice[l], margin: [0, 1, 0, 1] })), style: 'informalNotice' }]],
      },
      layout: TABLE_LAYOUTS.alertLayout,
      margin: [0, 0, 0, 10],
    });
  }
  body.push(...content);

  return {
    pageSize: 'A4',
    pageMargins: PAGE_MARGINS,
    language: lang.primary,
    info: {
      // Metadata carries no case content: the request title may name persons.
      title: `${reference} — ${title[lang.primary]}`,
      subject: LABELS.mlaRequest[lang.primary],
      keywords: hash,
      creator: 'Enlace',
      producer: 'Enlace',
      creationDate: issued,
      modDate: issued,
    },
    header,
    footer,
    content: body,
    ...(informal
      ? { watermark: { text: lang.one(LABELS.informalBanner).split(' — ')[0] ?? '', color: ALERT, opacity: 0.06, bold: true, fontSize: 60 } }
      : {}),
    // A section or sub-section title never ends a page.
    pageBreakBefore: (node, nodes) => (node.headlineLevel === 1 || node.headlineLevel === 2) && nodes.getFollowingNodesOnPage().length === 0,
    defaultStyle: { font: FONT, fontSize: 9, lineHeight: 1.12 },
    styles: STYLES,
  };
}

// Table layouts travel inside the definition (no named layouts to register with the renderer).
export const TABLE_LAYOUTS: Readonly<Record<'fieldLayout' | 'gridLayout' | 'alertLayout', CustomTableLayout>> = {
  fieldLayout: {
    hLineWidth: (i, node) => (i === 0 || i === node.table.body.length ? 0.6 : 0.3),
    vLineWidth: () => 0,
    hLineColor: () => RULE,
    paddingLeft: (i) => (i === 0 ? 0 : 6),
    paddingRight: () => 2,
    paddingTop: () => 2,
    paddingBottom: () => 2,
  },
  gridLayout: {
    hLineWidth: () => 0.4,
    vLineWidth: () => 0.4,
    hLineColor: () => RULE,
    vLineColor: () => RULE,
    paddingLeft: () => 4,
    paddingRight: () => 4,
    paddingTop: () => 3,
    paddingBottom: () => 3,
    fillColor: (row) => (row === 0 ? '#eeeeee' : null),
  },
  alertLayout: {
    hLineWidth: () => 0.8,
    vLineWidth: () => 0.8,
    hLineColor: () => ALERT,
    vLineColor: () => ALERT,
    paddingLeft: () => 6,
    paddingRight: () => 6,
    paddingTop: () => 4,
    paddingBottom: () => 4,
  },
};

const STYLES: TDocumentDefinitions['styles'] = {
  headerReference: { fontSize: 8.5, bold: true },
  headerTitle: { fontSize: 8.5, alignment: 'center', color: GREY },
  headerPage: { fontSize: 8.5, alignment: 'right' },
  informalBanner: { fontSize: 8.5, bold: true, color: ALERT, alignment: 'center', margin: [0, 4, 0, 0] },
  informalNotice: { fontSize: 8.5, color: ALERT },
  footer: { fontSize: 7, color: GREY, margin: [0, 3, 0, 0] },
  kicker: { fontSize: 9, color: GREY },
  kickerSecondary: { fontSize: 8.5, color: GREY, italics: true },
  docTitle: { fontSize: 15, bold: true, margin: [0, 4, 0, 0] },
  docTitleSecondary: { fontSize: 12, italics: true, color: GREY },
  titleMeta: { fontSize: 9, margin: [0, 3, 0, 0] },
  qrCaption: { fontSize: 6.5, color: GREY, alignment: 'right', margin: [0, 2, 0, 0] },
  sectionTitle: { fontSize: 10.5, bold: true, margin: [0, 8, 0, 3] },
  subsectionTitle: { fontSize: 9, bold: true, margin: [0, 4, 0, 1] },
  fieldLabel: { fontSize: 8, bold: true },
  fieldLabelSecondary: { fontSize: 7, italics: true, color: GREY },
  fieldValue: {},
  body: { margin: [0, 0, 0, 4] },
  placeholder: { italics: true, color: GREY, margin: [0, 0, 0, 4] },
  small: { fontSize: 8 },
  hash: { fontSize: 7.5 },
  tableHeader: { bold: true, fontSize: 8.5 },
  signature: { margin: [0, 14, 0, 0] },
  letterheadInstitution: { fontSize: 11, bold: true },
  letterheadAddress: { fontSize: 8, color: GREY },
  addressee: { margin: [0, 0, 0, 8] },
  closing: { margin: [0, 6, 0, 0] },
};

/**
 * The head of a note, as a clerk expects it: the issuing office's emblem, institution and address,
 * then the note number and the place and date of signature in the office's own time zone. An
 * informal draft has none: it is no office's note.
 */
function letterhead(vm: DocumentViewModel, lang: Lang): Content[] {
  const issuer = vm.issuer;
  if (!issuer) return [];
  const office = issuer.office;
  const identity = {
    stack: [
      { text: localized(lang, office.institution), style: 'letterheadInstitution' },
      ...office.address.map((line) => ({ text: text(line), style: 'letterheadAddress' })),
    ],
    width: '*',
  } as Content;
  const emblem = typeof office.emblem === 'string' && /^data:image\/(png|jpeg);base64,/.test(office.emblem) ? office.emblem : undefined;
  const city = (l: Language) => text(office.city[l] ?? Object.values(office.city)[0]);
  const placeAndDate = [...new Set(lang.languages.map((l) => PHRASES.placeAndDate[l](city(l), formatDate(vm.issuedAt, l, { timeZone: office.timeZone, dateOnly: true }))))].join(' / ');
  return [
    { columns: emblem ? [{ image: emblem, fit: [44, 44], width: 50 }, identity] : [identity], columnGap: 8, margin: [0, 0, 0, 6] },
    {
      columns: [
        present(issuer.noteNumber)
          ? { text: [{ text: `${lang.both(LABELS.noteNumber)} `, color: GREY }, { text: text(issuer.noteNumber), bold: true }], width: '*' }
          : { text: '', width: '*' },
        { text: placeAndDate, alignment: 'right', width: 'auto' },
      ],
      margin: [0, 0, 0, 10],
    },
  ];
}

/** The language a request is written in, named in the document's languages. */
export function languageName(lang: Lang, code: unknown): string {
  const entry = LANGUAGE_NAMES[code as Language];
  return entry ? lang.both(entry) : text(code);
}
