import type { Multipart } from '@fastify/multipart';
import { DomainError, ErrorCode, findUnsafeText, unsafeTextRefusal } from '@enlace/core';
import type { PageRequest } from './web-request.js';

/** The rule a multipart body breaks when it is not well-formed: the field named is the file's. */
export const MALFORMED_MULTIPART = 'malformed_multipart';

/**
 * Whether a multipart parser (busboy, under @fastify/multipart) refused the body itself: no boundary
 * in the Content-Type, a boundary it cannot search for, or a body that ends before its closing
 * boundary (a cut connection, a truncated upload). These are plain Errors without a status or a
 * system code; a disk or database failure while a part is stored has a code and stays a 500.
 */
function isMalformedBody(error: unknown): boolean {
  if (!(error instanceof Error) || error instanceof DomainError) return false;
  const { statusCode, code } = error as { statusCode?: unknown; code?: unknown };
  if (statusCode !== undefined || code !== undefined) return false;
  return /multipart|boundary|needle/i.test(error.message);
}

/**
 * Reads a multipart body part by part (each part, a file included, must be consumed by `each` before
 * the next arrives). A body the parser cannot read is the sender's mistake, answered 400
 * validation_failed naming `field` (the file the form sends), never a 500: a client can send it again.
 */
export async function forEachPart(request: PageRequest, field: string, each: (part: Multipart) => Promise<void>): Promise<void> {
  try {
    for await (const part of request.parts()) {
      // A text field of the form is checked like an urlencoded form's (the Form decorator).
      const unsafe = part.type === 'field' ? findUnsafeText(part.value, part.fieldname) : null;
      if (unsafe) throw unsafeTextRefusal(unsafe);
      await each(part);
    }
  } catch (error) {
    if (!isMalformedBody(error)) throw error;
    throw new DomainError(ErrorCode.ValidationFailed, `The multipart body could not be read (${error instanceof Error ? error.message : ''}): send the form again with the file as "${field}"`, {
      fields: [{ field, rule: MALFORMED_MULTIPART }],
    });
  }
}

/** Whether `error` is forEachPart's refusal of an unreadable body. */
export const isMalformedMultipart = (error: unknown): boolean =>
  error instanceof DomainError && error.code === ErrorCode.ValidationFailed && (error.details.fields as { rule?: string }[] | undefined)?.some((f) => f.rule === MALFORMED_MULTIPART) === true;
