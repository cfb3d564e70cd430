// The lifecycle of a liaison prosecutor in the directory of focal points. The CRM plan (Axis 2,
// Action 2) wants liaisons "authorized beforehand by the cancillerías", and (Axis 1, Action 4) a
// directory kept current with prompt notice of changes and removals. Pure: no Nest, no database.
import type { CountryCode, Role, WorkflowActor } from '@enlace/workflows';
import type { DirectoryEvent, DirectoryStatus, LiaisonStatus } from '@enlace/persistence';

/** A liaison's standing: the stored status, with `expired` derived from the end date. */
export type Standing = DirectoryStatus | 'none';

/**
 * An authorization stands through its end date (`validUntil` is the last day on which the liaison
 * may act) and is `expired` from the next day on, without anyone having to record it. `today` is the
 * date in the liaison's own country (dateIn, as isAuthorizedLiaison reads it): "until 31 March" runs
 * to midnight in Guatemala City, not to 18:00 there (UTC's midnight).
 */
export function standingOf(status: LiaisonStatus, validUntil: string | null, today: string): Standing {
  if (status === 'authorized' && validUntil !== null && validUntil < today) return 'expired';
  return status;
}

/** A stored status that puts someone in the directory. */
export type ListedStatus = Exclude<LiaisonStatus, 'none'>;

/** What a lifecycle step does to the stored status, from each standing it may be taken in. */
const TRANSITIONS: Record<Exclude<DirectoryEvent, 'EXPIRE'>, { from: readonly Standing[]; to: ListedStatus }> = {
  // A proposal of the specialized office: for someone not (or no longer) a liaison. Nominating an
  // authorized liaison would silently suspend them; a nominee is already nominated.
  NOMINATE: { from: ['none', 'revoked', 'expired'], to: 'nominated' },
  // The cancillería's authorization is the act that matters. It usually answers a nomination, but the
  // cancillería may also authorize on its own initiative (a liaison designated to it by diplomatic
  // note), reinstate a revoked one, or renew or change the end date of a standing authorization.
  AUTHORIZE: { from: ['none', 'nominated', 'authorized', 'revoked', 'expired'], to: 'authorized' },
  // A withdrawal of the authorization, or the refusal of a nomination, with reasons.
  REVOKE: { from: ['nominated', 'authorized', 'expired'], to: 'revoked' },
};

export type ManualDirectoryEvent = keyof typeof TRANSITIONS;

/** The stored status after `event`, or null when the event makes no sense from this standing (409). */
export function nextStatus(event: ManualDirectoryEvent, standing: Standing): ListedStatus | null {
  const transition = TRANSITIONS[event];
  return transition.from.includes(standing) ? transition.to : null;
}

export interface Subject {
  role: Role;
  country: CountryCode | null;
}

/**
 * Who may take each step, for a fiscal of `subject.country`:
 * - NOMINATE: the platform's administrator (who manages the directory), or the supervisor of the
 *   fiscal's own country (the head of the specialized office to which liaisons report, Axis 2 Action 1);
 * - AUTHORIZE and REVOKE: an officer of the cancillería of the fiscal's own country, and only there:
 *   a foreign ministry answers for its own state's liaisons.
 * Returns false for anyone else (403).
 */
export function mayTake(event: ManualDirectoryEvent, actor: Pick<WorkflowActor, 'role' | 'country'>, subject: Subject): boolean {
  if (subject.country === null) return false;
  switch (event) {
    case 'NOMINATE':
      return actor.role === 'admin' || (actor.role === 'supervisor' && actor.country === subject.country);
    case 'AUTHORIZE':
    case 'REVOKE':
      return actor.role === 'cancilleria' && actor.country === subject.country;
  }
}

/** The roles that may take `event` at all, whatever the country (for a 403 before looking anyone up). */
export function rolesFor(event: ManualDirectoryEvent): readonly Role[] {
  return event === 'NOMINATE' ? ['admin', 'supervisor'] : ['cancilleria'];
}

/**
 * The directory of focal points is read by every signed-in user (its point is that prosecutors,
 * ministries and central authorities of all member countries find each other) and by the admin who
 * manages it. The history of one person, with the reasons for a revocation, is for those who answer
 * for that person: the person, the admin, and the cancillería and supervisor of their country.
 */
export function mayReadHistory(actor: Pick<WorkflowActor, 'id' | 'role' | 'country'>, subject: Subject & { id: string }): boolean {
  if (actor.id === subject.id || actor.role === 'admin') return true;
  return (actor.role === 'cancilleria' || actor.role === 'supervisor') && actor.country === subject.country;
}

/** Whether the liaison may read the drafts shared with their country, at this standing. */
export const isActive = (standing: Standing): boolean => standing === 'authorized';
