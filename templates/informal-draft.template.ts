// SHARE_DRAFT / STANDARDIZE: the draft as it stood, for informal consultation between liaison
// prosecutors (CRM plan, Axis 2 Action 2). Marked on every page as not valid as a formal request:
// informally obtained information has to be formalized before it can be used as evidence.
import type { TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { contentHash } from './content-hash.js';
import { frame } from './layout.js';
import { disclosedViewModel } from './redaction.js';
import { requestSections } from './request-sections.js';
import type { DocumentViewModel } from './view-model.js';

export function informalDraftTemplate(vm: DocumentViewModel, hash: string = contentHash(vm)): TDocumentDefinitions {
  const shown = disclosedViewModel(vm);
  return frame({ vm: shown, hash, informal: true, content: requestSections(shown, { missing: 'pending' }) });
}
