// The response shapes of /api/requests, for the OpenAPI document (the service returns plain objects
// of the types in libs/requests; these classes only describe them).
import { ApiProperty, PartialType } from '@nestjs/swagger';
import { COUNTRY_CODES, REQUEST_EVENT_TYPES, type CountryCode } from '@enlace/workflows';
import { STATES } from './list-requests.query.js';
import { CreateRequestDto } from './request-fields.dto.js';

class StageDto {
  @ApiProperty({ enum: STATES }) state: string;
  @ApiProperty({ format: 'date-time' }) enteredAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'null while the request is in this state' }) exitedAt: string | null;
}

class CreatorDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

class ExecutingAuthorityDto {
  @ApiProperty({ example: 'Fiscalía Especializada en Delitos contra Migrantes, FGR' }) office: string;
  @ApiProperty({ format: 'date-time' }) assignedAt: string;
}

class ConditionsDto {
  @ApiProperty({ description: 'The conditions the requested central authority proposed (UNTOC art. 18(26))' }) text: string;
  @ApiProperty({ format: 'date-time' }) proposedAt: string;
  @ApiProperty({ type: String, enum: ['accepted', 'declined'], nullable: true, description: "The requesting side's answer, null while awaited" }) answer: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) answeredAt: string | null;
}

class HandlingDto {
  @ApiProperty({ type: ExecutingAuthorityDto, nullable: true, description: 'The office the requested central authority gave the execution to (ASSIGN)' })
  executingAuthority: ExecutingAuthorityDto | null;
  @ApiProperty({ type: ConditionsDto, nullable: true }) conditions: ConditionsDto | null;
  @ApiProperty({ type: String, nullable: true, example: 'untoc_18_21_b', description: 'REFUSE: the ground cited, one of the route’s refusalGrounds' })
  refusalGround: string | null;
}

class AdvanceCopyDto {
  @ApiProperty({ enum: ['interpol', 'oral', 'email', 'fax'], description: "The channel, one of the route's advanceCopy.channels (channels.json)" }) channel: string;
  @ApiProperty({ format: 'date', example: '2026-03-02' }) sentOn: string;
  @ApiProperty({ example: 'INTERPOL GT/2026/0415' }) reference: string;
  @ApiProperty({ format: 'date-time' }) recordedAt: string;
  @ApiProperty({ format: 'date', description: 'The last day on which the formal transmission confirms it in time (sentOn + the route’s confirmWithinDays)' }) confirmBy: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When TRANSMIT confirmed it' }) confirmedAt: string | null;
  @ApiProperty({ enum: ['awaiting_confirmation', 'confirmed', 'confirmed_late'] }) status: string;
}

class FollowUpDto {
  @ApiProperty({ type: AdvanceCopyDto, nullable: true, description: 'RECORD_ADVANCE_COPY: the urgent advance copy sent before the formal request (UNTOC art. 18(13)-(14))' })
  advanceCopy: AdvanceCopyDto | null;
}

/** The contract's "representation": the fields the viewer may read, and what the viewer may do next. */
export class RequestRepresentationDto extends PartialType(CreateRequestDto) {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'GT-MX-2026-000123' }) reference: string;
  @ApiProperty({ enum: STATES }) state: string;
  @ApiProperty({ minimum: 1, description: 'Send it back as expectedVersion with the next change' }) version: number;
  @ApiProperty({ enum: COUNTRY_CODES }) requestingCountry: string;
  @ApiProperty({ enum: COUNTRY_CODES }) override requestedCountry: CountryCode;
  @ApiProperty({ type: CreatorDto }) createdBy: CreatorDto;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ enum: REQUEST_EVENT_TYPES, isArray: true, description: 'The events this user may send now' }) availableEvents: string[];
  @ApiProperty({ type: [String], description: 'The fields SUBMIT still needs' }) missing: string[];
  @ApiProperty({ type: [StageDto], description: 'Every state the request went through, oldest first' }) stages: StageDto[];
  @ApiProperty({ enum: ['full', 'protected'], description: 'protected: protected persons by initials, masked in the texts' })
  disclosure: string;
  @ApiProperty({ type: HandlingDto, description: "The requested side's handling as the requesting side is told of it (extension, issue 13)" })
  handling: HandlingDto;
  @ApiProperty({ type: FollowUpDto, description: "The requesting side's follow-up beyond its documents (extension, issue 13)" })
  followUp: FollowUpDto;
}

export class RequestPageDto {
  @ApiProperty({ type: [RequestRepresentationDto] }) items: RequestRepresentationDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

class ActorDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'fiscal' }) role: string;
  @ApiProperty({ type: String, nullable: true, enum: COUNTRY_CODES }) country: string | null;
}

/** One row of the hash-chained history: who moved the request from where to where, and why. */
export class HistoryItemDto {
  @ApiProperty({ minimum: 1 }) seq: number;
  @ApiProperty({ example: 'AUTHORIZE', description: 'CREATE, EDIT or a lifecycle event' }) event: string;
  @ApiProperty({ type: String, nullable: true, enum: STATES }) from: string | null;
  @ApiProperty({ enum: STATES }) to: string;
  @ApiProperty({ type: ActorDto }) actor: ActorDto;
  @ApiProperty({ type: String, nullable: true }) comment: string | null;
  @ApiProperty({ format: 'date-time' }) at: string;
}
