import { and, assign, setup, type StateValueFrom } from 'xstate';
import { EVENT_CONDITIONS, hasGaps } from './request-conditions.js';
import { refusalOf, type Parties } from './request-permissions.js';
import type { ExecutionOutcome, RequestEvent } from './request.events.js';
import { deriveRoute, type Route } from '../rules/channels.js';
import type { DocumentKind } from './request.types.js';

export const REQUEST_MACHINE_ID = 'legal-assistance-request';
/**
 * Raise on any change that makes an older persisted snapshot mean something else, and give the older
 * version its upgrade in request-workflow.ts. 2: the way out follows the route (issue 13).
 */
export const REQUEST_MACHINE_VERSION = 2;

/** The documents a step of the lifecycle produces (an overdue notice comes from the stage clock). */
export type StepDocumentKind = Exclude<DocumentKind, 'overdue_notice'>;

export interface RequestContext extends Parties {
  /**
   * When the request first reached each party; visibility is decided from these. `transmittedAt`: it
   * left the requesting country (TRANSMIT, whatever the channel); `viaCancilleriaAt`: it reached the
   * requested cancillería on the diplomatic channel; `receivedAt`: it reached the requested central
   * authority (TRANSMIT between central authorities, FORWARD on the diplomatic channel).
   */
  milestones: {
    sharedAt?: string;
    submittedAt?: string;
    authorizedAt?: string;
    transmittedAt?: string;
    viaCancilleriaAt?: string;
    receivedAt?: string;
  };
  /** How many of each document the request has had, so each new one gets the next revision. */
  documentRevisions: Partial<Record<StepDocumentKind, number>>;
  outcome?: ExecutionOutcome;
  routeFixedAt?: string;
  /** The office the requested central authority gave the execution to (ASSIGN), the latest one. */
  executingAuthority?: { office: string; assignedAt: string };
  /**
   * UNTOC art. 18(26): the conditions the requested central authority proposed, and the requesting
   * side's answer (accepted conditions bind it: it "shall comply with the conditions").
   */
  conditions?: { text: string; proposedAt: string; answer?: 'accepted' | 'declined'; answeredAt?: string };
  /** The ground a refusal cited (REFUSE), one of the route's instruments' (channels.json). */
  refusalGround?: string;
  /**
   * An urgent advance copy the requesting side sent before the formal request (UNTOC art. 18(13):
   * INTERPOL; 18(14): orally, "confirmed in writing forthwith"): by which channel, when, under which
   * reference; the formal transmission confirms it, due by `confirmBy` (the route's confirmWithinDays).
   */
  advanceCopy?: AdvanceCopy;
}

export interface AdvanceCopy {
  channel: string;
  /** YYYY-MM-DD, the day it was sent. */
  sentOn: string;
  reference: string;
  recordedAt: string;
  /** YYYY-MM-DD, the last day on which the formal transmission confirms it in time. */
  confirmBy: string;
  /** When TRANSMIT confirmed it. */
  confirmedAt?: string;
}

/** What a reminder letter cites of the late stage, computed from the stage facts the runner supplied. */
export interface LateStage {
  stage: string;
  dueAt: string;
  daysLate: number;
}

export type RequestMachineInput = Parties;

type Milestone = keyof RequestContext['milestones'];

/** A side effect the machine asks for; the runner writes each one to the outbox in the same transaction. */
export type RequestEffect =
  | { type: 'renderDocument'; params: DocumentParams }
  | { type: 'notifyParties'; params: { event: RequestEvent['type'] } };

/**
 * A document to render: its kind and revision, and what of the event it prints beyond the event itself
 * (the late stage a reminder cites; a supplementary request answering a request for information).
 */
export type DocumentParams = { kind: StepDocumentKind; revision: number; overdue?: LateStage; answersInfoRequest?: boolean };

const DAY_MS = 86_400_000;

/** Whole started days since the stage was due (1 as soon as it has passed), as the overdue notice counts them. */
const lateStageOf = (event: RequestEvent): LateStage | undefined =>
  event.stage?.dueAt
    ? { stage: event.stage.state, dueAt: event.stage.dueAt, daysLate: Math.max(0, Math.ceil((Date.parse(event.at) - Date.parse(event.stage.dueAt)) / DAY_MS)) }
    : undefined;

const addDays = (day: string, days: number): string => new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

const notify = {
  type: 'notifyParties',
  params: ({ event }: { event: RequestEvent }) => ({ event: event.type }),
} as const;

/** A document-producing step: count the new revision, render it, and tell the parties. */
const produce = (kind: StepDocumentKind) =>
  [
    { type: 'countDocument', params: { kind } },
    {
      type: 'renderDocument',
      params: ({ context }: { context: RequestContext }): DocumentParams => ({
        kind,
        revision: context.documentRevisions[kind] ?? 1,
      }),
    },
    notify,
  ] as const;

// A numbered reminder letter (1, 2, 3 ... per request) citing the late stage, its due date and the days late.
const remind = [
  { type: 'countDocument', params: { kind: 'reminder_letter' } },
  {
    type: 'renderDocument',
    params: ({ context, event }: { context: RequestContext; event: RequestEvent }): DocumentParams => ({
      kind: 'reminder_letter',
      revision: context.documentRevisions.reminder_letter ?? 1,
      overdue: lateStageOf(event),
    }),
  },
  notify,
] as const;

const reach = (milestone: Milestone) => ({ type: 'reachMilestone', params: { milestone } }) as const;

/** Every transition asks this one guard: the right party, and the event's conditions met. */
const permitted = { type: 'permitted' } as const;
const withdraw = { WITHDRAW: { target: '#withdrawn', guard: permitted, actions: notify } } as const;

// The form goes to the cancillería, the route is derived anew from the bases as they stand, and a new
// revision of the standardized form is issued: from the standardized draft, or once corrected.
const submit = {
  SUBMIT: {
    target: 'pending_authorization',
    guard: permitted,
    actions: [reach('submittedAt'), { type: 'deriveRoute' }, ...produce('standardized_form')],
  },
} as const;

// The requesting side's follow-up while the requested side holds the request: a supplementary request
// through the route, numbered like every document; a reminder once the stage waiting on the requested
// side is past its deadline (the guard reads the stage clock's due date, supplied by the runner).
const supplement = {
  SEND_SUPPLEMENTARY_REQUEST: { guard: permitted, actions: produce('supplementary_request') },
} as const;
const followUp = {
  ...supplement,
  SEND_REMINDER: { guard: permitted, actions: remind },
} as const;
// Before the formal transmission, where the route's instrument allows it (channels.json `advanceCopy`).
const advanceCopy = {
  RECORD_ADVANCE_COPY: { guard: permitted, actions: [{ type: 'recordAdvanceCopy' }, notify] },
} as const;

// Nassau art. 26: a request not in order is returned promptly, with the reasons, before or after its
// receipt is acknowledged; the requesting side corrects it and submits it again through its route.
const returnForCorrection = {
  RETURN_FOR_CORRECTION: { target: 'returned_for_correction', guard: permitted, actions: notify },
} as const;

/**
 * The life of a request for mutual legal assistance, from the prosecutor's informal draft to its
 * closure (../shared/contract/http-api.md, "States and events"). Pure: actions only name effects.
 */
export const requestMachine = setup({
  types: {
    context: {} as RequestContext,
    events: {} as RequestEvent,
    input: {} as RequestMachineInput,
  },
  guards: {
    permitted: ({ context, event }) =>
      refusalOf(context, event) === null && !hasGaps(EVENT_CONDITIONS[event.type](event, context)),
    // The route fixed at AUTHORIZE decides the way out. A request authorized before routes existed
    // has none, and keeps the way it was authorized for: the cancillería sends it to the central authority.
    diplomaticRoute: ({ context }) => context.route?.channel === 'diplomatic',
  },
  actions: {
    countDocument: assign({
      documentRevisions: ({ context }, { kind }: { kind: StepDocumentKind }) => ({
        ...context.documentRevisions,
        [kind]: (context.documentRevisions[kind] ?? 0) + 1,
      }),
    }),
    reachMilestone: assign({
      milestones: ({ context, event }, { milestone }: { milestone: Milestone }) => ({
        ...context.milestones,
        [milestone]: context.milestones[milestone] ?? event.at,
      }),
    }),
    deriveRoute: assign({
      route: ({ event, context }) => deriveRoute(event.request, context.requestingCountry) ?? undefined,
      routeFixedAt: () => undefined,
    }),
    fixRoute: assign({ routeFixedAt: ({ event }) => event.at }),
    recordOutcome: assign({ outcome: ({ event }) => event.data?.outcome as ExecutionOutcome }),
    recordAssignment: assign({
      executingAuthority: ({ event }) => ({ office: String(event.data?.executingAuthority).trim(), assignedAt: event.at }),
    }),
    recordRefusalGround: assign({ refusalGround: ({ event }) => String(event.data?.ground) }),
    recordConditions: assign({ conditions: ({ event }) => ({ text: (event.comment ?? '').trim(), proposedAt: event.at }) }),
    answerConditions: assign({
      conditions: ({ context, event }, { answer }: { answer: 'accepted' | 'declined' }) =>
        context.conditions && { ...context.conditions, answer, answeredAt: event.at },
    }),
    recordAdvanceCopy: assign({
      advanceCopy: ({ context, event }) => {
        const rule = (context.route ?? deriveRoute(event.request, context.requestingCountry))?.advanceCopy;
        const sentOn = String(event.data?.sentOn);
        return {
          channel: String(event.data?.channel),
          sentOn,
          reference: String(event.data?.reference).trim(),
          recordedAt: event.at,
          confirmBy: addDays(sentOn, rule?.confirmWithinDays ?? 0),
        };
      },
    }),
    // The formal request, transmitted, confirms the advance copy (late or not: `confirmBy` says which).
    confirmAdvanceCopy: assign({
      advanceCopy: ({ context, event }) => context.advanceCopy && { ...context.advanceCopy, confirmedAt: context.advanceCopy.confirmedAt ?? event.at },
    }),
    // Effects: named here, carried out by the runner through the outbox after the transaction commits.
    renderDocument: (_, _params: DocumentParams) => {},
    notifyParties: (_, _params: { event: RequestEvent['type'] }) => {},
  },
}).createMachine({
  id: REQUEST_MACHINE_ID,
  initial: 'draft',
  // Without input only in the throwaway actor XState's pure transition() builds for every event, whose first snapshot
  // it computes and discards: reading `input.createdById` there threw a TypeError each time, whose stack cost a third
  // of the machine's decision (85 of its 270 µs an event, SHARE_DRAFT's profile). startRequest refuses a start
  // without input.
  context: ({ input }) => ({
    createdById: input?.createdById,
    requestingCountry: input?.requestingCountry,
    milestones: {},
    documentRevisions: {},
  }),
  states: {
    // The fiscal may still edit the content while the request has not gone to the cancillería.
    draft: {
      tags: ['editable'],
      on: {
        SHARE_DRAFT: { guard: permitted, actions: [reach('sharedAt'), ...produce('informal_draft')] },
        STANDARDIZE: { target: 'standardized', guard: permitted, actions: produce('informal_draft') },
        ...withdraw,
      },
    },
    standardized: {
      tags: ['editable'],
      on: { ...submit, ...advanceCopy, ...withdraw },
    },
    pending_authorization: {
      on: {
        RETURN: { target: 'standardized', guard: permitted, actions: notify },
        REJECT: { target: 'rejected', guard: permitted, actions: notify },
        AUTHORIZE: {
          target: 'authorized',
          guard: permitted,
          actions: [reach('authorizedAt'), { type: 'fixRoute' }, ...produce('authorization')],
        },
        ...advanceCopy,
        ...withdraw,
      },
    },
    // Who transmits is the route's transmitter (request-permissions.ts): the requesting central
    // authority between central authorities (UNTOC art. 18(13), Nassau art. 3, the treaties), the
    // requesting cancillería by note to its counterpart on the diplomatic channel (letters rogatory).
    authorized: {
      on: {
        TRANSMIT: [
          {
            target: 'sent_to_requested_cancilleria',
            guard: and([permitted, 'diplomaticRoute']),
            actions: [reach('transmittedAt'), reach('viaCancilleriaAt'), { type: 'confirmAdvanceCopy' }, ...produce('transmission_note')],
          },
          {
            target: 'transmitted',
            guard: permitted,
            actions: [reach('transmittedAt'), reach('receivedAt'), { type: 'confirmAdvanceCopy' }, ...produce('transmission_note')],
          },
        ],
        ...advanceCopy,
        ...withdraw,
      },
    },
    // The diplomatic channel: the requested cancillería records the note's receipt, then forwards the
    // request to its central authority, who acts on it from then on.
    sent_to_requested_cancilleria: {
      on: {
        RECORD_RECEIPT: { target: 'received_by_requested_cancilleria', guard: permitted, actions: notify },
        ...followUp,
        ...withdraw,
      },
    },
    received_by_requested_cancilleria: {
      on: {
        // Its note to the central authority lists what the requesting cancillería sent, each with its code.
        FORWARD: { target: 'transmitted', guard: permitted, actions: [reach('receivedAt'), ...produce('forwarding_note')] },
        ...followUp,
        ...withdraw,
      },
    },
    transmitted: {
      on: {
        ACKNOWLEDGE: { target: 'acknowledged', guard: permitted, actions: produce('acknowledgement') },
        ...returnForCorrection,
        ...followUp,
        ...withdraw,
      },
    },
    acknowledged: {
      on: {
        REQUEST_INFO: { target: 'info_requested', guard: permitted, actions: notify },
        // Execution in parts: each part delivered with its note and the evidence listed, in its own
        // execution report; RECORD_EXECUTION closes the execution with the final report.
        REPORT_EXECUTION_PART: { guard: permitted, actions: produce('execution_report') },
        // UNTOC art. 18(24): the requested State reports on the progress of its handling of the request.
        REPORT_PROGRESS: { guard: permitted, actions: notify },
        RECORD_EXECUTION: {
          target: 'executed',
          guard: permitted,
          actions: [{ type: 'recordOutcome' }, ...produce('execution_report')],
        },
        REFUSE: { target: 'refused', guard: permitted, actions: [{ type: 'recordRefusalGround' }, notify] },
        // The requested central authority hands the execution to the office that will carry it out
        // (a prosecutor's office, a court, the police); named again when it changes hands.
        ASSIGN: { guard: permitted, actions: [{ type: 'recordAssignment' }, notify] },
        // UNTOC art. 18(26): before refusing or postponing, the requested State consults the
        // requesting one on whether assistance may be granted subject to conditions.
        PROPOSE_CONDITIONS: { target: 'conditions_proposed', guard: permitted, actions: [{ type: 'recordConditions' }, notify] },
        // UNTOC art. 18(25): execution may be postponed where it would interfere with an ongoing
        // investigation, prosecution or proceeding; the reason and the date are told to the requester.
        POSTPONE: { target: 'postponed', guard: permitted, actions: notify },
        ...returnForCorrection,
        ...followUp,
        ...withdraw,
      },
    },
    // The requesting side answers the conditions; either way the requested central authority goes on:
    // it executes under the accepted conditions, or, declined, may still execute, postpone or refuse.
    conditions_proposed: {
      on: {
        ACCEPT_CONDITIONS: { target: 'acknowledged', guard: permitted, actions: [{ type: 'answerConditions', params: { answer: 'accepted' } }, notify] },
        DECLINE_CONDITIONS: { target: 'acknowledged', guard: permitted, actions: [{ type: 'answerConditions', params: { answer: 'declined' } }, notify] },
        ...supplement,
        ...withdraw,
      },
    },
    postponed: {
      on: {
        RESUME: { target: 'acknowledged', guard: permitted, actions: notify },
        ...followUp,
        ...withdraw,
      },
    },
    // Returned by the requested central authority with its reasons: the fiscal corrects the content and
    // submits it again, to the cancillería and along the route as the first time.
    returned_for_correction: {
      tags: ['editable'],
      on: { ...submit, ...withdraw },
    },
    info_requested: {
      on: {
        SUPPLY_INFO: { target: 'acknowledged', guard: permitted, actions: notify },
        // The answer as a supplementary request through the route, with its own document.
        SEND_SUPPLEMENTARY_REQUEST: {
          target: 'acknowledged',
          guard: permitted,
          actions: [
            { type: 'countDocument', params: { kind: 'supplementary_request' } },
            {
              type: 'renderDocument',
              params: ({ context }: { context: RequestContext }): DocumentParams => ({
                kind: 'supplementary_request',
                revision: context.documentRevisions.supplementary_request ?? 1,
                answersInfoRequest: true,
              }),
            },
            notify,
          ],
        },
        ...withdraw,
      },
    },
    // Executed is no longer open: the evidence has been gathered, and only its closure remains.
    executed: {
      on: { CLOSE: { target: 'closed', guard: permitted, actions: notify } },
    },
    closed: { type: 'final' },
    rejected: { type: 'final' },
    refused: { type: 'final' },
    withdrawn: { id: 'withdrawn', type: 'final' },
  },
});

export type RequestMachine = typeof requestMachine;
// Read off the machine's typed states: `config.states` is typed loosely, and keyof it gave `never`.
export type RequestState = StateValueFrom<RequestMachine> & string;
