import { Injectable, applyDecorators, createParamDecorator, type ExecutionContext, type PipeTransform } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { DomainError, ErrorCode } from '@enlace/core';

const KEY = /^[\x21-\x7e]{1,255}$/;

@Injectable()
class IdempotencyKeyPipe implements PipeTransform<string | undefined, string | undefined> {
  transform(value: string | undefined): string | undefined {
    if (value === undefined) return undefined;
    if (!KEY.test(value)) {
      throw new DomainError(ErrorCode.ValidationFailed, 'Idempotency-Key must be 1 to 255 visible ASCII characters', {
        fields: [{ field: 'Idempotency-Key', rule: 'format' }],
      });
    }
    return value;
  }
}

const header = createParamDecorator(
  (_: unknown, context: ExecutionContext) => context.switchToHttp().getRequest<{ headers: Record<string, string | undefined> }>().headers['idempotency-key'],
);

/** The `Idempotency-Key` request header, validated (400 when malformed); undefined when absent. */
export const IdempotencyKeyHeader = () => header(undefined, IdempotencyKeyPipe);

/** Documents the header on a route that honours it. */
export const ApiIdempotencyKey = () =>
  applyDecorators(
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description:
        'Any unique string (1-255 visible ASCII characters, e.g. a UUID) that makes a retry safe: the first answer of the change ' +
        'is kept 24 h for this user and key, and the same key with the same body gets it again (even concurrently) instead of ' +
        'a second change or a 409. The same key with another body or route answers 422 `idempotency_key_reused`.',
    }),
  );
