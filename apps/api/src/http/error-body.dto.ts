import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

class FieldErrorDto {
  @ApiProperty({ example: 'offense.name' }) field: string;
  @ApiProperty({ example: 'isNotEmpty', description: 'The rule broken; `unknown_property` for a field the API does not take' }) rule: string;
  @ApiPropertyOptional() message?: string;
}

class ViolationDto {
  @ApiProperty({ example: 'legalBasis' }) field: string;
  @ApiProperty({ example: 'not_in_force_between:GT-MX', description: 'The rule of the pair of countries the field breaks' }) rule: string;
}

/** Every error answer: a code the client can act on, a message for people, and the details of the code. */
export class ErrorBodyDto {
  @ApiProperty({ example: 422 }) statusCode: number;
  @ApiProperty({
    example: 'incomplete_request',
    description:
      'validation_failed, unauthorized, forbidden, liaison_not_authorized, not_found, version_conflict, invalid_transition, ' +
      'payload_too_large, unsupported_media_type, incomplete_request, rule_violation, too_many_requests, unavailable, already_exists',
  })
  error: string;
  @ApiProperty() message: string;
  @ApiPropertyOptional({ type: [FieldErrorDto], description: 'validation_failed: each field at fault' }) fields?: FieldErrorDto[];
  @ApiPropertyOptional({ type: [String], description: 'incomplete_request: the fields the event needs and the request lacks', example: ['translation'] })
  missing?: string[];
  @ApiPropertyOptional({ type: [ViolationDto], description: 'incomplete_request, rule_violation: the rules the request breaks' })
  violations?: ViolationDto[];
  @ApiPropertyOptional({ description: 'version_conflict: the version the request is at' }) currentVersion?: number;
  @ApiPropertyOptional({ description: 'invalid_transition: the state the request is in' }) state?: string;
  @ApiPropertyOptional({ description: 'too_many_requests: seconds to wait, as the Retry-After header says' }) retryAfterSeconds?: number;
  @ApiPropertyOptional({ description: 'too_many_requests: whether sign-in with this e-mail is locked for a while (after repeated failures)' })
  locked?: boolean;
}
