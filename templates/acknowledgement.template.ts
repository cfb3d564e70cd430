// ACKNOWLEDGE: the requested country's central authority confirms receipt. From this date the
// request is in the requested side's hands, which is what turnaround figures measure.
import type { TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { contentHash } from './content-hash.js';
import { addresseeBlock, closing, countriesOf, issuerSubject, remarks, requestSummary, signatureBlock, statement } from './document-parts.js';
import { LABELS, PHRASES } from './labels.js';
import { fieldTable, frame, langOf, present, sectionTitle, text } from './layout.js';
import type { DocumentViewModel } from './view-model.js';

export function acknowledgementTemplate(vm: DocumentViewModel, hash: string = contentHash(vm)): TDocumentDefinitions {
  const lang = langOf(vm);
  const ack = vm.acknowledgement;
  return frame({
    vm,
    hash,
    content: [
      ...addresseeBlock(vm, lang),
      statement(lang, (l) => PHRASES.acknowledgementStatement[l](issuerSubject(vm, l, 'central_authority'), countriesOf(vm, l).fromOf)),
      sectionTitle(lang, '1', LABELS.requestTitle),
      requestSummary(vm, lang),
      sectionTitle(lang, '2', LABELS.receipt),
      fieldTable(lang, [
        ['requestedReference', present(ack?.requestedReference) ? text(ack?.requestedReference) : lang.both(LABELS.notStated)],
        ['receivedAt', lang.date(ack?.receivedAt ?? vm.issuedAt)],
        ['officer', text(ack?.officer ?? vm.event?.actor.name)],
      ]),
      ...remarks(lang, 'comment', vm.event?.comment),
      // The closing formula and the signature stay on one page: a clerk signs under the text.
      { stack: [closing(lang, (l) => PHRASES.acknowledgementClosing[l](issuerSubject(vm, l, 'central_authority'), countriesOf(vm, l).fromOf)), signatureBlock(vm, lang)], unbreakable: true },
    ],
  });
}
