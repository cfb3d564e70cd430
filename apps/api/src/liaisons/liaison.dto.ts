import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { DIRECTORY_STATUSES, type DirectoryStatus } from '@enlace/persistence';
import { COUNTRY_CODES, type CountryCode } from '@enlace/workflows';

const REASON = 2_000;

export class ListLiaisonsQuery {
  @ApiPropertyOptional({ enum: COUNTRY_CODES, example: 'MX', description: "Only this country's liaisons" })
  @IsOptional()
  @IsIn(COUNTRY_CODES)
  country?: CountryCode;

  @ApiPropertyOptional({ enum: DIRECTORY_STATUSES, example: 'authorized' })
  @IsOptional()
  @IsIn(DIRECTORY_STATUSES)
  status?: DirectoryStatus;
}

export class CandidatesQuery {
  @ApiPropertyOptional({ enum: COUNTRY_CODES, example: 'HN', description: "The admin's filter; a supervisor always sees their own country" })
  @IsOptional()
  @IsIn(COUNTRY_CODES)
  country?: CountryCode;
}

export class NominateLiaisonDto {
  @ApiPropertyOptional({ example: 'Propuesto por la Fiscalía Especial contra la Trata de Personas y el Tráfico de Migrantes.', maxLength: REASON })
  @IsOptional()
  @IsString()
  @MaxLength(REASON)
  comment?: string;
}

export class AuthorizeLiaisonDto {
  @ApiProperty({
    example: '2027-12-31',
    format: 'date',
    description: 'The last day on which the liaison may act (YYYY-MM-DD); must be after today (422 rule_violation otherwise)',
  })
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'validUntil must be a date (YYYY-MM-DD)' })
  validUntil: string;
}

export class RevokeLiaisonDto {
  @ApiProperty({ example: 'Trasladado a otra fiscalía a partir del 1 de diciembre.', maxLength: REASON })
  @IsString()
  @Matches(/\S/, { message: 'reason must not be blank' })
  @MaxLength(REASON)
  reason: string;
}

export class DirectoryEntryDto {
  @ApiProperty({ format: 'uuid', example: '3b1f6a0e-8c1d-4b9e-9d7a-2f4e5c6d7a8b' }) userId: string;
  @ApiProperty({ example: 'Jorge Ramírez Peña' }) name: string;
  @ApiProperty({ example: 'fiscal.mx@demo.enlace' }) email: string;
  @ApiProperty({ nullable: true, type: String, example: 'Unidad Especializada en Tráfico de Migrantes, Fiscalía General de la República' })
  office: string | null;
  @ApiProperty({ enum: COUNTRY_CODES, example: 'MX' }) country: CountryCode;
  @ApiProperty({
    enum: DIRECTORY_STATUSES,
    example: 'authorized',
    description: '`expired` is an authorization whose validUntil is before today',
  })
  status: DirectoryStatus;
  @ApiProperty({ nullable: true, type: String, format: 'date', example: '2027-12-31' }) validUntil: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', example: '2026-11-28T14:05:00.000Z', description: 'Last recorded change' })
  changedAt: string | null;
}

export class CandidateDto {
  @ApiProperty({ format: 'uuid', example: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d' }) userId: string;
  @ApiProperty({ example: 'Carlos Alberto Mejía' }) name: string;
  @ApiProperty({ example: 'fiscal.hn@demo.enlace' }) email: string;
  @ApiProperty({ nullable: true, type: String, example: 'Fiscalía Especial contra la Trata de Personas y el Tráfico de Migrantes, Ministerio Público' })
  office: string | null;
  @ApiProperty({ enum: COUNTRY_CODES, example: 'HN' }) country: CountryCode;
}

class DirectoryActorDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'cancilleria' }) role: string;
  @ApiProperty({ nullable: true, type: String, example: 'HN' }) country: string | null;
}

export class DirectoryHistoryItemDto {
  @ApiProperty({ example: 4, description: 'Position in the directory’s single hash chain' }) seq: number;
  @ApiProperty({ enum: ['NOMINATE', 'AUTHORIZE', 'REVOKE', 'EXPIRE'], example: 'AUTHORIZE' }) event: string;
  @ApiProperty({ example: 'nominated' }) from: string;
  @ApiProperty({ example: 'authorized' }) to: string;
  @ApiProperty({ nullable: true, type: String, format: 'date', example: '2027-12-31' }) validUntil: string | null;
  @ApiProperty({ nullable: true, type: String, example: null }) reason: string | null;
  @ApiProperty({ nullable: true, type: DirectoryActorDto, description: 'null when the platform recorded it (an expiry)' })
  actor: DirectoryActorDto | null;
  @ApiProperty({ format: 'date-time', example: '2026-11-28T14:05:00.000Z' }) at: string;
}
