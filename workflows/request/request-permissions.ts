import type { RequestEvent, RequestEventType, WorkflowActor } from './request.events.js';
import { deriveRoute, type Route } from '../rules/channels.js';
import type { CountryCode } from './request.types.js';

/** What the machine remembers of the parties, so that it can tell who may act without I/O. */
export interface Parties {
  createdById: string;
  requestingCountry: CountryCode;
  /** The way the request travels: derived at SUBMIT from its bases and pair, fixed at AUTHORIZE. */
  route?: Route;
}

export type Refusal = 'forbidden' | 'liaison_not_authorized';

type Party = (actor: WorkflowActor, parties: Parties, event: RequestEvent) => boolean;

const creatingFiscal: Party = (actor, parties) => actor.role === 'fiscal' && actor.id === parties.createdById;

// The cancillería of the requesting State decides whether a request leaves through the formal
// channel: the CRM plan asks that formalization pass through the foreign ministries. Whoever drafted
// the request never decides on it, whatever role their account later holds (segregation of duties).
const requestingCancilleria: Party = (actor, parties) =>
  actor.role === 'cancilleria' && actor.country === parties.requestingCountry && actor.id !== parties.createdById;

// Only the central authority designated by the requested State (UNTOC art. 18(13)) receives,
// executes or refuses.
const requestedCentralAuthority: Party = (actor, _parties, event) =>
  actor.role === 'central_authority' && actor.country !== null && actor.country === event.request.requestedCountry;

// The requesting State's central authority sends the request where its route runs between central
// authorities (UNTOC art. 18(13), Nassau art. 3, the bilateral treaties).
const requestingCentralAuthority: Party = (actor, parties) =>
  actor.role === 'central_authority' && actor.country === parties.requestingCountry && actor.id !== parties.createdById;

// Who transmits is the route's transmitter. A request authorized before routes existed has none and
// keeps the way it was authorized for: its cancillería sends it.
const routeTransmitter: Party = (actor, parties, event) =>
  parties.route?.transmitter.role === 'central_authority'
    ? requestingCentralAuthority(actor, parties, event)
    : requestingCancilleria(actor, parties, event);

// On the diplomatic channel the requested State's foreign ministry receives the note and hands the
// request to its central authority (letters rogatory: requesting cancillería -> requested cancillería).
const requestedCancilleria: Party = (actor, _parties, event) =>
  actor.role === 'cancilleria' && actor.country !== null && actor.country === event.request.requestedCountry;

// UNTOC art. 18(26): conditions the requested State proposes are answered by the requesting State,
// through the way the request came: its central authority where the route runs between central
// authorities, else the fiscal who drafted it (letters rogatory, or a request authorized before routes).
const requestingAnswerer: Party = (actor, parties, event) =>
  parties.route?.channel === 'central_authority' ? requestingCentralAuthority(actor, parties, event) : creatingFiscal(actor, parties, event);

// The requesting side's follow-up travels the request's way: the route's transmitter sends a
// supplementary request or a reminder as it sent the request (UNTOC art. 18(13); on the diplomatic
// channel, the cancillería's note). An urgent advance copy may be recorded by the fiscal who drafted
// the request too: it leaves before the formal request is ready (art. 18(13) INTERPOL, 18(14) oral).
// Before SUBMIT the request has no route yet: its transmitter is the one its bases would give it.
const requestingSide: Party = (actor, parties, event) =>
  creatingFiscal(actor, parties, event) ||
  routeTransmitter(actor, { ...parties, route: parties.route ?? deriveRoute(event.request, parties.requestingCountry) ?? undefined }, event);

interface Permission {
  party: Party;
  /**
   * The CRM plan (Axis 2, Action 2): only liaisons authorized beforehand by their cancillería act for
   * their office. Revocation means revocation: a fiscal whose authorization was revoked or has expired
   * sends no event at all, not even a withdrawal, a reply or a closure, whatever token they still hold;
   * they keep reading their own requests (the contract's extension in the README says what).
   */
  liaisonOnly?: boolean;
}

export const EVENT_PERMISSIONS: Record<RequestEventType, Permission> = {
  SHARE_DRAFT: { party: creatingFiscal, liaisonOnly: true },
  STANDARDIZE: { party: creatingFiscal, liaisonOnly: true },
  SUBMIT: { party: creatingFiscal, liaisonOnly: true },
  RETURN: { party: requestingCancilleria },
  REJECT: { party: requestingCancilleria },
  AUTHORIZE: { party: requestingCancilleria },
  TRANSMIT: { party: routeTransmitter },
  RECORD_RECEIPT: { party: requestedCancilleria },
  FORWARD: { party: requestedCancilleria },
  ACKNOWLEDGE: { party: requestedCentralAuthority },
  ASSIGN: { party: requestedCentralAuthority },
  PROPOSE_CONDITIONS: { party: requestedCentralAuthority },
  ACCEPT_CONDITIONS: { party: requestingAnswerer, liaisonOnly: true },
  DECLINE_CONDITIONS: { party: requestingAnswerer, liaisonOnly: true },
  REQUEST_INFO: { party: requestedCentralAuthority },
  SUPPLY_INFO: { party: creatingFiscal, liaisonOnly: true },
  SEND_SUPPLEMENTARY_REQUEST: { party: routeTransmitter },
  SEND_REMINDER: { party: routeTransmitter },
  RECORD_ADVANCE_COPY: { party: requestingSide, liaisonOnly: true },
  RECORD_EXECUTION: { party: requestedCentralAuthority },
  REFUSE: { party: requestedCentralAuthority },
  RETURN_FOR_CORRECTION: { party: requestedCentralAuthority },
  REPORT_EXECUTION_PART: { party: requestedCentralAuthority },
  POSTPONE: { party: requestedCentralAuthority },
  REPORT_PROGRESS: { party: requestedCentralAuthority },
  RESUME: { party: requestedCentralAuthority },
  CLOSE: { party: creatingFiscal, liaisonOnly: true },
  WITHDRAW: { party: creatingFiscal, liaisonOnly: true },
};

/** Why this actor may not send this event, or null when they may. */
export function refusalOf(parties: Parties, event: RequestEvent): Refusal | null {
  const permission = EVENT_PERMISSIONS[event.type];
  if (!permission.party(event.actor, parties, event)) return 'forbidden';
  // Liaison authorization is a fiscal's: an officer answering for its office holds none.
  if (permission.liaisonOnly && event.actor.role === 'fiscal' && !event.actor.authorizedLiaison) return 'liaison_not_authorized';
  return null;
}

/** Why this actor may not change the content of the request (PATCH), or null when they may. */
export function editRefusal(parties: Parties, actor: WorkflowActor): Refusal | null {
  if (actor.role !== 'fiscal' || actor.id !== parties.createdById) return 'forbidden';
  return actor.authorizedLiaison ? null : 'liaison_not_authorized';
}
