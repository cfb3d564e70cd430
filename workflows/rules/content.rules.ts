// The statements a request must make because of what it invokes or asks for. Each is optional on
// the form, and becomes required (SUBMIT names it in `missing`) only where the instrument invoked, or
// the measure asked, makes it so. The conditions are this table's, never a service's.
import { isProtectedPerson } from '../disclosure/disclosure.policy.js';
import type { CountryCode, LegalBasis, MeasureType, RequestFields } from '../request/request.types.js';

/**
 * Dual criminality: the instruments that assist with coercive measures only when the conduct is an
 * offence in the requested state too, and the measures they count as coercive.
 * - Nassau 1992 art. 5: seizure and freezing of property, inspections and seizures, searches;
 * - the 1993 Central American treaty: the same for searches, seizures and measures on property;
 * - the MX-DO treaty art. 1(3): dual criminality for the measures that require coercion.
 * Bank and electronic records are included: producing them lifts a secrecy that only a judge's
 * order does on either side.
 */
export const DUAL_CRIMINALITY = {
  bases: ['NASSAU_1992', 'CA_TREATY_1993'] as readonly LegalBasis[],
  /** Bilateral treaties of the register (channels.json) that ask it, by id. */
  treaties: ['DO-MX'] as readonly string[],
  coerciveMeasures: ['search_and_seizure', 'freeze_or_seize_assets', 'bank_records', 'electronic_evidence'] as readonly MeasureType[],
};

/** UNTOC (and the Smuggling Protocol, which applies it mutatis mutandis) reach only the offences of its art. 3. */
export const UNTOC_BASES: readonly LegalBasis[] = ['UNTOC_ART18', 'SOM_PROTOCOL'];

/** Measures in which a person is heard, for whom protection and interpreters are arranged (Smuggling Protocol art. 16). */
export const HEARING_MEASURES: readonly MeasureType[] = ['testimony', 'videoconference_hearing'];

const blank = (value: unknown): boolean => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/** Whether the request must state dual criminality: a coercive measure under an instrument that requires it. */
export function dualCriminalityRequired(fields: RequestFields, requestingCountry: CountryCode): boolean {
  const coercive = (fields.measures ?? []).some((m) => DUAL_CRIMINALITY.coerciveMeasures.includes(m.type));
  if (!coercive) return false;
  const bases = fields.legalBasis ?? [];
  if (bases.some((b) => DUAL_CRIMINALITY.bases.includes(b))) return true;
  if (!bases.includes('BILATERAL') || !fields.requestedCountry) return false;
  const pair = [requestingCountry, fields.requestedCountry].sort().join('-');
  return DUAL_CRIMINALITY.treaties.includes(pair) && (blank(fields.bilateralTreaty) || DUAL_CRIMINALITY.treaties.includes(fields.bilateralTreaty!));
}

/**
 * What the request's own choices make required and it leaves empty:
 * - `untocScope.category|transnational|organizedGroup` when UNTOC or the Smuggling Protocol is invoked
 *   (art. 18(1): the requesting state shows reasonable grounds that the offence is transnational and
 *   involves an organized criminal group);
 * - `dualCriminality` (see DUAL_CRIMINALITY);
 * - `reciprocityUndertaking` when reciprocity is invoked (no treaty binds the requested state: the
 *   undertaking to do the same for it is what it assists on);
 * - `costs.details` when extraordinary costs are foreseen (UNTOC art. 18(28): agreed beforehand);
 * - `protection.measures` when a protected person (a victim, a smuggled migrant, a minor, anyone with a
 *   vulnerability) is among the persons and someone is to be heard (Smuggling Protocol art. 16).
 * `today` decides who is a minor by date of birth; without it only roles and vulnerabilities count.
 */
export function contentGaps(fields: RequestFields, requestingCountry: CountryCode, today?: string): string[] {
  const missing: string[] = [];
  const bases = fields.legalBasis ?? [];
  if (bases.some((b) => UNTOC_BASES.includes(b))) {
    for (const key of ['category', 'transnational', 'organizedGroup'] as const) {
      if (blank(fields.untocScope?.[key])) missing.push(`untocScope.${key}`);
    }
  }
  if (blank(fields.dualCriminality) && dualCriminalityRequired(fields, requestingCountry)) missing.push('dualCriminality');
  if (bases.includes('RECIPROCITY') && blank(fields.reciprocityUndertaking)) missing.push('reciprocityUndertaking');
  if (fields.costs?.extraordinary === true && blank(fields.costs.details)) missing.push('costs.details');
  const at = today ? new Date(`${today}T00:00:00Z`) : new Date(0);
  const heard = (fields.measures ?? []).some((m) => HEARING_MEASURES.includes(m.type));
  const protectedPerson = (fields.persons ?? []).some((p) => isProtectedPerson(today ? p : { ...p, dateOfBirth: undefined }, at));
  if (heard && protectedPerson && blank(fields.protection?.measures)) missing.push('protection.measures');
  (fields.relatedRequests ?? []).forEach((r, i) => {
    if (blank(r.country)) missing.push(`relatedRequests[${i}].country`);
    if (blank(r.summary)) missing.push(`relatedRequests[${i}].summary`);
  });
  return missing;
}
