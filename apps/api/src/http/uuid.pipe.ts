import { Injectable, type PipeTransform } from '@nestjs/common';
import { DomainError, ErrorCode } from '@enlace/core';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A malformed id is the client's mistake (400), not a missing request (404). */
@Injectable()
export class UuidPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!UUID.test(value)) {
      throw new DomainError(ErrorCode.ValidationFailed, 'The id is not a UUID', { fields: [{ field: 'id', rule: 'uuid' }] });
    }
    return value.toLowerCase();
  }
}
