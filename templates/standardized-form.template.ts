// SUBMIT: the standardized request, every section of the domain brief's list in order and
// numbered, persons in full (it travels only through the formal channel), prior informal exchanges
// listed so the requested side knows what it is being asked to formalize.
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { contentHash } from './content-hash.js';
import { annexTable, signatureBlock } from './document-parts.js';
import { LABELS } from './labels.js';
import { frame, langOf, list, sectionTitle, text } from './layout.js';
import { REQUEST_SECTIONS, countryBoth, requestSections } from './request-sections.js';
import type { DocumentViewModel } from './view-model.js';

export function standardizedFormTemplate(vm: DocumentViewModel, hash: string = contentHash(vm)): TDocumentDefinitions {
  const lang = langOf(vm);
  // The fiscal who submits signs the form: the event's actor, else the author of the request.
  const signer = vm.event?.actor ?? { name: vm.request.createdBy?.name ?? '', role: 'fiscal', country: vm.request.requestingCountry, office: vm.request.createdBy?.office };
  // The files that accompany the request (court order, text of the law, translations), by hash.
  const annexes = [sectionTitle(lang, String(REQUEST_SECTIONS.length + 1), LABELS.annexes), annexTable(vm, lang)];
  // The other States asked in the same investigation (a case), only where there are any.
  const others = list(vm.relatedRequests);
  const related =
    others.length === 0
      ? []
      : [
          sectionTitle(lang, String(REQUEST_SECTIONS.length + 2), LABELS.relatedRequests),
          { ul: others.map((r) => ({ text: `${countryBoth(vm, lang, r.country)}: ${text(r.reference)}`, style: 'body' })) } as Content,
        ];
  return frame({ vm, hash, content: [...requestSections(vm, { missing: 'notStated' }), ...annexes, ...related, signatureBlock(vm, lang, signer)] });
}
