/** The error codes of the HTTP contract ("Errors"); one filter maps each to its status. */
export enum ErrorCode {
  ValidationFailed = 'validation_failed',
  Unauthorized = 'unauthorized',
  Forbidden = 'forbidden',
  LiaisonNotAuthorized = 'liaison_not_authorized',
  NotFound = 'not_found',
  VersionConflict = 'version_conflict',
  InvalidTransition = 'invalid_transition',
  PayloadTooLarge = 'payload_too_large',
  UnsupportedMediaType = 'unsupported_media_type',
  IncompleteRequest = 'incomplete_request',
  RuleViolation = 'rule_violation',
  TooManyRequests = 'too_many_requests',
  Unavailable = 'unavailable',
  /** The same Idempotency-Key sent again with another body or route. */
  IdempotencyKeyReused = 'idempotency_key_reused',
  /** An account with this e-mail exists already. */
  AlreadyExists = 'already_exists',
  /** The user's role requires a second factor and none is enrolled yet: only enrolment is open. */
  SecondFactorEnrollmentRequired = 'second_factor_enrollment_required',
}

export const ERROR_STATUS: Record<ErrorCode, number> = {
  [ErrorCode.ValidationFailed]: 400,
  [ErrorCode.Unauthorized]: 401,
  [ErrorCode.Forbidden]: 403,
  [ErrorCode.LiaisonNotAuthorized]: 403,
  [ErrorCode.NotFound]: 404,
  [ErrorCode.VersionConflict]: 409,
  [ErrorCode.InvalidTransition]: 409,
  [ErrorCode.PayloadTooLarge]: 413,
  [ErrorCode.UnsupportedMediaType]: 415,
  [ErrorCode.IncompleteRequest]: 422,
  [ErrorCode.RuleViolation]: 422,
  [ErrorCode.TooManyRequests]: 429,
  [ErrorCode.Unavailable]: 503,
  [ErrorCode.IdempotencyKeyReused]: 422,
  [ErrorCode.AlreadyExists]: 409,
  [ErrorCode.SecondFactorEnrollmentRequired]: 403,
};

/** The code of a refusal raised with a status alone (by Fastify before a route runs, or by Nest): the usual one for it. */
export const CODE_OF_STATUS: Readonly<Partial<Record<number, ErrorCode>>> = {
  400: ErrorCode.ValidationFailed,
  401: ErrorCode.Unauthorized,
  403: ErrorCode.Forbidden,
  404: ErrorCode.NotFound,
  413: ErrorCode.PayloadTooLarge,
  415: ErrorCode.UnsupportedMediaType,
  429: ErrorCode.TooManyRequests,
  503: ErrorCode.Unavailable,
};

/** A refusal the user can act on. `details` is merged into the error body (e.g. `missing`, `violations`). */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}
