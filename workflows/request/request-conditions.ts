import { legalBasisViolations, translationViolations } from '../rules/index.js';
import { contentGaps } from '../rules/content.rules.js';
import { measureGaps, measureViolations } from '../rules/measure.rules.js';
import { deriveRoute, refusalGroundsOf } from '../rules/channels.js';
import { dateIn } from '../rules/offices.js';
import { translationNeeded } from '../rules/translation.rules.js';
import type { Parties } from './request-permissions.js';
import { EXECUTION_OUTCOMES, type RequestEvent } from './request.events.js';
import type { CountryCode, RequestFields } from './request.types.js';

export interface Violation {
  field: string;
  rule: string;
  /** For a rule that time will lift (`deadline_not_passed`): the instant from which the event is possible. */
  possibleFrom?: string;
}

/** What stands between an event and its transition: absent fields, and rules the fields break. */
export interface Gaps {
  missing: string[];
  violations: Violation[];
}

const NO_GAPS: Gaps = { missing: [], violations: [] };

const blank = (value: unknown): boolean =>
  value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

function requireFields(source: object | undefined, prefix: string, names: readonly string[]): string[] {
  const record = (source ?? {}) as Record<string, unknown>;
  return names.filter((name) => blank(record[name])).map((name) => `${prefix}${name}`);
}

function requireList(list: unknown[] | undefined, path: string): string[] {
  return list && list.length > 0 ? [] : [path];
}

/**
 * Enough to show the counterpart what the case is about (SHARE_DRAFT), and with a measure, enough to
 * start the standardized form (STANDARDIZE).
 */
export function draftGaps(fields: RequestFields, withMeasure: boolean): Gaps {
  const missing = requireFields(fields, '', ['requestedCountry', 'title', 'summaryOfFacts']);
  if (withMeasure) missing.push(...requireList(fields.measures, 'measures'));
  return { missing, violations: [] };
}

/**
 * Everything the standardized form must carry before it goes to the cancillería: the contents
 * required by UNTOC art. 18(15) (authority, subject and nature of the proceeding, summary of facts,
 * assistance sought, particular procedures, purpose), completed with what the EIO's Annex A shows a
 * requested authority needs to act without asking back (offences with provision and penalty, the
 * questions for a witness, a contact for execution, urgency and confidentiality stated).
 */
export function submitGaps(fields: RequestFields, requestingCountry: CountryCode, today?: string): Gaps {
  const missing = [
    ...requireFields(fields, '', ['requestedCountry', 'title', 'language', 'caseReference', 'summaryOfFacts', 'purpose']),
    ...(fields.proceeding ? requireFields(fields.proceeding, 'proceeding.', ['type', 'authority']) : ['proceeding']),
    ...requireList(fields.legalBasis, 'legalBasis'),
    ...requireList(fields.offenses, 'offenses'),
    ...(fields.offenses ?? []).flatMap((offense, i) => requireFields(offense, `offenses[${i}].`, ['name', 'legalProvision'])),
    ...requireList(fields.measures, 'measures'),
    ...(fields.measures ?? []).flatMap((measure, i) => [
      ...requireFields(measure, `measures[${i}].`, ['type', 'description']),
      // What the requested authority acts on, by type (measure.rules.ts): a witness is heard on the
      // requesting side's questions (Model Treaty on MLA art. 5(2)(c)), a search needs its place...
      ...measureGaps(measure, i),
    ]),
    ...(fields.persons ?? []).flatMap((person, i) => requireFields(person, `persons[${i}].`, ['role', 'fullName'])),
    ...(fields.confidentiality
      ? fields.confidentiality.required
        ? requireFields(fields.confidentiality, 'confidentiality.', ['reason'])
        : []
      : ['confidentiality']),
    ...(fields.urgency
      ? fields.urgency.urgent
        ? requireFields(fields.urgency, 'urgency.', ['reason', 'deadline'])
        : []
      : ['urgency']),
    ...(fields.contact ? requireFields(fields.contact, 'contact.', ['name', 'email']) : ['contact']),
    ...contentGaps(fields, requestingCountry, today),
  ];
  const violations: Violation[] = fields.requestedCountry
    ? [...legalBasisViolations(fields, requestingCountry), ...translationViolations(fields, requestingCountry)]
    : [];
  (fields.measures ?? []).forEach((measure, i) => violations.push(...measureViolations(measure, i)));
  // An urgent request names the date the evidence is needed by; a date already past cannot be met
  // and would make every deadline overdue the moment it is set.
  if (today && fields.urgency?.urgent && fields.urgency.deadline && fields.urgency.deadline < today) {
    violations.push({ field: 'urgency.deadline', rule: 'not_in_the_past' });
  }
  return { missing, violations };
}

function commentGaps(event: RequestEvent): Gaps {
  return blank(event.comment) ? { missing: ['comment'], violations: [] } : NO_GAPS;
}

function executionGaps(event: RequestEvent): Gaps {
  const gaps = commentGaps(event);
  const outcome = event.data?.outcome;
  if (blank(outcome)) return { ...gaps, missing: [...gaps.missing, 'data.outcome'] };
  if (!EXECUTION_OUTCOMES.includes(outcome as never)) {
    return { ...gaps, violations: [{ field: 'data.outcome', rule: `one_of:${EXECUTION_OUTCOMES.join('|')}` }] };
  }
  return gaps;
}

/** A part of the execution: its note, and the evidence delivered with it, at least one item. */
function executionPartGaps(event: RequestEvent): Gaps {
  const gaps = commentGaps(event);
  const evidence = event.data?.evidence;
  if (evidence === undefined || (Array.isArray(evidence) && evidence.length === 0)) return { ...gaps, missing: [...gaps.missing, 'data.evidence'] };
  if (!Array.isArray(evidence) || evidence.some((item) => typeof item !== 'string' || blank(item))) {
    return { ...gaps, violations: [{ field: 'data.evidence', rule: 'list_of_texts' }] };
  }
  return gaps;
}

const isDate = (value: unknown): value is string => {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
};

/**
 * A supplementary request: its text (the comment), in the language the route requires as the
 * original was (a translation beside it where the requested country does not accept the request's
 * language), and the annexes it encloses, listed one per item.
 */
function supplementaryGaps(event: RequestEvent): Gaps {
  let gaps = commentGaps(event);
  if (translationNeeded(event.request)) gaps = both(gaps, dataTextGaps(event, 'translation'));
  const annexes = event.data?.annexes;
  if (annexes !== undefined && (!Array.isArray(annexes) || annexes.some((item) => typeof item !== 'string' || blank(item)))) {
    gaps = both(gaps, { missing: [], violations: [{ field: 'data.annexes', rule: 'list_of_texts' }] });
  }
  return gaps;
}

/**
 * A reminder letter is for a stage that waits on the requested side and has passed its deadline, as
 * the stage clock reckons it on the responsible office's working-day calendar (the runner supplies
 * it: `event.stage`). Before that, the refusal says from when a reminder is possible.
 */
function reminderGaps(event: RequestEvent): Gaps {
  const stage = event.stage;
  if (!stage?.dueAt || stage.responsible !== 'requested') return { missing: [], violations: [{ field: 'stage', rule: 'no_deadline_on_requested_side' }] };
  if (Date.parse(event.at) <= Date.parse(stage.dueAt)) {
    return { missing: [], violations: [{ field: 'stage.dueAt', rule: 'deadline_not_passed', possibleFrom: stage.dueAt }] };
  }
  return NO_GAPS;
}

/**
 * An urgent advance copy (UNTOC art. 18(13): through INTERPOL; 18(14): orally, confirmed in writing
 * forthwith) is possible only where an instrument of the request's route allows it, by one of its
 * channels, once, and on a day already come.
 */
function advanceCopyGaps(event: RequestEvent, parties: Parties): Gaps {
  const route = parties.route ?? deriveRoute(event.request, parties.requestingCountry);
  const rule = route?.advanceCopy;
  if (!rule) return { missing: [], violations: [{ field: 'legalBasis', rule: 'advance_copy_not_allowed' }] };
  // "In urgent circumstances" (art. 18(13) and (14)): a request that does not say it is urgent has none.
  if (event.request.urgency?.urgent !== true) return { missing: [], violations: [{ field: 'urgency.urgent', rule: 'advance_copy_only_when_urgent' }] };
  if ((parties as Parties & { advanceCopy?: unknown }).advanceCopy) return { missing: [], violations: [{ field: 'advanceCopy', rule: 'already_recorded' }] };
  const missing = ['channel', 'sentOn', 'reference'].filter((name) => blank(event.data?.[name])).map((name) => `data.${name}`);
  const violations: Violation[] = [];
  const channel = event.data?.channel;
  if (!blank(channel) && !rule.channels.includes(channel as never)) violations.push({ field: 'data.channel', rule: `one_of:${rule.channels.join('|')}` });
  const sentOn = event.data?.sentOn;
  if (!blank(sentOn) && !isDate(sentOn)) violations.push({ field: 'data.sentOn', rule: 'date' });
  else if (!blank(sentOn) && (sentOn as string) > todayOf(event)) violations.push({ field: 'data.sentOn', rule: 'not_in_the_future' });
  const reference = event.data?.reference;
  if (!blank(reference) && typeof reference !== 'string') violations.push({ field: 'data.reference', rule: 'text' });
  return { missing, violations };
}

/**
 * The date of the event for the office that acts, on its own clock: a Guatemalan fiscal submitting
 * at 19:00 with a date needed of that day, or Mexico's central authority postponing "until today" in
 * its evening, acts on that day, not on UTC's next one (the deadlines end at the same local midnight).
 */
const todayOf = (event: RequestEvent): string => dateIn(event.actor.country, new Date(event.at));

/** A postponement states its reason and the date until which execution is postponed, not already past. */
function postponeGaps(event: RequestEvent): Gaps {
  const gaps = commentGaps(event);
  const until = event.data?.until;
  if (blank(until)) return { ...gaps, missing: [...gaps.missing, 'data.until'] };
  const date = typeof until === 'string' ? new Date(`${until}T00:00:00Z`) : null;
  if (!date || !/^\d{4}-\d{2}-\d{2}$/.test(until as string) || Number.isNaN(date.getTime()) || !date.toISOString().startsWith(until as string)) {
    return { ...gaps, violations: [{ field: 'data.until', rule: 'date' }] };
  }
  if ((until as string) < todayOf(event)) return { ...gaps, violations: [{ field: 'data.until', rule: 'not_in_the_past' }] };
  return gaps;
}

/** A text the event's data must carry (the executing authority's name ...). */
function dataTextGaps(event: RequestEvent, name: string): Gaps {
  const value = event.data?.[name];
  if (blank(value)) return { missing: [`data.${name}`], violations: [] };
  return typeof value === 'string' ? NO_GAPS : { missing: [], violations: [{ field: `data.${name}`, rule: 'text' }] };
}

const both = (a: Gaps, b: Gaps): Gaps => ({ missing: [...a.missing, ...b.missing], violations: [...a.violations, ...b.violations] });

/**
 * A refusal states its reasons and cites its ground: one of the grounds the instruments of the
 * request's route allow (UNTOC art. 18(21), Nassau art. 9, the treaty's; channels.json), so that the
 * requesting side knows what to answer and whether a new request could succeed.
 */
function refuseGaps(event: RequestEvent, parties: Parties): Gaps {
  const ground = event.data?.ground;
  if (blank(ground)) return both(commentGaps(event), { missing: ['data.ground'], violations: [] });
  const grounds = refusalGroundsOf(parties.route);
  return both(commentGaps(event), grounds.includes(ground as string) ? NO_GAPS : { missing: [], violations: [{ field: 'data.ground', rule: `one_of:${grounds.join('|')}` }] });
}

/** The conditions of each event, as the contract's table states them (422 when not met). */
export const EVENT_CONDITIONS: Record<RequestEvent['type'], (event: RequestEvent, parties: Parties) => Gaps> = {
  SHARE_DRAFT: (event) => draftGaps(event.request, false),
  STANDARDIZE: (event) => draftGaps(event.request, true),
  SUBMIT: (event, parties) => submitGaps(event.request, parties.requestingCountry, todayOf(event)),
  RETURN: commentGaps,
  REJECT: commentGaps,
  AUTHORIZE: () => NO_GAPS,
  TRANSMIT: () => NO_GAPS,
  RECORD_RECEIPT: () => NO_GAPS,
  FORWARD: () => NO_GAPS,
  ACKNOWLEDGE: () => NO_GAPS,
  // The office that will carry out the measures, named so that the requesting side knows who acts.
  ASSIGN: (event) => dataTextGaps(event, 'executingAuthority'),
  // UNTOC art. 18(26): the conditions are the proposal; a refusal of them says why.
  PROPOSE_CONDITIONS: commentGaps,
  ACCEPT_CONDITIONS: () => NO_GAPS,
  DECLINE_CONDITIONS: commentGaps,
  REQUEST_INFO: commentGaps,
  SUPPLY_INFO: commentGaps,
  SEND_SUPPLEMENTARY_REQUEST: supplementaryGaps,
  SEND_REMINDER: reminderGaps,
  RECORD_ADVANCE_COPY: advanceCopyGaps,
  REPORT_EXECUTION_PART: executionPartGaps,
  RECORD_EXECUTION: executionGaps,
  REFUSE: refuseGaps,
  // The reasons of the return are what the requesting side must correct (Nassau art. 26).
  RETURN_FOR_CORRECTION: commentGaps,
  POSTPONE: postponeGaps,
  REPORT_PROGRESS: commentGaps,
  RESUME: () => NO_GAPS,
  CLOSE: () => NO_GAPS,
  WITHDRAW: commentGaps,
};

/**
 * Events offered (availableEvents) only where they could be met, because what they need is a fact of
 * the request no one fills in on the spot: an urgent advance copy where the request is urgent and an
 * instrument of its route allows one. Sent anyway, the event is refused with the field named (422).
 */
export const OFFERED_WHEN: Partial<Record<RequestEvent['type'], (request: RequestFields, parties: Parties) => boolean>> = {
  RECORD_ADVANCE_COPY: (request, parties) =>
    request.urgency?.urgent === true && Boolean((parties.route ?? deriveRoute(request, parties.requestingCountry))?.advanceCopy),
};

export const hasGaps = (gaps: Gaps): boolean => gaps.missing.length > 0 || gaps.violations.length > 0;
