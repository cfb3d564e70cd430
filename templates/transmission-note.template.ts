// TRANSMIT: the cover note by which the requesting cancillería sends the request through the
// official channel to the requested country's central authority (UNTOC art. 18(13)). Each enclosure
// is listed with its SHA-256 so the receiving side can check it got exactly what was authorized.
import type { TDocumentDefinitions } from 'pdfmake/interfaces.js';
import type { Language } from '../workflows/request/request.types.js';
import { contentHash } from './content-hash.js';
import { addresseeBlock, annexTable, closing, countriesOf, enclosureTable, issuerSubject, remarks, requestSummary, signatureBlock, statement } from './document-parts.js';
import { LABELS, PHRASES } from './labels.js';
import { frame, langOf, sectionTitle } from './layout.js';
import type { DocumentViewModel } from './view-model.js';

/**
 * A cancillería's note that carries the request on (TRANSMIT, FORWARD): the opening statement, then what
 * it carries (the request, the platform's documents with their codes, the annexed files with their
 * SHA-256), the comment, the closing formula and the signature.
 */
export function noteCarryingRequest(vm: DocumentViewModel, hash: string, opening: (l: Language) => string): TDocumentDefinitions {
  const lang = langOf(vm);
  return frame({
    vm,
    hash,
    content: [
      ...addresseeBlock(vm, lang),
      statement(lang, opening),
      sectionTitle(lang, '1', LABELS.requestTitle),
      requestSummary(vm, lang),
      sectionTitle(lang, '2', LABELS.enclosures),
      enclosureTable(vm, lang),
      sectionTitle(lang, '3', LABELS.annexes),
      annexTable(vm, lang),
      ...remarks(lang, 'comment', vm.event?.comment),
      // The closing formula and the signature stay on one page: a clerk signs under the text.
      { stack: [closing(lang, (l) => PHRASES.transmissionClosing[l](issuerSubject(vm, l, 'cancilleria'), countriesOf(vm, l).toOf)), signatureBlock(vm, lang)], unbreakable: true },
    ],
  });
}

export function transmissionNoteTemplate(vm: DocumentViewModel, hash: string = contentHash(vm)): TDocumentDefinitions {
  return noteCarryingRequest(vm, hash, (l) => PHRASES.transmissionStatement[l](issuerSubject(vm, l, 'cancilleria'), countriesOf(vm, l).toOf));
}
