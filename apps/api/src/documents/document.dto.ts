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

class SealOfficeDto {
  @ApiProperty({ example: 'GT-MINEX', description: 'The office id of the reviewed data (workflows/rules/offices.json)' }) id: string;
  @ApiProperty({ example: 'GT' }) country: string;
  @ApiProperty({ example: 'Ministerio de Relaciones Exteriores de la República de Guatemala' }) institution: string;
}

export class SealDto {
  @ApiProperty({ description: 'The file carries a signature' }) sealed: boolean;
  @ApiProperty({ description: 'The seal covers every byte, its signature matches, and its certificate chains to a trusted authority' }) valid: boolean;
  @ApiProperty({
    required: false,
    enum: ['not_sealed', 'several_signatures', 'byte_range_incomplete', 'malformed', 'digest_mismatch', 'bad_signature', 'signer_certificate_missing', 'signing_certificate_mismatch', 'untrusted_chain', 'certificate_not_valid_at_signing'],
  })
  problem?: string;
  @ApiProperty({ required: false, type: SealOfficeDto, description: 'The office that sealed, as its certificate names it' }) office?: SealOfficeDto;
  @ApiProperty({ required: false, description: 'The certification authority the certificate chains to' }) authority?: string;
  @ApiProperty({ required: false, format: 'date-time' }) signedAt?: string;
}

class PublicDocumentDto {
  @ApiProperty({ enum: [...DOCUMENT_KINDS, 'annex'], description: 'annex: a file attached to a request' }) kind: string;
  @ApiProperty({ required: false, description: 'For an annex: its kind (court_order, law_text, evidence, certified_translation, other)' }) annexKind?: string;
  @ApiProperty({ example: 'GT-MX-2026-000123' }) reference: string;
  @ApiProperty() revision: number;
  @ApiProperty({ example: 'GT' }) issuingCountry: string;
  @ApiProperty({ type: String, nullable: true }) issuingOffice: string | null;
  @ApiProperty({ format: 'date-time' }) issuedAt: string;
}

export class FileVerificationDto {
  @ApiProperty({ description: 'SHA-256 of the file sent' }) sha256: string;
  @ApiProperty({ type: PublicDocumentDto, nullable: true, description: 'The document these bytes are, never its content; null when Enlace issued no such file' })
  document: PublicDocumentDto | null;
  @ApiProperty({ type: SealDto }) seal: SealDto;
  @ApiProperty({ description: 'Both: a document Enlace issued, and a seal that holds' }) valid: boolean;
}
