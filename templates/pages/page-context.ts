import type { CountryCode, Language } from '../../workflows/request/request.types.js';

/** The signed-in user as a page shows them. */
export interface PageUser {
  name: string;
  role: string;
  country: CountryCode | null;
  office: string | null;
}

/** What every page knows besides its own view model: who, in which language, and the form token. */
export interface PageContext {
  lang: Language;
  /** The path of this page, to come back to after changing the language. */
  path: string;
  /** The CSRF token every form of the page carries. */
  csrf: string;
  user: PageUser | null;
  /** Notifications not read yet, shown beside the user's name. */
  unread: number;
  /** The IANA time zone of the user's country: every date and time of the page is written in it. */
  timeZone: string;
}

/** A field the server refused, as the error summary and the field itself show it. */
export interface FieldError {
  /** The form field's id, so the summary links to it. */
  field: string;
  message: string;
}
