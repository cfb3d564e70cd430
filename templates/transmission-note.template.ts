// TRANSMIT: the cover note by which the requesting cancillería sends the request through the
// official channel to the requested country's central authority (UNTOC art. 18(13)). Each enclosure
// is listed with its SHA-256 so the receiving side can check it got exactly what was authorized.
import type { TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { contentHash } from './content-hash.js';
import { addresseeBlock, annexTable, closing, countriesOf, enclosureTable, issuerSubject, remarks, requestSummary, signatureBlock, statement } from './document-parts.js';
import { LABELS, PHRASES } from './labels.js';
import { frame, langOf, sectionTitle } from './layout.js';
import type { DocumentViewModel } from './view-model.js';

export function transmissionNoteTemplate(vm: DocumentViewModel, hash: string = contentHash(vm)): TDocumentDefinitions {
  const lang = langOf(vm);
  return frame({
    vm,
    hash,
    content: [
      ...addresseeBlock(vm, lang),
      statement(lang, (l) => PHRASES.transmissionStatement[l](issuerSubject(vm, l, 'cancilleria'), countriesOf(vm, l).toOf)),
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
