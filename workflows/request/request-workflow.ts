import { initialTransition, transition, type SnapshotFrom } from 'xstate';
import { EVENT_CONDITIONS, hasGaps, submitGaps, type Gaps } from './request-conditions.js';
import { refusalOf, type Refusal } from './request-permissions.js';
import { REQUEST_EVENT_TYPES, type RequestEvent, type RequestEventType, type WorkflowActor } from './request.events.js';
import {
  REQUEST_MACHINE_ID,
  REQUEST_MACHINE_VERSION,
  requestMachine,
  type RequestContext,
  type RequestEffect,
  type RequestMachineInput,
  type RequestState,
  type StepDocumentKind,
} from './request.machine.js';
import type { RequestFields } from './request.types.js';

export type RequestSnapshot = SnapshotFrom<typeof requestMachine>;

/** What is stored: a snapshot means nothing without the machine and version that made it. */
export interface PersistedWorkflow {
  machineId: string;
  machineVersion: number;
  snapshot: unknown;
}

export class UnknownMachineVersionError extends Error {
  constructor(readonly persisted: Pick<PersistedWorkflow, 'machineId' | 'machineVersion'>) {
    super(
      `Stored workflow ${persisted.machineId}@${persisted.machineVersion} cannot be restored by ` +
        `${REQUEST_MACHINE_ID}@${REQUEST_MACHINE_VERSION}`,
    );
  }
}

export type Decision =
  | { ok: true; state: RequestState; persisted: PersistedWorkflow; context: RequestContext; effects: RequestEffect[] }
  | { ok: false; reason: 'invalid_transition' | Refusal }
  | { ok: false; reason: 'incomplete_request' | 'rule_violation'; gaps: Gaps };

export function persist(snapshot: RequestSnapshot): PersistedWorkflow {
  return {
    machineId: REQUEST_MACHINE_ID,
    machineVersion: REQUEST_MACHINE_VERSION,
    snapshot: requestMachine.getPersistedSnapshot(snapshot),
  };
}

export function startRequest(input: RequestMachineInput): { state: RequestState; persisted: PersistedWorkflow } {
  const [snapshot] = initialTransition(requestMachine, input);
  return { state: snapshot.value as RequestState, persisted: persist(snapshot) };
}

export function restoreRequest(persisted: PersistedWorkflow): RequestSnapshot {
  if (persisted.machineId !== REQUEST_MACHINE_ID || persisted.machineVersion !== REQUEST_MACHINE_VERSION) {
    throw new UnknownMachineVersionError(persisted);
  }
  const snapshot = requestMachine.resolveState(persisted.snapshot as Parameters<typeof requestMachine.resolveState>[0]);
  if (snapshot.status === 'error') throw new UnknownMachineVersionError(persisted);
  return snapshot;
}

/** The events the current state has a transition for, whoever asks. */
function eventsOfState(snapshot: RequestSnapshot): Set<string> {
  return new Set(snapshot._nodes.flatMap((node) => [...node.ownEvents]));
}

/**
 * Decide an event against a restored snapshot: the next state and its effects, or why not. The
 * reasons come from the same permission and condition tables the machine's guard asks, so the
 * answer to "why not" cannot drift from the machine.
 */
export function decide(snapshot: RequestSnapshot, event: RequestEvent): Decision {
  if (!eventsOfState(snapshot).has(event.type)) return { ok: false, reason: 'invalid_transition' };
  if (!snapshot.can(event)) {
    const refusal = refusalOf(snapshot.context, event);
    if (refusal) return { ok: false, reason: refusal };
    const gaps = EVENT_CONDITIONS[event.type](event, snapshot.context.requestingCountry);
    if (hasGaps(gaps)) {
      return { ok: false, reason: gaps.missing.length > 0 ? 'incomplete_request' : 'rule_violation', gaps };
    }
    return { ok: false, reason: 'invalid_transition' };
  }
  const [next, actions] = transition(requestMachine, snapshot, event);
  const effects = actions
    .filter((action) => action.type === 'renderDocument' || action.type === 'notifyParties')
    .map((action) => ({ type: action.type, params: action.params }) as RequestEffect);
  return { ok: true, state: next.value as RequestState, persisted: persist(next), context: next.context, effects };
}

/**
 * The events this user may send now: those the state accepts and this party may send. Conditions
 * are left out on purpose: a SUBMIT still blocked by gaps is offered, and `missing` says what blocks it.
 */
export function availableEvents(snapshot: RequestSnapshot, actor: WorkflowActor, request: RequestFields): RequestEventType[] {
  const accepted = eventsOfState(snapshot);
  return REQUEST_EVENT_TYPES.filter(
    (type) => accepted.has(type) && refusalOf(snapshot.context, { type, actor, request, at: '' }) === null,
  );
}

/** What still blocks SUBMIT; empty when the request is complete. */
export function missingForSubmit(request: RequestFields, context: Pick<RequestContext, 'requestingCountry'>): string[] {
  return submitGaps(request, context.requestingCountry).missing;
}

/**
 * The rules SUBMIT would find broken today (legal basis for the pair, language and translation, an
 * urgent date already past), so that a page lists them beside `missing` before the fiscal tries.
 */
export function violationsForSubmit(request: RequestFields, context: Pick<RequestContext, 'requestingCountry'>, today: string): { field: string; rule: string }[] {
  return submitGaps(request, context.requestingCountry, today).violations;
}

/** Whether the creating fiscal may still change the content (PATCH). */
export const isEditable = (snapshot: RequestSnapshot): boolean => snapshot.hasTag('editable');

export const isFinalState = (snapshot: RequestSnapshot): boolean => snapshot.status === 'done';

/**
 * The document an event produces from a state, read off the machine's own transition (its
 * countDocument action), so that a page can say what a button will issue before it is pressed.
 */
export function documentProducedBy(state: string, event: string): StepDocumentKind | null {
  type Config = { actions?: unknown };
  const node = (requestMachine.config.states as Record<string, { on?: Record<string, Config | Config[]> }> | undefined)?.[state];
  const configs = [node?.on?.[event] ?? []].flat();
  // A guarded event (TRANSMIT, by route) has several transitions; they issue the same document.
  const list = configs.flatMap((config) => [config.actions].flat()) as { type?: string; params?: { kind?: StepDocumentKind } }[];
  return list.find((action) => action?.type === 'countDocument')?.params?.kind ?? null;
}
