// SUBMIT: the standardized request, every section of the domain brief's list in order and
// numbered, persons in full (it travels only through the formal channel), prior informal exchanges
// listed so the requested side knows what it is being asked to formalize.
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { contentHash } from './content-hash.js';
import { LABELS } from './labels.js';
import { Lang, biStack, frame, text } from './layout.js';
import { requestSections } from './request-sections.js';
import type { DocumentViewModel } from './view-model.js';

export function standardizedFormTemplate(vm: DocumentViewModel, hash: string = contentHash(vm)): TDocumentDefinitions {
  const lang = new Lang(vm.labels);
  const signature: Content = {
    stack: [
      biStack(lang, LABELS.issuedBy),
      { text: text(vm.request.createdBy?.name), bold: true, margin: [0, 2, 0, 0] },
      ...(vm.request.createdBy?.office ? [{ text: text(vm.request.createdBy.office) }] : []),
      { text: lang.date(vm.issuedAt) },
    ],
    style: 'signature',
    unbreakable: true,
  };
  return frame({ vm, hash, content: [...requestSections(vm, { missing: 'notStated' }), signature] });
}
