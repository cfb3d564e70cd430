import type { HistoryEntity, RequestRecord } from '@enlace/persistence';
import {
  REQUEST_FIELD_NAMES,
  availableEvents,
  discloseFields,
  editRefusal,
  isEditable,
  disclosureFor,
  missingForSubmit,
  type PersonsDisclosure,
  restoreRequest,
  type RequestContext,
  type RequestEventType,
  type RequestFields,
  type Route,
  type WorkflowActor,
  countryTimeZone,
  localDate,
  type CountryCode,
} from '@enlace/workflows';

export interface Stage {
  state: string;
  enteredAt: string;
  exitedAt: string | null;
}

/** A request as the contract shows it ("The representation"). */
export type RequestRepresentation = RequestFields & {
  id: string;
  reference: string;
  state: string;
  version: number;
  requestingCountry: string;
  requestedCountry: string;
  createdBy: { id: string; name: string };
  createdAt: string;
  updatedAt: string;
  availableEvents: RequestEventType[];
  missing: string[];
  /** Whether this viewer may change the content now (PATCH): the creating fiscal, while draft, standardized or returned for correction. */
  editable: boolean;
  stages: Stage[];
  /** `protected`: protected persons are shown by initials and masked in the text (workflows/disclosure). */
  disclosure: PersonsDisclosure;
  /** The way the request travels, derived at SUBMIT (null before); `fixed` once the cancillería authorized it. */
  route: (Route & { fixed: boolean }) | null;
  /**
   * The requested side's handling, as far as the requesting side is told of it: the executing
   * authority the requested central authority named (ASSIGN), and the conditions it proposed under
   * UNTOC art. 18(26) with the requesting side's answer.
   */
  handling: {
    executingAuthority: { office: string; assignedAt: string } | null;
    conditions: { text: string; proposedAt: string; answer: 'accepted' | 'declined' | null; answeredAt: string | null } | null;
    /** The ground a refusal cited (its reasons are the REFUSE comment in the history). */
    refusalGround: string | null;
  };
  /**
   * The requesting side's follow-up beyond its documents (the supplementary requests and reminder
   * letters are documents): the urgent advance copy recorded before the formal transmission, and
   * whether the formal request confirmed it, in time or late, or is still awaited.
   */
  followUp: {
    advanceCopy: {
      channel: string;
      sentOn: string;
      reference: string;
      recordedAt: string;
      confirmBy: string;
      confirmedAt: string | null;
      status: 'awaiting_confirmation' | 'confirmed' | 'confirmed_late';
    } | null;
  };
};

export function stagesFrom(changes: Pick<HistoryEntity, 'toState' | 'at'>[]): Stage[] {
  return changes.map((change, i) => ({
    state: change.toState,
    enteredAt: change.at.toISOString(),
    exitedAt: changes[i + 1]?.at.toISOString() ?? null,
  }));
}

/** Only the contract's fields leave the jsonb column, whatever else it may hold. */
export function contractFields(fields: RequestFields): RequestFields {
  return Object.fromEntries(
    REQUEST_FIELD_NAMES.filter((name) => fields[name] !== undefined).map((name) => [name, fields[name]]),
  ) as RequestFields;
}

export function representRequest(record: RequestRecord, viewer: WorkflowActor, stages: Stage[]): RequestRepresentation {
  const snapshot = restoreRequest(record);
  const fields = { ...contractFields(record.fields), requestedCountry: record.requestedCountry };
  const disclosure = disclosureFor(viewer, record).persons;
  return {
    ...discloseFields(fields, disclosure, record.createdAt),
    id: record.id,
    reference: record.reference,
    state: record.state,
    version: record.version,
    requestingCountry: record.requestingCountry,
    requestedCountry: record.requestedCountry,
    createdBy: { id: record.createdBy, name: record.createdByName },
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
    availableEvents: availableEvents(snapshot, viewer, fields),
    missing: missingForSubmit(fields, record),
    editable: isEditable(snapshot) && editRefusal(snapshot.context, viewer) === null,
    stages,
    disclosure,
    route: snapshot.context.route ? { ...snapshot.context.route, fixed: snapshot.context.routeFixedAt !== undefined } : null,
    handling: handlingOf(snapshot.context),
    followUp: { advanceCopy: advanceCopyOf(snapshot.context, record.requestingCountry as CountryCode) },
  };
}

function advanceCopyOf(context: RequestContext, requestingCountry: CountryCode): RequestRepresentation['followUp']['advanceCopy'] {
  const copy = context.advanceCopy;
  if (!copy) return null;
  const confirmedAt = copy.confirmedAt ?? null;
  // Confirmed in time: transmitted on or before the last day, on the requesting country's clock (the
  // day its deadline ends, advanceCopyDeadline): 19:00 in Guatemala on that day is in time.
  const status = !confirmedAt
    ? 'awaiting_confirmation'
    : localDate(new Date(confirmedAt), countryTimeZone(requestingCountry)) <= copy.confirmBy
      ? 'confirmed'
      : 'confirmed_late';
  return { channel: copy.channel, sentOn: copy.sentOn, reference: copy.reference, recordedAt: copy.recordedAt, confirmBy: copy.confirmBy, confirmedAt, status };
}

function handlingOf(context: RequestContext): RequestRepresentation['handling'] {
  const { executingAuthority, conditions, refusalGround } = context;
  return {
    executingAuthority: executingAuthority ?? null,
    refusalGround: refusalGround ?? null,
    conditions: conditions ? { text: conditions.text, proposedAt: conditions.proposedAt, answer: conditions.answer ?? null, answeredAt: conditions.answeredAt ?? null } : null,
  };
}
