import type { CountryCode, RequestFields } from './request.types.js';

export const ROLES = ['fiscal', 'cancilleria', 'central_authority', 'supervisor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who sends an event, as the server established it (never as the client claims it). */
export interface WorkflowActor {
  id: string;
  role: Role;
  country: CountryCode | null;
  /** An authorized liaison whose authorization has not expired or been revoked (fiscales only). */
  authorizedLiaison: boolean;
}

export const REQUEST_EVENT_TYPES = [
  'SHARE_DRAFT',
  'STANDARDIZE',
  'SUBMIT',
  'RETURN',
  'REJECT',
  'AUTHORIZE',
  'TRANSMIT',
  'RECORD_RECEIPT',
  'FORWARD',
  'ACKNOWLEDGE',
  'ASSIGN',
  'PROPOSE_CONDITIONS',
  'ACCEPT_CONDITIONS',
  'DECLINE_CONDITIONS',
  'REQUEST_INFO',
  'SUPPLY_INFO',
  'SEND_SUPPLEMENTARY_REQUEST',
  'SEND_REMINDER',
  'RECORD_ADVANCE_COPY',
  'REPORT_EXECUTION_PART',
  'RECORD_EXECUTION',
  'REFUSE',
  'RETURN_FOR_CORRECTION',
  'POSTPONE',
  'REPORT_PROGRESS',
  'RESUME',
  'CLOSE',
  'WITHDRAW',
] as const;
export type RequestEventType = (typeof REQUEST_EVENT_TYPES)[number];

/**
 * An event as the machine receives it: what was asked, by whom, when, and the request's fields as
 * they stand, so that every guard decides from the event alone and the machine stays pure.
 */
export interface RequestEvent {
  type: RequestEventType;
  actor: WorkflowActor;
  at: string;
  comment?: string;
  data?: Record<string, unknown>;
  request: RequestFields;
  /**
   * The stage the request waits in, as the runner read it from the stage clock (request_stages), for
   * the events whose guard depends on it (STAGE_EVENTS): when it is due on the responsible office's
   * working-day calendar, and on which side. The machine never reads the wall clock.
   */
  stage?: StageFacts;
}

export interface StageFacts {
  state: string;
  /** ISO date-time; null for a stage without a deadline. */
  dueAt: string | null;
  responsible: 'requesting' | 'requested' | null;
}

/** The events the runner supplies the stage's facts for (one more read, paid by these alone). */
export const STAGE_EVENTS: readonly RequestEventType[] = ['SEND_REMINDER'];

export const EXECUTION_OUTCOMES = ['total', 'partial'] as const;
export type ExecutionOutcome = (typeof EXECUTION_OUTCOMES)[number];
