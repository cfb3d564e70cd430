import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { DomainError, ErrorCode, findUnsafeText, unsafeTextRefusal } from '@enlace/core';

function flatten(errors: ValidationError[], prefix = ''): { field: string; rule: string; message: string }[] {
  return errors.flatMap((error) => {
    const field = /^\d+$/.test(error.property) ? `${prefix}[${error.property}]` : prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([rule, message]) => ({
      field,
      rule: rule === 'whitelistValidation' ? 'unknown_property' : rule,
      message,
    }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/**
 * The query string and path parameters of every route, pages and API, go through the same check
 * as a JSON body's texts: a NUL reaching an ILIKE parameter made PostgreSQL refuse the statement
 * (a 500), and a bidirectional control would make a search read as another.
 */
class InputPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'query' || metadata.type === 'param') {
      const unsafe = findUnsafeText(value, metadata.data ?? '');
      if (unsafe) throw unsafeTextRefusal(unsafe);
    }
    return super.transform(value, metadata);
  }
}

/** Rejects unknown properties and wrong types with 400, naming each field at fault. */
export const validationPipe = () =>
  new InputPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const fields = flatten(errors);
      return new DomainError(
        ErrorCode.ValidationFailed,
        fields.map((f) => `${f.field}: ${f.message}`).join('; ') || 'The input is not valid',
        { fields },
      );
    },
  });

/**
 * A page form's fields through the DTO the API checks the same input with: the same limits, the same
 * refusal (400 naming each field), whichever door the input came through; a NUL or a bidirectional
 * control is refused as in a JSON body, so that a form reading its fields with `@Form(CHECKED_BY_HANDLER)`
 * shows that refusal beside the field like its others.
 */
export const validated = async <T extends object>(metatype: new () => T, value: object): Promise<T> => {
  const unsafe = findUnsafeText(value);
  if (unsafe) throw unsafeTextRefusal(unsafe);
  return validationPipe().transform(value, { type: 'body', metatype }) as Promise<T>;
};

/** The last page a list serves: far beyond any real list, well inside PostgreSQL's OFFSET range. */
export const MAX_PAGE = 100_000;
