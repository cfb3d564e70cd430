// AUTHORIZE: the cancillería's authorization to formalize the request. It binds itself to one
// exact standardized form by reference and SHA-256, so a form edited after authorization (RETURN,
// then a new SUBMIT) is visibly not the one authorized.
import type { TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { contentHash } from './content-hash.js';
import { citation, countriesOf, issuerSubject, remarks, requestSummary, signatureBlock, statement } from './document-parts.js';
import { LABELS, PHRASES } from './labels.js';
import { frame, langOf, paragraph, placeholder, present, sectionTitle } from './layout.js';
import type { DocumentViewModel } from './view-model.js';

export function authorizationTemplate(vm: DocumentViewModel, hash: string = contentHash(vm)): TDocumentDefinitions {
  const lang = langOf(vm);
  return frame({
    vm,
    hash,
    content: [
      statement(lang, (l) => PHRASES.authorizationStatement[l](issuerSubject(vm, l, 'cancilleria'), countriesOf(vm, l).fromOf, countriesOf(vm, l).toOf)),
      sectionTitle(lang, '1', LABELS.requestTitle),
      requestSummary(vm, lang),
      sectionTitle(lang, '2', LABELS.authorizedDocument),
      vm.authorizes ? citation(lang, vm.authorizes) : placeholder(lang, 'notStated'),
      sectionTitle(lang, '3', LABELS.conditions),
      present(vm.event?.conditions) ? paragraph(vm.event?.conditions) : placeholder(lang, 'none'),
      ...remarks(lang, 'comment', vm.event?.comment),
      signatureBlock(vm, lang),
    ],
  });
}
