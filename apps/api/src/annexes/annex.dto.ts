import { ApiProperty } from '@nestjs/swagger';
import { ANNEX_KINDS, ANNEX_MEDIA_TYPES } from '@enlace/requests';

export class AnnexDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ANNEX_KINDS }) kind: string;
  @ApiProperty({ enum: ['es', 'en', 'fr'] }) language: string;
  @ApiProperty() description: string;
  @ApiProperty({ description: 'A safe download name with the extension of the detected type' }) filename: string;
  @ApiProperty({ enum: ANNEX_MEDIA_TYPES, description: 'Judged from the content' }) mediaType: string;
  @ApiProperty({ description: 'SHA-256 of the file, as the standardized form and the transmission note list it' }) sha256: string;
  @ApiProperty() sizeBytes: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}
