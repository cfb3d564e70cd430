import type { CountryCode, RequestFields } from '../request/request.types.js';

/**
 * What a request to another country of the same investigation starts from ("also ask Y"): the case
 * itself (what happened, who, which offences, what is sought, how urgent, whom to call) carries over;
 * what belongs to the pair of countries does not. The legal bases and a bilateral treaty are chosen
 * again for the new pair (a treaty binding GT and MX binds neither with the US), a translation is
 * into a language the new requested country accepts, and the prior informal exchanges were with the
 * other country's counterpart. The new request is a draft: the pair's rules are checked at its SUBMIT
 * like any other request's.
 *
 * An allow-list, so that a field added later for one pair is not copied to another by default.
 */
export const FIELDS_CARRIED_TO_ANOTHER_COUNTRY = [
  'title',
  'language',
  'caseReference',
  'proceeding',
  'offenses',
  'summaryOfFacts',
  'purpose',
  'measures',
  'persons',
  'procedures',
  'confidentiality',
  'urgency',
  'contact',
  // The case's own statements (issue 14): why UNTOC reaches it, how the evidence must be taken to be
  // admissible, who needs protection and an interpreter, how the data are kept. Dual criminality and
  // the reciprocity undertaking are the pair's (the requested state's law, the bases invoked), costs
  // related requests and whether to disclose the other States asked are the request's own: not carried.
  'untocScope',
  'execution',
  'protection',
  'dataProtection',
] as const satisfies readonly (keyof RequestFields)[];

export function fieldsForAnotherCountry(fields: RequestFields): RequestFields {
  const carried: Record<string, unknown> = {};
  for (const name of FIELDS_CARRIED_TO_ANOTHER_COUNTRY) {
    if (fields[name] !== undefined) carried[name] = structuredClone(fields[name]);
  }
  return carried as RequestFields;
}

/** Why a country may not be asked in this case: none, or the rule it breaks (the field at fault is `requestedCountry`). */
export type AlsoAskRefusal = 'not_own_country' | 'already_in_case';

export function alsoAskRefusal(to: CountryCode, requestingCountry: CountryCode, alreadyAsked: readonly CountryCode[]): AlsoAskRefusal | null {
  if (to === requestingCountry) return 'not_own_country';
  if (alreadyAsked.includes(to)) return 'already_in_case';
  return null;
}
