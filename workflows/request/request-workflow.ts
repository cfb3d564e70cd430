import { initialTransition, transition, type SnapshotFrom } from 'xstate';
import { EVENT_CONDITIONS, OFFERED_WHEN, hasGaps, submitGaps, type Gaps } from './request-conditions.js';
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
  // The machine's context reads its input leniently (XState's pure transition() computes a throwaway first snapshot
  // without one): a request is started here, and only with both parties.
  if (!input?.createdById || !input.requestingCountry) throw new Error('A request is started with the fiscal who creates it and the requesting country');
  const [snapshot] = initialTransition(requestMachine, input);
  return { state: snapshot.value as RequestState, persisted: persist(snapshot) };
}

type StoredSnapshot = { value?: unknown; context?: Record<string, unknown> } & Record<string, unknown>;

/**
 * How a snapshot written by an older version of the machine reads in this one, version by version.
 * Each step is pure and tested against snapshots that version really wrote (fixtures/v1-snapshots.json).
 */
const UPGRADES: Readonly<Record<number, (snapshot: StoredSnapshot) => StoredSnapshot>> = {
  // Version 1 knew one way out: TRANSMIT took the request straight to the requested central authority.
  // Every state of version 1 is a state of version 2 with the same meaning, so the snapshot keeps its
  // state; what changes is that a transmitted request was, by then, also received by the requested
  // central authority (`receivedAt`). A request authorized under version 1 and not yet transmitted
  // follows its route from now on (its central authority transmits where the route runs between
  // central authorities); one without a route keeps the cancillería's transmission. `authorizedAt`
  // was not recorded by version 1: the `authorized_at` column, filled from the history, carries it.
  1: (snapshot) => {
    const context = (snapshot.context ?? {}) as { milestones?: Record<string, string | undefined> } & Record<string, unknown>;
    const milestones = { ...(context.milestones ?? {}) };
    if (milestones.transmittedAt && !milestones.receivedAt) milestones.receivedAt = milestones.transmittedAt;
    return { ...snapshot, context: { ...context, milestones } };
  },
};

/** The oldest version whose snapshots this release still restores. */
export const OLDEST_RESTORABLE_VERSION = 1;

export function restoreRequest(persisted: PersistedWorkflow): RequestSnapshot {
  const version = persisted.machineVersion;
  if (persisted.machineId !== REQUEST_MACHINE_ID || !Number.isInteger(version) || version < OLDEST_RESTORABLE_VERSION || version > REQUEST_MACHINE_VERSION) {
    throw new UnknownMachineVersionError(persisted);
  }
  let stored = persisted.snapshot as StoredSnapshot;
  for (let from = version; from < REQUEST_MACHINE_VERSION; from++) stored = UPGRADES[from](stored);
  const snapshot = requestMachine.resolveState(stored as Parameters<typeof requestMachine.resolveState>[0]);
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
    const gaps = EVENT_CONDITIONS[event.type](event, snapshot.context);
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
 * are left out on purpose: a SUBMIT still blocked by gaps is offered, and `missing` says what blocks it;
 * only an event that a fact of the request rules out is not offered (OFFERED_WHEN).
 */
export function availableEvents(snapshot: RequestSnapshot, actor: WorkflowActor, request: RequestFields): RequestEventType[] {
  const accepted = eventsOfState(snapshot);
  return REQUEST_EVENT_TYPES.filter(
    (type) =>
      accepted.has(type) &&
      refusalOf(snapshot.context, { type, actor, request, at: '' }) === null &&
      (OFFERED_WHEN[type]?.(request, snapshot.context) ?? true),
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
