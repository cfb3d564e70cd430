// Which legal bases a request may invoke between two member countries. A request resting on a treaty
// that does not bind both states is a request the requested state may simply decline (and a common
// reason requests come back); catching it before the cancillería sees the request saves a round trip.
import { LEGAL_BASES, type CountryCode, type LegalBasis, type RequestFields } from '../request/request.types.js';
import { CHANNELS_DATA, type BilateralTreaty } from './channels.js';
import { INSTRUMENTS, countryProfile, isPartyTo, type LocalizedName } from './country-profiles.js';

/** A broken rule, as the HTTP contract reports it in a 422 body (`violations: [{field, rule}]`). */
export interface RuleViolation {
  field: string;
  rule: string;
}

/**
 * Stable rule codes of legalBasisViolations (clients map them to messages; never rename one):
 * - `not_in_force_for_pair` on `legalBasis[i]`: a multilateral instrument to which the requesting or
 *   the requested country is not a party (a treaty binds only its parties);
 * - `duplicate` on `legalBasis[i]`: the same basis invoked twice (it would print twice on the form);
 * - `unknown_basis` on `legalBasis[i]`: not one of LEGAL_BASES (only reachable past the DTO);
 * - `required_with_bilateral` on `bilateralTreaty`: BILATERAL invoked without naming the treaty;
 * - `not_in_register_for_pair` on `bilateralTreaty`: the treaty named is not one of the register's
 *   treaties in force between the two countries (channels.json);
 * - `requires:<BASIS>` on `legalBasis[i]`: a protocol invoked without the convention it supplements
 *   (the Smuggling Protocol applies UNTOC mutatis mutandis, art. 1(2); the Nassau Optional Protocol
 *   applies only between parties to Nassau);
 * - `same_as_requesting_country` on `requestedCountry`: a state does not request assistance from itself.
 */
export const LEGAL_BASIS_RULES = {
  notInForceForPair: 'not_in_force_for_pair',
  duplicate: 'duplicate',
  unknownBasis: 'unknown_basis',
  requiredWithBilateral: 'required_with_bilateral',
  notInRegisterForPair: 'not_in_register_for_pair',
  sameAsRequestingCountry: 'same_as_requesting_country',
} as const;

export interface ApplicableLegalBasis {
  basis: LegalBasis;
  name: LocalizedName;
  /** True for BILATERAL: the request must name the treaty (`bilateralTreaty`). */
  requiresNamedTreaty: boolean;
  /** For BILATERAL: the register's treaties in force between the pair, one of which must be named. */
  treaties?: BilateralTreaty[];
}

/** The convention a protocol supplements, which the request must invoke with it. */
const REQUIRES: Partial<Record<LegalBasis, LegalBasis>> = { SOM_PROTOCOL: 'UNTOC_ART18', NASSAU_OP_1993: 'NASSAU_1992' };

/** Whether `basis` can ground a request from `from` to `to` (either direction binds alike). */
export function bindsPair(basis: LegalBasis, from: CountryCode, to: CountryCode): boolean {
  const found = INSTRUMENTS.find((i) => i.basis === basis);
  if (!found) return false;
  switch (found.kind) {
    case 'multilateral':
      return isPartyTo(from, basis) && isPartyTo(to, basis);
    // Only where the register holds a treaty in force between the two (channels.json).
    case 'bilateral':
      return CHANNELS_DATA.hasTreatyInForce(from, to);
    // Reciprocity needs no treaty: it is always available to ask under, and the requested state decides.
    case 'reciprocity':
      return true;
  }
}

/**
 * The legal bases a request from `from` to `to` may invoke, in the order of LEGAL_BASES, with their
 * names in es/en/fr for the form. Throws a RangeError when from === to: that is not a pair of states
 * between which assistance is requested, and reaching here with it is a caller's bug (the contract
 * refuses such a request at validation).
 */
export function applicableLegalBases(from: CountryCode, to: CountryCode): ApplicableLegalBasis[] {
  countryProfile(from);
  countryProfile(to);
  if (from === to) throw new RangeError(`No legal basis applies between ${from} and itself: a request goes to another state`);
  return INSTRUMENTS.filter((i) => bindsPair(i.basis, from, to)).map((i) => ({
    basis: i.basis,
    name: i.name,
    requiresNamedTreaty: i.kind === 'bilateral',
    ...(i.kind === 'bilateral' && { treaties: CHANNELS_DATA.treatiesBetween(from, to).filter((t) => t.status === 'in_force') }),
  }));
}

const blank = (value: unknown): boolean => typeof value !== 'string' || value.trim() === '';

/**
 * What is wrong with the legal bases a request invokes, for the pair (requestingCountry ->
 * fields.requestedCountry). No requested country or no legal basis yields nothing here: absent
 * fields are reported as `missing` by the request's conditions, not as violations.
 */
export function legalBasisViolations(fields: RequestFields, requestingCountry: CountryCode): RuleViolation[] {
  const to = fields.requestedCountry;
  if (!to) return [];
  if (to === requestingCountry) return [{ field: 'requestedCountry', rule: LEGAL_BASIS_RULES.sameAsRequestingCountry }];

  const violations: RuleViolation[] = [];
  const seen = new Set<string>();
  (fields.legalBasis ?? []).forEach((basis, i) => {
    const field = `legalBasis[${i}]`;
    if (!LEGAL_BASES.includes(basis)) violations.push({ field, rule: LEGAL_BASIS_RULES.unknownBasis });
    else if (seen.has(basis)) violations.push({ field, rule: LEGAL_BASIS_RULES.duplicate });
    else if (!bindsPair(basis, requestingCountry, to)) violations.push({ field, rule: LEGAL_BASIS_RULES.notInForceForPair });
    else if (REQUIRES[basis] && !fields.legalBasis!.includes(REQUIRES[basis])) violations.push({ field, rule: `requires:${REQUIRES[basis]}` });
    seen.add(basis);
  });
  if (fields.legalBasis?.includes('BILATERAL') && bindsPair('BILATERAL', requestingCountry, to)) {
    if (blank(fields.bilateralTreaty)) violations.push({ field: 'bilateralTreaty', rule: LEGAL_BASIS_RULES.requiredWithBilateral });
    else if (!CHANNELS_DATA.treatyInForce(fields.bilateralTreaty!, requestingCountry, to)) {
      violations.push({ field: 'bilateralTreaty', rule: LEGAL_BASIS_RULES.notInRegisterForPair });
    }
  }
  return violations;
}
