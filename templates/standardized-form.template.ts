// SUBMIT: the standardized request, every section of the domain brief's list in order and
// numbered, persons in full (it travels only through the formal channel), prior informal exchanges
// listed so the requested side knows what it is being asked to formalize.
import type { TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { contentHash } from './content-hash.js';
import { annexTable, signatureBlock } from './document-parts.js';
import { LABELS } from './labels.js';
import { frame, langOf, sectionTitle } from './layout.js';
import { REQUEST_SECTIONS, requestSections } from './request-sections.js';
import type { DocumentViewModel } from './view-model.js';

export function standardizedFormTemplate(vm: DocumentViewModel, hash: string = contentHash(vm)): TDocumentDefinitions {
  const lang = langOf(vm);
  // The fiscal who submits signs the form: the event's actor, else the author of the request.
  const signer = vm.event?.actor ?? { name: vm.request.createdBy?.name ?? '', role: 'fiscal', country: vm.request.requestingCountry, office: vm.request.createdBy?.office };
  // The files that accompany the request (court order, text of the law, translations), by hash.
  const annexes = [sectionTitle(lang, String(REQUEST_SECTIONS.length + 1), LABELS.annexes), annexTable(vm, lang)];
  // The other States asked in the same case, where disclosed, are among the related requests (section 14).
  return frame({ vm, hash, content: [...requestSections(vm, { missing: 'notStated' }), ...annexes, signatureBlock(vm, lang, signer)] });
}
