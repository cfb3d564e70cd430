// The requesting side's follow-up while the requested side holds the request, each a formal note of
// the office that transmits on the request's route (its central authority between central
// authorities, its cancillería on the diplomatic channel), numbered like the other notes:
// - SEND_SUPPLEMENTARY_REQUEST: a supplementary request, its text and, where the requested country does
//   not accept the request's language, its translation beside it, with the annexes it encloses;
// - SEND_REMINDER: a reminder letter, numbered 1, 2, 3 per request, citing the request, the date it was
//   transmitted, the stage that waits on the requested side, the date due and the days late.
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import type { Language } from '../workflows/request/request.types.js';
import { contentHash } from './content-hash.js';
import { addresseeBlock, countriesOf, issuerSubject, remarks, requestSummary, signatureBlock, stateName, statement } from './document-parts.js';
import { LANGUAGE_NAMES, formatDate, type Translated } from './labels.js';
import { fieldTable, frame, langOf, sectionTitle, text } from './layout.js';
import type { DocumentViewModel } from './view-model.js';

const L = {
  number: { es: 'Número', en: 'Number', fr: 'Numéro' },
  text: { es: 'Texto de la solicitud complementaria', en: 'Text of the supplementary request', fr: 'Texte de la demande complémentaire' },
  translation: { es: 'Traducción', en: 'Translation', fr: 'Traduction' },
  annexes: { es: 'Anexos que se acompañan', en: 'Annexes enclosed', fr: 'Annexes jointes' },
  none: { es: 'Ninguno', en: 'None', fr: 'Aucune' },
  answers: { es: 'Responde a la solicitud de información', en: 'Answers the request for information', fr: 'Répond à la demande d’informations' },
  yes: { es: 'Sí', en: 'Yes', fr: 'Oui' },
  reminder: { es: 'Recordatorio', en: 'Reminder', fr: 'Rappel' },
  transmittedOn: { es: 'Transmitida el', en: 'Transmitted on', fr: 'Transmise le' },
  stage: { es: 'Etapa pendiente', en: 'Pending stage', fr: 'Étape en attente' },
  dueAt: { es: 'Plazo vencido el', en: 'Due on', fr: 'Échéance le' },
  daysLate: { es: 'Días de retraso', en: 'Days late', fr: 'Jours de retard' },
  facts: { es: 'Plazo', en: 'Time limit', fr: 'Délai' },
  request: { es: 'Solicitud a la que se refiere', en: 'Request concerned', fr: 'Demande concernée' },
} as const satisfies Record<string, Translated>;

type Sender = 'cancilleria' | 'central_authority';
const senderOf = (vm: DocumentViewModel): Sender => (vm.addressee?.channel === 'diplomatic' ? 'cancilleria' : 'central_authority');

const SUPPLEMENT_STATEMENT: Readonly<Record<Language, (issuer: string, number: string, toOf: string) => string>> = {
  es: (issuer, number, toOf) =>
    `${issuer} saluda atentamente a la autoridad central ${toOf} y tiene el honor de remitirle, por la misma vía que la solicitud de asistencia jurídica mutua en materia penal identificada en este documento, la solicitud complementaria n.º ${number} a ella.`,
  en: (issuer, number, toOf) =>
    `${issuer} presents its compliments to the central authority ${toOf} and has the honour to send, through the same channel as the request for mutual legal assistance in criminal matters identified in this document, supplementary request No. ${number} to it.`,
  fr: (issuer, number, toOf) =>
    `${issuer} présente ses compliments à l’autorité centrale ${toOf} et a l’honneur de lui adresser, par la même voie que la demande d’entraide judiciaire en matière pénale identifiée dans le présent document, la demande complémentaire n° ${number} à celle-ci.`,
};

const REMINDER_STATEMENT: Readonly<Record<Language, (issuer: string, number: string, toOf: string, transmitted: string, days: string) => string>> = {
  es: (issuer, number, toOf, transmitted, days) =>
    `${issuer} saluda atentamente a la autoridad central ${toOf} y se permite recordarle (recordatorio n.º ${number}) la solicitud de asistencia jurídica mutua en materia penal identificada en este documento, transmitida el ${transmitted}, cuyo plazo para la etapa pendiente venció hace ${days} día(s). Se le ruega dar curso a la solicitud o informar el estado de su trámite y el motivo de la demora.`,
  en: (issuer, number, toOf, transmitted, days) =>
    `${issuer} presents its compliments to the central authority ${toOf} and wishes to recall (reminder No. ${number}) the request for mutual legal assistance in criminal matters identified in this document, transmitted on ${transmitted}, whose time for the pending stage expired ${days} day(s) ago. You are kindly asked to act on the request or to report how it stands and the reason for the delay.`,
  fr: (issuer, number, toOf, transmitted, days) =>
    `${issuer} présente ses compliments à l’autorité centrale ${toOf} et se permet de lui rappeler (rappel n° ${number}) la demande d’entraide judiciaire en matière pénale identifiée dans le présent document, transmise le ${transmitted}, dont le délai pour l’étape en attente a expiré depuis ${days} jour(s). Vous êtes prié de donner suite à la demande ou d’indiquer où en est son traitement et le motif du retard.`,
};

export function supplementaryRequestTemplate(vm: DocumentViewModel, hash: string = contentHash(vm)): TDocumentDefinitions {
  const lang = langOf(vm);
  const s = vm.supplementary;
  const number = text(s?.number ?? vm.revision ?? 1);
  const both = (label: Translated) => lang.languages.map((l) => label[l]).join(' / ');
  const annexes = s?.annexes ?? [];
  const translation: Content[] =
    s?.translation && s.translationLanguage
      ? [
          sectionTitle(lang, '3', { es: `${L.translation.es} (${LANGUAGE_NAMES[s.translationLanguage].es})`, en: `${L.translation.en} (${LANGUAGE_NAMES[s.translationLanguage].en})`, fr: `${L.translation.fr} (${LANGUAGE_NAMES[s.translationLanguage].fr})` }),
          { text: text(s.translation), style: 'body' },
        ]
      : [];
  return frame({
    vm,
    hash,
    content: [
      ...addresseeBlock(vm, lang),
      statement(lang, (l) => SUPPLEMENT_STATEMENT[l](issuerSubject(vm, l, senderOf(vm)), number, countriesOf(vm, l).toOf)),
      sectionTitle(lang, '1', L.request),
      requestSummary(vm, lang),
      fieldTable(lang, [
        [L.number, number],
        [L.answers, s?.answersInfoRequest ? both(L.yes) : undefined],
      ]),
      sectionTitle(lang, '2', L.text),
      { text: text(vm.event?.comment), style: 'body' },
      ...translation,
      sectionTitle(lang, translation.length > 0 ? '4' : '3', L.annexes),
      annexes.length > 0 ? { ol: annexes.map((item) => text(item)), style: 'body' } : { text: both(L.none), style: 'body' },
      signatureBlock(vm, lang),
    ],
  });
}

export function reminderLetterTemplate(vm: DocumentViewModel, hash: string = contentHash(vm)): TDocumentDefinitions {
  const lang = langOf(vm);
  const o = vm.overdue;
  const number = text(vm.revision ?? 1);
  const transmitted = (l: Language) => (vm.reminder?.transmittedAt ? formatDate(vm.reminder.transmittedAt, l, { timeZone: lang.timeZone, dateOnly: true }) : '—');
  const days = text(o?.daysLate ?? '');
  return frame({
    vm,
    hash,
    content: [
      ...addresseeBlock(vm, lang),
      statement(lang, (l) => REMINDER_STATEMENT[l](issuerSubject(vm, l, senderOf(vm)), number, countriesOf(vm, l).toOf, transmitted(l), days)),
      sectionTitle(lang, '1', L.request),
      requestSummary(vm, lang),
      sectionTitle(lang, '2', L.facts),
      fieldTable(lang, [
        [L.reminder, number],
        [L.transmittedOn, vm.reminder?.transmittedAt ? lang.date(vm.reminder.transmittedAt, true) : undefined],
        [L.stage, o ? stateName(lang, o.stage) : undefined],
        [L.dueAt, o ? lang.date(o.dueAt) : undefined],
        [L.daysLate, days],
      ]),
      ...remarks(lang, 'comment', vm.event?.comment),
      signatureBlock(vm, lang),
    ],
  });
}
