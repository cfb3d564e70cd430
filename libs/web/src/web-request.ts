import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '@enlace/auth';
import type { PageContext } from '@enlace/pages';

/** The names of the cookies a browser holds for Enlace. */
export const COOKIES = {
  /** The signed session token (the same kind the API issues), HttpOnly, SameSite=Lax. */
  session: 'enlace_session',
  /** The secret the forms' CSRF tokens are derived from (signed double submit). */
  csrf: 'enlace_csrf',
  /** The language the user chose on a page. */
  lang: 'enlace_lang',
} as const;

/** A form's fields: one value, or several for repeated names (checkboxes). */
export type FormFields = Record<string, string | string[] | undefined>;

/** A page request once the page guard has run. */
export type PageRequest = FastifyRequest & {
  principal?: Principal;
  page?: PageContext;
};

export type PageReply = FastifyReply;
