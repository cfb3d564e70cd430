// Who takes part in the informal channel on a request. Pure: decided from the request and the user.
import type { CountryCode, WorkflowActor } from '@enlace/workflows';

export interface ChannelRequest {
  createdBy: string;
  requestingCountry: CountryCode;
  requestedCountry: CountryCode;
  sharedAt: Date | null;
}

/**
 * - `party`: reads and posts: the requesting fiscal who created the draft, and the requested
 *   country's authorized liaisons once the draft was shared with them;
 * - `reader`: reads only: the cancillería of the requesting country, which answers for what its
 *   prosecutors agreed informally before authorizing the formal request (it sees the request once
 *   submitted);
 * - null: everyone else, including the requested country's central authority (the formal channel
 *   is theirs; the informal one is between prosecutors) and supervisors. For them the conversation
 *   does not exist (404), so that its existence does not leak.
 */
export type ChannelRole = 'party' | 'reader' | null;

export function channelRole(actor: WorkflowActor, request: ChannelRequest): ChannelRole {
  if (actor.role === 'fiscal' && actor.id === request.createdBy) return 'party';
  if (
    actor.role === 'fiscal' &&
    actor.authorizedLiaison &&
    actor.country === request.requestedCountry &&
    request.sharedAt !== null
  ) {
    return 'party';
  }
  if (actor.role === 'cancilleria' && actor.country === request.requestingCountry) return 'reader';
  return null;
}
