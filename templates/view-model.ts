// What a document template receives: a plain, JSON-serializable snapshot of the request and of the
// event that produced the document. The platform builds it once, stores it (or its hash), and the
// same view model always renders to the same bytes, so anyone can re-render and compare.
import type { CountryCode, DocumentKind, Language, RequestFields } from '../workflows/request/request.types.js';
import type { Route } from '../workflows/rules/channels.js';

export { DOCUMENT_KINDS, type DocumentKind } from '../workflows/request/request.types.js';

/** The request as printed: the fiscal's fields plus what the platform knows about it. */
export type DocumentRequest = RequestFields & {
  requestingCountry: CountryCode;
  requestedCountry: CountryCode;
  /** The fiscal who drafted the request (the authority making it). */
  createdBy: { name: string; office?: string };
  /** The lifecycle state when the document was issued (`draft`, `pending_authorization`, ...). */
  state?: string;
  /** When the request was created (ISO): who was a minor then stays protected in it. */
  createdAt?: string;
  /** The way the request travels (derived at SUBMIT from its bases and pair); absent while it has none. */
  route?: Route;
  /** The name of the bilateral treaty invoked, from the register, when one is. */
  treatyName?: Readonly<Record<Language, string>>;
};

export interface DocumentActor {
  name: string;
  /** The signer's post as the directory gives it ("Directora de Asuntos Jurídicos"); else the role's. */
  post?: string;
  /** `fiscal`, `cancilleria`, `central_authority`, `supervisor`, `admin`. */
  role: string;
  country: CountryCode;
  office?: string;
}

/** The event that produced the document: who did it and what they wrote. */
export interface DocumentEvent {
  actor: DocumentActor;
  comment?: string;
  /** Conditions attached to an authorization (limited use, channel, deadline...). */
  conditions?: string;
}

/**
 * Another document of the platform, cited by reference and verification code (authorization,
 * transmission note): the same code its own footer prints and the verification page accepts.
 */
export interface DocumentCitation {
  kind: DocumentKind;
  reference: string;
  revision?: number;
  /** The cited document's content hash, as printed in its footer. */
  contentHash: string;
  title?: string;
}

/** A file attached to the request (court order, text of the law...), listed by its file's SHA-256. */
export interface AnnexCitation {
  kind: string;
  language: string;
  description: string;
  filename: string;
  sha256: string;
}

export interface Enclosure extends DocumentCitation {
  revision: number;
}

export interface AcknowledgementInfo {
  /** The requested side's own file number, when it gave one. */
  requestedReference?: string;
  receivedAt: string;
  officer: string;
}

export interface ExecutionReportInfo {
  /** 1, 2, ... in the order the parts were reported (the document's revision). */
  part: number;
  /** The report that closes the execution (RECORD_EXECUTION). */
  final: boolean;
  outcome?: 'total' | 'partial';
  /** The evidence delivered with this part, as the requested authority lists it. */
  evidence: string[];
}

export interface OverdueInfo {
  /** The lifecycle state the request is stuck in (`pending_authorization`, `transmitted`, ...). */
  stage: string;
  /** ISO date or date-time the stage was due to end. */
  dueAt: string;
  daysLate: number;
}

export interface SupplementaryInfo {
  number: number;
  /** The text translated into a language the requested country accepts, where its own is not. */
  translation?: string;
  translationLanguage?: Language;
  annexes: string[];
  /** Sent in answer to the requested side's request for information. */
  answersInfoRequest: boolean;
}

export interface DocumentLabels {
  /** The request's language. */
  primary: Language;
  /** A language the requested country accepts, when it does not accept `primary`. */
  secondary?: Language;
}

type Localized = Readonly<Partial<Record<Language, string>>>;

/** The letterhead of the office that issues the document (reviewed data: workflows/rules/offices.json). */
export interface IssuingOffice {
  country: CountryCode;
  institution: Localized;
  /** The formal name with its article, as a note opens and closes ("El Ministerio de … de la República de Guatemala"). */
  subject: Localized;
  address: readonly string[];
  city: Localized;
  /** IANA zone: every date of the document is written in it. */
  timeZone: string;
  /** A data URL (PNG or JPEG) from the reviewed data, never a user's input. */
  emblem?: string;
}

export interface DocumentIssuer {
  office: IssuingOffice;
  /** The note number from the office's yearly sequence (`MINEX-GT/2026/00017`); formal documents only. */
  noteNumber?: string;
}

/** Whom a note is addressed to: the office by its name, and the way it travels. */
export interface DocumentAddressee {
  role: 'cancilleria' | 'central_authority' | 'authorities';
  country: CountryCode;
  /** The office's own name, when known. */
  office?: Localized;
  channel?: 'diplomatic' | 'central_authority';
}

/** Another request of the same case: the State asked and the request's reference. */
export interface RelatedRequest {
  country: string;
  reference: string;
}

export interface DocumentViewModel {
  kind: DocumentKind;
  /** The request's reference, e.g. `GT-MX-2026-000123`. */
  reference: string;
  /** ISO date-time of the event that produced the document; also the PDF's CreationDate. */
  issuedAt: string;
  /** Revision of this kind of document for the request (informal drafts are re-issued). */
  revision?: number;
  labels: DocumentLabels;
  request: DocumentRequest;
  /** Country names overriding the built-in localized ones. */
  countries?: Partial<Record<CountryCode, string>>;
  event?: DocumentEvent;
  /** The office that issues the document: letterhead, note number, time zone of its dates. */
  issuer?: DocumentIssuer;
  /** Whom the note is addressed to (transmission note, acknowledgement). */
  addressee?: DocumentAddressee;
  /** For `authorization`: the standardized form it authorizes. */
  authorizes?: DocumentCitation;
  /** For `transmission_note`: the documents sent through the formal channel. */
  enclosures?: Enclosure[];
  /** For `standardized_form` and `transmission_note`: the files attached to the request when it was issued. */
  annexes?: AnnexCitation[];
  /**
   * For `standardized_form`: the other requests of the same investigation (its case) when the form
   * was issued, only where the fiscal chose to disclose them (`discloseOtherStatesAsked`): printed
   * with the related requests the fiscal wrote, so that the requested side knows which other States
   * were asked.
   */
  otherStatesAsked?: RelatedRequest[];
  /** For `acknowledgement`. */
  acknowledgement?: AcknowledgementInfo;
  /** For `overdue_notice`. */
  overdue?: OverdueInfo;
  /** For `supplementary_request`: its number, translation and the annexes it encloses. */
  supplementary?: SupplementaryInfo;
  /** For `reminder_letter` (with `overdue`): when the request was transmitted. */
  reminder?: { transmittedAt?: string };
  /** For `execution_report`: which part of the execution it reports, or the final report. */
  execution?: ExecutionReportInfo;
  /**
   * The public verification page of this deployment (ENLACE_PUBLIC_URL + `/verify/`): the QR code
   * holds it followed by the content hash, so that a foreign official reaches it without an account.
   */
  verifyUrl?: string;
}
