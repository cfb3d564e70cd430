import { dateIn, type CountryCode, type Role, type WorkflowActor } from '@enlace/workflows';
import type { UserEntity } from '@enlace/persistence';

/** The signed-in user as every service sees it, read fresh from the directory on each request. */
export interface Principal extends WorkflowActor {
  email: string;
  name: string;
  office: string | null;
  /** The role requires a second factor and none is enrolled: only the enrolment routes are open. */
  mustEnrolSecondFactor?: boolean;
}

/**
 * A fiscal acts as liaison only while the cancillería's authorization stands: authorized, and not
 * past its end date in the fiscal's own country (the CRM plan: liaisons authorized beforehand by the
 * foreign ministries).
 */
export function isAuthorizedLiaison(user: Pick<UserEntity, 'role' | 'country' | 'liaisonStatus' | 'liaisonValidUntil'>, now: Date): boolean {
  if (user.role !== 'fiscal' || user.liaisonStatus !== 'authorized') return false;
  return user.liaisonValidUntil === null || user.liaisonValidUntil >= dateIn(user.country, now);
}

export function toPrincipal(user: UserEntity, now: Date): Principal {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role as Role,
    country: user.country as CountryCode | null,
    office: user.office,
    authorizedLiaison: isAuthorizedLiaison(user, now),
  };
}
