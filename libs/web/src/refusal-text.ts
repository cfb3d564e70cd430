import { CODE_OF_STATUS, DomainError, ErrorCode, isUnsafeTextRule } from '@enlace/core';
import { ui, type FieldError, type PageContext, type UiKey } from '@enlace/pages';

/**
 * What a form says when the service refuses its action, for every code the service can answer: a code
 * added without words here does not compile, so no refusal reaches a page in the server's English.
 */
const REFUSAL_TEXT: Record<ErrorCode, UiKey> = {
  [ErrorCode.ValidationFailed]: 'refusal_validation_failed',
  [ErrorCode.Unauthorized]: 'refusal_unauthorized',
  [ErrorCode.Forbidden]: 'refusal_forbidden',
  [ErrorCode.LiaisonNotAuthorized]: 'refusal_liaison_not_authorized',
  [ErrorCode.NotFound]: 'notFoundText',
  [ErrorCode.VersionConflict]: 'refusal_version_conflict',
  [ErrorCode.InvalidTransition]: 'refusal_invalid_transition',
  [ErrorCode.PayloadTooLarge]: 'refusal_payload_too_large',
  [ErrorCode.UnsupportedMediaType]: 'refusal_unsupported_media_type',
  [ErrorCode.IncompleteRequest]: 'refusal_incomplete_request',
  [ErrorCode.RuleViolation]: 'refusal_rule_violation',
  [ErrorCode.TooManyRequests]: 'refusal_too_many_requests',
  [ErrorCode.Unavailable]: 'unavailableText',
  [ErrorCode.IdempotencyKeyReused]: 'refusal_idempotency_key_reused',
  [ErrorCode.AlreadyExists]: 'refusal_already_exists',
  [ErrorCode.SecondFactorEnrollmentRequired]: 'refusal_second_factor_enrollment_required',
};

/** Broken rules a page can name precisely (the service lists them in details.violations). */
const VIOLATION_TEXT: Readonly<Record<string, UiKey>> = {
  not_self: 'refusal_not_self',
};

function textOf(error: DomainError): UiKey {
  const violations = Array.isArray(error.details.violations) ? (error.details.violations as { rule?: unknown }[]) : [];
  const named = violations.map((v) => (typeof v.rule === 'string' && Object.hasOwn(VIOLATION_TEXT, v.rule) ? VIOLATION_TEXT[v.rule] : undefined)).find(Boolean);
  return named ?? REFUSAL_TEXT[error.code];
}

/** A refusal's words in the page's language (a form's, beside what the user typed). */
export const refusalText = (lang: PageContext['lang'], error: DomainError): string => ui(lang, textOf(error));

/** The fields a refusal names (details.fields: each rule a field broke), as the service listed them. */
export const refusedFields = (error: DomainError): { field: string; rule?: string }[] =>
  Array.isArray(error.details.fields) ? (error.details.fields as { field: string; rule?: string }[]) : [];

/** Each field a refusal names once, by the first rule it broke (an e-mail of 301 characters is no address and too long). */
export const refusedOnce = (error: DomainError): { field: string; rule?: string }[] =>
  refusedFields(error).filter((f, i, all) => all.findIndex((o) => o.field === f.field) === i);

/** One field's refusal beside its control: 'label: problem', or the problem alone for a field with no label. */
export const fieldRefusal = (lang: PageContext['lang'], field: string, label: UiKey | undefined, problem: UiKey): FieldError => ({
  field,
  message: label ? `${ui(lang, label)}: ${ui(lang, problem)}` : ui(lang, problem),
});

/** The words of a rule a form can name; any other rule broken reads 'not valid'. */
const RULE_TEXT: Readonly<Record<string, UiKey>> = { required: 'fieldRequired', taken: 'emailTaken' };

/**
 * The fields a refusal names, each once and each worded the same way on every form: a field that broke
 * two rules (an e-mail of 301 characters is no address and too long) is named by the first; an invisible
 * character is said as removed.
 */
export function fieldRefusals(lang: PageContext['lang'], error: DomainError, labels: Partial<Record<string, UiKey>>): FieldError[] {
  return refusedOnce(error).map(({ field, rule }) => fieldRefusal(lang, field, labels[field], isUnsafeTextRule(rule) ? 'controlCharacterRemoved' : rule && Object.hasOwn(RULE_TEXT, rule) ? RULE_TEXT[rule] : 'fieldInvalid'));
}

/**
 * What an error page says. A whole page speaks more broadly than a form: a refused address or form,
 * a page not allowed. A refusal raised before any page ran (Fastify's: a body over the limit, a content
 * type no page takes) has a status alone, read as the API reads it (CODE_OF_STATUS).
 */
const PAGE_TEXT: Partial<Record<ErrorCode, UiKey>> = {
  [ErrorCode.ValidationFailed]: 'badRequestText',
  [ErrorCode.Forbidden]: 'forbiddenText',
  [ErrorCode.LiaisonNotAuthorized]: 'notALiaisonText',
};

export function errorPageText(lang: PageContext['lang'], error: unknown, status: number): string {
  if (error instanceof DomainError) return ui(lang, PAGE_TEXT[error.code] ?? textOf(error));
  const code = CODE_OF_STATUS[status];
  return ui(lang, code ? (PAGE_TEXT[code] ?? REFUSAL_TEXT[code]) : status < 500 ? 'badRequestText' : 'serverErrorText');
}
