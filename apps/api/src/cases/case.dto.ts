// The shapes of /api/cases and of "also ask", for the OpenAPI document (the service returns plain
// objects of the types in libs/requests/cases.service.ts).
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { COUNTRY_CODES, type CountryCode } from '@enlace/workflows';
import { STATES } from '../requests/list-requests.query.js';
import { RequestRepresentationDto } from '../requests/request-representation.dto.js';
import { MAX_PAGE } from '../http/validation.js';

export class AlsoAskDto {
  @ApiProperty({ enum: COUNTRY_CODES, example: 'US', description: 'The country also asked: a member country, not the requesting one, not one already asked in the case' })
  @IsIn(COUNTRY_CODES)
  requestedCountry: CountryCode;
}

export class ListCasesQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only the case this request belongs to' }) @IsOptional() @IsUUID() requestId?: string;
  @ApiPropertyOptional({ default: 1, minimum: 1, maximum: MAX_PAGE }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_PAGE) page = 1;
  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: 100 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100)
  pageSize = 20;
}

class CaseMemberDto {
  @ApiProperty({ format: 'uuid' }) requestId: string;
  @ApiProperty({ example: 'GT-US-2026-000124' }) reference: string;
  @ApiProperty({ enum: COUNTRY_CODES }) requestedCountry: string;
  @ApiProperty({ type: String, nullable: true, description: 'As the viewer may read it (protected persons masked)' }) title: string | null;
  @ApiProperty({ enum: STATES }) state: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: "The request's route as in its representation (channel, basis, transmitter, via, receiver, fixed); null before SUBMIT",
  })
  route: Record<string, unknown> | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the current stage is due, where it has a service level' }) dueAt: string | null;
  @ApiProperty({ description: 'The current stage is past its due date' }) overdue: boolean;
  @ApiProperty({ format: 'date-time' }) addedAt: string;
}

/** A case: one investigation, the requests to each country asked, each shown only as far as the viewer may see that request. */
export class CaseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'MP-FECTM-2026-0457', description: "The requesting side's file number (of the first request), else its reference" }) investigationReference: string;
  @ApiProperty({ enum: COUNTRY_CODES }) requestingCountry: string;
  @ApiProperty({ type: String, nullable: true, description: 'The office of the fiscal who opened the case' }) office: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: [CaseMemberDto], description: 'The requests of the case this viewer may see, in the order they were asked' }) members: CaseMemberDto[];
}

export class CasePageDto {
  @ApiProperty({ type: [CaseDto] }) items: CaseDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class AlsoAskAnswerDto {
  @ApiProperty({ type: RequestRepresentationDto, description: 'The new draft to the country also asked: facts, persons, offences and measures copied; legal bases, translations and informal exchanges to be chosen again' })
  request: RequestRepresentationDto;
  @ApiProperty({ type: CaseDto }) case: CaseDto;
}
