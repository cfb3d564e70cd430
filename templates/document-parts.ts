// Blocks shared by the short formal documents (authorization, transmission note, acknowledgement,
// overdue notice): the request they concern, and the officer who acted.
import type { Content } from 'pdfmake/interfaces.js';
import type { Language } from '../workflows/request/request.types.js';
import { ACTOR_ROLE_LABELS, DOCUMENT_TITLES, LABELS, STATE_LABELS } from './labels.js';
import { Lang, biInline, biStack, fieldTable, present, text } from './layout.js';
import { countryName } from './request-sections.js';
import type { DocumentCitation, DocumentViewModel } from './view-model.js';

/** The requesting and requested countries' names in one language. */
export function countriesIn(vm: DocumentViewModel, l: Language): { from: string; to: string } {
  return { from: countryName(vm, l, vm.request.requestingCountry), to: countryName(vm, l, vm.request.requestedCountry) };
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

/** A cited document: kind, reference, revision and SHA-256, as a field table. */
export function citation(lang: Lang, doc: DocumentCitation): Content {
  return fieldTable(lang, [
    ['documentKind', present(doc.title) ? text(doc.title) : kindName(lang, doc.kind)],
    ['reference', text(doc.reference)],
    ['revision', doc.revision !== undefined ? text(doc.revision) : undefined],
    ['sha256', { text: text(doc.sha256), style: 'hash' }],
  ]);
}

/** The officer who signs: name, role, office, country and the date of the event. */
export function signatureBlock(vm: DocumentViewModel, lang: Lang): Content {
  const actor = vm.event?.actor;
  const role = actor ? ACTOR_ROLE_LABELS[text(actor.role)] : undefined;
  return {
    stack: [
      biStack(lang, LABELS.issuedBy),
      ...(actor
        ? [
            { text: text(actor.name), bold: true, margin: [0, 2, 0, 0] },
            { text: [role ? lang.both(role) : text(actor.role), present(actor.office) ? `, ${text(actor.office)}` : '', ` — ${countryName(vm, lang.primary, actor.country)}`].join('') },
          ]
        : []),
      { text: lang.date(vm.issuedAt) },
    ],
    style: 'signature',
    unbreakable: true,
  } as Content;
}

/** A free-text field the actor wrote (comment, conditions), or nothing. */
export function remarks(lang: Lang, key: 'comment' | 'conditions', value: unknown): Content[] {
  if (!present(value)) return [];
  return [
    { text: biInline(lang, LABELS[key]), style: 'subsectionTitle' },
    { text: text(value), style: 'body' },
  ];
}

