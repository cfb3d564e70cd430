// A document made for the informal channel shows the persons as the disclosure policy lets the
// counterpart see them (workflows/disclosure): the same rule the JSON representation follows, so the
// PDF and the API never disagree about who is protected.
import { discloseFields, documentDisclosure, textMasker } from '../workflows/disclosure/disclosure.policy.js';
import type { DocumentViewModel } from './view-model.js';

export { initials, isProtectedPerson } from '../workflows/disclosure/disclosure.policy.js';

/** The instant that decides who is a minor: the request's creation, else the document's issue. */
const disclosureInstant = (vm: DocumentViewModel): Date => new Date(vm.request.createdAt ?? vm.issuedAt);

/** The view model as this kind of document may print it. */
export function disclosedViewModel(vm: DocumentViewModel): DocumentViewModel {
  const disclosure = documentDisclosure(vm.kind);
  if (disclosure === 'full') return vm;
  const at = disclosureInstant(vm);
  const mask = textMasker(vm.request.persons, at);
  const event = vm.event && {
    ...vm.event,
    ...(vm.event.comment !== undefined ? { comment: mask(vm.event.comment) } : {}),
    ...(vm.event.conditions !== undefined ? { conditions: mask(vm.event.conditions) } : {}),
  };
  return { ...vm, request: discloseFields(vm.request, disclosure, at), ...(event ? { event } : {}) };
}
