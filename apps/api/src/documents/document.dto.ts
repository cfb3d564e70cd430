// The response shapes of the document routes, for the OpenAPI document.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { DOCUMENT_KINDS } from '@enlace/workflows';
import { MAX_PAGE } from '../http/validation.js';

export class DocumentItemDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: DOCUMENT_KINDS }) kind: string;
  @ApiProperty({ minimum: 1 }) revision: number;
  @ApiProperty({ enum: ['pending', 'ready', 'failed'] }) status: string;
  @ApiProperty({ type: String, nullable: true, description: 'SHA-256 of the PDF, once ready' }) sha256: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The verification code: printed in the footer of every page, cited by the next document, accepted by the verification',
  })
  contentHash: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class VerifiedDocumentDto {
  @ApiProperty({ enum: DOCUMENT_KINDS }) kind: string;
  @ApiProperty({ example: 'GT-MX-2026-000123' }) reference: string;
  @ApiProperty() revision: number;
  @ApiProperty() sha256: string;
  @ApiProperty({ description: 'The hash printed on the pages' }) contentHash: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class FailedDocumentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: DOCUMENT_KINDS }) kind: string;
  @ApiProperty({ minimum: 1 }) revision: number;
  @ApiProperty({ description: 'Attempts spent in the last round' }) attempts: number;
  @ApiProperty({ type: String, nullable: true, description: 'The first line of the last rendering error (never content of the request)' }) lastError: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'uuid' }) requestId: string;
  @ApiProperty({ example: 'GT-MX-2026-000123' }) reference: string;
  @ApiProperty({ example: 'GT' }) requestingCountry: string;
  @ApiProperty({ example: 'MX' }) requestedCountry: string;
}

export class FailedDocumentsPageDto {
  @ApiProperty({ type: [FailedDocumentDto] }) items: FailedDocumentDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class FailedDocumentsQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE, default: 1 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_PAGE) page: number = 1;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 25 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) pageSize: number = 25;
}
