// The document templates: pure functions from a view model to a pdfmake document definition.
// Nothing here touches Nest, the database or the queue; rendering to bytes is libs/pdf's job.
import type { TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { acknowledgementTemplate } from './acknowledgement.template.js';
import { authorizationTemplate } from './authorization.template.js';
import { contentHash } from './content-hash.js';
import { executionReportTemplate } from './execution-report.template.js';
import { informalDraftTemplate } from './informal-draft.template.js';
import { overdueNoticeTemplate } from './overdue-notice.template.js';
import { reminderLetterTemplate, supplementaryRequestTemplate } from './follow-up.template.js';
import { forwardingNoteTemplate } from './forwarding-note.template.js';
import { standardizedFormTemplate } from './standardized-form.template.js';
import { transmissionNoteTemplate } from './transmission-note.template.js';
import type { DocumentKind, DocumentViewModel } from './view-model.js';

export type Template = (vm: DocumentViewModel, hash?: string) => TDocumentDefinitions;

export const TEMPLATES: Readonly<Record<DocumentKind, Template>> = {
  informal_draft: informalDraftTemplate,
  standardized_form: standardizedFormTemplate,
  authorization: authorizationTemplate,
  transmission_note: transmissionNoteTemplate,
  acknowledgement: acknowledgementTemplate,
  execution_report: executionReportTemplate,
  overdue_notice: overdueNoticeTemplate,
  supplementary_request: supplementaryRequestTemplate,
  reminder_letter: reminderLetterTemplate,
  forwarding_note: forwardingNoteTemplate,
};

/**
 * The pdfmake definition of the document a view model describes. `hash` is the view model's
 * content hash, printed on every page; pass it when already computed.
 */
export function renderDefinition(viewModel: DocumentViewModel, hash: string = contentHash(viewModel)): TDocumentDefinitions {
  const template = Object.prototype.hasOwnProperty.call(TEMPLATES, viewModel.kind) ? TEMPLATES[viewModel.kind] : undefined;
  if (!template) throw new Error(`Unknown document kind: ${String(viewModel.kind)}`);
  return template(viewModel, hash);
}

export { canonicalJson, contentHash } from './content-hash.js';
export { DOCUMENT_TITLES, LABELS, formatDate } from './labels.js';
export { verificationPath } from './layout.js';
export { formatNoteNumber, issuingOffice } from './issuer.js';
export { initials, isProtectedPerson } from './redaction.js';
export { REQUEST_SECTIONS, type RequestSectionId } from './request-sections.js';
export {
  acknowledgementTemplate,
  authorizationTemplate,
  forwardingNoteTemplate,
  informalDraftTemplate,
  overdueNoticeTemplate,
  reminderLetterTemplate,
  standardizedFormTemplate,
  supplementaryRequestTemplate,
  transmissionNoteTemplate,
};
export {
  DOCUMENT_KINDS,
  type AcknowledgementInfo,
  type AnnexCitation,
  type DocumentActor,
  type DocumentAddressee,
  type DocumentIssuer,
  type IssuingOffice,
  type DocumentCitation,
  type DocumentEvent,
  type DocumentKind,
  type DocumentLabels,
  type DocumentRequest,
  type DocumentViewModel,
  type Enclosure,
  type OverdueInfo,
  type SupplementaryInfo,
} from './view-model.js';
