// The vocabulary of a legal assistance request, as the HTTP contract names it
// (../shared/contract/http-api.md, "Request fields"). Pure types and closed lists: the DTOs, the
// machine's guards, the templates and the persistence layer all read these, none re-declares them.

export const COUNTRY_CODES = ['BZ', 'CA', 'CR', 'SV', 'US', 'GT', 'HN', 'MX', 'NI', 'PA', 'DO'] as const;
export type CountryCode = (typeof COUNTRY_CODES)[number];

export const LANGUAGES = ['es', 'en', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];

export const PROCEEDING_TYPES = ['investigation', 'prosecution', 'trial'] as const;
export type ProceedingType = (typeof PROCEEDING_TYPES)[number];

export const LEGAL_BASES = [
  'UNTOC_ART18',
  'SOM_PROTOCOL',
  'NASSAU_1992',
  'NASSAU_OP_1993',
  'CA_TREATY_1993',
  'BILATERAL',
  'RECIPROCITY',
] as const;
export type LegalBasis = (typeof LEGAL_BASES)[number];

export const SMUGGLING_CONDUCTS = ['illegal_entry', 'illegal_stay', 'fraudulent_documents', 'organizing'] as const;
export type SmugglingConduct = (typeof SMUGGLING_CONDUCTS)[number];

export const MEASURE_TYPES = [
  'bank_records',
  'testimony',
  'service_of_documents',
  'search_and_seizure',
  'electronic_evidence',
  'identify_locate_person',
  'freeze_or_seize_assets',
  'videoconference_hearing',
  'transfer_detained_person',
  'other',
] as const;
export type MeasureType = (typeof MEASURE_TYPES)[number];

export const PERSON_ROLES = ['suspect', 'witness', 'smuggled_migrant', 'victim', 'account_holder', 'other'] as const;
export type PersonRole = (typeof PERSON_ROLES)[number];

// The CRM plan's list of vulnerable persons ("Condiciones de vulnerabilidad"). A person carrying any
// of these is protected: their full identity never leaves the formal channel.
export const VULNERABILITY_CODES = [
  'unaccompanied_minor',
  'child_other_vulnerability',
  'trafficking_victim',
  'refugee_or_asylum_seeker',
  'extracontinental_migrant',
  'violence_in_transit_victim',
  'gender_violence_victim',
  'pregnant_travelling_alone',
  'older_adult',
  'indigenous_afrodescendant_lgbti',
] as const;
export type VulnerabilityCode = (typeof VULNERABILITY_CODES)[number];

export interface Proceeding {
  type: ProceedingType;
  authority: string;
  stage?: string;
}

export interface Offense {
  name: string;
  legalProvision: string;
  /** The text of the provision cited, not only its number (UN Model Treaty art. 5(1)(c); the UNODC Request Writer Tool). */
  provisionText?: string;
  maxPenalty?: string;
  /** The statute of limitations: the period and when it runs out, so the requested side knows the time left. */
  limitation?: string;
  conduct?: SmugglingConduct[];
  aggravating?: string;
}

/** A period of records (bank statements, traffic data), ISO dates, both ends included. */
export interface Period {
  from?: string;
  to?: string;
}

/** A videoconference hearing's logistics (UNTOC art. 18(18)): when, who to call, and the interpreter. */
export interface HearingLogistics {
  /** The window proposed, ISO date-times in the requesting side's local time. */
  from?: string;
  to?: string;
  timeZone?: string;
  /** The technical contact on the requesting side (name, e-mail or phone, the platform used). */
  technicalContact?: string;
  /** The interpreter needed, and the language (an indigenous language named as such). */
  interpreter?: string;
}

/** A detained person's consent to the transfer (UNTOC art. 18(10)(a): "freely gives his or her informed consent"). */
export interface TransferConsent {
  given?: boolean;
  date?: string;
  /** How the consent was recorded (a signed statement before a judge, its file number). */
  record?: string;
}

/**
 * A measure sought. `description` is the free text; the structured fields of each type
 * (workflows/rules/measure.rules.ts says which a type needs) carry what the requested authority acts on.
 */
export interface Measure {
  type: MeasureType;
  description: string;
  details?: string;
  /** Testimony and videoconference hearing: who is heard, and on which questions. */
  witness?: string;
  questions?: string[];
  /** Search and seizure: where, what is sought, and why it is expected there. */
  place?: string;
  itemsSought?: string;
  grounds?: string;
  /** Bank records (and assets): the institution, the account, its holder, the period. */
  institution?: string;
  account?: string;
  accountHolder?: string;
  period?: Period;
  /** Electronic evidence: the service provider, the identifiers (numbers, accounts, IPs), the preservation already asked. */
  provider?: string;
  identifiers?: string[];
  preservationReference?: string;
  hearing?: HearingLogistics;
  /** Transfer of a detained person (UNTOC art. 18(10)-(12)). */
  detainedPerson?: string;
  consent?: TransferConsent;
}

export interface Person {
  role: PersonRole;
  fullName: string;
  nationality?: string;
  dateOfBirth?: string;
  identityDocument?: string;
  location?: string;
  vulnerabilities?: VulnerabilityCode[];
}

export interface Confidentiality {
  required: boolean;
  reason?: string;
}

export interface Urgency {
  urgent: boolean;
  reason?: string;
  deadline?: string;
}

export interface Contact {
  name: string;
  email: string;
  phone?: string;
  languages?: Language[];
}

export interface PriorInformalExchange {
  date: string;
  counterpart: string;
  summary: string;
}

/** Why the conduct falls under UNTOC (art. 3(1)-(2), art. 18(1)): the offence, its transnational nature, the group. */
export const UNTOC_OFFENCE_CATEGORIES = ['serious_crime', 'convention_offence', 'protocol_offence'] as const;
export type UntocOffenceCategory = (typeof UNTOC_OFFENCE_CATEGORIES)[number];

export interface UntocScope {
  /** A serious crime (4 years or more, art. 2(b)), an offence of arts. 5, 6, 8 or 23, or of a Protocol (Smuggling Protocol art. 6). */
  category?: UntocOffenceCategory;
  /** Why it is transnational (art. 3(2)): committed in more than one state, planned or with effects in another... */
  transnational?: string;
  /** The organized criminal group involved (art. 2(a)): three or more persons, acting in concert. */
  organizedGroup?: string;
}

/** How the requested side executes: who attends, and the form of certification the evidence needs to be admissible. */
export interface ExecutionRequirements {
  personsPresent?: string;
  certification?: string;
  /** The originals lent are to be returned (Nassau art. 19; Model Treaty art. 12). */
  returnOriginals?: boolean;
}

/** UNTOC art. 18(28): ordinary costs fall on the requested state; extraordinary ones are agreed beforehand. */
export interface Costs {
  extraordinary?: boolean;
  details?: string;
}

/** A related or earlier request, or another state asked for assistance in the same case. */
export interface RelatedRequest {
  country: CountryCode;
  reference?: string;
  date?: string;
  summary: string;
}

/** Protection of victims and witnesses (Smuggling Protocol art. 16; UNTOC arts. 24-25) and interpreters. */
export interface Protection {
  measures?: string;
  /** The interpreters needed, languages named (an indigenous language such as K'iche' or Mam as such). */
  interpreters?: string;
}

/** How the personal data sent are to be protected and how long kept. */
export interface DataProtection {
  safeguards?: string;
  retention?: string;
}

/** Who answers for a translation (the certified translator's attestation): name, qualification, date. */
export interface TranslatorAttestation {
  translatorName: string;
  /** "Perito traductor autorizado por el Ministerio de Educación", "ATA-certified translator". */
  qualification: string;
  /** YYYY-MM-DD */
  date: string;
}

/**
 * A translation of the request into one language. `title`, `summaryOfFacts`, `purpose` and `measures`
 * (one string per measure's description) are the contract's places; every other free text of
 * TRANSLATABLE_FIELDS (translatable-fields.ts) is in `texts` under the path of its original.
 */
export interface Translation {
  title?: string;
  summaryOfFacts?: string;
  purpose?: string;
  measures?: string[];
  texts?: Record<string, string>;
  attestation?: TranslatorAttestation;
}

/** The fields a fiscal writes (body of POST and PATCH /api/requests). All optional while drafting. */
export interface RequestFields {
  requestedCountry?: CountryCode;
  title?: string;
  language?: Language;
  caseReference?: string;
  proceeding?: Proceeding;
  legalBasis?: LegalBasis[];
  bilateralTreaty?: string;
  offenses?: Offense[];
  summaryOfFacts?: string;
  purpose?: string;
  measures?: Measure[];
  persons?: Person[];
  procedures?: string;
  confidentiality?: Confidentiality;
  urgency?: Urgency;
  contact?: Contact;
  priorInformalExchanges?: PriorInformalExchange[];
  translations?: Partial<Record<Language, Translation>>;
  untocScope?: UntocScope;
  /** The conduct is an offence in the requested state too (Nassau art. 5; the 1993 Central American treaty; MX-DO art. 1(3)). */
  dualCriminality?: string;
  /** The requesting state's undertaking to assist the requested one alike, when reciprocity is invoked. */
  reciprocityUndertaking?: string;
  execution?: ExecutionRequirements;
  costs?: Costs;
  relatedRequests?: RelatedRequest[];
  /**
   * Whether the standardized form names the other States asked in the same investigation (the
   * requests of its case): the fiscal's choice, not disclosed unless chosen (the API never shows a
   * requested country the other members of a case). The related requests written above always print.
   */
  discloseOtherStatesAsked?: boolean;
  protection?: Protection;
  dataProtection?: DataProtection;
  /**
   * Held by the platform, never written by a client: the languages of the certified translations
   * annexed to the request, set at SUBMIT from its annexes (a certified translation annexed stands
   * for the texts of `translations` in its language). Not one of REQUEST_FIELD_NAMES.
   */
  certifiedTranslations?: Language[];
}

export const REQUEST_FIELD_NAMES = [
  'requestedCountry',
  'title',
  'language',
  'caseReference',
  'proceeding',
  'legalBasis',
  'bilateralTreaty',
  'offenses',
  'summaryOfFacts',
  'purpose',
  'measures',
  'persons',
  'procedures',
  'confidentiality',
  'urgency',
  'contact',
  'priorInformalExchanges',
  'translations',
  'untocScope',
  'dualCriminality',
  'reciprocityUndertaking',
  'execution',
  'costs',
  'relatedRequests',
  'discloseOtherStatesAsked',
  'protection',
  'dataProtection',
] as const satisfies readonly (keyof RequestFields)[];

/**
 * The documents the platform issues: one for each document-producing step of the lifecycle, and the
 * reminder a late stage produces.
 */
export const DOCUMENT_KINDS = [
  'informal_draft',
  'standardized_form',
  'authorization',
  'transmission_note',
  'acknowledgement',
  'execution_report',
  'overdue_notice',
  'supplementary_request',
  'reminder_letter',
  'forwarding_note',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
