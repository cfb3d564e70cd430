// The response shapes of the document routes, for the OpenAPI document.
import { ApiProperty } from '@nestjs/swagger';
import { DOCUMENT_KINDS } from '@enlace/workflows';

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
