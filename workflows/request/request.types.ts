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
  maxPenalty?: string;
  conduct?: SmugglingConduct[];
  aggravating?: string;
}

export interface Measure {
  type: MeasureType;
  description: string;
  questions?: string[];
  details?: string;
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

export interface Translation {
  title: string;
  summaryOfFacts: string;
  purpose: string;
  measures: string[];
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
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
