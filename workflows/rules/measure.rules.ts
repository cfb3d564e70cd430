// What each type of measure must state before the request leaves (SUBMIT), beyond its description.
// A requested authority executes what the request identifies, not what it describes: a search order
// names the place and the things sought, a bank is served for an account and a period, a provider
// searches by identifier. A measure short of these comes back with a request for more information
// (the reason requests take months). The description stays free text beside them.
import type { Measure, MeasureType } from '../request/request.types.js';
import type { RuleViolation } from './legal-basis.rules.js';

/**
 * The fields each type requires, by path within the measure. Sources: UNTOC art. 18(3), (10)-(12),
 * (15)(c), (18); UN Model Treaty on MLA art. 5(2); the UNODC Mutual Legal Assistance Request Writer
 * Tool (its pages per measure); the EIO form (Annex A, section C).
 */
export const MEASURE_REQUIREMENTS: Readonly<Record<MeasureType, readonly string[]>> = {
  // The place to be searched, the items to be seized and the grounds to believe they are there.
  search_and_seizure: ['place', 'itemsSought', 'grounds'],
  // The institution served, the account, its holder and the period of the records.
  bank_records: ['institution', 'account', 'accountHolder', 'period.from', 'period.to'],
  // The provider, the identifiers it searches by, the period, and the reference of the preservation
  // already asked (data not preserved first may be gone by the time the request arrives).
  electronic_evidence: ['provider', 'identifiers', 'period.from', 'period.to', 'preservationReference'],
  // The witness and the questions (Model Treaty art. 5(2)(c)).
  testimony: ['witness', 'questions'],
  // Who is heard, the window, and whom the requested side calls to set the link up (art. 18(18)).
  videoconference_hearing: ['witness', 'hearing.from', 'hearing.to', 'hearing.technicalContact'],
  // Who is transferred and their consent (art. 18(10)(a)).
  transfer_detained_person: ['detainedPerson', 'consent.given'],
  service_of_documents: [],
  identify_locate_person: [],
  freeze_or_seize_assets: [],
  other: [],
};

/**
 * Stable rule codes of measureViolations (never rename one):
 * - `consent_required` on `measures[i].consent.given`: a transfer of a detained person without their
 *   consent (art. 18(10)(a) allows none);
 * - `period_order` on `measures[i].period.to` / `measures[i].hearing.to`: the end before the start.
 */
export const MEASURE_RULES = { consentRequired: 'consent_required', periodOrder: 'period_order' } as const;

const blank = (value: unknown): boolean =>
  value === undefined || value === null || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);

const at = (source: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((v, key) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined), source);

/** The fields the measure's type requires that it leaves empty, as `measures[i].<path>`. */
export function measureGaps(measure: Measure, i: number): string[] {
  const required = MEASURE_REQUIREMENTS[measure.type] ?? [];
  return required.filter((path) => blank(at(measure, path))).map((path) => `measures[${i}].${path}`);
}

export function measureViolations(measure: Measure, i: number): RuleViolation[] {
  const out: RuleViolation[] = [];
  if (measure.type === 'transfer_detained_person' && measure.consent?.given === false) {
    out.push({ field: `measures[${i}].consent.given`, rule: MEASURE_RULES.consentRequired });
  }
  for (const key of ['period', 'hearing'] as const) {
    const span = measure[key];
    if (span?.from && span.to && span.to < span.from) out.push({ field: `measures[${i}].${key}.to`, rule: MEASURE_RULES.periodOrder });
  }
  return out;
}
