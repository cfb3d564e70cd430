// The vocabulary of turnaround: which states are stages a request waits in, and which exits are
// decisions. Read from the machine and the service levels, never re-declared beside them.
import { SERVICE_LEVEL_STAGES, isIsoDate, requestMachine, type RequestFields, type RequestState } from '@enlace/workflows';

/**
 * The states a request waits in, in the machine's order: every state but the final ones (a closed,
 * rejected, refused or withdrawn request waits for nobody).
 */
export const STAGES: readonly RequestState[] = Object.entries(requestMachine.config.states ?? {})
  .filter(([, node]) => (node as { type?: string }).type !== 'final')
  .map(([state]) => state as RequestState);

export const isStage = (state: string): boolean => (STAGES as readonly string[]).includes(state);

/** The stages with a service level, hence a deadline. */
export const DEADLINE_STAGES: readonly string[] = SERVICE_LEVEL_STAGES;

/**
 * The cancillería's decisions on a submitted request. A request leaves `pending_authorization` for
 * good unless RETURNed, so "returned at least once" is "its first submission was returned".
 */
export const CANCILLERIA_DECISIONS = ['AUTHORIZE', 'RETURN', 'REJECT'] as const;
export const RETURN_EVENT = 'RETURN';
/** The requested central authority's decisions on an acknowledged request. */
export const AUTHORITY_DECISIONS = ['RECORD_EXECUTION', 'REFUSE'] as const;
export const REFUSE_EVENT = 'REFUSE';

/** The exits the figures count as decisions, as the persistence layer takes them. */
export const DECISION_EVENTS = { firstVisit: CANCILLERIA_DECISIONS, returned: RETURN_EVENT, any: AUTHORITY_DECISIONS, refused: REFUSE_EVENT };

/** The state an event leaves, as the machine says (each of these events leaves exactly one state). */
function stateLeftBy(event: string): string {
  const [state] = Object.entries(requestMachine.config.states ?? {}).find(([, node]) => event in ((node as { on?: object }).on ?? {})) ?? [];
  if (!state) throw new Error(`No state of the request machine is left by ${event}`);
  return state;
}

/** Where the cancillería decides (the stage the returned share belongs to) and the central authority. */
export const CANCILLERIA_DECISION_STAGE = stateLeftBy(RETURN_EVENT);
export const AUTHORITY_DECISION_STAGE = stateLeftBy(REFUSE_EVENT);

/** The kinds of measure a request seeks, once each, sorted. */
export function measureTypesOf(fields: RequestFields): string[] {
  return [...new Set((Array.isArray(fields.measures) ? fields.measures : []).map((m) => m?.type).filter((t): t is NonNullable<typeof t> => typeof t === 'string'))].sort();
}

/** The urgent request's date needed, when it is urgent and the date is a real one. */
export function urgentDeadlineOf(fields: RequestFields): string | undefined {
  const urgency = fields.urgency;
  return urgency?.urgent === true && typeof urgency.deadline === 'string' && isIsoDate(urgency.deadline) ? urgency.deadline : undefined;
}
