// FORWARD, on the diplomatic channel (letters rogatory): the requested cancillería's note by which it
// hands the request it received from the requesting State's cancillería to its own central authority,
// who acts on it from then on. It cites the requesting side's transmission note and the documents it
// carried, each with its verification code, and the files annexed with their SHA-256, so the central
// authority can check it has what was sent.
import type { TDocumentDefinitions } from 'pdfmake/interfaces.js';
import type { Language } from '../workflows/request/request.types.js';
import { contentHash } from './content-hash.js';
import { countriesOf, issuerSubject } from './document-parts.js';
import { noteCarryingRequest } from './transmission-note.template.js';
import type { DocumentViewModel } from './view-model.js';

const STATEMENT: Readonly<Record<Language, (issuer: string, toOf: string, fromOf: string) => string>> = {
  es: (issuer, toOf, fromOf) =>
    `${issuer} saluda atentamente a la autoridad central ${toOf} y tiene el honor de remitirle, para su trámite, la solicitud de asistencia jurídica mutua en materia penal que el Estado requirente ${fromOf} transmitió por la vía diplomática, junto con los documentos que la acompañaban, cada uno con su código de verificación.`,
  en: (issuer, toOf, fromOf) =>
    `${issuer} presents its compliments to the central authority ${toOf} and has the honour to forward, for its action, the request for mutual legal assistance in criminal matters that the requesting State ${fromOf} transmitted through the diplomatic channel, together with the documents that came with it, each with its verification code.`,
  fr: (issuer, toOf, fromOf) =>
    `${issuer} présente ses compliments à l’autorité centrale ${toOf} et a l’honneur de lui faire suivre, pour suite à donner, la demande d’entraide judiciaire en matière pénale que l’État requérant ${fromOf} a transmise par la voie diplomatique, accompagnée des documents qui la joignaient, chacun avec son code de vérification.`,
};

export function forwardingNoteTemplate(vm: DocumentViewModel, hash: string = contentHash(vm)): TDocumentDefinitions {
  return noteCarryingRequest(vm, hash, (l) => STATEMENT[l](issuerSubject(vm, l, 'cancilleria'), countriesOf(vm, l).toOf, countriesOf(vm, l).fromOf));
}
