import { ApiProperty } from '@nestjs/swagger';
import { ACCESS_ACTIONS } from '@enlace/persistence';
import { ROLES } from '@enlace/workflows';
import { IsISO8601, Matches } from 'class-validator';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const dayMessage = '$property must be a date YYYY-MM-DD';
const OUTCOMES = ['allowed', 'refused', 'failed'];

export class AccessLogQuery {
  @ApiProperty({ format: 'date', example: '2026-12-01', description: 'First day (UTC) of the period' })
  @Matches(DAY, { message: dayMessage })
  @IsISO8601({ strict: true }, { message: dayMessage })
  from: string;

  @ApiProperty({ format: 'date', example: '2026-12-31', description: 'Last day (UTC, included) of the period' })
  @Matches(DAY, { message: dayMessage })
  @IsISO8601({ strict: true }, { message: dayMessage })
  to: string;
}

class AccessActorDto {
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) id: string | null;
  @ApiProperty({ type: String, nullable: true }) name: string | null;
  @ApiProperty({ type: String, nullable: true, enum: ROLES }) role: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'MX' }) country: string | null;
}

export class CaseAccessDto {
  @ApiProperty({ description: 'Position in the access log’s hash chain' }) seq: number;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ type: AccessActorDto }) actor: AccessActorDto;
  @ApiProperty({ enum: ACCESS_ACTIONS }) action: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'document.download: the document' }) documentId: string | null;
  @ApiProperty({ enum: OUTCOMES, description: 'allowed (2xx), refused (4xx: the attempt was turned away), failed (5xx)' }) outcome: string;
  @ApiProperty({ description: 'The HTTP status answered' }) status: number;
}

export class AccessExportRowDto {
  @ApiProperty() seq: number;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'null: a sign-in with an e-mail no account has' }) actorId: string | null;
  @ApiProperty({ type: String, nullable: true, enum: ROLES }) actorRole: string | null;
  @ApiProperty({ type: String, nullable: true }) actorCountry: string | null;
  @ApiProperty({ enum: ACCESS_ACTIONS }) action: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) requestId: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) documentId: string | null;
  @ApiProperty({ enum: OUTCOMES }) outcome: string;
  @ApiProperty() status: number;
  @ApiProperty({ type: String, nullable: true, description: 'The client address' }) address: string | null;
  @ApiProperty({ description: 'Hash of the row before it in the chain' }) prevHash: string;
  @ApiProperty({ description: 'SHA-256 over this row’s fields and prevHash' }) hash: string;
}
