// The free-text fields of a request: what a person wrote in words, which the requested authority must
// read in a language it accepts (UNTOC art. 18(14)) and which the translation step therefore covers.
// The one list of them: the translations, the form and the documents read it from here, so that a
// field added to the request is translated the day it is added. Names, numbers, addresses and
// identifiers (a witness's name, an account, a provider, a place) are not in it: they are copied as
// written, never translated.
import type { RequestFields } from './request.types.js';

/**
 * Each free-text field by its path; `[]` stands for every item of a list (`offenses[].name` is the
 * name of each offence), and a path ending in `[]` is a list of texts (each question).
 */
export const FREE_TEXT_FIELDS = [
  'title',
  'proceeding.stage',
  'offenses[].name',
  // The provision cited is in words too ("Código de Migración (Decreto 44-2016), art. 229").
  'offenses[].legalProvision',
  'offenses[].provisionText',
  'offenses[].maxPenalty',
  'offenses[].limitation',
  'offenses[].aggravating',
  'untocScope.transnational',
  'untocScope.organizedGroup',
  'dualCriminality',
  'reciprocityUndertaking',
  'summaryOfFacts',
  'purpose',
  'measures[].description',
  'measures[].details',
  'measures[].questions[]',
  'measures[].itemsSought',
  'measures[].grounds',
  'measures[].hearing.interpreter',
  'measures[].consent.record',
  // A nationality is written as an adjective of the request's language ("guatemalteca").
  'persons[].nationality',
  'procedures',
  'execution.personsPresent',
  'execution.certification',
  'costs.details',
  'protection.measures',
  'protection.interpreters',
  'confidentiality.reason',
  'dataProtection.safeguards',
  'dataProtection.retention',
  'urgency.reason',
  'relatedRequests[].summary',
  'priorInformalExchanges[].summary',
] as const;
export type FreeTextField = (typeof FREE_TEXT_FIELDS)[number];

/** One free text present in a request: its concrete path (`measures[1].grounds`, `measures[0].questions[2]`) and its text. */
export interface FreeTextEntry {
  field: FreeTextField;
  path: string;
  value: string;
}

function expand(node: unknown, steps: readonly string[], path: string): { path: string; value: unknown }[] {
  if (steps.length === 0) return [{ path, value: node }];
  if (node === null || typeof node !== 'object') return [];
  const [step, ...rest] = steps;
  const list = step.endsWith('[]');
  const key = list ? step.slice(0, -2) : step;
  const child = (node as Record<string, unknown>)[key];
  const at = path === '' ? key : `${path}.${key}`;
  if (!list) return expand(child, rest, at);
  return Array.isArray(child) ? child.flatMap((item, i) => expand(item, rest, `${at}[${i}]`)) : [];
}

/** Every free text the request holds, in the order of FREE_TEXT_FIELDS (blank ones left out). */
export function freeTextEntries(fields: RequestFields): FreeTextEntry[] {
  return FREE_TEXT_FIELDS.flatMap((field) =>
    expand(fields, field.split('.'), '')
      .filter((e): e is { path: string; value: string } => typeof e.value === 'string' && e.value.trim() !== '')
      .map((e) => ({ field, path: e.path, value: e.value })),
  );
}
